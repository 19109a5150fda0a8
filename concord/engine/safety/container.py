"""Checks on the zip container, from its central directory alone: nothing is inflated here.

Python's zipfile stops reading a member at its declared size (a longer stream fails its CRC), so
once the declared sizes pass these checks they are a sound budget for reading the members.
"""

from __future__ import annotations

import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from concord.engine.safety.limits import MB, SafetyLimits
from concord.engine.safety.refusals import detail, refuse

_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., name length, extra length
_CENTRAL = struct.Struct("<20xIIHHH")  # compressed, uncompressed, name/extra/comment lengths
_EOCD_SEARCH = 22 + 0xFFFF  # the end record, and a comment of at most 64 KB before it
_ALLOWED_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_METHOD_NAMES = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA", 93: "Zstandard"}
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# Regular files and folders; anything else (symbolic links, devices, pipes) is no document part.
_PLAIN_TYPES = {0, stat.S_IFREG, stat.S_IFDIR}


def open_package(stream: BinaryIO) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, struct.error) as exc:
        raise refuse("corrupt_zip") from exc


@contextmanager
def reading_member() -> Iterator[None]:
    """Turn a member that fails to inflate or its CRC (a size that lied) into a refusal."""
    try:
        yield
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise refuse("corrupt_zip") from exc


def check_directory(stream: BinaryIO, limits: SafetyLimits) -> None:
    """Entry count and declared sizes straight from the end record and the central directory,
    before zipfile builds an object per entry (some 30 µs each): a package of thousands of tiny
    members is refused in a few milliseconds. Anything unusual (zip64, an offset that does not
    point at the directory) is left to zipfile and check_container."""
    size = stream.seek(0, 2)
    stream.seek(max(0, size - _EOCD_SEARCH))
    tail = stream.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        stream.seek(0)
        return  # zipfile says what is wrong with it
    count, cd_size, cd_offset = struct.unpack_from("<HII", tail, at + 10)
    if count != 0xFFFF and count > limits.max_members:  # 0xFFFF: the count is in a zip64 record
        raise refuse(
            "too_many_members", setting="max_members", count=count, limit=limits.max_members
        )
    stream.seek(cd_offset)
    directory = stream.read(cd_size) if cd_offset + cd_size <= size else b""
    stream.seek(0)
    sums = _declared_sizes(directory, count)
    if sums is not None:
        check_totals(*sums, limits.max_total_uncompressed, limits)


def _declared_sizes(directory: bytes, count: int) -> tuple[int, int] | None:
    """(uncompressed, compressed) sums of the directory's entries; None when unsure."""
    total = packed = pos = 0
    for _ in range(count):
        if directory[pos : pos + 4] != b"PK\x01\x02" or pos + 46 > len(directory):
            return None
        compressed, uncompressed, name, extra, comment = _CENTRAL.unpack_from(directory, pos)
        if 0xFFFFFFFF in (compressed, uncompressed):
            return None  # zip64 sizes live in the extra field
        total += uncompressed
        packed += compressed
        pos += 46 + name + extra + comment
    return total, packed


def check_totals(total: int, packed: int, budget: int, limits: SafetyLimits) -> None:
    """The package's unpacked size against its budget, and its overall ratio."""
    if total > budget:
        raise refuse(
            "zip_bomb",
            setting="max_total_uncompressed",
            detail=detail("over_budget", total_mb=total / MB, budget_mb=budget / MB),
        )
    if total > limits.total_ratio_floor and total > packed * limits.max_total_ratio:
        ratio = total / max(packed, 1)
        raise refuse(
            "zip_bomb",
            setting="max_total_ratio",
            detail=detail("over_ratio", total_mb=total / MB, ratio=ratio),
        )


def check_container(
    z: zipfile.ZipFile, stream: BinaryIO, limits: SafetyLimits, budget: int | None = None
) -> dict[str, str]:
    """Check every entry; return the package's file members, case-folded name -> real name.
    `budget` is what the members may unpack to (default: limits.max_total_uncompressed)."""
    budget = limits.max_total_uncompressed if budget is None else budget
    infos = z.infolist()
    if len(infos) > limits.max_members:
        raise refuse(
            "too_many_members",
            setting="max_members",
            count=len(infos),
            limit=limits.max_members,
        )
    members: dict[str, str] = {}
    total = packed = 0
    for info in infos:
        name = info.orig_filename  # zipfile cuts `filename` at a NUL; the original keeps it
        _check_name(name)
        _check_kind(info)
        key = name.casefold()
        if key in members or (key.endswith("/") and key[:-1] in members):
            raise refuse("duplicate_member", name=name)
        if info.flag_bits & 0x1:
            raise refuse("zip_encrypted")
        if info.compress_type not in _ALLOWED_METHODS:
            method = _METHOD_NAMES.get(info.compress_type) or detail(
                "method", number=info.compress_type
            )
            raise refuse("unsupported_compression", method=method)
        _check_ratio(info, limits)
        _check_part_size(info, limits)
        total += info.file_size
        packed += info.compress_size
        if not info.is_dir():
            members[key] = name
    check_totals(total, packed, budget, limits)
    _check_no_overlap(infos, stream, z.start_dir)
    return members


def unpacked_size(z: zipfile.ZipFile) -> int:
    return sum(info.file_size for info in z.infolist())


def _check_kind(info: zipfile.ZipInfo) -> None:
    """Unix tools record a symbolic link (or a device) in the entry's external attributes;
    extracted or followed, it would reach outside the package."""
    mode = info.external_attr >> 16
    if stat.S_IFMT(mode) not in _PLAIN_TYPES:
        raise refuse("special_member", name=info.orig_filename)


def _check_part_size(info: zipfile.ZipInfo, limits: SafetyLimits) -> None:
    """XML is parsed whole by the reader, so one XML part may not unpack beyond its limit."""
    key = info.orig_filename.casefold()
    if key.startswith("customxml/") and info.file_size > limits.max_custom_xml:
        setting, limit, what = "max_custom_xml", limits.max_custom_xml, "custom_xml"
    elif key.endswith((".xml", ".rels")) and info.file_size > limits.max_xml_part:
        setting, limit, what = "max_xml_part", limits.max_xml_part, "xml_part"
    else:
        return
    raise refuse(
        "part_too_large",
        setting=setting,
        name=info.orig_filename,
        size_mb=info.file_size / MB,
        limit_mb=limit / MB,
        what=detail(what),
    )


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
            "zip_bomb",
            setting="max_member_ratio",
            detail=detail("part_ratio", name=info.orig_filename, ratio=ratio),
        )


def _check_no_overlap(infos: list[zipfile.ZipInfo], stream: BinaryIO, central_dir: int) -> None:
    """Entries sharing bytes are the non-recursive zip bomb (Fifield 2019): each local header
    plus its data must end before the next entry (or the central directory) begins."""
    ordered = sorted(infos, key=lambda i: i.header_offset)
    bounds = [i.header_offset for i in ordered[1:]] + [central_dir]
    for info, limit in zip(ordered, bounds, strict=True):
        start = info.header_offset
        stream.seek(start)
        header = stream.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size:
            raise refuse("corrupt_zip")
        signature, name_len, extra_len = _LOCAL_HEADER.unpack(header)
        if signature != b"PK\x03\x04":
            raise refuse("corrupt_zip")
        if start + _LOCAL_HEADER.size + name_len + extra_len + info.compress_size > limit:
            raise refuse("zip_bomb", detail=detail("overlap"))
