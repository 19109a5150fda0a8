"""Agencies answer with their token: the token decides the agency, refusals store nothing."""

from __future__ import annotations

import os
import threading

import pytest
from fastapi.testclient import TestClient

from concord.engine.safety.limits import MB
from concord.models import ConcordSettings
from concord.web import create_app
from concord.web.middleware import MAX_BODY
from tests.web.conftest import Consultation

FINANCE, JUSTICE = "bo-tai-chinh", "bo-tu-phap"


def test_upload_with_token_stores_the_answer_and_the_round_shows_it(consultation: Consultation):
    data = consultation.answer(FINANCE, "2035")
    response = consultation.upload(consultation.tokens[FINANCE], data)
    assert response.status_code == 201, response.text
    assert "Bộ Tài chính" in response.text
    latest = consultation.store.latest_answers(consultation.round_id)
    assert set(latest) == {FINANCE}
    assert consultation.store.answer_bytes(latest[FINANCE]) == data
    assert latest[FINANCE].filename == "gop-y.docx"
    assert latest[FINANCE].sha256 in response.text

    page = consultation.client.get(f"/rounds/{consultation.round_id}")
    row = next(line for line in page.text.splitlines() if "Bộ Tài chính" in line)
    following = page.text.split(row, 1)[1].split("</tr>", 1)[0]
    assert ">answered<" in following
    assert "1 of 2 agencies answered" in page.text

    # The same file again is a new upload, and the newest upload is the answer used.
    again = consultation.upload(consultation.tokens[FINANCE], data)
    assert again.status_code == 201
    answers = consultation.store.answers(consultation.round_id)
    assert len(answers) == 2
    latest = consultation.store.latest_answers(consultation.round_id)[FINANCE]
    assert latest.key == answers[-1].key


def test_the_agency_comes_from_the_token_not_from_the_form(consultation: Consultation):
    data = consultation.answer(JUSTICE, "2040")
    response = consultation.upload(consultation.tokens[JUSTICE], data, agency=FINANCE)
    assert response.status_code == 201
    assert set(consultation.store.latest_answers(consultation.round_id)) == {JUSTICE}


def test_a_wrong_token_is_refused_and_nothing_is_stored(consultation: Consultation):
    data = consultation.answer(FINANCE, "2035")
    for token in ("", "not-a-token", consultation.tokens[FINANCE] + "x"):
        response = consultation.upload(token, data)
        assert response.status_code == 403
        assert response.headers["X-Concord-Error"] == "wrong_token"
    assert consultation.store.answers(consultation.round_id) == []


def test_a_hostile_file_is_refused_with_its_code_and_nothing_is_stored(
    consultation: Consultation,
):
    response = consultation.upload(consultation.tokens[FINANCE], os.urandom(4096), "x.docx")
    assert response.status_code == 422
    code = response.headers["X-Concord-Error"]
    assert code and code in response.text
    assert code != "wrong_token"
    assert consultation.store.answers(consultation.round_id) == []


def test_a_docx_answering_something_else_is_refused(consultation: Consultation):
    from tests.support.hostile import valid_docx

    response = consultation.upload(consultation.tokens[FINANCE], valid_docx())
    assert response.status_code == 422
    assert response.headers["X-Concord-Error"] == "wrong_document"
    assert "does not look like an answer" in response.text
    assert consultation.store.answers(consultation.round_id) == []


def test_two_uploads_at_once_both_land(consultation: Consultation):
    bodies = {
        FINANCE: consultation.answer(FINANCE, "2035"),
        JUSTICE: consultation.answer(JUSTICE, "2040"),
    }
    statuses: dict[str, int] = {}
    start = threading.Barrier(len(bodies))

    def send(agency_id: str) -> None:
        start.wait()
        statuses[agency_id] = consultation.upload(
            consultation.tokens[agency_id], bodies[agency_id]
        ).status_code

    threads = [threading.Thread(target=send, args=(a,)) for a in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == {FINANCE: 201, JUSTICE: 201}
    latest = consultation.store.latest_answers(consultation.round_id)
    assert {a: consultation.store.answer_bytes(latest[a]) for a in latest} == bodies
    assert consultation.store.audit.verify(consultation.draft_id).ok


def test_a_declared_oversized_body_is_refused_unread(consultation: Consultation):
    response = consultation.client.post(
        f"/rounds/{consultation.round_id}/answers",
        content=b"x" * 10,
        headers={"Content-Length": str(MAX_BODY + 1), "Content-Type": "multipart/form-data"},
    )
    assert response.status_code == 413
    assert consultation.store.answers(consultation.round_id) == []


def test_a_body_streaming_past_the_limit_is_stopped(consultation: Consultation):
    """Chunked, so no Content-Length to judge by: the read stops once the limit is passed."""
    sent = 0

    def chunks():
        nonlocal sent
        # A well-formed multipart start, then a file part that goes on past the limit.
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.docx"\r\n\r\n'
        while sent <= MAX_BODY + MB:
            sent += MB
            yield b"y" * MB

    response = consultation.client.post(
        f"/rounds/{consultation.round_id}/answers",
        content=chunks(),
        headers={"Content-Type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code == 413, response.text
    assert response.headers["X-Concord-Error"] == "too_large"
    assert "50 MB" in response.text
    assert consultation.store.answers(consultation.round_id) == []


def test_the_copy_is_downloaded_with_the_token_only(consultation: Consultation):
    url = f"/rounds/{consultation.round_id}/copy"
    response = consultation.client.get(url, params={"token": consultation.tokens[JUSTICE]})
    assert response.status_code == 200
    assert response.content == consultation.store.circulated_bytes(consultation.round_id, JUSTICE)
    assert "bo-tu-phap.docx" in response.headers["Content-Disposition"]
    assert consultation.client.get(url, params={"token": "nope"}).status_code == 403


def test_the_answer_page_names_the_tokens_agency(consultation: Consultation):
    assert consultation.client.get("/answer").status_code == 200
    form = {"round_id": consultation.round_id, "token": consultation.tokens[JUSTICE]}
    response = consultation.client.post("/answer", data=form)
    assert response.status_code == 200
    assert "Bộ Tư pháp" in response.text
    assert "Bộ Tài chính" not in response.text
    assert f'action="/rounds/{consultation.round_id}/answers"' in response.text
    assert "&lt;b&gt;xã hội&lt;/b&gt;" in response.text
    wrong = consultation.client.post("/answer", data={**form, "token": "nope"})
    assert wrong.status_code == 403


def test_the_upload_limit_is_a_setting(consultation: Consultation, monkeypatch: pytest.MonkeyPatch):
    """CONCORD_MAX_UPLOAD_MB lowers the web ceiling: an honest answer over it is refused with
    the limit named, and nothing is stored."""
    data = consultation.answer(FINANCE, "2035")
    monkeypatch.setenv("CONCORD_MAX_UPLOAD_MB", str(len(data) / MB / 2))
    consultation.client = TestClient(create_app(ConcordSettings()))
    response = consultation.upload(consultation.tokens[FINANCE], data)
    assert response.status_code in (413, 422), response.text
    assert response.headers["X-Concord-Error"] == "too_large"
    assert consultation.store.answers(consultation.round_id) == []
    monkeypatch.delenv("CONCORD_MAX_UPLOAD_MB")
    consultation.client = TestClient(create_app(ConcordSettings()))
    assert consultation.upload(consultation.tokens[FINANCE], data).status_code == 201
