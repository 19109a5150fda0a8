"""The second pass over an XML part: expat walks every element once, with the rules that need
to see structure — nesting depth, XInclude, fields that run or fetch something, hyperlink
relationships misused as picture sources, the number of comments.

Handlers are plain pyexpat callbacks (about 1 µs an element); character data is only listened
to inside a field instruction. DTDs and entities are refused as in xmlscan.
"""

from __future__ import annotations

import pyexpat
import re
from typing import IO

from concord.engine.safety.limits import SafetyLimits
from concord.engine.safety.prescan import CHUNK
from concord.engine.safety.refusals import detail, refuse

_SEP = "}"
_W = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
}
_R = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
}
_XINCLUDE = {"http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude"}
# Elements whose relationship id is followed only when a reader clicks.
_HYPERLINK_USES = {"hyperlink", "hlinkClick", "hlinkHover", "hlinkMouseOver"}
_INSTRUCTION = {"instrText", "delInstrText"}
_RUNS = {"DDE", "DDEAUTO"}
_FETCHES = {"INCLUDEPICTURE", "INCLUDETEXT"}
# A web or network address as a field argument (field codes double their backslashes).
_REMOTE = re.compile(r'^\s*"?\s*(?:[a-z][a-z0-9+.-]*://|\\\\|//)', re.IGNORECASE)


class _Rules:
    def __init__(
        self, name: str, limits: SafetyLimits, hyperlinks: set[str], count_comments: bool
    ) -> None:
        self.name, self.limits, self.hyperlinks = name, limits, hyperlinks
        self.count_comments = count_comments
        self.depth = 0
        self.comments = 0
        self.fields: list[list[str]] = []  # instruction text of each open complex field
        self.parser: pyexpat.XMLParserType | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > self.limits.max_xml_depth:
            raise refuse(
                "xml_too_deep",
                setting="max_xml_depth",
                name=self.name,
                limit=self.limits.max_xml_depth,
            )
        ns, _, local = tag.rpartition(_SEP)
        if ns in _XINCLUDE:
            raise refuse("xinclude", name=self.name)
        if attrs and self.hyperlinks and local not in _HYPERLINK_USES:
            self._check_links(attrs)
        if ns in _W:
            self._word_element(local, attrs)

    def end(self, tag: str) -> None:
        self.depth -= 1
        listening = self.parser is not None and self.parser.CharacterDataHandler is not None
        if listening and tag.rpartition(_SEP)[2] in _INSTRUCTION:
            assert self.parser is not None
            self.parser.CharacterDataHandler = None
            self._check_open_field()

    def text(self, data: str) -> None:
        if self.fields:
            self.fields[-1].append(data)

    def _word_element(self, local: str, attrs: dict[str, str]) -> None:
        if local == "comment" and self.count_comments:
            self.comments += 1
            if self.comments > self.limits.max_comments:
                raise refuse(
                    "too_many_comments", setting="max_comments", limit=self.limits.max_comments
                )
        elif local == "fldChar":
            kind = next((v for k, v in attrs.items() if k.endswith("fldCharType")), "")
            if kind == "begin":
                self.fields.append([])
            elif kind == "end" and self.fields:
                self.fields.pop()
        elif local in _INSTRUCTION and self.parser is not None:
            self.parser.CharacterDataHandler = self.text
        elif local == "fldSimple":
            instr = next((v for k, v in attrs.items() if k.endswith("instr")), "")
            check_field(instr)

    def _check_open_field(self) -> None:
        if self.fields:
            check_field("".join(self.fields[-1]))

    def _check_links(self, attrs: dict[str, str]) -> None:
        for key, value in attrs.items():
            if key.rpartition(_SEP)[0] in _R and value in self.hyperlinks:
                raise refuse(
                    "external_reference",
                    detail=detail("web_object"),
                    target=value,
                )


def check_field(instruction: str) -> None:
    """Refuse a field that runs a program (DDE) or loads a file from a network address."""
    words = instruction.strip().split(None, 1)
    if not words:
        return
    keyword = words[0].upper()
    if keyword in _RUNS:
        raise refuse("active_field", field=keyword)
    if keyword in _FETCHES and len(words) > 1 and _REMOTE.match(words[1]):
        raise refuse(
            "external_reference",
            detail=detail("field", keyword=keyword),
            target=words[1].strip()[:200],
        )


def walk(
    name: str,
    stream: IO[bytes],
    limits: SafetyLimits,
    *,
    hyperlinks: set[str] = frozenset(),  # type: ignore[assignment]
    count_comments: bool = False,
) -> None:
    """Parse the part once, applying the rules above; raise UnsafeDocument on the first hit."""
    rules = _Rules(name, limits, set(hyperlinks), count_comments)
    parser = pyexpat.ParserCreate(namespace_separator=_SEP)
    rules.parser = parser
    parser.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = rules.start
    parser.EndElementHandler = rules.end
    parser.EntityDeclHandler = _entities(name)
    parser.UnparsedEntityDeclHandler = _entities(name)
    parser.ExternalEntityRefHandler = _entities(name)
    parser.EndDoctypeDeclHandler = _doctype(name)
    try:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except pyexpat.ExpatError as exc:
        raise refuse(
            "xml_malformed",
            name=name,
            detail=detail("position", line=exc.lineno, column=exc.offset),
        ) from None


def _entities(name: str):
    def handler(*_: object) -> None:
        raise refuse("xml_entities", name=name)

    return handler


def _doctype(name: str):
    def handler(*_: object) -> None:
        raise refuse("xml_dtd", name=name)

    return handler
