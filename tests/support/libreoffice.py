"""LibreOffice as the judge: its own reading of a .docx (tracked changes, comments, text).

`soffice --headless --convert-to odt` re-reads the file the way a user's LibreOffice would; the
ODT's content.xml then says which changes and annotations it saw, and by whom.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

# One copy of the soffice plumbing, shared with samples/make_samples.py; re-exported for tests.
from samples._soffice import convert, soffice_path  # noqa: F401

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
}


@dataclass
class LoChange:
    kind: str  # "insertion" | "deletion" | "format-change"
    author: str
    text: str  # deleted text (from the change region) or inserted text (from the body)


@dataclass
class LoAnnotation:
    author: str
    text: str
    anchor: str


@dataclass
class LoReading:
    changes: list[LoChange] = field(default_factory=list)
    annotations: list[LoAnnotation] = field(default_factory=list)
    accept_all: str = ""
    reject_all: str = ""

    def by_author(self, author: str) -> list[LoChange]:
        return [c for c in self.changes if c.author == author]


def read_odt(odt: Path) -> LoReading:
    with zipfile.ZipFile(odt) as z:
        root = etree.fromstring(z.read("content.xml"))
    reading = LoReading()
    regions: dict[str, etree._Element] = {}
    for region in root.iterfind(".//text:tracked-changes/text:changed-region", NS):
        rid = region.get(f"{{{NS['text']}}}id") or region.get(
            "{http://www.w3.org/XML/1998/namespace}id"
        )
        regions[rid] = region
    body = root.find(".//office:body/office:text", NS)
    assert body is not None
    accept: list[str] = []
    reject: list[str] = []
    inserted_text: dict[str, list[str]] = {}
    open_insertions: list[str] = []

    def region_kind(rid: str) -> str:
        region = regions[rid]
        for kind in ("insertion", "deletion", "format-change"):
            if region.find(f"text:{kind}", NS) is not None:
                return kind
        return "unknown"

    def emit(s: str) -> None:
        active = [r for r in open_insertions if region_kind(r) == "insertion"]
        if active:
            for r in active:
                inserted_text.setdefault(r, []).append(s)
            accept.append(s)
        else:
            accept.append(s)
            reject.append(s)

    def walk(el: etree._Element) -> None:
        tag = etree.QName(el).localname
        ns = etree.QName(el).namespace
        if ns == NS["office"] and tag == "annotation":
            return
        if ns == NS["text"] and tag == "tracked-changes":
            return
        if ns == NS["text"] and tag in ("change-start", "change-end", "change"):
            rid = el.get(f"{{{NS['text']}}}change-id")
            if tag == "change-start":
                open_insertions.append(rid)
            elif tag == "change-end":
                if rid in open_insertions:
                    open_insertions.remove(rid)
            elif tag == "change" and rid in regions:
                deleted = regions[rid].find("text:deletion", NS)
                if deleted is not None:
                    reject.append("\n".join(_inline_text(p) for p in _paragraphs(deleted)))
        elif ns == NS["text"] and tag == "s":
            emit(" " * int(el.get(f"{{{NS['text']}}}c", "1")))
        elif ns == NS["text"] and tag == "tab":
            emit("\t")
        elif ns == NS["text"] and tag == "line-break":
            emit("\v")
        if el.text and not (ns == NS["office"] and tag == "annotation"):
            emit(el.text)
        for child in el:
            walk(child)
            if child.tail:
                emit(child.tail)
        if ns == NS["text"] and tag in ("p", "h"):
            emit("\n")

    for child in body:
        walk(child)

    for rid, region in regions.items():
        kind = region_kind(rid)
        info = region.find(f"text:{kind}/office:change-info", NS)
        creator = info.findtext("dc:creator", default="", namespaces=NS) if info is not None else ""
        if kind == "deletion":
            text = "\n".join(_inline_text(p) for p in _paragraphs(region))
        else:
            text = "".join(inserted_text.get(rid, []))
        reading.changes.append(LoChange(kind=kind, author=creator, text=text))

    for ann in root.iterfind(".//office:annotation", NS):
        author = ann.findtext("dc:creator", default="", namespaces=NS)
        text = "\n".join(_inline_text(p) for p in ann.findall("text:p", NS))
        reading.annotations.append(LoAnnotation(author=author, text=text, anchor=""))
    reading.accept_all = "".join(accept)
    reading.reject_all = "".join(reject)
    return reading


def _paragraphs(region: etree._Element) -> list[etree._Element]:
    """The paragraphs and headings of a change region in document order (not those of comments
    inside it): a deletion spanning a heading and a paragraph must keep their order."""
    tags = {f"{{{NS['text']}}}p", f"{{{NS['text']}}}h"}
    annotation = f"{{{NS['office']}}}annotation"
    return [
        el for el in region.iter(*tags) if not any(a.tag == annotation for a in el.iterancestors())
    ]


def _inline_text(p: etree._Element) -> str:
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = etree.QName(el).localname
        if tag == "annotation":
            return
        if tag == "s":
            out.append(" " * int(el.get(f"{{{NS['text']}}}c", "1")))
        elif tag == "tab":
            out.append("\t")
        elif tag == "line-break":
            out.append("\v")
        if el.text:
            out.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                out.append(child.tail)

    walk(p)
    return "".join(out)


def lo_read(docx: Path | bytes, workdir: Path) -> LoReading:
    """LibreOffice's reading of a .docx: its tracked changes, annotations, accept/reject-all."""
    workdir.mkdir(parents=True, exist_ok=True)
    if isinstance(docx, bytes):
        src = workdir / "judged.docx"
        src.write_bytes(docx)
    else:
        src = docx
    return read_odt(convert(src, "odt", workdir / "odt"))


def lo_resave(docx: Path | bytes, workdir: Path) -> bytes:
    """The file as LibreOffice writes it back (runs, ids, rsids rewritten): a re-saved answer."""
    workdir.mkdir(parents=True, exist_ok=True)
    if isinstance(docx, bytes):
        src = workdir / "to-resave.docx"
        src.write_bytes(docx)
    else:
        src = docx
    out = convert(src, "docx:MS Word 2007 XML", workdir / "resaved")
    return out.read_bytes()
