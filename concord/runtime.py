"""Where Prefect keeps its state, and the local Prefect server `concord up` runs.

Prefect reads its settings when it is first imported, so `configure_prefect_env` must run before
anything imports prefect: `concord/__init__.py` calls it. Nothing here imports prefect.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
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


def _spawn(cmd: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        # A session of its own: stopping `concord up` stops the child and everything it started.
        # cwd: never the caller's folder, whose own `flows/` or `models.py` must not shadow ours.
        return subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=log.parent,
            start_new_session=True,
        )


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
