"""`concord web`: the coordinators' desk (signed in), the agencies' pages and /api/v1."""

from __future__ import annotations

import ipaddress

import typer

from concord.messages import t


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
    """Serve the coordinators' desk, the agencies' pages and the API (/api/v1)."""
    import uvicorn

    from concord.web import create_app

    if not _loopback(host):
        # Session cookies are marked Secure only over https: say so rather than fail.
        typer.echo(t("cli.web.not_loopback", host=host), err=True)
    uvicorn.run(create_app(), host=host, port=port, proxy_headers=True)


def register(app: typer.Typer) -> None:
    app.command("web")(web)
