"""What a round needs next, read from the store alone: the service's source of truth.

Nothing waits on an event to be remembered: an answer stored but not read, a round complete but
not merged, a deadline passed but not kept, are all found here by looking at what is stored.
A worker (concord.worker) asks `round_work` for each open round and does what it says; doing it
twice is harmless (reading is idempotent, a set of answers is merged once, a deadline kept once).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from concord.models import ConcordSettings, MergeRecord, RoundStatus
from concord.storage.records import ConcordStore
from concord.usecases.answers import ingest_answer
from concord.usecases.merging import merge_ingested
from concord.usecases.notify import receipt, remind, reminder_due, send_queued


@dataclass(frozen=True)
class RoundWork:
    round_id: str
    to_ingest: tuple[str, ...]  # answer keys stored but not read
    merge: bool  # the answers in call for a (new) merge
    deadline_due: bool  # the deadline passed and was not kept yet
    remind_due: bool = False  # the reminders' day came and they were not sent yet

    @property
    def idle(self) -> bool:
        return not (self.to_ingest or self.merge or self.deadline_due or self.remind_due)


def round_work(store: ConcordStore, round_id: str) -> RoundWork | None:
    """What the round needs now; None once it is published (nothing more will happen)."""
    status = store.round_status(round_id)
    if status.published_version is not None:
        return None
    to_ingest = tuple(s.answer_key for s in status.agencies if s.answered and not s.ingested)
    kept = store.deadline_kept(round_id)
    deadline_due = status.deadline_passed and not kept
    # Before the deadline a round is merged once everyone answered; after it (kept), whenever
    # the answers read differ from the last merge (a late answer came in).
    wanted = status.complete or (kept and any(s.ingested for s in status.agencies))
    merged = _merged_as_is(status, store.typed_count(round_id))
    remind = not status.deadline_passed and reminders_due(store, status)
    return RoundWork(round_id, to_ingest, wanted and not merged, deadline_due, remind)


REMINDERS_DONE = "reminders-done"


def reminders_due(store: ConcordStore, status: RoundStatus) -> bool:
    """The reminders' day (deadline - remind_days) came after the round opened, and they were
    not sent; an agency that answered is never reminded (notify.remind)."""
    rnd = status.round
    due = reminder_due(rnd, ConcordSettings())
    if due is None or due <= rnd.opened_at or datetime.now(UTC) < due:
        return False
    return not store.mail_made(rnd.id, REMINDERS_DONE)


def send_reminders(store: ConcordStore, round_id: str, *, actor: str) -> list[str]:
    """Remind the agencies that have not answered (once each); the outbox files made."""
    posted = remind(store, round_id, ConcordSettings(), actor=actor, force=True)
    store.claim_mail(round_id, REMINDERS_DONE, {"reminded": len(posted.paths)}, actor=actor)
    return [str(p) for p in posted.paths]


def _merged_as_is(status: RoundStatus, typed: int) -> bool:
    """The last merge holds exactly the answers read now and every item typed in."""
    shas = tuple(sorted(s.answer_sha256 for s in status.agencies if s.ingested))
    last = status.merged
    return last is not None and last.answers == shas and len(last.typed) == typed


def silent_agencies(store: ConcordStore, round_id: str) -> list[str]:
    """Ids of the agencies that have not answered at all."""
    return [s.agency.id for s in store.round_status(round_id).agencies if not s.answered]


@dataclass(frozen=True)
class KeptDeadline:
    reminded: list[str]
    merged_key: str | None


def keep_deadline(store: ConcordStore, round_id: str, *, actor: str) -> KeptDeadline:
    """At the deadline: remind the agencies that did not answer, merge what arrived, once."""
    silent = silent_agencies(store, round_id)
    if store.deadline_kept(round_id):
        return KeptDeadline([], None)
    for agency_id in silent:
        store.record_reminder(round_id, agency_id, actor=actor)
    merged = None
    if len(silent) < len(store.round(round_id).agencies):
        merged = merge_ingested(store, round_id, actor=actor)[0].docx_key
    store.keep_deadline(round_id, actor=actor, reminded=silent)
    return KeptDeadline(silent, merged)


@dataclass(frozen=True)
class Advanced:
    ingested: list[str]
    reminded: list[str]
    merged_key: str | None
    merge: MergeRecord | None


class Steps(Protocol):
    """How each step runs: directly (DirectSteps) or as Prefect tasks (flows/advance_round)."""

    def work(self, round_id: str) -> RoundWork | None: ...
    def ingest(self, round_id: str, answer_key: str) -> None: ...
    def remind(self, round_id: str) -> None: ...
    def keep_deadline(self, round_id: str) -> KeptDeadline: ...
    def merge(self, round_id: str) -> MergeRecord: ...


def advance(round_id: str, steps: Steps) -> Advanced:
    """Read what waits, keep a passed deadline, merge when it is time: the round's next steps."""
    work = steps.work(round_id)
    if work is None:
        return Advanced([], [], None, None)
    for key in work.to_ingest:
        steps.ingest(round_id, key)
    if work.remind_due:
        steps.remind(round_id)
    reminded: list[str] = []
    merged_key = None
    if work.deadline_due:
        kept = steps.keep_deadline(round_id)
        reminded, merged_key = kept.reminded, kept.merged_key
    after = steps.work(round_id)
    record = steps.merge(round_id) if after is not None and after.merge else None
    return Advanced(
        list(work.to_ingest), reminded, record.docx_key if record else merged_key, record
    )


@dataclass(frozen=True)
class DirectSteps:
    """Each step as a plain use case call on `store` (no Prefect: the service is down)."""

    store: ConcordStore
    actor: str

    def work(self, round_id: str) -> RoundWork | None:
        return round_work(self.store, round_id)

    def ingest(self, round_id: str, answer_key: str) -> None:
        """Read the answer, then send the agency its receipt (what was read)."""
        answer, _, _ = ingest_answer(self.store, round_id, answer_key, actor=self.actor)
        settings = ConcordSettings()
        posted = receipt(self.store, answer, settings, actor=self.actor)
        send_queued(self.store, posted.paths, settings, actor=self.actor)

    def remind(self, round_id: str) -> None:
        paths = send_reminders(self.store, round_id, actor=self.actor)
        send_queued(self.store, [Path(p) for p in paths], ConcordSettings(), actor=self.actor)

    def keep_deadline(self, round_id: str) -> KeptDeadline:
        return keep_deadline(self.store, round_id, actor=self.actor)

    def merge(self, round_id: str) -> MergeRecord:
        return merge_ingested(self.store, round_id, actor=self.actor)[0]
