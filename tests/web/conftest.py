"""A consultation served by the web app: an open round, its tokens, signed-in clients."""

from __future__ import annotations

import re
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
from concord.storage.users import Role, UserStore
from concord.usecases.users import open_user_store
from concord.web import create_app
from tests.flows.documents import answer_docx, draft_docx

# Markup in the title proves escaping; the diacritics prove Vietnamese renders as written.
TITLE = "Nghị quyết về phát triển <b>xã hội</b>"
AGENCIES = ("Bộ Tài chính", "Bộ Tư pháp")
PASSWORD = "mật-khẩu-đủ-dài"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_in(html: str) -> str:
    """The CSRF token a page's forms carry."""
    found = _CSRF.search(html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


@dataclass
class Consultation:
    app: object
    client: TestClient  # nobody signed in
    store: ConcordStore
    users: UserStore
    draft_id: str
    round_id: str
    tokens: dict[str, str]  # agency id -> token

    def answer(self, agency_id: str, year: str) -> bytes:
        """The agency's circulated copy with 2030 replaced by `year` as a tracked change."""
        return answer_docx(self.store.circulated_bytes(self.round_id, agency_id), agency_id, year)

    def new_client(self, lang: str = "en") -> TestClient:
        client = TestClient(self.app)
        client.cookies.set("lang", lang)
        return client

    def signed_in(self, name: str = "clerk", role: Role = Role.COORDINATOR) -> TestClient:
        """A client signed in as `name` (created with `role` when new), English pages."""
        if self.users.user(name) is None:
            self.users.add_user(name, role, PASSWORD)
        client = self.new_client()
        form = {"username": name, "password": PASSWORD}
        response = client.post("/login", data=form, follow_redirects=False)
        assert response.status_code == 303, response.text
        return client

    def agency_client(self, token: str) -> tuple[TestClient, object]:
        """(a client that exchanged `token` for an agency session, the exchange's response)."""
        client = self.new_client()
        exchanged = client.post(
            "/answer", data={"round_id": self.round_id, "token": token}, follow_redirects=False
        )
        return client, exchanged

    def upload(self, token: str, data: bytes, filename: str = "gop-y.docx", **fields: str):
        """Exchange `token`, then upload `data` with the session's CSRF token."""
        client, exchanged = self.agency_client(token)
        if exchanged.status_code != 303:
            return exchanged
        page = client.get(f"/answer/{self.round_id}")
        return client.post(
            f"/answer/{self.round_id}/upload",
            data={"csrf": csrf_in(page.text), **fields},
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
    app = create_app(ConcordSettings())
    users = open_user_store()
    return Consultation(app, TestClient(app), store, users, rnd.draft_id, round_id, tokens)
