"""`concord user add NAME --role R --password-stdin`, `user token NAME`, `user list`, and
`user map OS_USER NAME [--may-act-as OTHER]` / `user unmap OS_USER`.

Accounts for the web desk and the API (kept in CONCORD_HOME/users.sqlite3, see
concord.storage.users). The password is read from standard input, never from an argument, so it
stays out of shell history and the process list. The command line signs nobody in: it records
the OS user who runs it, or the account an admin mapped that OS user to (`user map`), and
records another name given with --actor only where that mapping allows it.
"""

from __future__ import annotations

import sys

import typer

from concord.console import err_console, say
from concord.messages import t

user_app = typer.Typer(help="Accounts of the web desk and the API.", no_args_is_help=True)


@user_app.command("add")
def add(
    name: str = typer.Argument(..., help="user name (no spaces)"),
    role: str = typer.Option(..., "--role", help="admin, coordinator or viewer"),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="read the password from standard input (first line)"
    ),
) -> None:
    """Add a user who signs in to the web desk with a password."""
    from concord.errors import InvalidInput
    from concord.usecases.users import add_user, open_user_store

    if not password_stdin:
        raise InvalidInput(t("cli.user.password_stdin"))
    password = sys.stdin.readline().rstrip("\r\n")
    user = add_user(open_user_store(), name, role, password)
    say(user.name)
    role_name = t(f"role.{user.role.value}")
    err_console.print(t("cli.user.added", name=user.name, role=role_name), markup=False)


@user_app.command("token")
def token(name: str = typer.Argument(..., help="user name")) -> None:
    """Print a new API token for NAME (its previous token stops working)."""
    from concord.usecases.users import new_api_token, open_user_store

    say(new_api_token(open_user_store(), name))
    err_console.print(t("cli.user.token_once"), markup=False)


@user_app.command("list")
def list_users() -> None:
    """Every user and role, one per line (NAME<TAB>ROLE); then every OS user mapped to an
    account (os:OS_USER<TAB>NAME, then each other name it may record with --actor)."""
    from concord.usecases.users import open_user_store

    users = open_user_store()
    for user in users.users():
        say(f"{user.name}\t{user.role.value}")
    for mapped in users.os_users():
        say("\t".join((f"os:{mapped.os_user}", mapped.user.name, *mapped.may_act_as)))


@user_app.command("map")
def map_(
    os_user: str = typer.Argument(..., help="a login name on this machine"),
    name: str = typer.Argument(..., help="the account its commands record (concord user add)"),
    may_act_as: list[str] = typer.Option(
        [], "--may-act-as", help="another name it may record with --actor (repeat)"
    ),
) -> None:
    """Record NAME as the actor of the commands OS_USER runs, replacing any earlier mapping.

    With --actor, an OS user mapped to an admin account may name anyone; others only the
    --may-act-as names. Once an OS user is mapped to an admin account, only such OS users may
    change the mapping.
    """
    from concord.usecases.actors import current_os_user, map_os_user
    from concord.usecases.users import open_user_store

    mapped = map_os_user(open_user_store(), os_user, name, may_act_as, by_os_user=current_os_user())
    names = ", ".join(mapped.may_act_as)
    key = "cli.user.mapped_may_act_as" if names else "cli.user.mapped"
    err_console.print(
        t(key, os_user=mapped.os_user, user=mapped.user.name, names=names), markup=False
    )


@user_app.command("unmap")
def unmap(os_user: str = typer.Argument(..., help="a login name on this machine")) -> None:
    """Forget OS_USER's mapping: its commands record its OS user name again."""
    from concord.usecases.actors import current_os_user, unmap_os_user
    from concord.usecases.users import open_user_store

    done = unmap_os_user(open_user_store(), os_user, by_os_user=current_os_user())
    key = "cli.user.unmapped" if done else "cli.user.not_mapped"
    err_console.print(t(key, os_user=os_user.strip()), markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
