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
from concord.models import ConcordSettings

STEPS = 11  # register, open, 5 answers, merge, decide, publish, verify


def demo() -> None:
    """Register the sample draft, run a round with five ministries, publish version 2."""
    from concord.demo import run_demo

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
        task = progress.add_task("Starting", total=STEPS)

        started = 0

        def step(text: str) -> None:
            # A step is counted done when the next one starts.
            nonlocal started
            progress.update(task, description=text, completed=started)
            started += 1

        out = run_demo(settings, step=step)
        progress.update(task, description="Done", completed=STEPS)

    console.print(
        f"\nDraft [bold]{out.draft_id}[/], round [bold]{out.round_id}[/]: {out.items} items "
        f"from 5 agencies, {out.clashes} clash(es); version {out.version} published."
    )
    # Whole paths, one per line, never wrapped: they are what a user copies.
    console.print(f"\nOutputs, copied to [bold]{out.folder}[/]:")
    width = max(len(label) for label in out.files)
    for label, path in out.files.items():
        console.print(f"  {label:<{width}}  {path}", soft_wrap=True, highlight=False)
    console.print("\nWhere the store keeps them:")
    for label, location in out.store_locations.items():
        console.print(f"  {label:<{width}}  {location}", soft_wrap=True, highlight=False)
    if out.audit_intact:
        console.print(f"Audit history intact: {out.audit_entries} entries (concord audit verify).")
    else:
        console.print("[red]The audit history does not verify: run `concord audit verify`.[/]")
        raise typer.Exit(EXIT_PROBLEM)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
