"""The order of the checks: cheapest and most telling first, inflating nothing until the zip's
declared sizes are within budget, and reading the upload from its file rather than memory."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from concord.engine.safety.container import check_container, check_directory, open_package
from concord.engine.safety.limits import DEFAULT_LIMITS, MB, SafetyLimits
from concord.engine.safety.nested import check_nested
from concord.engine.safety.ole import MAGIC as OLE_MAGIC
from concord.engine.safety.package import (
    check_active_content,
    check_declared,
    check_main_document,
)
from concord.engine.safety.parts import check_images, check_parts
from concord.engine.safety.refusals import refuse
from concord.engine.safety.sniff import ZIP_MAGIC, refuse_non_zip

Source = bytes | str | os.PathLike[str]


def check_docx(source: Source, limits: SafetyLimits = DEFAULT_LIMITS) -> None:
    """Return if `source` (the bytes, or the path of a file) is a Word .docx safe to parse;
    raise UnsafeDocument (with `.code`). A file is measured before a byte of it is read."""
    with _opened(source, limits) as stream:
        head = stream.read(len(OLE_MAGIC))
        stream.seek(0)
        if not head.startswith(ZIP_MAGIC):
            # Only a compound file needs reading whole (its directory may be anywhere).
            # (already measured: at most max_bytes; read(n) would allocate n bytes first)
            raise refuse_non_zip(stream.read() if head == OLE_MAGIC else head)
        check_directory(stream, limits)
        with open_package(stream) as z:
            members = check_container(z, stream, limits)
            types = check_main_document(z, members)
            check_active_content(members, types)
            check_declared(members, types)
            check_images(z, members, types, limits)
            check_nested(z, members, types, limits)
            check_parts(z, members, types, limits)


@contextmanager
def _opened(source: Source, limits: SafetyLimits) -> Iterator[BinaryIO]:
    if isinstance(source, bytes | bytearray | memoryview):
        _check_size(len(source), limits)
        yield io.BytesIO(source)
        return
    _check_size(os.stat(source).st_size, limits)  # a 1 GB file is refused unread
    with open(source, "rb") as stream:
        yield stream


def _check_size(size: int, limits: SafetyLimits) -> None:
    if size == 0:
        raise refuse("empty")
    if size > limits.max_bytes:
        raise refuse(
            "too_large", setting="max_bytes", size_mb=size / MB, limit_mb=limits.max_bytes / MB
        )
