"""Reply letters on the web: an agency sends its letter alone through its session; coordinators
see it on the round page and download it (never displayed)."""

from __future__ import annotations

from concord.storage import keys
from tests.support.pdfs import javascript_letter, plain_letter
from tests.web.conftest import Consultation, csrf_in

JUSTICE = "bo-tu-phap"
LETTER = "số 88/BTP-VĐCXDPL ngày 12/12/2026"


def _send_letter(consultation: Consultation, pdf: bytes):
    client, exchanged = consultation.agency_client(consultation.tokens[JUSTICE])
    assert exchanged.status_code == 303
    page = client.get(f"/answer/{consultation.round_id}")
    return client.post(
        f"/answer/{consultation.round_id}/upload",
        data={"csrf": csrf_in(page.text), "letter": LETTER, "stance": "agrees"},
        files={"letter_file": ("cong-van.pdf", pdf, "application/pdf")},
    )


def test_a_letter_alone_is_an_answer_listed_and_offered_for_download(consultation: Consultation):
    response = _send_letter(consultation, plain_letter())
    assert response.status_code == 201, response.text
    answer = consultation.store.latest_answers(consultation.round_id)[JUSTICE]
    assert answer.letter_only and answer.letter == LETTER

    coordinator = consultation.signed_in()
    page = coordinator.get(f"/rounds/{consultation.round_id}")
    link = f"/rounds/{consultation.round_id}/letters/{JUSTICE}"
    assert f'href="{link}">{LETTER}</a>' in page.text
    download = coordinator.get(link)
    assert download.status_code == 200 and download.content == plain_letter()
    assert download.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in download.headers["content-security-policy"]
    assert consultation.new_client().get(link, follow_redirects=False).status_code in (303, 401)


def test_a_letter_with_javascript_is_refused_and_nothing_is_stored(consultation: Consultation):
    response = _send_letter(consultation, javascript_letter())
    assert response.status_code == 422
    assert response.headers["x-concord-error"] == "pdf_active_content"
    assert consultation.store.store.list(keys.answers_prefix(consultation.round_id)) == []


def test_a_coordinator_types_in_an_item_from_the_letter(consultation: Consultation):
    assert _send_letter(consultation, plain_letter()).status_code == 201
    coordinator = consultation.signed_in()
    page = coordinator.get(f"/rounds/{consultation.round_id}")
    typed = coordinator.post(
        f"/rounds/{consultation.round_id}/items",
        data={
            "csrf": csrf_in(page.text),
            "agency": JUSTICE,
            "general": "1",
            "comment": "Thống nhất với dự thảo.",
        },
        follow_redirects=False,
    )
    assert typed.status_code == 303, typed.text
    items = consultation.store.typed_items(consultation.round_id, JUSTICE)
    assert [(i.comment, i.entered_by) for i in items] == [("Thống nhất với dự thảo.", "clerk")]
    # Without the form's CSRF token, nothing is recorded.
    refused = coordinator.post(
        f"/rounds/{consultation.round_id}/items",
        data={"agency": JUSTICE, "general": "1", "comment": "x"},
        follow_redirects=False,
    )
    assert refused.status_code == 403
    assert len(consultation.store.typed_items(consultation.round_id, JUSTICE)) == 1
