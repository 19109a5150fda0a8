"""`concord read`: list every comment and change of an agency's answer."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console

from concord.console import titled_table
from concord.messages import t


def register(app: typer.Typer) -> None:
    app.command("read")(read)


def read(
    answer: Path = typer.Argument(..., exists=True, dir_okay=False, help="the agency's .docx"),
    base: Path = typer.Option(..., "--base", exists=True, dir_okay=False, help="circulated .docx"),
    agency: str = typer.Option("", "--agency", help="the answering agency (default: file name)"),
    as_json: bool = typer.Option(False, "--json", help="print the items as JSON"),
) -> None:
    """Read ANSWER.docx against the circulated version: every comment and change, located."""
    from concord.usecases.files import read_file

    items = read_file(answer, base.read_bytes(), agency or answer.stem)
    if as_json:
        typer.echo(json.dumps([i.to_json_dict() for i in items], ensure_ascii=False, indent=2))
        return
    table = titled_table(
        t("cli.read.title", n=len(items), file=answer.name),
        *("kind", "where", "author", "old", "new_or_comment", "tracked"),
        overflow="ellipsis",
    )
    for item in items:
        table.add_row(
            item.kind.value,
            item.location,
            item.author,
            item.old,
            item.comment or item.new or item.detail,
            t("cli.yes") if item.tracked else t("cli.no"),
        )
    Console().print(table)
