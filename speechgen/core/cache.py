"""Caches that cannot be hijacked: one private directory per user, checksummed files.

The directory is ``$SPEECHGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/speechgen``, else
``~/.cache/speechgen`` (the web workbench passes its own).  It is created 0700 and used only
while it is a real directory (not a link) owned by the current user and closed to others;
otherwise caching is off (:func:`cache_dir` returns None) and everything still works, slower.

A cache file is ``MAGIC + sha256(stamp + payload) + len(stamp) + stamp + payload``: it is loaded
only when it is a regular file owned by us, its checksum matches and its stamp equals the
caller's (the dictionary's size and mtime, the template source's hash…).  Files are written
through ``O_CREAT | O_EXCL | O_NOFOLLOW`` temp files with unpredictable names, then renamed
over the old one, so a link planted in the directory is never followed.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import secrets
import stat
from pathlib import Path
from typing import Any

from speechgen.core.limits import LIMITS

MAGIC = b"SGC1"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _owner_ok(st: os.stat_result) -> bool:
    return not hasattr(os, "geteuid") or st.st_uid == os.geteuid()


def cache_dir() -> Path | None:
    """The private cache directory, created if needed; None when it is missing and cannot be
    made, or is not safe (a link, another owner, open to group or others)."""
    if os.environ.get("SPEECHGEN_NO_CACHE"):
        return None
    base = os.environ.get("SPEECHGEN_CACHE_DIR")
    path = Path(base) if base else default_dir()
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.lstat(path)
    except (OSError, RuntimeError):
        return None
    if not stat.S_ISDIR(st.st_mode) or not _owner_ok(st) or st.st_mode & 0o077:
        return None
    return path


def default_dir() -> Path:
    """``$XDG_CACHE_HOME/speechgen``, else ``~/.cache/speechgen`` (``$SPEECHGEN_CACHE_DIR`` not consulted)."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "speechgen"


def _file(name: str) -> Path | None:
    d = cache_dir()
    return None if d is None else d / f"{name}.cache"


def load_bytes(name: str, stamp: bytes) -> bytes | None:
    """The payload stored under *name* for *stamp*, or None (missing, foreign, corrupt, stale)."""
    path = _file(name)
    if path is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not _owner_ok(st) or st.st_size > LIMITS.cache_bytes:
            return None
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(LIMITS.cache_bytes + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    head = len(MAGIC) + 32 + 4
    if len(data) < head or not data.startswith(MAGIC):
        return None
    digest = data[len(MAGIC):len(MAGIC) + 32]
    size = int.from_bytes(data[len(MAGIC) + 32:head], "big")
    body = data[head:]
    if hashlib.sha256(body).digest() != digest or body[:size] != stamp:
        return None
    return body[size:]


def store_bytes(name: str, stamp: bytes, payload: bytes) -> None:
    """Store *payload* under *name* (best effort: a cache that cannot be written is skipped)."""
    path = _file(name)
    if path is None or len(payload) > LIMITS.cache_bytes:
        return
    body = stamp + payload
    data = MAGIC + hashlib.sha256(body).digest() + len(stamp).to_bytes(4, "big") + body
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)  # replaces a planted link itself, never its target
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def load(name: str, stamp: bytes) -> Any:
    """A marshalled value (plain data only) stored with :func:`store`, or None."""
    payload = load_bytes(name, stamp)
    if payload is None:
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None


def store(name: str, stamp: bytes, value: Any) -> None:
    try:
        payload = marshal.dumps(value)
    except ValueError:
        return
    store_bytes(name, stamp, payload)
