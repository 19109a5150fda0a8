"""At a round's deadline: remind the agencies that did not answer, merge what arrived.

The agencies still silent are noted in the audit and the log; their e-mail reminder went out
before the deadline (the remind-round run scheduled when the round opened).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from prefect import flow, get_run_logger

from concord.flows.merge_round import merge_round
from concord.models import RoundState
from concord.tasks.answers import latest_answers
from concord.tasks.rounds import remind_agency, round_status


@flow(name="round-deadline")
def round_deadline(round_id: str, actor: str = "concord") -> dict:
    """{"reminded": [agency ids], "merged": merged .docx key, or None when nothing to merge}."""
    logger = get_run_logger()
    status = round_status(round_id)
    # Runners start scheduled runs a few seconds early (prefetch): an answer filed in the last
    # seconds before the deadline still counts.
    early = (status.round.deadline - datetime.now(UTC)).total_seconds()
    if early > 0:
        time.sleep(early)
        status = round_status(round_id)
    if status.state is RoundState.PUBLISHED:
        logger.info("%s: already published, nothing to do at the deadline", round_id)
        return {"reminded": [], "merged": None}
    answered = latest_answers(round_id)
    silent = [s.agency for s in status.agencies if s.agency.id not in answered]
    for agency in silent:
        remind_agency(round_id, agency.id, actor)
        logger.warning("%s: deadline passed without an answer from %s", round_id, agency.name)
    merged = merge_round(round_id, actor) if answered else None
    return {"reminded": [a.id for a in silent], "merged": merged}
