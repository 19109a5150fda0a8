"""Rounds: open one (record it, circulate a stamped copy to each agency), follow it, tokens."""

from __future__ import annotations

from datetime import datetime

from concord.engine.identity import stamp
from concord.errors import InvalidInput
from concord.messages import t
from concord.models import (
    Agency,
    CirculationStamp,
    DeadlineExtension,
    LatePolicy,
    Round,
    RoundSettings,
    RoundStatus,
)
from concord.storage.records import ConcordStore
from concord.usecases.consulted import consulted


def parse_deadline(deadline: str | datetime) -> datetime:
    """ISO 8601; a time without an offset is taken in this machine's time zone."""
    if isinstance(deadline, str):
        try:
            deadline = datetime.fromisoformat(deadline)
        except ValueError as err:
            raise InvalidInput(t("refusal.deadline_format", deadline=deadline)) from err
    return deadline if deadline.tzinfo else deadline.astimezone()


def open_round(
    store: ConcordStore,
    draft_id: str,
    agencies: list[str],
    deadline: str | datetime,
    *,
    version: int | None = None,
    actor: str,
    late_answers: LatePolicy = LatePolicy.ACCEPT,
    settings: RoundSettings | None = None,
) -> Round:
    """Record the round and circulate every agency's stamped copy; `version` None: the newest."""
    when = parse_deadline(deadline)
    rnd = record_round(
        store,
        draft_id,
        agencies,
        when,
        version=version,
        actor=actor,
        late_answers=late_answers,
        settings=settings,
    )
    for agency in rnd.agencies:
        circulate_copy(store, rnd.id, agency.id, actor=actor)
    return rnd


def record_round(
    store: ConcordStore,
    draft_id: str,
    agencies: list[str],
    deadline: datetime,
    *,
    version: int | None,
    actor: str,
    late_answers: LatePolicy = LatePolicy.ACCEPT,
    settings: RoundSettings | None = None,
) -> Round:
    if version is None:
        version = store.versions(draft_id)[-1].number
    consulted = [Agency.named(name) for name in agencies]
    return store.open_round(
        draft_id,
        version=version,
        agencies=consulted,
        deadline=deadline,
        actor=actor,
        late_answers=late_answers,
        settings=settings,
    )


def circulate_copy(store: ConcordStore, round_id: str, agency_id: str, *, actor: str) -> str:
    """Store the agency's copy, stamped so its answer says which draft/version/round it answers."""
    rnd = store.round(round_id)
    base = store.version_bytes(rnd.draft_id, rnd.version)
    identity = CirculationStamp(
        draft_id=rnd.draft_id, version=rnd.version, round_id=rnd.id, agency_id=agency_id
    )
    return store.put_circulated(round_id, agency_id, stamp(base, identity), actor=actor).key


def round_status(store: ConcordStore, round_id: str) -> RoundStatus:
    """Everything a person wants to see of a round, item counts included."""
    return store.round_status(round_id, counts=True)


def issue_tokens(store: ConcordStore, round_id: str, *, actor: str) -> dict[Agency, str | None]:
    """Each agency's new upload token, or None where one was issued before (never shown again)."""
    rnd = store.round(round_id)
    return {a: store.issue_token(round_id, a.id, actor=actor) for a in rnd.agencies}


def extend_deadline(
    store: ConcordStore, round_id: str, agency: str, deadline: str | datetime, *, actor: str
) -> DeadlineExtension:
    """A later deadline for one agency (its answers until then are not late)."""
    member = consulted(store.round(round_id), agency)
    when = parse_deadline(deadline)
    if when <= store.round(round_id).deadline:
        raise InvalidInput(t("refusal.extension_too_early"))
    return store.extend_deadline(round_id, member.id, when, actor=actor)


def close_round(store: ConcordStore, round_id: str, *, actor: str) -> bool:
    """Take no more answers; False when the round was already closed."""
    return store.close_round(round_id, actor=actor)
