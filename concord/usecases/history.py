"""Across rounds: each item of a round linked to what was said about its passage before.

A round's items are located in the version it circulated; an earlier round's items in the
version it circulated. Each earlier item's paragraphs are followed through every version between
the two (engine.tracing), so the link survives the drafting team's revisions, renumbered
articles and moved paragraphs. A passage is a paragraph (block): in a Vietnamese legal text each
clause and point is a paragraph of its own, the unit comments and decisions are about.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from concord.engine.repeats import same_point
from concord.engine.report_rows import document_order
from concord.engine.tracing import BlockRef, Counterparts, compose, trace
from concord.models import EarlierItem, Item, ItemHistory, Round
from concord.models.history import NOT_TAKEN
from concord.storage.records import ConcordStore
from concord.usecases.decisions import merged_items

# Traced version pairs kept per process: the desk asks for a round's history on every page.
_CACHE_SIZE = 32
_traced: OrderedDict[tuple[str, str], Counterparts] = OrderedDict()


@dataclass(frozen=True)
class Linked:
    """An earlier item and its paragraphs in the later round's circulated version."""

    earlier: EarlierItem
    passage: frozenset[BlockRef]  # its paragraphs, in the later round's circulated version


def passage(item: Item) -> frozenset[BlockRef]:
    """The paragraphs an item is about (more than one when its change runs past its block)."""
    last = item.end_block if item.end_block is not None else item.block
    return frozenset((item.part, b) for b in range(item.block, max(last, item.block) + 1))


def histories_for(store: ConcordStore, rnd: Round, items: Sequence[Item]) -> dict[str, ItemHistory]:
    """Item id -> its history, for `items` of round `rnd`."""
    return link_histories(items, _earlier_items(store, rnd))


def link_histories(items: Sequence[Item], linked: Sequence[Linked]) -> dict[str, ItemHistory]:
    """Each item's history from the earlier items, whose passages are already traced into the
    version the items are located in."""
    # Paragraph -> positions in `linked` of the earlier items on it: a round of 200 agencies
    # looks up each of its items' paragraphs, not every earlier item.
    on: dict[BlockRef, list[int]] = defaultdict(list)
    for position, link in enumerate(linked):
        for ref in link.passage:
            on[ref].append(position)
    out: dict[str, ItemHistory] = {}
    for item in items:
        found = sorted({p for ref in passage(item) for p in on.get(ref, ())})
        earlier = tuple(linked[p].earlier for p in found)
        repeated = tuple(
            e.item.id
            for e in earlier
            if e.item.agency == item.agency and e.outcome in NOT_TAKEN and same_point(e.item, item)
        )
        out[item.id] = ItemHistory(item_id=item.id, earlier=earlier, repeated_from=repeated)
    return out


def round_number(store: ConcordStore, rnd: Round) -> int:
    """The round's place among its draft's rounds ("Vòng 2")."""
    return [r.id for r in store.rounds(rnd.draft_id)].index(rnd.id) + 1


def _earlier_items(store: ConcordStore, rnd: Round) -> list[Linked]:
    """Every item of the merged rounds opened before `rnd`, with its passage traced into the
    version `rnd` circulated; items whose paragraphs the team deleted since are left out."""
    linked: list[Linked] = []
    for number, earlier in enumerate(store.rounds(rnd.draft_id), start=1):
        if earlier.id == rnd.id:
            break
        if earlier.version > rnd.version or store.latest_merge(earlier.id) is None:
            continue
        counterparts = version_counterparts(store, rnd.draft_id, earlier.version, rnd.version)
        decided = {d.item_id: d for d in store.decisions(earlier.id)}
        for item in sorted(merged_items(store, earlier.id).items, key=document_order):
            traced = passage(item)
            if counterparts is not None:
                traced = frozenset(counterparts[r] for r in traced if r in counterparts)
            if not traced:
                continue
            entry = EarlierItem(
                round_id=earlier.id,
                round_number=number,
                version=earlier.version,
                item=item,
                decision=decided.get(item.id),
            )
            linked.append(Linked(entry, traced))
    return linked


def version_counterparts(
    store: ConcordStore, draft_id: str, old: int, new: int
) -> Counterparts | None:
    """Paragraphs of version `old` -> those of version `new` carrying them on, traced through
    every version between them; None when they are the same version (each its own)."""
    if old == new:
        return None
    versions = {v.number: v for v in store.versions(draft_id)}
    steps = []
    for number in range(old, new):
        a, b = versions[number], versions[number + 1]
        key = (a.sha256, b.sha256)
        if key not in _traced:
            _traced[key] = trace(
                store.version_bytes(draft_id, number), store.version_bytes(draft_id, number + 1)
            )
            while len(_traced) > _CACHE_SIZE:
                _traced.popitem(last=False)
        _traced.move_to_end(key)
        steps.append(_traced[key])
    return compose(steps)
