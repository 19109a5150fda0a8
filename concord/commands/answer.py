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
    letter: str | None = typer.Option(
        None, "--letter", help='the official reply\'s reference: "số 123/BNG-LPQT ngày 02/12/2026"'
    ),
) -> None:
    """Check FILE, store it as AGENCY's answer to ROUND, and tell the Concord server."""
    from concord.flows import service
    from concord.storage.factory import open_concord_store
    from concord.usecases.answers import submit_answer

    store = open_concord_store()
    stored, new = submit_answer(
        store, round_id, agency, file.read_bytes(), filename=file.name, actor=actor, letter=letter
    )
    say(stored.key)
    what = "stored" if new else "already stored (same file)"
    err_console.print(f"{what}: answer of {stored.agency.name}", markup=False)
    if not service.answer_stored(stored):
        # No server to read it and send the receipt: read it now (once), and send the receipt.
        from concord.commands.mail import deliver
        from concord.models import ConcordSettings
        from concord.usecases.answers import ingest_answer
        from concord.usecases.notify import receipt

        ingest_answer(store, round_id, stored.key, actor=actor)
        deliver(store, receipt(store, stored, ConcordSettings(), actor=actor), actor=actor)


def register(app: typer.Typer) -> None:
    app.command("answer")(answer)
