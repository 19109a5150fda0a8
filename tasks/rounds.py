"""Opening a round, as retried tasks."""

from __future__ import annotations

from datetime import datetime

from prefect import task

from concord.models import Round, RoundSettings, RoundStatus
from concord.storage.factory import open_concord_store
from concord.tasks.retry import RETRY
from concord.usecases import rounds


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
def round_status(round_id: str) -> RoundStatus:
    return rounds.round_status(open_concord_store(), round_id)
