"""Coordinators' read pages over a real store, for a signed-in user."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document

from concord.storage.users import Role
from tests.flows.documents import EDITED
from tests.web.conftest import Consultation

ESCAPED_TITLE = "Nghị quyết về phát triển &lt;b&gt;xã hội&lt;/b&gt;"


def _second_version(consultation: Consultation) -> None:
    doc = Document(io.BytesIO(consultation.store.version_bytes(consultation.draft_id, 1)))
    paragraph = next(p for p in doc.paragraphs if p.text == EDITED)
    for run in paragraph.runs:
        run.text = run.text.replace("2030", "2045")
    out = io.BytesIO()
    doc.save(out)
    consultation.store.add_version(consultation.draft_id, out.getvalue(), actor="t", note="sửa")


def test_drafts_and_draft_pages_render_vietnamese_escaped(consultation: Consultation):
    client = consultation.signed_in("reader", Role.VIEWER)
    home = client.get("/", headers={"Accept-Language": "vi"})
    assert home.status_code == 200
    assert ESCAPED_TITLE in home.text
    assert "<b>xã hội" not in home.text
    assert home.headers["Referrer-Policy"] == "no-referrer"
    # A viewer reads; the forms that change something are not offered.
    assert 'action="/drafts"' not in home.text

    page = client.get(f"/drafts/{consultation.draft_id}")
    assert page.status_code == 200
    assert ESCAPED_TITLE in page.text
    assert f'href="/rounds/{consultation.round_id}"' in page.text
    assert ">open<" in page.text
    download = client.get(f"/drafts/{consultation.draft_id}/versions/1.docx")
    assert download.content == consultation.store.version_bytes(consultation.draft_id, 1)


def test_unknown_ids_are_not_found(consultation: Consultation):
    client = consultation.signed_in()
    for url in ("/drafts/no-such-draft", "/rounds/nope-r9", "/drafts/BAD..id/audit"):
        response = client.get(url)
        assert response.status_code == 404, url
    not_merged = client.get(f"/rounds/{consultation.round_id}/review")
    assert not_merged.status_code == 404
    assert not_merged.headers["X-Concord-Error"] == "not_merged"


def test_round_page_shows_deadline_agencies_and_the_stored_merge(consultation: Consultation):
    client = consultation.signed_in()
    page = client.get(f"/rounds/{consultation.round_id}")
    assert "Bộ Tài chính" in page.text and "Bộ Tư pháp" in page.text
    assert "0 of 2 agencies answered" in page.text
    assert "Not merged yet" in page.text

    store, rid = consultation.store, consultation.round_id
    store.put_merge(
        rid,
        answers=[],
        docx=b"merged bytes",
        report={"items": 0},
        html="<!DOCTYPE html><p>review of Bộ Tư pháp</p>",
        item_count=0,
        clash_count=0,
        actor="t",
    )
    page = client.get(f"/rounds/{rid}")
    assert f'href="/rounds/{rid}/merged.docx"' in page.text
    assert client.get(f"/rounds/{rid}/merged.docx").content == b"merged bytes"
    review = client.get(f"/rounds/{rid}/review")
    assert "review of Bộ Tư pháp" in review.text
    assert "default-src 'none'" in review.headers["Content-Security-Policy"]


def test_compare_page_and_redline_download(consultation: Consultation):
    client = consultation.signed_in()
    _second_version(consultation)
    url = f"/drafts/{consultation.draft_id}/compare"
    page = client.get(url, params={"old": 1, "new": 2})
    assert page.status_code == 200, page.text
    assert "version 1 → 2" in page.text
    assert "2045" in page.text and "2030" in page.text
    assert "compare.docx?old=1&amp;new=2" in page.text

    redline = client.get(url + ".docx", params={"old": 1, "new": 2})
    assert redline.status_code == 200
    document = zipfile.ZipFile(io.BytesIO(redline.content)).read("word/document.xml").decode()
    assert "<w:ins " in document and "<w:del " in document
    assert client.get(url, params={"old": 1, "new": 7}).status_code == 404


def test_audit_page_shows_entries_and_the_verdict(consultation: Consultation):
    client = consultation.signed_in()
    url = f"/drafts/{consultation.draft_id}/audit"
    page = client.get(url)
    assert page.status_code == 200
    for action in ("draft.registered", "round.opened", "copy.circulated", "token.issued"):
        assert action in page.text
    assert "intact" in page.text

    # Rewrite the registered version behind the store's back: the verdict names the entry.
    version = consultation.store.versions(consultation.draft_id)[0]
    path = Path(consultation.store.location(version.key))
    path.chmod(0o644)
    path.write_bytes(b"rewritten")
    page = client.get(url)
    assert "BROKEN" in page.text
    assert version.key in page.text
