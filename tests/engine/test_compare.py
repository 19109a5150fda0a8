"""A redline of two versions: the newer one's differences as tracked changes by one author."""

from __future__ import annotations

import io

import docx

from concord.engine.compare import redline
from tests.engine.test_merger import CIRCULATED, DATE, base_docx, changes, texts


def _edited(old: bytes) -> bytes:
    d = docx.Document(io.BytesIO(old))
    p = d.paragraphs[1]
    for run in p.runs:
        run.text = run.text.replace("2030", "2035")
    d.paragraphs[3].runs[0].text = (
        d.paragraphs[3].runs[0].text.replace("Emissions", "All emissions")
    )
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_redline_shows_new_against_old_as_tracked_changes() -> None:
    old = base_docx()
    new = _edited(old)
    result = redline(old, new, author="Version 2", date=DATE)
    rejected, accepted = texts(result.docx)
    assert rejected == CIRCULATED
    assert accepted == texts(new)[0]
    assert {author for _, author, _ in changes(result.docx)} == {"Version 2"}
    assert result.clashes == [] and result.items
