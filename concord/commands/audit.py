"""`concord audit show|verify`: a draft's history, and proof that nobody rewrote it."""

from __future__ import annotations

import typer
from rich.table import Table

from concord.console import EXIT_PROBLEM, console, say

audit_app = typer.Typer(help="A draft's audit history and its verification.", no_args_is_help=True)


@audit_app.command("show")
def show(draft_id: str = typer.Argument(..., help="draft id")) -> None:
    """List DRAFT's audit entries: who did what, when, to which object."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.audit import audit_entries

    entries = audit_entries(open_concord_store(), draft_id)
    table = Table(title=f"Audit history of {draft_id}")
    for column in ("seq", "when", "actor", "action", "subject"):
        table.add_column(column, overflow="fold")
    for event in entries:
        subject = event.subject_key or ", ".join(f"{k}={v}" for k, v in event.details.items())
        table.add_row(
            str(event.seq),
            event.at.isoformat(timespec="seconds"),
            event.actor,
            event.action,
            subject,
        )
    console.print(table)


@audit_app.command("verify")
def verify(
    draft_id: str | None = typer.Argument(None, help="draft id (default: every draft)"),
) -> None:
    """Check the hash chain, its checkpoints, and every object the history names.

    Exits 0 when intact, 1 naming the first broken entry otherwise.
    """
    from concord.storage.factory import open_concord_store
    from concord.usecases.audit import verify_audit

    report = verify_audit(open_concord_store(), draft_id)
    if report.ok:
        say(report.summary())
        return
    say(f"BROKEN: {report.problems[0]}")
    for problem in report.problems[1:]:
        say(f"  also: {problem}")
    raise typer.Exit(EXIT_PROBLEM)


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
