"""A refusal raised deep in a use case or the store reaches the person in the page's language:
Vietnamese unless the page (or the API client) asks for English."""

from __future__ import annotations

from concord.storage.users import Role
from tests.web.conftest import PASSWORD, Consultation, csrf_in

FINANCE, JUSTICE = "bo-tai-chinh", "bo-tu-phap"


def test_an_unknown_round_or_draft_is_named_in_the_pages_language(consultation: Consultation):
    clerk = consultation.signed_in()
    clerk.cookies.set("lang", "vi")
    page = clerk.get("/rounds/khong-co-r9")
    assert page.status_code == 404 and '<html lang="vi">' in page.text
    # The store's location is never shown; the page names it in its own language.
    assert "không có đợt lấy ý kiến &#39;khong-co-r9&#39; trong kho lưu trữ" in page.text
    draft = clerk.get("/drafts/khong-co")
    assert "không có dự thảo &#39;khong-co&#39; trong kho lưu trữ" in draft.text
    english = clerk.get("/rounds/khong-co-r9", params={"lang": "en"})
    assert "no round &#39;khong-co-r9&#39; in the store" in english.text


def test_a_closed_round_refuses_the_agencys_upload_in_vietnamese(consultation: Consultation):
    rid = consultation.round_id
    agency, _ = consultation.agency_client(consultation.tokens[JUSTICE])
    agency.cookies.set("lang", "vi")
    csrf = csrf_in(agency.get(f"/answer/{rid}").text)
    consultation.store.close_round(rid, actor="t")
    refused = agency.post(
        f"/answer/{rid}/upload",
        data={"csrf": csrf},
        files={"file": ("b.docx", consultation.answer(JUSTICE, "2040"), "application/x")},
    )
    assert refused.status_code == 409 and refused.headers["X-Concord-Error"] == "round_closed"
    assert f"đợt {rid} đã được Ban soạn thảo đóng, không nhận thêm ý kiến" in refused.text
    assert "closed by the drafting team" not in refused.text


def test_the_api_refuses_publishing_undecided_items_in_vietnamese(consultation: Consultation):
    rid = consultation.round_id
    assert (
        consultation.upload(
            consultation.tokens[FINANCE], consultation.answer(FINANCE, "2035")
        ).status_code
        == 201
    )
    consultation.users.add_user("dms", Role.COORDINATOR, PASSWORD)
    auth = {"Authorization": f"Bearer {consultation.users.new_api_token('dms')}"}
    assert consultation.client.post(f"/api/v1/rounds/{rid}/merge", headers=auth).is_success
    # A document system that sends no Accept-Language gets the default language.
    early = consultation.client.post(f"/api/v1/rounds/{rid}/publish", headers=auth)
    assert early.status_code == 409
    body = early.json()
    assert body["error"] == "undecided_items" and len(body["item_ids"]) == 1
    assert body["message"].startswith(
        f"1 mục của đợt {rid} chưa có quyết định: {body['item_ids'][0]}."
    )
    english = consultation.client.post(
        f"/api/v1/rounds/{rid}/publish", headers={**auth, "Accept-Language": "en"}
    )
    assert english.json()["message"].startswith(f"1 item(s) of round {rid} are undecided")


def test_a_refused_typed_item_speaks_the_coordinators_language(consultation: Consultation):
    rid = consultation.round_id
    coordinator = consultation.signed_in()
    coordinator.cookies.set("lang", "vi")
    form = {"agency": FINANCE, "general": "1", "comment": "Đề nghị bổ sung."}
    csrf = csrf_in(coordinator.get(f"/rounds/{rid}").text)
    refused = coordinator.post(f"/rounds/{rid}/items", data={"csrf": csrf, **form})
    assert refused.status_code == 422 and '<html lang="vi">' in refused.text
    assert f"Bộ Tài chính chưa có văn bản trả lời trong đợt {rid}" in refused.text
    english = coordinator.post(
        f"/rounds/{rid}/items", params={"lang": "en"}, data={"csrf": csrf, **form}
    )
    assert f"Bộ Tài chính has no answer in round {rid}" in english.text
    assert consultation.store.typed_items(rid, FINANCE) == []
