"""The coordinators' desk from a signed-in browser session (forms, CSRF, redirects)."""

from __future__ import annotations

import io
import zipfile

from docx import Document

from concord.models import RoundState
from tests.flows.documents import draft_docx
from tests.web.conftest import Consultation, csrf_in

FINANCE, JUSTICE = "bo-tai-chinh", "bo-tu-phap"


def _items(store, round_id):
    from concord.usecases.desk import find_items

    return find_items(store, round_id)


def _post(client, path: str, page: str, data: dict | None = None, **kw):
    """Post a form the way the browser does: with the CSRF token of the page it came from."""
    token = csrf_in(client.get(page).text)
    return client.post(path, data={"csrf": token, **(data or {})}, follow_redirects=False, **kw)


def test_register_a_draft_by_upload_or_from_the_template(consultation: Consultation):
    clerk = consultation.signed_in()
    docx = draft_docx()
    uploaded = _post(
        clerk,
        "/drafts",
        "/",
        {"title": "Nghị quyết tải lên", "kind": "resolution"},
        files={"file": ("du-thao.docx", docx, "application/octet-stream")},
    )
    assert uploaded.status_code == 303
    draft_id = uploaded.headers["location"].rsplit("/", 1)[1]
    assert consultation.store.version_bytes(draft_id, 1) == docx
    assert consultation.store.draft(draft_id).created_by == "clerk"

    blank = _post(clerk, "/drafts", "/", {"title": "Chỉ thị từ mẫu", "kind": "directive"})
    assert blank.status_code == 303
    blank_id = blank.headers["location"].rsplit("/", 1)[1]
    assert consultation.store.draft(blank_id).kind == "directive"
    doc = Document(io.BytesIO(consultation.store.version_bytes(blank_id, 1)))
    assert doc.paragraphs  # the bundled directive template

    refused = _post(
        clerk,
        "/drafts",
        "/",
        {"title": "Hỏng", "kind": "resolution"},
        files={"file": ("x.docx", b"not a docx", "application/octet-stream")},
    )
    assert refused.status_code == 422
    assert len(consultation.store.drafts()) == 3


def test_open_a_round_issue_tokens_once_and_reissue_one(consultation: Consultation):
    clerk = consultation.signed_in()
    page = f"/drafts/{consultation.draft_id}"
    opened = _post(
        clerk,
        f"/drafts/{consultation.draft_id}/rounds",
        page,
        {"agencies": "Bộ Y tế\n\nBộ Công an\n", "deadline": "2031-01-15T17:00"},
    )
    assert opened.status_code == 303
    round_id = opened.headers["location"].rsplit("/", 1)[1]
    rnd = consultation.store.round(round_id)
    assert [a.name for a in rnd.agencies] == ["Bộ Y tế", "Bộ Công an"]
    assert rnd.opened_by == "clerk"

    round_page = f"/rounds/{round_id}"
    issued = _post(clerk, f"/rounds/{round_id}/tokens", round_page)
    assert issued.status_code == 200
    assert issued.headers["Cache-Control"] == "no-store"
    tokens = dict(
        zip(
            [a.id for a in rnd.agencies],
            [t for t in issued.text.split('class="token">')[1:]],
            strict=True,
        )
    )
    tokens = {a: raw.split("<", 1)[0] for a, raw in tokens.items()}
    for agency_id, token in tokens.items():
        assert consultation.store.token_agency(round_id, token).id == agency_id
    again = _post(clerk, f"/rounds/{round_id}/tokens", round_page)
    assert 'class="token"' not in again.text  # shown once only

    reissued = _post(clerk, f"/rounds/{round_id}/agencies/bo-y-te/token", round_page)
    assert reissued.status_code == 200
    new = reissued.text.split('class="token">', 1)[1].split("<", 1)[0]
    assert new != tokens["bo-y-te"]
    assert consultation.store.token_agency(round_id, new).id == "bo-y-te"
    assert consultation.store.token_agency(round_id, tokens["bo-y-te"]) is None
    assert consultation.store.token_agency(round_id, tokens["bo-cong-an"]).id == "bo-cong-an"
    actions = [(e.action, e.actor) for e in consultation.store.audit.entries(rnd.draft_id)]
    assert ("token.reissued", "clerk") in actions


def test_merge_decide_with_filters_publish_and_download_the_report(consultation: Consultation):
    store, rid = consultation.store, consultation.round_id
    for agency_id, year in ((FINANCE, "2035"), (JUSTICE, "2040")):
        data = consultation.answer(agency_id, year)
        assert consultation.upload(consultation.tokens[agency_id], data).status_code == 201
    clerk = consultation.signed_in()
    round_page = f"/rounds/{rid}"
    assert _post(clerk, f"/rounds/{rid}/merge", round_page).status_code == 303
    assert store.latest_merge(rid) is not None

    items_page = f"/rounds/{rid}/items"
    listed = clerk.get(items_page)
    ids = [chunk.split('"', 1)[0] for chunk in listed.text.split('data-item="')[1:]]
    assert len(ids) == 2
    only_finance = clerk.get(items_page, params={"agency": "Bộ Tài chính"})
    assert only_finance.text.count('data-item="') == 1
    assert "Bộ Tư pháp</td>" not in only_finance.text

    first = _post(
        clerk,
        f"/rounds/{rid}/decisions",
        items_page,
        {"item": [ids[0]], "outcome": "accepted", "explanation": "Hợp lý"},
    )
    assert first.status_code == 303
    undecided = clerk.get(items_page, params={"undecided": "true"})
    assert undecided.text.count('data-item="') == 1

    # Publishing now is refused with the list of what is undecided; nothing is published.
    refused = _post(clerk, f"/rounds/{rid}/publish", round_page)
    assert refused.status_code == 409
    assert ids[1] in refused.text and ids[0] not in refused.text
    assert store.round_status(rid).state is not RoundState.PUBLISHED

    second = _post(
        clerk,
        f"/rounds/{rid}/decisions",
        items_page,
        {"item": [ids[1]], "outcome": "not_accepted", "explanation": "Giữ mốc 2030"},
    )
    assert second.status_code == 303
    published = _post(clerk, f"/rounds/{rid}/publish", round_page)
    assert published.status_code == 303
    assert store.round_status(rid).state is RoundState.PUBLISHED

    report = clerk.get(f"/rounds/{rid}/report.docx")
    assert report.status_code == 200
    assert zipfile.ZipFile(io.BytesIO(report.content)).read("word/document.xml")

    entries = store.audit.entries(consultation.draft_id)
    by_action = {e.action: e.actor for e in entries}
    assert by_action["decisions.recorded"] == "clerk"
    assert by_action["version.published"] == "clerk"
    audit_page = clerk.get(f"/drafts/{consultation.draft_id}/audit")
    assert '<td class="actor">clerk</td>' in audit_page.text

    # The agency's own extract: its item and what was decided, nothing of the other agency.
    agency, _ = consultation.agency_client(consultation.tokens[JUSTICE])
    page = agency.get(f"/answer/{rid}")
    assert "takes no more answers" in page.text and 'id="upload"' not in page.text
    extract = agency.get(f"/answer/{rid}/outcome")
    assert extract.status_code == 200
    assert "Giữ mốc 2030" in extract.text and "Not accepted" in extract.text
    assert "Hợp lý" not in extract.text


def test_publishing_with_undecided_items_after_confirming(consultation: Consultation):
    store, rid = consultation.store, consultation.round_id
    data = consultation.answer(FINANCE, "2035")
    assert consultation.upload(consultation.tokens[FINANCE], data).status_code == 201
    clerk = consultation.signed_in()
    _post(clerk, f"/rounds/{rid}/merge", f"/rounds/{rid}")
    (item,) = [f.item.id for f in _items(store, rid)]
    _post(
        clerk,
        f"/rounds/{rid}/decisions",
        f"/rounds/{rid}/items",
        {"item": [item], "outcome": "noted"},
    )
    # A second answer arrives and is merged: its item has no decision yet.
    data = consultation.answer(JUSTICE, "2040")
    assert consultation.upload(consultation.tokens[JUSTICE], data).status_code == 201
    _post(clerk, f"/rounds/{rid}/merge", f"/rounds/{rid}")
    # An agency with the upload page open while the round gets published.
    agency, _ = consultation.agency_client(consultation.tokens[JUSTICE])
    agency_csrf = csrf_in(agency.get(f"/answer/{rid}").text)
    confirm = _post(clerk, f"/rounds/{rid}/publish", f"/rounds/{rid}")
    assert confirm.status_code == 409
    anyway = clerk.post(
        f"/rounds/{rid}/publish",
        data={"csrf": csrf_in(confirm.text), "allow_undecided": "true"},
        follow_redirects=False,
    )
    assert anyway.status_code == 303
    assert store.round_status(rid).state is RoundState.PUBLISHED
    # A published round takes no more answers.
    late = agency.post(
        f"/answer/{rid}/upload",
        data={"csrf": agency_csrf},
        files={"file": ("b.docx", consultation.answer(JUSTICE, "2041"), "application/x")},
    )
    assert late.status_code == 409
    assert late.headers["X-Concord-Error"] == "round_published"


def test_a_closed_round_takes_no_answer_anywhere(consultation: Consultation):
    from concord.errors import RoundError
    from concord.usecases.answers import submit_answer

    store, rid = consultation.store, consultation.round_id
    agency, _ = consultation.agency_client(consultation.tokens[JUSTICE])
    agency_csrf = csrf_in(agency.get(f"/answer/{rid}").text)
    clerk = consultation.signed_in()
    assert _post(clerk, f"/rounds/{rid}/close", f"/rounds/{rid}").status_code == 303
    assert 'id="closed"' in clerk.get(f"/rounds/{rid}").text
    assert 'id="close-round"' not in clerk.get(f"/rounds/{rid}").text

    page = agency.get(f"/answer/{rid}")
    assert 'id="no-more-answers"' in page.text and 'id="upload"' not in page.text
    data = consultation.answer(JUSTICE, "2040")
    refused = agency.post(
        f"/answer/{rid}/upload",
        data={"csrf": agency_csrf},
        files={"file": ("b.docx", data, "application/x")},
    )
    assert refused.status_code == 409
    assert refused.headers["X-Concord-Error"] == "round_closed"
    # The use case refuses the same for the CLI.
    try:
        submit_answer(store, rid, JUSTICE, data, filename="b.docx", actor="cli")
    except RoundError as err:
        assert err.code == "round_closed"
    else:
        raise AssertionError("a closed round took an answer")
    assert store.answers(rid) == []
    actions = [(e.action, e.actor) for e in store.audit.entries(consultation.draft_id)]
    assert ("round.closed", "clerk") in actions


def test_one_agency_gets_a_later_deadline(consultation: Consultation):
    store, rid = consultation.store, consultation.round_id
    clerk = consultation.signed_in()
    later = (store.round(rid).deadline.replace(microsecond=0)).isoformat()
    too_early = _post(
        clerk, f"/rounds/{rid}/agencies/{FINANCE}/deadline", f"/rounds/{rid}", {"until": later}
    )
    assert too_early.status_code == 422
    extended = _post(
        clerk,
        f"/rounds/{rid}/agencies/{FINANCE}/deadline",
        f"/rounds/{rid}",
        {"until": "2099-01-01T17:00"},
    )
    assert extended.status_code == 303
    assert store.deadline_for(rid, FINANCE).year == 2099
    assert store.deadline_for(rid, JUSTICE) == store.round(rid).deadline
    assert "2099-01-01 17:00" in clerk.get(f"/rounds/{rid}").text
    agency, _ = consultation.agency_client(consultation.tokens[FINANCE])
    assert "2099-01-01 17:00" in agency.get(f"/answer/{rid}").text
