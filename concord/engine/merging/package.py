"""The .docx package being merged: parts by name, parsed on demand, with the content types and
relationships an added part needs."""

from __future__ import annotations

import re

from lxml import etree

from concord.engine.ooxml import NS, parse_xml, qn, read_parts, serialize_xml, write_parts

CONTENT_TYPES = "[Content_Types].xml"
DOC_RELS = "word/_rels/document.xml.rels"
_PARA_ID = re.compile(rb'w14:paraId="([0-9A-Fa-f]{8})"')


class Package:
    def __init__(self, docx: bytes) -> None:
        self.parts: dict[str, bytes] = read_parts(docx)
        self._xml: dict[str, etree._Element] = {}

    def xml(self, name: str) -> etree._Element | None:
        if name not in self._xml:
            if name not in self.parts:
                return None
            self._xml[name] = parse_xml(self.parts[name])
        return self._xml[name]

    def parsed(self, name: str) -> etree._Element | None:
        """The part's XML if something parsed it (and so may have changed it), else None."""
        return self._xml.get(name)

    def set_xml(self, name: str, root: etree._Element) -> None:
        self._xml[name] = root

    def para_ids(self) -> set[str]:
        """Every w14:paraId already used in the package (new ones must differ)."""
        found: set[str] = set()
        for name, data in self.parts.items():
            if name.endswith(".xml"):
                found.update(m.decode().upper() for m in _PARA_ID.findall(data))
        return found

    @staticmethod
    def with_namespaces(root: etree._Element, prefixes: tuple[str, ...]) -> etree._Element:
        """`root`, or a copy of it declaring `prefixes` on itself (lxml cannot add declarations
        to an existing element; mc:Ignorable needs them on the root)."""
        missing = {p: NS[p] for p in prefixes if root.nsmap.get(p) != NS[p]}
        if not missing:
            return root
        nsmap = {**root.nsmap, **missing}
        fresh = etree.Element(root.tag, attrib=dict(root.attrib), nsmap=nsmap)
        fresh.text = root.text
        for child in list(root):
            fresh.append(child)
        return fresh

    def put_xml(self, name: str, root: etree._Element, content_type: str, rel_type: str) -> None:
        """Store a part of the main document, registering its content type and relationship."""
        self._xml[name] = root
        types = self.xml(CONTENT_TYPES)
        assert types is not None
        part_name = "/" + name
        if not any(o.get("PartName") == part_name for o in types.iterfind("ct:Override", NS)):
            override = etree.SubElement(types, qn("ct:Override"))
            override.set("PartName", part_name)
            override.set("ContentType", content_type)
        rels = self.xml(DOC_RELS)
        if rels is None:
            rels = etree.Element(qn("pr:Relationships"), nsmap={None: NS["pr"]})
            self._xml[DOC_RELS] = rels
        existing = list(rels.iterfind("pr:Relationship", NS))
        target = name.removeprefix("word/")
        if any(r.get("Type") == rel_type and r.get("Target") == target for r in existing):
            return
        taken = {r.get("Id") for r in existing}
        n = 1
        while f"rIdConcord{n}" in taken:
            n += 1
        rel = etree.SubElement(rels, qn("pr:Relationship"))
        rel.set("Id", f"rIdConcord{n}")
        rel.set("Type", rel_type)
        rel.set("Target", target)

    def to_bytes(self) -> bytes:
        parts = dict(self.parts)
        for name, root in self._xml.items():
            parts[name] = serialize_xml(root)
        return write_parts(parts)
