"""Open a consultation round: record it, circulate stamped copies, mail the invitations.

The worker keeps its deadline and sends its reminders when due: nothing is scheduled here.
"""

from __future__ import annotations

from prefect import flow, get_run_logger

from concord.flows.send_mail import send_mail
from concord.tasks.events import announce_round_opened
from concord.tasks.mail import queue_invitations
from concord.tasks.rounds import circulate_copy, record_round
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
    send_mail(queue_invitations(rnd.id, actor), actor)
    announce_round_opened(rnd)
    get_run_logger().info(
        "round %s opened for %d agencies, deadline %s", rnd.id, len(rnd.agencies), when.isoformat()
    )
    return rnd.id
