"""Publish a round's outcome: the next version from the decisions, and the synthesis report."""

from __future__ import annotations

from prefect import flow, get_run_logger

from concord.tasks.events import VERSION_PUBLISHED, emit, event_id
from concord.tasks.publishing import publish_next_version, write_report

# The drafting body named at the head of the synthesis report when none is given.
DEFAULT_ISSUER = "BAN SOẠN THẢO"


@flow(name="publish-version")
def publish_version(round_id: str, actor: str = "concord", issuer: str = DEFAULT_ISSUER) -> int:
    """The number of the version published."""
    version = publish_next_version(round_id, actor)
    report_key = write_report(round_id, version.number, issuer, actor)
    emit(
        VERSION_PUBLISHED,
        round_id=round_id,
        draft_id=version.draft_id,
        payload={"version": version.number, "version_key": version.key, "report_key": report_key},
        id=event_id(VERSION_PUBLISHED, round_id, str(version.number)),
    )
    get_run_logger().info("%s: version %d published", round_id, version.number)
    return version.number
