"""Location labels in the document's own terms ("Điều 5, khoản 2, điểm b", "Article 5, clause 2").

Nothing here knows the words "Article" or "Điều". The structure is found from the document:

- a *level word*: a word that starts several paragraphs followed by a number ("Điều 5.",
  "Article 12", "Chương II"), the number coming from the text or from Word's auto-numbering
  (`w:numPr` rendered through numbering.xml's `lvlText`, so "Điều %1." counts too). The rarer
  word is the higher level (a document has fewer chapters than articles). The label keeps the
  document's own word: "Điều 5".
- headings (Heading/Title styles, `w:outlineLvl`) that carry no level word label their block and
  what follows with their own text ("Phụ lục", "Introduction").
- clauses "1." / "2)" and points "a)" / "b)" at the start of a paragraph (typed or auto-numbered)
  inside the current level: "Điều 5, khoản 2, điểm b". The words for clause/point/table/row are
  the only ones Concord supplies: Vietnamese when the document is written in Vietnamese (it uses
  letters only Vietnamese has), English otherwise.
- table cells: "Table 1, row 3" (after the enclosing level when there is one). Tables are
  numbered as a reader counts them: a *layout table* (no visible borders, directly or through
  its table style) before any structure (the issuer/"CỘNG HÒA ..." header block) or with nothing
  but empty paragraphs and other layout tables after it (the signature/recipients block) is not a
  table to the reader: its cells are "document head" / "document end", and it takes no number.
Blocks before any structure get "paragraph N" (N = block index + 1).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from concord.engine.ooxml import NS, parse_xml, qn
from concord.engine.tree import TableCell
from concord.engine.wording import Lang

_LEVEL = re.compile(r"^([^\W\d_][^\W\d_]*)\s+(\d+|[IVXLCDM]+)(?=$|[\s.:)\-–—])")
_CLAUSE = re.compile(r"^(\d+)[.)](?!\d)")
_POINT = re.compile(r"^([a-zđ])\)")
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĐ]")
_MAX_TITLE = 60
_TBL = qn("w:tbl")
_PPR = qn("w:pPr")
_NUM_PR = qn("w:numPr")
_P_STYLE = qn("w:pStyle")
_OUTLINE_LVL = qn("w:outlineLvl")
_SIDES = ("top", "left", "start", "bottom", "right", "end", "insideH", "insideV")
_NO_LINE = {"nil", "none"}

WORDS = {
    "en": {
        "clause": "clause",
        "point": "point",
        "table": "Table",
        "row": "row",
        "paragraph": "paragraph",
        "head": "document head",
        "end": "document end",
        "header": "Header",
        "footer": "Footer",
        "footnotes": "Footnote",
        "endnotes": "Endnote",
    },
    "vi": {
        "clause": "khoản",
        "point": "điểm",
        "table": "Bảng",
        "row": "hàng",
        "paragraph": "đoạn",
        "head": "phần đầu văn bản",
        "end": "phần cuối văn bản",
        "header": "Đầu trang",
        "footer": "Chân trang",
        "footnotes": "Chú thích",
        "endnotes": "Chú thích cuối",
    },
}


@dataclass(frozen=True, slots=True)
class Label:
    text: str
    is_heading: bool


class Numbering:
    """Renders Word auto-numbering ("%1." with decimal, "%1)" with lowerLetter, ...) in order."""

    def __init__(self, parts: dict[str, bytes]) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self._counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        self.heading_styles: set[str] = set()
        if "word/numbering.xml" in parts:
            self._load_numbering(parse_xml(parts["word/numbering.xml"]))
        if "word/styles.xml" in parts:
            self._load_styles(parse_xml(parts["word/styles.xml"]))

    def _load_numbering(self, root: etree._Element) -> None:
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.iterfind("w:abstractNum", NS):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in an.iterfind("w:lvl", NS):
                fmt = _val(lvl.find("w:numFmt", NS)) or "decimal"
                text = _val(lvl.find("w:lvlText", NS)) or ""
                start = int(_val(lvl.find("w:start", NS)) or "1")
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (fmt, text, start)
            abstract[an.get(qn("w:abstractNumId"), "")] = levels
        for num in root.iterfind("w:num", NS):
            ref = _val(num.find("w:abstractNumId", NS))
            self._levels[num.get(qn("w:numId"), "")] = abstract.get(ref or "", {})

    def _load_styles(self, root: etree._Element) -> None:
        for style in root.iterfind("w:style", NS):
            sid = style.get(qn("w:styleId"), "")
            name = (_val(style.find("w:name", NS)) or "").lower()
            if name.startswith("heading") or name == "title" or sid.lower().startswith("heading"):
                self.heading_styles.add(sid)
            if style.find("w:pPr/w:outlineLvl", NS) is not None:
                self.heading_styles.add(sid)
            num_pr = style.find("w:pPr/w:numPr", NS)
            if num_pr is not None:
                num_id = _val(num_pr.find("w:numId", NS))
                if num_id:
                    self.style_num[sid] = (num_id, int(_val(num_pr.find("w:ilvl", NS)) or "0"))

    def render(self, p: etree._Element) -> str:
        """The number Word shows before `p` ("Điều 3.", "2.", "b)"), "" when none."""
        num = _num_of(p, self.style_num)
        if num is None:
            return ""
        num_id, ilvl = num
        levels = self._levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, [0] * 10)
        ilvl = min(ilvl, 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0
        fmt, text, _ = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def value(match: re.Match[str]) -> str:
            lvl = int(match.group(1)) - 1
            lfmt, _, start = levels.get(lvl, ("decimal", "", 1))
            return _format(max(counters[lvl], 1) + start - 1, lfmt)

        return re.sub(r"%(\d)", value, text)


def _num_of(p: etree._Element, style_num: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    num_pr = _ppr_child(p, _NUM_PR)
    if num_pr is not None:
        num_id = _val(num_pr.find("w:numId", NS))
        if num_id and num_id != "0":
            return num_id, int(_val(num_pr.find("w:ilvl", NS)) or "0")
        return None
    style = _val(_ppr_child(p, _P_STYLE))
    return style_num.get(style or "")


def _ppr_child(p: etree._Element, tag: str) -> etree._Element | None:
    """`p.find("w:pPr/<tag>")` without ElementPath, run for every paragraph of a draft: w:pPr is
    a paragraph's first child (as the schema puts it), and holds a few children."""
    ppr = p[0] if len(p) and p[0].tag == _PPR else None
    if ppr is None:
        return None
    for child in ppr:
        if child.tag == tag:
            return child
    return None


def _val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(qn("w:val"))


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def language_of(texts: Sequence[str]) -> Lang:
    sample = " ".join(texts[:400])
    return "vi" if _VIETNAMESE.search(sample.lower()) else "en"


def label_blocks(
    part: str,
    paragraphs: Sequence[tuple[etree._Element, TableCell | None]],
    texts: Sequence[str],
    parts: dict[str, bytes],
    lang: str | None = None,
) -> list[Label]:
    """One label per block of `part`, in block order."""
    lang = lang or language_of(texts)
    words = WORDS[lang]
    if part != "body":
        # Headers, footers and notes are short: name the part, and the note by its order.
        if part in ("footnotes", "endnotes"):
            return _note_labels(paragraphs, words[part])
        return [Label(words[part], False) for _ in paragraphs]
    numbering = Numbering(parts)
    shown = [
        (numbering.render(p) + " " + t).strip() if _num_of(p, numbering.style_num) else t.strip()
        for (p, _), t in zip(paragraphs, texts, strict=True)
    ]
    ranks = _level_words(shown)
    tables = [_outer_table(p) if cell else None for p, cell in paragraphs]
    borders = TableBorders(parts)
    tail = _tail_tables(tables, shown, borders)
    numbers: dict[etree._Element, int | str] = {}  # table -> its number, or "head"/"end"
    out: list[Label] = []
    context = ""
    clause = point = ""
    for (p, cell), text, tbl in zip(paragraphs, shown, tables, strict=True):
        style = _val(_ppr_child(p, _P_STYLE)) or ""
        styled_heading = (
            style in numbering.heading_styles or _ppr_child(p, _OUTLINE_LVL) is not None
        )
        match = _LEVEL.match(text)
        is_heading = styled_heading
        if match and match.group(1) in ranks and cell is None:
            # The latest marker is the most precise: "Điều 5" after "Chương II".
            context = f"{match.group(1)} {match.group(2)}"
            clause = point = ""
            is_heading = True
        elif styled_heading and text and cell is None:
            context, clause, point = text[:_MAX_TITLE].rstrip(), "", ""
        elif context and cell is None:
            if m := _CLAUSE.match(text):
                clause, point = m.group(1), ""
            elif m := _POINT.match(text):
                point = m.group(1)
        if tbl is not None and tbl not in numbers:
            numbers[tbl] = _table_number(tbl, context, tail, borders, numbers)
        number = numbers.get(tbl) if tbl is not None else None
        if isinstance(number, str):
            out.append(Label(words[number], False))
            continue
        pieces = [context] if context else []
        if cell is not None:
            pieces.append(f"{words['table']} {number}, {words['row']} {cell.row}")
        else:
            if clause:
                pieces.append(f"{words['clause']} {clause}")
            if point:
                pieces.append(f"{words['point']} {point}")
        label = ", ".join(pieces) or f"{words['paragraph']} {len(out) + 1}"
        out.append(Label(label, is_heading))
    return out


def _table_number(
    tbl: etree._Element,
    context: str,
    tail: set[etree._Element],
    borders: TableBorders,
    numbers: dict[etree._Element, int | str],
) -> int | str:
    """The reader's number of a table met for the first time, or "head"/"end" for a layout one."""
    if not borders.visible(tbl):
        if not context:
            return "head"
        if tbl in tail:
            return "end"
    return 1 + sum(1 for n in numbers.values() if isinstance(n, int))


def _tail_tables(
    tables: Sequence[etree._Element | None], texts: Sequence[str], borders: TableBorders
) -> set[etree._Element]:
    """Borderless tables followed by nothing but empty paragraphs and other such tables."""
    out: set[etree._Element] = set()
    for tbl, text in zip(reversed(tables), reversed(texts), strict=True):
        if tbl is None:
            if text.strip():
                break
        elif tbl in out or not borders.visible(tbl):
            out.add(tbl)
        else:
            break
    return out


def _outer_table(p: etree._Element) -> etree._Element | None:
    found = None
    for ancestor in p.iterancestors(_TBL):
        found = ancestor
    return found


class TableBorders:
    """Whether a table shows any border line: its own w:tblBorders over its table style's
    (following w:basedOn; the default table style when it names none). Cell borders are not
    looked at: a layout table drawing one rule under a cell is still a layout table."""

    def __init__(self, parts: dict[str, bytes]) -> None:
        self._styles: dict[str, etree._Element] = {}
        self._default = ""
        if "word/styles.xml" in parts:
            for style in parse_xml(parts["word/styles.xml"]).iterfind("w:style", NS):
                if style.get(qn("w:type")) != "table":
                    continue
                sid = style.get(qn("w:styleId"), "")
                self._styles[sid] = style
                if style.get(qn("w:default")) in ("1", "true", "on"):
                    self._default = sid

    def visible(self, tbl: etree._Element) -> bool:
        sides = self._style_sides(_val(tbl.find("w:tblPr/w:tblStyle", NS)) or self._default)
        sides.update(_border_sides(tbl.find("w:tblPr/w:tblBorders", NS)))
        return any(v not in _NO_LINE for v in sides.values())

    def _style_sides(self, sid: str) -> dict[str, str]:
        chain: list[etree._Element] = []
        while sid in self._styles and len(chain) < 20:
            chain.append(self._styles[sid])
            sid = _val(self._styles[sid].find("w:basedOn", NS)) or ""
        sides: dict[str, str] = {}
        for style in reversed(chain):
            sides.update(_border_sides(style.find("w:tblPr/w:tblBorders", NS)))
        return sides


def _border_sides(borders: etree._Element | None) -> dict[str, str]:
    if borders is None:
        return {}
    out = {}
    for side in _SIDES:
        el = borders.find(f"w:{side}", NS)
        if el is not None:
            out[side] = el.get(qn("w:val"), "none")
    return out


def _level_words(texts: Sequence[str]) -> dict[str, int]:
    """Words that start 2+ paragraphs with distinct numbers; rank 0 = rarest = highest level."""
    numbers: dict[str, set[str]] = {}
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, text in enumerate(texts):
        m = _LEVEL.match(text)
        if m and m.group(1)[0].isupper():
            numbers.setdefault(m.group(1), set()).add(m.group(2))
            counts[m.group(1)] += 1
            first.setdefault(m.group(1), i)
    words = [w for w, nums in numbers.items() if len(nums) >= 2]
    words.sort(key=lambda w: (counts[w], first[w]))
    return {w: rank for rank, w in enumerate(words)}


def _note_labels(
    paragraphs: Sequence[tuple[etree._Element, TableCell | None]], word: str
) -> list[Label]:
    out: list[Label] = []
    seen: dict[str, int] = {}
    for p, _ in paragraphs:
        note = p.getparent()
        while note is not None and note.tag not in (qn("w:footnote"), qn("w:endnote")):
            note = note.getparent()
        key = "" if note is None else note.get(qn("w:id"), "")
        seen.setdefault(key, len(seen) + 1)
        out.append(Label(f"{word} {seen[key]}", False))
    return out
