"""`concord up`: a Prefect server on this machine and Concord's worker, kept running.

`concord worker` runs the worker alone, for a Prefect server run elsewhere (docs/SCALE.md).
"""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import typer

from concord.console import console, err_console
from concord.messages import t
from concord.models import ConcordSettings
from concord.runtime import (
    DEFAULT_PORT,
    HOST,
    RuntimeFailure,
    api_url_file,
    free_port,
    running_api_url,
    start_server,
    start_worker,
    stop,
    wait_healthy,
)

# A child that keeps dying this soon after its start is broken, not unlucky: give up.
MIN_UPTIME = 10.0


class Supervised:
    """A child process restarted whenever it exits, unless it dies young twice in a row;
    `name` is its catalogue key ("cli.up.server", "cli.up.worker")."""

    def __init__(self, name: str, start: Callable[[], subprocess.Popen], log: Path) -> None:
        self.name, self.start, self.log = name, start, log
        self.young_deaths = 0
        self._start()

    def _start(self) -> None:
        self.proc = self.start()
        self.started = time.monotonic()
        # Beside the log: what an operator (or a test) signals to stop this one process.
        self.log.with_suffix(".pid").write_text(f"{self.proc.pid}\n")

    def check(self) -> None:
        if self.proc.poll() is None:
            return
        lived = time.monotonic() - self.started
        self.young_deaths = self.young_deaths + 1 if lived < MIN_UPTIME else 0
        if self.young_deaths >= 2:
            raise RuntimeFailure(t("cli.up.keeps_stopping", name=t(self.name), log=self.log))
        code = self.proc.returncode
        err_console.print(t("cli.up.restarting", name=t(self.name), code=code), markup=False)
        self._start()


def up(
    port: int = typer.Option(DEFAULT_PORT, "--port", help="preferred port (a free one if taken)"),
) -> None:
    """Start Prefect (SQLite under CONCORD_HOME/prefect, 127.0.0.1 only) and Concord's worker.

    Answers are then read as they arrive, complete rounds merged and deadlines kept without
    further commands; a process that stops is started again. Ctrl-C stops everything.
    """
    settings = ConcordSettings()
    running = running_api_url(settings)
    if running:
        err_console.print(t("cli.up.already", url=running), markup=False)
        raise typer.Exit(1)
    home = settings.prefect_home
    port = free_port(port)
    api_url = f"http://{HOST}:{port}/api"
    signal.signal(signal.SIGTERM, _interrupt)
    children: list[Supervised] = []
    try:
        server_log, worker_log = home / "server.log", home / "worker.log"
        children.append(
            Supervised("cli.up.server", lambda: start_server(port, server_log), server_log)
        )
        took = wait_healthy(api_url, children[0].proc)
        healthy = t("cli.up.healthy", seconds=f"{took:.1f}", log=server_log)
        err_console.print(healthy, markup=False)
        api_url_file(settings).write_text(api_url + "\n")
        children.append(
            Supervised("cli.up.worker", lambda: start_worker(api_url, worker_log), worker_log)
        )
        err_console.print(t("cli.up.worker_started", log=worker_log), markup=False)
        # The line scripts wait for (the same in every language): the service is ready.
        console.print(f"Concord is up. Prefect UI: http://{HOST}:{port}", markup=False)
        while True:
            for child in children:
                child.check()
            time.sleep(0.5)
    except RuntimeFailure as err:
        err_console.print(f"error [runtime]: {err}", markup=False)
        raise typer.Exit(1) from err
    except KeyboardInterrupt:
        err_console.print(t("cli.up.stopping"))
    finally:
        api_url_file(settings).unlink(missing_ok=True)
        stop([c.proc for c in children])


def worker() -> None:
    """Run Concord's worker in the foreground, against PREFECT_API_URL's server (if any)."""
    from concord.worker import main

    main()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    # SIGTERM (a service manager, a test) stops Concord the way Ctrl-C does.
    raise KeyboardInterrupt


def register(app: typer.Typer) -> None:
    app.command("up")(up)
    app.command("worker")(worker)
