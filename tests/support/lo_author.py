"""Answers authored by LibreOffice itself: tracked and untracked edits made in Writer over UNO.

Writer does the editing (tests/support/lo_uno_edit.py, run by the system interpreter that has
Debian's `python3-uno`), with the agency's name as LibreOffice's user name, so tracked changes
carry the agency as author exactly as a ministry's LibreOffice would write them. LibreOffice's
UNO bridge crashed loading .docx files holding comments, so it only edits comment-free files;
comments are added afterwards with python-docx (`add_comments`), as a reviewer's second pass.

Nothing is installed here: `python3-uno` must be present (scripts/test installs it).
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import zipfile
from collections.abc import Iterator, Sequence
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from tests.support.libreoffice import soffice_path

UNO_EDIT = Path(__file__).with_name("lo_uno_edit.py")
# The interpreter python3-uno belongs to; the project's venv cannot import `uno`.
UNO_PYTHON = os.environ.get("CONCORD_UNO_PYTHON", "/usr/bin/python3")


@dataclass(frozen=True)
class Replace:
    """Replace the first occurrence of `find` (anywhere, tables included) by `new`."""

    find: str
    new: str


@dataclass(frozen=True)
class InsertParagraphAfter:
    """A new paragraph holding `new` after the paragraph where `find` first occurs."""

    find: str
    new: str


@dataclass(frozen=True)
class DeleteParagraph:
    """Delete the paragraph where `find` first occurs, its mark included (not before a table)."""

    find: str


@dataclass(frozen=True)
class ReplaceInCell:
    """Replace the first `find` inside one cell ("B2": column B, row 2) of table `table`."""

    table: int
    cell: str
    find: str
    new: str


@dataclass(frozen=True)
class DeleteRow:
    """Delete row `row` (1-based) of table `table` (0-based), as Table > Delete > Rows does."""

    table: int
    row: int


@dataclass(frozen=True)
class AcceptAll:
    """LibreOffice's own Edit > Track Changes > Accept All."""


@dataclass(frozen=True)
class RejectAll:
    """LibreOffice's own Edit > Track Changes > Reject All."""


@dataclass(frozen=True)
class Record:
    """Turn change recording on or off for the edits after it."""

    on: bool


@dataclass(frozen=True)
class Dispatch:
    """A Writer command, e.g. ".uno:AcceptAllTrackedChanges" or ".uno:RejectAllTrackedChanges"."""

    command: str


Edit = (
    Replace
    | InsertParagraphAfter
    | DeleteParagraph
    | ReplaceInCell
    | DeleteRow
    | AcceptAll
    | RejectAll
    | Record
    | Dispatch
)

_OPS = {
    Replace: "replace",
    InsertParagraphAfter: "insert_after",
    DeleteParagraph: "delete_paragraph",
    ReplaceInCell: "replace_in_cell",
    DeleteRow: "delete_row",
    AcceptAll: "accept_all",
    RejectAll: "reject_all",
    Record: "record",
    Dispatch: "dispatch",
}


@dataclass(frozen=True)
class Authoring:
    """One answer to author: `edits` made on `base` by `author`, tracked or not."""

    base: bytes
    edits: Sequence[Edit]
    author: str
    track: bool


class AuthoringFailed(RuntimeError):
    """LibreOffice could not make the answer (missing python3-uno, an edit found no text, ...)."""


def author_answer(
    base_docx: bytes, edits: Sequence[Edit], *, author: str, track: bool, workdir: Path
) -> bytes:
    """`base_docx` edited in LibreOffice by `author` and saved as .docx ("MS Word 2007 XML")."""
    return author_answers([Authoring(base_docx, edits, author, track)], workdir)[0]


def author_answers(jobs: Sequence[Authoring], workdir: Path) -> list[bytes]:
    """Several answers from one LibreOffice process (its start-up costs seconds)."""
    soffice = soffice_path()
    if soffice is None:
        raise AuthoringFailed("LibreOffice (soffice) is not installed")
    workdir.mkdir(parents=True, exist_ok=True)
    spec: dict[str, object] = {"soffice": soffice, "profile": str(workdir / "profile")}
    entries = []
    for n, job in enumerate(jobs):
        if _has_comments(job.base):
            raise AuthoringFailed("LibreOffice's UNO bridge crashes on .docx with comments")
        src, dst = workdir / f"in-{n}.docx", workdir / f"answer-{n}.docx"
        src.write_bytes(job.base)
        dst.unlink(missing_ok=True)
        entries.append(
            {
                "src": str(src),
                "dst": str(dst),
                "author": job.author,
                "track": job.track,
                "edits": [_edit_spec(e) for e in job.edits],
            }
        )
    spec["jobs"] = entries
    jobs_file = workdir / "jobs.json"
    jobs_file.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    _run_uno(jobs_file, workdir)
    return [Path(str(entry["dst"])).read_bytes() for entry in entries]


def _edit_spec(edit: Edit) -> dict[str, object]:
    return {"op": _OPS[type(edit)], **vars(edit)}


def lo_accept_reject(docx: bytes, workdir: Path) -> tuple[bytes, bytes]:
    """(accepted, rejected): `docx` after LibreOffice's own Accept All and Reject All, saved as
    .docx. Comments are taken out first (the UNO bridge crashes on them; they hold no text of
    the document)."""
    bare = without_comments(docx)
    jobs = [
        Authoring(bare, [AcceptAll()], "judge", False),
        Authoring(bare, [RejectAll()], "judge", False),
    ]
    accepted, rejected = author_answers(jobs, workdir)
    return accepted, rejected


def without_comments(docx: bytes) -> bytes:
    """The package with its comment parts, relationships and markers removed."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for name in [n for n in parts if n.startswith("word/comments")]:
        del parts[name]
    rels = "word/_rels/document.xml.rels"
    parts[rels] = re.sub(rb"<Relationship [^>]*comments[^>]*/>", b"", parts[rels])
    markers = rb"<w:commentRange(Start|End) [^>]*/>|<w:r><w:commentReference [^>]*/></w:r>"
    for name in [n for n in parts if n.startswith("word/") and n.endswith(".xml")]:
        parts[name] = re.sub(markers, b"", parts[name])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _has_comments(docx: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return "word/comments.xml" in z.namelist()


def uno_available() -> bool:
    """Whether the system interpreter can drive LibreOffice (python3-uno installed)."""
    if not Path(UNO_PYTHON).exists():
        return False
    probe = subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True, timeout=60)
    return probe.returncode == 0


def _run_uno(jobs_file: Path, workdir: Path) -> None:
    if not Path(UNO_PYTHON).exists():
        raise AuthoringFailed(f"{UNO_PYTHON} is missing: install python3-uno")
    env = dict(os.environ, HOME=str(workdir / "home"))
    env.pop("PYTHONPATH", None)  # the venv's packages are not the system interpreter's
    try:
        proc = subprocess.run(
            [UNO_PYTHON, str(UNO_EDIT), str(jobs_file)],
            capture_output=True,
            text=True,
            timeout=300,
            env=env,
        )
    except subprocess.TimeoutExpired as exc:
        raise AuthoringFailed(f"LibreOffice editing timed out: {exc}") from exc
    if proc.returncode != 0:
        hint = " (install python3-uno)" if "No module named 'uno'" in proc.stderr else ""
        raise AuthoringFailed(f"LibreOffice editing failed{hint}:\n{proc.stderr[-3000:]}")


# -- comments, added after LibreOffice saved the file --------------------------------------


def add_comments(docx: bytes, comments: Sequence[tuple[str, str]], *, author: str) -> bytes:
    """Each `(anchor, text)` becomes a comment by `author` on the first paragraph (body or table
    cell) whose run text holds `anchor`; runs are split so the comment covers exactly it."""
    doc = Document(io.BytesIO(docx))
    for anchor, text in comments:
        doc.add_comment(_isolate(doc, anchor), text=text, author=author)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _paragraphs(doc: DocxDocument) -> Iterator[Paragraph]:
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _isolate(doc: DocxDocument, anchor: str) -> list[Run]:
    for paragraph in _paragraphs(doc):
        at = "".join(r.text for r in paragraph.runs).find(anchor)
        if at < 0:
            continue
        _split_at(paragraph, at)
        _split_at(paragraph, at + len(anchor))
        chosen, pos = [], 0
        for run in paragraph.runs:
            if at <= pos < at + len(anchor):
                chosen.append(run)
            pos += len(run.text)
        return chosen
    raise ValueError(f"no paragraph holds {anchor!r}")


def _split_at(paragraph: Paragraph, offset: int) -> None:
    """Split the run holding `offset` in two there (its formatting copied to both halves)."""
    pos = 0
    for run in paragraph.runs:
        text = run.text
        if pos < offset < pos + len(text):
            cut = offset - pos
            twin = Run(deepcopy(run._r), paragraph)
            run.text, twin.text = text[:cut], text[cut:]
            run._r.addnext(twin._r)
            return
        pos += len(text)
