"""Decisions made in the merged .docx and uploaded back; answers to an earlier draft refused."""

from __future__ import annotations

import io

import pytest
from docx import Document

from concord.engine.errors import WrongDocument
from concord.engine.publish import accept_all_changes, apply_decisions
from concord.engine.report_rows import DRAFTING, TEAM_OUTCOME
from concord.errors import Undecided
from concord.models import Decision, Outcome
from concord.usecases.answers import ingest_answer, submit_answer
from concord.usecases.decisions import decisions_from_docx, merged_items
from concord.usecases.drafts import revise_draft
from concord.usecases.merging import merge_ingested
from concord.usecases.publishing import publish_round
from concord.usecases.rounds import open_round
from tests.engine.test_merger import texts
from tests.flows.conftest import OpenRound
from tests.flows.documents import answer_docx
from tests.support.answers import to_bytes
from tests.support.word_decide import Decided

FIN, JUS, HEA = "Bộ Tài chính", "Bộ Tư pháp", "Bộ Y tế"
DEADLINE = "2030-01-01T00:00:00+07:00"


def _with_comment(docx: bytes, starts: str, text: str, author: str) -> bytes:
    doc = Document(io.BytesIO(docx))
    paragraph = next(p for p in doc.paragraphs if p.text.startswith(starts))
    doc.add_comment(paragraph.runs, text=text, author=author)
    return to_bytes(doc)


def _submit(o: OpenRound, agency_id: str, data: bytes) -> None:
    answer, _ = submit_answer(
        o.store, o.round_id, agency_id, data, filename=f"{agency_id}.docx", actor=agency_id
    )
    ingest_answer(o.store, o.round_id, answer.key, actor="t")


def _merged(o: OpenRound) -> bytes:
    fin = _with_comment(
        o.answer("bo-tai-chinh", "2035"), "Điều 3", "Đề nghị làm rõ nguyên tắc.", "bo-tai-chinh"
    )
    _submit(o, "bo-tai-chinh", fin)
    _submit(o, "bo-tu-phap", o.answer("bo-tu-phap", "2040"))
    copy = o.store.circulated_bytes(o.round_id, "bo-y-te")
    _submit(o, "bo-y-te", _with_comment(copy, "1. Các bộ", "Thiếu Bộ Y tế.", "bo-y-te"))
    record, _ = merge_ingested(o.store, o.round_id, actor="t")
    return o.store.object_bytes(record.docx_key)


def _by_agency(o: OpenRound) -> dict[tuple[str, str], str]:
    return {(i.agency, i.kind.value): i.id for i in merged_items(o.store, o.round_id).items}


def test_decisions_made_in_word_are_read_recorded_and_published(open_round_: OpenRound) -> None:
    o = open_round_
    decided = Decided(_merged(o))
    decided.reject(lambda author, text: author == FIN and text == "2035").accept()
    decided.reply("Đề nghị làm rõ", "Tiếp thu một phần: làm rõ tại khoản 1.")
    decided.reply("Thiếu Bộ Y tế", "Not accepted: Bộ Y tế is not concerned.")
    decided.replace("Công khai, minh bạch", "Công khai, minh bạch, hiệu quả")
    data = decided.to_bytes()
    ids = _by_agency(o)

    preview = decisions_from_docx(o.store, o.round_id, data, dry_run=True)
    assert not preview.recorded and o.store.decisions(o.round_id) == []
    found = decisions_from_docx(o.store, o.round_id, data, actor="Vụ Pháp chế")
    assert found.recorded
    outcomes = {d.item_id: (d.outcome, d.explanation) for d in o.store.decisions(o.round_id)}
    assert outcomes == {
        ids[(JUS, "replace")]: (Outcome.ACCEPTED, ""),
        ids[(FIN, "replace")]: (Outcome.NOT_ACCEPTED, ""),
        ids[(FIN, "comment")]: (Outcome.PARTLY_ACCEPTED, "làm rõ tại khoản 1."),
        ids[(HEA, "comment")]: (Outcome.NOT_ACCEPTED, "Bộ Y tế is not concerned."),
    }
    assert found.undecided == []
    assert [(e.old, e.new) for e in found.team_edits] == [("", ", hiệu quả")]
    draft_id = o.store.round(o.round_id).draft_id
    entry = next(e for e in o.store.audit.entries(draft_id) if e.action == "decided_file.read")
    assert entry.subject_sha256 == found.sha256

    done = publish_round(o.store, o.round_id, actor="t")
    published = o.store.version_bytes(draft_id, done.version.number)
    # The next version is the decided file's text, and what deciding by item id gives.
    assert texts(published)[0] == texts(accept_all_changes(data))[0]
    base = o.store.version_bytes(draft_id, 1)
    items = merged_items(o.store, o.round_id).items
    by_id = [
        Decision(item_id=ids[(JUS, "replace")], outcome=Outcome.ACCEPTED),
        Decision(item_id=ids[(FIN, "replace")], outcome=Outcome.NOT_ACCEPTED),
    ] + [Decision(item_id=e.id, outcome=Outcome.ACCEPTED) for e in found.team_edits]
    assert texts(apply_decisions(base, [*items, *found.team_edits], by_id)) == texts(published)
    report = Document(io.BytesIO(o.store.object_bytes(done.report_key)))
    rows = _report_rows(report)
    at = rows.index(DRAFTING)
    assert "hiệu quả" in rows[at + 1] and TEAM_OUTCOME in rows[at + 1]


def test_pending_changes_are_undecided_and_publishing_them_needs_permission(
    open_round_: OpenRound,
) -> None:
    o = open_round_
    decided = Decided(_merged(o)).reply("Thiếu Bộ Y tế", "Ghi nhận")
    found = decisions_from_docx(o.store, o.round_id, decided.to_bytes())
    ids = _by_agency(o)
    assert sorted(found.undecided) == sorted(
        [ids[(JUS, "replace")], ids[(FIN, "replace")], ids[(FIN, "comment")]]
    )
    with pytest.raises(Undecided, match=r"3 item.*undecided.*--allow-undecided"):
        publish_round(o.store, o.round_id, actor="t")
    done = publish_round(o.store, o.round_id, actor="t", allow_undecided=True)
    report = Document(io.BytesIO(o.store.object_bytes(done.report_key)))
    marks = [
        row.cells[5].text for row in next(t for t in report.tables if len(t.columns) == 6).rows
    ]
    assert sum("Chưa xử lý" in m for m in marks) == 3


def test_files_that_are_not_this_rounds_merge_are_refused(open_round_: OpenRound) -> None:
    o = open_round_
    _merged(o)
    answer = o.answer("bo-tai-chinh", "2035")
    with pytest.raises(WrongDocument, match="copy circulated to 'bo-tai-chinh'"):
        decisions_from_docx(o.store, o.round_id, answer)
    merged = o.store.object_bytes(o.store.latest_merge(o.round_id).docx_key)
    with pytest.raises(WrongDocument, match="merged version of round"):
        submit_answer(o.store, o.round_id, "bo-y-te", merged, filename="m.docx", actor="x")
    draft_id = o.store.round(o.round_id).draft_id
    rnd2 = open_round(o.store, draft_id, [FIN], DEADLINE, actor="t")
    _submit(
        OpenRound(o.store, rnd2.id),
        "bo-tai-chinh",
        answer_docx(o.store.circulated_bytes(rnd2.id, "bo-tai-chinh"), "bo-tai-chinh", "2036"),
    )
    merge_ingested(o.store, rnd2.id, actor="t")
    with pytest.raises(WrongDocument, match=f"merged file of round {o.round_id}"):
        decisions_from_docx(o.store, rnd2.id, merged)
    assert o.store.decisions(rnd2.id) == []


def test_an_answer_made_on_an_earlier_version_is_refused_naming_it(
    open_round_: OpenRound,
) -> None:
    o = open_round_
    draft_id = o.store.round(o.round_id).draft_id
    v1_copy = o.store.circulated_bytes(o.round_id, "bo-tai-chinh")
    doc = Document(io.BytesIO(o.store.version_bytes(draft_id, 1)))
    for p in doc.paragraphs:
        if p.text.startswith(("1. Bảo đảm", "2. Công khai", "b) Bộ Tư pháp")):
            p.runs[0].text = p.text + " Nội dung mới của dự thảo lần hai."
            for run in p.runs[1:]:
                run.text = ""
    revision = revise_draft(o.store, draft_id, to_bytes(doc), actor="t", note="lần 2")
    assert revision.version.number == 2 and revision.redline.items
    rnd2 = open_round(o.store, draft_id, [FIN], DEADLINE, actor="t")
    assert rnd2.version == 2
    # The agency answers on its old copy of version 1, its Concord stamp stripped.
    stripped = _strip_stamp(answer_docx(v1_copy, "bo-tai-chinh", "2035"))
    with pytest.raises(WrongDocument, match=r"matches version 1 .* better than version 2"):
        submit_answer(o.store, rnd2.id, FIN, stripped, filename="a.docx", actor="x")
    # Its copy of version 2 is taken.
    fresh = answer_docx(o.store.circulated_bytes(rnd2.id, "bo-tai-chinh"), "bo-tai-chinh", "2035")
    answer, new = submit_answer(o.store, rnd2.id, FIN, fresh, filename="b.docx", actor="x")
    assert new and answer.round_id == rnd2.id


def _strip_stamp(docx: bytes) -> bytes:
    from concord.engine.ooxml import read_parts, write_parts

    parts = read_parts(docx)
    parts.pop("docProps/custom.xml")
    return write_parts(parts)


def test_a_decided_copy_of_an_earlier_merge_is_refused(open_round_: OpenRound) -> None:
    o = open_round_
    _submit(o, "bo-tai-chinh", o.answer("bo-tai-chinh", "2035"))
    first, _ = merge_ingested(o.store, o.round_id, actor="t")
    older = Decided(o.store.object_bytes(first.docx_key)).accept().to_bytes()
    _submit(o, "bo-tu-phap", o.answer("bo-tu-phap", "2040"))
    merge_ingested(o.store, o.round_id, actor="t")
    # Bộ Tư pháp's change is not in the older file: reading it would reject it unseen.
    with pytest.raises(WrongDocument, match=r"earlier merge .* merge 2 holds them"):
        decisions_from_docx(o.store, o.round_id, older)
    assert o.store.decisions(o.round_id) == []


def test_the_command_previews_then_records(open_round_: OpenRound, tmp_path) -> None:
    from typer.testing import CliRunner

    from concord.cli import app

    o = open_round_
    path = tmp_path / "decided.docx"
    path.write_bytes(Decided(_merged(o)).reject().reply("Thiếu Bộ Y tế", "Ghi nhận").to_bytes())
    runner = CliRunner()
    preview = runner.invoke(app, ["decide", o.round_id, "--from-docx", str(path), "--dry-run"])
    assert preview.exit_code == 0, preview.output
    assert "dry run: nothing recorded" in preview.output and "Bộ Tư pháp" in preview.output
    assert o.store.decisions(o.round_id) == []
    done = runner.invoke(app, ["decide", o.round_id, "--from-docx", str(path)])
    assert done.exit_code == 0, done.output
    assert len(o.store.decisions(o.round_id)) == 3  # two changes rejected, one comment noted
    wrong = tmp_path / "answer.docx"
    wrong.write_bytes(o.answer("bo-tu-phap", "2041"))
    refused = runner.invoke(app, ["decide", o.round_id, "--from-docx", str(wrong)])
    assert refused.exit_code == 2 and "error [wrong_document]" in refused.output


def _report_rows(report) -> list[str]:
    """Each row of the report's comments table as one text (its cells joined)."""
    table = next(t for t in report.tables if len(t.columns) == 6)
    rows = []
    for row in table.rows:
        cells = list(dict.fromkeys(c.text for c in row.cells))  # merged cells repeat
        rows.append(" | ".join(cells))
    return rows
