"""Stream names of an OLE compound file (Word 97-2003 .doc, or Office's password envelope).

A password-protected .docx is not a zip: Office wraps the encrypted package in a compound file
with `EncryptionInfo` and `EncryptedPackage` streams, while a legacy .doc has a `WordDocument`
stream. Reading the directory (MS-CFB 2.6) tells them apart without a dependency; scanning the
whole file for the names would not, since .doc body text is itself UTF-16.
"""

from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_REGULAR_SECTOR = 0xFFFFFFFA
_ENTRY_SIZE = 128
_HEADER_DIFAT = 109


class OleFormatError(ValueError):
    """The compound file's header or directory cannot be followed."""


def stream_names(data: bytes) -> set[str]:
    """Names of the storages and streams in the directory of the compound file `data`."""
    if len(data) < 512 or not data.startswith(MAGIC):
        raise OleFormatError("no compound file header")
    sector_shift = struct.unpack_from("<H", data, 30)[0]
    if sector_shift not in (9, 12):
        raise OleFormatError(f"sector shift {sector_shift}")
    size = 1 << sector_shift
    (first_dir,) = struct.unpack_from("<I", data, 48)
    first_difat, difat_count = struct.unpack_from("<II", data, 68)
    fat = _read_fat(data, size, _difat(data, size, first_difat, difat_count))

    names: set[str] = set()
    for sector in _chain(fat, first_dir, len(data) // size):
        block = _sector(data, size, sector)
        for off in range(0, size, _ENTRY_SIZE):
            name_len, entry_type = struct.unpack_from("<HB", block, off + 64)
            if entry_type in (1, 2, 5) and 2 <= name_len <= 64:  # storage, stream, root
                names.add(block[off : off + name_len - 2].decode("utf-16-le", "replace"))
    return names


def _sector(data: bytes, size: int, index: int) -> bytes:
    start = (index + 1) * size  # the header occupies the first sector-sized slot
    if index > _MAX_REGULAR_SECTOR or start + size > len(data):
        raise OleFormatError(f"sector {index} outside the file")
    return data[start : start + size]


def _difat(data: bytes, size: int, first: int, count: int) -> list[int]:
    """FAT sector numbers: 109 in the header, the rest in a chain of DIFAT sectors."""
    ids = list(struct.unpack_from(f"<{_HEADER_DIFAT}I", data, 76))
    per_sector = size // 4 - 1
    sector = first
    for _ in range(count):
        if sector > _MAX_REGULAR_SECTOR:
            break
        values = struct.unpack(f"<{per_sector + 1}I", _sector(data, size, sector))
        ids.extend(values[:per_sector])
        sector = values[per_sector]
    return [i for i in ids if i <= _MAX_REGULAR_SECTOR]


def _read_fat(data: bytes, size: int, fat_sectors: list[int]) -> list[int]:
    fat: list[int] = []
    for sector in fat_sectors:
        fat.extend(struct.unpack(f"<{size // 4}I", _sector(data, size, sector)))
    return fat


def _chain(fat: list[int], start: int, max_len: int) -> list[int]:
    """Sector numbers of a chain; a loop or a dangling link is a format error, not a hang."""
    chain: list[int] = []
    sector = start
    while sector <= _MAX_REGULAR_SECTOR:
        if len(chain) >= max_len or sector >= len(fat):
            raise OleFormatError("directory chain is cyclic or broken")
        chain.append(sector)
        sector = fat[sector]
    return chain
