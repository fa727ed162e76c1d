"""The names of the streams of an OLE2 compound file (legacy .xls, password-protected .xlsx).

Just enough of [MS-CFB] to list the directory: the header, the FAT (through the DIFAT) and
the directory chain. Every index is bounds-checked and every chain is cycle-checked, so a
hostile file ends as `ValueError`, never as a hang or a huge allocation.
"""

from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LAST_REGULAR_SECTOR = 0xFFFFFFFA
_ENTRY_SIZE = 128
_STORAGE, _STREAM = 1, 2


def is_ole2(data: bytes) -> bool:
    return data[:8] == MAGIC


def stream_names(data: bytes) -> set[str]:
    """Names of the storages and streams in the directory; ValueError if it is malformed."""
    if len(data) < 512 or not is_ole2(data):
        raise ValueError("not an OLE2 compound file")
    shift = struct.unpack_from("<H", data, 30)[0]
    if shift not in (9, 12):
        raise ValueError("unsupported sector size")
    size = 1 << shift
    sector_count = (len(data) - size) // size if len(data) > size else 0

    def sector(index: int) -> bytes:
        if index >= sector_count:
            raise ValueError("sector out of range")
        start = (index + 1) * size
        return data[start : start + size]

    fat_sectors = _fat_sector_list(data, sector, size)
    fat: list[int] = []
    for index in fat_sectors:
        fat.extend(struct.unpack(f"<{size // 4}I", sector(index)))
    first_directory = struct.unpack_from("<I", data, 48)[0]
    names: set[str] = set()
    for index in _chain(first_directory, fat, sector_count):
        block = sector(index)
        for offset in range(0, size, _ENTRY_SIZE):
            name = _entry_name(block[offset : offset + _ENTRY_SIZE])
            if name:
                names.add(name)
    return names


def _fat_sector_list(data: bytes, sector, size: int) -> list[int]:
    """FAT sector numbers: the 109 in the header, then the DIFAT chain."""
    header = struct.unpack_from("<109I", data, 76)
    result = [s for s in header if s < _LAST_REGULAR_SECTOR]
    next_difat = struct.unpack_from("<I", data, 68)[0]
    seen: set[int] = set()
    while next_difat < _LAST_REGULAR_SECTOR:
        if next_difat in seen:
            raise ValueError("DIFAT cycle")
        seen.add(next_difat)
        entries = struct.unpack(f"<{size // 4}I", sector(next_difat))
        result.extend(s for s in entries[:-1] if s < _LAST_REGULAR_SECTOR)
        next_difat = entries[-1]
    return result


def _chain(first: int, fat: list[int], sector_count: int) -> list[int]:
    chain: list[int] = []
    seen: set[int] = set()
    current = first
    while current < _LAST_REGULAR_SECTOR:
        if current in seen or current >= len(fat) or len(chain) > sector_count:
            raise ValueError("broken sector chain")
        seen.add(current)
        chain.append(current)
        current = fat[current]
    return chain


def _entry_name(entry: bytes) -> str | None:
    if len(entry) < _ENTRY_SIZE or entry[66] not in (_STORAGE, _STREAM):
        return None
    length = struct.unpack_from("<H", entry, 64)[0]
    if not 2 <= length <= 64:
        return None
    return entry[: length - 2].decode("utf-16-le", errors="replace")
