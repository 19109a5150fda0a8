"""Where Prefect keeps its state, and the local Prefect server `concord up` runs.

Prefect reads its settings when it is first imported, so `configure_prefect_env` must run before
anything imports prefect: `concord/__init__.py` calls it. Nothing here imports prefect.

No child outlives `concord up`, even killed with SIGKILL: each child runs under a guard
(`python -m concord.runtime --guard CMD...`, see `guard`), started in a session of its own with
PR_SET_PDEATHSIG, so the kernel sends the guard SIGTERM when `concord up` dies however it dies,
and the guard then stops its whole process group: the Prefect server or the serving process and
every flow run they started.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from concord.models import ConcordSettings

# Defaults only: a PREFECT_* variable the user set wins.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
    # An event-driven round should move in seconds, not in the default 10-15 s polls.
    "PREFECT_RUNNER_POLL_FREQUENCY": "1",
    "PREFECT_WORKER_QUERY_SECONDS": "1",
    "PREFECT_UI_SHOW_PROMOTIONAL_CONTENT": "false",
    # A fresh SQLite database runs every migration first: 16-23 s on two cores, over the default 20.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}
DEFAULT_PORT = 4200
HOST = "127.0.0.1"


class RuntimeFailure(RuntimeError):
    """The local Prefect server or the deployment server could not be started."""


def api_url_file(settings: ConcordSettings) -> Path:
    """Where `concord up` writes the running server's API URL for other `concord` commands."""
    return settings.prefect_home / "api-url"


def configure_prefect_env(settings: ConcordSettings | None = None) -> None:
    """Keep Prefect's files under CONCORD_HOME and find the server `concord up` started."""
    settings = settings or ConcordSettings()
    # Absolute: flow runs may start in another working directory.
    os.environ.setdefault("PREFECT_HOME", str(settings.prefect_home.resolve()))
    # Prefect only warns when it cannot make its home; make it (and CONCORD_HOME) here.
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
    if "PREFECT_API_URL" not in os.environ:
        url = running_api_url(settings)
        if url:
            os.environ["PREFECT_API_URL"] = url


def running_api_url(settings: ConcordSettings) -> str | None:
    """The API URL written by `concord up`, if a server still listens there."""
    path = api_url_file(settings)
    try:
        url = path.read_text().strip()
    except OSError:
        return None
    parts = urlsplit(url)
    if not parts.hostname or not parts.port or not port_open(parts.hostname, parts.port):
        return None
    return url


def prefect_healthy(api_url: str | None, timeout: float = 1.0) -> bool:
    if not api_url:
        return False
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def port_open(host: str, port: int, timeout: float = 0.3) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def free_port(preferred: int = DEFAULT_PORT) -> int:
    """`preferred` when nothing listens there, else a port the OS hands out."""
    if not port_open(HOST, preferred):
        return preferred
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(port: int, log: Path) -> subprocess.Popen:
    """`prefect server start` on SQLite under PREFECT_HOME, bound to loopback only."""
    cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", HOST, "--port", str(port)]
    return _spawn(cmd, log)


def start_worker(api_url: str, log: Path) -> subprocess.Popen:
    """Concord's long-lived worker (concord.worker): it runs every round's steps in-process."""
    # INFO: worker.log then shows every round advanced and what it did.
    env = {**os.environ, "PREFECT_API_URL": api_url, "PREFECT_LOGGING_LEVEL": "INFO"}
    return _spawn([sys.executable, "-m", "concord.worker"], log, env=env)


_PR_SET_PDEATHSIG = 1
_GUARD_GRACE = 10.0


def _die_with_parent_hook() -> Callable[[], None] | None:
    """What the child runs before exec to get SIGTERM when its parent dies (Linux only).

    prctl is looked up here, in the parent: a forked child must not load libraries (dlopen
    takes a lock another thread of the parent may have held at the fork)."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None

    def hook() -> None:
        prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)

    return hook


def _spawn(cmd: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    log.parent.mkdir(parents=True, exist_ok=True)
    die_with_parent = _die_with_parent_hook()
    guarded = [sys.executable, "-m", "concord.runtime", "--guard", *cmd]
    with log.open("ab") as out:
        # A session of its own: stopping `concord up` stops the child and everything it started.
        # cwd: never the caller's folder, whose own `flows/` or `models.py` must not shadow ours.
        return subprocess.Popen(
            guarded,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=log.parent,
            start_new_session=True,
            preexec_fn=die_with_parent,
        )


def guard(cmd: Sequence[str]) -> int:
    """Run `cmd` in this process group; on SIGTERM/SIGINT (from the parent's death via
    PDEATHSIG, or from `stop`) stop the whole group: SIGTERM, then SIGKILL after a grace."""
    child = subprocess.Popen(list(cmd))

    def stop_group(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(0, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=_GUARD_GRACE)
        # Whatever is left of the group goes, this guard with it.
        os.killpg(0, signal.SIGKILL)

    signal.signal(signal.SIGTERM, stop_group)
    signal.signal(signal.SIGINT, stop_group)
    if os.getppid() == 1:  # the parent died before PDEATHSIG was armed
        stop_group(signal.SIGTERM, None)
    return child.wait()


def wait_healthy(api_url: str, proc: subprocess.Popen, timeout: float = 90.0) -> float:
    """Seconds until GET /health answers; RuntimeFailure if the server exits or is too slow."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if proc.poll() is not None:
            raise RuntimeFailure(f"the Prefect server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise RuntimeFailure(f"the Prefect server did not answer within {timeout:.0f} s")


def stop(procs: Sequence[subprocess.Popen], grace: float = 10.0) -> None:
    """SIGTERM each child's process group, then SIGKILL whatever is left after `grace` seconds."""
    for proc in procs:
        _signal_group(proc, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for proc in procs:
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        # The group may outlive its leader (flow-run processes): kill what remains.
        _signal_group(proc, signal.SIGKILL)
        proc.wait()


def _signal_group(proc: subprocess.Popen, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, sig)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--guard"] and len(sys.argv) > 2:
        sys.exit(guard(sys.argv[2:]))
    sys.exit("usage: python -m concord.runtime --guard COMMAND...")
