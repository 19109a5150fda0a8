"""`concord demo`: a whole consultation round on the bundled sample draft."""

from __future__ import annotations

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from concord.console import EXIT_PROBLEM, console
from concord.messages import t
from concord.models import ConcordSettings

STEPS = 11  # register, open, 5 answers, merge, decide, publish, verify


def demo() -> None:
    """Register the sample draft, run a round with five ministries, publish version 2."""
    from concord.demo import AGENCIES, run_demo

    settings = ConcordSettings()
    with Progress(
        SpinnerColumn(),
        BarColumn(bar_width=20),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task(t("cli.demo.starting"), total=STEPS)

        started = 0

        def step(text: str) -> None:
            # A step is counted done when the next one starts.
            nonlocal started
            progress.update(task, description=text, completed=started)
            started += 1

        out = run_demo(settings, step=step)
        progress.update(task, description=t("cli.demo.done"), completed=STEPS)

    summary = t(
        "cli.demo.summary",
        draft=f"[bold]{out.draft_id}[/]",
        round=f"[bold]{out.round_id}[/]",
        items=out.items,
        agencies=len(AGENCIES),
        clashes=out.clashes,
        version=out.version,
    )
    console.print(summary)
    # Whole paths, one per line, never wrapped: they are what a user copies.
    console.print(t("cli.demo.outputs", folder=f"[bold]{out.folder}[/]"))
    labels = {key: t(f"cli.demo.file.{key}", version=out.version) for key in out.files}
    width = max(len(label) for label in labels.values())
    for key, path in out.files.items():
        console.print(f"  {labels[key]:<{width}}  {path}", soft_wrap=True, highlight=False)
    console.print(t("cli.demo.store"))
    for key, location in out.store_locations.items():
        console.print(f"  {labels[key]:<{width}}  {location}", soft_wrap=True, highlight=False)
    if out.audit_intact:
        console.print(t("cli.demo.audit_intact", n=out.audit_entries))
    else:
        console.print(t("cli.demo.audit_broken"), style="red")
        raise typer.Exit(EXIT_PROBLEM)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
