"""`concord web`: the web app for coordinators (read-only) and agencies (answer uploads)."""

from __future__ import annotations

import ipaddress

import typer


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def web(
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
    port: int = typer.Option(8000, "--port", help="port to listen on"),
) -> None:
    """Serve the coordinators' pages and the agencies' upload page."""
    import uvicorn

    from concord.web import create_app

    if not _loopback(host):
        # Coordinator pages have no login yet: anyone who reaches the port can read every draft.
        typer.echo(
            f"warning: listening on {host}: coordinator pages have no login; "
            "put an authenticating proxy in front",
            err=True,
        )
    uvicorn.run(create_app(), host=host, port=port)


def register(app: typer.Typer) -> None:
    app.command("web")(web)
