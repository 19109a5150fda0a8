"""Building circulated drafts and agencies' answers for tests and benchmarks.

Tracked changes are written as raw WordprocessingML (python-docx does not model them): a
paragraph's content is replaced by fragments made with `run`, `ins`, `dele`, `move_from`, ...
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from lxml import etree

from concord.engine.ooxml import NS, parse_xml, qn, read_parts, serialize_xml, write_parts

W = NS["w"]
DATE = "2025-03-01T09:00:00Z"
_ids = iter(range(1000, 10**9))


def _t(text: str, tag: str = "w:t") -> str:
    return f'<{tag} xml:space="preserve">{escape(text)}</{tag}>'


def run(text: str, rpr: str = "") -> str:
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{_t(text)}</w:r>"


def _rev(tag: str, author: str) -> str:
    return f'<w:{tag} w:id="{next(_ids)}" w:author="{author}" w:date="{DATE}">'


def ins(text: str, author: str) -> str:
    return f"{_rev('ins', author)}{run(text)}</w:ins>"


def dele(text: str, author: str) -> str:
    return f"{_rev('del', author)}<w:r>{_t(text, 'w:delText')}</w:r></w:del>"


def move_from(text: str, author: str, name: str = "move1") -> str:
    rid = next(_ids)
    return (
        f'<w:moveFromRangeStart w:id="{rid}" w:name="{name}" w:author="{author}"/>'
        f"{_rev('moveFrom', author)}<w:r>{_t(text)}</w:r></w:moveFrom>"
        f'<w:moveFromRangeEnd w:id="{rid}"/>'
    )


def move_to(text: str, author: str, name: str = "move1") -> str:
    rid = next(_ids)
    return (
        f'<w:moveToRangeStart w:id="{rid}" w:name="{name}" w:author="{author}"/>'
        f"{_rev('moveTo', author)}{run(text)}</w:moveTo>"
        f'<w:moveToRangeEnd w:id="{rid}"/>'
    )


def formatted(text: str, author: str, new_rpr: str = "<w:b/>", old_rpr: str = "") -> str:
    change = f'<w:rPrChange w:id="{next(_ids)}" w:author="{author}" w:date="{DATE}">'
    old = f"<w:rPr>{old_rpr}</w:rPr>"
    return f"<w:r><w:rPr>{new_rpr}{change}{old}</w:rPrChange></w:rPr>{_t(text)}</w:r>"


def set_content(p: etree._Element, *fragments: str, mark: str = "") -> None:
    """Replace paragraph `p`'s runs by `fragments`; `mark` ("ins:AUTHOR") tracks its mark."""
    for child in list(p):
        if child.tag != qn("w:pPr"):
            p.remove(child)
    xml = f'<root xmlns:w="{W}">{"".join(fragments)}</root>'
    for el in etree.fromstring(xml):
        p.append(el)
    if mark:
        kind, author = mark.split(":", 1)
        ppr = p.find("w:pPr", NS)
        if ppr is None:
            ppr = etree.SubElement(p, qn("w:pPr"))
            p.remove(ppr)
            p.insert(0, ppr)
        rpr = etree.SubElement(ppr, qn("w:rPr"))
        rpr.append(
            etree.fromstring(f'<root xmlns:w="{W}">{_rev(kind, author)}</w:{kind}></root>')[0]
        )


ARTICLES = [
    ("Điều 1. Phạm vi điều chỉnh", ["Nghị quyết này quy định chính sách phát triển năm 2030."]),
    (
        "Điều 2. Đối tượng áp dụng",
        ["1. Các bộ, ngành trung ương.", "a) Bộ Tài chính chủ trì.", "b) Bộ Tư pháp phối hợp."],
    ),
    ("Điều 3. Nguyên tắc", ["1. Bảo đảm bình đẳng giới.", "2. Công khai, minh bạch."]),
]


def circulated(
    articles: list[tuple[str, list[str]]] = ARTICLES, header: str = "Dự thảo lần 2"
) -> DocxDocument:
    """A small draft: title, three articles with clauses and points, a table, a header."""
    doc = Document()
    doc.add_paragraph("NGHỊ QUYẾT về phát triển bền vững")
    for heading, paragraphs in articles:
        doc.add_paragraph(heading)
        for text in paragraphs:
            doc.add_paragraph(text)
    table = doc.add_table(rows=2, cols=2)
    for r, row in enumerate([("Chỉ tiêu", "Mục tiêu"), ("Tỷ lệ che phủ rừng", "42%")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.add_paragraph("Nghị quyết có hiệu lực từ ngày ký.")
    doc.sections[0].header.paragraphs[0].text = header
    return doc


def to_bytes(doc: DocxDocument) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def body_paragraphs(doc: DocxDocument) -> list[etree._Element]:
    from concord.engine.blocks import iter_block_paragraphs

    return list(iter_block_paragraphs(doc.element.body))


def add_reply(docx: bytes, parent_id: str, author: str, text: str, *, done: bool) -> bytes:
    """Add a reply to comment `parent_id` (and the resolved flag) through commentsExtended.xml."""
    parts = read_parts(docx)
    comments = parse_xml(parts["word/comments.xml"])
    w14 = NS["w14"]
    parent = next(c for c in comments.iterfind("w:comment", NS) if c.get(qn("w:id")) == parent_id)
    parent.findall(".//w:p", NS)[-1].set(f"{{{w14}}}paraId", "1A2B3C4D")
    reply_id = str(max(int(c.get(qn("w:id"))) for c in comments.iterfind("w:comment", NS)) + 1)
    reply = etree.SubElement(
        comments,
        qn("w:comment"),
        {qn("w:id"): reply_id, qn("w:author"): author, qn("w:date"): DATE},
    )
    p = etree.SubElement(reply, qn("w:p"), {f"{{{w14}}}paraId": "5E6F7A8B"})
    etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:t")).text = text
    parts["word/comments.xml"] = serialize_xml(comments)
    w15 = NS["w15"]
    parts["word/commentsExtended.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w15:commentsEx xmlns:w15="{w15}">'
        f'<w15:commentEx w15:paraId="1A2B3C4D" w15:done="{int(done)}"/>'
        f'<w15:commentEx w15:paraId="5E6F7A8B" w15:paraIdParent="1A2B3C4D" w15:done="0"/>'
        f"</w15:commentsEx>"
    ).encode()
    types = parse_xml(parts["[Content_Types].xml"])
    etree.SubElement(
        types,
        qn("ct:Override"),
        PartName="/word/commentsExtended.xml",
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
    )
    parts["[Content_Types].xml"] = serialize_xml(types)
    rels = parse_xml(parts["word/_rels/document.xml.rels"])
    etree.SubElement(
        rels,
        qn("pr:Relationship"),
        Id="rIdCx1",
        Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
        Target="commentsExtended.xml",
    )
    parts["word/_rels/document.xml.rels"] = serialize_xml(rels)
    return write_parts(parts)
