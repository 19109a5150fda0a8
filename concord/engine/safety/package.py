"""Checks on the Open Packaging parts: is this a Word document, and does it carry anything that
acts on its own (macros, ActiveX, embedded programs, links that load content from outside)?"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from concord.engine.safety.container import reading_member
from concord.engine.safety.refusals import detail, refuse
from concord.engine.safety.xmlscan import parse_tree

_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",  # Strict
)
_WORD_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
}
_WORD_MACRO_MAIN = "application/vnd.ms-word."
_OTHER_MAIN = (
    ("application/vnd.ms-excel.", "excel"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.", "xlsx"),
    ("application/vnd.ms-powerpoint.", "powerpoint"),
    ("application/vnd.openxmlformats-officedocument.presentationml.", "pptx"),
)
# Charts carry their data as an embedded workbook; those are data, not programs.
SAFE_EMBEDDED = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_MACRO_PARTS = {"vbaproject.bin", "vbadata.xml"}
_MACRO_RELATIONSHIPS = {"vbaproject", "wordvbadata", "keymapcustomizations"}
# What a refused external relationship does, in words a clerk recognises (their details).
_EXTERNAL_KINDS = {
    "attachedTemplate": "remote_template",
    "image": "linked_picture",
    "oleObject": "linked_object",
    "subDocument": "linked_subdocument",
    "frame": "linked_frame",
    "package": "linked_file",
}


def extension(part: str) -> str:
    """What follows the last dot of the part's file name ("_rels/.rels" -> "rels")."""
    base = posixpath.basename(part)
    return base.rpartition(".")[2].casefold() if "." in base else ""


@dataclass(frozen=True)
class ContentTypes:
    defaults: dict[str, str]  # extension (case-folded) -> content type
    overrides: dict[str, str]  # part name without leading "/" (case-folded) -> content type

    def of(self, part: str) -> str:
        key = part.casefold()
        if key in self.overrides:
            return self.overrides[key]
        return self.defaults.get(extension(key), "")

    def all(self) -> list[str]:
        return [*self.defaults.values(), *self.overrides.values()]


def read_tree(z: zipfile.ZipFile, name: str) -> Element:
    with reading_member(), z.open(name) as stream:
        return parse_tree(name, stream)


def content_types_of(z: zipfile.ZipFile, members: dict[str, str]) -> ContentTypes:
    return _content_types(read_tree(z, members["[content_types].xml"]))


def check_main_document(z: zipfile.ZipFile, members: dict[str, str]) -> ContentTypes:
    """The package is a Word document whose main part exists; returns its content types."""
    if "mimetype" in members and "[content_types].xml" not in members:
        with reading_member(), z.open(members["mimetype"]) as stream:
            mimetype = stream.read(200)
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            raise refuse("not_wordprocessing", what=detail("odf"))
    if "[content_types].xml" not in members:
        if "_rels/.rels" not in members:
            raise refuse("not_wordprocessing", what=detail("zip"))
        raise refuse("missing_part", detail=detail("no_content_types"))
    types = _content_types(read_tree(z, members["[content_types].xml"]))
    if "_rels/.rels" not in members:
        raise refuse("missing_part", detail=detail("no_rels"))
    main = _main_part(read_tree(z, members["_rels/.rels"]))
    if main is None:
        raise refuse("missing_part", detail=detail("no_main"))
    content_type = types.of(main)
    if content_type.startswith(_WORD_MACRO_MAIN):
        raise refuse("macro", detail=detail("docm"))
    if content_type not in _WORD_MAIN:
        for prefix, what in _OTHER_MAIN:
            if content_type.startswith(prefix):
                raise refuse("not_wordprocessing", what=detail(what))
        raise refuse("not_wordprocessing", what=detail("other_office"))
    if main.casefold() not in members:
        raise refuse("missing_part", detail=detail("main_gone", main=main))
    return types


def check_active_content(members: dict[str, str], types: ContentTypes) -> None:
    """Refuse macros, ActiveX controls and embedded OLE objects; embedded OOXML data is kept."""
    for content_type in types.all():
        folded = content_type.casefold()
        if "macroenabled" in folded or "vbaproject" in folded or "vbadata" in folded:
            raise refuse("macro", detail=detail("macro_type", content_type=content_type))
    for key, name in members.items():
        if posixpath.basename(key) in _MACRO_PARTS:
            raise refuse("macro", detail=detail("macro_part", name=name))
        content_type = types.of(key).casefold()
        if "/activex/" in f"/{key}" or "activex" in content_type:
            raise refuse("activex", name=name)
        if "oleobject" in content_type or (
            "/embeddings/" in f"/{key}" and content_type not in SAFE_EMBEDDED
        ):
            raise refuse("embedded_object", name=name)


def check_declared(members: dict[str, str], types: ContentTypes) -> None:
    """Every part has a content type (OPC requires it; Word writes one for each): a part the
    list omits is something no Office producer put there, such as a hidden macro or picture."""
    for key, name in members.items():
        if key != "[content_types].xml" and not types.of(key):
            raise refuse("undeclared_part", name=name)


def check_relationships(rels: Element) -> set[str]:
    """External targets are allowed for hyperlinks (followed only by a reader's click) and for a
    template on the author's own disk; anything else would make Word fetch on open. Returns the
    ids of the external hyperlinks, which the source part may use only as hyperlinks."""
    hyperlinks: set[str] = set()
    for rel in rels.iter(f"{_PR}Relationship"):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        if kind.casefold() in _MACRO_RELATIONSHIPS:
            raise refuse("macro", detail=detail("macro_relationship", kind=kind))
        if rel.get("TargetMode") != "External":
            continue
        target = rel.get("Target", "")
        if kind == "hyperlink":
            hyperlinks.add(rel.get("Id", ""))
            continue
        if kind == "attachedTemplate" and _is_local_file(target):
            continue
        found = _EXTERNAL_KINDS.get(kind)
        what = detail(found) if found else detail("link_of_type", kind=kind)
        raise refuse("external_reference", detail=what, target=target[:200])
    return hyperlinks


def _is_local_file(target: str) -> bool:
    """A path on the author's disk ("C:\\...", "file:///..."), not a web or network address."""
    path = target.strip().replace("\\", "/")
    if path.casefold().startswith("file:///") and not path.startswith("file:////"):
        return True
    return re.match(r"^[A-Za-z]:/", path) is not None


def _content_types(root: Element) -> ContentTypes:
    defaults = {
        d.get("Extension", "").casefold(): d.get("ContentType", "")
        for d in root.iter(f"{_CT}Default")
    }
    overrides = {
        o.get("PartName", "").lstrip("/").casefold(): o.get("ContentType", "")
        for o in root.iter(f"{_CT}Override")
    }
    return ContentTypes(defaults, overrides)


def _main_part(rels: Element) -> str | None:
    for rel in rels.iter(f"{_PR}Relationship"):
        if rel.get("Type") in _OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
            return posixpath.normpath(rel.get("Target", "").lstrip("/")).lstrip("/")
    return None
