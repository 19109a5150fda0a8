"""`concord up`: a Prefect server on this machine, serving Concord's event-driven flows."""

from __future__ import annotations

import signal
import time
from types import FrameType

import typer

from concord.console import console, err_console
from concord.models import ConcordSettings
from concord.runtime import (
    DEFAULT_PORT,
    HOST,
    RuntimeFailure,
    api_url_file,
    free_port,
    running_api_url,
    start_server,
    start_serving,
    stop,
    wait_deployed,
    wait_healthy,
)

# Registered last by flows.deployments; when it exists, so do the others and their triggers.
DEPLOYMENTS = (
    "open-round/concord",
    "ingest-answer/concord",
    "merge-round/concord",
    "round-deadline/concord",
    "publish-version/concord",
)


def up(
    port: int = typer.Option(DEFAULT_PORT, "--port", help="preferred port (a free one if taken)"),
) -> None:
    """Start Prefect (SQLite under CONCORD_HOME/prefect, 127.0.0.1 only) and serve the flows.

    Answers uploaded with `concord answer` are then ingested, complete rounds merged and
    deadlines kept without further commands. Ctrl-C stops everything.
    """
    settings = ConcordSettings()
    running = running_api_url(settings)
    if running:
        err_console.print(f"Concord is already up: {running}", markup=False)
        raise typer.Exit(1)
    home = settings.prefect_home
    port = free_port(port)
    api_url = f"http://{HOST}:{port}/api"
    signal.signal(signal.SIGTERM, _interrupt)
    procs = []
    try:
        procs.append(start_server(port, home / "server.log"))
        took = wait_healthy(api_url, procs[0])
        err_console.print(f"Prefect server healthy in {took:.1f} s (log: {home / 'server.log'})")
        api_url_file(settings).write_text(api_url + "\n")
        procs.append(start_serving(api_url, home / "serve.log"))
        took = wait_deployed(api_url, DEPLOYMENTS, procs[1])
        err_console.print(f"deployments served in {took:.1f} s (log: {home / 'serve.log'})")
        console.print(f"Concord is up. Prefect UI: http://{HOST}:{port}", markup=False)
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
        err_console.print("a Concord process stopped unexpectedly; see the logs above")
        raise typer.Exit(1)
    except RuntimeFailure as err:
        err_console.print(f"error [runtime]: {err}", markup=False)
        raise typer.Exit(1) from err
    except KeyboardInterrupt:
        err_console.print("stopping")
    finally:
        api_url_file(settings).unlink(missing_ok=True)
        stop(procs)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    # SIGTERM (a service manager, a test) stops Concord the way Ctrl-C does.
    raise KeyboardInterrupt


def register(app: typer.Typer) -> None:
    app.command("up")(up)
