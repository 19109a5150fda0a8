"""Runs as text: measuring, splitting at a character offset, building and wrapping them.

Text is counted exactly as the reader counts it (the reader's offsets), by the one rule in
`engine.wml.child_text`: `w:t`/`w:delText` characters, `\\t` for a tab, `\\v` for a carriage
return or text-wrapping break, `-` for a non-breaking hyphen; everything else in a run is
zero-width.
"""

from __future__ import annotations

import copy

from lxml import etree

from concord.engine.wml import (
    BR,
    DEL_INSTR,
    DEL_TEXT,
    INSTR,
    RPR,
    RPR_CHANGE,
    TAB,
    W_AUTHOR,
    W_DATE,
    W_ID,
    XML_SPACE,
    R,
    T,
    child_text,
)
from concord.engine.wml import REVISIONS as REVISION_WRAPPERS


def split_run(run: etree._Element, k: int) -> etree._Element:
    """Split `run` after its k-th character: `run` keeps the head, the returned new run (already
    placed after it) holds the tail. Both keep the run's properties."""
    tail = copy.deepcopy(run)
    for attr in list(tail.attrib):
        if attr.endswith("}paraId") or attr.endswith("}textId"):
            del tail.attrib[attr]
    pos = 0
    head_children = list(run)
    tail_children = list(tail)
    for mine, theirs in zip(head_children, tail_children, strict=True):
        if mine.tag == RPR:
            continue
        length = len(child_text(mine))
        if pos + length <= k:
            tail.remove(theirs)
        elif pos >= k:
            run.remove(mine)
        else:
            text = mine.text or ""
            mine.text = text[: k - pos]
            theirs.text = text[k - pos :]
            mine.set(XML_SPACE, "preserve")
            theirs.set(XML_SPACE, "preserve")
        pos += length
    run.addnext(tail)
    return tail


def revision(tag: str, author: str, date: str) -> etree._Element:
    """A w:ins/w:del (or other revision) element; ids are numbered once the document is done."""
    el = etree.Element(tag)
    el.set(W_ID, "0")
    el.set(W_AUTHOR, author)
    el.set(W_DATE, date)
    return el


def text_runs(text: str, rpr: etree._Element | None) -> list[etree._Element]:
    """Runs spelling `text` (no paragraph breaks), each with a copy of `rpr`."""
    run = etree.Element(R)
    if rpr is not None:
        props = copy.deepcopy(rpr)
        for change in props.findall(RPR_CHANGE):
            props.remove(change)
        run.append(props)
    buf: list[str] = []

    def flush() -> None:
        if buf:
            t = etree.SubElement(run, T)
            t.text = "".join(buf)
            t.set(XML_SPACE, "preserve")
            buf.clear()

    for ch in text:
        if ch == "\t":
            flush()
            etree.SubElement(run, TAB)
        elif ch == "\v":
            flush()
            etree.SubElement(run, BR)
        else:
            buf.append(ch)
    flush()
    return [run]


def mark_deleted(run: etree._Element) -> None:
    """Turn a run's text into deleted text (w:t -> w:delText, w:instrText -> w:delInstrText)."""
    for child in run:
        if child.tag == T:
            child.tag = DEL_TEXT
            child.set(XML_SPACE, "preserve")
        elif child.tag == INSTR:
            child.tag = DEL_INSTR
            child.set(XML_SPACE, "preserve")


def outer(run: etree._Element) -> etree._Element:
    """The element to place new content beside: the run, or the revision wrapping it."""
    parent = run.getparent()
    if parent is not None and parent.tag in REVISION_WRAPPERS:
        return parent
    return run
