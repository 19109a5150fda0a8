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
