"""The circulated version as reading needs it, read once and shared by every answer.

A round reads tens of answers against one circulated file; its blocks (texts and location
labels) and its comments cost more to extract than most answers, so they are extracted once.
`prepare_base` keeps the last few results by SHA-256 of the file, so that callers handing the
same bytes again (one answer per run, `concord combine`) do not pay twice either.
"""

from __future__ import annotations

import hashlib
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from lxml import etree

from concord.engine.blocks import Block, blocks_from_parts
from concord.engine.errors import UnreadableDocument
from concord.engine.ooxml import read_parts
from concord.engine.reading.comments import Comment, read_comments
from concord.engine.tree import PARTS
from concord.messages import t

CommentKey = tuple[object, ...]
# A 180-page draft prepares into ~1 MB: a handful covers a round's versions and its peers.
_CACHE_SIZE = 8


@dataclass(frozen=True, slots=True)
class PreparedBase:
    """A circulated version, extracted: its blocks per part (in block order) and the keys of
    the comments it already holds (an answer carrying them over unchanged did not write them)."""

    sha256: str
    blocks: Mapping[str, tuple[Block, ...]]
    comment_keys: frozenset[CommentKey]


def comment_key(comment: Comment) -> CommentKey:
    return (comment.author, comment.date, comment.text, comment.resolved, tuple(comment.replies))


_cache: OrderedDict[str, PreparedBase] = OrderedDict()
_lock = threading.Lock()


def prepare_base(base: bytes) -> PreparedBase:
    """The circulated .docx `base` extracted for `engine.reader.read_answer` (immutable)."""
    digest = hashlib.sha256(base).hexdigest()
    with _lock:
        hit = _cache.get(digest)
        if hit is not None:
            _cache.move_to_end(digest)
            return hit
    prepared = _prepare(base, digest)
    with _lock:
        _cache[digest] = prepared
        _cache.move_to_end(digest)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return prepared


def _prepare(base: bytes, digest: str) -> PreparedBase:
    try:
        parts = read_parts(base)
        blocks = blocks_from_parts(parts)
        comments = read_comments(parts)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError) as exc:
        raise UnreadableDocument(t("engine.unreadable.circulated", detail=exc)) from exc
    by_part = {part: tuple(b for b in blocks if b.part == part) for part in PARTS}
    return PreparedBase(
        sha256=digest,
        blocks=MappingProxyType(by_part),
        comment_keys=frozenset(comment_key(c) for c in comments.values()),
    )
