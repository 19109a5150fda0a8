"""The decided file's text against the circulated text, for reading decisions back.

`read_view` reads a body as text with every agency's still-pending change rejected and everyone
else's tracked change (the coordinator's own) accepted, noting where the pending changes and the
comment anchors are; `diff` finds where that text differs from the circulated one, paragraph by
paragraph and then word by word, and the equal runs that map offsets of one text into the other.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from diff_match_patch import diff_match_patch
from lxml import etree

from concord.engine.blocks import iter_block_paragraphs, iter_spans, plain_text, unplain_paragraphs
from concord.engine.errors import UnreadableDocument
from concord.engine.ooxml import NS, qn
from concord.messages import t

_TOKEN = re.compile(r"\n|\w+|[^\S\n]+|[^\w\s]")
_AUTHOR = qn("w:author")
_ID = qn("w:id")
_RANGE_START = qn("w:commentRangeStart")
_RANGE_END = qn("w:commentRangeEnd")
_REFERENCE = qn("w:commentReference")
Equal = tuple[int, int, int]  # (circulated start, decided start, length) of an unchanged run


@dataclass
class View:
    text: str = ""
    starts: list[int] = field(default_factory=list)  # offset of each paragraph's start
    # (author, start, end) of each agency change still pending (an insertion has start == end).
    pending: list[tuple[str, int, int]] = field(default_factory=list)
    # comment id -> (start, end) of what it is anchored on
    anchors: dict[str, tuple[int, int]] = field(default_factory=dict)


def read_view(body: etree._Element, agencies: set[str]) -> View:
    """The body with agencies' pending changes rejected and everyone else's accepted."""
    view = View()
    pieces: list[str] = []
    pos = 0
    opened: dict[str, int] = {}
    unplain = unplain_paragraphs(body)
    for p in iter_block_paragraphs(body):
        view.starts.append(pos)
        plain = plain_text(p, unplain)
        if plain is not None:  # no change, mark or comment in it: most of a draft
            pieces.append(plain + "\n")
            pos += len(plain) + 1
            continue
        for span in iter_spans(p):
            if span.marker is not None:
                _marker(view, opened, span.marker, pos)
            if not span.text or (span.inserted and span.deleted):
                continue
            author = span.change.get(_AUTHOR, "") if span.change is not None else ""
            pending = bool(span.inserted or span.deleted) and author in agencies
            if pending:
                end = pos + len(span.text) if span.deleted else pos
                view.pending.append((author, pos, end))
            kept = span.deleted if pending else not span.deleted
            if kept:
                pieces.append(span.text)
                pos += len(span.text)
        if _mark_kept(p, agencies, view, pos):
            pieces.append("\n")
            pos += 1
    view.text = "".join(pieces)
    return view


def _marker(view: View, opened: dict[str, int], marker: etree._Element, pos: int) -> None:
    cid = marker.get(_ID, "")
    if marker.tag == _RANGE_START:
        opened[cid] = pos
    elif marker.tag == _RANGE_END or (marker.tag == _REFERENCE and cid not in view.anchors):
        view.anchors[cid] = (opened.get(cid, pos), pos)


def _mark_kept(p: etree._Element, agencies: set[str], view: View, pos: int) -> bool:
    """Whether the paragraph's mark is in the final text (a pending agency change is noted)."""
    rpr = p.find("w:pPr/w:rPr", NS)
    if rpr is None:
        return True
    inserted, deleted = rpr.find("w:ins", NS), rpr.find("w:del", NS)
    if inserted is not None and deleted is not None:
        return False
    change = inserted if inserted is not None else deleted
    if change is None:
        return True
    author = change.get(_AUTHOR, "")
    if author in agencies:
        view.pending.append((author, pos, pos + (1 if deleted is not None else 0)))
        return deleted is not None
    return inserted is not None


@dataclass
class Hunk:
    b0: int
    b1: int
    f0: int
    f1: int
    # How far the difference could slide over equal text (a diff places "x\n" or "\nx" alike):
    # the circulated range it may stand for, used to find the items it belongs to.
    lo: int = 0
    hi: int = 0


def diff(base: str, final: str) -> tuple[list[Hunk], list[Equal]]:
    """(hunks where the texts differ, equal runs as (base start, final start, length))."""
    hunks: list[Hunk] = []
    equal: list[Equal] = []
    b = f = 0
    open_hunk: Hunk | None = None
    for op, text in _ops(base, final):
        n = len(text)
        if op == 0:
            if open_hunk is not None:
                hunks.append(open_hunk)
                open_hunk = None
            equal.append((b, f, n))
            b, f = b + n, f + n
            continue
        if open_hunk is None:
            open_hunk = Hunk(b, b, f, f)
        if op < 0:
            b += n
            open_hunk.b1 = b
        else:
            f += n
            open_hunk.f1 = f
    if open_hunk is not None:
        hunks.append(open_hunk)
    if b != len(base) or f != len(final):
        raise UnreadableDocument(t("engine.unreadable.decided_text"))
    for h in hunks:
        h.lo, h.hi = _slide(base, final, h)
    return hunks, equal


def _ops(base: str, final: str) -> list[tuple[int, str]]:
    """Diff ops: paragraphs first (most of a decided file is the circulated text unchanged), then
    words within each run of changed paragraphs."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # an exact diff, however long: the alignment decides every outcome
    a, b, lines = dmp.diff_linesToChars(base, final)
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_charsToLines(diffs, lines)
    out: list[tuple[int, str]] = []
    removed = added = ""
    for op, text in [*diffs, (0, "")]:
        if op < 0:
            removed += text
        elif op > 0:
            added += text
        else:
            if removed or added:
                out.extend(word_ops(removed, added))
                removed = added = ""
            if text:
                out.append((0, text))
    return out


def hunks_of(ops: list[tuple[int, str]]) -> list[tuple[int, int, int, int]]:
    """(old start, old end, new start, new end) of each run of differing ops."""
    out: list[tuple[int, int, int, int]] = []
    o = n = 0
    current: list[int] | None = None
    for op, text in ops:
        if op == 0:
            if current is not None:
                out.append((current[0], current[1], current[2], current[3]))
                current = None
            o, n = o + len(text), n + len(text)
            continue
        if current is None:
            current = [o, o, n, n]
        if op < 0:
            o += len(text)
            current[1] = o
        else:
            n += len(text)
            current[3] = n
    if current is not None:
        out.append((current[0], current[1], current[2], current[3]))
    return out


def word_ops(old: str, new: str) -> list[tuple[int, str]]:
    """Word-level ops, as small as they come: no semantic clean-up, which would fold the "."
    between an accepted change and the team's new paragraph into one difference."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    table: dict[str, str] = {}

    def encode(tokens: list[str]) -> str:
        # One private-use-free character per distinct token (surrogates skipped).
        return "".join(
            table.setdefault(t, chr(len(table) + 1 if len(table) < 0xD7FF else len(table) + 0x801))
            for t in tokens
        )

    a, b = encode(old_tokens), encode(new_tokens)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    ops: list[tuple[int, str]] = []
    i = j = 0
    for op, chars in dmp.diff_main(a, b, False):
        n = len(chars)
        if op > 0:
            ops.append((op, "".join(new_tokens[j : j + n])))
            j += n
        else:
            ops.append((op, "".join(old_tokens[i : i + n])))
            i += n
            j += n if op == 0 else 0
    return ops


def _slide(base: str, final: str, h: Hunk, limit: int = 200) -> tuple[int, int]:
    """The circulated range a pure insertion or deletion could be placed anywhere in."""
    if h.b0 < h.b1 and h.f0 < h.f1:
        return h.b0, h.b1
    moved = final[h.f0 : h.f1] if h.f0 < h.f1 else base[h.b0 : h.b1]
    lo, text = h.b0, moved
    while lo > 0 and h.b0 - lo < limit and base[lo - 1] == text[-1]:
        lo, text = lo - 1, text[-1] + text[:-1]
    hi, text = h.b1, moved
    while hi < len(base) and hi - h.b1 < limit and base[hi] == text[0]:
        hi, text = hi + 1, text[1:] + text[0]
    return lo, hi


def map_offset(equal: list[Equal], at: int, *, forward: bool, left: bool) -> int:
    """An offset of one text in the other, through the equal runs. A point inside a difference
    maps to the difference's start; a point where text was inserted maps before the insertion
    when `left` (a range's start), after it otherwise (a range's end)."""
    src, dst = (0, 1) if forward else (1, 0)
    keys = [run[src] for run in equal]
    k = (bisect_left(keys, at) if left else bisect_right(keys, at)) - 1
    if k < 0:
        return 0
    run = equal[k]
    return run[dst] + min(at - run[src], run[2])


def distance(a: str, b: str) -> int:
    """Edit distance between two texts: exact when what differs is short, else its length
    (enough to choose the closest set of items, and linear)."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    a, b = a[n:], b[n:]
    m = 0
    while m < min(len(a), len(b)) and a[-1 - m] == b[-1 - m]:
        m += 1
    a, b = a[: len(a) - m], b[: len(b) - m]
    if len(a) + len(b) > 80:
        return max(len(a), len(b))
    dmp = diff_match_patch()
    return dmp.diff_levenshtein(dmp.diff_main(a, b, False))
