"""Deciding in a merged .docx the way Word writes the result, for the decided-file tests.

Accepting a change removes its marks (an insertion's runs stay, a deletion goes); rejecting it
removes an insertion and turns a deletion back into text; a paragraph mark whose deletion is
accepted (or whose insertion is rejected) joins its paragraph with the next. Word renumbers
every revision id on save, so `save` does too. Replies are comments with a
`w15:paraIdParent` in commentsExtended.xml, pointing at the parent's last paragraph.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from concord.engine.ooxml import NS, parse_xml, qn, read_parts, serialize_xml, write_parts

Choose = Callable[[str, str], bool]  # (author, text of the change) -> act on it?
_INS = (qn("w:ins"), qn("w:moveTo"))
_DEL = (qn("w:del"), qn("w:moveFrom"))


class Decided:
    """A merged file being decided: call accept/reject/reply/replace, then `to_bytes()`."""

    def __init__(self, merged: bytes) -> None:
        self.parts = read_parts(merged)
        self.doc = parse_xml(self.parts["word/document.xml"])
        self.body = self.doc.find("w:body", NS)

    def accept(self, choose: Choose = lambda a, t: True) -> Decided:
        return self._settle(choose, keep_inserted=True)

    def reject(self, choose: Choose = lambda a, t: True) -> Decided:
        return self._settle(choose, keep_inserted=False)

    def replace(self, old: str, new: str) -> Decided:
        """An untracked edit inside one w:t (the coordinator typing with tracking off)."""
        for t in self.body.iter(qn("w:t")):
            if t.text and old in t.text:
                t.text = t.text.replace(old, new, 1)
                return self
        raise AssertionError(f"{old!r} is in no single w:t")

    def add_paragraph_after(self, starts: str, text: str) -> Decided:
        """A new paragraph typed with tracking off after the one starting with `starts`."""
        p = next(p for p in self.body.iter(qn("w:p")) if _text(p).startswith(starts))
        new = etree.Element(qn("w:p"))
        etree.SubElement(etree.SubElement(new, qn("w:r")), qn("w:t")).text = text
        p.addnext(new)
        return self

    def remove_paragraph(self, starts: str) -> Decided:
        """A paragraph deleted with tracking off."""
        p = next(p for p in self.body.iter(qn("w:p")) if _text(p).startswith(starts))
        p.getparent().remove(p)
        return self

    def reply(self, parent: str, text: str, author: str = "Điều phối viên") -> Decided:
        """A reply to the first comment whose text starts with `parent` or whose author it is."""
        comments = parse_xml(self.parts["word/comments.xml"])
        parent_el = next(
            c
            for c in comments.iterfind("w:comment", NS)
            if _text(c).startswith(parent) or c.get(qn("w:author")) == parent
        )
        parent_para = parent_el.findall("w:p", NS)[-1].get(qn("w14:paraId"))
        new_id = str(max(int(c.get(qn("w:id"))) for c in comments) + 1)
        para_id = f"{0x1234000 + int(new_id):08X}"
        reply = etree.SubElement(comments, qn("w:comment"))
        reply.set(qn("w:id"), new_id)
        reply.set(qn("w:author"), author)
        reply.set(qn("w:date"), "2026-02-01T10:00:00Z")
        p = etree.SubElement(reply, qn("w:p"))
        p.set(qn("w14:paraId"), para_id)
        etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:t")).text = text
        ext = parse_xml(self.parts["word/commentsExtended.xml"])
        entry = etree.SubElement(ext, qn("w15:commentEx"))
        entry.set(qn("w15:paraId"), para_id)
        entry.set(qn("w15:paraIdParent"), parent_para)
        entry.set(qn("w15:done"), "0")
        self.parts["word/comments.xml"] = serialize_xml(comments)
        self.parts["word/commentsExtended.xml"] = serialize_xml(ext)
        # Word anchors a reply where its parent is anchored, with its own reference run.
        parent_id = parent_el.get(qn("w:id"))
        for tag in ("w:commentRangeStart", "w:commentRangeEnd"):
            mark = next(el for el in self.body.iter(qn(tag)) if el.get(qn("w:id")) == parent_id)
            copy = etree.Element(qn(tag))
            copy.set(qn("w:id"), new_id)
            mark.addnext(copy)
        ref = next(
            el for el in self.body.iter(qn("w:commentReference")) if el.get(qn("w:id")) == parent_id
        )
        run = etree.Element(qn("w:r"))
        etree.SubElement(run, qn("w:commentReference")).set(qn("w:id"), new_id)
        ref.getparent().addnext(run)
        return self

    def to_bytes(self) -> bytes:
        # Word numbers revisions afresh on every save.
        for n, el in enumerate(self.body.iter(*_INS, *_DEL), start=9000):
            el.set(qn("w:id"), str(n))
        self.parts["word/document.xml"] = serialize_xml(self.doc)
        return write_parts(self.parts)

    def _settle(self, choose: Choose, *, keep_inserted: bool) -> Decided:
        for el in list(self.body.iter(*_INS, *_DEL)):
            parent = el.getparent()
            if parent is None:
                continue
            author = el.get(qn("w:author"), "")
            is_mark = parent.tag == qn("w:rPr")
            if not choose(author, "\n" if is_mark else _text(el)):
                continue
            inserted = el.tag in _INS
            keep = inserted == keep_inserted
            if is_mark:
                parent.remove(el)
                if not keep:
                    _join_with_next(parent.getparent().getparent())
            elif keep:
                _unwrap(el)
            else:
                parent.remove(el)
        return self


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t"), qn("w:delText")))


def _unwrap(el: etree._Element) -> None:
    for t in el.iter(qn("w:delText")):
        t.tag = qn("w:t")
    parent, at = el.getparent(), el.getparent().index(el)
    for child in list(el):
        parent.insert(at, child)
        at += 1
    parent.remove(el)


def _join_with_next(p: etree._Element) -> None:
    nxt = p.getnext()
    if nxt is None or nxt.tag != qn("w:p"):
        return
    for child in list(nxt):
        if child.tag != qn("w:pPr"):
            p.append(child)
    nxt.getparent().remove(nxt)
