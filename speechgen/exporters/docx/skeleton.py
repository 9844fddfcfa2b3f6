"""The package around a draft's body, built once per layout profile and reused.

Everything in a speechgen .docx except the body paragraphs and the core properties depends on the
layout profile alone: styles, theme, font table, settings, footers, the section's page setup, the
content types and relationships.  :func:`skeleton` builds that package once (through python-docx,
with an empty draft: see :func:`speechgen.exporters.docx.writer.to_docx`), keeps it per process
and in the user's private cache (:mod:`speechgen.core.cache`, stamped with the profile and the
sources that write it), and :meth:`Skeleton.fill` puts a draft's body and properties into it.
The bytes are those python-docx would write for the same draft (a test compares the two paths).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import zipfile
from importlib.util import find_spec
from pathlib import Path
from typing import Callable, Iterable

from lxml import etree

from speechgen.exporters.docx import zipout

DOCUMENT = "word/document.xml"
CORE = "docProps/core.xml"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"
#: python-docx core property name → element (what ``doc.core_properties.<name> = …`` writes)
CORE_TAGS = {"title": _DC + "title", "author": _DC + "creator", "last_modified_by": _CP + "lastModifiedBy",
             "subject": _DC + "subject", "keywords": _CP + "keywords", "comments": _DC + "description",
             "category": _CP + "category", "created": _DCTERMS + "created", "modified": _DCTERMS + "modified",
             "revision": _CP + "revision"}
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
_SOURCES = ("writer.py", "styles.py", "ooxml.py", "skeleton.py")
_MEMO: dict[str, "Skeleton"] = {}


class Skeleton:
    """A package's parts in zip order; the document's body holds only its section properties."""

    def __init__(self, parts: list[tuple[str, bytes]]) -> None:
        names = [name for name, _ in parts]
        if DOCUMENT not in names or CORE not in names:
            raise ValueError("skeleton without document or core properties")
        self.parts = parts
        #: every member but the two a draft fills, deflated once (the same in every draft)
        self._fixed = {name: zipout.member(name, blob) for name, blob in parts if name not in (DOCUMENT, CORE)}

    def fill(self, blocks: Iterable[etree._Element], core: Iterable[tuple[str, object]],
             date_time: tuple[int, int, int, int, int, int]) -> bytes:
        """The .docx with *blocks* before the section properties and the *core* properties set,
        every zip entry stamped *date_time* (as :func:`.ooxml.deterministic_zip` writes them;
        :mod:`.zipout` writes the same bytes, reusing the deflated unchanging members)."""
        blobs = dict(self.parts)
        doc = etree.fromstring(blobs[DOCUMENT], _PARSER)
        sect = doc.find(f"{_W}body/{_W}sectPr")
        for node in blocks:
            sect.addprevious(node)
        blobs[DOCUMENT] = _serialize(doc)
        blobs[CORE] = _serialize(_core(blobs[CORE], core))
        members = [self._fixed.get(name) or zipout.member(name, blobs[name]) for name, _ in self.parts]
        return zipout.archive(members, date_time)


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, encoding="UTF-8", standalone=True)  # python-docx's serialize_part_xml


def _core(blob: bytes, values: Iterable[tuple[str, object]]) -> etree._Element:
    """The core properties part with *values* set the way python-docx sets them (same checks)."""
    root = etree.fromstring(blob, _PARSER)
    for name, value in values:
        node = root.find(CORE_TAGS[name])
        if name == "revision":
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"revision property requires positive int, got '{value}'")
            node.text = str(value)
        elif isinstance(value, dt.datetime):
            node.text = value.strftime("%Y-%m-%dT%H:%M:%SZ")
        else:
            text = value if isinstance(value, str) else str(value)
            if len(text) > 255:
                raise ValueError(f"exceeded 255 char limit for property, got:\n\n'{text}'")
            node.text = text
    return root


def skeleton(profile_key: str, build: Callable[[], bytes]) -> Skeleton:
    """The skeleton for the profile whose ``repr`` is *profile_key*: from this process, else the
    private cache, else *build* (a .docx of an empty draft in that profile), then cached."""
    if profile_key in _MEMO:
        return _MEMO[profile_key]
    from speechgen.core import cache

    stamp = _stamp(profile_key)
    name = "docx-skeleton-" + hashlib.sha256(stamp).hexdigest()[:20]
    saved = cache.load(name, stamp)
    result = None
    if _valid(saved):
        result = Skeleton([(n, b) for n, b in saved])
    if result is None:
        with zipfile.ZipFile(io.BytesIO(build())) as zf:
            result = Skeleton([(i.filename, zf.read(i.filename)) for i in zf.infolist()])
        cache.store(name, stamp, [[n, b] for n, b in result.parts])
    _MEMO[profile_key] = result
    return result


def _valid(saved: object) -> bool:
    return (isinstance(saved, list) and all(isinstance(p, list) and len(p) == 2 and isinstance(p[0], str)
                                            and isinstance(p[1], bytes) for p in saved)
            and {DOCUMENT, CORE} <= {p[0] for p in saved})


def _stamp(profile_key: str) -> bytes:
    """The profile, and the size and time of every source that shapes the package (ours and
    python-docx's, found without importing it)."""
    here = Path(__file__).resolve().parent
    files = [here / name for name in _SOURCES] + [here.parent / "profiles.py"]
    spec = find_spec("docx")
    if spec is not None and spec.origin:
        pkg = Path(spec.origin).parent
        files += [pkg / "__init__.py", pkg / "templates" / "default.docx", pkg / "templates" / "default-footer.xml",
                  pkg / "oxml" / "coreprops.py"]
    lines = [profile_key]
    for f in files:
        try:
            st = os.stat(f)
            lines.append(f"{f}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            lines.append(f"{f}:-")
    return "\n".join(lines).encode("utf-8")
