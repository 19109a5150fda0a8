"""The same reading after LibreOffice re-saved the answer (runs, ids, rsids, styles rewritten)."""

from __future__ import annotations

import pytest

from concord.engine.reader import read_answer
from concord.models import Item, ItemKind
from tests.support.answers import body_paragraphs, circulated, dele, ins, run, set_content, to_bytes
from tests.support.libreoffice import lo_resave

WHO = "Nguyễn Văn A"


def _answer() -> bytes:
    doc = circulated()
    paragraphs = body_paragraphs(doc)
    set_content(
        paragraphs[2],
        run("Nghị quyết này quy định chính sách phát triển năm "),
        dele("2030", WHO),
        ins("2035", WHO),
        run("."),
    )
    set_content(paragraphs[6], dele("b) Bộ Tư pháp phối hợp.", WHO), mark=f"del:{WHO}")
    set_content(
        doc.tables[0].cell(1, 1).paragraphs[0]._p, dele("42", WHO), ins("45", WHO), run("%")
    )
    doc.paragraphs[9].text = "2. Công khai, minh bạch, kịp thời."  # untracked
    paragraph = doc.paragraphs[8]
    paragraph.clear()
    paragraph.add_run("1. Bảo đảm ")
    anchored = paragraph.add_run("bình đẳng giới")
    paragraph.add_run(".")
    doc.add_comment(anchored, text="Bổ sung chỉ tiêu", author=WHO)
    set_content(
        doc.sections[0].header.paragraphs[0]._p, run("Dự thảo lần "), dele("2", WHO), ins("3", WHO)
    )
    return to_bytes(doc)


@pytest.fixture(scope="module")
def resaved(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Item], list[Item]]:
    base = to_bytes(circulated())
    answer = _answer()
    again = lo_resave(answer, tmp_path_factory.mktemp("lo"))
    return read_answer(answer, base, "Bộ Tư pháp"), read_answer(again, base, "Bộ Tư pháp")


def _key(item: Item) -> tuple:
    return (
        item.part,
        item.kind,
        item.old,
        item.new,
        item.comment,
        item.block,
        item.start,
        item.tracked,
    )


@pytest.mark.libreoffice
def test_resaved_answer_reads_the_same(resaved: tuple[list[Item], list[Item]]) -> None:
    original, again = resaved
    expected = {
        ("body", ItemKind.REPLACE, "2030", "2035", "", 2, 50, True),
        ("body", ItemKind.DELETE, "b) Bộ Tư pháp phối hợp.\n", "", "", 6, 0, True),
        ("body", ItemKind.COMMENT, "", "", "Bổ sung chỉ tiêu", 8, 11, True),
        ("body", ItemKind.INSERT, "", ", kịp thời", "", 9, 23, False),
        ("body", ItemKind.REPLACE, "42", "45", "", 13, 0, True),
        ("header", ItemKind.REPLACE, "2", "3", "", 0, 12, True),
    }
    assert {_key(i) for i in original} == expected
    assert {_key(i) for i in again} == expected
    authors = {i.author for i in again if i.tracked}
    assert authors == {WHO}
