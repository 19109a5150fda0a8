"""Before a round's deadline (a run scheduled when it opens): remind the silent agencies."""

from __future__ import annotations

from prefect import flow, get_run_logger

from concord.flows.send_mail import send_mail
from concord.tasks.mail import queue_reminders


@flow(name="remind-round")
def remind_round(round_id: str, actor: str = "concord") -> dict:
    """{"reminders": [outbox files made], "sent": ..., "waiting": ...}."""
    paths = queue_reminders(round_id, actor)
    get_run_logger().info("%s: %d reminder(s)", round_id, len(paths))
    return {"reminders": paths, **send_mail(paths, actor)}
