"""The use cases the tasks wrap, called with a store: no Prefect server, no flow runs."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from docx import Document

from concord.engine.errors import UnsafeDocument, WrongDocument
from concord.engine.identity import read_stamp, stamp
from concord.errors import InvalidInput, NotFound, NothingToMerge, Undecided
from concord.models import CirculationStamp, Decision, Outcome, RoundState
from concord.usecases.answers import agencies_waiting, ingest_answer, submit_answer
from concord.usecases.drafts import register_draft
from concord.usecases.merging import merge_ingested
from concord.usecases.publishing import publish_next_version, write_report
from concord.usecases.rounds import circulate_copy, record_round
from tests.flows.conftest import AGENCIES, OpenRound
from tests.flows.documents import EDITED, draft_docx


def test_register_draft_refuses_an_unsafe_file_and_an_unknown_kind(store):
    with pytest.raises(UnsafeDocument):
        register_draft(store, "T", b"plain text, not a .docx", kind="resolution", actor="t")
    with pytest.raises(InvalidInput, match="resolution or a directive"):
        register_draft(store, "T", draft_docx(), kind="memo", actor="t")
    assert store.drafts() == []


def test_each_agency_gets_a_copy_stamped_with_its_identity(open_round_: OpenRound):
    store, round_id = open_round_.store, open_round_.round_id
    rnd = store.round(round_id)
    assert [a.name for a in rnd.agencies] == AGENCIES
    for agency in rnd.agencies:
        found = read_stamp(store.circulated_bytes(round_id, agency.id))
        assert found is not None
        assert (found.draft_id, found.version, found.round_id, found.agency_id) == (
            rnd.draft_id,
            1,
            round_id,
            agency.id,
        )
    # A retried task circulates the same copy again: no error, no second copy.
    key = circulate_copy(store, round_id, rnd.agencies[0].id, actor="t")
    assert store.circulated_bytes(round_id, rnd.agencies[0].id) == store.object_bytes(key)


def test_submit_answer_stores_each_upload_and_refuses_bad_files(open_round_: OpenRound):
    store, round_id = open_round_.store, open_round_.round_id
    data = open_round_.answer("bo-tai-chinh", "2035")
    answer, new = submit_answer(store, round_id, "Bộ Tài chính", data, filename="a.docx", actor="t")
    again, new_again = submit_answer(
        store, round_id, "bo-tai-chinh", data, filename="a.docx", actor="t"
    )
    # Every upload is an answer of its own (the newest is used), the bytes stored as they came.
    assert (new, new_again) == (True, True)
    assert again.key != answer.key and again.sha256 == answer.sha256

    # A copy circulated for another draft: refused before anything is stored.
    other = stamp(draft_docx(), CirculationStamp(draft_id="another-draft", version=1))
    with pytest.raises(WrongDocument):
        submit_answer(store, round_id, "Bộ Y tế", other, filename="b.docx", actor="t")
    with pytest.raises(UnsafeDocument):
        submit_answer(store, round_id, "Bộ Y tế", b"PK\x03\x04broken", filename="c.docx", actor="t")
    with pytest.raises(NotFound, match="not consulted"):
        submit_answer(store, round_id, "Bộ Quốc phòng", data, filename="d.docx", actor="t")
    assert [a.agency.id for a in store.answers(round_id)] == ["bo-tai-chinh"] * 2


def test_an_answer_is_read_when_it_is_received_and_ingesting_it_again_is_a_no_op(
    open_round_: OpenRound,
):
    store, round_id = open_round_.store, open_round_.round_id
    assert agencies_waiting(store, round_id) == ["bo-tai-chinh", "bo-tu-phap", "bo-y-te"]
    data = open_round_.answer("bo-tai-chinh", "2035")
    answer, _ = submit_answer(store, round_id, "bo-tai-chinh", data, filename="a.docx", actor="t")
    [item] = store.items_for(answer)  # stored with the answer, before the receipt
    assert (item.old, item.new, item.agency) == ("2030", "2035", "Bộ Tài chính")
    assert agencies_waiting(store, round_id) == ["bo-tu-phap", "bo-y-te"]

    stored, count, new = ingest_answer(store, round_id, answer.key, actor="t")
    assert (stored.key, count, new) == (answer.key, 1, False)


def _answer_and_ingest(rnd: OpenRound, agency: str, year: str) -> None:
    store = rnd.store
    answer, _ = submit_answer(
        store, rnd.round_id, agency, rnd.answer(agency, year), filename=f"{agency}.docx", actor="t"
    )
    ingest_answer(store, rnd.round_id, answer.key, actor="t")


def test_merge_skips_when_the_same_answers_were_merged(open_round_: OpenRound):
    store, round_id = open_round_.store, open_round_.round_id
    with pytest.raises(NothingToMerge):
        merge_ingested(store, round_id, actor="t")
    _answer_and_ingest(open_round_, "bo-tai-chinh", "2035")
    _answer_and_ingest(open_round_, "bo-tu-phap", "2040")
    first, new = merge_ingested(store, round_id, actor="t")
    assert new and first.seq == 1 and first.clash_count == 1 and first.item_count == 2
    assert merge_ingested(store, round_id, actor="t") == (first, False)

    _answer_and_ingest(open_round_, "bo-y-te", "2032")
    second, new = merge_ingested(store, round_id, actor="t")
    assert new and second.seq == 2 and len(second.answers) == 3
    html = store.object_bytes(second.html_key).decode()
    assert "Bộ Y tế" in html
    assert store.round_status(round_id).state is RoundState.MERGED


def test_publish_applies_the_decisions_and_writes_the_report(open_round_: OpenRound):
    store, round_id = open_round_.store, open_round_.round_id
    with pytest.raises(NotFound, match="not been merged"):
        publish_next_version(store, round_id, actor="t")
    _answer_and_ingest(open_round_, "bo-tai-chinh", "2035")
    record, _ = merge_ingested(store, round_id, actor="t")
    [item] = json.loads(store.object_bytes(record.report_key))["items"]
    item_id = item["id"]
    with pytest.raises(Undecided, match="1 item"):
        publish_next_version(store, round_id, actor="t")
    with pytest.raises(InvalidInput, match="no decisions"):
        publish_next_version(store, round_id, actor="t", allow_undecided=True)
    store.put_decisions(round_id, [Decision(item_id=item_id, outcome=Outcome.ACCEPTED)], actor="t")

    version = publish_next_version(store, round_id, actor="t")
    assert (version.number, version.from_round) == (2, round_id)
    text = _body_text(store.version_bytes(version.draft_id, 2))
    assert EDITED.replace("2030", "2035") in text
    # A retry after success finds the version it published instead of failing.
    assert publish_next_version(store, round_id, actor="t") == version

    report_key = write_report(store, round_id, version.number, issuer="BỘ NỘI VỤ", actor="t")
    assert "BỘ NỘI VỤ" in _body_text(store.object_bytes(report_key))
    assert store.round_status(round_id).published_version == 2


def test_a_round_defaults_to_the_newest_version(store):
    draft, _ = register_draft(store, "T", draft_docx(), kind="directive", actor="t")
    store.add_version(draft.id, draft_docx(), actor="t")
    rnd = record_round(
        store, draft.id, ["Bộ Y tế"], datetime.now(UTC) + timedelta(days=1), version=None, actor="t"
    )
    assert rnd.version == 2


def _body_text(docx: bytes) -> str:
    doc = Document(io.BytesIO(docx))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)
