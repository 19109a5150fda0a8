"""`concord merge`: merge a round's answers now (the service does it by itself when all answer)."""

from __future__ import annotations

import typer

from concord.console import console, fail
from concord.engine.errors import EngineError
from concord.storage.errors import StorageError


def merge(round_id: str = typer.Argument(..., help="round id")) -> None:
    """Merge the newest answer of every agency of ROUND into one tracked-changes .docx."""
    from concord.flows.merge_round import merge_round
    from concord.models import ConcordSettings
    from concord.storage.factory import open_concord_store

    try:
        merge_round(round_id, actor="cli")
        store = open_concord_store(ConcordSettings())
        record = store.latest_merge(round_id)
    except (StorageError, EngineError) as err:
        fail(err)
    if record is None:
        fail(RuntimeError(f"round {round_id} has no answer to merge yet"))
    console.print(
        f"merged {len(record.answers)} answers: {record.item_count} items, "
        f"{record.clash_count} clashes"
    )
    console.print(f"merged .docx: {store.location(record.docx_key)}")
    console.print(f"review page: {store.location(record.html_key)}")
    console.print(f"report: {store.location(record.report_key)}")


def register(app: typer.Typer) -> None:
    app.command("merge")(merge)
