"""Edits on the circulated body, addressed by (block, offset) in the reader's block texts.

The merger applies edits from the end of the document backwards, so every edit works on text
the earlier (later-positioned) edits have not moved: offsets count the base view (inserted runs
left out, deleted runs kept), which our own w:ins/w:del leave unchanged.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from concord.engine.merging.runs import (
    mark_deleted,
    outer,
    revision,
    split_run,
    text_runs,
)
from concord.engine.ooxml import qn
from concord.engine.spans import iter_spans
from concord.engine.wml import (
    BR,
    CHARS,
    DEL,
    DEL_INSTR,
    FLD_CHAR,
    FLD_CHAR_TYPE,
    FLD_SIMPLE,
    INS,
    INSTR,
    PPR,
    PPR_CHANGE,
    RPR,
    SECT_PR,
    TEXT,
    TXBX,
    W_AUTHOR,
    W_DATE,
    W_ID,
    W_NAME,
    P,
    R,
)
from concord.engine.wml import REVISIONS as REVISION_WRAPPERS

_FIELD_CODE = {RPR, FLD_CHAR, INSTR, DEL_INSTR}
# What a field's result run may hold; hidden (counted as no text) inside a computed field.
_FIELD_TEXT = {*TEXT, *CHARS, BR}
_MARK_TAIL = {SECT_PR, PPR_CHANGE}


@dataclass(frozen=True, slots=True)
class Atom:
    run: etree._Element
    start: int
    end: int


def atoms(p: etree._Element) -> list[Atom]:
    """The runs carrying base-view text of paragraph `p`, with their offsets."""
    out: list[Atom] = []
    pos = 0
    current: etree._Element | None = None
    length = 0
    for span in iter_spans(p):
        if span.inserted or not span.text or span.run is None:
            continue
        if span.run is not current:
            if current is not None:
                out.append(Atom(current, pos, pos + length))
                pos += length
            current, length = span.run, 0
        length += len(span.text)
    if current is not None:
        out.append(Atom(current, pos, pos + length))
    return out


def text_length(p: etree._Element) -> int:
    found = atoms(p)
    return found[-1].end if found else 0


def _boundary(p: etree._Element, x: int) -> list[Atom]:
    """Make `x` fall between runs (splitting one if needed); the paragraph's atoms after."""
    for atom in atoms(p):
        if atom.start < x < atom.end:
            split_run(atom.run, x - atom.start)
            return atoms(p)
    return atoms(p)


def _content_start(p: etree._Element) -> int:
    return 1 if len(p) and p[0].tag == PPR else 0


def field_results(p: etree._Element) -> dict[etree._Element, tuple[etree._Element, ...]]:
    """Each run in a field's result (between w:fldChar separate and end, or inside a
    w:fldSimple) -> the elements that bound its outermost field: (begin run, end run), or
    (fldSimple,). New text never goes inside a field's result: the next update drops it."""
    out: dict[etree._Element, tuple[etree._Element, ...]] = {}
    open_fields: list[etree._Element] = []  # begin runs of the fields open here, outermost first
    in_result: list[etree._Element] = []
    for run in p.iter(R):
        if any(a.tag == TXBX for a in run.iterancestors()):
            continue
        simple = next((a for a in run.iterancestors(FLD_SIMPLE) if a is not p), None)
        if simple is not None:
            out[run] = (simple,)
        for char in run.iter(FLD_CHAR):
            kind = char.get(FLD_CHAR_TYPE)
            if kind == "begin":
                open_fields.append(run)
            elif kind == "separate" and open_fields:
                in_result.append(run)
            elif kind == "end" and open_fields:
                begin = open_fields.pop()
                if not open_fields:
                    for inner in in_result:
                        out.setdefault(inner, (begin, run))
                    in_result = []
        if open_fields and in_result and run.find(FLD_CHAR) is None:
            in_result.append(run)
    return {run: bounds for run, bounds in out.items() if run.find(FLD_CHAR) is None}


def _beside(run: etree._Element, after: bool) -> etree._Element:
    """The element new content goes beside: outside any field whose result holds `run`, and
    outside the revision wrapping it."""
    bounds = field_results(next(run.iterancestors(P)))
    if run in bounds:
        run = bounds[run][-1] if after else bounds[run][0]
    return outer(run)


def point_after(p: etree._Element, x: int) -> tuple[etree._Element, int, etree._Element | None]:
    """Where content goes at offset x, after the text ending there: (parent, index, neighbour
    run whose properties new runs copy). At a field's edge it goes outside the field."""
    found = _boundary(p, x)
    ending = [a for a in found if a.end == x]
    if x > 0 and ending:
        el = _beside(ending[-1].run, after=True)
        parent = el.getparent()
        return parent, parent.index(el) + 1, ending[-1].run
    starting = [a for a in found if a.start == x]
    if starting:
        el = _beside(starting[0].run, after=False)
        parent = el.getparent()
        return parent, parent.index(el), starting[0].run
    return p, len(p), None


def point_before(p: etree._Element, x: int) -> tuple[etree._Element, int]:
    """Where a marker goes at offset x, before the text starting there."""
    found = _boundary(p, x)
    starting = [a for a in found if a.start == x]
    if starting:
        el = outer(starting[0].run)
        parent = el.getparent()
        return parent, parent.index(el)
    parent, index, _ = point_after(p, x)
    return parent, index


def delete_text(
    p: etree._Element, start: int, end: int, author: str, date: str, tag: str = DEL
) -> list[etree._Element]:
    """Wrap the base text [start, end) of `p` in w:del (or w:moveFrom) by `author`; the
    wrappers made, in order."""
    if start >= end:
        return []
    _boundary(p, start)
    made: list[etree._Element] = []
    for run in _runs_in(p, _boundary(p, end), start, end):
        if run.getparent().tag in REVISION_WRAPPERS:
            continue  # already a revision in the circulated version
        if tag == DEL:
            mark_deleted(run)  # moved-away text keeps w:t, as Word writes it
        if made and run.getprevious() is made[-1]:
            made[-1].append(run)
            continue
        wrapper = revision(tag, author, date)
        run.addprevious(wrapper)
        wrapper.append(run)
        made.append(wrapper)
    return made


def _runs_in(p: etree._Element, found: list[Atom], start: int, end: int) -> list[etree._Element]:
    """The runs of [start, end): those carrying its text, and the field-code runs between them
    (so a field deleted whole goes with its code, and a computed field with its cached result)."""
    inside = [a.run for a in found if start <= a.start and a.end <= end]
    if not inside:
        return []
    runs = [r for r in p.iter(R) if not any(a.tag == TXBX for a in r.iterancestors())]
    first, last = runs.index(inside[0]), runs.index(inside[-1])
    chosen = set(inside)
    between = runs[first : last + 1]
    speaking = {s.run for s in iter_spans(p) if s.text and s.run is not None}
    return [r for r in between if r in chosen or _field_code(r, speaking)]


def _field_code(run: etree._Element, speaking: set[etree._Element]) -> bool:
    """A run that adds no text to the text model and holds only field machinery or text: the
    begin/instruction/separate/end runs, and a computed field's cached result ("3", a date),
    which the text model counts as nothing. Drawings, notes and comment references are not
    field code: they are not deleted along with the text around them."""
    return (
        len(run) > 0
        and run not in speaking
        and all(c.tag in _FIELD_CODE or c.tag in _FIELD_TEXT for c in run)
    )


def mark_range(wrappers: list[etree._Element], kind: str, name: str) -> None:
    """Bracket a move's wrappers with w:moveFromRangeStart/End (or moveTo...), linked by
    `name` to the other end of the move."""
    if not wrappers:
        return
    first = wrappers[0]
    start = etree.Element(qn(f"w:{kind}RangeStart"))
    for attr in (W_AUTHOR, W_DATE):
        start.set(attr, first.get(attr))
    start.set(W_ID, name)
    start.set(W_NAME, name)
    end = etree.Element(qn(f"w:{kind}RangeEnd"))
    end.set(W_ID, name)
    first.addprevious(start)
    wrappers[-1].addnext(end)


def _mark_rpr(p: etree._Element) -> etree._Element:
    ppr = p.find(PPR)
    if ppr is None:
        ppr = etree.Element(PPR)
        p.insert(0, ppr)
    rpr = ppr.find(RPR)
    if rpr is None:
        rpr = etree.Element(RPR)
        tail = [c for c in ppr if c.tag in _MARK_TAIL]
        if tail:
            tail[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    return rpr


def set_mark(p: etree._Element, tag: str, author: str, date: str) -> None:
    """Mark the paragraph mark of `p` inserted (w:ins, w:moveTo) or deleted (w:del, w:moveFrom)
    by `author`."""
    rpr = _mark_rpr(p)
    for old in [c for c in rpr if c.tag in REVISION_WRAPPERS]:
        rpr.remove(old)
    rpr.insert(0, revision(tag, author, date))


def split_paragraph(
    p: etree._Element,
    parent: etree._Element,
    index: int,
    author: str,
    date: str,
    tag: str = INS,
) -> etree._Element:
    """Split `p` at (parent, index) with a paragraph mark inserted (`tag`: w:ins, or w:moveTo
    for a moved paragraph) by `author`: `p` keeps the head and gets the new mark; the returned
    new paragraph gets the tail and `p`'s own mark."""
    moving = list(parent)[index:]
    while parent is not p:
        clone = etree.Element(parent.tag, attrib=dict(parent.attrib))
        for el in moving:
            clone.append(el)
        grand = parent.getparent()
        moving = [clone, *list(grand)[grand.index(parent) + 1 :]]
        parent = grand
    tail = etree.Element(P)
    ppr = p.find(PPR)
    if ppr is not None:
        tail.append(copy.deepcopy(ppr))
        for sect in ppr.findall(SECT_PR):
            ppr.remove(sect)  # the section ends with the original mark, now the tail's
    for el in moving:
        tail.append(el)
    p.addnext(tail)
    set_mark(p, tag, author, date)
    return tail


def insert_text(
    p: etree._Element, x: int, pieces: list[tuple[str, str, str]], tag: str = INS
) -> list[etree._Element]:
    """Insert each (author, date, text) piece at offset x of `p`, in order, as that author's w:ins.
    A "\\n" in a text starts a new paragraph (inserted mark) copying `p`'s properties."""
    parent, index, neighbour = point_after(p, x)
    rpr = neighbour.find(RPR) if neighbour is not None else None
    current = p
    made: list[etree._Element] = []
    for author, date, text in pieces:
        for n, segment in enumerate(text.split("\n")):
            if n > 0:
                current = split_paragraph(current, parent, index, author, date, tag)
                parent, index = current, _content_start(current)
            if segment:
                wrapper = revision(tag, author, date)
                for run in text_runs(segment, rpr):
                    wrapper.append(run)
                parent.insert(index, wrapper)
                made.append(wrapper)
                index += 1
    return made
