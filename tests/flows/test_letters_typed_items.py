"""Answers as ministries send them, without LibreOffice: the reply letter (PDF), letter-only
answers with items typed in by a coordinator, the stance, and refusals that store nothing."""

from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest
from typer.testing import CliRunner

from concord.cli import app
from concord.engine.errors import UnsafeDocument
from concord.engine.ooxml import NS, parse_xml, read_parts
from concord.errors import InvalidInput
from concord.models import Decision, ItemKind, Outcome, Stance
from concord.storage import keys
from concord.storage.records import ConcordStore
from concord.usecases.answers import add_typed_item, ingest_answer, receive_answer
from concord.usecases.decisions import record_decisions
from concord.usecases.merging import merge_round
from concord.usecases.publishing import publish_round, write_report
from tests.flows.conftest import OpenRound
from tests.support.pdfs import attachment_letter, javascript_letter, launch_letter, plain_letter

AGENCY = "Bộ Tư pháp"
LETTER = "số 1234/BTP-PLDSKT ngày 10/12/2026"
QUOTE = "bình đẳng giới"
LOCATED = "Đề nghị làm rõ nội hàm bình đẳng giới."
GENERAL = "Đề nghị bổ sung đánh giá tác động của chính sách."


def _stored_keys(store: ConcordStore, round_id: str) -> list[str]:
    return sorted(store.store.list(keys.answers_prefix(round_id)))


def _comments(merged: bytes) -> list[tuple[str, str]]:
    part = read_parts(merged).get("word/comments.xml")
    assert part is not None, "the merged file has no comments part"
    root = parse_xml(part)
    return [
        (c.get(f"{{{NS['w']}}}author"), "".join(c.itertext()))
        for c in root.iter(f"{{{NS['w']}}}comment")
    ]


def _letter_only_round(open_round_: OpenRound) -> tuple[ConcordStore, str, list[str]]:
    store, rid = open_round_.store, open_round_.round_id
    answer, new = receive_answer(
        store,
        rid,
        AGENCY,
        None,
        letter_file=plain_letter(),
        letter_filename="cong-van-1234.pdf",
        letter=LETTER,
        actor="văn thư",
    )
    assert new and answer.letter_only and answer.letter == LETTER
    located, _ = add_typed_item(
        store,
        rid,
        AGENCY,
        where="Điều 3, khoản 1",
        quote=QUOTE,
        comment=LOCATED,
        actor="chuyên viên",
    )
    general, _ = add_typed_item(
        store, rid, AGENCY, comment=GENERAL, general=True, actor="chuyên viên"
    )
    return store, rid, [located, general]


def test_letter_only_answer_with_typed_items_reaches_merge_and_report(
    open_round_: OpenRound,
) -> None:
    store, rid, ids = _letter_only_round(open_round_)
    record, made = merge_round(store, rid, actor="t")
    assert made and record.typed == tuple(sorted(ids))
    report = json.loads(store.object_bytes(record.report_key))
    items = {i["id"]: i for i in report["items"]}
    assert set(ids) <= set(items)
    located, general = items[ids[0]], items[ids[1]]
    assert located["agency"] == AGENCY and located["entered_by"] == "chuyên viên"
    assert located["location"] == "Điều 3, khoản 1" and located["anchor"] == QUOTE
    assert general["location"] == "Ý kiến chung" and general["kind"] == ItemKind.COMMENT

    merged = store.object_bytes(record.docx_key)
    assert (AGENCY, LOCATED) in _comments(merged) and (AGENCY, GENERAL) in _comments(merged)
    # The located comment covers exactly the quoted words of Điều 3, khoản 1.
    body = parse_xml(read_parts(merged)["word/document.xml"])
    w = NS["w"]
    for p in body.iter(f"{{{w}}}p"):
        if "".join(p.itertext()).endswith("Bảo đảm bình đẳng giới."):
            inside, text = False, []
            for el in p.iter():
                if el.tag == f"{{{w}}}commentRangeStart":
                    inside = True
                elif el.tag == f"{{{w}}}commentRangeEnd":
                    inside = False
                elif el.tag == f"{{{w}}}t" and inside:
                    text.append(el.text or "")
            assert "".join(text) == QUOTE
            break
    else:
        pytest.fail("Điều 3, khoản 1 is missing from the merged file")
    # The general comment stands at the start of the body.
    first = next(body.iter(f"{{{w}}}p"))
    assert any(el.tag == f"{{{w}}}commentRangeStart" for el in first.iter())

    # Merging again with nothing new changes nothing; a new typed item makes a new merge.
    assert merge_round(store, rid, actor="t") == (record, False)
    add_typed_item(
        store, rid, AGENCY, where="Điều 1", quote="năm 2030", replace_with="năm 2035", actor="cv"
    )
    again, made = merge_round(store, rid, actor="t")
    assert made and again.seq == record.seq + 1
    merged = store.object_bytes(again.docx_key)
    ins = [e for e in parse_xml(read_parts(merged)["word/document.xml"]).iter(f"{{{w}}}ins")]
    assert [e.get(f"{{{w}}}author") for e in ins] == [AGENCY]
    assert "".join(ins[0].itertext()) == "năm 2035"
    dels = [e for e in parse_xml(read_parts(merged)["word/document.xml"]).iter(f"{{{w}}}del")]
    assert [e.get(f"{{{w}}}author") for e in dels] == [AGENCY]

    report_doc = docx.Document(
        io.BytesIO(store.object_bytes(write_report(store, rid, 2, issuer="BỘ NỘI VỤ", actor="t")))
    )
    preamble = "\n".join(p.text for p in report_doc.paragraphs)
    assert f"{AGENCY} (Công văn {LETTER}" in preamble
    # The comments' table: six columns (the heading and signature blocks are tables too).
    table = next(t for t in report_doc.tables if len(t.columns) == 6)
    rows = [[c.text for c in row.cells] for row in table.rows]
    ours = [r for r in rows if r[3] == AGENCY]
    assert any(LOCATED in r[4] and r[1] == "Điều 3, khoản 1" for r in ours)
    assert any(GENERAL in r[4] and r[1] == "Ý kiến chung" for r in ours)


def test_typed_items_are_audited_with_the_coordinator_and_the_letter(
    open_round_: OpenRound,
) -> None:
    store, rid, ids = _letter_only_round(open_round_)
    draft_id = keys.parse_round_id(rid)[0]
    typed = [e for e in store.audit.entries(draft_id) if e.action == "item.typed"]
    assert [e.details["item"] for e in typed] == ids
    assert all(e.details["entered_by"] == "chuyên viên" for e in typed)
    assert all(e.details["letter"] == LETTER and e.details["letter_key"] for e in typed)


def test_stance_defaults_to_agrees_and_status_shows_the_letter(open_round_: OpenRound) -> None:
    store, rid = open_round_.store, open_round_.round_id
    receive_answer(
        store, rid, "Bộ Y tế", None, letter_file=plain_letter(), letter=LETTER, actor="t"
    )
    receive_answer(
        store,
        rid,
        "Bộ Tài chính",
        open_round_.answer("bo-tai-chinh", "2035"),
        filename="tl.docx",
        stance="disagrees",
        actor="t",
    )
    for answer in store.latest_answers(rid).values():
        ingest_answer(store, rid, answer.key, actor="t")
    result = CliRunner().invoke(app, ["round", "status", rid, "--json"])
    assert result.exit_code == 0, result.output
    found = {a["agency"]["name"]: a for a in json.loads(result.stdout)["agencies"]}
    assert (found["Bộ Y tế"]["stance"], found["Bộ Y tế"]["letter"]) == ("agrees", LETTER)
    assert (found["Bộ Tài chính"]["stance"], found["Bộ Tài chính"]["letter"]) == ("disagrees", None)
    assert found[AGENCY]["stance"] == Stance.NO_ANSWER and found[AGENCY]["letter"] is None


def test_cli_letter_only_answer_and_item_add(open_round_: OpenRound, tmp_path) -> None:
    rid = open_round_.round_id
    letter = tmp_path / "cong-van.pdf"
    letter.write_bytes(plain_letter())
    runner = CliRunner()
    answered = runner.invoke(
        app, ["answer", rid, "--agency", AGENCY, "--letter-file", str(letter), "--letter", LETTER]
    )
    assert answered.exit_code == 0, answered.output
    added = runner.invoke(
        app,
        [
            "item",
            "add",
            rid,
            "--agency",
            AGENCY,
            "--where",
            "Điều 3, khoản 1",
            "--quote",
            QUOTE,
            "--comment",
            LOCATED,
        ],
    )
    assert added.exit_code == 0, added.output
    item_id = added.stdout.strip()
    assert item_id in [i.id for i in open_round_.store.typed_items(rid, "bo-tu-phap")]
    wrong = runner.invoke(
        app,
        [
            "item",
            "add",
            rid,
            "--agency",
            AGENCY,
            "--where",
            "Điều 1",
            "--quote",
            QUOTE,
            "--comment",
            "x",
        ],
    )
    assert wrong.exit_code == 2 and "Điều 3, khoản 1" in wrong.output


@pytest.mark.parametrize("hostile", [javascript_letter, launch_letter, attachment_letter])
def test_a_pdf_letter_with_active_content_is_refused_and_nothing_stored(
    open_round_: OpenRound, hostile
) -> None:
    store, rid = open_round_.store, open_round_.round_id
    with pytest.raises(UnsafeDocument) as refused:
        receive_answer(store, rid, AGENCY, None, letter_file=hostile(), letter=LETTER, actor="t")
    assert refused.value.code == "pdf_active_content"
    # Nor with a marked-up copy: the whole answer is refused.
    with pytest.raises(UnsafeDocument):
        receive_answer(
            store,
            rid,
            AGENCY,
            open_round_.answer("bo-tu-phap", "2035"),
            letter_file=hostile(),
            actor="t",
        )
    assert _stored_keys(store, rid) == []


def test_refusals_store_nothing(open_round_: OpenRound, monkeypatch: pytest.MonkeyPatch) -> None:
    store, rid = open_round_.store, open_round_.round_id
    with pytest.raises(InvalidInput):
        receive_answer(store, rid, AGENCY, None, letter=LETTER, actor="t")
    with pytest.raises(UnsafeDocument) as refused:  # the letter given as the marked-up copy
        receive_answer(store, rid, AGENCY, plain_letter(), filename="cv.pdf", actor="t")
    assert refused.value.code == "pdf_answer" and "--letter-file" in str(refused.value)
    with pytest.raises(InvalidInput):  # no answer yet: nothing to type items from
        add_typed_item(store, rid, AGENCY, comment=GENERAL, general=True, actor="t")
    # An .odt whose content would inflate far beyond a document is refused before conversion.
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", b"<a>" + b" " * (8 * 1024 * 1024) + b"</a>")
    with pytest.raises(UnsafeDocument) as refused:
        receive_answer(store, rid, AGENCY, bomb.getvalue(), filename="bomb.odt", actor="t")
    assert refused.value.code == "zip_bomb"
    # An .odt carrying macros never reaches LibreOffice.
    macro = io.BytesIO()
    with zipfile.ZipFile(macro, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
        z.writestr("Basic/Standard/Module1.xml", "<script:module/>")
    with pytest.raises(UnsafeDocument) as refused:
        receive_answer(store, rid, AGENCY, macro.getvalue(), filename="macro.odt", actor="t")
    assert refused.value.code == "macro"
    # Without LibreOffice the refusal says how to install it, or to save as .docx.
    monkeypatch.setenv("CONCORD_SOFFICE", "")
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(UnsafeDocument) as refused:
        receive_answer(store, rid, AGENCY, odt.getvalue(), filename="tl.odt", actor="t")
    assert refused.value.code == "converter_missing"
    assert "apt-get install" in str(refused.value) and ".docx" in str(refused.value)
    assert _stored_keys(store, rid) == []


def test_cli_refuses_an_odt_without_libreoffice_saying_what_to_do(
    open_round_: OpenRound, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONCORD_SOFFICE", "")
    odt = tmp_path / "tra-loi.odt"
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    result = CliRunner().invoke(app, ["answer", open_round_.round_id, "--agency", AGENCY, str(odt)])
    assert result.exit_code == 2
    assert "error [converter_missing]" in result.output and "libreoffice" in result.output.lower()
    assert _stored_keys(open_round_.store, open_round_.round_id) == []


def test_typed_items_are_decided_and_published_like_read_items(open_round_: OpenRound) -> None:
    store, rid, ids = _letter_only_round(open_round_)
    proposal, _ = add_typed_item(
        store, rid, AGENCY, where="Điều 1", quote="năm 2030", replace_with="năm 2035", actor="cv"
    )
    merge_round(store, rid, actor="t")
    record_decisions(
        store,
        rid,
        [
            Decision(item_id=proposal, outcome=Outcome.ACCEPTED, explanation="Tiếp thu."),
            Decision(item_id=ids[1], outcome=Outcome.NOTED, explanation="Sẽ bổ sung."),
        ],
        actor="ban soạn thảo",
    )
    # The agency's other items are left "Chưa xử lý".
    published = publish_round(store, rid, actor="t", allow_undecided=True)
    text = [
        p.text
        for p in docx.Document(
            io.BytesIO(store.version_bytes(published.version.draft_id, published.version.number))
        ).paragraphs
    ]
    assert "Nghị quyết này quy định chính sách phát triển năm 2035." in text


@pytest.mark.parametrize(
    "place",
    [
        {"where": "Điều 1", "quote": "năm 2030", "general": True},  # both
        {},  # neither
        {"quote": "năm 2030", "general": True},
    ],
)
def test_an_item_is_located_or_general_never_both_nor_neither(
    open_round_: OpenRound, place: dict
) -> None:
    store, rid = open_round_.store, open_round_.round_id
    receive_answer(
        store, rid, AGENCY, None, letter_file=plain_letter(), letter=LETTER, actor="văn thư"
    )
    with pytest.raises(InvalidInput) as refused:
        add_typed_item(store, rid, AGENCY, comment="Ý kiến", actor="t", **place)
    assert refused.value.code == "where_or_general"
    assert store.typed_count(rid) == 0
