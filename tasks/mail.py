"""Mail as tasks: make messages (into the outbox), send one.

Sending is retried on MailUnavailable (a server down or refusing is transient); the message
stays in the outbox until a server takes it.
"""

from __future__ import annotations

from pathlib import Path

from prefect import task

from concord.models import ConcordSettings
from concord.storage.factory import open_concord_store
from concord.tasks.retry import RETRY
from concord.usecases import notify


@task(**RETRY)
def send_message(path: str, actor: str) -> str:
    """Hand one outbox message to the SMTP server; its message id."""
    return notify.send_one(open_concord_store(), Path(path), ConcordSettings(), actor=actor)


@task(**RETRY)
def queue_reminders(round_id: str, actor: str) -> list[str]:
    posted = notify.remind(open_concord_store(), round_id, ConcordSettings(), actor=actor)
    return [str(p) for p in posted.paths]


@task(**RETRY)
def queue_invitations(round_id: str, actor: str) -> list[str]:
    posted = notify.invite(open_concord_store(), round_id, ConcordSettings(), actor=actor)
    return [str(p) for p in posted.paths]


@task(**RETRY)
def queue_extracts(round_id: str, actor: str) -> list[str]:
    posted = notify.send_extracts(open_concord_store(), round_id, ConcordSettings(), actor=actor)
    return [str(p) for p in posted.paths]


@task(**RETRY)
def queue_receipt(round_id: str, answer_key: str, actor: str) -> list[str]:
    store = open_concord_store()
    answer = store.answer(round_id, answer_key)
    posted = notify.receipt(store, answer, ConcordSettings(), actor=actor)
    return [str(p) for p in posted.paths]
