"""Mail as tasks: make messages (into the outbox), send one, start or schedule the mail flows.

Sending is retried on MailUnavailable (a server down or refusing is transient); the message
stays in the outbox until a server takes it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prefect import get_run_logger, task
from prefect.deployments import run_deployment
from prefect.exceptions import ObjectNotFound

from concord.models import ConcordSettings
from concord.storage.factory import open_concord_store
from concord.tasks.retry import RETRY
from concord.usecases import notify

SEND_DEPLOYMENT = "send-mail/concord"
REMIND_DEPLOYMENT = "remind-round/concord"


@task(**RETRY)
def send_message(path: str, actor: str) -> str:
    """Hand one outbox message to the SMTP server; its message id."""
    return notify.send_one(open_concord_store(), Path(path), ConcordSettings(), actor=actor)


@task(**RETRY)
def queue_reminders(round_id: str, actor: str) -> list[str]:
    # Scheduled at the due time; runners start runs a few seconds early, hence `force`.
    store = open_concord_store()
    posted = notify.remind(store, round_id, ConcordSettings(), actor=actor, force=True)
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


def start_sending(paths: list[str]) -> bool:
    """A run of the send-mail deployment for these messages; False when it is not deployed."""
    try:
        run_deployment(SEND_DEPLOYMENT, parameters={"paths": paths}, timeout=0, as_subflow=False)
    except ObjectNotFound:
        return False
    return True


@task(**RETRY)
def schedule_reminder(round_id: str, when: datetime) -> str | None:
    """A run of remind-round at `when`; the idempotency key keeps it to one per round."""
    try:
        run = run_deployment(
            REMIND_DEPLOYMENT,
            parameters={"round_id": round_id},
            scheduled_time=when,
            timeout=0,
            idempotency_key=f"{round_id}:reminder",
            as_subflow=False,
        )
    except ObjectNotFound:
        get_run_logger().warning("reminder of %s not scheduled: start `concord up`", round_id)
        return None
    return str(run.id)
