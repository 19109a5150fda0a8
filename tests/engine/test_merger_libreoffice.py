"""The merged file as LibreOffice reads it: the changes and comments written, by their agencies,
and the circulated text back on reject-all."""

from __future__ import annotations

from pathlib import Path

import pytest

from concord.engine.merger import merge
from concord.models import ItemKind, Reply
from tests.engine.test_merger import DATE, PARAS, base_docx, item, texts
from tests.support.libreoffice import lo_read, lo_resave

pytestmark = pytest.mark.libreoffice


def _items() -> list:
    n1 = len(PARAS[1])
    return [
        item(ItemKind.REPLACE, "Ministry of Finance", 1, 45, 49, old="2030", new="2035"),
        item(ItemKind.REPLACE, "Ministry of Justice", 1, 42, 49, old="by 2030", new="in 2040"),
        item(ItemKind.INSERT, "Ministry of Health", 3, 22, 22, new=" by 2040"),
        item(ItemKind.INSERT, "Ministry of Health", 1, n1, n1, new="\nA new paragraph."),
        item(ItemKind.DELETE, "Ministry of Justice", 2, 0, 0, end_block=3, old=PARAS[2] + "\n"),
        item(
            ItemKind.MOVE,
            "Ministry of Trade",
            3,
            0,
            10,
            old="Emissions ",
            new="Emissions ",
            to_block=0,
            to_offset=0,
        ),
        item(
            ItemKind.COMMENT,
            "Ministry of Justice",
            0,
            0,
            7,
            anchor="Article",
            comment="Renumber?",
            replies=(Reply(author="x", text="Yes."),),
        ),
    ]


def test_libreoffice_sees_every_change_and_comment(tmp_path: Path) -> None:
    base = base_docx(table=True)
    result = merge(base, _items(), date=DATE)
    reading = lo_read(result.docx, tmp_path)
    found = sorted((c.kind, c.author, c.text) for c in reading.changes)
    assert found == [
        ("deletion", "Ministry of Finance", "2030"),
        ("deletion", "Ministry of Justice", "Article 2. Targets\n"),
        ("deletion", "Ministry of Justice", "by "),
        ("deletion", "Ministry of Trade", "Emissions "),
        ("insertion", "Ministry of Finance", "by 2035"),
        ("insertion", "Ministry of Health", "\nA new paragraph."),
        ("insertion", "Ministry of Health", " by 2040"),
        ("insertion", "Ministry of Justice", "in 2040"),
        ("insertion", "Ministry of Trade", "Emissions "),
    ]
    notes = sorted((a.author, a.text) for a in reading.annotations)
    assert [n[0] for n in notes] == ["Concord", "Ministry of Justice", "Ministry of Justice"]
    assert notes[0][1].startswith("Clash: 2 agencies")
    rejected, accepted = texts(result.docx)
    assert reading.reject_all == rejected == texts(base)[0]
    assert reading.accept_all == accepted
    assert accepted.startswith("Emissions Article 1. Scope\n")


def test_merge_onto_a_libreoffice_saved_base(tmp_path: Path) -> None:
    # Runs, styles and ids as LibreOffice writes them: offsets still land on the same text.
    base = lo_resave(base_docx(), tmp_path / "resave")
    result = merge(base, _items()[:3], date=DATE)
    reading = lo_read(result.docx, tmp_path / "read")
    assert reading.reject_all == texts(base)[0]
    assert "ministries by 2035in 2040." in reading.accept_all
    assert "fall by half by 2040." in reading.accept_all
