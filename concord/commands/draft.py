"""`concord draft add FILE --title T` registers a draft (its first version is FILE); `revise`
records the team's hand-edited next version; `list`."""

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


@draft_app.command("revise")
def revise(
    draft_id: str = typer.Argument(..., help="the draft's id"),
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="the revised .docx"),
    note: str = typer.Option("", "--note", help="what changed (kept with the version)"),
    actor: str = typer.Option("cli", "--actor", help="who revises it (audit trail)"),
) -> None:
    """Record FILE, revised by hand, as the draft's next version and print its number."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.drafts import revise_draft

    store = open_concord_store()
    done = revise_draft(store, draft_id, file.read_bytes(), actor=actor, note=note)
    say(str(done.version.number))
    err_console.print(
        f"{len(done.redline.items)} change(s) from version {done.version.number - 1}; "
        f"redline: {store.location(done.redline_key)}",
        markup=False,
        soft_wrap=True,
    )


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
