"""`concord user add NAME --role R --password-stdin`, `concord user token NAME`, `user list`.

Accounts for the web desk and the API (kept in CONCORD_HOME/users.sqlite3, see
concord.storage.users). The password is read from standard input, never from an argument, so it
stays out of shell history and the process list.
"""

from __future__ import annotations

import sys

import typer

from concord.console import err_console, say

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
        raise InvalidInput("give the password on standard input with --password-stdin")
    password = sys.stdin.readline().rstrip("\r\n")
    user = add_user(open_user_store(), name, role, password)
    say(user.name)
    err_console.print(f"added {user.name} ({user.role.value})", markup=False)


@user_app.command("token")
def token(name: str = typer.Argument(..., help="user name")) -> None:
    """Print a new API token for NAME (its previous token stops working)."""
    from concord.usecases.users import new_api_token, open_user_store

    say(new_api_token(open_user_store(), name))
    err_console.print(
        "Shown only this once; send it as `Authorization: Bearer <token>` to /api/v1.",
        markup=False,
    )


@user_app.command("list")
def list_users() -> None:
    """Every user and role."""
    from concord.usecases.users import open_user_store

    for user in open_user_store().users():
        say(f"{user.name}\t{user.role.value}")


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
