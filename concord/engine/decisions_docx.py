"""Decisions read back from the coordinator's decided copy of a round's merged file.

The coordinator opens the merged .docx in Word or LibreOffice, accepts or rejects the agencies'
tracked changes, replies to their comments and may edit further, then uploads it. Word and
LibreOffice rewrite ids, runs and rsids on save, so nothing is matched by XML identity: the
decided body is read as text and compared with the circulated version the merge was made on.

- The decided text ("final") is the body as it would be with every agency's still-pending change
  rejected and everyone else's tracked change (the coordinator's own) accepted.
- Each change item's edits (engine.merging.plan.edits_of) and the differences between the
  circulated and the final text are grouped where they touch; in each group, the set of items
  whose changes, applied to the circulated text, give exactly the final text is the set accepted
  (a clash's kept alternative is that agency's changes); when no set gives it, the closest set is
  partly accepted with the wording found, and the rest not accepted.
- An item with a change of its agency still pending in the file is undecided.
- A reply to a comment whose first words name an outcome ("Tiếp thu", "Không tiếp thu", ...,
  "Accepted", "Not accepted", ...) sets it for the comment's item; the rest of the reply is the
  explanation. A reply (or the coordinator's own comment) on a change gives that change's
  explanation.
- Differences that touch no item are the drafting team's own edits, returned as items of
  `TEAM` so the next version can make them (engine.publish) and the report list them apart.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from lxml import etree

from concord.engine.blocks import extract_blocks
from concord.engine.decided_text import (
    Hunk,
    View,
    diff,
    distance,
    hunks_of,
    map_offset,
    read_view,
    word_ops,
)
from concord.engine.errors import UnreadableDocument
from concord.engine.merging.plan import edits_of
from concord.engine.ooxml import NS, parse_xml, read_parts
from concord.engine.reading.comments import Comment, read_comments
from concord.engine.structure import language_of
from concord.engine.wording import Lang, formatting, moved, outside_body
from concord.messages import t
from concord.models import Decision, Item, ItemKind, Outcome, Reply

# Who the drafting team's own edits are attributed to (the report's "Ban soạn thảo chỉnh lý").
TEAM = "Ban soạn thảo"
CONCORD = "Concord"
# Beyond this many items in one group, every subset is too many to try: items are judged alone.
_MAX_SUBSET_ITEMS = 10

# Longest first, so "Tiếp thu một phần" is not read as "Tiếp thu".
_OUTCOME_WORDS: tuple[tuple[str, Outcome], ...] = (
    ("tiếp thu một phần", Outcome.PARTLY_ACCEPTED),
    ("không tiếp thu", Outcome.NOT_ACCEPTED),
    ("chưa tiếp thu", Outcome.NOT_ACCEPTED),
    ("tiếp thu", Outcome.ACCEPTED),
    ("giải trình", Outcome.NOTED),
    ("ghi nhận", Outcome.NOTED),
    ("partially accepted", Outcome.PARTLY_ACCEPTED),
    ("partly accepted", Outcome.PARTLY_ACCEPTED),
    ("not accepted", Outcome.NOT_ACCEPTED),
    ("rejected", Outcome.NOT_ACCEPTED),
    ("accepted", Outcome.ACCEPTED),
    ("noted", Outcome.NOTED),
)
_SEPARATORS = " \t\n:;,.-–—"


@dataclass(frozen=True)
class DocxDecisions:
    """What a decided file says: decisions, items still undecided, the team's own edits."""

    decisions: list[Decision]
    undecided: list[str]
    team_edits: list[Item] = field(default_factory=list)


def reply_outcome(text: str) -> tuple[Outcome | None, str]:
    """(outcome named by the reply's first words or None, the rest as the explanation)."""
    clean = unicodedata.normalize("NFC", text).strip()
    lowered = clean.lower()
    for words, outcome in _OUTCOME_WORDS:
        if lowered.startswith(words):
            rest = clean[len(words) :]
            if rest and rest[0].isalnum():
                continue  # "Tiếp thuận" is not "Tiếp thu"
            return outcome, rest.lstrip(_SEPARATORS).strip()
    return None, clean


def read_decisions(
    decided: bytes, base: bytes, items: Sequence[Item], *, agencies: Iterable[str]
) -> DocxDecisions:
    """Decisions on `items` (a merge of `base`) read from `decided`, the coordinator's copy."""
    try:
        parts = read_parts(decided)
        final = read_view(_body(parts), set(agencies))
        circulated = read_view(_body(read_parts(base)), set())
        comments = read_comments(parts)
    except (KeyError, etree.XMLSyntaxError, ValueError) as exc:
        raise UnreadableDocument(t("engine.unreadable.decided", detail=exc)) from exc
    return _Reading(circulated, final, items, comments, lambda: _labels(base)).run()


def _labels(base: bytes) -> list[str]:
    return [b.location for b in extract_blocks(base) if b.part == "body"]


def _body(parts: dict[str, bytes]) -> etree._Element:
    body = parse_xml(parts["word/document.xml"]).find("w:body", NS)
    if body is None:
        raise KeyError("word/document.xml has no body")
    return body


# --- the reading ------------------------------------------------------------------------------


@dataclass
class _Group:
    lo: int
    hi: int
    items: list[Item] = field(default_factory=list)
    hunks: list[Hunk] = field(default_factory=list)


class _Reading:
    def __init__(
        self,
        base: View,
        final: View,
        items: Sequence[Item],
        comments: dict[str, Comment],
        labels: Callable[[], list[str]],
    ) -> None:
        self.base, self.final, self.comments = base, final, comments
        self._labels_of = labels
        self._labels: list[str] | None = None
        # The merger wrote its own words in the circulated document's language.
        self.lang = language_of(base.text.split("\n"))
        self.items = list(items)
        self.changes = [i for i in self.items if i.part == "body" and edits_of(i)]
        self.hunks, self.equal = diff(base.text, final.text)
        self.decided: dict[str, Decision] = {}
        self.explained: dict[str, tuple[Outcome | None, str]] = {}
        self.team: list[Item] = []

    def run(self) -> DocxDecisions:
        pending = self._pending()
        for group in self._groups(pending):
            self._judge(group)
        self._read_comments()
        for item_id, (outcome, text) in self.explained.items():
            self._explain(item_id, outcome, text)
        known = [i.id for i in self.items]
        decisions = [self.decided[i] for i in dict.fromkeys(known) if i in self.decided]
        undecided = [i for i in dict.fromkeys(known) if i not in self.decided]
        return DocxDecisions(decisions, undecided, self.team)

    # -- positions -------------------------------------------------------------------------

    def g(self, block: int, offset: int) -> int:
        """A (block, offset) of the circulated body as an offset in its text."""
        if block >= len(self.base.starts):
            return len(self.base.text)
        return self.base.starts[block] + offset

    def label(self, block: int) -> str:
        """The block's location label ("Điều 3, khoản 2"); labelling is read only when needed."""
        if self._labels is None:
            self._labels = self._labels_of()
        return self._labels[block] if block < len(self._labels) else ""

    def point(self, b: int) -> tuple[int, int]:
        block = max(bisect_right(self.base.starts, b) - 1, 0)
        return block, b - self.base.starts[block]

    def to_final(self, b: int, *, left: bool = False) -> int:
        return map_offset(self.equal, b, forward=True, left=left)

    def to_base(self, f: int, *, left: bool = False) -> int:
        return map_offset(self.equal, f, forward=False, left=left)

    def spans(self, item: Item) -> list[tuple[int, int, str]]:
        return [(self.g(*e.start), self.g(*e.end), e.new) for e in edits_of(item)]

    # -- groups ----------------------------------------------------------------------------

    def _pending(self) -> set[str]:
        """Ids of the change items with a change of their agency still pending in the file."""
        found: set[str] = set()
        for author, f0, f1 in self.final.pending:
            b0, b1 = self.to_base(f0, left=True), self.to_base(f1)
            for item in self.changes:
                if item.agency == author and any(
                    s <= b1 and b0 <= e for s, e, _ in self.spans(item)
                ):
                    found.add(item.id)
        # The same change made by several agencies is written once: pending for all of them.
        same = {tuple(self.spans(i)) for i in self.changes if i.id in found}
        return found | {i.id for i in self.changes if tuple(self.spans(i)) in same}

    def _groups(self, pending: set[str]) -> list[_Group]:
        spans: list[tuple[int, int, Item | Hunk]] = []
        for item in self.changes:
            if item.id not in pending:
                spans.extend((s, e, item) for s, e, _ in self.spans(item))
        spans.extend((h.lo, h.hi, h) for h in self.hunks)
        spans.sort(key=lambda s: (s[0], s[1]))
        groups: list[_Group] = []
        for lo, hi, what in spans:
            if not groups or lo > groups[-1].hi:
                groups.append(_Group(lo, hi))
            group = groups[-1]
            group.hi = max(group.hi, hi)
            if isinstance(what, Hunk):
                group.hunks.append(what)
            elif all(what.id != i.id for i in group.items):
                group.items.append(what)
        return _join_moves(groups)

    def _judge(self, group: _Group) -> None:
        if not group.items:
            self._team_edit(group.hunks)
            return
        target = self._final_of(group)
        chosen, exact = self._best(group, target)
        if not exact:
            # The team edited beside a change it took (a new sentence after it, ...): the rest
            # of the difference, away from the change's own words, is the team's edit.
            beside = self._beside(group, chosen)
            if beside is not None:
                exact = True
                self._team_edit(beside)
        for item in group.items:
            if item in chosen:
                outcome = Outcome.ACCEPTED if exact else Outcome.PARTLY_ACCEPTED
            else:
                outcome = Outcome.NOT_ACCEPTED
            self.decided[item.id] = Decision(item_id=item.id, outcome=outcome)
        if exact:
            return
        if len(chosen) == 1:
            adopted = self._adopted(group, chosen[0], target)
            if adopted is not None:
                self.decided[chosen[0].id] = self.decided[chosen[0].id].model_copy(
                    update={"text": adopted}
                )
                return
        # The wording cannot be given as one item's text: the team's edit carries it whole.
        self._team_edit(group.hunks)

    def _beside(self, group: _Group, chosen: Sequence[Item]) -> list[Hunk] | None:
        """The differences between the group's text with `chosen` made and the decided text, as
        the team's edits of the circulated text, when none touches the words `chosen` put in;
        else None."""
        ranges = self._ranges(group)
        if len(ranges) != 1 or not chosen:
            return None
        lo, hi = self._context(*ranges[0])
        made, copied, put = self._made_withmap_offset(lo, hi, chosen)
        if made is None:
            return None
        # Unchanged text on either side, up to the paragraph's ends, gives the diff its context.
        f_lo, f_hi = self.to_final(lo), self.to_final(hi, left=True)
        out: list[Hunk] = []
        for m0, m1, t0, t1 in hunks_of(word_ops(made, self.final.text[f_lo:f_hi])):
            seg = next((c for c in copied if c[0] <= m0 and m1 <= c[1]), None)
            if seg is None or any(p0 <= m1 and m0 <= p1 for p0, p1 in put):
                return None
            b0 = seg[2] + (m0 - seg[0])
            out.append(Hunk(b0, b0 + (m1 - m0), f_lo + t0, f_lo + t1))
        return out or None

    def _context(self, lo: int, hi: int) -> tuple[int, int]:
        """[lo, hi) widened over the unchanged text around it, within its paragraphs."""
        text = self.base.text
        starts = [run[0] for run in self.equal]
        k = bisect_right(starts, lo - 1) - 1
        if k >= 0 and lo <= self.equal[k][0] + self.equal[k][2]:
            lo = max(self.equal[k][0], text.rfind("\n", 0, lo) + 1)
        k = bisect_right(starts, hi) - 1
        if k >= 0 and hi <= self.equal[k][0] + self.equal[k][2]:
            end = text.find("\n", hi)
            hi = min(self.equal[k][0] + self.equal[k][2], len(text) if end < 0 else end + 1)
        return lo, hi

    def _made_withmap_offset(
        self, lo: int, hi: int, chosen: Sequence[Item]
    ) -> tuple[str | None, list[tuple[int, int, int]], list[tuple[int, int]]]:
        """The range with `chosen` made, its copied stretches (made start, end, circulated
        start) and the stretches the items put in (made start, end)."""
        edits = sorted({e for item in chosen for e in self.spans(item) if lo <= e[0] <= e[1] <= hi})
        copied: list[tuple[int, int, int]] = []
        put: list[tuple[int, int]] = []
        pieces: list[str] = []
        at = size = 0
        at = lo
        for s, e, new in edits:
            if s < at:
                return None, [], []
            copied.append((size, size + s - at, at))
            size += s - at
            pieces.append(self.base.text[at:s])
            put.append((size, size + len(new)))
            size += len(new)
            pieces.append(new)
            at = e
        copied.append((size, size + hi - at, at))
        pieces.append(self.base.text[at:hi])
        return "".join(pieces), copied, put

    def _ranges(self, group: _Group) -> list[tuple[int, int]]:
        """The group's circulated ranges: one, or two for a move across the text."""
        out: list[tuple[int, int]] = []
        for lo, hi in sorted(
            [(s, e) for item in group.items for s, e, _ in self.spans(item)]
            + [(h.lo, h.hi) for h in group.hunks]
        ):
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], hi))
            else:
                out.append((lo, hi))
        return out

    def _final_of(self, group: _Group) -> list[str]:
        text, at = self.final.text, self.to_final
        return [text[at(lo, left=True) : at(hi)] for lo, hi in self._ranges(group)]

    def _applied(self, group: _Group, chosen: Sequence[Item]) -> list[str] | None:
        """The group's ranges with `chosen` items' changes made, or None when they collide."""
        edits = sorted(
            {(s, e, new, item.agency) for item in chosen for s, e, new in self.spans(item)},
            key=lambda x: (x[0], x[1], x[3]),
        )
        seen: dict[tuple[int, int, str], str] = {}
        unique = []
        for s, e, new, agency in edits:
            if (s, e, new) not in seen:  # the same change by several agencies is made once
                seen[(s, e, new)] = agency
                unique.append((s, e, new))
        out = []
        for lo, hi in self._ranges(group):
            pieces, at = [], lo
            for s, e, new in unique:
                if not (lo <= s and e <= hi):
                    continue
                if s < at:
                    return None
                pieces.append(self.base.text[at:s])
                pieces.append(new)
                at = e
            pieces.append(self.base.text[at:hi])
            out.append("".join(pieces))
        return out

    def _best(self, group: _Group, target: list[str]) -> tuple[list[Item], bool]:
        """The largest set of items giving exactly `target`, else the closest (exact=False)."""
        items = group.items
        if len(items) > _MAX_SUBSET_ITEMS:
            sets: Iterable[tuple[Item, ...]] = [(), *((i,) for i in items), tuple(items)]
        else:
            sets = (c for n in range(len(items), -1, -1) for c in combinations(items, n))
        best: tuple[int, list[Item]] | None = None
        for chosen in sets:
            made = self._applied(group, chosen)
            if made is None:
                continue
            if made == target:
                return list(chosen), True
            cost = distance("\n".join(made), "\n".join(target))
            if best is None or cost < best[0]:
                best = (cost, list(chosen))
        return (best[1] if best else []), False

    def _adopted(self, group: _Group, item: Item, target: list[str]) -> str | None:
        """The wording adopted for `item`'s range when the rest of the group is untouched."""
        spans = self.spans(item)
        ranges = self._ranges(group)
        if len(spans) != 1 or len(ranges) != 1:
            return None
        (s, e, _), (lo, hi), found = spans[0], ranges[0], target[0]
        before, after = self.base.text[lo:s], self.base.text[e:hi]
        fits = len(found) >= len(before) + len(after)
        if fits and found.startswith(before) and found.endswith(after):
            return found[len(before) : len(found) - len(after)]
        return None

    def _team_edit(self, hunks: list[Hunk]) -> None:
        for h in hunks:
            old, new = self.base.text[h.b0 : h.b1], self.final.text[h.f0 : h.f1]
            if not (old + new).strip():
                continue  # whitespace a re-save added or removed: nobody's edit
            self.team.append(self._team_item(h.b0, h.b1, old, new))

    def _team_item(self, b0: int, b1: int, old: str, new: str) -> Item:
        if b0 == b1 and new.endswith("\n") and b0 > 0 and self.base.text[b0 - 1] == "\n":
            # A new paragraph before block k is written after block k-1 (the reader's way, and
            # the only way at the end of the document).
            b0 = b1 = b0 - 1
            new = "\n" + new[:-1]
        at_end = b1 == len(self.base.text) and b0 > 0 and self.base.text[b0 - 1] == "\n"
        if old.endswith("\n") and at_end and (not new or new.endswith("\n")):
            # The last paragraph's mark stays: the one before it goes with the text instead.
            b0, b1, old = b0 - 1, b1 - 1, "\n" + old[:-1]
            new = "\n" + new[:-1] if new else ""
        (block, start), (end_block, end) = self.point(b0), self.point(b1)
        kind = ItemKind.REPLACE if old and new else ItemKind.DELETE if old else ItemKind.INSERT
        return Item(
            kind=kind,
            agency=TEAM,
            author=TEAM,
            block=block,
            start=start,
            end_block=end_block if end_block != block else None,
            end=end,
            old=old,
            new=new,
            anchor=old,
            location=self.label(block),
            tracked=False,
        )

    # -- comments --------------------------------------------------------------------------

    def _read_comments(self) -> None:
        agencies = {i.agency for i in self.items}
        claimed: set[str] = set()
        for cid, comment in self.comments.items():
            targets = self._targets(cid, comment, agencies, claimed)
            if not targets:
                continue
            answers = [r for r in comment.replies if r.author not in agencies | {CONCORD}]
            if comment.author not in agencies | {CONCORD}:
                answers.insert(0, Reply(author=comment.author, text=comment.text))
            for reply in answers:
                outcome, text = reply_outcome(reply.text)
                for item in targets:
                    self.explained.setdefault(item.id, (outcome, text))

    def _targets(
        self, cid: str, comment: Comment, agencies: set[str], claimed: set[str]
    ) -> list[Item]:
        """The items a comment thread is about: an agency's comment is the item the merger
        wrote it for (same author, same words); another's, the changes under its anchor."""
        if comment.author in agencies:
            text = _plain(comment.text)
            for item in self.items:
                mine = item.agency == comment.author and item.id not in claimed
                if mine and _plain(said_in_comment(item, self.lang)) == text:
                    claimed.add(item.id)
                    return [item]
        where = self.final.anchors.get(cid)
        if where is None:
            return []
        b0, b1 = self.to_base(where[0], left=True), self.to_base(where[1])
        touching = [i for i in self.changes if self._touches(i, b0, b1)]
        if comment.author in agencies:
            # An agency's comment on its own change (a move written as delete + insert, ...).
            return [i for i in touching if i.agency == comment.author][:1]
        if touching:
            return touching
        # A reply whose thread a save flattened (LibreOffice drops commentsExtended.xml) is a
        # comment of its own on the same text: it answers the agency's comment anchored there.
        threads = [i for i in self.items if i.kind == ItemKind.COMMENT and i.part == "body"]
        return [i for i in threads if self._range(i) == (b0, b1)]

    def _range(self, item: Item) -> tuple[int, int]:
        end_block = item.block if item.end_block is None else item.end_block
        return self.g(item.block, item.start), self.g(end_block, item.end)

    def _touches(self, item: Item, b0: int, b1: int) -> bool:
        spans = self.spans(item) or [
            (self.g(item.block, item.start), self.g(item.end_block or item.block, item.end), "")
        ]
        return any(s <= b1 and b0 <= e for s, e, _ in spans)

    def _explain(self, item_id: str, outcome: Outcome | None, text: str) -> None:
        current = self.decided.get(item_id)
        if current is not None:
            # The tracked changes say what was done; the reply says why.
            explanation = text or current.explanation
            self.decided[item_id] = current.model_copy(update={"explanation": explanation})
        elif outcome is not None:
            self.decided[item_id] = Decision(item_id=item_id, outcome=outcome, explanation=text)


def said_in_comment(item: Item, lang: Lang) -> str:
    """What the merged file says for `item` in the agency's comment ("" for a change written as
    a tracked change): the comment itself, or the merger's words for what it could not track."""
    if item.part != "body":
        return outside_body(item, lang)
    if item.kind == ItemKind.COMMENT:
        return item.comment
    if item.kind == ItemKind.FORMAT:
        return formatting(item.detail, lang)
    if item.kind == ItemKind.MOVE:
        return moved(item.old, lang)
    return ""


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _join_moves(groups: list[_Group]) -> list[_Group]:
    """Groups sharing an item (a move's two ends) are judged together."""
    out: list[_Group] = []
    home: dict[str, _Group] = {}  # item id -> the group it is judged in
    for group in groups:
        into = next((home[i.id] for i in group.items if i.id in home), None)
        if into is None:
            out.append(group)
            into = group
        else:
            known = {i.id for i in into.items}
            into.items.extend(i for i in group.items if i.id not in known)
            into.hunks.extend(group.hunks)
        for i in group.items:
            home[i.id] = into
    return out
