"""An agency's clerk meets the engine's refusals on the upload page in the page's language:
Vietnamese unless the page was switched to English."""

from __future__ import annotations

import html

import pytest
from fastapi.testclient import TestClient

from concord.engine.identity import read_stamp, stamp
from tests.support import hostile
from tests.web.conftest import Consultation, csrf_in

FINANCE = "bo-tai-chinh"


def _upload(consultation: Consultation, lang: str | None, data: bytes, filename: str):
    """Upload `data` as the Ministry of Finance's answer from a browser that sent no language
    (None: the page's default) or chose `lang`."""
    client = TestClient(consultation.app)
    if lang is not None:
        client.cookies.set("lang", lang)
    exchanged = client.post(
        "/answer",
        data={"round_id": consultation.round_id, "token": consultation.tokens[FINANCE]},
        follow_redirects=False,
    )
    assert exchanged.status_code == 303, exchanged.text
    page = client.get(f"/answer/{consultation.round_id}")
    return client.post(
        f"/answer/{consultation.round_id}/upload",
        data={"csrf": csrf_in(page.text)},
        files={"file": (filename, data, "application/octet-stream")},
    )


def _answer_to_version_2(consultation: Consultation) -> bytes:
    copy = consultation.store.circulated_bytes(consultation.round_id, FINANCE)
    found = read_stamp(copy)
    assert found is not None
    return stamp(copy, found.model_copy(update={"version": 2}))


# (file name, what is uploaded, code, words of the Vietnamese page, words of the English page)
CASES = [
    (
        "gop-y.docx",
        lambda _: b"",
        "empty",
        "Tệp tải lên không có nội dung. Hãy chọn lại văn bản Word rồi tải lên.",
        "The uploaded file is empty. Please choose the Word document again and upload it.",
    ),
    (
        "gop-y.docx",
        lambda _: hostile.encrypted_docx(),
        "encrypted",
        "Tệp này được bảo vệ bằng mật khẩu. Hãy gỡ mật khẩu trong Word (Tệp > Thông tin",
        "This file is protected with a password. Remove the password in Word (File > Info",
    ),
    (
        "gop-y.doc",
        lambda _: hostile.legacy_doc(),
        "converter_missing",
        "Máy chủ Concord chưa cài LibreOffice nên không đọc được tệp .doc/.odt.",
        "LibreOffice is not installed on the Concord server, so it cannot read .doc/.odt files.",
    ),
    (
        "gop-y.docx",
        _answer_to_version_2,
        "wrong_document",
        "tệp này góp ý cho dự thảo {draft} lần 2 (vòng {round}), nhưng đang lấy ý kiến dự thảo "
        "{draft} lần 1 (vòng {round})",
        "this file answers draft {draft} version 2 (round {round}), but draft {draft} version 1 "
        "(round {round}) is open for comments",
    ),
]


@pytest.mark.parametrize("lang", [None, "en"], ids=["default", "english"])
@pytest.mark.parametrize(
    ("filename", "make", "code", "vietnamese", "english"),
    CASES,
    ids=["empty", "password", "doc", "other-version"],
)
def test_the_upload_page_refuses_in_its_language(
    consultation: Consultation,
    monkeypatch: pytest.MonkeyPatch,
    lang: str | None,
    filename: str,
    make,
    code: str,
    vietnamese: str,
    english: str,
) -> None:
    monkeypatch.setenv("CONCORD_SOFFICE", "")  # a server without LibreOffice: a .doc is refused
    response = _upload(consultation, lang, make(consultation), filename)
    assert response.status_code == 422
    assert response.headers["X-Concord-Error"] == code
    shown = html.unescape(response.text)
    names = {"draft": consultation.draft_id, "round": consultation.round_id}
    wanted, other = (english, vietnamese) if lang == "en" else (vietnamese, english)
    assert f'<html lang="{lang or "vi"}">' in shown
    assert wanted.format(**names) in shown, shown
    assert other.format(**names) not in shown
    assert consultation.store.answers(consultation.round_id) == []
