"""`concord disputes DRAFT -o FILE.docx`: the issues still in dispute, for leaders to settle."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from concord.console import say
from concord.messages import t


def disputes(
    draft_id: str = typer.Argument(..., help="draft id"),
    output: Path | None = typer.Option(
        None, "-o", "--output", dir_okay=False, help="the report (.docx) to write"
    ),
    as_json: bool = typer.Option(False, "--json", help="print the disputed items as JSON"),
    issuer: str = typer.Option("BAN SOẠN THẢO", "--issuer", help="drafting body in the report"),
) -> None:
    """The comments of DRAFT's latest merged round not accepted or only partly accepted, and
    those an agency raised again after an earlier round did not take them, each with what
    earlier rounds said about its passage."""
    from concord.errors import InvalidInput
    from concord.storage.factory import open_concord_store
    from concord.usecases.disputes import disputes_docx, draft_disputes

    if output is None and not as_json:
        raise InvalidInput(t("cli.disputes.where"))
    store = open_concord_store()
    if as_json:
        typer.echo(json.dumps(draft_disputes(store, draft_id).to_json_dict(), ensure_ascii=False))
    if output is not None:
        output.write_bytes(disputes_docx(store, draft_id, issuer=issuer))
        if not as_json:
            say(str(output))


def register(app: typer.Typer) -> None:
    app.command("disputes")(disputes)
