"""A directory as an object store: the files a person browses are the objects themselves.

Conditional create is atomic across threads and processes: the bytes go to a private temporary
file (fsynced), then os.link() gives it the final name, and link fails with EEXIST when the name is
taken. The link is the commit point; metadata (SHA-256, size, caller's metadata) goes in a sidecar
under `.meta/` written by the one writer that won the link. A crash between the link and the
sidecar leaves an object without recorded metadata: head() then hashes the bytes itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from concord.storage.base import StoredObject
from concord.storage.canonical import canonical_json, sha256_hex
from concord.storage.errors import ObjectExists, ObjectMissing, StorageUnavailable
from concord.storage.keys import check_key

_META = ".meta"
_TMP = ".tmp"


class LocalStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        try:
            (self.root / _TMP).mkdir(parents=True, exist_ok=True)
            (self.root / _META).mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StorageUnavailable(f"cannot use {self.root} as a store: {err}") from err

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def _meta_path(self, key: str) -> Path:
        return self.root / _META / (check_key(key) + ".json")

    def _temp_file(self, data: bytes) -> str:
        fd, tmp = tempfile.mkstemp(dir=self.root / _TMP)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except BaseException:
            os.unlink(tmp)
            raise
        return tmp

    def put_if_absent(
        self,
        key: str,
        data: bytes,
        *,
        metadata: Mapping[str, str] | None = None,
        content_type: str = "application/octet-stream",
    ) -> StoredObject:
        path = self._path(key)
        obj = StoredObject(
            key=key, size=len(data), sha256=sha256_hex(data), metadata=dict(metadata or {})
        )
        sidecar = canonical_json({**obj.model_dump(mode="json"), "content_type": content_type})
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self._temp_file(data)
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise ObjectExists(key) from None
            finally:
                os.unlink(tmp)
            _fsync_dir(path.parent)
            meta_path = self._meta_path(key)
            meta_path.parent.mkdir(parents=True, exist_ok=True)
            meta_tmp = self._temp_file(sidecar)
            os.replace(meta_tmp, meta_path)
        except OSError as err:
            raise StorageUnavailable(f"cannot write {key!r} under {self.root}: {err}") from err
        return obj

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise ObjectMissing(key) from None
        except OSError as err:
            raise StorageUnavailable(f"cannot read {key!r}: {err}") from err

    def head(self, key: str) -> StoredObject | None:
        path = self._path(key)
        if not path.is_file():
            return None
        try:
            meta = json.loads(self._meta_path(key).read_bytes())
            return StoredObject(
                key=key, size=meta["size"], sha256=meta["sha256"], metadata=meta["metadata"]
            )
        except FileNotFoundError:
            data = self.get(key)
            return StoredObject(key=key, size=len(data), sha256=sha256_hex(data))

    def list(self, prefix: str) -> list[str]:
        # Walk only the deepest directory the prefix names, not the whole store.
        base = prefix.rsplit("/", 1)[0] if "/" in prefix else ""
        start = self.root / base if base else self.root
        if not start.is_dir():
            return []
        found = []
        for dirpath, dirnames, filenames in os.walk(start):
            rel = Path(dirpath).relative_to(self.root).as_posix()
            if rel == ".":
                dirnames[:] = [d for d in dirnames if d not in (_META, _TMP)]
                rel = ""
            for name in filenames:
                key = f"{rel}/{name}" if rel else name
                if key.startswith(prefix):
                    found.append(key)
        return sorted(found)

    def describe(self) -> str:
        return str(self.root)

    def location(self, key: str) -> str:
        return str(self._path(key))


def _fsync_dir(path: Path) -> None:
    # The new name must survive a crash too, not only the bytes it points to.
    fd = os.open(path, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
