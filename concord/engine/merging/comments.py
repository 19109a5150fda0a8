"""Comments: anchoring them in the body and writing comments.xml and its companion parts
(commentsExtended for replies and resolved state, commentsIds, people)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from lxml import etree

from concord.engine import wml
from concord.engine.merging.package import Package
from concord.engine.merging.paragraphs import point_after, point_before
from concord.engine.merging.runs import R, text_runs
from concord.engine.ooxml import NS, qn

W_ID = wml.W_ID
COMMENTS = "word/comments.xml"
EXTENDED = "word/commentsExtended.xml"
IDS = "word/commentsIds.xml"
PEOPLE = "word/people.xml"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_PARTS = {
    COMMENTS: (
        _CT + "comments+xml",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
    ),
    EXTENDED: (
        _CT + "commentsExtended+xml",
        "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
    ),
    IDS: (
        _CT + "commentsIds+xml",
        "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
    ),
    PEOPLE: (
        _CT + "people+xml",
        "http://schemas.microsoft.com/office/2011/relationships/people",
    ),
}
_ROOTS = {
    COMMENTS: ("w:comments", ("w", "w14", "mc"), "w14"),
    EXTENDED: ("w15:commentsEx", ("w", "w15", "mc"), "w15"),
    IDS: ("w16cid:commentsIds", ("w16cid", "mc"), "w16cid"),
    PEOPLE: ("w15:people", ("w", "w15", "mc"), "w15"),
}


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment to add: `key` is its provisional w:id (final ids are numbered later)."""

    key: str
    author: str
    date: str
    text: str
    parent: str | None = None
    resolved: bool = False


def initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalnum()).upper()[:8]


def anchor(
    paras: list[etree._Element], start: tuple[int, int], end: tuple[int, int], keys: list[str]
) -> None:
    """Place comment range markers and reference runs for `keys` (a thread) on [start, end)."""
    sp, sx = paras[start[0]], start[1]
    ep, ex = paras[end[0]], end[1]
    parent, index = point_before(sp, sx)
    for k, key in enumerate(keys):
        marker = etree.Element(wml.COMMENT_RANGE_START)
        marker.set(W_ID, key)
        parent.insert(index + k, marker)
    if start == end:
        index += len(keys)  # a point: the ends follow the starts
    else:
        parent, index, _ = point_after(ep, ex)
    for key in keys:
        marker = etree.Element(wml.COMMENT_RANGE_END)
        marker.set(W_ID, key)
        ref_run = etree.Element(R)
        ref = etree.SubElement(ref_run, wml.COMMENT_REFERENCE)
        ref.set(W_ID, key)
        parent.insert(index, marker)
        parent.insert(index + 1, ref_run)
        index += 2


def _root(package: Package, name: str) -> etree._Element:
    tag, prefixes, ignorable = _ROOTS[name]
    root = package.xml(name)
    if root is None:
        root = etree.Element(qn(tag), nsmap={p: NS[p] for p in prefixes})
    root = package.with_namespaces(root, prefixes)
    ignored = set(root.get(qn("mc:Ignorable"), "").split())
    ignored.add(ignorable)
    root.set(qn("mc:Ignorable"), " ".join(sorted(ignored)))
    return root


def _hex_id(seed: str, taken: set[str]) -> str:
    """A deterministic 8-hex-digit id below 0x80000000, unique within `taken`."""
    n = 0
    while True:
        digest = hashlib.sha256(f"{seed}/{n}".encode()).hexdigest()
        value = f"{int(digest[:8], 16) & 0x7FFFFFFF:08X}"
        if value not in taken and value != "00000000":
            taken.add(value)
            return value
        n += 1


def write_comments(package: Package, comments: list[Comment]) -> None:
    """Append `comments` to the package's comment parts (creating them as needed)."""
    if not comments:
        return
    root = _root(package, COMMENTS)
    extended = _root(package, EXTENDED)
    ids = _root(package, IDS)
    people = _root(package, PEOPLE)
    taken = package.para_ids()
    last_para: dict[str, str] = {}
    for c in comments:
        el = etree.SubElement(root, qn("w:comment"))
        el.set(W_ID, c.key)
        el.set(wml.W_AUTHOR, c.author)
        el.set(wml.W_DATE, c.date)
        el.set(qn("w:initials"), initials(c.author))
        for n, line in enumerate(c.text.split("\n")):
            p = etree.SubElement(el, wml.P)
            para_id = _hex_id(f"{c.key}/{n}/{c.author}/{c.text}", taken)
            p.set(qn("w14:paraId"), para_id)
            p.set(qn("w14:textId"), "77777777")
            if n == 0:
                ref = etree.SubElement(p, R)
                etree.SubElement(ref, qn("w:annotationRef"))
            for run in text_runs(line, None):
                p.append(run)
            last_para[c.key] = para_id
        ex = etree.SubElement(extended, qn("w15:commentEx"))
        ex.set(qn("w15:paraId"), last_para[c.key])
        if c.parent is not None:
            ex.set(qn("w15:paraIdParent"), last_para[c.parent])
        ex.set(qn("w15:done"), "1" if c.resolved else "0")
        cid = etree.SubElement(ids, qn("w16cid:commentId"))
        cid.set(qn("w16cid:paraId"), last_para[c.key])
        cid.set(qn("w16cid:durableId"), _hex_id(f"durable/{c.key}", taken))
    known = {p.get(qn("w15:author")) for p in people.iterfind("w15:person", NS)}
    for author in sorted({c.author for c in comments} - known):
        person = etree.SubElement(people, qn("w15:person"))
        person.set(qn("w15:author"), author)
        info = etree.SubElement(person, qn("w15:presenceInfo"))
        info.set(qn("w15:providerId"), "None")
        info.set(qn("w15:userId"), author)
    for name, part_root in ((COMMENTS, root), (EXTENDED, extended), (IDS, ids), (PEOPLE, people)):
        content_type, rel_type = _PARTS[name]
        package.put_xml(name, part_root, content_type, rel_type)
