"""Concord's identity of a circulated copy, kept as custom document properties.

docProps/custom.xml is the place Word and LibreOffice both keep across a save ("File >
Properties > Custom"), so an answer re-saved by either still says which draft, version and round
it answers. Every value is written as a string (vt:lpwstr): LibreOffice round-trips strings
untouched, while numeric types may come back as another type.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from lxml import etree

from concord.engine.errors import UnreadableDocument
from concord.engine.ooxml import NS, parse_xml, qn, read_parts, serialize_xml, write_parts
from concord.messages import t
from concord.models import CirculationStamp

CUSTOM_PART = "docProps/custom.xml"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
# The format id every custom property carries (fixed by the OOXML spec for user properties).
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
PREFIX = "concord."
FIELDS = ("draft_id", "version", "round_id", "agency_id")
# The agency id in the stamp of a round's merged file: it is nobody's copy, and a decided copy
# of it uploaded back is known for what it is.
MERGED = "concord-merged"


def merge_digest(answer_sha256s: Iterable[str]) -> str:
    """A short digest of the answers a merge took, written in the merged file's stamp: a decided
    copy of an older merge (made before more answers came in) is told from the latest."""
    joined = ",".join(sorted(answer_sha256s))
    return hashlib.sha256(joined.encode()).hexdigest()[:16]


def stamp(docx: bytes, s: CirculationStamp) -> bytes:
    """`docx` with the stamp written in its custom properties (other properties kept)."""
    parts = read_parts(docx)
    if CUSTOM_PART in parts:
        root = parse_xml(parts[CUSTOM_PART])
    else:
        root = etree.Element(qn("cp:Properties"), nsmap={None: NS["cp"], "vt": NS["vt"]})
        _declare_part(parts)
    for prop in list(root.iterfind("cp:property", NS)):
        if prop.get("name", "").startswith(PREFIX):
            root.remove(prop)
    pid = max((int(p.get("pid", "1")) for p in root.iterfind("cp:property", NS)), default=1)
    for name in FIELDS + (("merge",) if s.merge else ()):
        pid += 1
        prop = etree.SubElement(
            root, qn("cp:property"), fmtid=FMTID, pid=str(pid), name=PREFIX + name
        )
        etree.SubElement(prop, qn("vt:lpwstr")).text = str(getattr(s, name))
    parts[CUSTOM_PART] = serialize_xml(root)
    return write_parts(parts)


def read_stamp(docx: bytes) -> CirculationStamp | None:
    """The stamp of a circulated copy or an answer to it; None when the file carries none."""
    parts = read_parts(docx)
    data = parts.get(CUSTOM_PART)
    if data is None:
        return None
    values: dict[str, str] = {}
    for prop in parse_xml(data).iterfind("cp:property", NS):
        name = prop.get("name", "")
        if name.startswith(PREFIX) and len(prop):
            values[name[len(PREFIX) :]] = "".join(prop[0].itertext()).strip()
    if "draft_id" not in values or "version" not in values:
        return None
    try:
        return CirculationStamp(
            draft_id=values["draft_id"],
            version=int(float(values["version"])),
            round_id=values.get("round_id", ""),
            agency_id=values.get("agency_id", ""),
            merge=values.get("merge", ""),
        )
    except ValueError as exc:
        raise UnreadableDocument(t("engine.unreadable.stamp", detail=exc)) from exc


def _declare_part(parts: dict[str, bytes]) -> None:
    """Add the content-type override and the package relationship for docProps/custom.xml."""
    types = parse_xml(parts["[Content_Types].xml"])
    if not any(o.get("PartName") == "/" + CUSTOM_PART for o in types.iterfind("ct:Override", NS)):
        etree.SubElement(
            types, qn("ct:Override"), PartName="/" + CUSTOM_PART, ContentType=CUSTOM_CT
        )
    parts["[Content_Types].xml"] = serialize_xml(types)
    rels = parse_xml(parts["_rels/.rels"])
    existing = list(rels.iterfind("pr:Relationship", NS))
    if not any(r.get("Type") == CUSTOM_REL for r in existing):
        ids = {r.get("Id") for r in existing}
        n = len(existing) + 1
        while f"rId{n}" in ids:
            n += 1
        etree.SubElement(
            rels, qn("pr:Relationship"), Id=f"rId{n}", Type=CUSTOM_REL, Target=CUSTOM_PART
        )
    parts["_rels/.rels"] = serialize_xml(rels)
