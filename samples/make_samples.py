"""Build the bundled sample round: `python samples/make_samples.py`.

Writes the sample draft (a government resolution on supporting women's international integration
until 2030) and five agencies' answers to it, re-saved by LibreOffice as real answers are (runs,
ids and rsids rewritten) except the one whose reply thread LibreOffice would drop. What each
answer holds is in `ANSWERS` below and in samples/README.md; samples/decisions.json holds the
decisions the demo applies.
"""

from __future__ import annotations

import copy
import io
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import NamedTuple

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from concord.engine.ooxml import NS, parse_xml, qn, read_parts, serialize_xml, write_parts  # noqa: E402
from concord.engine.templates import new_draft, to_bytes  # noqa: E402
from samples._soffice import resave_many  # noqa: E402

DATE = "2026-11-10T09:00:00Z"
DRAFT_FILE = "draft-women-integration.docx"
TITLE = "Về hỗ trợ phụ nữ hội nhập quốc tế đến năm 2030"

ARTICLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Phạm vi điều chỉnh và đối tượng áp dụng",
        (
            "1. Nghị quyết này quy định các chính sách hỗ trợ phụ nữ hội nhập quốc tế trong giai "
            "đoạn từ năm 2026 đến năm 2030.",
            "2. Nghị quyết này áp dụng đối với:",
            "a) Phụ nữ Việt Nam tham gia các hoạt động hợp tác quốc tế;",
            "b) Cơ quan, tổ chức, cá nhân có liên quan đến việc thực hiện Nghị quyết này.",
        ),
    ),
    (
        "Quan điểm chỉ đạo",
        (
            "1. Bảo đảm bình đẳng giới thực chất trong mọi lĩnh vực của hội nhập quốc tế.",
            "2. Phát huy vai trò, vị thế của phụ nữ Việt Nam trên trường quốc tế.",
        ),
    ),
    (
        "Mục tiêu",
        (
            "1. Mục tiêu chung: nâng cao năng lực, tạo cơ hội bình đẳng để phụ nữ tham gia sâu "
            "rộng vào quá trình hội nhập quốc tế.",
            "2. Các chỉ tiêu cụ thể được quy định tại Bảng 1 dưới đây.",
        ),
    ),
    (
        "Nâng cao nhận thức về hội nhập quốc tế",
        (
            "1. Tăng cường tuyên truyền, phổ biến kiến thức về hội nhập quốc tế cho phụ nữ, đặc "
            "biệt là phụ nữ vùng đồng bào dân tộc thiểu số và miền núi.",
            "2. Đa dạng hóa hình thức truyền thông trên các nền tảng số.",
        ),
    ),
    (
        "Đào tạo, bồi dưỡng nguồn nhân lực nữ",
        (
            "1. Ưu tiên cử cán bộ nữ tham gia các khóa đào tạo, bồi dưỡng ở nước ngoài.",
            "2. Hỗ trợ học bổng cho nữ sinh viên theo học các ngành ngoại ngữ, luật quốc tế và "
            "kinh tế quốc tế.",
        ),
    ),
    (
        "Hỗ trợ phụ nữ tham gia các tổ chức quốc tế",
        (
            "1. Xây dựng nguồn cán bộ nữ ứng cử vào các vị trí tại các tổ chức quốc tế.",
            "2. Bộ Ngoại giao chủ trì giới thiệu, vận động ứng cử viên nữ vào các cơ quan của Liên "
            "hợp quốc.",
        ),
    ),
    (
        "Hỗ trợ doanh nghiệp do phụ nữ làm chủ",
        (
            "1. Hỗ trợ doanh nghiệp do phụ nữ làm chủ tiếp cận thị trường quốc tế và các hiệp "
            "định thương mại tự do.",
            "2. Ưu tiên doanh nghiệp do phụ nữ làm chủ trong các chương trình xúc tiến thương mại "
            "quốc gia.",
        ),
    ),
    (
        "Bảo vệ quyền và lợi ích hợp pháp của phụ nữ",
        (
            "1. Phòng, chống mua bán người, bảo vệ phụ nữ lao động ở nước ngoài.",
            "2. Tăng cường hợp tác quốc tế trong điều tra, xử lý tội phạm mua bán người.",
        ),
    ),
    (
        "Hội nhập quốc tế về văn hóa, thể thao và du lịch",
        (
            "1. Khuyến khích phụ nữ tham gia giao lưu văn hóa, thể thao quốc tế.",
            "2. Hỗ trợ nữ nghệ sĩ, vận động viên tham gia các sự kiện quốc tế.",
        ),
    ),
    (
        "Kinh phí thực hiện",
        (
            "1. Kinh phí thực hiện Nghị quyết được bảo đảm từ ngân sách nhà nước theo phân cấp "
            "hiện hành và các nguồn hợp pháp khác.",
            "2. Bộ Tài chính hướng dẫn việc lập dự toán, quản lý và sử dụng kinh phí.",
        ),
    ),
    (
        "Tổ chức thực hiện",
        (
            "1. Bộ Nội vụ chủ trì, phối hợp với các bộ, cơ quan liên quan theo dõi, đôn đốc việc "
            "thực hiện Nghị quyết này.",
            "2. Các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung "
            "ương xây dựng kế hoạch thực hiện trước ngày 30 tháng 6 năm 2026.",
            "3. Đề nghị Hội Liên hiệp Phụ nữ Việt Nam tham gia giám sát việc thực hiện Nghị quyết "
            "này.",
        ),
    ),
    (
        "Hiệu lực thi hành",
        (
            "1. Nghị quyết này có hiệu lực kể từ ngày ký ban hành.",
            "2. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, "
            "thành phố trực thuộc trung ương chịu trách nhiệm thi hành Nghị quyết này.",
        ),
    ),
)

TABLE_AFTER = "2. Các chỉ tiêu cụ thể được quy định tại Bảng 1 dưới đây."
TARGETS: tuple[tuple[str, str, str], ...] = (
    ("Chỉ tiêu", "2025", "2030"),
    ("Tỷ lệ nữ trong các đoàn công tác đối ngoại cấp bộ", "25%", "30%"),
    ("Tỷ lệ nữ giữ vị trí lãnh đạo tại cơ quan đại diện Việt Nam ở nước ngoài", "15%", "20%"),
    ("Số lượt phụ nữ được đào tạo về hội nhập quốc tế", "5.000", "10.000"),
    ("Tỷ lệ doanh nghiệp do phụ nữ làm chủ tham gia xuất khẩu", "20%", "30%"),
)


def build_draft() -> bytes:
    """The sample draft: the resolution template, twelve articles and the targets table."""
    doc = Document(
        io.BytesIO(new_draft("resolution", TITLE, issuer="Chính phủ", articles=ARTICLES))
    )
    anchor = _paragraph(doc, TABLE_AFTER)
    caption = anchor.insert_paragraph_before("Bảng 1. Chỉ tiêu hỗ trợ phụ nữ hội nhập quốc tế")
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.runs[0].bold = True
    # insert_paragraph_before put the caption above; move it below the clause, table after it.
    anchor._p.addnext(caption._p)
    table = doc.add_table(rows=len(TARGETS), cols=3)
    table.style = doc.styles["Table Grid"]
    for row, values in zip(table.rows, TARGETS, strict=True):
        for cell, value, width in zip(row.cells, values, (10.0, 3.0, 3.0), strict=True):
            cell.width = Cm(width)
            cell.paragraphs[0].add_run(value)
            if value != values[0]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for cell in table.rows[0].cells:
        cell.paragraphs[0].runs[0].bold = True
    caption._p.addnext(table._tbl)
    return to_bytes(doc)


# --- editing helpers: the XML Word writes when a reviewer edits with tracking on -------------


def _paragraph(doc: DocxDocument, contains: str) -> Paragraph:
    """The only body paragraph (tables included) whose text contains `contains`."""
    found = [
        Paragraph(p, doc._body)
        for p in doc.element.body.iter(qn("w:p"))
        if contains in Paragraph(p, doc._body).text
    ]
    if len(found) != 1:
        raise ValueError(f"{len(found)} paragraphs contain {contains!r}")
    return found[0]


def _set_text(t: etree._Element, text: str) -> None:
    t.text = text
    t.set(qn("xml:space"), "preserve")


def _split_run(run: etree._Element, at: int) -> etree._Element:
    """Split a one-w:t run at `at`; returns the right half (placed after the left)."""
    right = copy.deepcopy(run)
    t_left, t_right = run.find(qn("w:t")), right.find(qn("w:t"))
    text = t_left.text or ""
    _set_text(t_left, text[:at])
    _set_text(t_right, text[at:])
    run.addnext(right)
    return right


def _isolate(p: Paragraph, phrase: str) -> list[etree._Element]:
    """Split the paragraph's runs so that `phrase` (found once) is exactly a list of runs."""
    text = p.text
    if text.count(phrase) != 1:
        raise ValueError(f"{phrase!r} occurs {text.count(phrase)} times in {text!r}")
    start = text.index(phrase)
    end = start + len(phrase)
    for boundary in (start, end):
        offset = 0
        for run in p._p.findall(qn("w:r")):
            length = len(run.findtext(qn("w:t")) or "")
            if offset < boundary < offset + length:
                _split_run(run, boundary - offset)
                break
            offset += length
    inside, offset = [], 0
    for run in p._p.findall(qn("w:r")):
        length = len(run.findtext(qn("w:t")) or "")
        if start <= offset and offset + length <= end and length:
            inside.append(run)
        offset += length
    return inside


@dataclass
class Reviewer:
    """Who edits, and a counter for the revision ids Word keeps unique in a document."""

    author: str
    ids: count

    def mark(self, tag: str) -> etree._Element:
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(next(self.ids)))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), DATE)
        return element


def tracked_replace(doc: DocxDocument, who: Reviewer, phrase: str, new: str) -> None:
    """Delete `phrase` and insert `new` in its place, as tracked changes (new may be empty)."""
    runs = _isolate(_paragraph(doc, phrase), phrase)
    deletion = who.mark("w:del")
    runs[0].addprevious(deletion)
    for run in runs:
        for t in run.findall(qn("w:t")):
            t.tag = qn("w:delText")
        deletion.append(run)
    if new:
        insertion = who.mark("w:ins")
        run = copy.deepcopy(runs[0])
        run.find(qn("w:delText")).tag = qn("w:t")
        _set_text(run.find(qn("w:t")), new)
        insertion.append(run)
        deletion.addnext(insertion)


def tracked_new_paragraph(doc: DocxDocument, who: Reviewer, after: str, text: str) -> None:
    """A paragraph typed after the one containing `after`: its runs and its mark inserted."""
    previous = _paragraph(doc, after)._p
    paragraph = copy.deepcopy(previous)
    for child in list(paragraph):
        if child.tag != qn("w:pPr"):
            paragraph.remove(child)
    ppr = paragraph.find(qn("w:pPr"))
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    rpr.append(who.mark("w:ins"))
    insertion = who.mark("w:ins")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    _set_text(t, text)
    run.append(t)
    insertion.append(run)
    paragraph.append(insertion)
    previous.addnext(paragraph)


def plain_replace(doc: DocxDocument, phrase: str, new: str) -> None:
    """An edit made with tracking off: the text simply changes."""
    runs = _isolate(_paragraph(doc, phrase), phrase)
    _set_text(runs[0].find(qn("w:t")), new)
    for run in runs[1:]:
        run.getparent().remove(run)


def comment(doc: DocxDocument, phrase: str, text: str, author: str, initials: str):
    runs = [Run(r, _paragraph(doc, phrase)) for r in _isolate(_paragraph(doc, phrase), phrase)]
    added = doc.add_comment(runs, text=text, author=author, initials=initials)
    added._comment_elm.set(qn("w:date"), DATE)
    return added


def track_revisions(doc: DocxDocument) -> None:
    """Set "Track Changes" on, as the file of a reviewer who tracked their edits would have."""
    settings = doc.settings.element
    settings.insert(0, OxmlElement("w:trackRevisions"))


def reply_thread(docx: bytes, parent_id: int, reply_id: int) -> bytes:
    """Make comment `reply_id` a reply to `parent_id` (commentsExtended.xml, as Word writes).

    python-docx writes comments but not threads; Word links a reply to its parent through the
    w14:paraId of each comment's last paragraph."""
    parts = read_parts(docx)
    comments = parse_xml(parts["word/comments.xml"])
    para_ids: dict[str, str] = {}
    for element in comments.findall(qn("w:comment")):
        cid = element.get(qn("w:id"))
        para_id = f"{0x10000000 + int(cid):08X}"
        element.findall(qn("w:p"))[-1].set(qn("w14:paraId"), para_id)
        para_ids[cid] = para_id
    parts["word/comments.xml"] = serialize_xml(comments)
    w15 = NS["w15"]
    extended = etree.Element(f"{{{w15}}}commentsEx", nsmap={"w15": w15})
    for cid, para_id in para_ids.items():
        entry = etree.SubElement(extended, f"{{{w15}}}commentEx")
        entry.set(f"{{{w15}}}paraId", para_id)
        if cid == str(reply_id):
            entry.set(f"{{{w15}}}paraIdParent", para_ids[str(parent_id)])
        entry.set(f"{{{w15}}}done", "0")
    parts["word/commentsExtended.xml"] = serialize_xml(extended)
    types = parse_xml(parts["[Content_Types].xml"])
    override = etree.SubElement(types, qn("ct:Override"))
    override.set("PartName", "/word/commentsExtended.xml")
    override.set(
        "ContentType",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
    )
    parts["[Content_Types].xml"] = serialize_xml(types)
    rels = parse_xml(parts["word/_rels/document.xml.rels"])
    rel = etree.SubElement(rels, qn("pr:Relationship"))
    rel.set("Id", "rIdCommentsExtended")
    rel.set("Type", "http://schemas.microsoft.com/office/2011/relationships/commentsExtended")
    rel.set("Target", "commentsExtended.xml")
    parts["word/_rels/document.xml.rels"] = serialize_xml(rels)
    return write_parts(parts)


# --- the five answers -------------------------------------------------------------------------

MOFA = "Bộ Ngoại giao"
MPS = "Bộ Công an"
MND = "Bộ Quốc phòng"
MPI = "Bộ Kế hoạch và Đầu tư"
MCST = "Bộ Văn hóa, Thể thao và Du lịch"
# The phrase both MoFA and MCST replace, differently: the sample clash.
CLASH_PHRASE = "trên trường quốc tế"


def answer_mofa(doc: DocxDocument) -> None:
    """Tracked changes and two comments."""
    who = Reviewer(MOFA, count(100))
    track_revisions(doc)
    tracked_replace(doc, who, CLASH_PHRASE, "trong các diễn đàn đa phương và song phương")
    tracked_replace(
        doc,
        who,
        "các cơ quan của Liên hợp quốc",
        "các cơ quan, tổ chức của Liên hợp quốc và ASEAN",
    )
    tracked_replace(doc, who, ", đặc biệt là phụ nữ vùng đồng bào dân tộc thiểu số và miền núi", "")
    comment(
        doc,
        "bình đẳng giới thực chất",
        "Đề nghị làm rõ nội hàm “bình đẳng giới thực chất” theo Luật Bình đẳng giới.",
        MOFA,
        "BNG",
    )
    comment(
        doc,
        "ứng cử vào các vị trí",
        "Đề nghị bổ sung cơ chế phối hợp giữa Bộ Ngoại giao và Bộ Nội vụ trong việc lựa chọn, "
        "giới thiệu ứng viên.",
        MOFA,
        "BNG",
    )


def answer_mps(doc: DocxDocument) -> Callable[[bytes], bytes]:
    """Comments only, one answered in a reply thread."""
    first = comment(
        doc,
        "Phòng, chống mua bán người",
        "Đề nghị dẫn chiếu Luật Phòng, chống mua bán người năm 2024.",
        MPS,
        "BCA",
    )
    comment(
        doc,
        "hợp tác quốc tế trong điều tra",
        "Bộ Công an là cơ quan đầu mối hợp tác quốc tế về phòng, chống tội phạm; đề nghị ghi rõ.",
        MPS,
        "BCA",
    )
    # The reply is anchored where its parent is, as Word does.
    reply = doc.add_comment(
        [Run(r, doc.paragraphs[0]) for r in _comment_runs(doc, first.comment_id)],
        text="Thống nhất; đồng thời bổ sung biện pháp hỗ trợ nạn nhân trở về hòa nhập cộng đồng.",
        author="Cục Cảnh sát hình sự (Bộ Công an)",
        initials="CSHS",
    )
    reply._comment_elm.set(qn("w:date"), DATE)
    return lambda docx: reply_thread(docx, first.comment_id, reply.comment_id)


def _comment_runs(doc: DocxDocument, comment_id: int) -> list[etree._Element]:
    """The runs between a comment's range start and end (one paragraph)."""
    start = doc.element.body.find(f".//w:commentRangeStart[@w:id='{comment_id}']", NS)
    runs, node = [], start.getnext()
    while node is not None and node.tag != qn("w:commentRangeEnd"):
        if node.tag == qn("w:r"):
            runs.append(node)
        node = node.getnext()
    return runs


def answer_mnd(doc: DocxDocument) -> None:
    """Edits made with tracking off: nothing marks them, only the text differs."""
    plain_replace(doc, "Ưu tiên cử cán bộ nữ", "Ưu tiên cử cán bộ, sĩ quan nữ")
    plain_replace(
        doc,
        "trước ngày 30 tháng 6 năm 2026",
        "trong thời hạn 90 ngày kể từ ngày Nghị quyết có hiệu lực",
    )


def answer_mpi(doc: DocxDocument) -> None:
    """No change: the agency agrees and sends the file back re-saved."""


def answer_mcst(doc: DocxDocument) -> None:
    """Tracked changes: one clashing with MoFA's, a new paragraph, a change in the table."""
    who = Reviewer("Trần Minh Đức", count(200))
    track_revisions(doc)
    tracked_replace(doc, who, CLASH_PHRASE, "trong giao lưu văn hóa quốc tế")
    tracked_new_paragraph(
        doc,
        who,
        "Hỗ trợ nữ nghệ sĩ, vận động viên",
        "3. Xây dựng chương trình quảng bá hình ảnh phụ nữ Việt Nam gắn với phát triển du lịch "
        "và công nghiệp văn hóa.",
    )
    row = next(r for r in doc.tables[1].rows if "đào tạo" in r.cells[0].text)
    cell = row.cells[2].paragraphs[0]
    run = _isolate(cell, "10.000")[0]
    deletion = who.mark("w:del")
    run.addprevious(deletion)
    insertion = who.mark("w:ins")
    new_run = copy.deepcopy(run)
    _set_text(new_run.find(qn("w:t")), "12.000")
    insertion.append(new_run)
    run.find(qn("w:t")).tag = qn("w:delText")
    deletion.append(run)
    deletion.addnext(insertion)


class SampleAnswer(NamedTuple):
    agency: str
    edit: Callable[[DocxDocument], Callable[[bytes], bytes] | None]
    # LibreOffice 7.4 drops comment threads (commentsExtended.xml) when it saves a .docx, so the
    # answer with a reply thread is kept as Word writes it; the others are re-saved.
    resaved: bool = True


ANSWERS: dict[str, SampleAnswer] = {
    "answer-bo-ngoai-giao": SampleAnswer(MOFA, answer_mofa),
    "answer-bo-cong-an": SampleAnswer(MPS, answer_mps, resaved=False),
    "answer-bo-quoc-phong": SampleAnswer(MND, answer_mnd),
    "answer-bo-ke-hoach-va-dau-tu": SampleAnswer(MPI, answer_mpi),
    "answer-bo-van-hoa-the-thao-va-du-lich": SampleAnswer(MCST, answer_mcst),
}


def normalized(docx: bytes) -> bytes:
    """Fixed package dates and zip timestamps, so regenerating changes as little as it can."""
    parts = read_parts(docx)
    core = parts.get("docProps/core.xml")
    if core is not None:
        text = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", DATE.encode(), core)
        parts["docProps/core.xml"] = text
    app = parts.get("docProps/app.xml")
    if app is not None:
        parts["docProps/app.xml"] = re.sub(rb"<TotalTime>\d+</TotalTime>", b"", app)
    return write_parts(parts)


def build_answers(draft: bytes) -> dict[str, bytes]:
    edited: dict[str, bytes] = {}
    for stem, sample in ANSWERS.items():
        doc = Document(io.BytesIO(draft))
        post = sample.edit(doc)
        data = to_bytes(doc)
        edited[stem] = post(data) if post else data
    to_resave = {stem: data for stem, data in edited.items() if ANSWERS[stem].resaved}
    with tempfile.TemporaryDirectory(prefix="concord-samples-") as work:
        edited.update(resave_many(to_resave, Path(work)))
    return {stem: normalized(data) for stem, data in edited.items()}


def main() -> None:
    draft = build_draft()
    (HERE / DRAFT_FILE).write_bytes(draft)
    print(HERE / DRAFT_FILE)
    for stem, data in build_answers(draft).items():
        (HERE / f"{stem}.docx").write_bytes(data)
        print(HERE / f"{stem}.docx")


if __name__ == "__main__":
    main()
