"""Publishing the next version of a draft from the coordinators' decisions.

The next version is the circulated version with the accepted changes made, and nothing else: no
tracked changes, no comments. It is made by merging the chosen items into the circulated version
(engine.merger, so changes land exactly where the answers put them) and then accepting every
tracked change of the result.

What the merger writes as a comment is therefore not applied even when accepted: formatting
changes, and changes in headers, footers and notes (the merger turns those into comments).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from concord.engine import wml
from concord.engine.errors import EngineError
from concord.engine.merger import merge
from concord.engine.ooxml import NS, parse_xml, qn, read_parts, serialize_xml, write_parts
from concord.messages import t
from concord.models import Decision, Item, ItemKind, Outcome

# Parts holding text that can carry revisions or comment marks.
_TEXT_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
# Comment parts and their sidecars; the published version carries none of them.
_COMMENT_PARTS = (
    "word/comments.xml",
    "word/commentsExtended.xml",
    "word/commentsIds.xml",
    "word/commentsExtensible.xml",
    "word/people.xml",
)
# Elements dropped whole: revision markers whose content disappears on "accept", the old
# properties kept by property changes, and comment anchors.
_DROP = {
    qn(tag)
    for tag in (
        "w:moveFromRangeStart",
        "w:moveFromRangeEnd",
        "w:moveToRangeStart",
        "w:moveToRangeEnd",
        "w:rPrChange",
        "w:pPrChange",
        "w:sectPrChange",
        "w:tblPrChange",
        "w:tblPrExChange",
        "w:trPrChange",
        "w:tcPrChange",
        "w:tblGridChange",
        "w:numberingChange",
        "w:commentRangeStart",
        "w:commentRangeEnd",
        "w:cellIns",
    )
}
_DELETED = wml.DELETED
_INSERTED = wml.INSERTED
# A w:ins/w:del inside these is a marker on a paragraph mark or a table row, not a container.
_MARK_HOLDERS = {wml.RPR, wml.TRPR}


class DecisionConflict(EngineError):
    """Two accepted changes touch the same text: the next version cannot hold both."""

    code = "decision_conflict"

    def __init__(self, first: Item, second: Item) -> None:
        where = first.location or t("engine.publish.block", part=first.part, block=first.block)
        super().__init__(
            t("engine.publish.conflict", first=first.agency, second=second.agency, where=where)
        )
        self.agencies = (first.agency, second.agency)
        self.item_ids = (first.id, second.id)


class UnknownDecisionItem(EngineError):
    """A decision names an item that is not among the round's items."""

    code = "unknown_item"


def apply_decisions(base: bytes, items: Sequence[Item], decisions: Sequence[Decision]) -> bytes:
    """The next version: `base` with the changes the decisions adopt, clean.

    accepted -> the change is made; partly_accepted with `text` -> the item's range is replaced
    by `text`; partly_accepted without text, noted, not_accepted -> nothing changes. Comments
    never change the text. An item without a decision is not applied.
    """
    by_id = {item.id: item for item in items}
    chosen: list[Item] = []
    for decision in decisions:
        item = by_id.get(decision.item_id)
        if item is None:
            raise UnknownDecisionItem(t("engine.publish.unknown_item", item=decision.item_id))
        adopted = adopted_change(item, decision)
        if adopted is not None:
            chosen.append(adopted)
    check_no_overlap(chosen)
    if chosen:
        base = merge(base, chosen).docx
    return accept_all_changes(base)


def adopted_change(item: Item, decision: Decision) -> Item | None:
    """The change a decision adopts for an item, or None when the text stays as it was."""
    if item.kind == ItemKind.COMMENT:
        return None
    if decision.outcome == Outcome.ACCEPTED:
        return item
    if decision.outcome != Outcome.PARTLY_ACCEPTED or decision.text is None:
        return None
    text = decision.text
    has_range = bool(item.old) or item.end_block not in (None, item.block) or item.end > item.start
    if not text:
        # Adopted wording that is empty: the item's range goes (a row's text, not the row).
        update = {"kind": ItemKind.DELETE, "new": "", "cells": ()}
        return item.model_copy(update=update) if has_range else None
    # A proposed new paragraph starts with a paragraph boundary; wording adopted for it is still
    # a paragraph of its own even when the coordinator typed only the words.
    if item.new.startswith("\n") and not item.old and not text.startswith("\n"):
        text = "\n" + text
    kind = ItemKind.REPLACE if has_range else ItemKind.INSERT
    # Wording adopted for a proposed row is text: the coordinator's words, not the row's cells.
    return item.model_copy(update={"kind": kind, "new": text, "cells": ()})


def _span(item: Item) -> tuple[tuple[int, int], tuple[int, int]]:
    end_block = item.block if item.end_block is None else item.end_block
    return (item.block, item.start), (end_block, item.end)


def _overlap(a: Item, b: Item) -> bool:
    if a.part != b.part:
        return False
    (a0, a1), (b0, b1) = _span(a), _span(b)
    if a0 == a1 and b0 == b1:
        return a0 == b0  # two insertions at one point: no order between them is "right"
    if a0 == a1:
        return b0 < a0 < b1
    if b0 == b1:
        return a0 < b0 < a1
    return a0 < b1 and b0 < a1


def check_no_overlap(items: Sequence[Item]) -> None:
    """Raise DecisionConflict for the first two items whose ranges overlap."""
    ordered = sorted(items, key=lambda i: (i.part, _span(i)))
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            if second.part != first.part or _span(second)[0] > _span(first)[1]:
                break
            if _overlap(first, second):
                raise DecisionConflict(first, second)


# --- accept all tracked changes ---------------------------------------------------------------


def accept_all_changes(docx: bytes) -> bytes:
    """`docx` with every tracked change accepted and every comment removed, tracking turned off.

    Inserted content stays and loses its marks, deleted content goes (a deleted paragraph mark
    joins its paragraph to the next one), property changes keep the new properties, rows marked
    deleted go; comment anchors, references and the comment parts are removed.
    """
    parts = read_parts(docx)
    for name in list(parts):
        if _TEXT_PART.fullmatch(name):
            root = parse_xml(parts[name])
            _accept(root)
            parts[name] = serialize_xml(root)
    _drop_comment_parts(parts)
    if "word/settings.xml" in parts:
        settings = parse_xml(parts["word/settings.xml"])
        for element in settings.findall("w:trackRevisions", NS):
            settings.remove(element)
        parts["word/settings.xml"] = serialize_xml(settings)
    return write_parts(parts)


def _remove(element: etree._Element) -> None:
    element.getparent().remove(element)


def _unwrap(element: etree._Element) -> None:
    """Put the element's children where it is, then remove it."""
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _accept(root: etree._Element) -> None:
    for element in [e for e in root.iter() if e.tag in _DROP]:
        _remove(element)
    for reference in root.findall(".//w:commentReference", NS):
        run = reference.getparent()
        run.remove(reference)
        if run.tag == wml.R and all(child.tag == wml.RPR for child in run):
            _remove(run)
    for row in [r for r in root.iter(wml.TR) if r.find("w:trPr/w:del", NS) is not None]:
        _remove(row)
    for table in root.findall(".//w:tbl", NS):
        if table.find("w:tr", NS) is None:
            _remove(table)
    for cell in [c for c in root.iter(wml.TC) if c.find("w:tcPr/w:cellDel", NS) is not None]:
        _remove(cell)
    # Deleted content first: a w:del inside a w:ins (inserted, then deleted) must go with it.
    for element in [e for e in root.iter() if e.tag in _DELETED]:
        if element.getparent() is not None and element.getparent().tag not in _MARK_HOLDERS:
            _remove(element)
    for element in [e for e in root.iter() if e.tag in _INSERTED]:
        if element.getparent().tag in _MARK_HOLDERS:
            _remove(element)
        else:
            _unwrap(element)
    # In document order, so a run of deleted marks joins up into the paragraph after them.
    for paragraph in [p for p in root.iter(wml.P) if _deleted_mark(p)]:
        _join_next(paragraph)


def _deleted_mark(paragraph: etree._Element) -> list[etree._Element]:
    mark = paragraph.find("w:pPr/w:rPr", NS)
    return [] if mark is None else [m for m in mark if m.tag in _DELETED]


def _join_next(paragraph: etree._Element) -> None:
    """Accept a deleted paragraph mark: the paragraph's content joins the next paragraph."""
    for marker in _deleted_mark(paragraph):
        _remove(marker)
    following = paragraph.getnext()
    content = [child for child in paragraph if child.tag != wml.PPR]
    if following is not None and following.tag == wml.P:
        next_ppr = following.find("w:pPr", NS)
        index = 0 if next_ppr is None else following.index(next_ppr) + 1
        for offset, child in enumerate(content):
            following.insert(index + offset, child)
        _remove(paragraph)
    elif not content and _removable(paragraph):
        _remove(paragraph)


def _removable(paragraph: etree._Element) -> bool:
    """A cell must keep a paragraph, and the body's last paragraph holds section properties."""
    parent = paragraph.getparent()
    if parent.tag == wml.TC and len(parent.findall("w:p", NS)) == 1:
        return False
    return paragraph.find("w:pPr/w:sectPr", NS) is None


def _drop_comment_parts(parts: dict[str, bytes]) -> None:
    present = [name for name in _COMMENT_PARTS if name in parts]
    if not present:
        return
    for name in present:
        del parts[name]
    targets = {name.removeprefix("word/") for name in present}
    rels_name = "word/_rels/document.xml.rels"
    rels = parse_xml(parts[rels_name])
    for rel in rels.findall("pr:Relationship", NS):
        if rel.get("Target", "").removeprefix("/word/") in targets:
            rels.remove(rel)
    parts[rels_name] = serialize_xml(rels)
    types = parse_xml(parts["[Content_Types].xml"])
    for override in types.findall("ct:Override", NS):
        if override.get("PartName", "").removeprefix("/") in present:
            types.remove(override)
    parts["[Content_Types].xml"] = serialize_xml(types)
