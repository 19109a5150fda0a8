"""Concord's own words, in the language of the document they go into.

Every phrase Concord writes about an item (the merged file's "Concord" comments, the synthesis
report's rows, the review page's notes) lives here in Vietnamese ("vi") and English ("en"), so
the merger, the report and the review page describe an item the same way. A Vietnamese draft
gets Vietnamese phrases in the administrative register its readers expect; an English one keeps
English. Which language a document is in is `engine.structure.language_of`'s call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from concord.models import Item, ItemKind

Lang = Literal["vi", "en"]

# Long draft passages are cut in the report's table: the row points at the text, it need not
# repeat it.
EXCERPT = 400

_PHRASES: dict[str, dict[Lang, str]] = {
    "nothing": {"en": "(nothing)", "vi": "(không có)"},
    "proposes": {"en": "{lead} proposes: {what}", "vi": "{lead} đề nghị: {what}"},
    "comments": {"en": "{lead} comments{on}: {comment}", "vi": "{lead} góp ý{on}: {comment}"},
    "comments_on": {"en": " on {anchor}", "vi": " về {anchor}"},
    "lead": {"en": "In the {part}, {agency}", "vi": "Ở phần {part}, {agency}"},
    "insert": {"en": "insert {new}", "vi": "bổ sung {new}"},
    "delete": {"en": "delete {old}", "vi": "bỏ {old}"},
    "replace": {"en": "replace {old} with {new}", "vi": "sửa {old} thành {new}"},
    "move": {"en": "move {old}", "vi": "chuyển {old}"},
    "format": {"en": "formatting of {old}: {detail}", "vi": "định dạng của {old}: {detail}"},
    "formatting": {"en": "Formatting: {detail}", "vi": "Thay đổi định dạng: {detail}"},
    "format_changed": {"en": "changed", "vi": "có thay đổi"},
    "moved": {
        "en": "Moved: {old} goes elsewhere (deleted here, inserted there)",
        "vi": "Chuyển đoạn: {old} được chuyển sang vị trí khác (bỏ ở đây, bổ sung ở vị trí mới)",
    },
    "unplaced": {
        "en": "Could not be written as a tracked change here: {what}",
        "vi": "Không ghi được thành thay đổi theo dõi tại đây: {what}",
    },
    "same_change": {
        "en": "Same change proposed by: {agencies}",
        "vi": "Trùng nội dung: cùng đề nghị sửa của {agencies}",
    },
    "clash": {
        "en": "Clash: {count} agencies change this text differently.",
        "vi": "Đề nghị khác nhau ({count} cơ quan) về cùng nội dung:",
    },
    "clash_with": {
        "en": "Overlaps the proposals of: {agencies}",
        "vi": "Khác với đề nghị sửa cùng nội dung của: {agencies}",
    },
    "clash_banner": {"en": "Clash", "vi": "Đề nghị khác nhau"},
    "clash_on": {"en": "on {anchor} between {agencies}", "vi": "về {anchor} giữa {agencies}"},
    "summary": {
        "en": "{items} items from {agencies} agencies; {clashes} clashes.",
        "vi": "{items} ý kiến của {agencies} cơ quan; {clashes} nội dung đề nghị khác nhau.",
    },
    "deleted": {"en": "deleted", "vi": "bỏ"},
    "inserted": {"en": "inserted", "vi": "bổ sung"},
    "resolved": {"en": "(resolved)", "vi": "(đã giải quyết)"},
    "where": {"en": "In the {part}", "vi": "Ở phần {part}"},
    # The report's row: a label, then the text it is about.
    "row_replace": {"en": "Replace: {old} → {new}", "vi": "Sửa: {old} → {new}"},
    "row_delete": {"en": "Delete: {old}", "vi": "Bỏ: {old}"},
    "row_insert": {"en": "Insert: {new}", "vi": "Bổ sung: {new}"},
    "row_move": {"en": "Move: {old}", "vi": "Chuyển đoạn: {old}"},
    "row_format": {"en": "Formatting: {detail}", "vi": "Định dạng: {detail}"},
    "row_reply": {"en": "Reply ({author}): {text}", "vi": "Trả lời ({author}): {text}"},
    "untracked": {
        "en": "(edited directly, without tracking changes)",
        "vi": "(sửa trực tiếp, không bật theo dõi thay đổi)",
    },
    "inserted_into": {"en": "(inserted into) {anchor}", "vi": "(bổ sung vào đoạn) {anchor}"},
    "inserted_new": {"en": "(new text)", "vi": "(bổ sung mới)"},
}

# A part as a title (the report's article/clause column) and inside a sentence ("In the ...").
_PART_NAMES: dict[Lang, dict[str, str]] = {
    "en": {
        "header": "Header",
        "footer": "Footer",
        "footnotes": "Footnotes",
        "endnotes": "Endnotes",
    },
    "vi": {
        "header": "Đầu trang",
        "footer": "Chân trang",
        "footnotes": "Chú thích",
        "endnotes": "Chú thích cuối",
    },
}
_PARTS_IN_SENTENCE: dict[Lang, dict[str, str]] = {
    # English keeps the part's own name ("In the footnotes, ..."), as the merged files always did.
    "en": {},
    "vi": {
        "header": "đầu trang",
        "footer": "chân trang",
        "footnotes": "chú thích",
        "endnotes": "chú thích cuối văn bản",
    },
}
_KIND_NAMES: dict[Lang, dict[ItemKind, str]] = {
    "en": {kind: kind.value for kind in ItemKind},
    "vi": {
        ItemKind.COMMENT: "góp ý",
        ItemKind.INSERT: "bổ sung",
        ItemKind.DELETE: "bỏ",
        ItemKind.REPLACE: "sửa",
        ItemKind.MOVE: "chuyển",
        ItemKind.FORMAT: "định dạng",
    },
}


def say(key: str, lang: Lang, **values: object) -> str:
    """The phrase `key` in `lang`, with its {placeholders} filled."""
    return _PHRASES[key][lang].format(**values)


def quote(text: str, lang: Lang) -> str:
    """Text quoted on one line (paragraph breaks shown as ¶), or "(nothing)" for none."""
    return "“" + text.replace("\n", " ¶ ") + "”" if text else say("nothing", lang)


def excerpt(text: str) -> str:
    """Text quoted for a table cell: line breaks kept, long passages cut at EXCERPT."""
    text = text.replace("\v", "\n").strip("\n")
    if len(text) > EXCERPT:
        text = text[:EXCERPT].rstrip() + "…"
    return f"“{text}”"


def part_name(part: str, lang: Lang) -> str:
    """A part outside the body as a title ("Chân trang"); an unknown part keeps its own name."""
    return _PART_NAMES[lang].get(part, part)


def where(part: str, lang: Lang) -> str:
    """The part named inside a sentence: "In the footer" / "Ở phần chân trang"."""
    return say("where", lang, part=_PARTS_IN_SENTENCE[lang].get(part, part))


def kind_name(kind: ItemKind, lang: Lang) -> str:
    return _KIND_NAMES[lang][kind]


def change(item: Item, lang: Lang, q: Callable[[str], str] | None = None) -> str:
    """The change an item proposes, as a verb phrase ("replace “a” with “b”")."""
    q = q or (lambda text: quote(text, lang))
    if item.kind == ItemKind.INSERT:
        return say("insert", lang, new=q(item.new))
    if item.kind == ItemKind.DELETE:
        return say("delete", lang, old=q(item.old))
    if item.kind == ItemKind.FORMAT:
        detail = format_detail(item.detail, lang)
        return say("format", lang, old=q(item.anchor or item.old), detail=detail)
    if item.kind == ItemKind.MOVE:
        return say("move", lang, old=q(item.old))
    return say("replace", lang, old=q(item.old), new=q(item.new))


def outside_body(item: Item, lang: Lang) -> str:
    """What an agency proposed in a header, footer or note, said in words (a merged file shows
    it as the agency's comment at the start of the body)."""
    part = _PARTS_IN_SENTENCE[lang].get(item.part, item.part)
    lead = say("lead", lang, part=part, agency=item.agency)
    if item.kind == ItemKind.COMMENT:
        on = say("comments_on", lang, anchor=quote(item.anchor, lang)) if item.anchor else ""
        return say("comments", lang, lead=lead, on=on, comment=item.comment)
    return say("proposes", lang, lead=lead, what=change(item, lang))


# The reader describes a formatting change as "<property> added|removed|changed, ..." (English,
# engine/reading/stream.py); said here in the document's language.
_VI_PROPERTIES = {
    "bold": "in đậm",
    "italic": "in nghiêng",
    "underline": "gạch chân",
    "strikethrough": "gạch ngang",
    "double strikethrough": "gạch ngang kép",
    "capitals": "chữ in hoa",
    "small capitals": "chữ hoa nhỏ",
    "superscript/subscript": "chỉ số trên/dưới",
    "font size": "cỡ chữ",
    "font": "phông chữ",
    "colour": "màu chữ",
    "highlight": "tô sáng",
    "shading": "tô nền",
    "character style": "kiểu ký tự",
    "alignment": "căn lề",
    "indentation": "thụt lề",
    "spacing": "khoảng cách dòng, đoạn",
    "paragraph style": "kiểu đoạn văn",
    "numbering": "đánh số",
    "keep with next": "giữ với đoạn sau",
    "keep lines together": "giữ các dòng liền nhau",
    "page break before": "ngắt trang trước đoạn",
    "outline level": "cấp đề mục",
    "tab stops": "điểm dừng tab",
}
_VI_CHANGES = {"added": "thêm {0}", "removed": "bỏ {0}", "changed": "đổi {0}"}


def format_detail(detail: str, lang: Lang) -> str:
    """The reader's description of a formatting change, in `lang`."""
    if lang == "en" or not detail:
        return detail
    notes = []
    for note in detail.split(", "):
        prop, _, verb = note.rpartition(" ")
        if verb in _VI_CHANGES and prop:
            name = "định dạng" if prop == "formatting" else _VI_PROPERTIES.get(prop, prop)
            notes.append(_VI_CHANGES[verb].format(name))
        else:
            notes.append(note)
    return ", ".join(notes)


def formatting(detail: str, lang: Lang) -> str:
    """A formatting change, as the agency's comment on the text it formats."""
    return say(
        "formatting", lang, detail=format_detail(detail, lang) or say("format_changed", lang)
    )


def moved(old: str, lang: Lang) -> str:
    """A move not written as w:moveFrom/w:moveTo: the agency's comment on the moved text."""
    return say("moved", lang, old=quote(old, lang))


def unplaced(item: Item, lang: Lang) -> str:
    """An item the merger could not write as a change: the agency's comment saying what it is."""
    return say("unplaced", lang, what=change(item, lang))


def same_change(agencies: Sequence[str], lang: Lang) -> str:
    """Concord's comment on a change several agencies proposed word for word."""
    return say("same_change", lang, agencies=", ".join(agencies))


def clash_lines(agencies: Sequence[str], texts: Sequence[str], lang: Lang) -> list[str]:
    """Concord's comment on a clash: a heading line, then each agency's version."""
    lines = [say("clash", lang, count=len(agencies))]
    lines += [f"{a}: {quote(t, lang)}" for a, t in zip(agencies, texts, strict=True)]
    return lines


def clash_with(agencies: Sequence[str], lang: Lang) -> str:
    """A clashing item's note naming the other agencies whose changes overlap it."""
    return say("clash_with", lang, agencies=", ".join(agencies))


def draft_text(item: Item, lang: Lang) -> str:
    """What the draft says where the item applies (the report's "draft text" column)."""
    if item.kind == ItemKind.INSERT:
        if item.anchor:
            return say("inserted_into", lang, anchor=excerpt(item.anchor))
        return say("inserted_new", lang)
    return excerpt(item.anchor or item.old)


def describe_change(item: Item, lang: Lang) -> str:
    """The comment, or the change proposed, in words (the report's "comment" column)."""
    if item.kind == ItemKind.COMMENT:
        text = item.comment
        for reply in item.replies:
            text += "\n" + say("row_reply", lang, author=reply.author, text=reply.text)
    elif item.kind == ItemKind.REPLACE:
        text = say("row_replace", lang, old=excerpt(item.old), new=excerpt(item.new))
    elif item.kind == ItemKind.DELETE:
        text = say("row_delete", lang, old=excerpt(item.old))
    elif item.kind == ItemKind.INSERT:
        text = say("row_insert", lang, new=excerpt(item.new))
    elif item.kind == ItemKind.MOVE:
        text = say("row_move", lang, old=excerpt(item.old))
    else:
        text = say("row_format", lang, detail=format_detail(item.detail, lang) or excerpt(item.old))
    if item.kind != ItemKind.COMMENT and not item.tracked:
        text += "\n" + say("untracked", lang)
    return text
