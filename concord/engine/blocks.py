"""The text model: a document part as a sequence of blocks (see docs/ARCHITECTURE.md).

`extract_blocks` gives every block of every part with its text (`engine.spans`) and location
label (`engine.structure`), in the order `engine.tree` walks them. It always gives ONE block per
`w:p`, whatever the view, so that block index `i` is the `i`-th paragraph yielded by
`iter_block_paragraphs`: the merger relies on that. Merging a paragraph whose mark is itself
tracked is the reader's business (engine.reading.stream).

The traversal and paragraph text are re-exported here for callers that read blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lxml import etree

from concord.engine.ooxml import read_parts
from concord.engine.spans import (
    COMPUTED_FIELDS,
    Span,
    View,
    computed_field,
    iter_spans,
    paragraph_text,
    plain_text,
    unplain_paragraphs,
)
from concord.engine.structure import label_blocks, language_of
from concord.engine.tree import (
    PARTS,
    TableCell,
    iter_block_paragraphs,
    iter_block_paragraphs_with_cells,
    part_containers,
)

__all__ = [
    "COMPUTED_FIELDS",
    "PARTS",
    "Block",
    "Span",
    "TableCell",
    "View",
    "blocks_from_parts",
    "blocks_of",
    "computed_field",
    "extract_blocks",
    "iter_block_paragraphs",
    "iter_block_paragraphs_with_cells",
    "iter_spans",
    "paragraph_text",
    "part_containers",
    "plain_text",
    "unplain_paragraphs",
]


@dataclass(frozen=True, slots=True)
class Block:
    part: str
    index: int
    text: str
    location: str
    kind: Literal["paragraph", "cell"]
    is_heading: bool = False
    table: int | None = None
    row: int | None = None
    col: int | None = None


def extract_blocks(docx: bytes, view: View = "base") -> list[Block]:
    """Every block of every part (body first), each with its text and location label."""
    return blocks_from_parts(read_parts(docx), view)


def blocks_from_parts(parts: dict[str, bytes], view: View = "base") -> list[Block]:
    """`extract_blocks` on a package already unzipped by `read_parts`."""
    blocks: list[Block] = []
    lang = ""
    for part, containers in part_containers(parts).items():
        paragraphs: list[tuple[etree._Element, TableCell | None]] = []
        texts: list[str] = []
        for container in containers:
            unplain = unplain_paragraphs(container)
            for p, cell in iter_block_paragraphs_with_cells(container):
                paragraphs.append((p, cell))
                text = plain_text(p, unplain)
                texts.append(paragraph_text(p, view) if text is None else text)
        # The body (first) decides the language of every label: a footer "1" has no words.
        lang = lang or language_of(texts)
        labels = label_blocks(part, paragraphs, texts, parts, lang)
        for i, ((_p, cell), text, label) in enumerate(zip(paragraphs, texts, labels, strict=True)):
            blocks.append(
                Block(
                    part=part,
                    index=i,
                    text=text,
                    location=label.text,
                    kind="cell" if cell else "paragraph",
                    is_heading=label.is_heading,
                    table=cell.table if cell else None,
                    row=cell.row if cell else None,
                    col=cell.col if cell else None,
                )
            )
    return blocks


def blocks_of(blocks: list[Block], part: str) -> list[Block]:
    return [b for b in blocks if b.part == part]
