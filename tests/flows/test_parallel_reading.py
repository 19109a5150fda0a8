"""Reading a batch of answers in worker processes gives what reading them one by one gives."""

from __future__ import annotations

import pytest

from concord.engine.errors import UnsafeDocument
from concord.engine.reader import read_answer
from concord.engine.safety import check_docx
from concord.usecases import parallel
from concord.usecases.answers import submit_answer
from concord.usecases.files import combine_files
from concord.usecases.merging import ingest_waiting
from concord.usecases.parallel import ReadJob, read_batch
from tests.flows.conftest import OpenRound
from tests.flows.documents import answer_docx, draft_docx

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"


@pytest.fixture
def pooled_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if the batch is read in this process: the test must exercise the worker processes."""

    def in_process(*args: object) -> None:
        raise AssertionError("read in process, not in the workers")

    monkeypatch.setattr(parallel, "_here", in_process)


def test_workers_read_the_same_items_as_one_by_one(pooled_only: None) -> None:
    base = draft_docx()
    answers = [(f"Bộ {n}", answer_docx(base, f"Bộ {n}", str(2031 + n))) for n in range(4)]
    found = read_batch([ReadJob(a, data) for a, data in answers], base=base, workers=2)
    assert found == [read_answer(data, base, agency) for agency, data in answers]
    assert [item.agency for items in found for item in items] == [a for a, _ in answers]


def test_an_unsafe_answer_in_a_batch_is_refused_with_its_code(pooled_only: None) -> None:
    base = draft_docx()
    good = answer_docx(base, "Bộ Y tế", "2035")
    with pytest.raises(UnsafeDocument) as direct:
        check_docx(PDF)
    with pytest.raises(UnsafeDocument) as refused:
        combine_files(base, [("Bộ Y tế", good), ("Bộ Tư pháp", PDF), ("Bộ Công an", good)])
    assert (refused.value.code, str(refused.value)) == (direct.value.code, str(direct.value))
    assert refused.value.code != UnsafeDocument.code  # the specific code, not the class default


def test_merging_reads_waiting_answers_in_workers(open_round_: OpenRound, pooled_only: None):
    store, round_id = open_round_.store, open_round_.round_id
    for n, agency in enumerate(store.round(round_id).agencies):
        data = open_round_.answer(agency.id, str(2035 + n))
        submit_answer(store, round_id, agency.id, data, filename="a.docx", actor="t")
    ingest_waiting(store, round_id, actor="t")
    for answer in store.latest_answers(round_id).values():
        base = store.circulated_bytes(round_id, answer.agency.id)
        expected = read_answer(store.answer_bytes(answer), base, answer.agency.name)
        assert store.items_for(answer) == expected and len(expected) == 1


def test_workers_started_from_a_fork_server_when_threads_run(
    monkeypatch: pytest.MonkeyPatch, pooled_only: None
) -> None:
    """The web app and Prefect run threads: workers then come from a fork server."""
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 3)
    assert parallel._context().get_start_method() == "forkserver"
    base = draft_docx()
    answers = [(f"Bộ {n}", answer_docx(base, f"Bộ {n}", str(2040 + n))) for n in range(3)]
    found = read_batch([ReadJob(a, data) for a, data in answers], base=base, workers=2)
    assert found == [read_answer(data, base, agency) for agency, data in answers]
