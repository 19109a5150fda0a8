from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from prefect.settings import PREFECT_API_URL, temporary_settings

from concord.engine.identity import stamp
from concord.models import Agency, CirculationStamp, ConcordSettings
from concord.storage.factory import forget_stores, open_concord_store
from concord.storage.records import ConcordStore
from concord.web import create_app
from tests.flows.documents import answer_docx, draft_docx

# Markup in the title proves escaping; the diacritics prove Vietnamese renders as written.
TITLE = "Nghị quyết về phát triển <b>xã hội</b>"
AGENCIES = ("Bộ Tài chính", "Bộ Tư pháp")


@dataclass
class Consultation:
    client: TestClient
    store: ConcordStore
    draft_id: str
    round_id: str
    tokens: dict[str, str]  # agency id -> token

    def answer(self, agency_id: str, year: str) -> bytes:
        """The agency's circulated copy with 2030 replaced by `year` as a tracked change."""
        return answer_docx(self.store.circulated_bytes(self.round_id, agency_id), agency_id, year)

    def upload(self, token: str, data: bytes, filename: str = "gop-y.docx", **fields: str):
        return self.client.post(
            f"/rounds/{self.round_id}/answers",
            data={"token": token, **fields},
            files={"file": (filename, data, "application/octet-stream")},
        )


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """CONCORD_HOME under tmp_path with a local store, and no Prefect server to send events to."""
    home = tmp_path / "home"
    monkeypatch.setenv("CONCORD_HOME", str(home))
    monkeypatch.delenv("CONCORD_S3_BUCKET", raising=False)
    forget_stores()
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        yield home
    forget_stores()


def open_test_round(store: ConcordStore) -> str:
    """A registered draft and a round for two agencies with stamped copies; the round id."""
    draft, _ = store.create_draft(TITLE, draft_docx(), actor="t")
    agencies = [Agency.named(name) for name in AGENCIES]
    deadline = datetime.now(UTC) + timedelta(days=7)
    rnd = store.open_round(draft.id, version=1, agencies=agencies, deadline=deadline, actor="t")
    base = store.version_bytes(draft.id, 1)
    for agency in rnd.agencies:
        identity = CirculationStamp(
            draft_id=draft.id, version=1, round_id=rnd.id, agency_id=agency.id
        )
        store.put_circulated(rnd.id, agency.id, stamp(base, identity), actor="t")
    return rnd.id


@pytest.fixture
def consultation(home: Path) -> Consultation:
    """An open round (see open_test_round), each agency's token, and a client of the app."""
    store = open_concord_store()
    round_id = open_test_round(store)
    rnd = store.round(round_id)
    tokens = {a.id: store.issue_token(round_id, a.id, actor="t") for a in rnd.agencies}
    client = TestClient(create_app(ConcordSettings()))
    return Consultation(client, store, rnd.draft_id, round_id, tokens)
