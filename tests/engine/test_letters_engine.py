"""The reply letter's checks (engine.safety.pdf) and finding a letter's quote (engine.locate)."""

from __future__ import annotations

import unicodedata

import pytest

from concord.engine.errors import UnsafeDocument
from concord.engine.locate import find_in, locate
from concord.engine.safety.pdf import PdfLimits, check_pdf
from concord.errors import InvalidInput
from tests.flows.documents import draft_docx
from tests.support.pdfs import build_pdf, javascript_letter, plain_letter


def test_a_plain_letter_passes_and_an_open_action_showing_a_page_is_harmless() -> None:
    check_pdf(plain_letter())
    check_pdf(build_pdf("/OpenAction [3 0 R /Fit] "))


@pytest.mark.parametrize(
    ("data", "limits", "code"),
    [
        (b"", PdfLimits(), "empty"),
        (b"PK\x03\x04 not a pdf", PdfLimits(), "not_a_pdf"),
        (plain_letter(), PdfLimits(max_bytes=100), "too_large"),
        (plain_letter(), PdfLimits(max_pages=0), "too_many_pages"),
        (javascript_letter(), PdfLimits(), "pdf_active_content"),
        # JavaScript hidden in a page's additional actions, reached through the page tree.
        (
            build_pdf("", ("<< /S /JavaScript /JS 5 0 R >>", "(app.alert(1))")).replace(
                b"/MediaBox", b"/AA << /O 4 0 R >> /MediaBox"
            ),
            PdfLimits(),
            "pdf_active_content",
        ),
    ],
)
def test_refused_letters(data: bytes, limits: PdfLimits, code: str) -> None:
    with pytest.raises(UnsafeDocument) as refused:
        check_pdf(data, limits)
    assert refused.value.code == code


def test_a_quote_typed_decomposed_is_found_in_the_named_clause() -> None:
    nfd = unicodedata.normalize("NFD", "bình  đẳng\ngiới")
    found = locate(draft_docx(), unicodedata.normalize("NFD", "điều 3, khoản 1"), nfd)
    assert (found.location, found.text) == ("Điều 3, khoản 1", "bình đẳng giới")


def test_offsets_point_into_the_text_as_written() -> None:
    text = unicodedata.normalize("NFD", "Bảo đảm bình đẳng giới.")
    start, end = find_in(text, "bình đẳng") or (0, 0)
    assert unicodedata.normalize("NFC", text[start:end]) == "bình đẳng"


def test_a_quote_outside_the_named_place_says_where_it_is() -> None:
    with pytest.raises(InvalidInput) as refused:
        locate(draft_docx(), "Điều 1", "bình đẳng giới")
    assert "Điều 3, khoản 1" in str(refused.value)
    with pytest.raises(InvalidInput):
        locate(draft_docx(), "Điều 9", "bình đẳng giới")
