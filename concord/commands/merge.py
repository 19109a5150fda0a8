"""`concord merge`: merge a round's answers now (the service does it by itself when all answer)."""

from __future__ import annotations

import typer

from concord.console import console, err_console, say


def merge(round_id: str = typer.Argument(..., help="round id")) -> None:
    """Merge the newest answer of every agency of ROUND into one tracked-changes .docx."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.merging import left_out, merge_round

    store = open_concord_store()
    record, new = merge_round(store, round_id, actor="cli")
    what = "merged" if new else "already merged (the same answers)"
    console.print(
        f"{what} {len(record.answers)} answers: {record.item_count} items, "
        f"{record.clash_count} clashes"
    )
    say(f"merged .docx: {store.location(record.docx_key)}")
    say(f"review page: {store.location(record.html_key)}")
    say(f"report: {store.location(record.report_key)}")
    for answer in left_out(store, record):
        err_console.print(
            f"set aside: the answer of {answer.agency.name} could not be merged "
            "(see `set_aside` in the report); the others were merged",
            markup=False,
        )


def register(app: typer.Typer) -> None:
    app.command("merge")(merge)
