"""`concord agency add|list`: the roster of agencies and their contact addresses."""

from __future__ import annotations

import json

import typer

from concord.commands._options import actor_option
from concord.console import console, say, titled_table
from concord.messages import t

agency_app = typer.Typer(help="The agency roster (contact e-mail addresses).", no_args_is_help=True)


@agency_app.command("add")
def add(
    name: str = typer.Argument(..., help="the agency's name, e.g. 'Bộ Ngoại giao'"),
    email: str = typer.Option(..., "--email", help="where Concord's mail to it goes"),
    lang: str = typer.Option("vi", "--lang", help="the language of its mail: vi or en"),
    actor: str | None = actor_option(),
) -> None:
    """Add AGENCY to the roster, or give it a new address; print its id."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.actors import cli_actor
    from concord.usecases.roster import add_agency

    by = cli_actor(actor)
    entry = add_agency(open_concord_store(), name, email, actor=by, lang=lang)
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
    table = titled_table(t("cli.agency.list_title", n=len(entries)), "id", "name", "email", "lang")
    for e in entries:
        table.add_row(e.agency.id, e.agency.name, e.email, e.lang)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(agency_app, name="agency")
