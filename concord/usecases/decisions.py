"""Decisions: the items of a round's latest merge, and what the drafting team did with each."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import TypeAdapter

from concord.errors import InvalidInput, NotFound, UnknownItems
from concord.models import Clash, Decision, Item, MergeRecord
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
        raise NotFound(
            f"round {round_id} has not been merged: nothing to decide on yet "
            f"(`concord merge {round_id}` merges what arrived)"
        )
    report = json.loads(store.object_bytes(record.report_key))
    items = [Item.model_validate(raw) for raw in report["items"]]
    clashes = [Clash.model_validate(raw) for raw in report["clashes"]]
    return MergedItems(record, items, clashes)


@dataclass(frozen=True)
class ItemDecision:
    item: Item
    decision: Decision | None

    def to_json_dict(self) -> dict:
        decided = self.decision.model_dump(mode="json") if self.decision else None
        return {**self.item.to_json_dict(), "decision": decided}


def items_with_decisions(store: ConcordStore, round_id: str) -> list[ItemDecision]:
    """Every item of the latest merge with the current decision on it (None: undecided)."""
    found = merged_items(store, round_id).items
    decided = {d.item_id: d for d in store.decisions(round_id)}
    return [ItemDecision(item, decided.get(item.id)) for item in found]


def parse_decisions(raw: str | list) -> list[Decision]:
    """Decisions from JSON text or a list of dicts; InvalidInput naming what is wrong."""
    try:
        data = json.loads(raw) if isinstance(raw, str) else raw
        return TypeAdapter(list[Decision]).validate_python(data)
    except ValueError as err:  # json.JSONDecodeError and pydantic's ValidationError alike
        raise InvalidInput(
            f"not a list of decisions ({{item_id, outcome, explanation, text?}}): {err}"
        ) from err


def record_decisions(
    store: ConcordStore, round_id: str, decisions: Sequence[Decision], *, actor: str
) -> list[Decision]:
    """Record decisions (a later one on an item replaces an earlier), stamped with who and when.

    Every item id must be one of the latest merge's, so a typo never records a decision on
    nothing.
    """
    if not decisions:
        raise InvalidInput(
            "no decisions given: name item ids with --outcome, or give a --file of decisions"
        )
    now = datetime.now(UTC)
    stamped = [d.model_copy(update={"decided_by": actor, "decided_at": now}) for d in decisions]
    known = {item.id for item in merged_items(store, round_id).items}
    unknown = sorted({d.item_id for d in stamped} - known)
    if unknown:
        raise UnknownItems(
            f"no item {', '.join(unknown)} in the latest merge of {round_id}: "
            f"`concord items {round_id}` lists them"
        )
    store.put_decisions(round_id, stamped, actor=actor)
    return stamped
