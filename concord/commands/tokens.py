"""`concord round tokens ROUND`: each agency's secret for answering ROUND on the web.

Only each token's SHA-256 is stored and stored objects never change, so a round's tokens are
printed once, when they are issued: hand each agency its own line.
"""

from __future__ import annotations

import typer

from concord.console import err_console, say


def tokens(
    round_id: str = typer.Argument(..., help="round id"),
    actor: str = typer.Option("cli", "--actor", help="who issues them (audit trail)"),
) -> None:
    """Issue and print one upload token per agency of ROUND (once: they cannot be shown again)."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.rounds import issue_tokens

    issued = issue_tokens(open_concord_store(), round_id, actor=actor)
    for agency, token in issued.items():
        if token is not None:
            say(f"{agency.name}\t{agency.id}\t{token}")
    held = [a.name for a, token in issued.items() if token is None]
    if held:
        err_console.print(f"already issued earlier, not shown again: {', '.join(held)}")
    err_console.print("Each token is shown only this once; only its SHA-256 is stored.")


def register(app: typer.Typer) -> None:
    # The `round` command group lives in concord.commands.round; this adds one command to it.
    from concord.commands.round import round_app

    round_app.command("tokens")(tokens)
