from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from prefect.settings import PREFECT_API_URL, temporary_settings

from concord.storage.factory import forget_stores, open_concord_store
from concord.storage.records import ConcordStore
from concord.usecases.drafts import register_draft
from concord.usecases.rounds import circulate_copy, record_round
from tests.flows.documents import answer_docx, draft_docx

AGENCIES = ["Bộ Tài chính", "Bộ Tư pháp", "Bộ Y tế"]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ConcordStore]:
    """A fresh local store under tmp_path, and no Prefect server to send events to."""
    monkeypatch.setenv("CONCORD_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CONCORD_S3_BUCKET", raising=False)
    forget_stores()
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        yield open_concord_store()
    forget_stores()


@dataclass
class OpenRound:
    store: ConcordStore
    round_id: str

    def answer(self, agency_id: str, year: str) -> bytes:
        copy = self.store.circulated_bytes(self.round_id, agency_id)
        return answer_docx(copy, agency_id, year)


@pytest.fixture
def open_round_(store: ConcordStore) -> OpenRound:
    """A round of the test draft for three agencies, copies circulated (tasks called directly)."""
    draft, _ = register_draft(store, "Nghị quyết thử", draft_docx(), kind="resolution", actor="t")
    deadline = datetime.now(UTC) + timedelta(days=7)
    rnd = record_round(store, draft.id, AGENCIES, deadline, version=None, actor="t")
    for agency in rnd.agencies:
        circulate_copy(store, rnd.id, agency.id, actor="t")
    return OpenRound(store, rnd.id)
