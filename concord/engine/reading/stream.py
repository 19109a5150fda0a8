"""An answer part as one ordered stream of pieces: text, paragraph marks ("\\n"), markers.

Each piece knows its tracked state and its offset in the part's reject-all text (R: inserted
content left out, deleted content kept), which is what gets aligned with the circulated
version, and in its accept-all text (A). Text is composed (NFC) as it is read, so offsets count
composed characters, as the circulated version's do. Paragraphs whose mark is a tracked
insertion merge with the next one in R, exactly as rejecting all changes would do in Word.
Plain paragraphs (see `engine.spans.plain_text`), most of any answer, are read without a walk
and give no pieces beyond one untracked piece per run of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

from concord.engine import wml
from concord.engine.ooxml import NS
from concord.engine.spans import Span, iter_spans, paragraph_text, plain_text, unplain_paragraphs
from concord.engine.tree import children, iter_block_paragraphs
from concord.engine.wml import nfc

_W_ID = wml.W_ID
_STATE = wml.REVISION_STATE
IN_R = ("", "del", "moveFrom")
IN_A = ("", "ins", "moveTo")


@dataclass(slots=True)
class Piece:
    text: str
    state: str = ""  # "" | "ins" | "del" | "moveFrom" | "moveTo"
    author: str = ""
    date: str = ""
    marker: str = ""  # local name of a marker element ("commentRangeStart", ...)
    marker_id: str = ""
    move_name: str = ""
    fmt: tuple[str, str, str] | None = None  # (author, date, detail) of a w:rPrChange
    para: int = 0  # index of the answer paragraph it belongs to
    r: int = 0  # offset in R where the piece starts
    a: int = 0  # offset in A where the piece starts
    row: int = -1  # index in `PartStream.rows` of the tracked table row holding it, if any


@dataclass(slots=True)
class TrackedRow:
    """A table row inserted or deleted as a whole (w:trPr/w:ins|w:del), its cells' texts (in
    accept-all for an insertion, reject-all for a deletion) and where it lies in R: from `r0`
    to `r1` (after its last paragraph's text), both at the next block's start for an
    insertion, which R leaves out."""

    state: str  # "ins" | "del"
    author: str
    date: str
    cells: tuple[str, ...]
    r0: int = -1
    r1: int = -1


@dataclass(slots=True)
class PartStream:
    pieces: list[Piece] = field(default_factory=list)
    reject: str = ""  # R, "\n" between blocks
    accept: str = ""
    # (paragraph index, R offset of the paragraph start, author, date, detail) per w:pPrChange
    para_formats: list[tuple[int, int, str, str, str]] = field(default_factory=list)
    rows: list[TrackedRow] = field(default_factory=list)

    @property
    def reject_blocks(self) -> list[str]:
        return self.reject.split("\n")


def build_stream(containers: list[etree._Element]) -> PartStream:
    """The stream of one part (its block containers in order)."""
    builder = _Builder()
    for container in containers:
        builder.container(container)
    return builder.done()


class _Builder:
    """Builds a `PartStream` paragraph by paragraph, keeping the R and A offsets."""

    def __init__(self) -> None:
        self.stream = PartStream()
        self.r_parts: list[str] = []
        self.a_parts: list[str] = []
        self.r = self.a = 0
        self.moves = {"moveFrom": "", "moveTo": ""}
        self.para = 0

    def container(self, container: etree._Element) -> None:
        unplain = unplain_paragraphs(container)
        rows = _tracked_rows(container, self.stream)
        separated = False
        for p in iter_block_paragraphs(container):
            row = rows.get(p, -1)
            plain = plain_text(p, unplain) if row < 0 else None
            if plain is None:
                self.walked(p, row)
                separated = False
                continue
            # Untracked text and mark: in R and A alike. Readers look only at tracked pieces,
            # markers and formatting changes, which untracked content merely separates, so one
            # untracked piece stands for a whole run of such paragraphs.
            if not separated:
                self.stream.pieces.append(Piece("\n", para=self.para, r=self.r, a=self.a))
                separated = True
            self.text(nfc(plain) + "\n", r=True, a=True)
            self.para += 1

    def text(self, text: str, *, r: bool, a: bool) -> None:
        if r:
            self.r_parts.append(text)
            self.r += len(text)
        if a:
            self.a_parts.append(text)
            self.a += len(text)

    def add(self, piece: Piece) -> None:
        piece.r, piece.a = self.r, self.a
        self.stream.pieces.append(piece)
        self.text(piece.text, r=piece.state in IN_R, a=piece.state in IN_A)

    def walked(self, p: etree._Element, row: int) -> None:
        """A paragraph holding tracked changes, markers or fields (or in a tracked row)."""
        para_r = self.r
        tracked = self.stream.rows[row] if row >= 0 else None
        if tracked is not None and tracked.r0 < 0:
            tracked.r0 = self.r
        for span in iter_spans(p):
            if span.inserted and span.deleted:
                continue  # inserted then deleted: in neither view
            piece = _piece(span, self.moves, self.para)
            if tracked is None or _in_row(piece, tracked, row):
                self.add(piece)  # else inserted, then deleted with its row: in neither view
        if tracked is not None:
            tracked.r1 = self.r
        mark = _mark(p, self.para, self.moves)
        if tracked is not None:
            _in_row(mark, tracked, row)
        self.add(mark)
        change = p.find("w:pPr/w:pPrChange", NS)
        if change is not None:
            detail = describe_ppr_change(p.find("w:pPr", NS), change)
            fmt = (self.para, para_r, wml.author(change), wml.date(change), detail)
            self.stream.para_formats.append(fmt)
        self.para += 1

    def done(self) -> PartStream:
        # Every paragraph ends with its mark; the part's text has "\n" only BETWEEN blocks.
        self.stream.reject = "".join(self.r_parts).removesuffix("\n")
        self.stream.accept = "".join(self.a_parts).removesuffix("\n")
        return self.stream


def _tracked_rows(container: etree._Element, stream: PartStream) -> dict[etree._Element, int]:
    """The paragraphs of each row inserted or deleted as a whole, by their row's index in
    `stream.rows` (where each such row is appended)."""
    out: dict[etree._Element, int] = {}
    for tr in container.iter(wml.TR):
        trpr = tr.find(wml.TRPR)
        change = (
            None if trpr is None else next((c for c in trpr if c.tag in (wml.INS, wml.DEL)), None)
        )
        if change is None:
            continue
        state = _STATE[wml.local(change)]
        view: Literal["base", "accept"] = "accept" if state == "ins" else "base"
        cells = tuple(
            "\n".join(nfc(paragraph_text(p, view)) for p in iter_block_paragraphs(tc))
            for tc in children(tr, wml.TC)
        )
        stream.rows.append(TrackedRow(state, wml.author(change), wml.date(change), cells))
        for tc in children(tr, wml.TC):
            for p in iter_block_paragraphs(tc):
                out.setdefault(p, len(stream.rows) - 1)
    return out


def _in_row(piece: Piece, row: TrackedRow, index: int) -> bool:
    """Make `piece` part of its tracked row: inserted or deleted with it, by the row's author.
    False for content an inserted row's author also deleted (in neither view)."""
    if row.state == "ins" and piece.state in ("del", "moveFrom"):
        return False
    if row.state == "del" and piece.state in ("ins", "moveTo"):
        return False
    piece.state, piece.author, piece.date, piece.row = row.state, row.author, row.date, index
    return True


def _piece(span: Span, moves: dict[str, str], para: int) -> Piece:
    change = span.change
    state = ""
    author = date = ""
    if span.inserted or span.deleted:
        state = _STATE.get(wml.local(change), "ins" if span.inserted else "del")
        author = wml.author(change)
        date = wml.date(change)
    piece = Piece(nfc(span.text), state, author, date, para=para)
    if span.marker is not None:
        name = wml.local(span.marker)
        piece.marker = name
        piece.marker_id = span.marker.get(_W_ID, "")
        for kind in ("moveFrom", "moveTo"):
            if name == f"{kind}RangeStart":
                moves[kind] = span.marker.get(wml.W_NAME, "") or piece.marker_id
    if state in moves:
        piece.move_name = moves[state]
    if span.run is not None and not span.inserted and span.text:
        rpr_change = span.run.find("w:rPr/w:rPrChange", NS)
        if rpr_change is not None:
            detail = describe_rpr_change(span.run.find("w:rPr", NS), rpr_change)
            piece.fmt = (
                wml.author(rpr_change),
                wml.date(rpr_change),
                detail,
            )
    return piece


def _mark(p: etree._Element, para: int, moves: dict[str, str]) -> Piece:
    """The paragraph mark as a piece; a moved mark belongs to the move range it ends (Word
    moves a whole paragraph as its text and its mark), so it carries that range's name."""
    rpr = p.find("w:pPr/w:rPr", NS)
    if rpr is not None:
        for el in rpr:
            local = wml.local(el)
            if local in _STATE:
                state = _STATE[local]
                piece = Piece("\n", state, wml.author(el), wml.date(el), para=para)
                piece.move_name = moves.get(state, "")
                return piece
    return Piece("\n", para=para)


_RPR_NAMES = {
    "b": "bold",
    "i": "italic",
    "u": "underline",
    "strike": "strikethrough",
    "dstrike": "double strikethrough",
    "caps": "capitals",
    "smallCaps": "small capitals",
    "vertAlign": "superscript/subscript",
    "sz": "font size",
    "rFonts": "font",
    "color": "colour",
    "highlight": "highlight",
    "shd": "shading",
    "rStyle": "character style",
}
_PPR_NAMES = {
    "jc": "alignment",
    "ind": "indentation",
    "spacing": "spacing",
    "pStyle": "paragraph style",
    "numPr": "numbering",
    "keepNext": "keep with next",
    "keepLines": "keep lines together",
    "pageBreakBefore": "page break before",
    "outlineLvl": "outline level",
    "tabs": "tab stops",
}
_IGNORED = {"rPrChange", "pPrChange", "rPr", "sectPr", "szCs", "bCs", "iCs", "lang", "rtl", "cs"}


def _props(el: etree._Element | None) -> dict[str, str]:
    if el is None:
        return {}
    out = {}
    for child in el:
        if not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname
        if local in _IGNORED:
            continue
        out[local] = etree.tostring(child, method="c14n").decode()
    return out


def _on(xml: str) -> bool:
    return not any(f'w:val="{v}"' in xml for v in ("0", "false", "none"))


def _describe(new: dict[str, str], old: dict[str, str], names: dict[str, str]) -> str:
    notes = []
    for key in sorted(
        set(new) | set(old), key=lambda k: list(names).index(k) if k in names else 99
    ):
        if new.get(key) == old.get(key):
            continue
        name = names.get(key, key)
        if key in ("b", "i", "u", "strike", "dstrike", "caps", "smallCaps"):
            was = key in old and _on(old[key])
            now = key in new and _on(new[key])
            if was != now:
                notes.append(f"{name} {'added' if now else 'removed'}")
        else:
            notes.append(f"{name} changed")
    return ", ".join(notes) or "formatting changed"


def describe_rpr_change(rpr: etree._Element | None, change: etree._Element) -> str:
    """'bold added, italic removed' from a run's properties and its w:rPrChange (old ones)."""
    return _describe(_props(rpr), _props(change.find("w:rPr", NS)), _RPR_NAMES)


def describe_ppr_change(ppr: etree._Element | None, change: etree._Element) -> str:
    return _describe(_props(ppr), _props(change.find("w:pPr", NS)), _PPR_NAMES)
