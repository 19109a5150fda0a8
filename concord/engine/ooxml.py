"""WordprocessingML names and .docx package helpers shared by the engine's modules."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

from lxml import etree

NS: dict[str, str] = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
    "w16cid": "http://schemas.microsoft.com/office/word/2016/wordml/cid",
    "w16cex": "http://schemas.microsoft.com/office/word/2018/wordml/cex",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "cp": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "xml": "http://www.w3.org/XML/1998/namespace",
}

# A parser for trusted, already-checked parts: no network, no entity expansion, no DTDs.
SAFE_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_blank_text=False,
)


def qn(name: str) -> str:
    """'w:p' -> '{http://...wordprocessingml/2006/main}p' (Clark notation)."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def parse_xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, SAFE_PARSER)


def serialize_xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def read_parts(docx: bytes) -> dict[str, bytes]:
    """Every member of the package by name (call engine.safety.check_docx first on uploads)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {info.filename: z.read(info) for info in z.infolist() if not info.is_dir()}


def write_parts(parts: Mapping[str, bytes]) -> bytes:
    """A package from parts, [Content_Types].xml first as Office writes it; fixed timestamps so
    the same parts give the same bytes."""
    buf = io.BytesIO()
    names = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n))
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, parts[name])
    return buf.getvalue()
