"""The synthesis report: preamble, one row per item, Vietnamese outcome labels, clashes marked."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT

from concord.engine.report import CLASH_MARK, ReportAnswer, ReportInput, build_synthesis_report
from concord.models import Clash, Decision, Item, ItemKind, Outcome, Reply
from tests.support.libreoffice import convert

MOFA, MCST, MPS, MND, MOJ = (
    "Bộ Ngoại giao",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Công an",
    "Bộ Quốc phòng",
    "Bộ Tư pháp",
)


def _item(agency: str, kind: ItemKind, **fields) -> Item:
    defaults = {"block": 20, "start": 48, "end": 67, "tracked": True, "location": "Điều 2, khoản 2"}
    return Item(kind=kind, agency=agency, **{**defaults, **fields})


@pytest.fixture(scope="module")
def data() -> ReportInput:
    return sample_input()


def sample_input() -> ReportInput:
    """Five replies of six bodies, one clash, every outcome and one item undecided."""
    mofa = _item(MOFA, ItemKind.REPLACE, old="trên trường quốc tế", new="trong các diễn đàn")
    mcst = _item(MCST, ItemKind.REPLACE, old="trên trường quốc tế", new="trong giao lưu")
    remark = _item(
        MPS,
        ItemKind.COMMENT,
        block=53,
        start=3,
        end=29,
        location="Điều 8, khoản 1",
        anchor="Phòng, chống mua bán người",
        comment="Đề nghị dẫn chiếu Luật Phòng, chống mua bán người.",
        replies=(Reply(author="Cục Cảnh sát hình sự", text="Thống nhất."),),
    )
    plain = _item(
        MND,
        ItemKind.INSERT,
        block=44,
        start=20,
        end=20,
        location="Điều 5, khoản 1",
        anchor="1. Ưu tiên cử cán bộ nữ tham gia đào tạo.",
        new=", sĩ quan",
        tracked=False,
    )
    cut = _item(MOFA, ItemKind.DELETE, block=41, start=5, end=12, old="đặc biệt", location="Điều 4")
    undecided = _item(MND, ItemKind.REPLACE, block=63, start=0, end=2, old="30", new="31")
    items = (mcst, remark, mofa, plain, cut, undecided)
    clash = Clash(
        block=20,
        start=48,
        end=67,
        anchor="trên trường quốc tế",
        agencies=(MOFA, MCST),
        texts=(mofa.new, mcst.new),
        item_ids=(mofa.id, mcst.id),
    )
    decisions = (
        Decision(item_id=mofa.id, outcome=Outcome.ACCEPTED, explanation="Chỉnh lý khoản 2."),
        Decision(item_id=mcst.id, outcome=Outcome.NOT_ACCEPTED, explanation="Đã có tại Điều 9."),
        Decision(item_id=remark.id, outcome=Outcome.NOTED, explanation="Sẽ nghiên cứu."),
        Decision(
            item_id=plain.id,
            outcome=Outcome.PARTLY_ACCEPTED,
            explanation="Sửa lại cho gọn.",
            text=", sĩ quan nữ",
        ),
        Decision(item_id=cut.id, outcome=Outcome.ACCEPTED),
    )
    return ReportInput(
        draft_title="Nghị quyết về hỗ trợ phụ nữ hội nhập quốc tế đến năm 2030",
        round_id="r-0001",
        circulated_version=1,
        new_version=2,
        agencies=(MOFA, MCST, MPS, MND, MOJ, "Bộ Kế hoạch và Đầu tư"),
        answers=(
            ReportAnswer(
                agency=MOFA,
                received=datetime(2026, 11, 12, 9, 30),
                filename="bng.docx",
                letter="số 123/BNG-LPQT ngày 10/11/2026",
            ),
            ReportAnswer(agency=MCST, received=date(2026, 11, 13)),
            ReportAnswer(agency=MPS, received=date(2026, 11, 13)),
            ReportAnswer(agency=MND, received=date(2026, 11, 14), late=True),
            ReportAnswer(agency="Bộ Kế hoạch và Đầu tư", received=date(2026, 11, 14)),
        ),
        items=items,
        decisions=decisions,
        clashes=(clash,),
        date=date(2026, 11, 20),
        issuer="Bộ Nội vụ",
    )


@pytest.fixture(scope="module")
def report(data: ReportInput) -> bytes:
    return build_synthesis_report(data)


def _table(report: bytes):
    return docx.Document(io.BytesIO(report)).tables[1]


def _rows(report: bytes) -> list[list[str]]:
    """The column titles and the item rows (section rows, one merged cell, left out)."""
    rows = [[cell.text for cell in row.cells] for row in _table(report).rows]
    return [r for r in rows if len(set(r)) > 1]


def test_one_row_per_item_in_document_order(report: bytes) -> None:
    header, *rows = _rows(report)
    assert header == [
        "STT",
        "Điều, khoản",
        "Nội dung dự thảo",
        "Cơ quan góp ý",
        "Nội dung góp ý",
        "Giải trình, tiếp thu",
    ]
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    assert [r[1] for r in rows] == [
        "Điều 2, khoản 2",
        "Điều 2, khoản 2",
        "Điều 4",
        "Điều 5, khoản 1",
        "Điều 8, khoản 1",
        "Điều 2, khoản 2",
    ]
    late = f"{MND} (gửi sau thời hạn)"
    assert [r[3] for r in rows] == [MOFA, MCST, MOFA, late, MPS, late]


def test_outcome_labels_and_explanations(report: bytes) -> None:
    rows = _rows(report)[1:]
    decided = [r[5].split("\n")[0] for r in rows]
    assert decided == [
        "Tiếp thu",
        "Không tiếp thu",
        "Tiếp thu",
        "Tiếp thu một phần",
        "Ghi nhận",
        "Chưa xử lý",
    ]
    assert "Đã có tại Điều 9." in rows[1][5]
    assert "Nội dung tiếp thu: “, sĩ quan nữ”" in rows[3][5]


def test_proposals_are_written_out(report: bytes) -> None:
    rows = _rows(report)[1:]
    assert "Sửa: “trên trường quốc tế” → “trong các diễn đàn”" in rows[0][4]
    assert rows[2][4] == "Bỏ: “đặc biệt”"
    assert rows[3][4].startswith("Bổ sung: “, sĩ quan”")
    assert "không bật theo dõi thay đổi" in rows[3][4]
    assert "Đề nghị dẫn chiếu Luật Phòng, chống mua bán người." in rows[4][4]
    assert "Trả lời (Cục Cảnh sát hình sự): Thống nhất." in rows[4][4]
    assert rows[3][2].startswith("(bổ sung vào đoạn)")


def test_clashing_rows_are_marked_and_shaded(report: bytes) -> None:
    rows = [r for r in _table(report).rows[1:] if len({c.text for c in r.cells}) > 1]
    marked = [i for i, row in enumerate(rows) if CLASH_MARK in row.cells[4].text]
    assert marked == [0, 1]
    assert MCST in rows[0].cells[4].text and MOFA in rows[1].cells[4].text
    shaded = [i for i, row in enumerate(rows) if row.cells[0]._tc.xpath("./w:tcPr/w:shd")]
    assert shaded == [0, 1]


def test_preamble_counts_replies_and_silence(report: bytes) -> None:
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report)).paragraphs)
    assert "đã gửi dự thảo đến 6 cơ quan" in text
    assert "đã nhận được 5/6 văn bản góp ý" in text
    assert "Bộ Ngoại giao (Công văn số 123/BNG-LPQT ngày 10/11/2026)" in text
    assert "Bộ Công an (văn bản nhận ngày 13/11/2026)" in text
    assert "Bộ Quốc phòng (văn bản nhận ngày 14/11/2026, gửi sau thời hạn)" in text
    assert "Có 1 cơ quan không có văn bản trả lời (Bộ Tư pháp), được coi là đồng ý" in text
    assert "bng.docx" not in text and "r-0001" not in text
    assert "Bộ Kế hoạch và Đầu tư thống nhất với dự thảo" in text
    assert "tiếp thu 2; tiếp thu một phần 1; ghi nhận 1; không tiếp thu 1; chưa xử lý 1" in text
    assert "dự thảo lần 1" in text and "dự thảo lần 2" in text
    assert "{{" not in text
    heading = docx.Document(io.BytesIO(report)).tables[0]
    assert "BỘ NỘI VỤ" in heading.cell(0, 0).text
    assert "Hà Nội, ngày 20 tháng 11 năm 2026" in heading.cell(0, 1).text


def test_landscape_a4(report: bytes) -> None:
    section = docx.Document(io.BytesIO(report)).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)


def test_a_round_without_answers_or_items(data: ReportInput) -> None:
    empty = data.model_copy(update={"answers": (), "items": (), "decisions": (), "clashes": ()})
    rows = _rows(build_synthesis_report(empty))
    assert len(rows) == 1
    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(build_synthesis_report(empty))).paragraphs
    )
    assert "chưa nhận được văn bản góp ý nào" in text


@pytest.mark.libreoffice
def test_libreoffice_opens_the_report(report: bytes, tmp_path: Path) -> None:
    src = tmp_path / "report.docx"
    src.write_bytes(report)
    odt = convert(src, "odt", tmp_path / "out")
    with zipfile.ZipFile(odt) as z:
        content = z.read("content.xml").decode()
    assert "Tiếp thu một phần" in content
    assert "BẢNG TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN" in content
