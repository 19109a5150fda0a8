"""Reading an agency's answer: every comment and change, located in the circulated version.

`read_answer` reads tracked insertions, deletions (a deletion beside an insertion by the same
author is one `replace`), inserted/deleted paragraphs, moves, formatting changes, comments with
their threads, in the body, headers, footers and notes; then compares the answer's reject-all
text with the circulated text to find the edits made without tracking (`tracked=False`).

Answers come back re-saved by Word or LibreOffice, so nothing is matched by XML identity: the
answer's reject-all blocks are aligned with the circulated blocks by text (engine.reading.align)
and every item is located through that alignment.

Anchors: for a deletion, replacement, format change or comment, `anchor` is the circulated text
concerned (for a comment on text the agency itself inserted, the answer's text under the
comment). For a pure insertion it is the text of the circulated block receiving it.
Whitespace-only untracked differences (an empty paragraph added by a re-save, a doubled space)
are not reported. A paragraph inserted before block b is reported after block b-1 ("\\n" + text)
when both blocks are in the same container, as docs/ARCHITECTURE.md shows.
"""

from __future__ import annotations

import re
import zipfile
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from lxml import etree

from concord.engine.blocks import Block
from concord.engine.errors import RetypedDocument, UnreadableDocument
from concord.engine.ooxml import read_parts
from concord.engine.reading.align import Alignment, Edit, Point, text_between, typography_only
from concord.engine.reading.comments import Comment, read_comments
from concord.engine.reading.prepared import PreparedBase, comment_key, prepare_base
from concord.engine.reading.stream import IN_R, PartStream, Piece, build_stream
from concord.engine.tree import PARTS, part_containers
from concord.messages import t
from concord.models import Item, ItemKind

_KIND_ORDER = {k: i for i, k in enumerate(ItemKind)}
# Untracked edits replacing more than this share of the body's text are no answer to the draft
# (a re-typed or unrelated file): merged, they would clash with every other agency's edits.
MAX_UNTRACKED_SHARE = 0.5
# Below this many characters a draft is too short to tell re-typing from a real rewrite.
_MIN_BODY_CHARS = 200


def read_answer(answer: bytes, base: bytes | PreparedBase, agency: str) -> list[Item]:
    """Every comment and change of `answer` (an agency's copy of the circulated `base`, given
    as the .docx or as `prepare_base` made it: prepare it once to read many answers)."""
    circulated = base if isinstance(base, PreparedBase) else prepare_base(base)
    try:
        answer_parts = read_parts(answer)
        comments = {
            cid: c
            for cid, c in read_comments(answer_parts).items()
            if comment_key(c) not in circulated.comment_keys
        }
        return _read(answer_parts, circulated, agency, comments)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError) as exc:
        raise UnreadableDocument(t("engine.unreadable.answer", detail=exc)) from exc


def _read(
    answer_parts: dict[str, bytes],
    circulated: PreparedBase,
    agency: str,
    comments: dict[str, Comment],
) -> list[Item]:
    containers = part_containers(answer_parts)
    items: list[Item] = []
    placed: set[str] = set()
    for part in PARTS:
        blocks = circulated.blocks[part]
        stream = build_stream(containers[part])
        if not blocks and not stream.pieces:
            continue
        reader = _PartReader(part, agency, blocks, stream)
        items.extend(reader.changes())
        items.extend(reader.rows())
        items.extend(reader.formats())
        items.extend(reader.untracked())
        items.extend(reader.comments(comments, placed))
    for cid, comment in comments.items():
        if cid not in placed:  # a comment with no mark in the text still must not be lost
            items.append(_comment_item(comment, agency, "body", (0, 0), (0, 0), "", ""))
    return sorted(items, key=_order)


def _order(item: Item) -> tuple:
    return (
        PARTS.index(item.part),
        item.block,
        item.start,
        _KIND_ORDER[item.kind],
        item.end_block if item.end_block is not None else item.block,
        item.end,
        item.old,
        item.new,
        item.comment,
        item.author,
    )


class _PartReader:
    def __init__(self, part: str, agency: str, blocks: Sequence[Block], stream: PartStream) -> None:
        self.part, self.agency, self.blocks, self.stream = part, agency, blocks, stream
        self.c = [b.text for b in blocks]
        self.r = stream.reject_blocks if stream.pieces else []
        self.align = Alignment(self.c, self.r)
        self.r_starts: list[int] = []
        pos = 0
        for text in self.r:
            self.r_starts.append(pos)
            pos += len(text) + 1

    # -- locating ---------------------------------------------------------------------------

    def point(self, r_offset: int) -> Point:
        if not self.r:
            return 0, 0
        if r_offset > len(self.stream.reject):
            return len(self.c), 0  # past the last paragraph's mark: the end of the part
        rb = bisect_right(self.r_starts, r_offset) - 1
        return self.align.map_point(rb, r_offset - self.r_starts[rb])

    def item(self, kind: ItemKind, start: Point, end: Point, **fields: object) -> Item:
        old = str(fields.pop("old", ""))
        new = str(fields.pop("new", ""))
        if kind == ItemKind.INSERT:
            start, end, new = self._after_previous(start, new)
        anchor = fields.pop("anchor", None)
        if anchor is None:
            anchor = self._text(start, end) if start != end else self._block_text(start[0])
        location = fields.pop("location", None) or self._label(start[0])
        return Item(
            kind=kind,
            agency=self.agency,
            part=self.part,
            block=start[0],
            start=start[1],
            end_block=end[0] if end[0] != start[0] else None,
            end=end[1],
            old=old,
            new=new,
            anchor=str(anchor),
            location=str(location),
            **fields,
        )

    def _after_previous(self, at: Point, new: str) -> tuple[Point, Point, str]:
        block, offset = at
        if offset == 0 and block > 0 and new.endswith("\n") and block < len(self.blocks):
            prev, here = self.blocks[block - 1], self.blocks[block]
            # A paragraph before a table, or inside one cell, follows the previous block; one
            # before the body text after a table (or at the top of a cell) stays where it is.
            if prev.kind == "paragraph" or (prev.table, prev.row, prev.col) == (
                here.table,
                here.row,
                here.col,
            ):
                moved = (block - 1, len(prev.text))
                return moved, moved, "\n" + new[:-1]
        return at, at, new

    def _text(self, start: Point, end: Point) -> str:
        if not self.c or start[0] >= len(self.c):
            return ""
        return text_between(self.c, start, end)

    def _block_text(self, block: int) -> str:
        return self.c[block] if block < len(self.c) else ""

    def _label(self, block: int) -> str:
        if block < len(self.blocks):
            return self.blocks[block].location
        return self.blocks[-1].location if self.blocks else self.part

    # -- tracked changes --------------------------------------------------------------------

    def changes(self) -> list[Item]:
        groups = _group_changes(self.stream.pieces)
        out: list[Item] = []
        froms = {g[0].move_name: g for g in groups if g[0].state == "moveFrom"}
        tos = {g[0].move_name: g for g in groups if g[0].state == "moveTo"}
        for group in groups:
            state = group[0].state
            if state == "moveTo" and group[0].move_name in froms:
                continue  # reported with its origin
            if state == "moveFrom" and group[0].move_name in tos:
                to, new = self._move_target(tos[group[0].move_name])
                out.append(self._change(group, ItemKind.MOVE, new=new, to=to))
                continue
            old = "".join(p.text for p in group if p.state in ("del", "moveFrom"))
            new = "".join(p.text for p in group if p.state in ("ins", "moveTo"))
            if old and new and typography_only(old, new):
                continue  # quotes made curly by AutoCorrect, tracked: no one's proposal
            kind = ItemKind.REPLACE if old and new else ItemKind.DELETE if old else ItemKind.INSERT
            out.append(self._change(group, kind, new=new))
        return out

    def _move_target(self, target: list[Piece]) -> tuple[Point, str]:
        """Where a move's text lands and its text there. A moved paragraph ("text\\n" before
        block b) lands after block b-1 as "\\ntext", as an inserted paragraph does."""
        to, new = self.point(target[0].r), _text_of(target)
        if to[1] == 0 and to[0] > 0 and new.endswith("\n"):
            return (to[0] - 1, len(self._block_text(to[0] - 1))), "\n" + new[:-1]
        return to, new

    def _change(
        self, group: list[Piece], kind: ItemKind, new: str, to: Point | None = None
    ) -> Item:
        removed = [p for p in group if p.state in ("del", "moveFrom")]
        r0 = group[0].r
        r1 = removed[-1].r + len(removed[-1].text) if removed else r0
        fields: dict[str, object] = {}
        if to is not None:
            fields = {"to_block": to[0], "to_offset": to[1]}
        return self.item(
            kind,
            self.point(r0),
            self.point(r1),
            old="".join(p.text for p in removed),
            new=new,
            author=group[0].author,
            date=group[0].date,
            tracked=True,
            **fields,
        )

    # -- table rows ---------------------------------------------------------------------------

    def rows(self) -> list[Item]:
        """Rows inserted or deleted as a whole: one item each, carrying its cells."""
        out: list[Item] = []
        for row in self.stream.rows:
            fields = {"author": row.author, "date": row.date, "tracked": True, "cells": row.cells}
            if row.state == "del":
                start, end = self.point(row.r0), self.point(row.r1)
                old = self._text(start, end)
                out.append(self.item(ItemKind.DELETE, start, end, old=old, **fields))
                continue
            at, new, location = self._row_place(self.point(row.r0), "\n".join(row.cells))
            out.append(
                Item(
                    kind=ItemKind.INSERT,
                    agency=self.agency,
                    part=self.part,
                    block=at[0],
                    start=at[1],
                    end=at[1],
                    new=new,
                    anchor=self._block_text(at[0]),
                    location=location,
                    **fields,
                )
            )
        return out

    def _row_place(self, before: Point, text: str) -> tuple[Point, str, str]:
        """Where an inserted row goes: after the cell block ending the row above it ("\\n" +
        text), or, as a table's first row, before the block starting the row below (text +
        "\\n"); and its label, the row number it takes ("Bảng 1, hàng 5")."""
        block = before[0]
        if block > 0 and self.blocks[block - 1].table is not None:
            above = self.blocks[block - 1]
            return (block - 1, len(above.text)), "\n" + text, _next_row(above.location)
        return before, text + "\n", self._label(block)

    # -- formatting -------------------------------------------------------------------------

    def formats(self) -> list[Item]:
        out: list[Item] = []
        run: list[Piece] = []
        for piece in [*self.stream.pieces, Piece("\n")]:
            if piece.marker or (not piece.text and piece.fmt is None):
                continue
            if run and piece.fmt == run[0].fmt and piece.state in IN_R and piece.text != "\n":
                run.append(piece)
                continue
            if run:
                out.append(self._format(run[0].r, run[-1].r + len(run[-1].text), run[0].fmt))
                run = []
            if piece.fmt is not None and piece.state in IN_R:
                run = [piece]
        for _para, r0, author, date, detail in self.stream.para_formats:
            rb = bisect_right(self.r_starts, r0) - 1
            out.append(
                self._format(r0, self.r_starts[rb] + len(self.r[rb]), (author, date, detail))
            )
        return out

    def _format(self, r0: int, r1: int, fmt: tuple[str, str, str] | None) -> Item:
        author, date, detail = fmt or ("", "", "")
        start, end = self.point(r0), self.point(r1)
        return self.item(
            ItemKind.FORMAT, start, end, author=author, date=date, detail=detail, tracked=True
        )

    # -- untracked edits --------------------------------------------------------------------

    def untracked(self) -> list[Item]:
        out: list[Item] = []
        edits = [e for e in self.align.untracked_edits() if e.old.strip() or e.new.strip()]
        if self.part == "body":
            self._refuse_retyped(edits)
        for edit in edits:
            kind = (
                ItemKind.REPLACE
                if edit.old and edit.new
                else ItemKind.DELETE
                if edit.old
                else ItemKind.INSERT
            )
            out.append(
                self.item(kind, edit.start, edit.end, old=edit.old, new=edit.new, tracked=False)
            )
        return out

    def _refuse_retyped(self, edits: Sequence[Edit]) -> None:
        total = sum(len(text) + 1 for text in self.c)
        replaced = sum(len(e.old) for e in edits)
        if total < _MIN_BODY_CHARS or replaced <= MAX_UNTRACKED_SHARE * total:
            return
        raise RetypedDocument(t("engine.wrong.retyped", share=replaced / total))

    # -- comments ---------------------------------------------------------------------------

    def comments(self, comments: dict[str, Comment], placed: set[str]) -> list[Item]:
        marks: dict[str, dict[str, Piece]] = {}
        for piece in self.stream.pieces:
            if piece.marker.startswith("comment") and piece.marker_id in comments:
                marks.setdefault(piece.marker_id, {}).setdefault(piece.marker, piece)
        out: list[Item] = []
        for cid, found in marks.items():
            first = found.get("commentRangeStart") or found.get("commentReference")
            last = found.get("commentRangeEnd") or found.get("commentReference") or first
            first = first or last
            assert first is not None and last is not None
            start, end = self.point(first.r), self.point(max(last.r, first.r))
            answer_text = self.stream.accept[first.a : max(last.a, first.a)]
            anchor = self._text(start, end) if start != end else ""
            placed.add(cid)
            out.append(
                _comment_item(
                    comments[cid],
                    self.agency,
                    self.part,
                    start,
                    end,
                    anchor or answer_text,
                    self._label(start[0]),
                )
            )
        return out


def _next_row(label: str) -> str:
    """The label of the row after the one labelled `label` ("Bảng 1, hàng 4" -> "hàng 5")."""
    return re.sub(r"(\d+)$", lambda m: str(int(m.group(1)) + 1), label)


def _comment_item(
    comment: Comment, agency: str, part: str, start: Point, end: Point, anchor: str, label: str
) -> Item:
    return Item(
        kind=ItemKind.COMMENT,
        agency=agency,
        author=comment.author,
        date=comment.date,
        comment=comment.text,
        anchor=anchor,
        location=label,
        part=part,
        block=start[0],
        start=start[1],
        end_block=end[0] if end[0] != start[0] else None,
        end=end[1],
        tracked=True,
        replies=tuple(comment.replies),
        resolved=comment.resolved,
    )


def _text_of(group: Iterable[Piece]) -> str:
    return "".join(p.text for p in group)


def _group_changes(pieces: list[Piece]) -> list[list[Piece]]:
    """Runs of adjacent tracked pieces: ins/del by one author together (a replacement), each
    move range apart. Markers and empty pieces do not break a run; untracked text does."""
    groups: list[list[Piece]] = []
    current: list[Piece] | None = None
    for piece in pieces:
        if piece.marker or not piece.text or piece.row >= 0:
            continue  # tracked rows are read whole (`_PartReader.rows`)
        if not piece.state:
            current = None
            continue
        if current is not None and _same_change(current[0], piece):
            current.append(piece)
        else:
            current = [piece]
            groups.append(current)
    return groups


def _same_change(first: Piece, piece: Piece) -> bool:
    if first.author != piece.author:
        return False
    if first.state in ("ins", "del"):
        return piece.state in ("ins", "del")
    return piece.state == first.state and piece.move_name == first.move_name
