"""Validation of an uploaded .docx before any parser interprets it.

`check_docx(data)` returns None for a file that is safe to hand to python-docx and lxml, and
raises `engine.errors.UnsafeDocument` otherwise. Its `code` is stable:

=========================  ===============================================================
code                       refused because
=========================  ===============================================================
empty                      no bytes at all
too_large                  the upload is bigger than `SafetyLimits.max_bytes`
not_a_zip                  not a zip package (PDF, RTF, HTML, random bytes)
corrupt_zip                starts like a zip (or compound file) but cannot be read through
legacy_doc                 a Word 97-2003 .doc (compound file with a WordDocument stream)
encrypted                  a password-protected Office file (EncryptionInfo/EncryptedPackage)
not_wordprocessing         another kind of file: .xlsx/.pptx/.xls/.ppt/.odt, a plain zip
too_many_members           more zip entries than `max_members`
zip_bomb                   declared sizes over budget, a ratio over 100:1, overlapping entries
path_traversal             an entry name with "..", a leading "/" or "\\", a drive letter
bad_member_name            an entry name with a NUL/control character, "\\" or ":"
duplicate_member           two entries whose names differ only by case (or not at all)
zip_encrypted              an entry with the zip encryption flag
unsupported_compression    an entry not stored or deflated (bzip2, LZMA, ...)
missing_part               no [Content_Types].xml, _rels/.rels or main document part
xml_dtd                    a part with a DOCTYPE (Word never writes one)
xml_entities               a part declaring entities (XXE, billion laughs)
xml_malformed              a part that is not well-formed XML
macro                      a macro-enabled content type or a vbaProject.bin / vbaData.xml
activex                    ActiveX controls (word/activeX, activeX content types)
embedded_object            an embedded OLE object (oleObject*.bin, Package objects)
external_reference         an external relationship other than a hyperlink or local template
image_bomb                 a raster picture over `max_image_pixels`
too_many_comments          more than `max_comments` comments
=========================  ===============================================================

Embedded objects are refused rather than flagged: an OLE object can carry any program, and a
clerk can always paste its content instead. Embedded .xlsx/.docx/.pptx packages (chart data)
are accepted; they are not interpreted by Concord.
"""

from __future__ import annotations

from concord.engine.safety.check import check_docx
from concord.engine.safety.limits import DEFAULT_LIMITS, SafetyLimits

__all__ = ["DEFAULT_LIMITS", "SafetyLimits", "check_docx"]
