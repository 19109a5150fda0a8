"""Answers rewritten the way Word saves them, for bench_merge.py's Word-like workload.

An agency's answer comes back from Word carrying much more markup than the text needs: revision
session ids (`w:rsidR`, `w:rsidRPr`, `w:rsidRDefault`, `w:rsidP`) on paragraphs and runs, runs
split wherever an edit session or the spell checker touched them (same formatting on each
piece), `w14:paraId`/`w14:textId` on every paragraph, `w:proofErr` spelling/grammar marks, and
comment threads: a reply is a comment of its own, linked to its parent through
commentsExtended.xml (`w15:paraIdParent`) and anchored beside it in the text.

`word_save(docx, agency, rng)` applies all of this to a .docx made by bench_merge.py, keeping
its text, tracked changes and comments, and adds one reply to each of its comments.
"""

from __future__ import annotations

import copy
import random

from lxml import etree

from concord.engine.ooxml import NS, parse_xml, qn, read_parts, serialize_xml, write_parts

W14, W15, MC = NS["w14"], NS["w15"], NS["mc"]
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
EXTENDED_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
)
EXTENDED_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
REPLY_OFFSET = 100  # a reply's w:id: its parent's + 100


class _Ids:
    """Unique 8-hex-digit ids below 0x80000000, as Word writes paraIds and rsids."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.used = rng, set[str]()

    def __call__(self) -> str:
        while True:
            value = f"{self.rng.randrange(1, 0x80000000):08X}"
            if value not in self.used:
                self.used.add(value)
                return value


def word_save(docx: bytes, agency: str, rng: random.Random) -> bytes:
    parts = read_parts(docx)
    ids = _Ids(rng)
    sessions = [ids() for _ in range(8)]  # the editing sessions this copy went through
    body = _declare(parse_xml(parts["word/document.xml"]))
    for p in list(body.iter(qn("w:p"))):
        _paragraph(p, ids, sessions, rng)
    comments = parse_xml(parts["word/comments.xml"])
    links = _replies(comments, body, agency, ids, sessions, rng)
    parts["word/document.xml"] = serialize_xml(body)
    parts["word/comments.xml"] = serialize_xml(comments)
    parts["word/commentsExtended.xml"] = _extended(links)
    types = parse_xml(parts["[Content_Types].xml"])
    etree.SubElement(
        types, qn("ct:Override"), PartName="/word/commentsExtended.xml", ContentType=EXTENDED_TYPE
    )
    parts["[Content_Types].xml"] = serialize_xml(types)
    rels = parse_xml(parts["word/_rels/document.xml.rels"])
    etree.SubElement(
        rels,
        qn("pr:Relationship"),
        Id="rIdWordCx",
        Type=EXTENDED_REL,
        Target="commentsExtended.xml",
    )
    parts["word/_rels/document.xml.rels"] = serialize_xml(rels)
    return write_parts(parts)


def _declare(root: etree._Element) -> etree._Element:
    """The root with w14 and mc declared once (Word declares them there, not per paragraph)."""
    if W14 in root.nsmap.values() and MC in root.nsmap.values():
        return root
    fresh = etree.Element(root.tag, nsmap={**root.nsmap, "w14": W14, "mc": MC})
    fresh.attrib.update(root.attrib)
    fresh.set(f"{{{MC}}}Ignorable", "w14")
    fresh.extend(list(root))
    return fresh


def _paragraph(p: etree._Element, ids: _Ids, sessions: list[str], rng: random.Random) -> str:
    """Give `p` its ids and session marks, split its runs, mark a spelling error; its paraId."""
    para_id = ids()
    p.set(f"{{{W14}}}paraId", para_id)
    p.set(f"{{{W14}}}textId", ids())
    p.set(qn("w:rsidR"), rng.choice(sessions))
    p.set(qn("w:rsidRDefault"), rng.choice(sessions))
    if rng.random() < 0.5:
        p.set(qn("w:rsidP"), rng.choice(sessions))
    for r in [r for r in p.iter(qn("w:r"))]:
        _split(r, sessions, rng)
    direct = [r for r in p if r.tag == qn("w:r")]
    if direct and rng.random() < 0.3:
        marked = rng.choice(direct)
        kind = rng.choice(("spell", "gram"))
        marked.addprevious(etree.Element(qn("w:proofErr"), {qn("w:type"): f"{kind}Start"}))
        marked.addnext(etree.Element(qn("w:proofErr"), {qn("w:type"): f"{kind}End"}))
    return para_id


def _split(r: etree._Element, sessions: list[str], rng: random.Random) -> None:
    """Cut a run of one text into 1-4 runs with the same formatting, each from a session."""
    texts = [c for c in r if c.tag in (qn("w:t"), qn("w:delText"))]
    others = [c for c in r if c.tag != qn("w:rPr") and c not in texts]
    if len(texts) != 1 or others or not texts[0].text or len(texts[0].text) < 8:
        r.set(qn("w:rsidR"), rng.choice(sessions))
        return
    text, tag, rpr = texts[0].text, texts[0].tag, r.find("w:rPr", NS)
    cuts = sorted(rng.sample(range(1, len(text)), rng.choice((0, 1, 1, 2, 3))))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    runs = []
    for piece in pieces:
        new = etree.Element(qn("w:r"), {qn("w:rsidR"): rng.choice(sessions)})
        if rng.random() < 0.5:
            new.set(qn("w:rsidRPr"), rng.choice(sessions))
        if rpr is not None:
            new.append(copy.deepcopy(rpr))
        t = etree.SubElement(new, tag, {XML_SPACE: "preserve"})
        t.text = piece
        runs.append(new)
    for new in reversed(runs):
        r.addnext(new)
    r.getparent().remove(r)


def _replies(
    comments: etree._Element,
    body: etree._Element,
    agency: str,
    ids: _Ids,
    sessions: list[str],
    rng: random.Random,
) -> list[tuple[str, str | None]]:
    """Reply to every comment (a colleague at the agency) as Word writes a thread; the
    (paraId, parent paraId) pairs commentsExtended.xml links them with."""
    links: list[tuple[str, str | None]] = []
    for parent in list(comments.iterfind("w:comment", NS)):
        cid = parent.get(qn("w:id"))
        last = None
        for p in parent.iterfind(".//w:p", NS):
            last = _paragraph(p, ids, sessions, rng)
        reply_id = str(int(cid) + REPLY_OFFSET)
        reply = etree.SubElement(
            comments,
            qn("w:comment"),
            {
                qn("w:id"): reply_id,
                qn("w:author"): f"{agency}, legal department",
                qn("w:date"): parent.get(qn("w:date")),
                qn("w:initials"): "LD",
            },
        )
        p = etree.SubElement(reply, qn("w:p"))
        run = etree.SubElement(p, qn("w:r"))
        etree.SubElement(run, qn("w:t")).text = f"Agreed with point {int(cid) + 1}."
        para = _paragraph(p, ids, sessions, rng)
        links += [(last, None), (para, last)]
        _anchor_beside(body, cid, reply_id)
    return links


def _anchor_beside(body: etree._Element, cid: str, reply_id: str) -> None:
    """Word anchors a reply on its parent's range: its marks right after the parent's."""
    for tag in ("w:commentRangeStart", "w:commentRangeEnd"):
        mark = next(m for m in body.iter(qn(tag)) if m.get(qn("w:id")) == cid)
        mark.addnext(etree.Element(qn(tag), {qn("w:id"): reply_id}))
    ref = next(m for m in body.iter(qn("w:commentReference")) if m.get(qn("w:id")) == cid)
    run = etree.Element(qn("w:r"))
    etree.SubElement(run, qn("w:commentReference"), {qn("w:id"): reply_id})
    ref.getparent().addnext(run)


def _extended(links: list[tuple[str, str | None]]) -> bytes:
    entries = "".join(
        f'<w15:commentEx w15:paraId="{para}"'
        + (f' w15:paraIdParent="{parent}"' if parent else "")
        + ' w15:done="0"/>'
        for para, parent in links
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w15:commentsEx xmlns:w15="{W15}" xmlns:mc="{MC}" mc:Ignorable="w15">'
        f"{entries}</w15:commentsEx>"
    ).encode()
