"""Validation of an uploaded .docx before any parser interprets it.

`check_docx(source)` (the bytes, or better the path of the uploaded file: its size is checked
before a byte is read) returns None for a file that is safe to hand to python-docx and lxml, and
raises `engine.errors.UnsafeDocument` otherwise. Its `code` is stable; when a configurable limit
was hit, `.limit` names the `SafetyLimits` field (and the message ends with it). Order: size,
magic, the zip's end record, its central directory, the package's declared parts, picture
headers, embedded packages, then each XML part streamed twice (prescan: byte counts; xmlwalk
or xmlscan: expat).

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
zip_bomb                   declared sizes over budget, a ratio over 100:1 (one member) or
                           `max_total_ratio` (the package), overlapping entries
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
special_member             a symbolic link, device or pipe (zip external attributes)
undeclared_part            a part [Content_Types].xml gives no type (hidden macro, image bomb)
part_too_large             an XML part over `max_xml_part`, custom XML over `max_custom_xml`
xml_too_many_elements      an XML part with more than `max_xml_elements` elements
xml_too_deep               elements nested more than `max_xml_depth` deep
text_run_too_long          a text run or attribute longer than `max_text_run`
xinclude                   an XInclude element or namespace
active_field               a DDE / DDEAUTO field (runs a program)
nested_package             an embedded package too big, too deep, or not a package
=========================  ===============================================================

Fields that fetch (INCLUDEPICTURE / INCLUDETEXT with a web or network address) and external
hyperlink relationships used as a picture's source are `external_reference`; a zip bomb inside
an embedded workbook is `zip_bomb`, checked against what the outer package left of the budget.

Embedded objects are refused rather than flagged: an OLE object can carry any program, and a
clerk can always paste its content instead. Embedded .xlsx/.docx/.pptx packages (chart data)
are accepted; they are not interpreted by Concord.
"""

from __future__ import annotations

from concord.engine.safety.check import check_docx
from concord.engine.safety.limits import DEFAULT_LIMITS, SafetyLimits

__all__ = ["DEFAULT_LIMITS", "SafetyLimits", "check_docx"]
