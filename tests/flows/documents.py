"""Drafts and answers for the flow tests: a small resolution and agencies' tracked edits."""

from __future__ import annotations

import io

from docx import Document

from tests.support.answers import circulated, dele, ins, run, set_content
from tests.support.answers import to_bytes as doc_bytes

# Text of the draft's second paragraph (tests.support.answers.ARTICLES) and the word agencies edit.
EDITED = "Nghị quyết này quy định chính sách phát triển năm 2030."


def draft_docx() -> bytes:
    return doc_bytes(circulated())


def answer_docx(copy: bytes, agency: str, year: str) -> bytes:
    """`copy` (a circulated copy, stamp kept) where `agency` replaces 2030 by `year`, tracked."""
    doc = Document(io.BytesIO(copy))
    p = next(p._p for p in doc.paragraphs if p.text == EDITED)
    head = EDITED[: EDITED.index("2030")]
    set_content(p, run(head), dele("2030", agency), ins(year, agency), run("."))
    return doc_bytes(doc)
