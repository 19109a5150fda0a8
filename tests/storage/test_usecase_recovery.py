"""The commands' own retries, over real documents: a failure between a record and its audit entry
in ingest, merge and publish, then the same use case run again, completes the entry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from concord.models import Decision, Outcome
from concord.storage import keys
from concord.storage.errors import StorageUnavailable
from concord.storage.local import LocalStore
from concord.storage.records import ConcordStore
from concord.usecases.answers import ingest_answer, submit_answer
from concord.usecases.decisions import merged_items, record_decisions
from concord.usecases.drafts import register_draft
from concord.usecases.merging import merge_round
from concord.usecases.publishing import publish_round
from concord.usecases.rounds import circulate_copy, record_round
from tests.flows.documents import answer_docx, draft_docx
from tests.storage.test_faults import CrashingStore

AGENCIES = ["Bộ Tài chính", "Bộ Tư pháp"]


@pytest.fixture
def crashing(tmp_path: Path) -> CrashingStore:
    return CrashingStore(LocalStore(tmp_path / "store"))


def _next_entry(key: str) -> bool:
    """The next audit entry write: the one right after the record of the step that runs."""
    return key.startswith("audit/")


def _actions(store: ConcordStore, draft: str) -> list[str]:
    return [e.action for e in store.audit.entries(draft)]


def _intact(store: ConcordStore) -> None:
    report = ConcordStore(store.store).audit.verify()
    assert report.ok, report.problems
    assert not report.leftovers, report.leftovers


def test_ingest_merge_publish_each_recover_their_entry(crashing: CrashingStore) -> None:
    store = ConcordStore(crashing)
    draft, _ = register_draft(store, "Nghị quyết thử", draft_docx(), kind="resolution", actor="t")
    deadline = datetime.now(UTC) + timedelta(days=7)
    rnd = record_round(store, draft.id, AGENCIES, deadline, version=None, actor="t")
    for index, agency in enumerate(rnd.agencies):
        circulate_copy(store, rnd.id, agency.id, actor="t")
        data = answer_docx(store.circulated_bytes(rnd.id, agency.id), agency.id, "2031")
        if index == 0:
            # Stored as a crash after the upload would leave it: not read yet.
            store.put_answer(rnd.id, agency.id, data, filename="a.docx", actor=agency.id)
            continue
        submit_answer(store, rnd.id, agency.id, data, filename="a.docx", actor=agency.id)
    first = store.latest_answers(rnd.id)[rnd.agencies[0].id]

    # answer ingested: the items record lands, its entry does not.
    crashing.fail_when = _next_entry
    with pytest.raises(StorageUnavailable):
        ingest_answer(store, rnd.id, first.key, actor="flow")
    _, _, new = ingest_answer(ConcordStore(crashing), rnd.id, first.key, actor="flow")
    assert not new
    # One entry for this answer's items, one for the other agency's (read at its upload).
    assert _actions(store, draft.id).count("answer.ingested") == 2

    # round merged (the other agency is ingested on the way).
    crashing.fail_when = lambda key: key.startswith("audit/") and _merged(crashing, rnd.id)
    with pytest.raises(StorageUnavailable):
        merge_round(ConcordStore(crashing), rnd.id, actor="flow")
    record, new = merge_round(ConcordStore(crashing), rnd.id, actor="flow")
    assert not new and record.seq == 1
    assert _actions(store, draft.id).count("round.merged") == 1
    _intact(store)

    item = merged_items(store, rnd.id).items[0]
    record_decisions(
        store, rnd.id, [Decision(item_id=item.id, outcome=Outcome.ACCEPTED)], actor="lead"
    )

    # version published: the version record lands, its entry does not; then the same for the
    # report. Each re-run completes what is missing and writes nothing twice.
    crashing.fail_when = _next_entry
    with pytest.raises(StorageUnavailable):
        publish_round(ConcordStore(crashing), rnd.id, actor="lead", allow_undecided=True)
    assert store.latest_report_key(rnd.id) is None
    crashing.fail_when = lambda key: (
        key.startswith("audit/") and bool(crashing.inner.list(keys.reports_prefix(rnd.id)))
    )
    with pytest.raises(StorageUnavailable):
        publish_round(ConcordStore(crashing), rnd.id, actor="lead", allow_undecided=True)
    publication = publish_round(ConcordStore(crashing), rnd.id, actor="lead", allow_undecided=True)
    assert publication.version.number == 2
    assert publication.report_key == keys.report_docx(rnd.id, 1)
    again = publish_round(ConcordStore(crashing), rnd.id, actor="lead", allow_undecided=True)
    assert again == publication
    actions = _actions(store, draft.id)
    assert actions.count("version.published") == 1 and actions.count("report.written") == 1
    assert crashing.inner.list(keys.reports_prefix(rnd.id)) == [publication.report_key]
    assert [v.number for v in store.versions(draft.id)] == [1, 2]
    _intact(store)


def _merged(crashing: CrashingStore, round_id: str) -> bool:
    return any(k.endswith("/merge.json") for k in crashing.inner.list(keys.merges_prefix(round_id)))
