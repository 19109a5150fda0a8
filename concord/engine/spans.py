"""A paragraph's text: its content as spans, and its text in the reject-all or accept-all view.

A block's text is its visible text: `\\t` for a tab, `\\v` for a manual line break or carriage
return (the run's text rule is `engine.wml.child_text`), field instructions no, field results yes
EXCEPT the results of fields the word processor computes (page numbers, dates, document
properties, cross-references: `COMPUTED_FIELDS`). Their cached result is rewritten by every
re-save ("1" becomes "3" in a footer), so it is nobody's opinion: it counts as no text at all, in
every version, and the merger's offsets (which count the same spans) skip it too. Two views exist
for a paragraph holding tracked changes: `base` (reject-all: inserted text left out, deleted text
kept) and `accept` (accept-all).
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from concord.engine import wml
from concord.engine.ooxml import qn

View = Literal["base", "accept"]

_R = wml.R
_P = wml.P

# Subtrees inside a paragraph that hold no visible text of this paragraph.
_SKIP_IN_PARAGRAPH = {
    wml.PPR,
    wml.RPR,
    wml.TXBX,
    qn("mc:Fallback"),
}
_INSERTED = wml.INSERTED
_DELETED = wml.DELETED
_MARKERS = wml.COMMENT_MARKS | wml.MOVE_RANGES
_TEXT = wml.TEXT
_FLD_CHAR = wml.FLD_CHAR
_FLD_CHAR_TYPE = wml.FLD_CHAR_TYPE
_FLD_SIMPLE = wml.FLD_SIMPLE
_INSTR = {wml.INSTR, wml.DEL_INSTR}
_W_INSTR = wml.W_INSTR
# Fields whose result Word or LibreOffice computes and rewrites on its own (ECMA-376 part 1,
# 17.16.5). Left out: TOC/INDEX, whose result spans paragraphs and is the headings' own text
# (their page numbers are PAGEREF fields, which are in), and REF, whose result ("Điều 5" in
# "theo quy định tại Điều 5") reads as part of the sentence and is what an agency deletes with it.
# "=" (a formula) is handled apart.
COMPUTED_FIELDS = frozenset(
    {
        "PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "PAGEREF",
        "DATE", "TIME", "PRINTDATE", "SAVEDATE", "CREATEDATE", "EDITTIME",
        "FILENAME", "FILESIZE", "NUMWORDS", "NUMCHARS", "TEMPLATE",
        "AUTHOR", "LASTSAVEDBY", "REVNUM", "TITLE", "SUBJECT", "KEYWORDS", "COMMENTS",
        "DOCPROPERTY", "INFO", "USERNAME", "USERINITIALS", "USERADDRESS",
        "SEQ", "NOTEREF", "STYLEREF", "LISTNUM", "AUTONUM", "AUTONUMLGL", "AUTONUMOUT",
        "BIDIOUTLINE", "FORMULA",
    }
)  # fmt: skip
_CHAR = wml.CHARS
_BR = wml.BR
_PLAIN_TEXT = wml.T
# What `_spans` does with each element, by tag (the sets above do not overlap).
_OTHER, _RUN, _SKIP, _TEXT_EL, _INSTR_EL, _FLD_CHAR_EL, _CHAR_EL, _BR_EL = range(8)
_MARKER_EL, _INSERTED_EL, _DELETED_EL, _FLD_SIMPLE_EL = range(8, 12)
_KIND: dict[object, int] = {
    _R: _RUN,
    **dict.fromkeys(_SKIP_IN_PARAGRAPH, _SKIP),
    **dict.fromkeys(_TEXT, _TEXT_EL),
    **dict.fromkeys(_INSTR, _INSTR_EL),
    _FLD_CHAR: _FLD_CHAR_EL,
    **dict.fromkeys(_CHAR, _CHAR_EL),
    _BR: _BR_EL,
    **dict.fromkeys(_MARKERS, _MARKER_EL),
    **dict.fromkeys(_INSERTED, _INSERTED_EL),
    **dict.fromkeys(_DELETED, _DELETED_EL),
    _FLD_SIMPLE: _FLD_SIMPLE_EL,
}
# Anything that makes a paragraph more than runs of w:t text: tracked changes (of text, of the
# paragraph mark, of formatting), markers, fields, special characters, text boxes. A paragraph
# holding none of these reads the same in both views and needs no walk (`plain_text`).
_NOT_PLAIN = (
    *_INSERTED,
    *_DELETED,
    *_MARKERS,
    *_INSTR,
    wml.DEL_TEXT,
    _FLD_CHAR,
    _FLD_SIMPLE,
    *_CHAR,
    _BR,
    wml.TXBX,
    qn("mc:AlternateContent"),
    qn("mc:Fallback"),
    wml.RPR_CHANGE,
    wml.PPR_CHANGE,
)


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a paragraph's content, in order: text (possibly "") or a marker element.

    `inserted`/`deleted` say whether a tracked insertion/deletion (or move) encloses it; `change`
    is the innermost such element (its author and date), `run` the enclosing `w:r`.
    """

    text: str
    inserted: bool = False
    deleted: bool = False
    change: etree._Element | None = None
    run: etree._Element | None = None
    marker: etree._Element | None = None


def computed_field(instruction: str) -> bool:
    """Whether a field with this instruction (" PAGE \\* MERGEFORMAT ") has a computed result."""
    words = instruction.split()
    if not words:
        return False
    name = words[0].upper()
    return name in COMPUTED_FIELDS or name.startswith("=")


@dataclass(slots=True)
class _Field:
    """One open complex field (w:fldChar begin ... end) while walking a paragraph."""

    instruction: list[str]
    in_result: bool = False
    computed: bool = False


class _Fields:
    """The stack of open fields (they nest). Text is hidden while any open field is still in
    its instruction part (nested field results there are arguments, not shown) or is computed.
    A paragraph is walked alone: a field opened in an earlier paragraph (a TOC) is not seen."""

    def __init__(self) -> None:
        self.stack: list[_Field] = []

    def fld_char(self, kind: str | None) -> None:
        if kind == "begin":
            self.stack.append(_Field([]))
        elif kind == "separate" and self.stack:
            top = self.stack[-1]
            top.in_result = True
            top.computed = computed_field("".join(top.instruction))
        elif kind == "end" and self.stack:
            self.stack.pop()

    def instruction(self, text: str) -> None:
        if self.stack and not self.stack[-1].in_result:
            self.stack[-1].instruction.append(text)

    @property
    def hidden(self) -> bool:
        return bool(self.stack) and any(f.computed or not f.in_result for f in self.stack)


def iter_spans(p: etree._Element) -> Iterator[Span]:
    """The content of paragraph `p` in order (see `Span`). Computed field results yield no
    text spans (markers inside them still come)."""
    yield from _spans(p, False, False, None, None, _Fields())


def _spans(
    el: etree._Element,
    inserted: bool,
    deleted: bool,
    change: etree._Element | None,
    run: etree._Element | None,
    fields: _Fields,
) -> Iterator[Span]:
    for child in el:
        tag = child.tag
        kind = _KIND.get(tag, _OTHER)  # one lookup: this walk runs over every paragraph
        if kind == _RUN:
            yield from _spans(child, inserted, deleted, change, child, fields)
        elif kind == _SKIP:
            continue
        elif kind == _TEXT_EL:
            if child.text and not fields.hidden:
                yield Span(child.text, inserted, deleted, change, run)
        elif kind == _INSTR_EL:
            fields.instruction(child.text or "")
        elif kind == _FLD_CHAR_EL:
            fields.fld_char(child.get(_FLD_CHAR_TYPE))
        elif kind in (_CHAR_EL, _BR_EL):
            text = wml.child_text(child)  # the run's text rule: one definition
            if text and not fields.hidden:
                yield Span(text, inserted, deleted, change, run)
        elif kind == _MARKER_EL:
            yield Span("", inserted, deleted, change, run, marker=child)
        elif kind == _INSERTED_EL:
            yield from _spans(child, True, deleted, child, run, fields)
        elif kind == _DELETED_EL:
            yield from _spans(child, inserted, True, child, run, fields)
        elif kind == _FLD_SIMPLE_EL and computed_field(child.get(_W_INSTR, "")):
            fields.stack.append(_Field([], in_result=True, computed=True))
            yield from _spans(child, inserted, deleted, change, run, fields)
            fields.stack.pop()
        elif isinstance(tag, str):
            # Hyperlinks, smart tags, fldSimple (its result runs), sdt in a paragraph, ...
            # (comments and processing instructions, whose tag is no string, hold nothing)
            yield from _spans(child, inserted, deleted, change, run, fields)


def unplain_paragraphs(container: etree._Element) -> set[etree._Element]:
    """The paragraphs under `container` holding anything of `_NOT_PLAIN`, found in one pass of
    lxml's own iteration: `plain_text` reads every other paragraph without walking it."""
    out: set[etree._Element] = set()
    for el in container.iter(*_NOT_PLAIN):
        out.update(el.iterancestors(_P))
    return out


def plain_text(p: etree._Element, unplain: Container[etree._Element]) -> str | None:
    """The text of `p` when it is plain: not in `unplain` (see `unplain_paragraphs`), its w:t
    all in runs directly in the paragraph (most paragraphs of a draft). None otherwise.

    `iter_spans` of a plain paragraph is its w:t texts, untracked, with no marker, so this is
    its text in both views, found without the walk (reading a draft of thousands of paragraphs
    is mostly this)."""
    if p in unplain:
        return None
    texts = []
    for t in p.iter(_PLAIN_TEXT):
        run = t.getparent()
        if run.tag != _R or run.getparent() is not p:
            return None  # in a hyperlink, a content control, a run property, ...: walk it
        if t.text:
            texts.append(t.text)
    return "".join(texts)


def paragraph_text(p: etree._Element, view: View = "base") -> str:
    """The text of one paragraph in `view` ("base" = reject-all, "accept" = accept-all)."""
    if view == "base":
        return "".join(s.text for s in iter_spans(p) if not s.inserted)
    return "".join(s.text for s in iter_spans(p) if not s.deleted)
