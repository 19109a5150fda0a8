"""The secret that makes audit entries and record seals something only Concord can write.

Whoever can write the document bucket can write any object there, so a hash chain alone can be
rebuilt by them. Each audit entry therefore carries an HMAC-SHA-256 over its canonical bytes, and
each object Concord writes carries a *seal* (an HMAC over its key and SHA-256) in its metadata;
both use a key that is never stored in the bucket:

- `CONCORD_AUDIT_KEY` (any string of at least 32 characters): at scale a secret manager fills it,
  and every machine writing the same store must share it;
- otherwise `CONCORD_HOME/audit.key`, 32 random bytes (hex) created with mode 0600 on first use.

`key_id` (the first 16 hex digits of the key's SHA-256) is written beside each signature, so a
verifier holding another key says so instead of calling every entry forged.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

from concord.storage.errors import StorageError

ENV = "CONCORD_AUDIT_KEY"
FILE_NAME = "audit.key"
_MIN_ENV_LENGTH = 32


class AuditKeyError(StorageError):
    code = "audit_key"


class AuditKey:
    """An HMAC-SHA-256 key: signs entries and seals objects."""

    def __init__(self, secret: bytes, source: str) -> None:
        if len(secret) < 16:
            raise AuditKeyError(f"the audit key from {source} is too short")
        self._secret = secret
        self.source = source
        self.key_id = hashlib.sha256(secret).hexdigest()[:16]

    def mac(self, data: bytes) -> str:
        return hmac.new(self._secret, data, hashlib.sha256).hexdigest()

    def check(self, data: bytes, mac: str) -> bool:
        return hmac.compare_digest(self.mac(data), mac)

    def seal(self, key: str, sha256: str) -> str:
        """The seal of object `key` holding bytes with this SHA-256: binds both, so a sealed
        object copied to another key, or other bytes under the same key, no longer match."""
        return self.mac(f"object\n{key}\n{sha256}".encode())

    def seal_ok(self, key: str, sha256: str, seal: str) -> bool:
        return bool(seal) and hmac.compare_digest(self.seal(key, sha256), seal)


def load_audit_key(home: Path) -> AuditKey:
    """The key from CONCORD_AUDIT_KEY, else CONCORD_HOME/audit.key (created on first use)."""
    value = os.environ.get(ENV, "")
    if value:
        if len(value) < _MIN_ENV_LENGTH:
            raise AuditKeyError(
                f"{ENV} is {len(value)} characters; use at least {_MIN_ENV_LENGTH} random ones "
                "(e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`)"
            )
        return AuditKey(value.encode(), ENV)
    path = Path(home) / FILE_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key_file(path)
    except OSError as err:
        raise AuditKeyError(f"cannot create the audit key {path}: {err}") from err
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return _read_key_file(path)


def _read_key_file(path: Path) -> AuditKey:
    try:
        mode = path.stat().st_mode
        text = path.read_text().strip()
    except OSError as err:
        raise AuditKeyError(f"cannot read the audit key {path}: {err}") from err
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise AuditKeyError(
            f"the audit key {path} can be read by others (mode {stat.S_IMODE(mode):o}); "
            f"run `chmod 600 {path}`"
        )
    if not text:
        raise AuditKeyError(f"the audit key {path} is empty; restore it from your backup")
    return AuditKey(text.encode(), str(path))
