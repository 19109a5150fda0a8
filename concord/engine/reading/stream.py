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
    stream = PartStream()
    r_parts: list[str] = []
    a_parts: list[str] = []
    r = a = 0
    moves = {"moveFrom": "", "moveTo": ""}
    para = 0
    for container in containers:
        unplain = unplain_paragraphs(container)
        rows = _tracked_rows(container, stream)
        separated = False
        for p in iter_block_paragraphs(container):
            row = rows.get(p, -1)
            plain = plain_text(p, unplain) if row < 0 else None
            if plain is not None:
                # Untracked text and mark: in R and A alike. Readers look only at tracked
                # pieces, markers and formatting changes, which untracked content merely
                # separates, so one untracked piece stands for a whole run of such paragraphs.
                if not separated:
                    stream.pieces.append(Piece("\n", para=para, r=r, a=a))
                    separated = True
                line = nfc(plain) + "\n"
                r_parts.append(line)
                a_parts.append(line)
                r += len(line)
                a += len(line)
                para += 1
                continue
            separated = False
            para_r = r
            tracked = stream.rows[row] if row >= 0 else None
            if tracked is not None and tracked.r0 < 0:
                tracked.r0 = r
            for span in iter_spans(p):
                if span.inserted and span.deleted:
                    continue  # inserted then deleted: in neither view
                piece = _piece(span, moves, para)
                if tracked is not None and not _in_row(piece, tracked, row):
                    continue  # inserted, then deleted with its row: in neither view
                piece.r, piece.a = r, a
                stream.pieces.append(piece)
                if piece.text and piece.state in IN_R:
                    r_parts.append(piece.text)
                    r += len(piece.text)
                if piece.text and piece.state in IN_A:
                    a_parts.append(piece.text)
                    a += len(piece.text)
            if tracked is not None:
                tracked.r1 = r
            mark = _mark(p, para, moves)
            if tracked is not None:
                _in_row(mark, tracked, row)
            mark.r, mark.a = r, a
            stream.pieces.append(mark)
            if mark.state in IN_R:
                r_parts.append("\n")
                r += 1
            if mark.state in IN_A:
                a_parts.append("\n")
                a += 1
            change = p.find("w:pPr/w:pPrChange", NS)
            if change is not None:
                detail = describe_ppr_change(p.find("w:pPr", NS), change)
                stream.para_formats.append(
                    (
                        para,
                        para_r,
                        wml.author(change),
                        wml.date(change),
                        detail,
                    )
                )
            para += 1
    # Every paragraph ends with its mark; the part's text has "\n" only BETWEEN blocks.
    stream.reject = "".join(r_parts).removesuffix("\n")
    stream.accept = "".join(a_parts).removesuffix("\n")
    return stream


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
        view = "accept" if state == "ins" else "base"
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
