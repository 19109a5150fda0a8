"""`concord compare`: two versions of a draft as a redline .docx (and HTML)."""

from __future__ import annotations

from pathlib import Path

import typer

from concord.console import console, fail
from concord.engine.errors import EngineError
from concord.storage.errors import StorageError


def compare(
    draft: str = typer.Argument(..., help="draft id"),
    old: int = typer.Argument(..., help="older version number"),
    new: int = typer.Argument(..., help="newer version number"),
    output: Path = typer.Option(..., "-o", "--output", help="redline .docx to write"),
    html: Path | None = typer.Option(None, "--html", help="also write a review page"),
) -> None:
    """Write the changes from version OLD to version NEW of DRAFT as tracked changes."""
    from concord.engine.compare import redline
    from concord.engine.review_html import render_review
    from concord.models import ConcordSettings
    from concord.storage.factory import open_concord_store

    store = open_concord_store(ConcordSettings())
    try:
        old_bytes = store.version_bytes(draft, old)
        new_bytes = store.version_bytes(draft, new)
        result = redline(old_bytes, new_bytes, author=f"Version {new}")
    except (StorageError, EngineError) as err:
        fail(err)
    output.write_bytes(result.docx)
    console.print(f"{len(result.items)} changes from version {old} to {new}: {output}")
    if html is not None:
        title = f"{store.draft(draft).title} — version {old} → {new}"
        html.write_text(render_review(old_bytes, result, title=title), encoding="utf-8")
        console.print(f"review page: {html}")


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)
