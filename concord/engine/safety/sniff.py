"""Naming what a non-zip upload really is, so the refusal tells the clerk what to do."""

from __future__ import annotations

from concord.engine.errors import UnsafeDocument
from concord.engine.safety import ole
from concord.engine.safety.refusals import detail, refuse

ZIP_MAGIC = b"PK\x03\x04"

# First bytes of files clerks upload by mistake, and the detail naming them; anything else is
# just "not a .docx".
_FOREIGN: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a_pdf"),
    (b"{\\rtf", "rtf"),
    (b"<", "web_page"),
    (b"\xef\xbb\xbf<", "web_page"),
)


def refuse_non_zip(data: bytes) -> UnsafeDocument:
    """The refusal for a file that does not start like a zip package."""
    if data.startswith(ole.MAGIC):
        return _refuse_compound_file(data)
    for magic, what in _FOREIGN:
        if data.startswith(magic):
            return refuse("not_a_zip", what=detail(what))
    return refuse("not_a_zip", what=detail("not_docx"))


def _refuse_compound_file(data: bytes) -> UnsafeDocument:
    try:
        names = {name.casefold() for name in ole.stream_names(data)}
    except ole.OleFormatError:
        return refuse("corrupt_zip")
    if {"encryptioninfo", "encryptedpackage"} <= names:
        return refuse("encrypted")
    if "worddocument" in names:
        return refuse("legacy_doc")
    if names & {"workbook", "book"}:
        return refuse("not_wordprocessing", what=detail("xls"))
    if "powerpoint document" in names:
        return refuse("not_wordprocessing", what=detail("ppt"))
    return refuse("not_wordprocessing", what=detail("old_office"))
