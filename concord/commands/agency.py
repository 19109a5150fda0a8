"""`concord agency add|list`: the roster of agencies and their contact addresses."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from concord.console import console, say

agency_app = typer.Typer(help="The agency roster (contact e-mail addresses).", no_args_is_help=True)


@agency_app.command("add")
def add(
    name: str = typer.Argument(..., help="the agency's name, e.g. 'Bộ Ngoại giao'"),
    email: str = typer.Option(..., "--email", help="where Concord's mail to it goes"),
    lang: str = typer.Option("vi", "--lang", help="the language of its mail: vi or en"),
    actor: str = typer.Option("cli", "--actor", help="who adds it (audit trail)"),
) -> None:
    """Add AGENCY to the roster, or give it a new address; print its id."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.roster import add_agency

    entry = add_agency(open_concord_store(), name, email, actor=actor, lang=lang)
    say(entry.agency.id)


@agency_app.command("list")
def list_(
    as_json: bool = typer.Option(False, "--json", help="print the roster as JSON"),
) -> None:
    """Every agency in the roster with its address."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.roster import list_agencies

    entries = list_agencies(open_concord_store())
    if as_json:
        rows = [
            {"id": e.agency.id, "name": e.agency.name, "email": e.email, "lang": e.lang}
            for e in entries
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(entries)} agencies")
    for column in ("id", "name", "email", "lang"):
        table.add_column(column, overflow="fold")
    for e in entries:
        table.add_row(e.agency.id, e.agency.name, e.email, e.lang)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(agency_app, name="agency")
