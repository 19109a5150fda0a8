"""Small drafts for tests: clean, or with tracked changes the drafting team has not settled."""

from __future__ import annotations

import io

import docx
from lxml import etree

from concord.engine.ooxml import qn


def draft_docx(*, tracked: bool) -> bytes:
    """A one-article draft; `tracked` adds an insertion and a deletion nobody accepted."""
    document = docx.Document()
    paragraph = document.add_paragraph("Điều 1. Phạm vi điều chỉnh")
    if tracked:
        changes = (("w:ins", "w:t", " mới"), ("w:del", "w:delText", " cũ"))
        for number, (tag, text_tag, text) in enumerate(changes, start=1):
            change = etree.SubElement(paragraph._p, qn(tag))
            change.set(qn("w:id"), str(number))
            change.set(qn("w:author"), "Ban soạn thảo")
            run = etree.SubElement(change, qn("w:r"))
            etree.SubElement(run, qn(text_tag)).text = text
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
