"""Publish a round's outcome: the next version from the decisions, the synthesis report, and
each answering agency's extract by mail."""

from __future__ import annotations

from prefect import flow, get_run_logger

from concord.flows.send_mail import send_mail
from concord.tasks.events import announce_published
from concord.tasks.mail import queue_extracts
from concord.tasks.outcomes import publish
from concord.usecases.publishing import DEFAULT_ISSUER


@flow(name="publish-version")
def publish_version(
    round_id: str,
    actor: str = "concord",
    issuer: str = DEFAULT_ISSUER,
    allow_undecided: bool = False,
) -> int:
    """The number of the version published (undecided items refuse it unless allowed)."""
    done = publish(round_id, actor, issuer, allow_undecided)
    announce_published(round_id, done.version, done.report_key)
    send_mail(queue_extracts(round_id, actor), actor)
    get_run_logger().info("%s: version %d published", round_id, done.version.number)
    return done.version.number
