"""The appraisal dossier ("hồ sơ thẩm định") of a draft's latest published version, in one zip.

It holds the version (.docx, .pdf), the redline against the version circulated in the round that
published it, each published round's synthesis report (.docx as stored, .pdf of that .docx,
.xlsx), each agency's answer and reply letter as received, the issues still in dispute, the audit
digest, an index (.docx) and `manifest.json` (path -> SHA-256, size, kind, the stored object it
came from). Assembling appends `dossier.assembled` to the draft's audit with the manifest's
SHA-256, which is how `usecases.dossier_check` knows a manifest is the one Concord made.

Paths in the zip are ASCII and stable: `01-du-thao/du-thao-lan-4.docx`,
`03-bao-cao-tong-hop/vong-1/bao-cao-tong-hop.pdf`,
`04-y-kien/vong-1/bo-tu-phap/cong-van-tra-loi.pdf`.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from concord.engine.dossier_index import build_dossier_index, describe
from concord.engine.pdf import ConversionUnavailable, docx_to_pdf_many, soffice
from concord.errors import InvalidInput
from concord.messages import t
from concord.models import Answer, DossierFile, DossierKind, DossierManifest, Round, Version
from concord.storage import keys
from concord.storage.canonical import sha256_hex
from concord.storage.records import ConcordStore
from concord.usecases.audit import audit_digest
from concord.usecases.disputes import disputes_docx
from concord.usecases.drafts import compare_versions
from concord.usecases.publishing import export_report

# Several .docx in, their PDFs out (in order): one LibreOffice run for all of them.
PdfMaker = Callable[[Sequence[bytes]], list[bytes]]

MANIFEST = "manifest.json"
INDEX = "00-danh-muc-ho-so.docx"
DRAFT_DIR = "01-du-thao"
REDLINE_DIR = "02-so-sanh"
REPORTS_DIR = "03-bao-cao-tong-hop"
ANSWERS_DIR = "04-y-kien"
DISPUTES = "05-van-de-con-y-kien-khac-nhau.docx"
DIGEST = "06-ma-nhat-ky-kiem-tra.txt"


@dataclass(frozen=True)
class Dossier:
    manifest: DossierManifest
    manifest_bytes: bytes
    contents: dict[str, bytes]  # path -> bytes, every file of the manifest

    @property
    def manifest_sha256(self) -> str:
        return sha256_hex(self.manifest_bytes)

    @property
    def filename(self) -> str:
        return dossier_filename(self.manifest.draft_id, self.manifest.version)

    def to_zip(self) -> bytes:
        """A plain zip (deflate), every file dated when the dossier was assembled."""
        stamp = self.manifest.assembled_at.astimezone(UTC).timetuple()[:6]
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as bundle:
            for path, data in [*self.contents.items(), (MANIFEST, self.manifest_bytes)]:
                info = zipfile.ZipInfo(path, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                bundle.writestr(info, data)
        return buf.getvalue()


def dossier_filename(draft_id: str, version: int) -> str:
    return f"ho-so-tham-dinh-{draft_id}-lan-{version}.zip"


def latest_published(store: ConcordStore, draft_id: str) -> Version:
    """The newest version published from a round; InvalidInput when there is none."""
    published = [v for v in store.versions(draft_id) if v.from_round is not None]
    if not published:
        raise InvalidInput(t("refusal.dossier_not_published", draft=draft_id), code="not_published")
    return published[-1]


def assemble_dossier(
    store: ConcordStore,
    draft_id: str,
    *,
    actor: str,
    pdf: PdfMaker | None = None,
    now: datetime | None = None,
) -> Dossier:
    """Every document of the draft's latest published version, its index and manifest; the
    assembly is recorded in the audit. `pdf` defaults to LibreOffice (refused up front when it
    is not installed)."""
    draft = store.draft(draft_id)
    version = latest_published(store, draft_id)
    if pdf is None:
        check_libreoffice()
        pdf = docx_to_pdf_many
    digest = audit_digest(store, draft_id)
    files = _Files()
    _add_version(store, files, version)
    for rnd in published_rounds(store, draft_id, version.number):
        _add_round(store, files, rnd)
    files.add(DISPUTES, "disputes", disputes_docx(store, draft_id), describe("disputes"))
    files.add(DIGEST, "audit_digest", (digest + "\n").encode(), describe("audit_digest"))
    files.convert(pdf)
    manifest = DossierManifest(
        draft_id=draft_id,
        draft_title=draft.title,
        version=version.number,
        assembled_at=now or datetime.now(UTC),
        assembled_by=actor,
        audit_digest=digest,
        files=files.entries,
    )
    # The index lists every other document; the manifest lists the index too, first.
    index = build_dossier_index(manifest)
    listed = {INDEX: file_entry("index", index, describe("index")), **files.entries}
    manifest = manifest.model_copy(update={"files": listed})
    body = manifest_bytes(manifest)
    store.record_dossier(
        draft_id,
        manifest_sha256=sha256_hex(body),
        version=version.number,
        files=len(manifest.files),
        actor=actor,
    )
    return Dossier(manifest, body, {INDEX: index, **files.contents})


def manifest_bytes(manifest: DossierManifest) -> bytes:
    """Indented, sorted JSON: a person may open it; its SHA-256 is over exactly these bytes."""
    body = manifest.model_dump(mode="json", exclude_none=True)
    return json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False).encode() + b"\n"


def check_libreoffice() -> None:
    if soffice() is None:
        raise ConversionUnavailable(t("refusal.dossier_needs_libreoffice"))


def published_rounds(store: ConcordStore, draft_id: str, up_to: int) -> list[Round]:
    """The draft's rounds published as version `up_to` or earlier, in order."""
    found = []
    for rnd in store.rounds(draft_id):
        published = store.published_version(rnd)
        if published is not None and published <= up_to:
            found.append(rnd)
    return found


def file_entry(
    kind: DossierKind,
    data: bytes,
    description: str,
    source_key: str | None = None,
    source: bytes | None = None,
) -> DossierFile:
    """`source`: the stored bytes `data` was made from, at `source_key` (default: `data`)."""
    return DossierFile(
        kind=kind,
        description=description,
        sha256=sha256_hex(data),
        size=len(data),
        source_key=source_key,
        source_sha256=sha256_hex(data if source is None else source) if source_key else None,
    )


@dataclass
class _Files:
    """The dossier's files in the order they are listed; PDFs are made at the end, in one run,
    and listed where they were asked for."""

    order: list[str] = field(default_factory=list)
    entries: dict[str, DossierFile] = field(default_factory=dict)
    contents: dict[str, bytes] = field(default_factory=dict)
    # (path, kind, .docx to convert, description, the stored .docx's key or None)
    pending: list[tuple[str, DossierKind, bytes, str, str | None]] = field(default_factory=list)

    def add(
        self,
        path: str,
        kind: DossierKind,
        data: bytes,
        description: str,
        *,
        source_key: str | None = None,
        source: bytes | None = None,
    ) -> None:
        if path not in self.entries and path not in {p for p, *_ in self.pending}:
            self.order.append(path)
        self.entries[path] = file_entry(kind, data, description, source_key, source)
        self.contents[path] = data

    def add_pdf(
        self, path: str, kind: DossierKind, docx: bytes, description: str, source_key: str | None
    ) -> None:
        self.order.append(path)
        self.pending.append((path, kind, docx, description, source_key))

    def convert(self, pdf: PdfMaker) -> None:
        made = pdf([docx for _, _, docx, _, _ in self.pending])
        for (path, kind, docx, description, key), data in zip(self.pending, made, strict=True):
            self.add(path, kind, data, description, source_key=key, source=docx)
        self.pending = []
        self.entries = {p: self.entries[p] for p in self.order}
        self.contents = {p: self.contents[p] for p in self.order}


def _add_version(store: ConcordStore, files: _Files, version: Version) -> None:
    n = version.number
    data = store.version_bytes(version.draft_id, n)
    stem = f"{DRAFT_DIR}/du-thao-lan-{n}"
    files.add(f"{stem}.docx", "draft", data, describe("draft", version=n), source_key=version.key)
    files.add_pdf(f"{stem}.pdf", "draft_pdf", data, describe("draft_pdf", version=n), version.key)
    assert version.from_round is not None
    old = store.round(version.from_round).version
    redline = compare_versions(store, version.draft_id, old, n).result.docx
    path = f"{REDLINE_DIR}/so-sanh-lan-{old}-voi-lan-{n}.docx"
    files.add(path, "redline", redline, describe("redline", old=old, version=n))


def _add_round(store: ConcordStore, files: _Files, rnd: Round) -> None:
    number = keys.parse_round_id(rnd.id)[1]
    report_key = store.latest_report_key(rnd.id)
    if report_key is not None:
        folder = f"{REPORTS_DIR}/vong-{number}/bao-cao-tong-hop"
        docx = store.object_bytes(report_key)
        files.add(
            f"{folder}.docx",
            "report",
            docx,
            describe("report", round=number),
            source_key=report_key,
        )
        files.add_pdf(
            f"{folder}.pdf", "report_pdf", docx, describe("report_pdf", round=number), report_key
        )
        xlsx = export_report(store, rnd.id, "xlsx")
        files.add(f"{folder}.xlsx", "report_xlsx", xlsx, describe("report_xlsx", round=number))
    latest = store.latest_answers(rnd.id)
    for agency in rnd.agencies:
        if agency.id in latest:
            _add_answer(store, files, latest[agency.id], f"{ANSWERS_DIR}/vong-{number}", number)


def _add_answer(
    store: ConcordStore, files: _Files, answer: Answer, folder: str, round_number: int
) -> None:
    """The agency's file as it sent it (before any conversion) and its reply letter."""
    folder = f"{folder}/{answer.agency.id}"
    name = answer.agency.name
    if not answer.letter_only:
        key = answer.original_key or answer.key
        data = store.object_bytes(key) if answer.original_key else store.answer_bytes(answer)
        what = describe("answer", round=round_number, agency=name, filename=answer.filename)
        files.add(f"{folder}/van-ban-gop-y.{_ext(key)}", "answer", data, what, source_key=key)
    if answer.letter_key is not None:
        data = store.object_bytes(answer.letter_key)
        reference = f" {answer.letter}" if answer.letter else ""
        what = describe("letter", round=round_number, agency=name, reference=reference)
        path = f"{folder}/cong-van-tra-loi.{_ext(answer.letter_key)}"
        files.add(path, "letter", data, what, source_key=answer.letter_key)


def _ext(key: str) -> str:
    return key.rsplit(".", 1)[-1]
