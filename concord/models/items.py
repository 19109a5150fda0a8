"""What an agency said: one Item per comment or change, located in the circulated version."""

from __future__ import annotations

import hashlib
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class ItemKind(StrEnum):
    COMMENT = "comment"
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"
    MOVE = "move"
    FORMAT = "format"


class Reply(BaseModel):
    """A reply inside a comment thread (Word's commentsExtended paraIdParent)."""

    model_config = ConfigDict(frozen=True)

    author: str
    date: str = ""
    text: str
    resolved: bool = False


class Item(BaseModel):
    """One comment or change, attributed to the agency that uploaded it.

    Offsets are in the circulated version: `block` is the index of a block (a paragraph of the
    body, a table cell's paragraph, ...) in `engine.blocks` order for `part`, and `start`/`end` are
    character offsets in that block's text. An insertion has start == end.
    """

    model_config = ConfigDict(frozen=True)

    kind: ItemKind
    agency: str
    author: str = ""
    date: str = ""
    old: str = ""
    new: str = ""
    comment: str = ""
    anchor: str = ""
    location: str = ""
    part: str = "body"
    block: int
    start: int
    end: int
    # A change or comment that runs past its block ends in `end_block` (None: same block). Text
    # fields use "\n" for a paragraph boundary, "\t" for a tab and "\v" for a line break.
    end_block: int | None = None
    tracked: bool
    replies: tuple[Reply, ...] = ()
    resolved: bool = False
    # For moves: where the text went (block/offset in the circulated version).
    to_block: int | None = None
    to_offset: int | None = None
    # For format changes: a short human description ("bold added").
    detail: str = ""
    # For a whole table row inserted or deleted (w:trPr/w:ins|w:del): its cells' texts, in
    # order (`new`/`old` hold them too, "\n" between). Empty for every other item.
    cells: tuple[str, ...] = ()
    # Who typed the item in from the agency's letter ("" for an item read from its file).
    entered_by: str = ""

    @property
    def id(self) -> str:
        """A stable id derived from content, so the same answer read twice gives the same ids."""
        raw = "\x1f".join(
            str(v)
            for v in (
                self.agency,
                self.kind,
                self.part,
                self.block,
                self.start,
                self.end_block,
                self.end,
                self.old,
                self.new,
                self.comment,
            )
        )
        return hashlib.sha256(raw.encode()).hexdigest()[:12]

    def to_json_dict(self) -> dict:
        data = self.model_dump(mode="json")
        data["id"] = self.id
        return data


class Clash(BaseModel):
    """Two or more agencies changing overlapping text of the circulated version."""

    model_config = ConfigDict(frozen=True)

    part: str = "body"
    block: int
    start: int
    end: int
    anchor: str
    location: str = ""
    agencies: tuple[str, ...]
    texts: tuple[str, ...] = Field(description="each agency's proposed text for the anchor")
    item_ids: tuple[str, ...] = ()
