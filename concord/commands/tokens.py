"""`concord round tokens ROUND`: each agency's secret for answering ROUND on the web.

Only each token's SHA-256 is stored and stored objects never change, so a round's tokens are
printed once, when they are issued: hand each agency its own line.
"""

from __future__ import annotations

import typer

from concord.commands._options import actor_option
from concord.console import err_console, say
from concord.messages import t


def tokens(
    round_id: str = typer.Argument(..., help="round id"),
    actor: str | None = actor_option(),
) -> None:
    """Issue and print one upload token per agency of ROUND (once: they cannot be shown again)."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.actors import cli_actor
    from concord.usecases.rounds import issue_tokens

    by = cli_actor(actor)
    issued = issue_tokens(open_concord_store(), round_id, actor=by)
    for agency, token in issued.items():
        if token is not None:
            say(f"{agency.name}\t{agency.id}\t{token}")
    held = [a.name for a, token in issued.items() if token is None]
    if held:
        err_console.print(t("cli.tokens.held", names=", ".join(held)), markup=False)
    err_console.print(t("cli.tokens.once"), markup=False)


def register(app: typer.Typer) -> None:
    # The `round` command group lives in concord.commands.round; this adds one command to it.
    from concord.commands.round import round_app

    round_app.command("tokens")(tokens)
