"""The engine's refusals speak Vietnamese unless English is asked for: the empty upload, the
password-protected file, the .doc, the answer to another version, the quote not found."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from concord.engine.circulation import check_circulable
from concord.engine.convert import DEFAULT_CONVERSION, check_convertible
from concord.engine.identity import stamp
from concord.engine.locate import locate
from concord.engine.matching import check_answers_base
from concord.engine.safety import check_docx
from concord.engine.safety.pdf import check_pdf
from concord.errors import ConcordError
from concord.messages import speaking
from concord.models import CirculationStamp
from tests.flows.documents import draft_docx
from tests.support import hostile
from tests.support.drafts import draft_docx as tracked_draft
from tests.support.pdfs import javascript_letter

OPEN = CirculationStamp(draft_id="nq-01", version=2, round_id="nq-01-r2", agency_id="bo-tu-phap")


def _answer_to_version_1() -> None:
    base = draft_docx()
    answer = stamp(base, OPEN.model_copy(update={"version": 1, "round_id": "nq-01-r1"}))
    check_answers_base(answer, base, OPEN)


def _encrypted_doc() -> None:
    data = hostile.compound_file(["WordDocument", "1Table", "EncryptionInfo"])
    check_convertible(data, "doc", DEFAULT_CONVERSION)


# (what the user did, the refusal's code, words of the Vietnamese refusal, its English)
CASES: list[tuple[Callable[[], None], str, list[str], str]] = [
    (
        lambda: check_docx(b""),
        "empty",
        ["Tệp tải lên không có nội dung", "Hãy chọn lại văn bản Word rồi tải lên."],
        "The uploaded file is empty. Please choose the Word document again and upload it.",
    ),
    (
        lambda: check_docx(hostile.encrypted_docx()),
        "encrypted",
        ["bảo vệ bằng mật khẩu", "Tệp > Thông tin > Bảo vệ Tài liệu > Mã hóa bằng Mật khẩu"],
        "This file is protected with a password. Remove the password in Word (File > Info > "
        "Protect Document > Encrypt with Password, clear the password), save, and upload it again.",
    ),
    (
        lambda: check_docx(hostile.legacy_doc()),
        "legacy_doc",
        ["Word 97-2003 kiểu cũ (.doc)", "chọn Tệp > Lưu Như (File > Save As)"],
        "This is an old Word 97-2003 document (.doc). Concord reads only the newer format. "
        "Open it in Word, choose File > Save As > Word Document (.docx) and upload the new file.",
    ),
    (
        _encrypted_doc,
        "encrypted",
        ["Tệp .doc này có mật khẩu. Hãy gỡ mật khẩu rồi tải lên lại."],
        "This .doc file is protected with a password. Remove the password and upload it again.",
    ),
    (
        _answer_to_version_1,
        "wrong_document",
        [
            "tệp này góp ý cho dự thảo nq-01 lần 1 (vòng nq-01-r1), nhưng đang lấy ý kiến dự "
            "thảo nq-01 lần 2 (vòng nq-01-r2)"
        ],
        "this file answers draft nq-01 version 1 (round nq-01-r1), but draft nq-01 version 2 "
        "(round nq-01-r2) is open for comments",
    ),
    (
        lambda: locate(draft_docx(), "Điều 1", "bình đẳng giới"),
        "invalid_input",
        ["không tìm thấy đoạn trích dẫn trong 'Điều 1' của dự thảo; đoạn này có ở Điều 3, khoản 1"],
        "the quoted passage is not in 'Điều 1' of the draft; it is in Điều 3, khoản 1",
    ),
    (
        lambda: check_pdf(javascript_letter()),
        "pdf_active_content",
        ["Tệp PDF này chứa nội dung chủ động (JS)", "Hãy in lại công văn ra PDF"],
        "This PDF holds active content (JS), which could do harm, so it was refused. "
        "Print the letter to PDF again from the original (or scan the paper copy again) and "
        "upload the new file.",
    ),
    (
        lambda: check_circulable(tracked_draft(tracked=True)),
        "pending_revisions",
        ["vẫn còn thay đổi chưa được xử lý (1 chỗ xóa, 1 chỗ chèn)", "Xem lại > Chấp nhận"],
        "this draft still has tracked changes (1 deletion, 1 insertion). Accept or reject them in "
        "Word (Review > Accept/Reject All Changes) or LibreOffice (Edit > Track Changes > "
        "Manage), save, and register the clean file",
    ),
]
IDS = ["empty", "password", "doc", "password-doc", "other-version", "quote", "pdf", "pending"]


def refusal(act: Callable[[], None]) -> ConcordError:
    with pytest.raises(ConcordError) as refused:
        act()
    return refused.value


@pytest.mark.parametrize(("act", "code", "vietnamese", "english"), CASES, ids=IDS)
def test_a_refusal_is_vietnamese_by_default_and_english_on_request(
    monkeypatch: pytest.MonkeyPatch,
    act: Callable[[], None],
    code: str,
    vietnamese: list[str],
    english: str,
) -> None:
    monkeypatch.delenv("CONCORD_LANG", raising=False)  # a server nobody told otherwise
    default = refusal(act)
    assert default.code == code
    for words in vietnamese:
        assert words in default.message, default.message
    with speaking("en"):
        asked = refusal(act)
    assert (asked.code, asked.message) == (code, english)
    with speaking("vi"):
        assert refusal(act).message == default.message


def test_the_language_is_the_one_spoken_when_the_refusal_is_raised() -> None:
    # A refusal is worded once, when raised: a later change of language does not reword it.
    with speaking("vi"):
        raised = refusal(lambda: check_docx(b""))
    with speaking("en"):
        assert str(raised).startswith("Tệp tải lên không có nội dung")
