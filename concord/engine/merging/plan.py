"""From items to edits: which changes stand alone, which are the same, which clash.

Positions are (block, offset) pairs in the circulated body. Two edits clash when their ranges
overlap, when one inserts strictly inside the other's range, or when both insert at the same
point different text.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from concord.models import Item, ItemKind

Pos = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Edit:
    """One text change by one agency: replace [start, end) with `new`."""

    item: Item
    start: Pos
    end: Pos
    new: str

    @property
    def agency(self) -> str:
        return self.item.agency


@dataclass(slots=True)
class Cluster:
    edits: list[Edit] = field(default_factory=list)

    @property
    def start(self) -> Pos:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> Pos:
        return max(e.end for e in self.edits)

    @property
    def agencies(self) -> list[str]:
        return sorted({e.agency for e in self.edits})

    def identical(self) -> bool:
        first = self.edits[0]
        return all(
            (e.start, e.end, e.new) == (first.start, first.end, first.new) for e in self.edits
        )


def edits_of(item: Item) -> list[Edit]:
    """The text edits an item makes (a move is a deletion plus an insertion)."""
    start = (item.block, item.start)
    end = (item.end_block if item.end_block is not None else item.block, item.end)
    if item.kind in (ItemKind.INSERT, ItemKind.REPLACE):
        return [Edit(item, start, end, item.new)]
    if item.kind == ItemKind.DELETE:
        return [Edit(item, start, end, "")]
    if item.kind == ItemKind.MOVE:
        out = [Edit(item, start, end, "")]
        if item.to_block is not None:
            to = (item.to_block, item.to_offset or 0)
            out.append(Edit(item, to, to, item.new or item.old))
        return out
    return []


def overlap(a: Edit, b: Edit) -> bool:
    a_empty, b_empty = a.start == a.end, b.start == b.end
    if a_empty and b_empty:
        return a.start == b.start
    if a_empty:
        return b.start < a.start < b.end
    if b_empty:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def clusters(edits: Sequence[Edit]) -> list[Cluster]:
    """Group overlapping edits (transitively); result sorted from the document's end backwards
    (start, then end, descending) so applying them in order never moves text still to edit."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end, e.agency, e.new))
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            b = ordered[j]
            if b.start > a.end:
                break
            if overlap(a, b):
                parent[find(j)] = find(i)
    groups: dict[int, Cluster] = {}
    for i, e in enumerate(ordered):
        groups.setdefault(find(i), Cluster()).edits.append(e)
    return sorted(groups.values(), key=lambda c: (c.start, c.end), reverse=True)


def _index(pos: Pos, origin: Pos, lengths: Sequence[int]) -> int:
    """Index of `pos` in the text from `origin` (blocks joined by "\\n")."""
    if pos[0] == origin[0]:
        return pos[1] - origin[1]
    idx = lengths[origin[0]] - origin[1] + 1
    for b in range(origin[0] + 1, pos[0]):
        idx += lengths[b] + 1
    return idx + pos[1]


def version(cluster: Cluster, agency: str, union_text: str, lengths: Sequence[int]) -> str:
    """The agency's own text for the cluster's whole range."""
    origin = cluster.start
    text = union_text
    applied_from = len(text) + 1
    mine = sorted((e for e in cluster.edits if e.agency == agency), key=lambda e: (e.start, e.end))
    for e in reversed(mine):
        i0, i1 = _index(e.start, origin, lengths), _index(e.end, origin, lengths)
        if i1 > applied_from:
            continue  # the agency's own overlapping edits: the later one wins
        text = text[:i0] + e.new + text[i1:]
        applied_from = i0
    return text


def deletion_owners(cluster: Cluster) -> list[tuple[Pos, Pos, str]]:
    """Split the cluster's range into sub-ranges, each deleted on behalf of one agency that
    deleted it (the first by name), adjacent sub-ranges of one agency joined."""
    cuts = sorted({p for e in cluster.edits for p in (e.start, e.end)})
    out: list[tuple[Pos, Pos, str]] = []
    fallback = cluster.agencies[0]
    for a, b in itertools.pairwise(cuts):
        owners = sorted({e.agency for e in cluster.edits if e.start <= a and b <= e.end})
        owner = owners[0] if owners else fallback
        if out and out[-1][1] == a and out[-1][2] == owner:
            out[-1] = (out[-1][0], b, owner)
        else:
            out.append((a, b, owner))
    return out
