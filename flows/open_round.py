"""Open a consultation round: record it, circulate stamped copies, schedule its deadline."""

from __future__ import annotations

from datetime import datetime

from prefect import flow, get_run_logger

from concord.tasks.events import ROUND_OPENED, emit, event_id
from concord.tasks.rounds import circulate_copy, record_round, schedule_deadline


def parse_deadline(deadline: str) -> datetime:
    """ISO 8601; a time without an offset is taken in this machine's time zone."""
    try:
        when = datetime.fromisoformat(deadline)
    except ValueError as err:
        raise ValueError(f"the deadline is not an ISO 8601 date and time: {deadline!r}") from err
    return when if when.tzinfo else when.astimezone()


@flow(name="open-round")
def open_round(
    draft_id: str,
    agencies: list[str],
    deadline: str,
    version: int | None = None,
    actor: str = "concord",
) -> str:
    """The round id; each agency's copy carries the draft, version, round and agency ids."""
    when = parse_deadline(deadline)
    rnd = record_round(draft_id, agencies, when, version, actor)
    for agency in rnd.agencies:
        circulate_copy(rnd.id, agency.id, actor)
    scheduled = schedule_deadline(rnd.id, when)
    emit(
        ROUND_OPENED,
        round_id=rnd.id,
        draft_id=rnd.draft_id,
        agencies=[a.id for a in rnd.agencies],
        payload={"version": rnd.version, "deadline": when.isoformat()},
        id=event_id(ROUND_OPENED, rnd.id),
    )
    get_run_logger().info(
        "round %s opened for %d agencies, deadline %s (%s)",
        rnd.id,
        len(rnd.agencies),
        when.isoformat(),
        f"run {scheduled}" if scheduled else "not scheduled",
    )
    return rnd.id
