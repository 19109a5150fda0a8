"""`concord draft add FILE --title T` registers a draft (its first version is FILE); `list`."""

from __future__ import annotations

from pathlib import Path

import typer

from concord.console import console, fail

draft_app = typer.Typer(help="Drafts under consultation.", no_args_is_help=True)


@draft_app.command("add")
def add(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="the draft .docx"),
    title: str = typer.Option(..., "--title", help="the draft's title"),
    kind: str = typer.Option("resolution", "--kind", help="resolution or directive"),
    actor: str = typer.Option("cli", "--actor", help="who registers it (audit trail)"),
) -> None:
    """Register FILE as version 1 of a new draft and print the draft id."""
    # Imported here: prefect and the engine take seconds to import, `--help` should not wait.
    from concord.engine.errors import EngineError
    from concord.storage.errors import StorageError
    from concord.tasks.drafts import register_draft

    try:
        # The task's function directly: one store write needs no orchestration, and it must work
        # with no Prefect server running.
        draft, version = register_draft.fn(title, file.read_bytes(), kind=kind, actor=actor)
    except (EngineError, StorageError, ValueError) as err:
        fail(err)
    console.print(draft.id, markup=False, highlight=False)
    typer.echo(f"version {version.number}: {version.sha256[:12]}", err=True)


@draft_app.command("list")
def list_drafts() -> None:
    """Every draft with its newest version and its rounds."""
    from rich.table import Table

    from concord.storage.errors import StorageError
    from concord.tasks.store import concord_store

    store = concord_store()
    table = Table(title=f"Drafts in {store.describe()}")
    for column in ("id", "title", "kind", "versions", "rounds"):
        table.add_column(column, overflow="fold")
    try:
        for draft in store.drafts():
            versions = store.versions(draft.id)
            rounds = ", ".join(r.id for r in store.rounds(draft.id)) or "—"
            table.add_row(draft.id, draft.title, draft.kind, str(len(versions)), rounds)
    except StorageError as err:
        fail(err)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(draft_app, name="draft")
