"""The appraisal dossier of a draft published through two rounds: every document, an index and a
manifest whose SHA-256s match the files, and `concord dossier verify` naming what was changed in
the zip, in the store, or in the manifest itself.

Most tests make PDFs with a stand-in (the fake names the SHA-256 of the .docx it was made from);
one module-scoped build goes through LibreOffice and the command line.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from prefect.settings import PREFECT_API_URL, temporary_settings
from typer.testing import CliRunner

from concord.cli import app
from concord.engine.disputes_report import TITLE as DISPUTES_TITLE
from concord.engine.ooxml import NS, parse_xml, read_parts
from concord.errors import InvalidInput
from concord.models import Decision, Outcome
from concord.storage import keys
from concord.storage.answer_records import Attachment
from concord.storage.audit import entry_bytes
from concord.storage.factory import forget_stores, open_concord_store
from concord.storage.local import LocalStore
from concord.storage.records import ConcordStore
from concord.usecases.answers import add_typed_item, receive_answer, submit_answer
from concord.usecases.audit import verify_audit
from concord.usecases.decisions import merged_items, record_decisions
from concord.usecases.dossier import assemble_dossier
from concord.usecases.dossier_check import verify_dossier
from concord.usecases.drafts import register_draft
from concord.usecases.merging import merge_round
from concord.usecases.publishing import publish_round
from concord.usecases.rounds import open_round
from tests.flows.documents import answer_docx, draft_docx
from tests.support.cli import allow_actor
from tests.support.libreoffice import soffice_path
from tests.support.pdfs import plain_letter

FIN, JUS, HEA = "Bộ Tài chính", "Bộ Tư pháp", "Bộ Y tế"
FIN_LETTER = "số 12/BTC-PC ngày 01/12/2026"
HEA_LETTER = "số 56/BYT-PC ngày 02/12/2026"
# What Bộ Tư pháp uploaded before Concord converted it (the conversion itself is tested with
# LibreOffice in test_converted_answers): the dossier must carry these bytes, not the .docx.
ODT_AS_SENT = b"PK\x03\x04 the .odt Bo Tu phap uploaded"

EXPECTED = {
    "00-danh-muc-ho-so.docx",
    "01-du-thao/du-thao-lan-3.docx",
    "01-du-thao/du-thao-lan-3.pdf",
    "02-so-sanh/so-sanh-lan-2-voi-lan-3.docx",
    "03-bao-cao-tong-hop/vong-1/bao-cao-tong-hop.docx",
    "03-bao-cao-tong-hop/vong-1/bao-cao-tong-hop.pdf",
    "03-bao-cao-tong-hop/vong-1/bao-cao-tong-hop.xlsx",
    "03-bao-cao-tong-hop/vong-2/bao-cao-tong-hop.docx",
    "03-bao-cao-tong-hop/vong-2/bao-cao-tong-hop.pdf",
    "03-bao-cao-tong-hop/vong-2/bao-cao-tong-hop.xlsx",
    "04-y-kien/vong-1/bo-tai-chinh/van-ban-gop-y.docx",
    "04-y-kien/vong-1/bo-tai-chinh/cong-van-tra-loi.pdf",
    "04-y-kien/vong-1/bo-tu-phap/van-ban-gop-y.odt",
    "04-y-kien/vong-1/bo-y-te/cong-van-tra-loi.pdf",
    "04-y-kien/vong-2/bo-tai-chinh/van-ban-gop-y.docx",
    "04-y-kien/vong-2/bo-tu-phap/van-ban-gop-y.docx",
    "05-van-de-con-y-kien-khac-nhau.docx",
    "06-ma-nhat-ky-kiem-tra.txt",
    "manifest.json",
}
ANSWER_R1_FIN = "04-y-kien/vong-1/bo-tai-chinh/van-ban-gop-y.docx"
REPORT_R1 = "03-bao-cao-tong-hop/vong-1/bao-cao-tong-hop.docx"


def fake_pdfs(files: Sequence[bytes]) -> list[bytes]:
    """A stand-in for LibreOffice: each "PDF" names the .docx it was made from."""
    return [b"%PDF-fake " + hashlib.sha256(f).hexdigest().encode() for f in files]


@dataclass
class Published:
    store: ConcordStore
    draft_id: str
    rounds: list[str]
    answers: dict[str, str]  # path in the dossier -> the store key of what was received


def _decide_all(store: ConcordStore, round_id: str, accept: str | None) -> None:
    """Accept the change of the agency `accept`; note everything else."""
    items = merged_items(store, round_id).items
    decisions = [
        Decision(
            item_id=i.id,
            outcome=Outcome.ACCEPTED if i.agency == accept else Outcome.NOTED,
            explanation="" if i.agency == accept else "Ghi nhận.",
        )
        for i in items
    ]
    record_decisions(store, round_id, decisions, actor="chuyên viên")


def publish_two_rounds(store: ConcordStore) -> Published:
    """Round 1 on version 1 (a .docx with a letter, a converted .odt, a letter alone with a
    typed item), nothing accepted: version 2. Round 2 on version 2, Bộ Tài chính's change
    accepted: version 3."""
    draft, _ = register_draft(store, "Nghị quyết thử", draft_docx(), kind="resolution", actor="t")
    deadline = datetime.now(UTC) + timedelta(days=7)
    r1 = open_round(store, draft.id, [FIN, JUS, HEA], deadline, actor="t").id
    fin, _ = receive_answer(
        store,
        r1,
        FIN,
        answer_docx(store.circulated_bytes(r1, "bo-tai-chinh"), "bo-tai-chinh", "2035"),
        filename="gop-y-btc.docx",
        letter_file=plain_letter(),
        letter_filename="cv-12.pdf",
        letter=FIN_LETTER,
        actor="văn thư",
    )
    jus, _ = submit_answer(
        store,
        r1,
        "bo-tu-phap",
        answer_docx(store.circulated_bytes(r1, "bo-tu-phap"), "bo-tu-phap", "2040"),
        filename="gop-y-btp.odt",
        actor="văn thư",
        original=Attachment(data=ODT_AS_SENT, ext="odt", filename="gop-y-btp.odt"),
    )
    hea, _ = receive_answer(
        store,
        r1,
        HEA,
        None,
        letter_file=plain_letter(),
        letter_filename="cv-56.pdf",
        letter=HEA_LETTER,
        actor="văn thư",
    )
    add_typed_item(
        store, r1, HEA, comment="Đề nghị bổ sung đánh giá tác động.", general=True, actor="cv"
    )
    merge_round(store, r1, actor="t")
    _decide_all(store, r1, accept=None)
    publish_round(store, r1, actor="t")

    r2 = open_round(store, draft.id, [FIN, JUS], deadline, actor="t").id
    fin2, _ = submit_answer(
        store,
        r2,
        "bo-tai-chinh",
        answer_docx(store.circulated_bytes(r2, "bo-tai-chinh"), "bo-tai-chinh", "2036"),
        filename="gop-y-lan-2.docx",
        actor="văn thư",
    )
    jus2, _ = submit_answer(
        store,
        r2,
        "bo-tu-phap",
        answer_docx(store.circulated_bytes(r2, "bo-tu-phap"), "bo-tu-phap", "2036"),
        filename="gop-y-lan-2.docx",
        actor="văn thư",
    )
    merge_round(store, r2, actor="t")
    _decide_all(store, r2, accept=FIN)
    publish_round(store, r2, actor="t")
    assert [v.number for v in store.versions(draft.id)] == [1, 2, 3]
    assert jus.original_key and fin.letter_key and hea.letter_key
    answers = {
        ANSWER_R1_FIN: fin.key,
        "04-y-kien/vong-1/bo-tai-chinh/cong-van-tra-loi.pdf": fin.letter_key,
        "04-y-kien/vong-1/bo-tu-phap/van-ban-gop-y.odt": jus.original_key,
        "04-y-kien/vong-1/bo-y-te/cong-van-tra-loi.pdf": hea.letter_key,
        "04-y-kien/vong-2/bo-tai-chinh/van-ban-gop-y.docx": fin2.key,
        "04-y-kien/vong-2/bo-tu-phap/van-ban-gop-y.docx": jus2.key,
    }
    return Published(store, draft.id, [r1, r2], answers)


@pytest.fixture
def published(store: ConcordStore) -> Published:
    return publish_two_rounds(store)


@pytest.fixture
def bundle(published: Published, tmp_path: Path) -> Path:
    made = assemble_dossier(published.store, published.draft_id, actor="Vụ Pháp chế", pdf=fake_pdfs)
    path = tmp_path / made.filename
    path.write_bytes(made.to_zip())
    return path


def _files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _rewrite(path: Path, files: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _verify(path: Path, code: int) -> str:
    result = CliRunner().invoke(app, ["dossier", "verify", str(path)], terminal_width=400)
    assert result.exit_code == code, result.output
    return result.output


def _index_rows(docx: bytes) -> dict[str, tuple[str, str, str]]:
    """path -> (description, size, SHA-256) from the index's table."""
    table = Document(io.BytesIO(docx)).tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Tài liệu", "Tệp trong hồ sơ", "Dung lượng", "SHA-256"]
    return {r[2]: (r[1], r[3], r[4]) for r in rows[1:]}


def check_contents(p: Published, files: dict[str, bytes], made_pdf: bool) -> None:
    """What every dossier of `publish_two_rounds` holds, whoever made its PDFs."""
    store, draft_id = p.store, p.draft_id
    assert set(files) == EXPECTED
    manifest = json.loads(files["manifest.json"])
    assert manifest["draft_id"] == draft_id and manifest["version"] == 3
    listed = manifest["files"]
    assert set(listed) == EXPECTED - {"manifest.json"}
    for path, entry in listed.items():
        assert entry["sha256"] == _sha(files[path]), path
        assert entry["size"] == len(files[path]), path
    # The index lists every other document with the same SHA-256 and size.
    rows = _index_rows(files["00-danh-muc-ho-so.docx"])
    assert set(rows) == EXPECTED - {"manifest.json", "00-danh-muc-ho-so.docx"}
    for path, (what, size, sha) in rows.items():
        assert sha == _sha(files[path]) and size == f"{len(files[path]):,} byte".replace(",", ".")
        assert what == listed[path]["description"]
    assert "Bộ Y tế" in rows["04-y-kien/vong-1/bo-y-te/cong-van-tra-loi.pdf"][0]
    assert HEA_LETTER in rows["04-y-kien/vong-1/bo-y-te/cong-van-tra-loi.pdf"][0]

    # The draft and the reports are the stored bytes; answers and letters as received.
    assert files["01-du-thao/du-thao-lan-3.docx"] == store.version_bytes(draft_id, 3)
    for n, rid in enumerate(p.rounds, start=1):
        key = store.latest_report_key(rid)
        assert key is not None
        folder = f"03-bao-cao-tong-hop/vong-{n}/bao-cao-tong-hop"
        assert files[f"{folder}.docx"] == store.object_bytes(key)
        assert listed[f"{folder}.pdf"]["source_key"] == key
        sheet = openpyxl.load_workbook(io.BytesIO(files[f"{folder}.xlsx"])).active
        assert sheet is not None and sheet.max_row > 1
    for path, key in p.answers.items():
        assert files[path] == store.object_bytes(key), path
        assert listed[path]["source_key"] == key
    assert files["04-y-kien/vong-1/bo-tu-phap/van-ban-gop-y.odt"] == ODT_AS_SENT
    assert files["04-y-kien/vong-1/bo-tai-chinh/cong-van-tra-loi.pdf"] == plain_letter()
    if made_pdf:
        for path in ("01-du-thao/du-thao-lan-3.pdf", REPORT_R1.replace(".docx", ".pdf")):
            assert files[path].startswith(b"%PDF-") and len(files[path]) > 1000
    else:  # each PDF was made from the .docx beside it
        for path in ("01-du-thao/du-thao-lan-3.docx", REPORT_R1):
            made = files[path.replace(".docx", ".pdf")]
            assert made == b"%PDF-fake " + _sha(files[path]).encode()

    # The redline is version 2 -> 3: Bộ Tài chính's accepted 2036, tracked.
    body = parse_xml(
        read_parts(files["02-so-sanh/so-sanh-lan-2-voi-lan-3.docx"])["word/document.xml"]
    )
    inserted = "".join(t.text or "" for ins in body.iter(f"{{{NS['w']}}}ins") for t in ins.iter())
    assert "2036" in inserted
    disputes = Document(io.BytesIO(files["05-van-de-con-y-kien-khac-nhau.docx"]))
    assert DISPUTES_TITLE in [para.text for para in disputes.paragraphs]
    digest = files["06-ma-nhat-ky-kiem-tra.txt"].decode().strip()
    assert digest == manifest["audit_digest"]
    assert verify_audit(store, draft_id, against=digest).ok

    # The audit names this manifest.
    entry = store.audit.entries(draft_id)[-1]
    assert entry.action == "dossier.assembled"
    assert entry.details["manifest_sha256"] == _sha(files["manifest.json"])
    assert entry.details["files"] == len(EXPECTED) - 1 and entry.details["version"] == 3


def test_the_dossier_holds_every_document_with_matching_index_and_manifest(
    published: Published, bundle: Path
) -> None:
    check_contents(published, _files(bundle), made_pdf=False)
    assert "intact" in _verify(bundle, 0)
    found = verify_dossier(published.store, bundle)
    assert found.ok and found.files == len(EXPECTED) - 1 and found.altered == []
    # The version, 2 reports, 6 answers and letters, and the 3 PDFs made from stored .docx.
    assert found.from_store == 12


def test_verify_names_the_file_changed_by_one_byte(published: Published, bundle: Path) -> None:
    files = _files(bundle)
    changed = bytearray(files[REPORT_R1])
    changed[len(changed) // 2] ^= 0x01
    _rewrite(bundle, {**files, REPORT_R1: bytes(changed)})
    out = _verify(bundle, 2)
    assert "error [dossier_altered]" in out and f"{REPORT_R1}: its SHA-256 differs" in out
    # Only that file is named (manifest.json is named as what it differs from).
    assert [p for p in EXPECTED - {"manifest.json"} if p in out] == [REPORT_R1]
    assert verify_dossier(published.store, bundle).altered == [REPORT_R1]


def test_verify_names_a_file_whose_compressed_bytes_were_damaged(
    published: Published, bundle: Path
) -> None:
    raw = bytearray(bundle.read_bytes())
    with zipfile.ZipFile(bundle) as z:
        info = z.getinfo(ANSWER_R1_FIN)
    # The local header: 30 bytes, then the name and the extra field, then the data.
    name_len = int.from_bytes(raw[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_len = int.from_bytes(raw[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    raw[start + info.compress_size // 2] ^= 0xFF
    bundle.write_bytes(bytes(raw))
    found = verify_dossier(published.store, bundle)
    assert not found.ok and found.altered == [ANSWER_R1_FIN]
    assert ANSWER_R1_FIN in _verify(bundle, 2)


def test_verify_names_files_added_to_or_removed_from_the_zip(
    published: Published, bundle: Path
) -> None:
    files = _files(bundle)
    removed = "04-y-kien/vong-1/bo-y-te/cong-van-tra-loi.pdf"
    del files[removed]
    _rewrite(bundle, {**files, "ghi-chu.txt": b"added later"})
    found = verify_dossier(published.store, bundle)
    assert found.altered == [removed, "ghi-chu.txt"]
    out = _verify(bundle, 2)
    assert f"{removed}: listed in manifest.json but not in the zip" in out
    assert "ghi-chu.txt: in the zip but not in manifest.json" in out


def test_verify_names_the_files_whose_stored_objects_changed_since(
    published: Published, bundle: Path
) -> None:
    objects = published.store.store
    assert isinstance(objects, LocalStore)
    answer_key = published.answers[ANSWER_R1_FIN]
    stored = objects.root / answer_key
    stored.write_bytes(stored.read_bytes() + b"\0")  # the sidecar metadata is left as it was
    letter = "04-y-kien/vong-1/bo-y-te/cong-van-tra-loi.pdf"
    (objects.root / published.answers[letter]).unlink()
    found = verify_dossier(published.store, bundle)
    assert found.altered == [ANSWER_R1_FIN, letter]
    out = _verify(bundle, 2)
    assert f"{ANSWER_R1_FIN}: the stored object {answer_key} changed since" in out
    assert f"{letter}: the stored object {published.answers[letter]} is gone" in out


def test_a_manifest_rewritten_to_match_a_changed_file_is_caught_by_the_audit(
    published: Published, bundle: Path
) -> None:
    files = _files(bundle)
    forged = files[ANSWER_R1_FIN] + b"\0"
    manifest = json.loads(files["manifest.json"])
    manifest["files"][ANSWER_R1_FIN] |= {"sha256": _sha(forged), "size": len(forged)}
    rewritten = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False).encode()
    _rewrite(bundle, {**files, ANSWER_R1_FIN: forged, "manifest.json": rewritten})
    found = verify_dossier(published.store, bundle)
    # The files agree with the rewritten manifest; the audit knows no such manifest.
    assert found.altered == ["manifest.json"] and len(found.problems) == 1
    assert "manifest.json: its SHA-256 is in no dossier entry of the audit" in _verify(bundle, 2)

    # An entry naming the forged manifest, put in the bucket without the audit key, is no proof.
    store, draft_id = published.store, published.draft_id
    last = store.audit.entries(draft_id)[-1]
    forged_entry = last.model_copy(
        update={
            "seq": last.seq + 1,
            "prev_sha256": _sha(entry_bytes(last)),
            "details": {**last.details, "manifest_sha256": _sha(rewritten)},
        }
    )
    store.store.put_if_absent(keys.audit_entry(draft_id, last.seq + 1), entry_bytes(forged_entry))
    assert store.audit.entries(draft_id)[-1] == forged_entry
    assert verify_dossier(store, bundle).altered == ["manifest.json"]


def test_verify_refuses_what_is_not_a_dossier(published: Published, bundle: Path) -> None:
    files = _files(bundle)
    del files["manifest.json"]
    _rewrite(bundle, files)
    found = verify_dossier(published.store, bundle)
    assert found.altered == ["manifest.json"] and "manifest.json: missing" in found.problems[0]
    assert "error [dossier_altered]" in _verify(bundle, 2)
    bundle.write_bytes(b"not a zip at all")
    assert "error [invalid_input]: not a dossier" in _verify(bundle, 2)


def test_verify_as_json_for_scripts(published: Published, bundle: Path) -> None:
    result = CliRunner().invoke(app, ["dossier", "verify", str(bundle), "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["ok"] and found["version"] == 3 and found["altered"] == []
    entry = published.store.audit.entries(published.draft_id)[-1]
    assert entry.action == "dossier.assembled" and found["recorded_seq"] == entry.seq


def test_a_draft_never_published_has_no_dossier(store: ConcordStore, tmp_path: Path) -> None:
    draft, _ = register_draft(store, "Chỉ thị mới", draft_docx(), kind="directive", actor="t")
    with pytest.raises(InvalidInput, match=r"no published version yet.*Publish a round first"):
        assemble_dossier(store, draft.id, actor="t", pdf=fake_pdfs)
    out = tmp_path / "ho-so.zip"
    result = CliRunner().invoke(app, ["dossier", draft.id, "-o", str(out)])
    assert result.exit_code == 2 and "error [not_published]" in result.output
    assert not out.exists()


def test_without_libreoffice_the_dossier_is_refused_before_anything_is_recorded(
    published: Published, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    before = len(published.store.audit.entries(published.draft_id))
    out = tmp_path / "ho-so.zip"
    result = CliRunner().invoke(app, ["dossier", published.draft_id, "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "error [libreoffice_missing]" in result.output and "install it" in result.output
    assert not out.exists()
    assert len(published.store.audit.entries(published.draft_id)) == before


# -- through LibreOffice and the command line, once -----------------------------------------


@pytest.fixture(scope="module")
def lo_dossier(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Published, Path]]:
    if soffice_path() is None:
        pytest.skip("LibreOffice is not installed")
    home = tmp_path_factory.mktemp("dossier-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CONCORD_HOME", str(home))
        patch.delenv("CONCORD_S3_BUCKET", raising=False)
        forget_stores()
        with temporary_settings(restore_defaults={PREFECT_API_URL}):
            published = publish_two_rounds(open_concord_store())
            out = home / "ho-so.zip"
            allow_actor("Vụ Pháp chế")
            result = CliRunner().invoke(
                app, ["dossier", published.draft_id, "-o", str(out), "--actor", "Vụ Pháp chế"]
            )
            assert result.exit_code == 0, result.output
            assert result.stdout.strip() == str(out)
            last = published.store.audit.entries(published.draft_id)[-1]
            assert (last.action, last.actor) == ("dossier.assembled", "Vụ Pháp chế")
            yield published, out
        forget_stores()


@pytest.mark.libreoffice
def test_the_dossier_made_by_the_command_holds_real_pdfs_and_verifies(
    lo_dossier: tuple[Published, Path],
) -> None:
    published, path = lo_dossier
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED}
    check_contents(published, _files(path), made_pdf=True)
    assert "intact" in _verify(path, 0)
