"""Zip archives with members deflated once and reused.

A .docx package is a zip whose members are all the same from one draft to the next except the
document body and the core properties (see :mod:`.skeleton`).  :func:`member` deflates a member
once; :func:`archive` writes members into a zip, byte for byte what ``zipfile.ZipFile(buf, "w",
ZIP_DEFLATED)`` writes when every member is a ``ZipInfo(name, date_time)`` with
``external_attr = 0o644 << 16`` given to ``writestr`` (a test compares the two).  So the
unchanging members are not compressed again for every draft.  No zip64: a member or archive of
2 GB or more is refused (drafts are bounded far below that, see ``core.limits``).
"""
from __future__ import annotations

import struct
import sys
import zlib
from dataclasses import dataclass
from typing import Sequence

#: the format fields zipfile writes (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16)
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # zipfile's DEFAULT_VERSION: deflate
_DEFLATED = 8
_UTF8_NAME = 0x800
_SYSTEM = 0 if sys.platform == "win32" else 3  # zipfile's ZipInfo.create_system
_ATTRS = 0o644 << 16
_LIMIT = (1 << 31) - 1


@dataclass(frozen=True)
class Member:
    """One member, deflated: its name, CRC-32, size and compressed bytes."""

    name: str
    crc: int
    size: int
    deflated: bytes


def member(name: str, data: bytes) -> Member:
    """*data* deflated as zipfile's ZIP_DEFLATED does (default level, raw stream)."""
    if len(data) >= _LIMIT:
        raise ValueError(f"zip member {name} too large ({len(data)} bytes)")
    comp = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return Member(name, zlib.crc32(data), len(data), comp.compress(data) + comp.flush())


def archive(members: Sequence[Member], date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """The zip of *members* in order, every one stamped *date_time* (see the module doc)."""
    y, mo, d, h, mi, s = date_time
    dosdate, dostime = (y - 1980) << 9 | mo << 5 | d, h << 11 | mi << 5 | s // 2
    body, central = bytearray(), bytearray()
    for m in members:
        name, flags = _encoded(m.name)
        offset = len(body)
        body += _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, flags, _DEFLATED, dostime, dosdate, m.crc,
                            len(m.deflated), m.size, len(name), 0)
        body += name
        body += m.deflated
        central += _CENTRAL.pack(b"PK\x01\x02", _VERSION, _SYSTEM, _VERSION, 0, flags, _DEFLATED, dostime, dosdate,
                                 m.crc, len(m.deflated), m.size, len(name), 0, 0, 0, 0, _ATTRS, offset)
        central += name
    if len(body) + len(central) >= _LIMIT:
        raise ValueError(f"zip archive too large ({len(body)} bytes)")
    end = _END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(body), 0)
    return bytes(body + central + end)


def _encoded(name: str) -> tuple[bytes, int]:
    """The name's bytes and flags: ASCII as is, anything else UTF-8 with the flag that says so."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME
