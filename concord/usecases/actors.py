"""Who the audit names for a `concord` command, and the admin's mapping that decides it.

The command line signs nobody in: it records the OS user who runs it, or the account an admin
mapped that OS user to (kept with the accounts, concord.storage.users), and records another name
given with --actor only where that mapping allows it. One function decides: `cli_actor`.
"""

from __future__ import annotations

import getpass
import os

from concord.errors import Forbidden, InvalidInput, NotFound
from concord.messages import t
from concord.models import ConcordSettings
from concord.storage.users import OsUser, Role, UserStore
from concord.usecases.users import open_user_store, users_path


def current_os_user() -> str:
    """The login name of whoever runs this process."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # neither LOGNAME/USER nor a password-database entry
        return f"uid-{os.getuid()}"


def cli_actor(
    requested: str | None = None,
    *,
    os_user: str | None = None,
    settings: ConcordSettings | None = None,
) -> str:
    """Who the audit names for a command: the account the OS user is mapped to, else the OS user.

    `requested` (`--actor NAME`) is recorded instead only when the mapping allows it: the OS user
    is mapped to an admin, or NAME is one of the names its mapping lists; otherwise Forbidden.
    """
    who = os_user or current_os_user()
    # No accounts file, no mapping: do not create one just to find that out.
    mapped = open_user_store(settings).os_user(who) if users_path(settings).exists() else None
    own = mapped.user.name if mapped else who
    wanted = (requested or "").strip()
    if not wanted or wanted == own:
        return own
    if mapped and (mapped.user.role is Role.ADMIN or wanted in mapped.may_act_as):
        return wanted
    raise Forbidden(
        t("cli.actor.refused", os_user=who, actor=wanted, own=own), code="actor_not_allowed"
    )


def _check_may_map(users: UserStore, by_os_user: str) -> None:
    """Once an OS user is mapped to an admin account, only such OS users change the mapping."""
    admins = [m.os_user for m in users.os_users() if m.user.role is Role.ADMIN]
    if admins and by_os_user not in admins:
        raise Forbidden(t("cli.user.admin_only", os_user=by_os_user, admins=", ".join(admins)))


def map_os_user(
    users: UserStore,
    os_user: str,
    user: str,
    may_act_as: list[str] | tuple[str, ...] = (),
    *,
    by_os_user: str,
) -> OsUser:
    """`concord` run by `os_user` records `user` (an account), or one of `may_act_as` when
    asked with --actor."""
    _check_may_map(users, by_os_user)
    os_user = os_user.strip()
    if not os_user or len(os_user) > 64 or any(c.isspace() for c in os_user):
        raise InvalidInput(t("cli.user.bad_os_user", name=repr(os_user)))
    account = users.user(user)
    if account is None:
        raise NotFound(t("cli.user.no_such", name=repr(user)))
    names = tuple(dict.fromkeys(n.strip() for n in may_act_as if n.strip()))
    users.map_os_user(os_user, account.name, names)
    return OsUser(os_user, account, names)


def unmap_os_user(users: UserStore, os_user: str, *, by_os_user: str) -> bool:
    """Forget `os_user`'s mapping (its commands record its OS name again); False if none."""
    _check_may_map(users, by_os_user)
    return users.unmap_os_user(os_user.strip())
