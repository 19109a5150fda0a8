"""Reading every part that gets interpreted: relationships first (they say which ids are web
addresses), then each XML part in two streamed passes (prescan counts, xmlwalk parses), and
pictures by their header only."""

from __future__ import annotations

import posixpath
import struct
import zipfile

from PIL import Image, UnidentifiedImageError

from concord.engine.safety.container import reading_member
from concord.engine.safety.limits import SafetyLimits
from concord.engine.safety.package import ContentTypes, check_relationships, extension, read_tree
from concord.engine.safety.prescan import prescan
from concord.engine.safety.refusals import detail, refuse
from concord.engine.safety.xmlscan import scan
from concord.engine.safety.xmlwalk import walk

_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
# The stories: where text, fields and pictures live (document, headers, footers, notes, comments).
_STORIES = (
    "document.main+xml",
    "template.main+xml",
    "document.glossary+xml",
    "header+xml",
    "footer+xml",
    "footnotes+xml",
    "endnotes+xml",
    "comments+xml",
)
_IMAGE_EXTENSIONS = {"png", "jpg", "jpeg", "jpe", "gif", "bmp", "tif", "tiff", "webp", "ico"}
# Vector pictures are drawn at their display size; their nominal size says nothing of memory.
_VECTOR_FORMATS = {"WMF", "EMF"}


def check_parts(
    z: zipfile.ZipFile, members: dict[str, str], types: ContentTypes, limits: SafetyLimits
) -> None:
    hyperlinks = _relationships(z, members, limits)
    for key, name in members.items():
        content_type = types.of(key)
        ext = extension(key)
        if ext != "rels" and (ext == "xml" or content_type.endswith(("+xml", "/xml"))):
            if content_type.endswith(_STORIES):
                check_xml(z, name, limits, hyperlinks.get(key, set()), content_type == _COMMENTS)
            else:
                check_plain_xml(z, name, limits)


def check_images(
    z: zipfile.ZipFile, members: dict[str, str], types: ContentTypes, limits: SafetyLimits
) -> None:
    """Picture headers first: they are cheap, and a bomb among them ends the check at once."""
    for key, name in members.items():
        if types.of(key).startswith("image/") or extension(key) in _IMAGE_EXTENSIONS:
            _check_image(z, name, limits)


def check_plain_xml(z: zipfile.ZipFile, name: str, limits: SafetyLimits) -> None:
    """Parts with no text of the answer (styles, theme, settings): counted, then parsed by expat
    without Python callbacks; nesting is left to the reader's parser, which stops at 256."""
    with reading_member(), z.open(name) as stream:
        prescan(name, stream, limits)
    with reading_member(), z.open(name) as stream:
        scan(name, stream)


def check_xml(
    z: zipfile.ZipFile,
    name: str,
    limits: SafetyLimits,
    hyperlinks: set[str] = frozenset(),  # type: ignore[assignment]
    count_comments: bool = False,
) -> None:
    with reading_member(), z.open(name) as stream:
        prescan(name, stream, limits, comments=count_comments)
    with reading_member(), z.open(name) as stream:
        walk(name, stream, limits, hyperlinks=hyperlinks, count_comments=count_comments)


def _relationships(
    z: zipfile.ZipFile, members: dict[str, str], limits: SafetyLimits
) -> dict[str, set[str]]:
    """Check every relationships part; returns source part (case-folded) -> ids of its
    external hyperlinks."""
    found: dict[str, set[str]] = {}
    for key, name in members.items():
        if not key.endswith(".rels"):
            continue
        with reading_member(), z.open(name) as stream:
            prescan(name, stream, limits)
        folder, rels_name = posixpath.split(key)
        source = posixpath.join(posixpath.dirname(folder), rels_name.removesuffix(".rels"))
        found[source] = check_relationships(read_tree(z, name))
    return found


def _check_image(z: zipfile.ZipFile, name: str, limits: SafetyLimits) -> None:
    """Size from the header alone (Image.open does not decode); unreadable pictures pass, since
    Concord never decodes them either."""
    with reading_member(), z.open(name) as stream:
        try:
            with Image.open(stream) as image:
                if image.format in _VECTOR_FORMATS:
                    return
                width, height = image.size
        except Image.DecompressionBombError:
            raise refuse(
                "image_bomb",
                setting="max_image_pixels",
                name=name,
                size=detail("millions_of_pixels"),
            ) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error):
            return
    if width * height > limits.max_image_pixels:
        raise refuse(
            "image_bomb",
            setting="max_image_pixels",
            name=name,
            size=detail("pixels", width=width, height=height),
        )
