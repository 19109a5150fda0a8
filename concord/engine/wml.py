"""WordprocessingML names in one place: element tags, attributes, revision kinds, and the rule
for what text a run's child contributes.

Every engine module spells `w:` names through this module instead of calling `qn` on its own,
so that the meaning of an element (is it a revision? does it carry text?) is decided once.
"""

from __future__ import annotations

import unicodedata

from lxml import etree

from concord.engine.ooxml import qn

# -- elements ------------------------------------------------------------------------------
BODY = qn("w:body")
P = qn("w:p")
PPR = qn("w:pPr")
R = qn("w:r")
RPR = qn("w:rPr")
T = qn("w:t")
DEL_TEXT = qn("w:delText")
INSTR = qn("w:instrText")
DEL_INSTR = qn("w:delInstrText")
TAB = qn("w:tab")
CR = qn("w:cr")
BR = qn("w:br")
NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
FLD_CHAR = qn("w:fldChar")
FLD_SIMPLE = qn("w:fldSimple")
TBL = qn("w:tbl")
TR = qn("w:tr")
TRPR = qn("w:trPr")
TC = qn("w:tc")
TCPR = qn("w:tcPr")
TBL_PR_EX = qn("w:tblPrEx")
SDT = qn("w:sdt")
SDT_CONTENT = qn("w:sdtContent")
CUSTOM_XML = qn("w:customXml")
SECT_PR = qn("w:sectPr")
PPR_CHANGE = qn("w:pPrChange")
RPR_CHANGE = qn("w:rPrChange")
TXBX = qn("w:txbxContent")
FOOTNOTE = qn("w:footnote")
ENDNOTE = qn("w:endnote")

# -- revisions -----------------------------------------------------------------------------
INS = qn("w:ins")
DEL = qn("w:del")
MOVE_FROM = qn("w:moveFrom")
MOVE_TO = qn("w:moveTo")
INSERTED = frozenset({INS, MOVE_TO})
DELETED = frozenset({DEL, MOVE_FROM})
REVISIONS = INSERTED | DELETED
# Local name of a revision element -> the reader's state for what it wraps.
REVISION_STATE = {"ins": "ins", "del": "del", "moveFrom": "moveFrom", "moveTo": "moveTo"}
MOVE_RANGES = frozenset(
    qn(f"w:{kind}Range{end}") for kind in ("moveFrom", "moveTo") for end in ("Start", "End")
)
COMMENT_RANGE_START = qn("w:commentRangeStart")
COMMENT_RANGE_END = qn("w:commentRangeEnd")
COMMENT_REFERENCE = qn("w:commentReference")
COMMENT_MARKS = frozenset({COMMENT_RANGE_START, COMMENT_RANGE_END, COMMENT_REFERENCE})

# -- attributes ----------------------------------------------------------------------------
W_ID = qn("w:id")
W_AUTHOR = qn("w:author")
W_DATE = qn("w:date")
W_NAME = qn("w:name")
W_TYPE = qn("w:type")
W_VAL = qn("w:val")
W_INSTR = qn("w:instr")
FLD_CHAR_TYPE = qn("w:fldCharType")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def nfc(text: str) -> str:
    """`text` composed (NFC): Vietnamese saved decomposed by a Mac or web editor, or by
    Unikey's "Unicode tổ hợp", is the same text as the circulated (composed) one."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def author(el: etree._Element) -> str:
    """Who made a revision, comment or move range ("" when unsaid), composed (NFC)."""
    return nfc(el.get(W_AUTHOR, ""))


def date(el: etree._Element) -> str:
    """When a revision or comment was made ("" when unsaid: the date is optional)."""
    return el.get(W_DATE, "")


def local(el: etree._Element) -> str:
    """The local name of an element's tag ("ins" for w:ins)."""
    return etree.QName(el).localname


# -- a run's text --------------------------------------------------------------------------
TEXT = frozenset({T, DEL_TEXT})
# Run children that stand for one character of text.
CHARS = {TAB: "\t", CR: "\v", NO_BREAK_HYPHEN: "-"}


def text_break(br: etree._Element) -> bool:
    """Whether a w:br is a line break in the text: page and column breaks are layout."""
    return br.get(W_TYPE) in (None, "textWrapping")


def child_text(child: etree._Element) -> str:
    """The text a run's child contributes: its characters for w:t/w:delText, "\\t" for a tab,
    "\\v" for a carriage return or text-wrapping break, "-" for a non-breaking hyphen, nothing
    for anything else (properties, field characters, drawings, marks)."""
    tag = child.tag
    if tag in TEXT:
        return child.text or ""
    if tag in CHARS:
        return CHARS[tag]
    if tag == BR and text_break(child):
        return "\v"
    return ""


def run_text(run: etree._Element) -> str:
    return "".join(child_text(c) for c in run)
