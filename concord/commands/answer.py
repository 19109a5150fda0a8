"""`concord answer ROUND --agency NAME [FILE] [--letter-file L] [--letter REF] [--stance S]`."""

from __future__ import annotations

from pathlib import Path

import typer

from concord.commands._options import actor_option
from concord.console import err_console, say
from concord.messages import t


def answer(
    round_id: str = typer.Argument(..., help="round id"),
    file: Path | None = typer.Argument(
        None,
        exists=True,
        dir_okay=False,
        help="the agency's marked-up copy: .docx, .doc or .odt (.doc/.odt are converted)",
    ),
    agency: str = typer.Option(..., "--agency", help="the answering agency (name or id)"),
    letter_file: Path | None = typer.Option(
        None,
        "--letter-file",
        exists=True,
        dir_okay=False,
        help="the signed reply letter (PDF or .docx); alone, a letter-only answer",
    ),
    letter: str | None = typer.Option(
        None, "--letter", help="the letter's reference, e.g. 'số 1234/BNG-LPQT ngày 10/12/2026'"
    ),
    stance: str | None = typer.Option(
        None,
        "--stance",
        help="agrees | agrees_with_comments | disagrees | no_answer (default: agrees when the "
        "answer has no item)",
    ),
    actor: str | None = actor_option(),
) -> None:
    """Check FILE and/or the letter, store them as AGENCY's answer to ROUND, tell the server."""
    from concord.flows import service
    from concord.storage.factory import open_concord_store
    from concord.usecases.actors import cli_actor
    from concord.usecases.answers import receive_answer

    by = cli_actor(actor)
    store = open_concord_store()
    stored, new = receive_answer(
        store,
        round_id,
        agency,
        file,
        filename=file.name if file else "",
        letter_file=letter_file,
        letter_filename=letter_file.name if letter_file else "",
        letter=letter,
        stance=stance,
        actor=by,
    )
    say(stored.key)
    late = t("cli.answer.late") if stored.late else ""
    what = "cli.answer.stored" if new else "cli.answer.already_stored"
    err_console.print(t(what, agency=stored.agency.name, late=late), markup=False)
    if stored.original_key:
        err_console.print(t("cli.answer.converted", original=stored.original_key), markup=False)
    if service.service_url() is not None:
        service.answer_stored(stored)  # a courtesy: the worker reads it and sends the receipt
        return
    # No service to send the receipt: the answer was read as it was taken, send it now.
    from concord.commands.mail import deliver
    from concord.models import ConcordSettings
    from concord.usecases.notify import receipt

    deliver(store, receipt(store, stored, ConcordSettings(), actor=by), actor=by)


def register(app: typer.Typer) -> None:
    app.command("answer")(answer)
