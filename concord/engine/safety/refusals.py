"""Every refusal the safety checks can give: a stable code and what the clerk should do.

The code is the machine contract (logs, the web app, tests); the message is for the person who
uploaded the file, so it says what is wrong and how to fix it, never how the check works.
"""

from __future__ import annotations

from concord.engine.errors import UnsafeDocument

_RESAVE = "Open it in Word, choose File > Save As > Word Document (.docx) and upload the new file."
_DAMAGED = (
    "The file seems damaged or only partly uploaded. Open it in Word to check it, save it again "
    "as a Word Document (.docx) and upload it again."
)
_CLEAN_COPY = (
    "Save a clean copy: in Word choose File > Save As > Word Document (.docx), or copy the text "
    "into a new document, and upload that."
)

MESSAGES: dict[str, str] = {
    "empty": "The uploaded file is empty. Please choose the Word document again and upload it.",
    "too_large": (
        "The file is {size_mb:.1f} MB; the largest file accepted is {limit_mb:.0f} MB. Compress "
        "the pictures in Word (File > Compress Pictures) or remove large images, then upload it "
        "again."
    ),
    "not_a_zip": "{what} " + _RESAVE,
    "corrupt_zip": _DAMAGED,
    "legacy_doc": (
        "This is an old Word 97-2003 document (.doc). Concord reads only the newer format. "
        + _RESAVE
    ),
    "encrypted": (
        "This file is protected with a password. Remove the password in Word (File > Info > "
        "Protect Document > Encrypt with Password, clear the password), save, and upload it again."
    ),
    "not_wordprocessing": "This file is {what}, not a Word document (.docx). " + _RESAVE,
    "too_many_members": (
        "This document is made of {count} internal parts; at most {limit} are accepted. "
        + _CLEAN_COPY
    ),
    "zip_bomb": (
        "This file would expand to far more data than a document holds ({detail}), so it was "
        "refused for safety. " + _CLEAN_COPY
    ),
    "path_traversal": (
        "This file contains an internal part with an unsafe name ({name!r}), so it was refused "
        "for safety. " + _CLEAN_COPY
    ),
    "bad_member_name": (
        "This file contains an internal part with an invalid name ({name!r}). " + _CLEAN_COPY
    ),
    "duplicate_member": (
        "This file contains the internal part {name!r} twice, which Word never does; it may have "
        "been tampered with. " + _CLEAN_COPY
    ),
    "zip_encrypted": (
        "Parts of this file are encrypted, so it cannot be read. Remove any password or "
        "encryption, save it in Word as a Word Document (.docx) and upload it again."
    ),
    "unsupported_compression": (
        "This file was packed with a compression method Word does not use ({method}). " + _RESAVE
    ),
    "missing_part": "This file is not a complete Word document: {detail}. " + _RESAVE,
    "xml_dtd": (
        "The part {name!r} of this file contains a document type declaration, which Word never "
        "writes; it was refused for safety. " + _CLEAN_COPY
    ),
    "xml_entities": (
        "The part {name!r} of this file declares XML entities, a known way to attack servers; "
        "it was refused for safety. " + _CLEAN_COPY
    ),
    "xml_malformed": "The part {name!r} of this file is damaged ({detail}). " + _RESAVE,
    "macro": (
        "This document contains macros ({detail}), which are not accepted. In Word choose File > "
        "Save As > Word Document (.docx) (not Macro-Enabled) and upload the new file."
    ),
    "activex": (
        "This document contains ActiveX controls ({name!r}), which can run programs and are not "
        "accepted. Delete the controls (buttons, boxes added from the Developer tab), save, and "
        "upload it again."
    ),
    "embedded_object": (
        "This document contains an embedded object or file ({name!r}) that could run a program. "
        "Remove embedded files and objects (or paste their content as text or a picture), save, "
        "and upload it again."
    ),
    "external_reference": (
        "This document loads something from outside the file ({detail}: {target!r}), which is "
        "not accepted. Remove linked pictures, objects or templates (in Word: File > Info > Edit "
        "Links to Files > Break Link; Developer > Document Template to detach a template), save, "
        "and upload it again."
    ),
    "image_bomb": (
        "The picture {name!r} is {size}, far larger than any document needs. "
        "Replace it with a smaller picture or use File > Compress Pictures in Word, then upload "
        "it again."
    ),
    "special_member": (
        "This file contains an internal part that is a link or a device ({name!r}), which a Word "
        "document never holds; it was refused for safety. " + _CLEAN_COPY
    ),
    "undeclared_part": (
        "This file contains an internal part that its list of parts does not declare ({name!r}); "
        "Word never writes such a file and it may have been tampered with. " + _CLEAN_COPY
    ),
    "part_too_large": (
        "The part {name!r} of this file would unpack to {size_mb:.0f} MB; at most {limit_mb:.0f} "
        "MB are accepted for {what}. " + _CLEAN_COPY
    ),
    "xml_too_many_elements": (
        "The part {name!r} of this file holds more than {limit:,} elements, far more than a "
        "document needs. Split the answer into several documents, or "
        + _CLEAN_COPY[0].lower()
        + _CLEAN_COPY[1:]
    ),
    "xml_too_deep": (
        "The part {name!r} of this file nests elements more than {limit} deep (for example "
        "tables inside tables), which no real document does. " + _CLEAN_COPY
    ),
    "text_run_too_long": (
        "The part {name!r} of this file holds a single piece of text or value longer than "
        "{limit_mb:.0f} MB. Remove it (or split it into normal paragraphs), save, and upload "
        "again."
    ),
    "xinclude": (
        "The part {name!r} of this file tries to include another file (XInclude), which Word "
        "never writes; it was refused for safety. " + _CLEAN_COPY
    ),
    "active_field": (
        "This document contains a field that runs a program or exchanges data with another "
        "program ({field}). Select the field, press Ctrl+Shift+F9 to turn it into plain text (or "
        "delete it), save, and upload again."
    ),
    "nested_package": (
        "This document embeds a file ({name!r}) that cannot be accepted: {detail}. Remove the "
        "embedded file (or paste its content as a table or picture), save, and upload again."
    ),
    "too_many_comments": (
        "This document has more than {limit} comments, more than one answer is expected to carry. "
        "Split the answer into several documents or merge related comments, then upload again."
    ),
}


def refuse(code: str, *, setting: str | None = None, **details: object) -> UnsafeDocument:
    """The error for `code`, its message filled with `details` (raise the result); `setting`
    names the SafetyLimits field that was hit, so the operator knows which limit to raise."""
    message = MESSAGES[code].format(**details)
    if setting is not None:
        message += f" (limit: {setting})"
    return UnsafeDocument(message, code=code, limit=setting)
