"""Where the blocks are: the parts of a package that hold paragraphs, and every block `w:p` of
a part in document order (see docs/ARCHITECTURE.md).

Every `w:p` is a block, in document order, descending into tables (row by row, cell by cell,
nested tables in place), content controls (`w:sdt`) and custom XML. Text boxes are not blocks:
their paragraphs live inside another paragraph's run and have no stable place in reading order.

Parts: `body` (word/document.xml), `header` and `footer` (all header/footer parts in the order the
section properties reference them: default, first, even; each part's blocks follow the previous
part's), `footnotes` and `endnotes` (every note except separators, in file order).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from lxml import etree

from concord.engine import wml
from concord.engine.ooxml import NS, parse_xml, qn

PARTS: tuple[str, ...] = ("body", "header", "footer", "footnotes", "endnotes")

# Block-level wrappers whose children are more blocks (or rows/cells, inside a table).
_BLOCK_WRAPPERS = {wml.SDT, wml.SDT_CONTENT, wml.CUSTOM_XML, *wml.REVISIONS}


@dataclass(frozen=True, slots=True)
class TableCell:
    """Where a paragraph sits in the part's outermost table (all 1-based)."""

    table: int
    row: int
    col: int


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
        if tag == wml.P:
            yield child, cell
        elif tag == wml.TBL:
            tables[0] += 1
            yield from _walk_table(child, tables[0], tables)
        elif tag in _BLOCK_WRAPPERS:
            yield from _walk(child, cell, tables)


def _walk_table(
    tbl: etree._Element, number: int, tables: list[int]
) -> Iterator[tuple[etree._Element, TableCell | None]]:
    for row, tr in enumerate(children(tbl, wml.TR), start=1):
        for col, tc in enumerate(children(tr, wml.TC), start=1):
            yield from _walk_cell(tc, TableCell(number, row, col), tables)


def _walk_cell(
    tc: etree._Element, cell: TableCell, tables: list[int]
) -> Iterator[tuple[etree._Element, TableCell | None]]:
    for child in tc:
        tag = child.tag
        if tag == wml.P:
            yield child, cell
        elif tag == wml.TBL:
            for tr in children(child, wml.TR):
                for inner in children(tr, wml.TC):
                    yield from _walk_cell(inner, cell, tables)
        elif tag in _BLOCK_WRAPPERS:
            yield from _walk_cell(child, cell, tables)


def children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Direct children with `tag`, looking through sdt/customXml wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            yield from children(child, tag)


def part_containers(parts: dict[str, bytes]) -> dict[str, list[etree._Element]]:
    """The block containers of each part name: [w:body], header roots, footnote elements, ..."""
    doc_xml = parts.get("word/document.xml")
    if doc_xml is None:
        return {name: [] for name in PARTS}
    return containers_of(parse_xml(doc_xml), parts, lambda name: parse_xml(parts[name]))


def containers_of(
    document: etree._Element,
    parts: Mapping[str, bytes],
    load: Callable[[str], etree._Element | None],
) -> dict[str, list[etree._Element]]:
    """`part_containers` for a parsed `document`, other parts' roots got through `load` (the
    merger's own parsed parts, which it edits)."""
    out: dict[str, list[etree._Element]] = {name: [] for name in PARTS}
    body = document.find("w:body", NS)
    if body is not None:
        out["body"].append(body)
    targets = header_footer_targets(document, parts)
    for kind in ("header", "footer"):
        for target in targets[kind]:
            root = load(target) if target in parts else None
            if root is not None:
                out[kind].append(root)
    for kind, tag in (("footnotes", "w:footnote"), ("endnotes", "w:endnote")):
        root = load(f"word/{kind}.xml") if f"word/{kind}.xml" in parts else None
        if root is None:
            continue
        for note in root.iterfind(tag, NS):
            if note.get(wml.W_TYPE) in (None, "normal"):
                out[kind].append(note)
    return out


_REF_ORDER = {"default": 0, "first": 1, "even": 2}


def header_footer_targets(
    document: etree._Element, parts: Mapping[str, bytes]
) -> dict[str, list[str]]:
    """The part names of the headers and footers, in the order `part_containers` reads them."""
    rels_xml = parts.get("word/_rels/document.xml.rels")
    rels: dict[str, str] = {}
    if rels_xml is not None:
        for rel in parse_xml(rels_xml).iterfind("pr:Relationship", NS):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else f"word/{target}"
            rels[rel.get("Id", "")] = target
    out: dict[str, list[str]] = {"header": [], "footer": []}
    for sect in document.iter(wml.SECT_PR):
        for kind in ("header", "footer"):
            refs = sect.findall(f"w:{kind}Reference", NS)
            refs.sort(key=lambda r: _REF_ORDER.get(r.get(wml.W_TYPE, "default"), 3))
            for ref in refs:
                target = rels.get(ref.get(qn("r:id"), ""))
                if target and target not in out[kind]:
                    out[kind].append(target)
    return out
