"""Merging: one .docx holding every agency's changes and comments, clashes kept and reported.

The circulated version's own XML is the canvas (styles, numbering, tables, headers and sections
are left as they are); items contribute text only. Each change becomes a tracked change authored
by the agency, each comment a comment by the agency. Where agencies' changes overlap, the union
range is deleted once and every agency's own version of it is inserted after it, in agency-name
order, under a "Concord" comment naming the agencies; the clash is listed in the result.

Kept simple on purpose (and said so in the merged file):
- a move is w:moveFrom/w:moveTo when it moves text within a paragraph, or a whole paragraph
  (text and mark), unchanged and clashing with nothing; otherwise a deletion plus an insertion,
  with the agency's comment on the moved text;
- an item that does not fit the circulated version (it points outside it) is never allowed to
  stop the round's merge: it becomes the agency's comment at the nearest place, saying what it
  proposed, and is listed in `MergeResult.unplaced`;
- a formatting change is the agency's comment describing it ("detail");
- changes and comments in headers, footers and notes become the agency's comments at the start
  of the body ("In the header, <agency> proposes: ...").
Concord's own words (engine/wording.py) are in the circulated document's language: Vietnamese
for a Vietnamese draft, English otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from concord.engine.errors import EngineError
from concord.engine.merging.comments import COMMENTS, Comment, anchor, write_comments
from concord.engine.merging.ids import iso_date, max_id, now, renumber
from concord.engine.merging.package import Package
from concord.engine.merging.paragraphs import (
    delete_text,
    insert_text,
    mark_range,
    set_mark,
)
from concord.engine.merging.plan import (
    Cluster,
    Edit,
    Pos,
    clusters,
    deletion_owners,
    edits_of,
    version,
)
from concord.engine.merging.rows import mark_row, new_row, row_of
from concord.engine.ooxml import NS, parse_xml
from concord.engine.spans import paragraph_text
from concord.engine.structure import language_of
from concord.engine.tree import PARTS, containers_of, iter_block_paragraphs
from concord.engine.wml import DEL, MOVE_FROM, MOVE_TO
from concord.engine.wording import (
    clash_lines,
    formatting,
    moved,
    outside_body,
    same_change,
    unplaced,
    where,
)
from concord.messages import t
from concord.models import Clash, Item, ItemKind

CONCORD = "Concord"
DOCUMENT = "word/document.xml"
# Other parts that may hold revisions and bookmarks: body ids are numbered above theirs.
_REVISABLE = re.compile(r"word/(header\d*|footer\d*|footnotes|endnotes)\.xml")


class MergeError(EngineError):
    """An item does not fit the circulated version it claims to be read against."""

    code = "merge_error"


@dataclass(frozen=True, slots=True)
class Unplaced:
    """An item written as the agency's comment because it could not be placed as a change."""

    item_id: str
    agency: str
    reason: str


@dataclass
class MergeResult:
    docx: bytes
    items: list[Item]
    clashes: list[Clash] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)

    def report(self) -> dict:
        return {
            "items": [item.to_json_dict() for item in self.items],
            "clashes": [clash.model_dump(mode="json") for clash in self.clashes],
            "unplaced": [_fields(u) for u in self.unplaced],
        }


def _fields(unplaced: Unplaced) -> dict[str, str]:
    return {"item_id": unplaced.item_id, "agency": unplaced.agency, "reason": unplaced.reason}


def merge(base: bytes, items: Sequence[Item], *, date: str | None = None) -> MergeResult:
    """Merge every agency's `items` into the circulated version `base` (see module doc).
    `date` (ISO 8601) stamps Concord's own comments and items that carry no date."""
    merge_date = iso_date(date) if date else now()
    if merge_date is None:
        raise MergeError(f"not an ISO 8601 date: {date!r}")
    return _Merger(base, merge_date).run(items)


def _row_item(item: Item) -> bool:
    """A whole table row inserted or deleted (see `Item.cells`)."""
    return bool(item.cells) and item.kind in (ItemKind.INSERT, ItemKind.DELETE)


class _Merger:
    def __init__(self, base: bytes, date: str) -> None:
        self.package = Package(base)
        document = self.package.xml(DOCUMENT)
        if document is None or document.find("w:body", NS) is None:
            raise MergeError(t("engine.merge.no_body"))
        self.document = document
        self.date = date
        self.containers = containers_of(document, self.package.parts, self.package.xml)
        self.canvases: dict[str, tuple[list[etree._Element], list[str], list[int]]] = {}
        self.paras: list[etree._Element] = []
        self.texts: list[str] = []
        self.lengths: list[int] = []
        self._use("body")
        # Concord's own comments speak the circulated document's language.
        self.lang = language_of(self.texts)
        self.comments: list[Comment] = []
        # Comments to anchor, by part: in the body, and in notes where agencies commented.
        self.anchors: dict[str, list[tuple[Pos, Pos, list[str]]]] = {part: [] for part in PARTS}
        self.moves: dict[str, str] = {}
        self.unplaced: list[Unplaced] = []

    def _use(self, part: str) -> None:
        """Work on `part` (body, header, footer, footnotes, endnotes): its block paragraphs,
        their base texts and lengths, as the reader counts them."""
        if part not in self.canvases:
            paras = [p for c in self.containers[part] for p in iter_block_paragraphs(c)]
            texts = [paragraph_text(p, "base") for p in paras]
            self.canvases[part] = (paras, texts, [len(t) for t in texts])
        self.paras, self.texts, self.lengths = self.canvases[part]

    # -- items -------------------------------------------------------------------------------

    def run(self, items: Sequence[Item]) -> MergeResult:
        if items and not self.paras:
            raise MergeError(t("engine.merge.no_paragraph"))
        ordered = sorted(items, key=lambda i: (i.agency, i.part, i.block, i.start, i.end, i.id))
        by_part: dict[str, list[Edit]] = {part: [] for part in PARTS}
        for item in ordered:
            try:
                by_part[item.part].extend(self._take(item))
            except MergeError as exc:
                self._unplace(item, str(exc))
            finally:
                self._use("body")
        edits = by_part["body"]
        groups = clusters(edits)
        self.moves = self._real_moves(groups)
        unplaced_ids = {u.item_id for u in self.unplaced}
        for item in ordered:
            movable = item.kind == ItemKind.MOVE and item.part == "body"
            if movable and item.id not in unplaced_ids and item.id not in self.moves:
                text = moved(item.old, self.lang)
                self._comment(*self._range(item), item.agency, self._date(item), text)
        clashes = [c for c in (self._cluster_comment(g) for g in groups) if c is not None]
        self._anchor("body")
        for group in groups:
            self._apply_or_unplace(group)
        for part in PARTS[1:]:
            clashes += self._merge_part(part, by_part[part])
        self._anchor("body")  # comments made since the body's were anchored
        write_comments(self.package, self.comments)
        self._renumber()
        return MergeResult(
            docx=self.package.to_bytes(),
            items=list(items),
            clashes=clashes[::-1],
            unplaced=self.unplaced,
        )

    def _merge_part(self, part: str, edits: list[Edit]) -> list[Clash]:
        """A header's, footer's or notes' edits written in that part as tracked changes; Concord's
        comments on them (the same change, a clash) go at the start of the body, naming it."""
        if not edits and not self.anchors[part]:
            return []
        self._use(part)
        groups = clusters(edits)
        clashes = [c for c in (self._cluster_comment(g, part) for g in groups) if c is not None]
        self._anchor(part)
        for group in groups:
            self._apply_or_unplace(group)
        self._use("body")
        return clashes

    def _anchor(self, part: str) -> None:
        """Place the comments waiting for `part` (the part in use)."""
        for start, end, keys in self.anchors[part]:
            anchor(self.paras, start, end, keys)
        self.anchors[part] = []

    def _renumber(self) -> None:
        """Unique ids across parts: each edited part's revisions numbered in turn, above those
        of the parts left as they were, the body's last."""
        edited, kept = [], []
        for name in sorted(n for n in self.package.parts if _REVISABLE.fullmatch(n)):
            root = self.package.parsed(name)
            if root is not None:
                edited.append(root)
            else:
                kept.append(parse_xml(self.package.parts[name]))
        first = max_id(kept) + 1
        comment_ids: dict[str, str] = {}  # one numbering for comments, wherever they sit
        for root in edited:
            first = renumber(root, None, first, comment_ids)
        renumber(self.document, self.package.xml(COMMENTS), first, comment_ids)

    def _take(self, item: Item) -> list[Edit]:
        """Comments and formatting become comments now; the text edits an item makes are
        returned, checked against the circulated version (MergeError when they do not fit).
        Comments and formatting in headers, footers and notes are said at the body's start."""
        # Comments stay out of headers and footers (Word takes none there) and out of notes
        # (LibreOffice 7.4 cannot open a .docx with a comment in a footnote).
        if item.part != "body" and item.kind in (ItemKind.COMMENT, ItemKind.FORMAT):
            text = outside_body(item, self.lang)
            self._comment((0, 0), (0, 0), item.agency, self._date(item), text)
        elif item.part != "body":
            self._use(item.part)
            return [self._checked(e) for e in edits_of(item)]
        elif item.kind == ItemKind.COMMENT:
            self._thread(item)
        elif item.kind == ItemKind.FORMAT:
            text = formatting(item.detail, self.lang)
            self._comment(*self._range(item), item.agency, self._date(item), text)
        else:
            return [self._checked(e) for e in edits_of(item)]
        return []

    def _unplace(self, item: Item, reason: str) -> None:
        """Keep what an item proposes as the agency's comment at the nearest place it fits."""
        self.unplaced.append(Unplaced(item.id, item.agency, reason))
        if item.part == "body":
            at, text = self._nearest(item.block, item.start), unplaced(item, self.lang)
        else:  # said at the body's start, naming the part
            at, text = (0, 0), outside_body(item, self.lang)
        self._comment(at, at, item.agency, self._date(item), text)

    def _nearest(self, block: int, offset: int) -> Pos:
        block = min(max(block, 0), len(self.paras) - 1)
        return block, min(max(offset, 0), self.lengths[block])

    def _apply_or_unplace(self, group: Cluster) -> None:
        try:
            self._apply(group)
        except (MergeError, ValueError, IndexError) as exc:
            # The XML did not take the change (a structure the merger does not know): the
            # round's merge goes on, the agencies' proposals kept as their comments.
            for item in {e.item.id: e.item for e in group.edits}.values():
                self._unplace(item, f"{type(exc).__name__}: {exc}")

    def _date(self, item: Item) -> str:
        return iso_date(item.date) or self.date

    def _range(self, item: Item) -> tuple[Pos, Pos]:
        start = self._pos(item, item.block, item.start)
        end_block = item.end_block if item.end_block is not None else item.block
        return start, self._pos(item, end_block, item.end)

    def _pos(self, item: Item, block: int, offset: int) -> Pos:
        if block == len(self.paras) and offset == 0 and block > 0:
            return (block - 1, self.lengths[block - 1])  # "up to the end of the document"
        if not (0 <= block < len(self.paras) and 0 <= offset <= self.lengths[block]):
            raise MergeError(
                f"item {item.id} of {item.agency} points outside the circulated version "
                f"(block {block}, offset {offset})"
            )
        return (block, offset)

    def _checked(self, edit: Edit) -> Edit:
        start = self._pos(edit.item, *edit.start)
        end = self._pos(edit.item, *edit.end)
        if end < start:
            raise MergeError(f"item {edit.item.id} of {edit.agency} ends before it starts")
        return Edit(edit.item, start, end, edit.new)

    # -- comments ----------------------------------------------------------------------------

    def _new_comment(
        self,
        author: str,
        date: str,
        text: str,
        *,
        parent: str | None = None,
        resolved: bool = False,
    ) -> str:
        key = f"concord-{len(self.comments)}"
        self.comments.append(Comment(key, author, date, text, parent, resolved))
        return key

    def _comment(self, start: Pos, end: Pos, author: str, date: str, text: str) -> None:
        self.anchors["body"].append((start, end, [self._new_comment(author, date, text)]))

    def _thread(self, item: Item) -> None:
        date = self._date(item)
        root = self._new_comment(item.agency, date, item.comment, resolved=item.resolved)
        keys = [root]
        for reply in item.replies:
            keys.append(
                self._new_comment(
                    item.agency,
                    iso_date(reply.date) or date,
                    reply.text,
                    parent=root,
                    resolved=reply.resolved or item.resolved,
                )
            )
        self.anchors[item.part].append((*self._range(item), keys))

    def _anchor_range(self, group: Cluster) -> tuple[Pos, Pos]:
        start, end = group.start, group.end
        if end[1] == 0 and end[0] > start[0]:
            end = (end[0] - 1, self.lengths[end[0] - 1])  # up to the deleted mark, not past it
        return start, end

    def _cluster_comment(self, group: Cluster, part: str = "body") -> Clash | None:
        agencies = group.agencies
        if len(agencies) < 2:
            return None
        start, end = self._anchor_range(group)
        original = self._text(group.start, group.end)
        texts = [version(group, a, original, self.lengths) for a in agencies]
        # Outside the body the comment goes at the body's start, saying where (Word takes no
        # comments in headers and footers).
        at = (start, end) if part == "body" else ((0, 0), (0, 0))
        lead = "" if part == "body" else where(part, self.lang) + ": "
        if group.identical() or len(set(texts)) == 1:
            # The same wording, reached through the same or different selections: one edit.
            self._comment(*at, CONCORD, self.date, lead + same_change(agencies, self.lang))
            return None
        lines = clash_lines(agencies, texts, self.lang)
        self._comment(*at, CONCORD, self.date, lead + "\n".join(lines))
        first = min(group.edits, key=lambda e: (e.start, e.agency)).item
        item_ids = tuple(dict.fromkeys(e.item.id for e in group.edits))
        return Clash(
            part=part,
            block=start[0],
            start=start[1],
            end=end[1] if end[0] == start[0] else self.lengths[start[0]],
            anchor=original,
            location=first.location,
            agencies=tuple(agencies),
            texts=tuple(texts),
            item_ids=item_ids,
        )

    # -- changes -----------------------------------------------------------------------------

    def _text(self, start: Pos, end: Pos) -> str:
        if start[0] == end[0]:
            return self.texts[start[0]][start[1] : end[1]]
        pieces = [self.texts[start[0]][start[1] :]]
        pieces += self.texts[start[0] + 1 : end[0]]
        pieces.append(self.texts[end[0]][: end[1]])
        return "\n".join(pieces)

    def _real_moves(self, groups: list[Cluster]) -> dict[str, str]:
        """Moves written as w:moveFrom/w:moveTo (item id -> w:name): those of one paragraph's
        text, moved unchanged, clashing with nothing. Other moves are a deletion plus an
        insertion, with the agency's comment saying it is a move."""
        alone: dict[str, int] = {}
        for group in groups:
            for e in group.edits:
                alone[e.item.id] = alone.get(e.item.id, 0) + (1 if len(group.edits) == 1 else 9)
        names: dict[str, str] = {}
        for group in groups[::-1]:
            item = group.edits[0].item
            if item.kind != ItemKind.MOVE or alone.get(item.id) != 2 or item.id in names:
                continue
            if self._movable(item):
                names[item.id] = f"concord-move-{len(names) + 1}"
        return names

    def _movable(self, item: Item) -> bool:
        """Text moved unchanged within one paragraph, or one whole paragraph ("text\\n" from
        its start, or "\\ntext" from the end of the one before) whose mark may be deleted."""
        start, end = self._range(item)
        moved = self._text(start, end)
        if not moved or moved != item.old:
            return False
        if start[0] == end[0]:
            return (item.new or item.old) == moved
        whole = (start[1] == 0 and end[1] == 0) or (
            start[1] == self.lengths[start[0]] and end[1] == self.lengths[end[0]]
        )
        return (
            end[0] == start[0] + 1
            and whole
            and moved.count("\n") == 1
            and item.new.strip("\n") == moved.strip("\n")
            and self._mark_deletable(start[0])
        )

    def _apply(self, group: Cluster) -> None:
        edit = group.edits[0]
        if len(group.edits) == 1 and edit.item.id in self.moves:
            self._move(edit, self.moves[edit.item.id])
            return
        group = self._one_of_identical(group)
        if all(_row_item(e.item) for e in group.edits):
            # Rows alone, or rows inserted at one place by several agencies: each its own row.
            for e in sorted(group.edits, key=lambda e: e.agency, reverse=True):
                self._row(e)
            return
        dates: dict[str, str] = {}
        for e in group.edits:
            dates.setdefault(e.agency, self._date(e.item))
        original = self._text(group.start, group.end)
        by_text: dict[str, str] = {}
        for agency in group.agencies:
            by_text.setdefault(version(group, agency, original, self.lengths), agency)
        pieces = [(agency, dates[agency], text) for text, agency in by_text.items() if text]
        for start, end, owner in reversed(deletion_owners(group)):
            self._delete(start, end, owner, dates[owner])
        if self._per_block(group, pieces):
            return
        block = group.start[0]
        x = group.end[1] if group.end[0] == block else self.lengths[block]
        if pieces:
            insert_text(self.paras[block], x, pieces)

    def _per_block(self, group: Cluster, pieces: list[tuple[str, str, str]]) -> bool:
        """Versions of a range across blocks whose marks cannot go (table cells: a row deleted
        by one agency, edited by another) are written block by block, each version's line k in
        block k, so that a cell's text stays in its cell. False when that does not apply."""
        first, last = group.start[0], group.end[0]
        blocks = range(first, last + 1)
        if last == first or all(self._mark_deletable(b) for b in blocks[:-1]):
            return False
        if not pieces or any(text.count("\n") != last - first for _, _, text in pieces):
            return False
        for b in reversed(blocks):
            x = group.end[1] if b == last else self.lengths[b]
            lines = [(a, d, text.split("\n")[b - first]) for a, d, text in pieces]
            if any(line for _, _, line in lines):
                insert_text(self.paras[b], x, [piece for piece in lines if piece[2]])
        return True

    def _row(self, edit: Edit) -> None:
        """A table row inserted or deleted as a whole, alone in its cluster: a row-level
        tracked change (an overlapping edit makes it a clash, written as text)."""
        item, date = edit.item, self._date(edit.item)
        if item.kind == ItemKind.DELETE:
            tr = row_of(self.paras[edit.start[0]])
            if tr is None or row_of(self.paras[edit.end[0]]) is not tr:
                raise MergeError(f"item {item.id} of {item.agency} deletes no whole table row")
            self._delete(edit.start, edit.end, item.agency, date)
            mark_row(tr, DEL, item.agency, date)
            return
        tr, after = self._row_neighbour(edit)
        row = new_row(tr, item.cells, item.agency, date)
        if after:
            tr.addnext(row)
        else:
            tr.addprevious(row)

    def _row_neighbour(self, edit: Edit) -> tuple[etree._Element, bool]:
        """The row an inserted row follows (True) or, as a table's first row, precedes."""
        block = edit.start[0]
        after = edit.item.new.startswith("\n")
        tr = row_of(self.paras[block]) if after else None
        if tr is None:
            nxt = block + 1 if after else block
            tr = row_of(self.paras[nxt]) if nxt < len(self.paras) else None
            after = False
        if tr is None:
            raise MergeError(f"item {edit.item.id} of {edit.agency} inserts a row outside a table")
        return tr, after

    def _one_of_identical(self, group: Cluster) -> Cluster:
        """When every agency's version of the range is the same text, the edits of the agency
        that changed least say it all: "bảo đảm" -> "bố trí đủ" rather than the same words
        re-typed around it by another agency (the Concord comment credits every agency)."""
        if len(group.agencies) < 2:
            return group
        original = self._text(group.start, group.end)
        versions = {version(group, a, original, self.lengths) for a in group.agencies}
        if len(versions) > 1:
            return group
        size = {a: 0 for a in group.agencies}
        for e in group.edits:
            size[e.agency] += len(self._text(e.start, e.end)) + len(e.new)
        least = min(group.agencies, key=lambda a: (size[a], a))
        return Cluster([e for e in group.edits if e.agency == least])

    def _move(self, edit: Edit, name: str) -> None:
        p, date = self.paras[edit.start[0]], self._date(edit.item)
        if edit.start < edit.end:
            # "\ntext" (the body's last paragraph moved) deletes the mark of the paragraph
            # before it, which stays: that mark is deleted, not moved (LibreOffice agrees).
            mark = DEL if edit.item.old.startswith("\n") else MOVE_FROM
            made = self._delete(edit.start, edit.end, edit.agency, date, MOVE_FROM, mark)
            mark_range(made, "moveFrom", name)
        else:
            made = insert_text(p, edit.start[1], [(edit.agency, date, edit.new)], MOVE_TO)
            mark_range(made, "moveTo", name)

    def _delete(
        self, start: Pos, end: Pos, author: str, date: str, tag: str = DEL, mark: str = DEL
    ) -> list[etree._Element]:
        """Delete [start, end) (w:del, or w:moveFrom for a move's origin), paragraph marks
        included where they may be; the wrappers made, in document order."""
        made: list[etree._Element] = []
        for b in range(end[0], start[0] - 1, -1):
            s = start[1] if b == start[0] else 0
            e = end[1] if b == end[0] else self.lengths[b]
            if b < end[0] and self._mark_deletable(b):
                set_mark(self.paras[b], mark, author, date)
            made[:0] = delete_text(self.paras[b], s, e, author, date, tag)
        return made

    def _mark_deletable(self, b: int) -> bool:
        """A paragraph mark may be deleted when the next block is a sibling paragraph: never the
        last paragraph of a table cell, of the body, or before a table."""
        p = self.paras[b]
        return b + 1 < len(self.paras) and p.getnext() is self.paras[b + 1]


__all__ = ["MergeError", "MergeResult", "Unplaced", "merge"]
