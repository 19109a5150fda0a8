"""Revision, bookmark and comment ids, renumbered once the document is complete, and dates."""

from __future__ import annotations

from collections import defaultdict, deque
from datetime import UTC, datetime

from lxml import etree

from concord.engine import wml
from concord.engine.ooxml import qn

W_ID = wml.W_ID
_REVISIONS = {
    qn(f"w:{name}")
    for name in (
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "tblGridChange",
        "trPrChange",
        "tcPrChange",
        "cellIns",
        "cellDel",
        "cellMerge",
        "numberingChange",
    )
}
# Range starts and ends paired by id: (start tag, end tag) -> group.
_PAIRED = {
    qn("w:bookmarkStart"): ("bookmark", True),
    qn("w:bookmarkEnd"): ("bookmark", False),
    qn("w:moveFromRangeStart"): ("moveFrom", True),
    qn("w:moveFromRangeEnd"): ("moveFrom", False),
    qn("w:moveToRangeStart"): ("moveTo", True),
    qn("w:moveToRangeEnd"): ("moveTo", False),
}
COMMENT_TAGS = wml.COMMENT_MARKS
DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"


def iso_date(value: str | None) -> str | None:
    """`value` as "YYYY-MM-DDTHH:MM:SSZ" (UTC), or None when it is empty or not a date."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).strftime(DATE_FORMAT)


def now() -> str:
    return datetime.now(UTC).strftime(DATE_FORMAT)


def renumber(
    document: etree._Element,
    comments: etree._Element | None,
    first: int,
    comment_ids: dict[str, str] | None = None,
) -> int:
    """Give every revision, range and comment in a part (the body, a header, the notes) a unique
    id, from `first` upwards, in document order; comments.xml follows the comments' new ids.
    `comment_ids` (old -> new) carries the comments' numbering from part to part. Returns the
    next free id."""
    counter = first
    pending: dict[str, deque[str]] = defaultdict(deque)
    comment_ids = {} if comment_ids is None else comment_ids

    def fresh() -> str:
        nonlocal counter
        counter += 1
        return str(counter - 1)

    for el in document.iter():
        tag = el.tag
        if tag in _REVISIONS:
            el.set(W_ID, fresh())
        elif tag in _PAIRED:
            group, is_start = _PAIRED[tag]
            old = f"{group}/{el.get(W_ID)}"
            if is_start:
                new = fresh()
                pending[old].append(new)
            else:
                new = pending[old].popleft() if pending[old] else fresh()
            el.set(W_ID, new)
        elif tag in COMMENT_TAGS:
            old = el.get(W_ID, "")
            if old not in comment_ids:
                comment_ids[old] = fresh()
            el.set(W_ID, comment_ids[old])
    if comments is None:
        return counter
    for comment in comments.iterfind(qn("w:comment")):
        old = comment.get(W_ID, "")
        if old not in comment_ids:
            comment_ids[old] = fresh()
        comment.set(W_ID, comment_ids[old])
    return counter


def max_id(roots: list[etree._Element]) -> int:
    """The highest revision/range id in other parts (headers, notes), so body ids stay apart."""
    top = 0
    for root in roots:
        for el in root.iter():
            if el.tag in _REVISIONS or el.tag in _PAIRED:
                value = el.get(W_ID, "")
                if value.isdigit():
                    top = max(top, int(value))
    return top
