"""`concord answer ROUND --agency NAME FILE`: store an agency's answer and announce it."""

from __future__ import annotations

from pathlib import Path

import typer

from concord.console import err_console, say


def answer(
    round_id: str = typer.Argument(..., help="round id"),
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="the agency's .docx"),
    agency: str = typer.Option(..., "--agency", help="the answering agency (name or id)"),
    actor: str = typer.Option("cli", "--actor", help="who uploads it (audit trail)"),
) -> None:
    """Check FILE, store it as AGENCY's answer to ROUND, and tell the Concord server."""
    from concord.flows import service
    from concord.storage.factory import open_concord_store
    from concord.usecases.answers import submit_answer

    stored, new = submit_answer(
        open_concord_store(), round_id, agency, file, filename=file.name, actor=actor
    )
    say(stored.key)
    what = "stored" if new else "already stored (same file)"
    err_console.print(f"{what}: answer of {stored.agency.name}", markup=False)
    if not service.answer_stored(stored):
        err_console.print(
            "no Concord server is running (`concord up`): the answer is ingested at the "
            "deadline or by `concord merge`",
            markup=False,
        )


def register(app: typer.Typer) -> None:
    app.command("answer")(answer)
