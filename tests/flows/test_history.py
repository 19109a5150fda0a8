"""Three rounds of one draft: each item linked to what earlier rounds said about its passage
(through the team's revision, renumbered articles and a moved paragraph), the repeated comment
marked, and the issues still in dispute (tests.support.three_rounds tells the story)."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from prefect.settings import PREFECT_API_URL, temporary_settings
from typer.testing import CliRunner

from concord.cli import app
from concord.errors import NotFound
from concord.models import Decision, Outcome
from concord.models.history import ItemHistory
from concord.storage.factory import forget_stores, open_concord_store
from concord.usecases.decisions import items_with_decisions, merged_items
from concord.usecases.disputes import disputes_docx, draft_disputes, in_dispute
from concord.usecases.drafts import register_draft
from tests.flows.test_decided_docx import _report_rows
from tests.support.answers import circulated, to_bytes
from tests.support.libreoffice import convert
from tests.support.three_rounds import EQUALITY, FIN, HEA, JUS, ThreeRounds, three_rounds


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThreeRounds]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CONCORD_HOME", str(tmp_path_factory.mktemp("history") / "home"))
        patch.delenv("CONCORD_S3_BUCKET", raising=False)
        forget_stores()
        with temporary_settings(restore_defaults={PREFECT_API_URL}):
            yield three_rounds(open_concord_store())
        forget_stores()


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), terminal_width=400)
    assert result.exit_code == 0, result.output
    return result.stdout


def _history(story: ThreeRounds, round_index: int) -> dict[str, list[tuple[int, str, str]]]:
    """Agency -> [(round number, agency, outcome)] of its item in that round."""
    found = items_with_decisions(story.store, story.rounds[round_index - 1], history=True)
    return {
        f.item.agency: [
            (e.round_number, e.item.agency, e.outcome.value if e.outcome else "")
            for e in f.history.earlier
        ]
        for f in found
        if f.history is not None
    }


def _repeated(story: ThreeRounds, round_index: int) -> dict[str, bool]:
    found = items_with_decisions(story.store, story.rounds[round_index - 1], history=True)
    return {f.item.agency: bool(f.history and f.history.repeated) for f in found}


def test_the_first_round_has_no_history(story: ThreeRounds) -> None:
    assert _history(story, 1) == {FIN: [], JUS: [], HEA: []}


def test_round_two_links_each_item_through_the_teams_revision(story: ThreeRounds) -> None:
    assert _history(story, 2) == {
        JUS: [(1, JUS, "not_accepted")],
        # The paragraph moved to another article: still the same passage.
        HEA: [(1, HEA, "noted")],
        # The article is new in version 3: nothing was said about it before.
        FIN: [],
    }
    assert _repeated(story, 2) == {JUS: True, HEA: False, FIN: False}
    before = {i.agency: i for i in merged_items(story.store, story.rounds[0]).items}[HEA]
    after = {i.agency: i for i in merged_items(story.store, story.rounds[1]).items}[HEA]
    assert before.block != after.block and before.location != after.location


def test_round_three_sees_both_earlier_rounds(story: ThreeRounds) -> None:
    assert _history(story, 3) == {
        JUS: [(1, JUS, "not_accepted"), (2, JUS, "not_accepted")],
        FIN: [(2, FIN, "partly_accepted")],
        HEA: [],
    }
    # Bộ Tài chính asks for another word in the same article: a new point, not a repeat.
    assert _repeated(story, 3) == {JUS: True, FIN: False, HEA: False}


def test_items_json_gives_each_items_history(story: ThreeRounds) -> None:
    found = {i["agency"]: i for i in json.loads(_run("items", story.rounds[2], "--json"))}
    assert found[JUS]["repeated"] is True
    assert [
        {k: e[k] for k in ("round_id", "item_id", "agency", "decision")}
        for e in found[JUS]["history"]
    ] == [
        {
            "round_id": story.rounds[0],
            "item_id": story.item(1, JUS),
            "agency": JUS,
            "decision": "not_accepted",
        },
        {
            "round_id": story.rounds[1],
            "item_id": story.item(2, JUS),
            "agency": JUS,
            "decision": "not_accepted",
        },
    ]
    assert found[HEA]["history"] == [] and found[HEA]["repeated"] is False


def test_the_synthesis_report_tells_each_items_history(story: ThreeRounds) -> None:
    report = story.store.object_bytes(story.store.latest_report_key(story.rounds[2]))
    rows = _report_rows(Document(io.BytesIO(report)))
    justice = next(r for r in rows if "Vẫn đề nghị mốc 2040" in r)
    assert "Ý kiến nêu lại (vòng 1, 2 chưa tiếp thu đầy đủ)" in justice
    assert (
        "Vòng 1, Bộ Tư pháp: Sửa: “2030” → “2040”. Không tiếp thu: Giữ mốc 2030 theo Chiến "
        "lược phát triển." in justice
    )
    round_two = story.store.object_bytes(story.store.latest_report_key(story.rounds[1]))
    health = next(r for r in _report_rows(Document(io.BytesIO(round_two))) if EQUALITY in r)
    assert "Vòng 1, Bộ Y tế: Cần làm rõ phạm vi bình đẳng giới. Ghi nhận:" in health


def test_the_disputes_are_exactly_the_open_issues(story: ThreeRounds) -> None:
    found = draft_disputes(story.store, story.draft_id)
    assert found.round.id == story.rounds[2] and found.round_number == 3
    assert sorted(f.item.id for f in found.items) == sorted(
        [story.item(3, JUS), story.item(3, FIN)]
    )


def test_the_disputes_report_lists_them_with_their_history(
    story: ThreeRounds, tmp_path: Path
) -> None:
    out = tmp_path / "disputes.docx"
    assert _run("disputes", story.draft_id, "-o", str(out)).strip() == str(out)
    doc = Document(str(out))
    assert "NHỮNG VẤN ĐỀ CÒN Ý KIẾN KHÁC NHAU" in [p.text for p in doc.paragraphs]
    rows = _report_rows(doc)[1:]
    assert len(rows) == 2
    assert rows[0].startswith("1 | Điều 1 |") and "Bộ Tư pháp" in rows[0]
    assert "Vòng 2, Bộ Tư pháp: Sửa: “2030” → “2040”. Không tiếp thu:" in rows[0]
    assert rows[1].startswith("2 | Điều 2 |") and "Tiếp thu một phần" in rows[1]
    listed = json.loads(_run("disputes", story.draft_id, "--json"))
    assert sorted(i["id"] for i in listed["items"]) == sorted(
        [story.item(3, JUS), story.item(3, FIN)]
    )
    assert listed["round_id"] == story.rounds[2]


def test_a_draft_never_merged_has_no_disputes_to_report(story: ThreeRounds) -> None:
    draft, _ = register_draft(
        story.store, "Chỉ thị mới", to_bytes(circulated()), kind="directive", actor="t"
    )
    with pytest.raises(NotFound, match="no round"):
        draft_disputes(story.store, draft.id)
    result = CliRunner().invoke(app, ["disputes", draft.id, "-o", "x.docx"])
    assert result.exit_code == 2 and "error [not_found]" in result.output


def _decision(outcome: Outcome) -> Decision:
    return Decision(item_id="x", outcome=outcome)


@pytest.mark.parametrize(
    ("outcome", "repeated", "disputed"),
    [
        (Outcome.NOT_ACCEPTED, False, True),
        (Outcome.PARTLY_ACCEPTED, False, True),
        (Outcome.NOTED, False, False),
        (Outcome.ACCEPTED, False, False),
        (None, False, False),
        (Outcome.ACCEPTED, True, False),  # raised again, and taken this time: settled
        (Outcome.NOTED, True, True),
        (None, True, True),
    ],
)
def test_what_counts_as_in_dispute(outcome: Outcome | None, repeated: bool, disputed: bool) -> None:
    history = ItemHistory(item_id="x", repeated_from=("y",) if repeated else ())
    decision = _decision(outcome) if outcome else None
    assert in_dispute(decision, history) is disputed


@pytest.mark.libreoffice
def test_libreoffice_reads_the_disputes_report(story: ThreeRounds, tmp_path: Path) -> None:
    src = tmp_path / "disputes.docx"
    src.write_bytes(disputes_docx(story.store, story.draft_id))
    with zipfile.ZipFile(convert(src, "odt", tmp_path / "odt")) as z:
        seen = re.sub(r"<[^>]+>", " ", z.read("content.xml").decode())
    assert "NHỮNG VẤN ĐỀ CÒN Ý KIẾN KHÁC NHAU" in seen
    assert "Ý kiến nêu lại (vòng 1, 2 chưa tiếp thu đầy đủ)" in seen
    assert "Vòng 2, Bộ Tài chính: Đề nghị giải thích từ “cơ quan”." in seen


@pytest.mark.libreoffice
def test_the_dossier_of_the_three_rounds_holds_every_document_and_verifies(
    story: ThreeRounds, tmp_path: Path
) -> None:
    bundle = tmp_path / "ho-so.zip"
    _run("dossier", story.draft_id, "-o", str(bundle))
    with zipfile.ZipFile(bundle) as z:
        files = {name: z.read(name) for name in z.namelist()}
    manifest = json.loads(files["manifest.json"])
    listed = {path: f["sha256"] for path, f in manifest["files"].items()}
    assert set(listed) == set(files) - {"manifest.json"}
    assert all(hashlib.sha256(files[p]).hexdigest() == sha for p, sha in listed.items())
    # The index (.docx) lists every file with the same SHA-256.
    index = Document(io.BytesIO(files["00-danh-muc-ho-so.docx"])).tables[0]
    indexed = {row.cells[2].text: row.cells[4].text for row in index.rows[1:]}
    assert {p: s for p, s in indexed.items() if p in listed} == {
        p: s for p, s in listed.items() if p in indexed
    }
    assert set(listed) - set(indexed) <= {"00-danh-muc-ho-so.docx"}
    names = set(files)
    # Version 5 as .docx and .pdf, its redline against version 4, the circulated one.
    assert {"01-du-thao/du-thao-lan-5.docx", "01-du-thao/du-thao-lan-5.pdf"} <= names
    assert any(n.startswith("02-so-sanh/") and "4" in n and "5" in n for n in names)
    for k in (1, 2, 3):  # each round's report, three ways, and each agency's answer
        for ext in ("docx", "pdf", "xlsx"):
            assert f"03-bao-cao-tong-hop/vong-{k}/bao-cao-tong-hop.{ext}" in names
        for agency in ("bo-tai-chinh", "bo-tu-phap", "bo-y-te"):
            assert any(n.startswith(f"04-y-kien/vong-{k}/{agency}/") for n in names)
    disputes = Document(io.BytesIO(files["05-van-de-con-y-kien-khac-nhau.docx"]))
    assert len(_report_rows(disputes)) == 3  # the header and the two open issues
    assert files["06-ma-nhat-ky-kiem-tra.txt"].decode().startswith("concord-audit-digest/")
    assert "intact" in _run("dossier", "verify", str(bundle))

    changed = bytearray(files["03-bao-cao-tong-hop/vong-2/bao-cao-tong-hop.xlsx"])
    changed[len(changed) // 2] ^= 0x01
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            is_changed = name == "03-bao-cao-tong-hop/vong-2/bao-cao-tong-hop.xlsx"
            z.writestr(name, bytes(changed) if is_changed else data)
    result = CliRunner().invoke(app, ["dossier", "verify", str(bundle)], terminal_width=400)
    assert result.exit_code == 2
    assert "03-bao-cao-tong-hop/vong-2/bao-cao-tong-hop.xlsx" in result.output
