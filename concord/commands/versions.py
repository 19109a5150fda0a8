"""`concord versions DRAFT`: every version of a draft and where to find it."""

from __future__ import annotations

import typer

from concord.console import console, titled_table


def versions(draft_id: str = typer.Argument(..., help="draft id")) -> None:
    """List DRAFT's versions, oldest first."""
    from concord.storage.factory import open_concord_store
    from concord.usecases import drafts

    store = open_concord_store()
    draft, found = drafts.versions(store, draft_id)
    table = titled_table(
        f"{draft.title} ({draft.id})",
        *("version", "created", "by", "from_round", "sha256", "note", "location"),
    )
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
