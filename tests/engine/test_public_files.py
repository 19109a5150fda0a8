"""Public .docx files, written by Word and other tools, read and merged without loss.

The files come from packages (see tests.support.public_docx): those installed here, and the
python-docx sdist's test documents fetched from the package index at test time (skipped when
offline). Each is either accepted by the safety check or refused with the code named for it
below; an accepted file reads against itself to no item, survives an empty merge with every
block's text, and, re-saved by LibreOffice, reads to no item except what LibreOffice changes.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest

from concord.engine.blocks import extract_blocks
from concord.engine.errors import UnsafeDocument
from concord.engine.merger import merge
from concord.engine.reader import read_answer
from concord.engine.safety import check_docx
from concord.models import Item, ItemKind
from samples._soffice import resave_many
from tests.support.public_docx import (
    SDIST,
    PublicDocx,
    SourceUnavailable,
    cache_dir,
    installed_docx,
    sdist_docx,
)

DATE = "2026-01-15T09:30:00Z"
COMMENT_DATE = dt.datetime(2026, 1, 10, 8, 0, tzinfo=dt.UTC)
SOURCES = ("installed", "sdist")

# Refused on purpose: a picture linked to file://localhost/Users/... on its author's machine.
EXPECTED_REFUSALS = {
    f"{SDIST}:features/steps/test_files/shp-inline-shape-access.docx": "external_reference",
}
# A section without its own header/footer shows the previous section's; LibreOffice writes each
# section an explicit copy of it, so a re-saved file has more header/footer blocks (the same
# texts, shown on the same pages). The reader sees untracked insertions of those copies.
LO_COPIES_INHERITED_HEADERS = {
    f"{SDIST}:features/steps/test_files/hdr-header-footer.docx",
    f"{SDIST}:features/steps/test_files/sct-first-page-hdrftr.docx",
}


@pytest.fixture(scope="session")
def installed_files() -> list[PublicDocx]:
    files = installed_docx()
    # python-docx's own template must be among them, or the search looked in the wrong place.
    assert any(f.name == "installed:docx/templates/default.docx" for f in files)
    return files


@pytest.fixture(scope="session")
def sdist_files() -> list[PublicDocx]:
    try:
        files = sdist_docx(cache_dir())
    except SourceUnavailable as exc:
        pytest.skip(f"python-docx sdist not available from the package index: {exc}")
    assert len(files) >= 40  # 4 under tests/test_files, 41 under features/steps/test_files
    return files


def _files(request: pytest.FixtureRequest, source: str) -> list[PublicDocx]:
    return request.getfixturevalue(f"{source}_files")


def _accepted(files: list[PublicDocx]) -> list[PublicDocx]:
    return [f for f in files if f.name not in EXPECTED_REFUSALS]


def _refusal(data: bytes) -> str | None:
    try:
        check_docx(data)
    except UnsafeDocument as exc:
        return exc.code
    return None


@pytest.mark.parametrize("source", SOURCES)
def test_safety_accepts_each_file_or_refuses_it_as_expected(
    request: pytest.FixtureRequest, source: str
) -> None:
    files = _files(request, source)
    outcomes = {f.name: _refusal(f.read()) for f in files}
    expected = {f.name: EXPECTED_REFUSALS.get(f.name) for f in files}
    assert outcomes == expected


@pytest.mark.parametrize("source", SOURCES)
def test_each_file_reads_against_itself_to_nothing_and_merges_without_loss(
    request: pytest.FixtureRequest, source: str
) -> None:
    failures: list[str] = []
    for f in _accepted(_files(request, source)):
        data = f.read()
        blocks = extract_blocks(data)
        items = read_answer(data, data, "X")
        if items:
            failures.append(f"{f.name}: {len(items)} items read from itself, first {items[0]}")
        merged = merge(data, [], date=DATE)
        if extract_blocks(merged.docx) != blocks:
            failures.append(f"{f.name}: an empty merge changed its blocks")
    assert failures == []


def _inherited_header_copies(items: list[Item], original: bytes) -> bool:
    """Whether every item is an untracked insertion of a header/footer text the original has."""
    shown = {(b.part, b.text) for b in extract_blocks(original)}
    return all(
        i.kind == ItemKind.INSERT
        and not i.tracked
        and i.part in ("header", "footer")
        and all((i.part, line) in shown for line in i.new.strip("\n").split("\n"))
        for i in items
    )


@pytest.mark.libreoffice
@pytest.mark.parametrize("source", SOURCES)
def test_libreoffice_resave_alone_adds_no_items(
    request: pytest.FixtureRequest, source: str, tmp_path: Path
) -> None:
    files = _accepted(_files(request, source))
    originals = {f"f{n:03d}": f for n, f in enumerate(files)}  # distinct stems for soffice
    resaved = resave_many({stem: f.read() for stem, f in originals.items()}, tmp_path)
    failures: list[str] = []
    for stem, f in originals.items():
        answer = resaved[stem]
        code = _refusal(answer)
        if code is not None:
            failures.append(f"{f.name}: LibreOffice's copy refused ({code})")
            continue
        items = read_answer(answer, f.read(), "X")
        if f.name in LO_COPIES_INHERITED_HEADERS:
            if not _inherited_header_copies(items, f.read()):
                failures.append(f"{f.name}: more than header copies: {items}")
        elif items:
            failures.append(f"{f.name}: {len(items)} items from a re-save, first {items[0]}")
    assert failures == []


def _with_comments(*comments: tuple[str, str]) -> bytes:
    d = docx.Document()
    paragraph = d.add_paragraph("Article 1. Every ministry reports by 2030.")
    for author, text in comments:
        comment = d.add_comment(paragraph.runs, text=text, author=author)
        # python-docx stamps the current time; a copy made a second later must not differ.
        comment._comment_elm.date = COMMENT_DATE
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_comments_the_circulated_version_already_holds_are_not_the_agencys() -> None:
    drafter = ("Drafting team", "Check the year.")
    base = _with_comments(drafter)
    assert read_answer(base, base, "A") == []
    answer = _with_comments(drafter, ("Ministry A", "2035 is realistic."))
    items = read_answer(answer, base, "A")
    assert [(i.kind, i.author, i.comment) for i in items] == [
        (ItemKind.COMMENT, "Ministry A", "2035 is realistic.")
    ]
