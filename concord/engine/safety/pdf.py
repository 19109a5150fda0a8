"""Checks on a PDF reply letter: it is stored and offered for download, never rendered here.

A ministry's signed letter often arrives as a PDF scan. Concord keeps it as the answer of record
and reads nothing from it, so the checks only make sure it is a plain document a clerk can open
safely: a size and page-count ceiling, and none of the active content a PDF can carry
(JavaScript, actions run on opening, launch actions, embedded files, forms that submit or import).
The document structure is walked with pypdf, object by object, without decoding page content.

=====================  =====================================================================
code                   refused because
=====================  =====================================================================
empty                  no bytes at all
too_large              bigger than `PdfLimits.max_bytes`
not_a_pdf              no `%PDF-` header (a Word file, an image, random bytes)
pdf_unreadable         pypdf cannot follow its structure (damaged, or built to mislead)
pdf_encrypted          password-protected
too_many_pages         more pages than `PdfLimits.max_pages`
pdf_active_content     JavaScript, an open action, a launch/submit/import action, embedded files
=====================  =====================================================================
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

from concord.engine.errors import UnsafeDocument
from concord.engine.safety.limits import MB
from concord.messages import t

# Names whose presence anywhere in the object graph means active content.
# An /OpenAction or /AA that only shows a page is harmless (Word writes one); the actions they
# hold are walked like everything else.
_ACTIVE_KEYS = {"/JS", "/JavaScript", "/EmbeddedFile", "/EmbeddedFiles"}
_ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/ResetForm",
    "/Rendition",
    "/Sound",
    "/Movie",
    "/GoToE",
    "/RichMediaExecute",
}


@dataclass(frozen=True)
class PdfLimits:
    max_bytes: int = 30 * MB
    max_pages: int = 200
    max_objects: int = 200_000


DEFAULT_PDF_LIMITS = PdfLimits()


def _refuse(code: str, **params: object) -> UnsafeDocument:
    """The refusal for `code`, worded by the catalogue's "engine.letter.<code>"."""
    return UnsafeDocument(t(f"engine.letter.{code}", None, **params), code=code)


def check_pdf(data: bytes, limits: PdfLimits = DEFAULT_PDF_LIMITS) -> None:
    """None for a plain PDF; UnsafeDocument (with a code from the table above) otherwise."""
    if not data:
        raise _refuse("empty")
    if len(data) > limits.max_bytes:
        raise _refuse("too_large", size_mb=len(data) / MB, limit_mb=limits.max_bytes / MB)
    if b"%PDF-" not in data[:1024]:
        raise _refuse("not_a_pdf")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _refuse("pdf_encrypted")
        pages = len(reader.pages)
        if pages > limits.max_pages:
            raise _refuse("too_many_pages", pages=pages, limit=limits.max_pages)
        found = _active_content(reader.trailer, limits.max_objects)
    except UnsafeDocument:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as err:
        raise _refuse("pdf_unreadable") from err
    if found:
        raise _refuse("pdf_active_content", found=found)


def _active_content(root: PdfObject, max_objects: int) -> str | None:
    """The first sign of active content in the object graph from `root`, or None.

    Iterative (a hostile file can nest deeply) and bounded by `max_objects` indirect objects.
    """
    seen: set[tuple[int, int]] = set()
    stack: list[PdfObject] = [root]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            if len(seen) > max_objects:
                raise ValueError("too many objects")
            found = obj.get_object()
            if found is not None:
                stack.append(found)
        elif isinstance(obj, DictionaryObject):
            hit = _active_key(obj)
            if hit:
                return hit
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return None


def _active_key(obj: DictionaryObject) -> str | None:
    for key in obj:
        if key in _ACTIVE_KEYS:
            return key.lstrip("/")
    action = obj.get("/S")
    if action in _ACTIVE_ACTIONS:
        return str(action).lstrip("/")
    return None
