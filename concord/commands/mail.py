"""`concord remind ROUND`, `concord outbox`: the agencies' mail; `deliver` for other commands.

Without a Concord server, commands send what they put in the outbox themselves; with one
(`concord up`), the send-mail flow sends it, with retries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from concord.commands._options import actor_option
from concord.console import console, err_console, say, titled_table
from concord.messages import t

if TYPE_CHECKING:  # commands import what they use when they run: `concord --help` stays fast
    from concord.storage.records import ConcordStore
    from concord.usecases.notify import Posted


def deliver(store: ConcordStore, posted: Posted, *, actor: str) -> None:
    """Send what a use case put in the outbox now; what cannot go stays there for the worker."""
    from concord.models import ConcordSettings
    from concord.usecases.notify import send_queued

    settings = ConcordSettings()
    for name in posted.no_address:
        err_console.print(t("cli.mail.no_address", name=name), markup=False)
    if not posted.paths:
        return
    if not settings.uses_smtp:
        err_console.print(
            t("cli.mail.written", n=len(posted.paths), folder=settings.outbox_dir), markup=False
        )
        return
    done = send_queued(store, posted.paths, settings, actor=actor)
    err_console.print(t("cli.mail.sent", n=len(done.sent)), markup=False)
    for error in done.errors:
        err_console.print(t("cli.mail.not_sent", error=error), markup=False)


def remind(
    round_id: str = typer.Argument(..., help="round id"),
    actor: str | None = actor_option(),
    now: bool = typer.Option(False, "--now", help="remind now, even before the reminder is due"),
) -> None:
    """Send ROUND's due reminders to the agencies that have not answered (each once)."""
    from concord.models import ConcordSettings
    from concord.storage.factory import open_concord_store
    from concord.usecases.actors import cli_actor
    from concord.usecases.notify import remind as remind_agencies

    by = cli_actor(actor)
    store = open_concord_store()
    posted = remind_agencies(store, round_id, ConcordSettings(), actor=by, force=now)
    if not posted.paths and not posted.no_address:
        when = posted.not_due
        err_console.print(
            t("cli.mail.not_due", when=when.isoformat())
            if when
            else t("cli.mail.nothing_to_remind"),
            markup=False,
        )
    for path in posted.paths:
        say(str(path))
    deliver(store, posted, actor=by)


def outbox(
    send: bool = typer.Option(False, "--send", help="send every waiting message now (SMTP)"),
    actor: str | None = actor_option(),
) -> None:
    """The messages waiting in CONCORD_HOME/outbox; --send tries to send them."""
    from concord.models import ConcordSettings
    from concord.storage.factory import open_concord_store
    from concord.usecases.actors import cli_actor
    from concord.usecases.notify import outbox as outbox_of
    from concord.usecases.notify import send_queued

    by = cli_actor(actor)  # refused before anything, even a listing that records nothing
    settings = ConcordSettings()
    if send:
        done = send_queued(open_concord_store(), None, settings, actor=by)
        sent, waiting = len(done.sent), len(done.waiting)
        err_console.print(t("cli.mail.outbox_sent", sent=sent, waiting=waiting), markup=False)
        for error in done.errors:
            err_console.print(error, markup=False)
        return
    box = outbox_of(settings)
    title = t("cli.mail.outbox_title", folder=settings.outbox_dir)
    table = titled_table(title, "file", "to", "mail_subject")
    for path in box.pending():
        message = box.read(path)
        table.add_row(path.name, str(message["To"]), str(message["Subject"]))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("remind")(remind)
    app.command("outbox")(outbox)
