"""Decisions: the items of a round's latest merge, and what the drafting team did with each,
typed item by item or read back from the coordinator's decided copy of the merged file."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import TypeAdapter

from concord.engine.decisions_docx import read_decisions
from concord.engine.errors import WrongDocument
from concord.engine.identity import MERGED, merge_digest, read_stamp
from concord.engine.matching import MIN_SHARED_WORDS, closest_version, shared_words
from concord.engine.safety import check_docx
from concord.errors import InvalidInput, NotFound, UnknownItems
from concord.messages import t
from concord.models import Clash, Decision, Item, ItemHistory, MergeRecord, Round
from concord.storage.records import ConcordStore


@dataclass(frozen=True)
class MergedItems:
    record: MergeRecord
    items: list[Item]
    clashes: list[Clash]


def merged_items(store: ConcordStore, round_id: str) -> MergedItems:
    """The latest merge and its items and clashes: the ids the decisions refer to."""
    record = store.latest_merge(round_id)
    if record is None:
        raise NotFound(t("refusal.not_merged", round=round_id))
    report = json.loads(store.object_bytes(record.report_key))
    items = [Item.model_validate(raw) for raw in report["items"]]
    clashes = [Clash.model_validate(raw) for raw in report["clashes"]]
    return MergedItems(record, items, clashes)


@dataclass(frozen=True)
class ItemDecision:
    item: Item
    decision: Decision | None
    history: ItemHistory | None = None  # None: not asked for

    def to_json_dict(self) -> dict:
        decided = self.decision.model_dump(mode="json") if self.decision else None
        data = {**self.item.to_json_dict(), "decision": decided}
        if self.history is not None:
            data["history"] = [e.to_json_dict() for e in self.history.earlier]
            data["repeated"] = self.history.repeated
        return data


def items_with_decisions(
    store: ConcordStore, round_id: str, *, history: bool = False
) -> list[ItemDecision]:
    """Every item of the latest merge with the current decision on it (None: undecided), and
    with `history`, what earlier rounds said about its passage (concord.usecases.history)."""
    from concord.usecases.history import histories_for

    found = merged_items(store, round_id).items
    decided = {d.item_id: d for d in store.decisions(round_id)}
    histories = histories_for(store, store.round(round_id), found) if history else {}
    return [ItemDecision(item, decided.get(item.id), histories.get(item.id)) for item in found]


def parse_decisions(raw: str | list) -> list[Decision]:
    """Decisions from JSON text or a list of dicts; InvalidInput naming what is wrong."""
    try:
        data = json.loads(raw) if isinstance(raw, str) else raw
        return TypeAdapter(list[Decision]).validate_python(data)
    except ValueError as err:  # json.JSONDecodeError and pydantic's ValidationError alike
        raise InvalidInput(t("refusal.decisions_unreadable", error=err)) from err


def record_decisions(
    store: ConcordStore, round_id: str, decisions: Sequence[Decision], *, actor: str
) -> list[Decision]:
    """Record decisions (a later one on an item replaces an earlier), stamped with who and when.

    Every item id must be one of the latest merge's, so a typo never records a decision on
    nothing.
    """
    if not decisions:
        raise InvalidInput(t("refusal.no_decisions_given"))
    now = datetime.now(UTC)
    stamped = [d.model_copy(update={"decided_by": actor, "decided_at": now}) for d in decisions]
    known = {item.id for item in merged_items(store, round_id).items}
    unknown = sorted({d.item_id for d in stamped} - known)
    if unknown:
        raise UnknownItems(t("refusal.unknown_items", items=", ".join(unknown), round=round_id))
    store.put_decisions(round_id, stamped, actor=actor)
    return stamped


# --- decisions read from the coordinator's decided copy of the merged file ---------------------


@dataclass(frozen=True)
class DecidedFile:
    """What a decided merged file says, and whether it was recorded (False: a preview)."""

    decisions: list[Decision]
    undecided: list[str]
    team_edits: list[Item]
    sha256: str
    recorded: bool

    def to_json_dict(self) -> dict:
        return {
            "decisions": [
                {
                    "item_id": d.item_id,
                    "outcome": d.outcome.value,
                    "explanation": d.explanation,
                    **({"text": d.text} if d.text is not None else {}),
                }
                for d in self.decisions
            ],
            "undecided": self.undecided,
            "team_edits": [
                {"location": e.location, "old": e.old, "new": e.new} for e in self.team_edits
            ],
            "sha256": self.sha256,
            "recorded": self.recorded,
        }


def decisions_from_docx(
    store: ConcordStore,
    round_id: str,
    docx: bytes,
    dry_run: bool = False,
    *,
    actor: str = "coordinator",
) -> DecidedFile:
    """Read the decisions in `docx`, the coordinator's decided copy of the round's latest merge;
    record them (and the file, and the team's own edits in it) unless `dry_run`.

    Raises UnsafeDocument (the checks answers get), WrongDocument (not this round's merged file),
    NotFound (nothing merged yet); stores nothing then.
    """
    rnd = store.round(round_id)
    found = merged_items(store, round_id)
    check_docx(docx)
    base = store.version_bytes(rnd.draft_id, rnd.version)
    _check_is_merge_of(store, rnd, docx, base, found.record)
    agencies = {a.name for a in rnd.agencies} | {i.agency for i in found.items}
    read = read_decisions(docx, base, found.items, agencies=agencies)
    sha = hashlib.sha256(docx).hexdigest()
    if dry_run:
        return DecidedFile(read.decisions, read.undecided, read.team_edits, sha, False)
    # The file and the team's edits first: decisions recorded without them would publish a
    # version missing the team's edits if the second write failed.
    store.put_decided(
        round_id,
        docx,
        merge_seq=found.record.seq,
        team_edits=read.team_edits,
        decisions=len(read.decisions),
        actor=actor,
    )
    decided = read.decisions
    if decided:
        decided = record_decisions(store, round_id, decided, actor=actor)
    return DecidedFile(decided, read.undecided, read.team_edits, sha, True)


def _check_is_merge_of(
    store: ConcordStore, rnd: Round, docx: bytes, base: bytes, latest: MergeRecord
) -> None:
    """Raise WrongDocument unless `docx` is (a decided copy of) this round's latest merged file."""
    found = read_stamp(docx)
    if found is not None:
        if found.agency_id != MERGED:
            raise WrongDocument(
                t("refusal.decided_circulated_copy", agency=found.agency_id, round=rnd.id)
            )
        if found.round_id and found.round_id != rnd.id:
            raise WrongDocument(
                t("refusal.decided_other_round", found=found.round_id, round=rnd.id)
            )
        if found.merge and found.merge != merge_digest(latest.answers):
            # Items of answers merged since would be read as rejected: they are not in the file.
            raise WrongDocument(t("refusal.decided_earlier_merge", round=rnd.id, seq=latest.seq))
    versions = {
        v.number: store.version_bytes(rnd.draft_id, v.number) for v in store.versions(rnd.draft_id)
    }
    versions[rnd.version] = base
    number, _ = closest_version(docx, versions, prefer=rnd.version)
    if number != rnd.version or shared_words(docx, base) < MIN_SHARED_WORDS:
        raise WrongDocument(
            t("refusal.decided_not_merged_file", round=rnd.id, version=rnd.version, closest=number)
        )
