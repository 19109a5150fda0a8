"""`concord compare`: two versions of a draft as a redline .docx (and HTML)."""

from __future__ import annotations

from pathlib import Path

import typer

from concord.console import say
from concord.messages import t


def compare(
    draft: str = typer.Argument(..., help="draft id"),
    old: int = typer.Argument(..., help="older version number"),
    new: int = typer.Argument(..., help="newer version number"),
    output: Path = typer.Option(..., "-o", "--output", help="redline .docx to write"),
    html: Path | None = typer.Option(None, "--html", help="also write a review page"),
) -> None:
    """Write the changes from version OLD to version NEW of DRAFT as tracked changes."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.drafts import compare_versions

    found = compare_versions(open_concord_store(), draft, old, new)
    output.write_bytes(found.result.docx)
    say(t("cli.compare.done", n=len(found.result.items), old=old, new=new, output=output))
    if html is not None:
        html.write_text(found.review_page(), "utf-8")
        say(t("cli.compare.review_page", path=html))


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)
