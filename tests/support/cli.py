"""Running the `concord` command as a user does: a separate process with its own CONCORD_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def concord_env(home: Path, **extra: str) -> dict[str, str]:
    """This process's environment, with its own CONCORD_HOME and no Prefect server inherited."""
    env = dict(os.environ, CONCORD_HOME=str(home), COLUMNS="200", **extra)
    env.pop("PREFECT_API_URL", None)
    return env


def run_concord(
    env: dict[str, str], *args: str, timeout: float = 600
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "concord", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def allow_actor(*names: str, account: str = "clerk") -> str:
    """Map the OS user running the tests to a coordinator account (in this CONCORD_HOME) that
    may record each of `names` with --actor, as an admin would; returns the account's name."""
    from concord.usecases.actors import current_os_user, map_os_user
    from concord.usecases.users import add_user, open_user_store

    users = open_user_store()
    if users.user(account) is None:
        add_user(users, account, "coordinator", "a long enough password")
    map_os_user(users, current_os_user(), account, names, by_os_user=current_os_user())
    return account
