"""The text model: a document part as a sequence of blocks (see docs/ARCHITECTURE.md).

Every `w:p` is a block, in document order, descending into tables (row by row, cell by cell,
nested tables in place), content controls (`w:sdt`) and custom XML. Text boxes are not blocks:
their paragraphs live inside another paragraph's run and have no stable place in reading order.

A block's text is its visible text: `\\t` for a tab, `\\v` for a manual line break or carriage
return, field instructions no, field results yes EXCEPT the results of fields the word processor
computes (page numbers, dates, document properties, cross-references: `COMPUTED_FIELDS`). Their
cached result is rewritten by every re-save ("1" becomes "3" in a footer), so it is nobody's
opinion: it counts as no text at all, in every version, and the merger's offsets (which count the
same spans) skip it too. Two views exist for a paragraph holding tracked
changes: `base` (reject-all: inserted text left out, deleted text kept) and `accept` (accept-all).
`extract_blocks` always gives ONE block per `w:p`, whatever the view, so that block index `i` is
the `i`-th paragraph yielded by `iter_block_paragraphs`: the merger relies on that. Merging a
paragraph whose mark is itself tracked is the reader's business (engine.reading.stream).

Parts: `body` (word/document.xml), `header` and `footer` (all header/footer parts in the order the
section properties reference them: default, first, even; each part's blocks follow the previous
part's), `footnotes` and `endnotes` (every note except separators, in file order).
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from concord.engine.ooxml import NS, parse_xml, qn, read_parts

View = Literal["base", "accept"]
PARTS: tuple[str, ...] = ("body", "header", "footer", "footnotes", "endnotes")

_P = qn("w:p")
_TBL = qn("w:tbl")
_TR = qn("w:tr")
_TC = qn("w:tc")
_R = qn("w:r")
# Block-level wrappers whose children are more blocks (or rows/cells, inside a table).
_BLOCK_WRAPPERS = {
    qn("w:sdt"),
    qn("w:sdtContent"),
    qn("w:customXml"),
    qn("w:ins"),
    qn("w:del"),
    qn("w:moveFrom"),
    qn("w:moveTo"),
}
# Subtrees inside a paragraph that hold no visible text of this paragraph.
_SKIP_IN_PARAGRAPH = {
    qn("w:pPr"),
    qn("w:rPr"),
    qn("w:txbxContent"),
    qn("mc:Fallback"),
}
_INSERTED = {qn("w:ins"), qn("w:moveTo")}
_DELETED = {qn("w:del"), qn("w:moveFrom")}
_MARKERS = {
    qn("w:commentRangeStart"),
    qn("w:commentRangeEnd"),
    qn("w:commentReference"),
    qn("w:moveFromRangeStart"),
    qn("w:moveFromRangeEnd"),
    qn("w:moveToRangeStart"),
    qn("w:moveToRangeEnd"),
}
_TEXT = {qn("w:t"), qn("w:delText")}
_FLD_CHAR = qn("w:fldChar")
_FLD_CHAR_TYPE = qn("w:fldCharType")
_FLD_SIMPLE = qn("w:fldSimple")
_INSTR = {qn("w:instrText"), qn("w:delInstrText")}
_W_INSTR = qn("w:instr")
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
_CHAR = {qn("w:tab"): "\t", qn("w:cr"): "\v", qn("w:noBreakHyphen"): "-"}
_BR = qn("w:br")
_W_TYPE = qn("w:type")
_PLAIN_TEXT = qn("w:t")
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
    qn("w:delText"),
    _FLD_CHAR,
    _FLD_SIMPLE,
    *_CHAR,
    _BR,
    qn("w:txbxContent"),
    qn("mc:AlternateContent"),
    qn("mc:Fallback"),
    qn("w:rPrChange"),
    qn("w:pPrChange"),
)


@dataclass(frozen=True, slots=True)
class TableCell:
    """Where a paragraph sits in the part's outermost table (all 1-based)."""

    table: int
    row: int
    col: int


@dataclass(frozen=True, slots=True)
class Block:
    part: str
    index: int
    text: str
    location: str
    kind: Literal["paragraph", "cell"]
    is_heading: bool = False
    table: int | None = None
    row: int | None = None
    col: int | None = None


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


def iter_block_paragraphs(container: etree._Element) -> Iterator[etree._Element]:
    """Every block `w:p` under `container` (a `w:body`, `w:hdr`, `w:ftr`, `w:footnote`, `w:tc`,
    ...) in block order. Block index i of a part is the i-th element yielded here."""
    for p, _cell in iter_block_paragraphs_with_cells(container):
        yield p


def iter_block_paragraphs_with_cells(
    container: etree._Element,
) -> Iterator[tuple[etree._Element, TableCell | None]]:
    """Same traversal as `iter_block_paragraphs`, with each paragraph's outermost table cell."""
    counter = [0]
    yield from _walk(container, None, counter)


def _walk(
    el: etree._Element, cell: TableCell | None, tables: list[int]
) -> Iterator[tuple[etree._Element, TableCell | None]]:
    for child in el:
        tag = child.tag
        if tag == _P:
            yield child, cell
        elif tag == _TBL:
            tables[0] += 1
            yield from _walk_table(child, tables[0], tables)
        elif tag in _BLOCK_WRAPPERS:
            yield from _walk(child, cell, tables)


def _walk_table(
    tbl: etree._Element, number: int, tables: list[int]
) -> Iterator[tuple[etree._Element, TableCell | None]]:
    for row, tr in enumerate(_children(tbl, _TR), start=1):
        for col, tc in enumerate(_children(tr, _TC), start=1):
            yield from _walk_cell(tc, TableCell(number, row, col), tables)


def _walk_cell(
    tc: etree._Element, cell: TableCell, tables: list[int]
) -> Iterator[tuple[etree._Element, TableCell | None]]:
    for child in tc:
        tag = child.tag
        if tag == _P:
            yield child, cell
        elif tag == _TBL:
            for tr in _children(child, _TR):
                for inner in _children(tr, _TC):
                    yield from _walk_cell(inner, cell, tables)
        elif tag in _BLOCK_WRAPPERS:
            yield from _walk_cell(child, cell, tables)


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Direct children with `tag`, looking through sdt/customXml wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _children(child, tag)


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
        elif kind == _CHAR_EL:
            if not fields.hidden:
                yield Span(_CHAR[tag], inserted, deleted, change, run)
        elif kind == _BR_EL:
            # Page and column breaks are layout, not text; a text-wrapping break is "\v".
            if child.get(_W_TYPE) in (None, "textWrapping") and not fields.hidden:
                yield Span("\v", inserted, deleted, change, run)
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


def part_containers(parts: dict[str, bytes]) -> dict[str, list[etree._Element]]:
    """The block containers of each part name: [w:body], header roots, footnote elements, ..."""
    out: dict[str, list[etree._Element]] = {name: [] for name in PARTS}
    doc_xml = parts.get("word/document.xml")
    if doc_xml is None:
        return out
    document = parse_xml(doc_xml)
    body = document.find("w:body", NS)
    if body is not None:
        out["body"].append(body)
    targets = _header_footer_targets(document, parts)
    for kind in ("header", "footer"):
        for target in targets[kind]:
            if target in parts:
                out[kind].append(parse_xml(parts[target]))
    for kind, tag in (("footnotes", "w:footnote"), ("endnotes", "w:endnote")):
        data = parts.get(f"word/{kind}.xml")
        if data is None:
            continue
        for note in parse_xml(data).iterfind(tag, NS):
            if note.get(_W_TYPE) in (None, "normal"):
                out[kind].append(note)
    return out


_REF_ORDER = {"default": 0, "first": 1, "even": 2}


def _header_footer_targets(
    document: etree._Element, parts: dict[str, bytes]
) -> dict[str, list[str]]:
    rels_xml = parts.get("word/_rels/document.xml.rels")
    rels: dict[str, str] = {}
    if rels_xml is not None:
        for rel in parse_xml(rels_xml).iterfind("pr:Relationship", NS):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else f"word/{target}"
            rels[rel.get("Id", "")] = target
    out: dict[str, list[str]] = {"header": [], "footer": []}
    for sect in document.iter(qn("w:sectPr")):
        for kind in ("header", "footer"):
            refs = sect.findall(f"w:{kind}Reference", NS)
            refs.sort(key=lambda r: _REF_ORDER.get(r.get(_W_TYPE, "default"), 3))
            for ref in refs:
                target = rels.get(ref.get(qn("r:id"), ""))
                if target and target not in out[kind]:
                    out[kind].append(target)
    return out


def extract_blocks(docx: bytes, view: View = "base") -> list[Block]:
    """Every block of every part (body first), each with its text and location label."""
    return blocks_from_parts(read_parts(docx), view)


def blocks_from_parts(parts: dict[str, bytes], view: View = "base") -> list[Block]:
    """`extract_blocks` on a package already unzipped by `read_parts`."""
    from concord.engine.structure import label_blocks, language_of  # structure imports from here

    blocks: list[Block] = []
    lang = ""
    for part, containers in part_containers(parts).items():
        paragraphs: list[tuple[etree._Element, TableCell | None]] = []
        texts: list[str] = []
        for container in containers:
            unplain = unplain_paragraphs(container)
            for p, cell in iter_block_paragraphs_with_cells(container):
                paragraphs.append((p, cell))
                text = plain_text(p, unplain)
                texts.append(paragraph_text(p, view) if text is None else text)
        # The body (first) decides the language of every label: a footer "1" has no words.
        lang = lang or language_of(texts)
        labels = label_blocks(part, paragraphs, texts, parts, lang)
        for i, ((_p, cell), text, label) in enumerate(zip(paragraphs, texts, labels, strict=True)):
            blocks.append(
                Block(
                    part=part,
                    index=i,
                    text=text,
                    location=label.text,
                    kind="cell" if cell else "paragraph",
                    is_heading=label.is_heading,
                    table=cell.table if cell else None,
                    row=cell.row if cell else None,
                    col=cell.col if cell else None,
                )
            )
    return blocks


def blocks_of(blocks: list[Block], part: str) -> list[Block]:
    return [b for b in blocks if b.part == part]
