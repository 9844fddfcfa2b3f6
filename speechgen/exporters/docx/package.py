"""Edit a .docx someone else wrote, part by part, leaving the rest alone.

:class:`Package` opens the zip, hands out parsed XML parts, adds parts,
relationships and content types, and writes the zip back with every part it was
not asked to change copied over unchanged (same name, order, timestamp and
compression).  The XML parser resolves no entities and reads nothing from the
network; sizes are capped against zip bombs.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from typing import Iterable

from lxml import etree

from speechgen.core.files import check_zip_size
from speechgen.errors import InputError

PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)


class Package:
    """A .docx as named parts; ``source`` names the file in error messages."""

    def __init__(self, data: bytes, source: str = "<docx>") -> None:
        self.source = source
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            infos = zf.infolist()
        except zipfile.BadZipFile:
            raise InputError(f"{source}：不是有效的 .docx 文件（文件可能已损坏）") from None
        check_zip_size(infos, source)
        self._infos = infos
        self._blobs = {i.filename: zf.read(i.filename) for i in infos}
        self._xml: dict[str, etree._Element] = {}
        self._dirty: set[str] = set()
        if "[Content_Types].xml" not in self._blobs:
            raise InputError(f"{source}：不是有效的 .docx 文件（缺少 [Content_Types].xml）")
        self.main = self._main_part()

    # ------------------------------------------------------------------ parts
    def has(self, name: str) -> bool:
        return name in self._blobs

    def blob(self, name: str) -> bytes:
        return self._blobs[name]

    def xml(self, name: str, *, edit: bool = True) -> etree._Element:
        """The parsed part *name*; with *edit* the part is written back on :meth:`save`."""
        if name not in self._xml:
            try:
                self._xml[name] = etree.fromstring(self._blobs[name], _PARSER)
            except (KeyError, etree.XMLSyntaxError):
                raise InputError(f"{self.source}：Word 文件中的 {name} 缺失或已损坏") from None
        if edit:
            self._dirty.add(name)
        return self._xml[name]

    def put_xml(self, name: str, root: etree._Element, content_type: str | None = None) -> None:
        """Add or replace part *name*; a new part gets an Override content type."""
        if name not in self._blobs:
            self._blobs[name] = b""
            if content_type:
                self._override(name, content_type)
        self._xml[name] = root
        self._dirty.add(name)

    def rels_name(self, part: str) -> str:
        folder, base = posixpath.split(part)
        return posixpath.join(folder, "_rels", f"{base}.rels")

    def related(self, part: str, kind: str) -> str | None:
        """The part *part* points to with relationship type *kind* (e.g. ``"comments"``), if any."""
        rels = self.rels_name(part)
        if rels not in self._blobs:
            return None
        for rel in self.xml(rels, edit=False):
            if rel.get("Type", "").rsplit("/", 1)[-1] == kind and rel.get("TargetMode") != "External":
                return posixpath.normpath(posixpath.join(posixpath.dirname(part), rel.get("Target", "")))
        return None

    def relate(self, part: str, kind: str, target: str) -> str:
        """Add a relationship from *part* to *target* (a part name) unless one exists; its rId."""
        rels = self.rels_name(part)
        if rels not in self._blobs:
            self.put_xml(rels, etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS}))
        root = self.xml(rels)
        relative = posixpath.relpath(target, posixpath.dirname(part) or ".")
        ids = {rel.get("Id") for rel in root}
        for rel in root:
            if rel.get("Type") == REL_BASE + kind and rel.get("Target") == relative:
                return rel.get("Id", "")
        n = 1
        while f"rId{n}" in ids:
            n += 1
        etree.SubElement(root, f"{{{PKG_REL_NS}}}Relationship", Id=f"rId{n}", Type=REL_BASE + kind,
                         Target=relative)
        return f"rId{n}"

    def _override(self, name: str, content_type: str) -> None:
        root = self.xml("[Content_Types].xml")
        for node in root.findall(f"{{{CT_NS}}}Override"):
            if node.get("PartName") == "/" + name:
                return
        etree.SubElement(root, f"{{{CT_NS}}}Override", PartName="/" + name, ContentType=content_type)

    def _main_part(self) -> str:
        rels = self._blobs.get("_rels/.rels")
        if rels is not None:
            for rel in etree.fromstring(rels, _PARSER):
                if rel.get("Type") == OFFICE_DOC:
                    return rel.get("Target", "").lstrip("/")
        if "word/document.xml" in self._blobs:
            return "word/document.xml"
        raise InputError(f"{self.source}：不是有效的 .docx 文件（缺少 word/document.xml）")

    # ------------------------------------------------------------------ output
    def save(self) -> bytes:
        """The package as bytes; parts never asked for are copied unchanged."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            known = set()
            for info in self._infos:
                known.add(info.filename)
                dst.writestr(_copy_info(info), self._data(info.filename))
            for name in self._blobs:
                if name not in known:
                    fresh = zipfile.ZipInfo(name, date_time=_latest(self._infos))
                    fresh.compress_type = zipfile.ZIP_DEFLATED
                    fresh.external_attr = 0o644 << 16
                    dst.writestr(fresh, self._data(name))
        return out.getvalue()

    def _data(self, name: str) -> bytes:
        if name in self._dirty and name in self._xml:
            return etree.tostring(self._xml[name], xml_declaration=True, encoding="UTF-8", standalone=True)
        return self._blobs[name]


def max_id(*roots: etree._Element) -> int:
    """The largest numeric ``w:id`` under *roots* (new comments and revisions take larger ones)."""
    best = -1
    key = f"{{{W_NS}}}id"
    for root in roots:
        for node in root.iter():
            val = node.get(key) if isinstance(node.tag, str) else None
            if val is not None and val.lstrip("-").isdigit():
                best = max(best, int(val))
    return best


def style_ids(pkg: Package) -> set[str]:
    """The style ids the package's styles part defines."""
    part = pkg.related(pkg.main, "styles")
    if part is None or not pkg.has(part):
        return set()
    return {s.get(f"{{{W_NS}}}styleId", "") for s in pkg.xml(part, edit=False).iter(f"{{{W_NS}}}style")}


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    fresh = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    fresh.compress_type = info.compress_type
    fresh.external_attr = info.external_attr
    fresh.create_system = info.create_system
    return fresh


def _latest(infos: Iterable[zipfile.ZipInfo]) -> tuple[int, int, int, int, int, int]:
    stamps = [i.date_time for i in infos]
    return max(stamps) if stamps else (1980, 1, 1, 0, 0, 0)
