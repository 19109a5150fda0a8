"""Opening a round and keeping its deadline, as retried tasks."""

from __future__ import annotations

from datetime import datetime

from prefect import get_run_logger, task
from prefect.deployments import run_deployment
from prefect.exceptions import ObjectNotFound

from concord.models import Round, RoundSettings, RoundStatus
from concord.storage.factory import open_concord_store
from concord.tasks.retry import RETRY
from concord.usecases import rounds

DEADLINE_DEPLOYMENT = "round-deadline/concord"


@task(**RETRY)
def record_round(
    draft_id: str,
    agencies: list[str],
    deadline: datetime,
    version: int | None,
    actor: str,
    remind_days: int | None = None,
) -> Round:
    """The round record; `version` None circulates the draft's newest version."""
    store = open_concord_store()
    settings = RoundSettings(remind_days=remind_days)
    return rounds.record_round(
        store, draft_id, agencies, deadline, version=version, actor=actor, settings=settings
    )


@task(**RETRY)
def circulate_copy(round_id: str, agency_id: str, actor: str) -> str:
    """Store the agency's stamped copy; its key."""
    return rounds.circulate_copy(open_concord_store(), round_id, agency_id, actor=actor)


@task(**RETRY)
def schedule_deadline(round_id: str, deadline: datetime) -> str | None:
    """A run of the round-deadline deployment at the deadline; None when it is not deployed.

    A scheduled run is exact to the poll interval and visible in the UI; the idempotency key
    keeps a retried task from scheduling the deadline twice.
    """
    try:
        run = run_deployment(
            DEADLINE_DEPLOYMENT,
            parameters={"round_id": round_id},
            scheduled_time=deadline,
            timeout=0,
            idempotency_key=f"{round_id}:deadline",
            as_subflow=False,
        )
    except ObjectNotFound:
        get_run_logger().warning(
            "deadline of %s not scheduled: %s is not deployed (start `concord up`)",
            round_id,
            DEADLINE_DEPLOYMENT,
        )
        return None
    return str(run.id)


@task(**RETRY)
def remind_agency(round_id: str, agency_id: str, actor: str) -> None:
    """The reminder is an audit entry (and the caller's log line)."""
    open_concord_store().record_reminder(round_id, agency_id, actor=actor)


@task(**RETRY)
def round_status(round_id: str) -> RoundStatus:
    return rounds.round_status(open_concord_store(), round_id)
