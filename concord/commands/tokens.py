"""`concord round tokens ROUND`: each agency's secret for answering ROUND on the web.

Only each token's SHA-256 is stored and stored objects never change, so a round's tokens are
printed once, when they are issued: hand each agency its own line.
"""

from __future__ import annotations

import typer

from concord.console import fail


def tokens(
    round_id: str = typer.Argument(..., help="round id"),
    actor: str = typer.Option("cli", "--actor", help="who issues them (audit trail)"),
) -> None:
    """Issue and print one upload token per agency of ROUND (once: they cannot be shown again)."""
    from concord.models import ConcordSettings
    from concord.storage.errors import StorageError
    from concord.storage.factory import open_concord_store

    try:
        store = open_concord_store(ConcordSettings())
        rnd = store.round(round_id)
        issued = {a.id: store.issue_token(round_id, a.id, actor=actor) for a in rnd.agencies}
    except StorageError as err:
        fail(err)
    for agency in rnd.agencies:
        token = issued[agency.id]
        if token is not None:
            typer.echo(f"{agency.name}\t{agency.id}\t{token}")
    held = [a.name for a in rnd.agencies if issued[a.id] is None]
    if held:
        typer.echo(f"already issued earlier, not shown again: {', '.join(held)}", err=True)
    typer.echo("Each token is shown only this once; only its SHA-256 is stored.", err=True)


def register(app: typer.Typer) -> None:
    # The `round` command group lives in concord.commands.round; this adds one command to it.
    from concord.commands.round import round_app

    round_app.command("tokens")(tokens)
