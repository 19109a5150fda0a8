"""`concord versions DRAFT`: every version of a draft and where to find it."""

from __future__ import annotations

import typer
from rich.table import Table

from concord.console import console, fail
from concord.storage.errors import StorageError


def versions(draft_id: str = typer.Argument(..., help="draft id")) -> None:
    """List DRAFT's versions, oldest first."""
    from concord.models import ConcordSettings
    from concord.storage.factory import open_concord_store

    try:
        store = open_concord_store(ConcordSettings())
        draft = store.draft(draft_id)
        found = store.versions(draft_id)
    except StorageError as err:
        fail(err)
    table = Table(title=f"{draft.title} ({draft.id})")
    for column in ("version", "created", "by", "from round", "sha256", "note", "location"):
        table.add_column(column)
    for version in found:
        table.add_row(
            f"v{version.number}",
            version.created_at.isoformat(timespec="seconds"),
            version.created_by,
            version.from_round or "",
            version.sha256[:12],
            version.note,
            store.location(version.key),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("versions")(versions)
