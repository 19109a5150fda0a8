"""`concord answer ROUND --agency NAME FILE`: store an agency's answer and announce it."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from concord.console import console, fail


def answer(
    round_id: str = typer.Argument(..., help="round id"),
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="the agency's .docx"),
    agency: str = typer.Option(..., "--agency", help="the answering agency (name or id)"),
    actor: str = typer.Option("cli", "--actor", help="who uploads it (audit trail)"),
) -> None:
    """Check FILE, store it as AGENCY's answer to ROUND, and tell the Concord server."""
    from concord.engine.errors import EngineError
    from concord.flows.submit_answer import submit_answer
    from concord.storage.errors import StorageError

    try:
        stored, new = submit_answer(
            round_id, agency, file.read_bytes(), filename=file.name, actor=actor
        )
    except (EngineError, StorageError) as err:
        fail(err)
    console.print(stored.key, markup=False, highlight=False)
    typer.echo(
        f"{'stored' if new else 'already stored (same file)'}: answer of {stored.agency.name}",
        err=True,
    )
    if not os.environ.get("PREFECT_API_URL"):
        typer.echo(
            "no Concord server is running (`concord up`): the answer is ingested at the "
            "deadline or by `concord merge`",
            err=True,
        )


def register(app: typer.Typer) -> None:
    app.command("answer")(answer)
