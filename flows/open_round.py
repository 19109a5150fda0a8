"""Open a consultation round: record it, circulate stamped copies, mail the invitations,
schedule its deadline."""

from __future__ import annotations

from prefect import flow, get_run_logger

from concord.flows.send_mail import send_mail
from concord.models import ConcordSettings
from concord.tasks.events import announce_round_opened
from concord.tasks.mail import queue_invitations, schedule_reminder
from concord.tasks.rounds import circulate_copy, record_round, schedule_deadline
from concord.usecases.notify import reminder_due
from concord.usecases.rounds import parse_deadline


@flow(name="open-round")
def open_round(
    draft_id: str,
    agencies: list[str],
    deadline: str,
    version: int | None = None,
    actor: str = "concord",
    remind_days: int | None = None,
) -> str:
    """The round id; each agency's copy carries the draft, version, round and agency ids."""
    when = parse_deadline(deadline)
    rnd = record_round(draft_id, agencies, when, version, actor, remind_days)
    for agency in rnd.agencies:
        circulate_copy(rnd.id, agency.id, actor)
    scheduled = schedule_deadline(rnd.id, when)
    send_mail(queue_invitations(rnd.id, actor), actor)
    due = reminder_due(rnd, ConcordSettings())
    if due is not None:
        schedule_reminder(rnd.id, due)
    announce_round_opened(rnd)
    get_run_logger().info(
        "round %s opened for %d agencies, deadline %s (%s)",
        rnd.id,
        len(rnd.agencies),
        when.isoformat(),
        f"run {scheduled}" if scheduled else "not scheduled",
    )
    return rnd.id
