"""Reading every part that gets interpreted: XML through defusedxml, pictures by their header
only, comments counted while they stream past."""

from __future__ import annotations

import posixpath
import struct
import zipfile

from PIL import Image, UnidentifiedImageError

from concord.engine.safety.container import reading_member
from concord.engine.safety.limits import SafetyLimits
from concord.engine.safety.package import ContentTypes, check_relationships, read_tree
from concord.engine.safety.refusals import refuse
from concord.engine.safety.xmlscan import scan

_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_W_COMMENT = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}comment"
_IMAGE_EXTENSIONS = {"png", "jpg", "jpeg", "jpe", "gif", "bmp", "tif", "tiff", "webp", "ico"}
# Vector pictures are drawn at their display size; their nominal size says nothing of memory.
_VECTOR_FORMATS = {"WMF", "EMF"}


class _CommentCounter:
    """An expat target that refuses as soon as the comment count passes the limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.count = 0

    def start(self, tag: str, attrib: object) -> None:
        if tag == _W_COMMENT:
            self.count += 1
            if self.count > self.limit:
                raise refuse("too_many_comments", limit=self.limit)

    def close(self) -> int:
        return self.count


def check_parts(
    z: zipfile.ZipFile, members: dict[str, str], types: ContentTypes, limits: SafetyLimits
) -> None:
    for key, name in members.items():
        content_type = types.of(key)
        extension = posixpath.splitext(key)[1].lstrip(".")
        if extension == "rels":
            check_relationships(read_tree(z, name))
        elif content_type == _COMMENTS:
            with reading_member(), z.open(name) as stream:
                scan(name, stream, _CommentCounter(limits.max_comments))
        elif extension == "xml" or content_type.endswith(("+xml", "/xml")):
            with reading_member(), z.open(name) as stream:
                scan(name, stream)
        if content_type.startswith("image/") or extension in _IMAGE_EXTENSIONS:
            _check_image(z, name, limits)


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
            raise refuse("image_bomb", name=name, size="many millions of pixels") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error):
            return
    if width * height > limits.max_image_pixels:
        raise refuse("image_bomb", name=name, size=f"{width:,} x {height:,} pixels")
