"""Uploads: a file arrives as a path (CLI) or a stream (web) and is measured and checked from
disk, so nothing larger than the limit is ever held in memory.

`spooled(stream)` copies a stream to a temporary file in chunks and refuses as soon as it
passes `max_bytes`; `checked_bytes(source)` runs the safety checks on the file (or bytes) and
only then returns its bytes, bounded by the same limit.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from concord.engine.safety import SafetyLimits, check_docx
from concord.engine.safety.limits import MB
from concord.engine.safety.refusals import refuse
from concord.models.settings import ConcordSettings

Upload = bytes | Path
_CHUNK = 1024 * 1024


def upload_limits() -> SafetyLimits:
    """The limits in force (CONCORD_MAX_UPLOAD_MB, CONCORD_LIMITS__*), read at each upload."""
    return ConcordSettings().safety_limits


def checked_bytes(source: Upload, limits: SafetyLimits | None = None) -> bytes:
    """The upload's bytes once it passed the safety checks (UnsafeDocument otherwise)."""
    check_docx(source, limits or upload_limits())
    return source if isinstance(source, bytes) else Path(source).read_bytes()


def read_bounded(source: Upload, limits: SafetyLimits | None = None) -> bytes:
    """The upload's bytes, refused by its size before anything is read (a 1 GB file is never
    loaded to be found too large)."""
    limit = (limits or upload_limits()).max_bytes
    size = len(source) if isinstance(source, bytes) else Path(source).stat().st_size
    if size > limit:
        raise refuse("too_large", setting="max_bytes", size_mb=size / MB, limit_mb=limit / MB)
    return source if isinstance(source, bytes) else Path(source).read_bytes()


@contextmanager
def spooled(stream: BinaryIO, limits: SafetyLimits | None = None) -> Iterator[Path]:
    """A temporary file holding `stream`, removed afterwards; refused past `max_bytes`."""
    limit = (limits or upload_limits()).max_bytes
    fd, name = tempfile.mkstemp(prefix="concord-upload-", suffix=".docx")
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            size = 0
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise refuse(
                        "too_large",
                        setting="max_bytes",
                        size_mb=size / MB,
                        limit_mb=limit / MB,
                    )
                out.write(chunk)
        yield path
    finally:
        path.unlink(missing_ok=True)
