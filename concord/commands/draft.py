"""`concord draft add FILE --title T` registers a draft (its first version is FILE); `list`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from concord.console import console, err_console, say

draft_app = typer.Typer(help="Drafts under consultation.", no_args_is_help=True)


@draft_app.command("add")
def add(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="the draft .docx"),
    title: str = typer.Option(..., "--title", help="the draft's title"),
    kind: str = typer.Option("resolution", "--kind", help="resolution or directive"),
    actor: str = typer.Option("cli", "--actor", help="who registers it (audit trail)"),
) -> None:
    """Register FILE as version 1 of a new draft and print the draft id."""
    # Imported here: the engine takes a moment to import, `--help` should not wait.
    from concord.storage.factory import open_concord_store
    from concord.usecases.drafts import register_draft

    store = open_concord_store()
    draft, version = register_draft(store, title, file.read_bytes(), kind=kind, actor=actor)
    say(draft.id)
    err_console.print(f"version {version.number}: {version.sha256[:12]}", markup=False)


@draft_app.command("list")
def list_drafts() -> None:
    """Every draft with its newest version and its rounds."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.drafts import draft_summaries

    store = open_concord_store()
    table = Table(title=f"Drafts in {store.describe()}")
    for column in ("id", "title", "kind", "versions", "rounds"):
        table.add_column(column, overflow="fold")
    for found in draft_summaries(store):
        rounds = ", ".join(r.id for r in found.rounds) or "—"
        draft = found.draft
        table.add_row(draft.id, draft.title, draft.kind, str(len(found.versions)), rounds)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(draft_app, name="draft")
