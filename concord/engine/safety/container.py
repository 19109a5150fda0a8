"""Checks on the zip container, from its central directory alone: nothing is inflated here.

Python's zipfile stops reading a member at its declared size (a longer stream fails its CRC), so
once the declared sizes pass these checks they are a sound budget for reading the members.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from concord.engine.safety.limits import MB, SafetyLimits
from concord.engine.safety.refusals import refuse

_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., name length, extra length
_ALLOWED_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_METHOD_NAMES = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA", 93: "Zstandard"}
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def open_package(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, struct.error) as exc:
        raise refuse("corrupt_zip") from exc


@contextmanager
def reading_member() -> Iterator[None]:
    """Turn a member that fails to inflate or its CRC (a size that lied) into a refusal."""
    try:
        yield
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise refuse("corrupt_zip") from exc


def check_container(z: zipfile.ZipFile, data: bytes, limits: SafetyLimits) -> dict[str, str]:
    """Check every entry; return the package's file members, case-folded name -> real name."""
    infos = z.infolist()
    if len(infos) > limits.max_members:
        raise refuse("too_many_members", count=len(infos), limit=limits.max_members)
    members: dict[str, str] = {}
    total = 0
    for info in infos:
        name = info.orig_filename  # zipfile cuts `filename` at a NUL; the original keeps it
        _check_name(name)
        key = name.casefold()
        if key in members or (key.endswith("/") and key[:-1] in members):
            raise refuse("duplicate_member", name=name)
        if info.flag_bits & 0x1:
            raise refuse("zip_encrypted")
        if info.compress_type not in _ALLOWED_METHODS:
            method = _METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
            raise refuse("unsupported_compression", method=method)
        _check_ratio(info, limits)
        total += info.file_size
        if not info.is_dir():
            members[key] = name
    if total > limits.max_total_uncompressed:
        raise refuse(
            "zip_bomb",
            detail=f"{total / MB:.0f} MB unpacked, {limits.max_total_uncompressed / MB:.0f} MB "
            "at most",
        )
    _check_no_overlap(infos, data, z.start_dir)
    return members


def _check_name(name: str) -> None:
    if _CONTROL.search(name):
        raise refuse("bad_member_name", name=name)
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        raise refuse("path_traversal", name=name)
    if ".." in re.split(r"[/\\]", name):
        raise refuse("path_traversal", name=name)
    if "\\" in name or ":" in name:
        raise refuse("bad_member_name", name=name)


def _check_ratio(info: zipfile.ZipInfo, limits: SafetyLimits) -> None:
    if info.file_size <= limits.ratio_floor:
        return
    if info.file_size > info.compress_size * limits.max_member_ratio:
        ratio = info.file_size / max(info.compress_size, 1)
        raise refuse(
            "zip_bomb", detail=f"the part {info.orig_filename!r} expands {ratio:,.0f} times"
        )


def _check_no_overlap(infos: list[zipfile.ZipInfo], data: bytes, central_dir: int) -> None:
    """Entries sharing bytes are the non-recursive zip bomb (Fifield 2019): each local header
    plus its data must end before the next entry (or the central directory) begins."""
    ordered = sorted(infos, key=lambda i: i.header_offset)
    bounds = [i.header_offset for i in ordered[1:]] + [central_dir]
    for info, limit in zip(ordered, bounds, strict=True):
        start = info.header_offset
        if start + _LOCAL_HEADER.size > len(data):
            raise refuse("corrupt_zip")
        signature, name_len, extra_len = _LOCAL_HEADER.unpack_from(data, start)
        if signature != b"PK\x03\x04":
            raise refuse("corrupt_zip")
        if start + _LOCAL_HEADER.size + name_len + extra_len + info.compress_size > limit:
            raise refuse("zip_bomb", detail="parts of the file overlap each other")
