"""`concord versions DRAFT`: every version of a draft and where to find it."""

from __future__ import annotations

import typer
from rich.table import Table

from concord.console import console


def versions(draft_id: str = typer.Argument(..., help="draft id")) -> None:
    """List DRAFT's versions, oldest first."""
    from concord.storage.factory import open_concord_store
    from concord.usecases import drafts

    store = open_concord_store()
    draft, found = drafts.versions(store, draft_id)
    table = Table(title=f"{draft.title} ({draft.id})")
    for column in ("version", "created", "by", "from round", "sha256", "note", "location"):
        table.add_column(column, overflow="fold")
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
