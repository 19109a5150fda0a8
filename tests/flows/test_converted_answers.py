""".doc and .odt answers made by LibreOffice itself: converted, read and merged, every change
attributed to its agency; a conversion that runs too long or writes too much stores nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from concord.engine.convert import ConversionLimits
from concord.engine.errors import UnsafeDocument
from concord.engine.ooxml import NS, parse_xml, read_parts
from concord.models import ItemKind
from concord.storage import keys
from concord.storage.canonical import sha256_hex
from concord.usecases.answers import ingest_answer, receive_answer
from concord.usecases.merging import merge_round
from tests.flows.conftest import OpenRound
from tests.support.libreoffice import soffice_path
from tests.support.lo_author import (
    Authoring,
    InsertParagraphAfter,
    Replace,
    add_comments,
    author_answers,
    uno_available,
)

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed"),
]

A, A_ID = "Bộ Tài chính", "bo-tai-chinh"
B, B_ID = "Bộ Tư pháp", "bo-tu-phap"


def lo_save_as(docx: bytes, ext: str, workdir: Path) -> bytes:
    """`docx` saved by LibreOffice as .doc or .odt, as a ministry's clerk would."""
    workdir.mkdir(parents=True, exist_ok=True)
    src = workdir / f"answer-{ext}.docx"
    src.write_bytes(docx)
    subprocess.run(
        [
            str(soffice_path()),
            f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            ext,
            "--outdir",
            str(workdir / "out"),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={"PATH": "/usr/bin:/bin", "HOME": str(workdir)},
    )
    return (workdir / "out" / f"answer-{ext}.{ext}").read_bytes()


def _authors(merged: bytes, tag: str) -> set[str]:
    w = NS["w"]
    parts = read_parts(merged)
    name = "word/comments.xml" if tag == "comment" else "word/document.xml"
    return {e.get(f"{{{w}}}author") for e in parse_xml(parts[name]).iter(f"{{{w}}}{tag}")}


@pytest.mark.skipif(not uno_available(), reason="python3-uno is not installed")
def test_doc_and_odt_answers_are_converted_read_and_merged(
    open_round_: OpenRound, tmp_path: Path
) -> None:
    store, rid = open_round_.store, open_round_.round_id
    jobs = [
        Authoring(
            store.circulated_bytes(rid, A_ID),
            [Replace("năm 2030", "năm 2035")],
            A,
            track=True,
        ),
        Authoring(
            store.circulated_bytes(rid, B_ID),
            [InsertParagraphAfter("Công khai, minh bạch.", "3. Tiết kiệm, hiệu quả.")],
            B,
            track=True,
        ),
    ]
    edited = author_answers(jobs, tmp_path / "author")
    a_docx = add_comments(edited[0], [("bình đẳng giới", "Cần làm rõ khái niệm.")], author=A)
    b_docx = add_comments(edited[1], [("Bộ Tư pháp phối hợp", "Đề nghị chủ trì.")], author=B)
    doc = lo_save_as(a_docx, "doc", tmp_path / "doc")
    odt = lo_save_as(b_docx, "odt", tmp_path / "odt")
    assert doc.startswith(b"\xd0\xcf\x11\xe0") and odt.startswith(b"PK")

    answers = {}
    for agency, data, name in ((A, doc, "tra-loi.doc"), (B, odt, "tra-loi.odt")):
        answer, new = receive_answer(store, rid, agency, data, filename=name, actor="văn thư")
        assert new and answer.original_key and answer.original_key.endswith(name[-4:])
        # The original is kept beside the converted file, and both SHA-256s are audited.
        assert store.object_bytes(answer.original_key) == data
        entry = [
            e
            for e in store.audit.entries(answer.draft_id)
            if e.action == "answer.uploaded" and e.details["agency"] == answer.agency.id
        ][-1]
        assert entry.details["original_sha256"] == sha256_hex(data)
        assert entry.details["docx_sha256"] == answer.sha256 == entry.subject_sha256
        ingest_answer(store, rid, answer.key, actor="t")
        answers[agency] = answer

    record, _ = merge_round(store, rid, actor="t")
    items = store.items_for(answers[A]) + store.items_for(answers[B])
    by = {(i.agency, i.kind) for i in items}
    assert (A, ItemKind.REPLACE) in by or (A, ItemKind.DELETE) in by
    assert (A, ItemKind.COMMENT) in by
    assert (B, ItemKind.INSERT) in by and (B, ItemKind.COMMENT) in by
    a_text = "".join(i.new for i in items if i.agency == A)
    assert "2035" in a_text
    assert "Tiết kiệm, hiệu quả." in "".join(i.new for i in items if i.agency == B)

    merged = store.object_bytes(record.docx_key)
    assert _authors(merged, "ins") == {A, B}
    assert _authors(merged, "del") == {A}
    assert _authors(merged, "comment") == {A, B}


def test_a_conversion_that_times_out_or_blows_up_is_refused_and_stores_nothing(
    open_round_: OpenRound, tmp_path: Path
) -> None:
    store, rid = open_round_.store, open_round_.round_id
    odt = lo_save_as(open_round_.answer(A_ID, "2035"), "odt", tmp_path / "odt")
    with pytest.raises(UnsafeDocument) as refused:
        receive_answer(
            store,
            rid,
            A,
            odt,
            filename="tl.odt",
            actor="t",
            conversion=ConversionLimits(timeout_s=0.05),
        )
    assert refused.value.code == "conversion_timeout"
    with pytest.raises(UnsafeDocument) as refused:
        receive_answer(
            store,
            rid,
            A,
            odt,
            filename="tl.odt",
            actor="t",
            conversion=ConversionLimits(max_output_bytes=4096),
        )
    assert refused.value.code == "conversion_too_large"
    assert store.store.list(keys.answers_prefix(rid)) == []
    # The same file within the limits is taken.
    answer, new = receive_answer(store, rid, A, odt, filename="tl.odt", actor="t")
    assert new and answer.original_key
