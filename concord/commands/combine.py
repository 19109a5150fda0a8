"""`concord combine`: merge answer files into one tracked-changes .docx, without a round."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.progress import Progress

from concord.console import console
from concord.errors import InvalidInput
from concord.messages import t


class BadAnswerArgument(InvalidInput):
    """An ANSWER argument that is not "AGENCY NAME=FILE.docx"."""

    code = "bad_argument"


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise InvalidInput(t("cli.combine.cannot_read", path=path, reason=err.strerror)) from err


def _parse(spec: str) -> tuple[str, Path]:
    name, sep, path = spec.partition("=")
    if not sep or not name.strip() or not path.strip():
        raise BadAnswerArgument(t("cli.combine.bad_answer", spec=repr(spec)))
    return name.strip(), Path(path.strip())


def combine(
    base: Path = typer.Argument(..., help="the circulated version (.docx)"),
    answers: list[str] = typer.Argument(..., help='"AGENCY NAME=ANSWER.docx", one per agency'),
    output: Path = typer.Option(..., "-o", "--output", help="merged .docx to write"),
    report: Path | None = typer.Option(None, "--report", help="also write items/clashes JSON"),
    html: Path | None = typer.Option(None, "--html", help="also write a review page"),
    date: str | None = typer.Option(None, "--date", help="ISO 8601 date for undated changes"),
) -> None:
    """Merge each agency's answer to BASE into one .docx: every change a tracked change and every
    comment a comment by its agency, clashes flagged."""
    from concord.usecases.files import combine_files

    parsed = [_parse(spec) for spec in answers]
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(t("cli.combine.reading"), total=len(parsed))
        combined = combine_files(
            _read(base),
            [(agency, _read(path)) for agency, path in parsed],
            date=date,
            advance=lambda: progress.advance(task),
        )
    result = combined.result
    output.write_bytes(result.docx)
    console.print(
        t(
            "cli.combine.done",
            answers=len(parsed),
            items=len(result.items),
            clashes=len(result.clashes),
            output=output,
        )
    )
    if report is not None:
        report.write_text(json.dumps(result.report(), ensure_ascii=False, indent=2), "utf-8")
    if html is not None:
        html.write_text(combined.review_page(base.stem), encoding="utf-8")


def register(app: typer.Typer) -> None:
    app.command("combine")(combine)
