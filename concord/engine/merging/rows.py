"""Table rows inserted or deleted as a whole, written as Word writes them: the row marked in
`w:trPr` (`w:ins`/`w:del`) and its cells' content tracked too, so that Accept All gives the
agency's table and Reject All the circulated one, in Word and in LibreOffice alike."""

from __future__ import annotations

import copy

from lxml import etree

from concord.engine.merging.paragraphs import set_mark
from concord.engine.merging.runs import revision, text_runs
from concord.engine.wml import (
    INS,
    PPR,
    PPR_CHANGE,
    REVISIONS,
    RPR,
    TBL_PR_EX,
    TC,
    TCPR,
    TR,
    TRPR,
    P,
    R,
)


def row_of(p: etree._Element) -> etree._Element | None:
    """The table row holding paragraph `p` (the innermost), None outside tables."""
    return next(p.iterancestors(TR), None)


def mark_row(tr: etree._Element, tag: str, author: str, date: str) -> None:
    """Mark row `tr` inserted (w:ins) or deleted (w:del) in its w:trPr."""
    trpr = tr.find(TRPR)
    if trpr is None:
        trpr = etree.Element(TRPR)
        ex = tr.find(TBL_PR_EX)
        if ex is not None:
            ex.addnext(trpr)
        else:
            tr.insert(0, trpr)
    for old in [c for c in trpr if c.tag in REVISIONS]:
        trpr.remove(old)
    trpr.append(revision(tag, author, date))


def new_row(
    template: etree._Element, cells: tuple[str, ...], author: str, date: str
) -> etree._Element:
    """A row shaped like `template` (its row and cell properties, its first paragraph's
    paragraph and run properties) holding `cells`, inserted by `author`: the row in w:trPr,
    each cell's text in w:ins, paragraph marks inside a cell inserted too."""
    tr = etree.Element(TR)
    for child in template:
        if child.tag in (TBL_PR_EX, TRPR):
            tr.append(copy.deepcopy(child))
    mark_row(tr, INS, author, date)
    tcs = template.findall(TC)
    count = max(len(cells), len(tcs))
    for i in range(count):
        source = tcs[min(i, len(tcs) - 1)] if tcs else None
        text = cells[i] if i < len(cells) else ""
        tr.append(_new_cell(source, text, author, date))
    return tr


def _new_cell(source: etree._Element | None, text: str, author: str, date: str) -> etree._Element:
    tc = etree.Element(TC)
    first = None
    if source is not None:
        tcpr = source.find(TCPR)
        if tcpr is not None:
            tc.append(copy.deepcopy(tcpr))
        first = source.find(P)
    lines = text.split("\n")
    for k, line in enumerate(lines):
        p = etree.SubElement(tc, P)
        ppr = first.find(PPR) if first is not None else None
        if ppr is not None:
            p.append(_without_revisions(copy.deepcopy(ppr)))
        if line:
            wrapper = revision(INS, author, date)
            for run in text_runs(line, _first_rpr(first)):
                wrapper.append(run)
            p.append(wrapper)
        if k < len(lines) - 1:  # a cell's last paragraph mark is the cell's own
            set_mark(p, INS, author, date)
    return tc


def _first_rpr(p: etree._Element | None) -> etree._Element | None:
    if p is None:
        return None
    run = next(p.iter(R), None)
    return None if run is None else run.find(RPR)


def _without_revisions(ppr: etree._Element) -> etree._Element:
    for el in list(ppr.iter(*REVISIONS)):
        el.getparent().remove(el)
    for change in ppr.findall(PPR_CHANGE):
        ppr.remove(change)
    return ppr
