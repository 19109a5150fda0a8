"""concord.runtime: Prefect's home under CONCORD_HOME, the running server found or ignored."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys

from concord.models import ConcordSettings
from concord.runtime import api_url_file, free_port, running_api_url


def _prefect_env(home, code: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The PREFECT_* environment after `code` runs in a fresh interpreter, in an empty folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(CONCORD_HOME=str(home), **(extra or {}))
    code += (
        "\nimport json, os\n"
        "print(json.dumps({k: v for k, v in os.environ.items() if k.startswith('PREFECT_')}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=home.parent
    )
    return json.loads(out.stdout)


def _prefect_env_after_import(home, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The PREFECT_* environment a `concord` entry point sets up."""
    code = "from concord.runtime import configure_prefect_env; configure_prefect_env()"
    return _prefect_env(home, code, extra)


def test_importing_concord_changes_nothing(tmp_path):
    (tmp_path / "work").mkdir()
    env = _prefect_env(tmp_path / "work" / "h", "import concord, concord.cli, concord.web")
    assert env == {}
    assert list((tmp_path / "work").iterdir()) == []  # no ./.concord made, no CONCORD_HOME


def test_prefect_home_is_under_concord_home_and_user_settings_win(tmp_path):
    env = _prefect_env_after_import(tmp_path / "h")
    assert env["PREFECT_HOME"] == str((tmp_path / "h" / "prefect").resolve())
    assert env["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
    assert "PREFECT_API_URL" not in env  # no server written down: none assumed
    mine = _prefect_env_after_import(tmp_path / "h", {"PREFECT_LOGGING_LEVEL": "DEBUG"})
    assert mine["PREFECT_LOGGING_LEVEL"] == "DEBUG"


def test_the_api_url_is_used_only_while_a_server_listens(tmp_path):
    settings = ConcordSettings(home=tmp_path)
    api_url_file(settings).parent.mkdir(parents=True)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        api_url_file(settings).write_text(f"http://127.0.0.1:{port}/api\n")
        assert running_api_url(settings) == f"http://127.0.0.1:{port}/api"
        assert free_port(port) != port
    assert running_api_url(settings) is None  # stale file from a server that stopped


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ", 1)[1][0] != "Z"  # a zombie is dead, only not reaped
    except FileNotFoundError:
        return False


def test_children_of_a_killed_parent_die_with_it(tmp_path):
    """`concord up` killed with SIGKILL: its guarded child and the grandchild both go."""
    import signal
    import time

    log = tmp_path / "child.log"
    sleeper = (
        "import subprocess, sys, time\n"
        "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'])\n"
        "print('grandchild', p.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    parent_code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from concord.runtime import _spawn\n"
        f"proc = _spawn([sys.executable, '-c', {sleeper!r}], Path({str(log)!r}))\n"
        "print(proc.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", parent_code], stdout=subprocess.PIPE)
    guard = int(parent.stdout.readline())
    deadline = time.monotonic() + 20
    while "grandchild" not in (log.read_text() if log.exists() else ""):
        assert time.monotonic() < deadline, "the child never started"
        time.sleep(0.1)
    grandchild = int(log.read_text().split("grandchild", 1)[1].split()[0])
    assert _alive(guard) and _alive(grandchild)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    try:
        deadline = time.monotonic() + 15
        while (_alive(guard) or _alive(grandchild)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(guard) and not _alive(grandchild)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(guard, signal.SIGKILL)  # the guard leads its own group: never leave it
