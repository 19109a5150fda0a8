"""A round's next steps as retried tasks: what it needs, and keeping its deadline."""

from __future__ import annotations

from prefect import task

from concord.storage.factory import open_concord_store
from concord.tasks.retry import RETRY
from concord.usecases import progress


@task(**RETRY)
def round_work(round_id: str) -> progress.RoundWork | None:
    return progress.round_work(open_concord_store(), round_id)


@task(**RETRY)
def keep_deadline(round_id: str, actor: str) -> progress.KeptDeadline:
    return progress.keep_deadline(open_concord_store(), round_id, actor=actor)


@task(**RETRY)
def send_reminders(round_id: str, actor: str) -> list[str]:
    """The reminders due, made into the outbox once; their files."""
    return progress.send_reminders(open_concord_store(), round_id, actor=actor)
