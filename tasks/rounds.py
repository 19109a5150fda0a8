"""Opening a round: the round record, each agency's stamped copy, the deadline run."""

from __future__ import annotations

from datetime import datetime

from prefect import get_run_logger, task
from prefect.deployments import run_deployment
from prefect.exceptions import ObjectNotFound

from concord.engine.identity import stamp
from concord.models import Agency, CirculationStamp, Round, RoundStatus
from concord.tasks.store import IO_RETRIES, IO_RETRY_DELAYS, concord_store

DEADLINE_DEPLOYMENT = "round-deadline/concord"


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def record_round(
    draft_id: str, agencies: list[str], deadline: datetime, version: int | None, actor: str
) -> Round:
    """The round record; `version` None circulates the draft's newest version."""
    store = concord_store()
    if version is None:
        version = store.versions(draft_id)[-1].number
    consulted = [Agency.named(name) for name in agencies]
    return store.open_round(
        draft_id, version=version, agencies=consulted, deadline=deadline, actor=actor
    )


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def circulate_copy(round_id: str, agency_id: str, actor: str) -> str:
    """Store the agency's copy, stamped so its answer says which draft/version/round it answers."""
    store = concord_store()
    rnd = store.round(round_id)
    base = store.version_bytes(rnd.draft_id, rnd.version)
    identity = CirculationStamp(
        draft_id=rnd.draft_id, version=rnd.version, round_id=rnd.id, agency_id=agency_id
    )
    return store.put_circulated(round_id, agency_id, stamp(base, identity), actor=actor).key


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
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


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def remind_agency(round_id: str, agency_id: str, actor: str) -> None:
    """The reminder is an audit entry (and the caller's log line); e-mail is out of scope."""
    concord_store().record_reminder(round_id, agency_id, actor=actor)


@task(retries=IO_RETRIES, retry_delay_seconds=IO_RETRY_DELAYS)
def round_status(round_id: str) -> RoundStatus:
    return concord_store().round_status(round_id)
