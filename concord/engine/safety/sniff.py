"""Naming what a non-zip upload really is, so the refusal tells the clerk what to do."""

from __future__ import annotations

from concord.engine.errors import UnsafeDocument
from concord.engine.safety import ole
from concord.engine.safety.refusals import refuse

ZIP_MAGIC = b"PK\x03\x04"

# First bytes of files clerks upload by mistake; anything else is just "not a .docx".
_FOREIGN: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "This file is a PDF, not a Word document (.docx)."),
    (b"{\\rtf", "This file is in Rich Text Format (.rtf), not a Word document (.docx)."),
    (b"<", "This file is a web page or XML file, not a Word document (.docx)."),
    (b"\xef\xbb\xbf<", "This file is a web page or XML file, not a Word document (.docx)."),
)


def refuse_non_zip(data: bytes) -> UnsafeDocument:
    """The refusal for a file that does not start like a zip package."""
    if data.startswith(ole.MAGIC):
        return _refuse_compound_file(data)
    for magic, what in _FOREIGN:
        if data.startswith(magic):
            return refuse("not_a_zip", what=what)
    return refuse("not_a_zip", what="This file is not a Word document (.docx).")


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
        return refuse("not_wordprocessing", what="an old Excel workbook (.xls)")
    if "powerpoint document" in names:
        return refuse("not_wordprocessing", what="an old PowerPoint presentation (.ppt)")
    return refuse("not_wordprocessing", what="an old-format Office or Windows file")
