"""`concord combine`: merge answer files into one tracked-changes .docx, without a round."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.progress import Progress

from concord.console import console, fail
from concord.engine.errors import EngineError


class BadAnswerArgument(ValueError):
    """An ANSWER argument that is not "AGENCY NAME=FILE.docx"."""

    code = "bad_argument"


def _parse(spec: str) -> tuple[str, Path]:
    name, sep, path = spec.partition("=")
    if not sep or not name.strip() or not path.strip():
        raise BadAnswerArgument(f'expected "AGENCY NAME=ANSWER.docx", got {spec!r}')
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
    from concord.engine.merger import merge
    from concord.engine.reader import prepare_base, read_answer
    from concord.engine.review_html import render_review
    from concord.engine.safety import check_docx

    try:
        parsed = [_parse(spec) for spec in answers]
        base_bytes = base.read_bytes()
        check_docx(base_bytes)
        circulated = prepare_base(base_bytes)
        items = []
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("reading answers", total=len(parsed))
            for agency, path in parsed:
                data = path.read_bytes()
                check_docx(data)
                items.extend(read_answer(data, circulated, agency))
                progress.advance(task)
        result = merge(base_bytes, items, date=date)
    except (EngineError, BadAnswerArgument, OSError) as err:
        fail(err)
    output.write_bytes(result.docx)
    console.print(
        f"merged {len(parsed)} answers: {len(result.items)} items, "
        f"{len(result.clashes)} clashes → {output}"
    )
    if report is not None:
        report.write_text(json.dumps(result.report(), ensure_ascii=False, indent=2), "utf-8")
    if html is not None:
        html.write_text(render_review(base_bytes, result, title=base.stem), encoding="utf-8")


def register(app: typer.Typer) -> None:
    app.command("combine")(combine)
