"""Parsing package XML with defusedxml, streamed, so no part is trusted before it is read.

Word never writes a DOCTYPE: any DTD is refused, and entity declarations (XXE, billion laughs)
get their own code because they are an attack rather than an odd producer.
"""

from __future__ import annotations

from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from concord.engine.safety.refusals import detail, refuse

_CHUNK = 64 * 1024


class _Discard:
    """A target without start/end/data: expat checks the XML without calling back into Python."""

    def close(self) -> None:
        return None


def _refuse_doctype() -> None:
    # Reached at the end of a DOCTYPE that declared no entity (entities raise earlier).
    raise DTDForbidden(None, None, None)


def scan(name: str, stream: IO[bytes], target: Any = None) -> Any:
    """Parse `stream` to the end with `target` (None: only check it); returns target.close()."""
    parser = DefusedXMLParser(
        target=target if target is not None else _Discard(),
        forbid_dtd=False,
        forbid_entities=True,
        forbid_external=True,
    )
    expat = parser.parser
    expat.EndDoctypeDeclHandler = _refuse_doctype
    if target is None:
        # ElementTree's default handler would call into Python for every run of text; without
        # a DTD expat itself rejects undefined entities, which is all that handler adds.
        expat.DefaultHandlerExpand = None
    try:
        while chunk := stream.read(_CHUNK):
            parser.feed(chunk)
        return parser.close()
    except DTDForbidden:
        raise refuse("xml_dtd", name=name) from None
    except (EntitiesForbidden, ExternalReferenceForbidden):
        raise refuse("xml_entities", name=name) from None
    except ParseError as exc:
        line, column = exc.position
        where = detail("position", line=line, column=column)
        raise refuse("xml_malformed", name=name, detail=where) from None


def parse_tree(name: str, stream: IO[bytes]) -> Element:
    """The element tree of a small part ([Content_Types].xml, relationships)."""
    return scan(name, stream, TreeBuilder())
