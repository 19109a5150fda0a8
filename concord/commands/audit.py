"""`concord audit show|verify`: a draft's history, and proof that nobody rewrote it."""

from __future__ import annotations

import typer

from concord.console import EXIT_PROBLEM, console, say, titled_table
from concord.messages import t

audit_app = typer.Typer(help="A draft's audit history and its verification.", no_args_is_help=True)


@audit_app.command("show")
def show(draft_id: str = typer.Argument(..., help="draft id")) -> None:
    """List DRAFT's audit entries: who did what, when, to which object."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.audit import audit_entries

    entries = audit_entries(open_concord_store(), draft_id)
    table = titled_table(
        t("cli.audit.title", draft=draft_id), "seq", "when", "actor", "action", "subject"
    )
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
    against: str | None = typer.Option(
        None, "--against", help="a digest printed earlier by `concord audit digest`"
    ),
) -> None:
    """Check signatures, the hash chain, its anchored checkpoints, every object the history
    names, and list the objects no entry accounts for.

    Exits 0 when intact (leftovers of interrupted writes are listed, not counted as broken),
    1 naming the first problem otherwise.
    """
    from concord.storage.factory import open_concord_store
    from concord.usecases.audit import verify_audit

    report = verify_audit(open_concord_store(), draft_id, against=against)
    for leftover in report.leftovers:
        say(f"leftover: {leftover}")
    for note in report.notes:
        say(f"note: {note}")
    if report.ok:
        say(report.summary())
        return
    say(f"BROKEN: {report.problems[0]}")
    for problem in report.problems[1:]:
        say(f"  also: {problem}")
    raise typer.Exit(EXIT_PROBLEM)


@audit_app.command("digest")
def digest(
    draft_id: str | None = typer.Argument(None, help="draft id (default: every draft)"),
) -> None:
    """Print the head of each audit chain as one line, to file outside Concord (e.g. in the
    dossier); `concord audit verify --against LINE` later proves nothing before it was rewritten."""
    from concord.storage.factory import open_concord_store
    from concord.usecases.audit import audit_digest

    say(audit_digest(open_concord_store(), draft_id))


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
