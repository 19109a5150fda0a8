"""`concord remind ROUND`, `concord outbox`: the agencies' mail; `deliver` for other commands.

Without a Concord server, commands send what they put in the outbox themselves; with one
(`concord up`), the send-mail flow sends it, with retries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.table import Table

from concord.console import console, err_console, say

if TYPE_CHECKING:  # commands import what they use when they run: `concord --help` stays fast
    from concord.storage.records import ConcordStore
    from concord.usecases.notify import Posted


def deliver(store: ConcordStore, posted: Posted, *, actor: str) -> None:
    """Send what a use case put in the outbox now; what cannot go stays there for the worker."""
    from concord.models import ConcordSettings
    from concord.usecases.notify import send_queued

    settings = ConcordSettings()
    for name in posted.no_address:
        err_console.print(
            f"no e-mail address for {name}: nothing sent (`concord agency add` adds one)",
            markup=False,
        )
    if not posted.paths:
        return
    if not settings.uses_smtp:
        err_console.print(
            f"{len(posted.paths)} message(s) written to {settings.outbox_dir} (no SMTP server "
            "configured: CONCORD_SMTP_HOST)",
            markup=False,
        )
        return
    done = send_queued(store, posted.paths, settings, actor=actor)
    err_console.print(f"{len(done.sent)} message(s) sent", markup=False)
    for error in done.errors:
        err_console.print(f"not sent, kept in the outbox: {error}", markup=False)


def remind(
    round_id: str = typer.Argument(..., help="round id"),
    actor: str = typer.Option("cli", "--actor", help="who reminds (audit trail)"),
    now: bool = typer.Option(False, "--now", help="remind now, even before the reminder is due"),
) -> None:
    """Send ROUND's due reminders to the agencies that have not answered (each once)."""
    from concord.models import ConcordSettings
    from concord.storage.factory import open_concord_store
    from concord.usecases.notify import remind as remind_agencies

    store = open_concord_store()
    posted = remind_agencies(store, round_id, ConcordSettings(), actor=actor, force=now)
    if not posted.paths and not posted.no_address:
        when = posted.not_due
        err_console.print(
            f"no reminder due before {when.isoformat()} (--now sends them now)"
            if when
            else "no reminder to send (round settings send none, or everyone was reminded)",
            markup=False,
        )
    for path in posted.paths:
        say(str(path))
    deliver(store, posted, actor=actor)


def outbox(
    send: bool = typer.Option(False, "--send", help="send every waiting message now (SMTP)"),
    actor: str = typer.Option("cli", "--actor", help="who sends (audit trail)"),
) -> None:
    """The messages waiting in CONCORD_HOME/outbox; --send tries to send them."""
    from concord.models import ConcordSettings
    from concord.storage.factory import open_concord_store
    from concord.usecases.notify import outbox as outbox_of
    from concord.usecases.notify import send_queued

    settings = ConcordSettings()
    if send:
        done = send_queued(open_concord_store(), None, settings, actor=actor)
        err_console.print(f"{len(done.sent)} sent, {len(done.waiting)} waiting", markup=False)
        for error in done.errors:
            err_console.print(error, markup=False)
        return
    box = outbox_of(settings)
    table = Table(title=f"outbox {settings.outbox_dir}")
    for column in ("file", "to", "subject"):
        table.add_column(column, overflow="fold")
    for path in box.pending():
        message = box.read(path)
        table.add_row(path.name, str(message["To"]), str(message["Subject"]))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("remind")(remind)
    app.command("outbox")(outbox)
