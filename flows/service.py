"""Telling the running service what a use case did: what the CLI and the web call afterwards.

Each function is a no-op returning False when no Concord server (`concord up`) is configured:
then Prefect is not even imported, so commands stay fast, and the store, not the event, is the
record of what happened.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from concord.models import Answer, Round


def service_configured() -> bool:
    return bool(os.environ.get("PREFECT_API_URL"))


def answer_stored(answer: Answer) -> bool:
    """Announce an upload so the ingest-answer deployment reads it."""
    if not service_configured():
        return False
    from concord.tasks.events import announce_answer

    return announce_answer(answer)


def round_opened(rnd: Round) -> bool:
    """Schedule the round's deadline run and announce the round."""
    if not service_configured():
        return False
    from concord.tasks.events import announce_round_opened
    from concord.tasks.rounds import schedule_deadline

    schedule_deadline(rnd.id, rnd.deadline)
    from concord.models import ConcordSettings
    from concord.tasks.mail import schedule_reminder
    from concord.usecases.notify import reminder_due

    due = reminder_due(rnd, ConcordSettings())
    if due is not None:
        schedule_reminder(rnd.id, due)
    return announce_round_opened(rnd)


def mail_queued(paths: Sequence[Path]) -> bool:
    """Have the send-mail deployment send these outbox messages, with retries."""
    if not service_configured():
        return False
    from concord.tasks.mail import start_sending

    return start_sending([str(p) for p in paths])
