"""The appraisal dossier from the desk's button and from /api/v1 (PDFs made by a stand-in)."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest

import concord.usecases.dossier as dossier_module
from concord.models import Decision, Outcome
from concord.storage.users import Role
from concord.usecases.decisions import merged_items, record_decisions
from concord.usecases.dossier_check import verify_dossier
from concord.usecases.merging import merge_round
from concord.usecases.publishing import publish_round
from tests.flows.test_dossier import fake_pdfs
from tests.web.conftest import PASSWORD, Consultation, csrf_in

BUTTON_VI = "Tải hồ sơ thẩm định (.zip)"
BUTTON_EN = "Download the appraisal dossier (.zip)"


@pytest.fixture
def no_libreoffice_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dossier_module, "soffice", lambda: "soffice")
    monkeypatch.setattr(dossier_module, "docx_to_pdf_many", fake_pdfs)


def _publish(c: Consultation) -> None:
    for agency_id, year in (("bo-tai-chinh", "2035"), ("bo-tu-phap", "2040")):
        assert c.upload(c.tokens[agency_id], c.answer(agency_id, year)).status_code == 201
    merge_round(c.store, c.round_id, actor="t")
    items = merged_items(c.store, c.round_id).items
    decided = [Decision(item_id=i.id, outcome=Outcome.NOTED) for i in items]
    record_decisions(c.store, c.round_id, decided, actor="t")
    publish_round(c.store, c.round_id, actor="t")


def test_the_desk_button_downloads_the_dossier_once_a_round_is_published(
    consultation: Consultation, no_libreoffice_needed: None
) -> None:
    c = consultation
    page = f"/drafts/{c.draft_id}"
    clerk = c.signed_in()
    assert BUTTON_EN not in clerk.get(page).text
    early = clerk.post(f"{page}/dossier.zip", data={"csrf": csrf_in(clerk.get(page).text)})
    assert early.status_code == 422 and early.headers["X-Concord-Error"] == "not_published"
    assert "Publish a round first" in early.text

    _publish(c)
    shown = clerk.get(page).text
    assert BUTTON_EN in shown and 'action="/drafts/' + c.draft_id + '/dossier.zip"' in shown
    vietnamese = c.signed_in("lan")
    vietnamese.cookies.set("lang", "vi")
    assert BUTTON_VI in vietnamese.get(page).text
    viewer = c.signed_in("reader", Role.VIEWER)
    assert BUTTON_EN not in viewer.get(page).text

    got = clerk.post(f"{page}/dossier.zip", data={"csrf": csrf_in(shown)})
    assert got.status_code == 200, got.text
    assert got.headers["content-type"] == "application/zip"
    filename = f"ho-so-tham-dinh-{c.draft_id}-lan-2.zip"
    assert got.headers["content-disposition"] == f'attachment; filename="{filename}"'
    assert "01-du-thao/du-thao-lan-2.docx" in zipfile.ZipFile(BytesIO(got.content)).namelist()
    assert verify_dossier(c.store, got.content).ok
    entry = c.store.audit.entries(c.draft_id)[-1]
    assert (entry.action, entry.actor) == ("dossier.assembled", "clerk")


def test_the_api_assembles_the_dossier_for_a_coordinators_token(
    consultation: Consultation, no_libreoffice_needed: None
) -> None:
    c = consultation
    c.users.add_user("dms", Role.COORDINATOR, PASSWORD)
    auth = {"Authorization": f"Bearer {c.users.new_api_token('dms')}"}
    path = f"/api/v1/drafts/{c.draft_id}/dossier.zip"
    early = c.client.post(path, headers=auth)
    assert early.status_code == 422 and early.json()["error"] == "not_published"
    _publish(c)
    got = c.client.post(path, headers=auth)
    assert got.status_code == 200 and got.headers["content-type"] == "application/zip"
    check = verify_dossier(c.store, got.content)
    assert check.ok and check.version == 2
    assert c.store.audit.entries(c.draft_id)[-1].actor == "dms"
