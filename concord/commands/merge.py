"""`concord merge`: merge a round's answers now (the service does it by itself when all answer)."""

from __future__ import annotations

import typer

from concord.commands._options import actor_option
from concord.console import console, err_console, say
from concord.messages import t


def merge(
    round_id: str = typer.Argument(..., help="round id"),
    actor: str | None = actor_option(),
) -> None:
    """Merge the newest answer of every agency of ROUND into one tracked-changes .docx."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.actors import cli_actor
    from concord.usecases.merging import left_out, merge_round

    by = cli_actor(actor)
    store = open_concord_store()
    record, new = merge_round(store, round_id, actor=by)
    what = "cli.merge.merged" if new else "cli.merge.already"
    console.print(
        t(what, answers=len(record.answers), items=record.item_count, clashes=record.clash_count)
    )
    say(f"merged .docx: {store.location(record.docx_key)}")
    say(f"review page: {store.location(record.html_key)}")
    say(f"report: {store.location(record.report_key)}")
    for answer in left_out(store, record):
        err_console.print(t("cli.merge.set_aside", agency=answer.agency.name), markup=False)


def register(app: typer.Typer) -> None:
    app.command("merge")(merge)
