"""`concord round open|status`: open a consultation round, follow it."""

from __future__ import annotations

import os

import typer
from rich.table import Table

from concord.console import console, err_console, fail

round_app = typer.Typer(help="Consultation rounds.", no_args_is_help=True)


@round_app.command("open")
def open_(
    draft_id: str = typer.Argument(..., help="draft id"),
    agencies: list[str] = typer.Option(..., "--agency", help="a consulted agency (repeat)"),
    deadline: str = typer.Option(..., "--deadline", help="ISO 8601, e.g. 2025-06-30T17:00"),
    version: int | None = typer.Option(None, "--version", help="default: the newest version"),
    actor: str = typer.Option("cli", "--actor", help="who opens it (audit trail)"),
) -> None:
    """Circulate DRAFT to the agencies; print the round id."""
    from concord.engine.errors import EngineError
    from concord.flows.open_round import open_round
    from concord.storage.errors import StorageError

    if not os.environ.get("PREFECT_API_URL"):
        err_console.print(
            "no Concord server is running (`concord up`): the round opens, but answers are not "
            "ingested by themselves and the deadline is not scheduled"
        )
    try:
        round_id = open_round(draft_id, agencies, deadline, version=version, actor=actor)
    except (EngineError, StorageError, ValueError) as err:
        fail(err)
    console.print(round_id, markup=False, highlight=False)


@round_app.command("status")
def status(
    round_id: str = typer.Argument(..., help="round id"),
    as_json: bool = typer.Option(False, "--json", help="print models.RoundStatus as JSON"),
) -> None:
    """Who answered, what was ingested, merged and published."""
    from concord.models import ConcordSettings
    from concord.storage.errors import StorageError
    from concord.storage.factory import open_concord_store

    try:
        found = open_concord_store(ConcordSettings()).round_status(round_id)
    except StorageError as err:
        fail(err)
    if as_json:
        typer.echo(found.model_dump_json(indent=2))
        return
    rnd = found.round
    table = Table(title=f"{rnd.id}: {found.state.value}, deadline {rnd.deadline.isoformat()}")
    for column in ("agency", "answered", "ingested", "items"):
        table.add_column(column)
    for s in found.agencies:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(s.counts.items()))
        table.add_row(
            s.agency.name,
            "yes" if s.answered else "no",
            "yes" if s.ingested else "no",
            f"{s.items} ({kinds})" if kinds else str(s.items),
        )
    console.print(table)
    if found.merged:
        console.print(f"merged #{found.merged.seq}: {found.merged.docx_key}")
    if found.published_version:
        console.print(f"published as version {found.published_version}")


def register(app: typer.Typer) -> None:
    app.add_typer(round_app, name="round")
