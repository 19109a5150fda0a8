"""`concord report ROUND --format docx|pdf|xlsx -o FILE [--agency NAME]`: the synthesis report."""

from __future__ import annotations

from pathlib import Path

import typer

from concord.console import say
from concord.messages import t


def report(
    round_id: str = typer.Argument(..., help="round id"),
    fmt: str = typer.Option("docx", "--format", help="docx | pdf | xlsx"),
    output: Path = typer.Option(..., "-o", "--output", dir_okay=False, help="file to write"),
    agency: str | None = typer.Option(None, "--agency", help="only this agency's extract"),
    issuer: str = typer.Option("BAN SOẠN THẢO", "--issuer", help="drafting body in the report"),
) -> None:
    """Write ROUND's synthesis report (or one agency's extract) to FILE; print its path."""
    from concord.errors import InvalidInput
    from concord.storage.factory import open_concord_store
    from concord.usecases.publishing import export_report

    if fmt not in ("docx", "pdf", "xlsx"):
        raise InvalidInput(t("cli.report.format", fmt=repr(fmt)))
    data = export_report(open_concord_store(), round_id, fmt, agency=agency, issuer=issuer)  # type: ignore[arg-type]
    output.write_bytes(data)
    say(str(output))


def register(app: typer.Typer) -> None:
    app.command("report")(report)
