"""History across rounds and the issues in dispute, on the desk and through the API."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from fastapi.testclient import TestClient

from concord.models import ConcordSettings
from concord.storage.factory import open_concord_store
from concord.storage.users import Role
from concord.usecases.users import open_user_store
from concord.web import create_app
from tests.support.three_rounds import FIN, JUS, ThreeRounds, three_rounds
from tests.web.conftest import PASSWORD


@pytest.fixture
def served(home: Path) -> tuple[ThreeRounds, TestClient, dict[str, str]]:
    """The three-round draft, a coordinator signed in (Vietnamese pages), an API token."""
    story = three_rounds(open_concord_store())
    users = open_user_store()
    users.add_user("clerk", Role.COORDINATOR, PASSWORD)
    users.add_user("dms", Role.VIEWER, PASSWORD)
    client = TestClient(create_app(ConcordSettings()))
    client.cookies.set("lang", "vi")
    signed = client.post("/login", data={"username": "clerk", "password": PASSWORD})
    assert signed.status_code == 200, signed.text
    return story, client, {"Authorization": f"Bearer {users.new_api_token('dms')}"}


def _row(html: str, item_id: str) -> str:
    start = html.index(f'data-item="{item_id}"')
    return html[start : html.index("</tr>", start)]


def test_the_review_page_shows_each_items_history(served) -> None:
    story, client, _ = served
    page = client.get(f"/rounds/{story.rounds[2]}/items")
    assert page.status_code == 200
    justice = _row(page.text, story.item(3, JUS))
    assert "nêu lại" in justice and "Các vòng trước (2)" in justice
    assert "Vòng 1, Bộ Tư pháp: Sửa: “2030” → “2040”. Không tiếp thu: Giữ mốc 2030" in justice
    finance = _row(page.text, story.item(3, FIN))
    assert "nêu lại" not in finance and "Vòng 2, Bộ Tài chính" in finance
    english = client.get(f"/rounds/{story.rounds[2]}/items?lang=en").text
    assert "Round 1, Bộ Tư pháp: Replace: “2030” → “2040”. Not accepted:" in english


def test_the_disputes_page_and_its_report(served) -> None:
    story, client, _ = served
    draft = client.get(f"/drafts/{story.draft_id}")
    assert f'href="/drafts/{story.draft_id}/disputes"' in draft.text
    page = client.get(f"/drafts/{story.draft_id}/disputes")
    assert page.status_code == 200
    assert {story.item(3, JUS), story.item(3, FIN)} == {
        line.split('"')[1] for line in page.text.splitlines() if "data-item=" in line
    }
    docx = client.get(f"/drafts/{story.draft_id}/disputes.docx")
    assert docx.status_code == 200 and docx.headers["content-type"].startswith(
        "application/vnd.openxmlformats"
    )
    texts = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert "NHỮNG VẤN ĐỀ CÒN Ý KIẾN KHÁC NHAU" in texts


def test_the_api_gives_history_and_disputes(served) -> None:
    story, client, auth = served
    items = client.get(f"/api/v1/rounds/{story.rounds[2]}/items", headers=auth).json()
    justice = next(i for i in items if i["agency"] == JUS)
    assert justice["repeated"] is True
    assert [(h["round_id"], h["item_id"], h["decision"]) for h in justice["history"]] == [
        (story.rounds[0], story.item(1, JUS), "not_accepted"),
        (story.rounds[1], story.item(2, JUS), "not_accepted"),
    ]
    disputes = client.get(f"/api/v1/drafts/{story.draft_id}/disputes", headers=auth).json()
    assert sorted(i["id"] for i in disputes["items"]) == sorted(
        [story.item(3, JUS), story.item(3, FIN)]
    )
    assert client.get(f"/api/v1/drafts/{story.draft_id}/disputes").status_code == 401
