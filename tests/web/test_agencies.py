"""Agencies answer with their token (exchanged for a session): the token decides the agency,
refusals store nothing, the receipt shows what was read."""

from __future__ import annotations

import os
import threading

from concord.engine.safety.limits import MB
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

    # The receipt lists what was read: the tracked change of 2030 into 2035.
    assert "<del>2030</del>" in response.text and "<ins>2035</ins>" in response.text

    page = consultation.signed_in().get(f"/rounds/{consultation.round_id}")
    row = page.text.split("Bộ Tài chính", 1)[1].split("</tr>", 1)[0]
    assert ">answered<" in row and "on time" in row
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
        assert response.headers["X-Concord-Error"] == "sign_in_failed"
    assert consultation.store.answers(consultation.round_id) == []


def test_a_hostile_file_is_refused_with_its_code_and_nothing_is_stored(
    consultation: Consultation,
):
    response = consultation.upload(consultation.tokens[FINANCE], os.urandom(4096), "x.docx")
    assert response.status_code == 422
    code = response.headers["X-Concord-Error"]
    assert code and code in response.text
    assert code != "sign_in_failed"
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
        f"/answer/{consultation.round_id}/upload",
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

    client, _ = consultation.agency_client(consultation.tokens[FINANCE])
    response = client.post(
        f"/answer/{consultation.round_id}/upload",
        content=chunks(),
        headers={"Content-Type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code == 413, response.text
    assert response.headers["X-Concord-Error"] == "too_large"
    assert "50 MB" in response.text
    assert consultation.store.answers(consultation.round_id) == []


def test_the_copy_is_downloaded_with_the_agency_session_only(consultation: Consultation):
    url = f"/answer/{consultation.round_id}/copy.docx"
    client, _ = consultation.agency_client(consultation.tokens[JUSTICE])
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == consultation.store.circulated_bytes(consultation.round_id, JUSTICE)
    assert "bo-tu-phap.docx" in response.headers["Content-Disposition"]
    assert consultation.client.get(url).status_code == 401


def test_a_token_in_an_address_is_refused_and_never_linked(consultation: Consultation):
    token = consultation.tokens[JUSTICE]
    for url in (f"/answer/{consultation.round_id}/copy.docx", "/answer", "/"):
        response = consultation.client.get(url, params={"token": token})
        assert response.status_code == 400, url
        assert response.headers["X-Concord-Error"] == "token_in_url"
    client, _ = consultation.agency_client(token)
    page = client.get(f"/answer/{consultation.round_id}")
    assert token not in page.text
    assert "token=" not in page.text


def test_the_answer_page_names_the_tokens_agency(consultation: Consultation):
    assert consultation.client.get("/answer").status_code == 200
    client, exchanged = consultation.agency_client(consultation.tokens[JUSTICE])
    assert exchanged.status_code == 303
    assert exchanged.headers["location"] == f"/answer/{consultation.round_id}"
    cookie = exchanged.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    response = client.get(f"/answer/{consultation.round_id}")
    assert response.status_code == 200
    assert "Bộ Tư pháp" in response.text
    assert "Bộ Tài chính" not in response.text
    assert f'action="/answer/{consultation.round_id}/upload"' in response.text
    assert "&lt;b&gt;xã hội&lt;/b&gt;" in response.text
    _, wrong = consultation.agency_client("nope")
    assert wrong.status_code == 403


def test_an_upload_without_the_csrf_token_is_refused(consultation: Consultation):
    client, _ = consultation.agency_client(consultation.tokens[FINANCE])
    response = client.post(
        f"/answer/{consultation.round_id}/upload",
        files={
            "file": ("a.docx", consultation.answer(FINANCE, "2035"), "application/octet-stream")
        },
    )
    assert response.status_code == 403
    assert response.headers["X-Concord-Error"] == "csrf"
    assert consultation.store.answers(consultation.round_id) == []


def test_repeated_wrong_tokens_are_locked_out(consultation: Consultation):
    """Past the limit even the right token is refused for a while: guessing does not pay."""
    codes = [consultation.agency_client(f"guess-{n}")[1].status_code for n in range(8)]
    assert codes[:5] == [403] * 5
    assert codes[5:] == [429] * 3
    _, right = consultation.agency_client(consultation.tokens[FINANCE])
    assert right.status_code == 429
    assert int(right.headers["Retry-After"]) > 0
