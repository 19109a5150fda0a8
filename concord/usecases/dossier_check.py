"""Verifying an appraisal dossier (a zip made by usecases.dossier): its manifest, the store.

Three checks, each naming every file it finds wrong:
1. every file in the zip against `manifest.json` (SHA-256 and size; missing and extra files);
2. the manifest against the draft's audit: its SHA-256 must be in a signed `dossier.assembled`
   entry, so a manifest rewritten to agree with an altered file is caught;
3. every file that came from the store (or was made from a stored .docx) against the stored
   object now: a stored answer, letter, report or version changed or deleted since is named.

The zip is never extracted: members are hashed as they are read, so names cannot escape anywhere
and a member's size costs time, not memory.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from pathlib import Path

from pydantic import BaseModel, ValidationError

from concord.errors import DossierAltered, InvalidInput
from concord.messages import t
from concord.models import DossierManifest
from concord.storage import keys
from concord.storage.canonical import sha256_hex
from concord.storage.errors import StorageError
from concord.storage.records import ConcordStore
from concord.usecases.dossier import MANIFEST

MAX_MEMBERS = 10_000
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
_CHUNK = 1024 * 1024


class DossierCheck(BaseModel):
    """What `verify_dossier` found. `altered`: every path found wrong (manifest.json included
    when it is not the one Concord recorded); `problems`: one line per finding, in the language
    of whoever asked."""

    ok: bool
    draft_id: str = ""
    version: int = 0
    files: int = 0
    manifest_sha256: str = ""
    recorded_seq: int | None = None  # the audit entry that names this manifest
    from_store: int = 0  # files compared with the store's current objects
    altered: list[str] = []
    problems: list[str] = []
    notes: list[str] = []

    def summary(self) -> str:
        if self.ok:
            return t(
                "refusal.dossier_intact",
                files=self.files,
                seq=self.recorded_seq,
                draft=self.draft_id,
                from_store=self.from_store,
            )
        problems = "; ".join(self.problems)
        return t("refusal.dossier_altered", count=len(self.altered), problems=problems)

    def raise_if_altered(self) -> None:
        if not self.ok:
            raise DossierAltered(self.summary())


def verify_dossier(store: ConcordStore, source: Path | bytes) -> DossierCheck:
    """The three checks (module docstring) on the zip at `source` (a path, or its bytes)."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as z:
            return _verify(store, z)
    except zipfile.BadZipFile as err:
        raise InvalidInput(t("refusal.dossier_not_zip", error=err)) from err


def _verify(store: ConcordStore, bundle: zipfile.ZipFile) -> DossierCheck:
    members = [m for m in bundle.infolist() if not m.is_dir()]
    if len(members) > MAX_MEMBERS:
        raise InvalidInput(t("refusal.dossier_too_many", count=len(members)))
    manifest, raw, problem = _manifest(bundle)
    if manifest is None:
        return DossierCheck(ok=False, altered=[MANIFEST], problems=[problem])
    check = DossierCheck(
        ok=False,
        draft_id=manifest.draft_id,
        version=manifest.version,
        files=len(manifest.files),
        manifest_sha256=sha256_hex(raw),
    )
    _check_files(bundle, members, manifest, check)
    if _valid_id(manifest.draft_id):
        _check_recorded(store, check)
        _check_sources(store, manifest, check)
        _note_newer(store, manifest, check)
    else:
        check.problems.append(
            t("refusal.dossier_bad_draft_id", manifest=MANIFEST, draft=manifest.draft_id)
        )
        check.altered.append(MANIFEST)
    check.altered = sorted(set(check.altered))
    check.ok = not check.problems
    return check


def _manifest(bundle: zipfile.ZipFile) -> tuple[DossierManifest | None, bytes, str]:
    try:
        info = bundle.getinfo(MANIFEST)
    except KeyError:
        return None, b"", t("refusal.dossier_manifest_missing", manifest=MANIFEST)
    if info.file_size > MAX_MANIFEST_BYTES:
        size = info.file_size
        return None, b"", t("refusal.dossier_manifest_too_large", manifest=MANIFEST, size=size)
    try:
        raw = bundle.read(info)
        return DossierManifest.model_validate_json(raw), raw, ""
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        return None, b"", t("refusal.dossier_manifest_unreadable", manifest=MANIFEST, error=err)
    except ValidationError as err:
        count = err.error_count()
        return None, b"", t("refusal.dossier_manifest_invalid", manifest=MANIFEST, count=count)


def _check_files(
    bundle: zipfile.ZipFile,
    members: list[zipfile.ZipInfo],
    manifest: DossierManifest,
    check: DossierCheck,
) -> None:
    seen: set[str] = set()
    for info in members:
        path = info.filename
        if path in seen:
            check.problems.append(t("refusal.dossier_twice", path=path))
            check.altered.append(path)
            continue
        seen.add(path)
        if path == MANIFEST:
            continue
        entry = manifest.files.get(path)
        if entry is None:
            check.problems.append(t("refusal.dossier_added", path=path, manifest=MANIFEST))
            check.altered.append(path)
            continue
        found = _member_sha256(bundle, info)
        if found is None:
            check.problems.append(t("refusal.dossier_member_unreadable", path=path))
            check.altered.append(path)
        elif found != entry.sha256 or info.file_size != entry.size:
            check.problems.append(t("refusal.dossier_changed", path=path, manifest=MANIFEST))
            check.altered.append(path)
    for path in manifest.files:
        if path not in seen:
            check.problems.append(t("refusal.dossier_removed", path=path, manifest=MANIFEST))
            check.altered.append(path)


def _member_sha256(bundle: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    """None when the member cannot be read (a changed byte in compressed data breaks its CRC)."""
    digest = hashlib.sha256()
    try:
        with bundle.open(info) as member:
            while chunk := member.read(_CHUNK):
                digest.update(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
        return None
    return digest.hexdigest()


def _check_recorded(store: ConcordStore, check: DossierCheck) -> None:
    for entry in store.dossier_entries(check.draft_id):
        if entry.details.get("manifest_sha256") == check.manifest_sha256:
            check.recorded_seq = entry.seq
            return
    check.problems.append(
        t(
            "refusal.dossier_not_recorded",
            manifest=MANIFEST,
            draft=check.draft_id,
            store=store.describe(),
        )
    )
    check.altered.append(MANIFEST)


def _check_sources(store: ConcordStore, manifest: DossierManifest, check: DossierCheck) -> None:
    prefix = keys.draft_prefix(manifest.draft_id)
    now: dict[str, str | None] = {}  # key -> SHA-256 in the store now (None: gone)
    for path, entry in manifest.files.items():
        key = entry.source_key
        if key is None:
            continue
        if not key.startswith(prefix):
            check.problems.append(t("refusal.dossier_foreign_source", path=path, source=key))
            check.altered.append(path)
            continue
        if key not in now:
            try:
                now[key] = sha256_hex(store.object_bytes(key))
            except StorageError:
                now[key] = None
        check.from_store += 1
        if now[key] is None:
            check.problems.append(t("refusal.dossier_source_gone", path=path, source=key))
            check.altered.append(path)
        elif now[key] != entry.source_sha256:
            check.problems.append(t("refusal.dossier_source_changed", path=path, source=key))
            check.altered.append(path)


def _note_newer(store: ConcordStore, manifest: DossierManifest, check: DossierCheck) -> None:
    try:
        versions = store.versions(manifest.draft_id)
    except StorageError:  # the draft's record is gone: the checks above have said so
        return
    newer = [v.number for v in versions if v.from_round and v.number > manifest.version]
    if newer:
        check.notes.append(t("refusal.dossier_newer", newer=newer[-1], version=manifest.version))


def _valid_id(value: str) -> bool:
    try:
        keys.check_id(value, "draft id")
    except ValueError:
        return False
    return True
