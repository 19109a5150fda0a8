"""`concord demo` as a user runs it: outputs exist, LibreOffice reads them, reruns lose nothing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest

from tests.support.cli import concord_env, run_concord
from tests.support.libreoffice import lo_read

pytestmark = pytest.mark.libreoffice

CHANGED_BY = {"Bộ Ngoại giao", "Bộ Quốc phòng", "Bộ Văn hóa, Thể thao và Du lịch"}
COMMENTED_BY = {"Bộ Ngoại giao", "Bộ Công an"}
SILENT = "Bộ Kế hoạch và Đầu tư"


def demo_folder(stdout: str, home: Path) -> Path:
    folders = sorted((home / "demo").iterdir(), key=lambda p: p.stat().st_mtime)
    assert folders, stdout
    return folders[-1]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    home = tmp_path_factory.mktemp("concord-home")
    first = run_concord(concord_env(home), "demo")
    assert first.returncode == 0, first.stdout + first.stderr
    first_folder = demo_folder(first.stdout, home)
    second = run_concord(concord_env(home), "demo")
    assert second.returncode == 0, second.stdout + second.stderr
    second_folder = demo_folder(second.stdout, home)
    return home, first_folder, second_folder


def test_demo_prints_where_every_output_is(two_runs: tuple[Path, Path, Path]) -> None:
    _, first, _ = two_runs
    for name in (
        "merged.docx",
        "review.html",
        "version-2.docx",
        "synthesis-report.docx",
        "audit.jsonl",
        "disputes.docx",
    ):
        assert (first / name).stat().st_size > 0, name


def test_merged_docx_shows_each_agency_under_its_name(
    two_runs: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, first, _ = two_runs
    reading = lo_read(first / "merged.docx", tmp_path)
    change_authors = {c.author for c in reading.changes}
    comment_authors = {a.author for a in reading.annotations}
    assert change_authors >= CHANGED_BY
    assert comment_authors >= COMMENTED_BY
    assert SILENT not in change_authors | comment_authors
    # The clash between two ministries is flagged by a Concord comment naming both.
    clash_notes = [a.text for a in reading.annotations if a.author == "Concord"]
    assert any("Bộ Ngoại giao" in t and "Bộ Văn hóa" in t for t in clash_notes), clash_notes


def test_published_version_is_clean_and_report_opens(
    two_runs: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, first, _ = two_runs
    version = lo_read(first / "version-2.docx", tmp_path / "v2")
    assert version.changes == [] and version.annotations == []
    # An accepted change is in the text of version 2 (Bộ Ngoại giao's side of the clash).
    assert "diễn đàn đa phương" in version.accept_all
    report = lo_read(first / "synthesis-report.docx", tmp_path / "report")
    assert "BẢNG TỔNG HỢP" in report.accept_all.upper()
    for agency in CHANGED_BY | COMMENTED_BY:
        assert agency in report.accept_all


def test_second_run_is_a_separate_draft_and_loses_nothing(
    two_runs: tuple[Path, Path, Path],
) -> None:
    home, first, second = two_runs
    assert first.name != second.name
    first_audit = [json.loads(line) for line in (first / "audit.jsonl").read_text().splitlines()]
    verify = run_concord(concord_env(home), "audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    shown = run_concord(concord_env(home), "audit", "show", first.name)
    assert shown.returncode == 0
    assert len(first_audit) >= 20
    with zipfile.ZipFile(first / "merged.docx") as z:
        assert "word/comments.xml" in z.namelist()


def test_the_demo_lists_the_issues_still_in_dispute(two_runs: tuple[Path, Path, Path]) -> None:
    _, first, _ = two_runs
    rows = [r for r in docx.Document(str(first / "disputes.docx")).tables[1].rows][1:]
    # The sample decisions leave some comments not (fully) accepted: each is a row.
    assert rows and all(
        any(o in row.cells[5].text for o in ("Không tiếp thu", "Tiếp thu một phần")) for row in rows
    )
