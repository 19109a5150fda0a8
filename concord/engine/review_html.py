"""A review page for a merged round: the circulated text block by block, each agency's changes
coloured by agency, comments in the margin beside their block, clashes under a banner.

Self-contained (inline CSS, no script) so it can be mailed or stored as one file; every piece of
document text goes through html.escape.
"""

from __future__ import annotations

import html
from collections import defaultdict

from concord.engine.blocks import Block, blocks_of, extract_blocks
from concord.engine.merger import MergeResult
from concord.engine.structure import language_of
from concord.engine.wording import Lang, formatting, kind_name, say, where
from concord.models import Clash, Item, ItemKind

# Colour-blind-safe palette (Okabe-Ito), cycled when there are more agencies.
_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8B6D00", "#444")
_CHANGES = {ItemKind.INSERT, ItemKind.DELETE, ItemKind.REPLACE, ItemKind.MOVE}
_NOTES = {ItemKind.COMMENT, ItemKind.FORMAT}

_CSS = """
body{font-family:Georgia,serif;margin:2em auto;max-width:72em;color:#222}
h1{font-size:1.4em}.legend span{margin-right:1em;padding:0 .4em;border-left:.6em solid}
.row{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5em;
border-top:1px solid #eee;padding:.4em 0}
.text{white-space:pre-wrap}.heading{font-weight:bold}.loc{color:#888;font-size:.75em}
ins,del{text-decoration-thickness:2px}del{text-decoration-line:line-through}
.tag{font:600 .65em sans-serif;color:#fff;padding:0 .3em;border-radius:.3em;margin:0 .2em;
vertical-align:super}
.note{font-size:.85em;border-left:.4em solid;padding:.2em .5em;margin-bottom:.4em;
background:#fafafa}
.note q{color:#666}.reply{margin-left:1em;color:#444}
.clash{background:#fff3cd;border:1px solid #e0b000;padding:.3em .6em;margin:.3em 0;font-size:.9em}
""".strip()


def render_review(base: bytes, result: MergeResult, *, title: str) -> str:
    """The review page of `result` (a merge of `base`) as one HTML document."""
    blocks = blocks_of(extract_blocks(base), "body")
    lang = language_of([b.text for b in blocks])  # the page speaks the draft's language
    agencies = sorted(
        {i.agency for i in result.items} | {a for c in result.clashes for a in c.agencies}
    )
    colour = {a: _COLOURS[n % len(_COLOURS)] for n, a in enumerate(agencies)}
    clashed = {i for c in result.clashes for i in c.item_ids}
    changes: dict[int, list[Item]] = defaultdict(list)
    notes: dict[int, list[Item]] = defaultdict(list)
    for item in result.items:
        at = item.block if item.part == "body" else 0
        if item.part == "body" and item.kind in _CHANGES and item.id not in clashed:
            changes[item.block].append(item)
        else:
            notes[at].append(item)
    clashes: dict[int, list[Clash]] = defaultdict(list)
    for clash in result.clashes:
        clashes[clash.block].append(clash)
    esc = html.escape
    counts = {"items": len(result.items), "agencies": len(agencies), "clashes": len(result.clashes)}
    summary = say("summary", lang, **counts)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        f"<p>{esc(summary)}</p>",
        '<p class="legend">'
        + "".join(f'<span style="border-color:{colour[a]}">{esc(a)}</span>' for a in agencies)
        + "</p>",
    ]
    for block in blocks:
        out.append(
            _row(
                block, changes[block.index], notes[block.index], clashes[block.index], colour, lang
            )
        )
    out.append("</body></html>")
    return "\n".join(out)


def _tag(agency: str, colour: dict[str, str]) -> str:
    return f'<span class="tag" style="background:{colour[agency]}">{html.escape(agency)}</span>'


def _row(
    block: Block,
    changes: list[Item],
    notes: list[Item],
    clashes: list[Clash],
    colour: dict[str, str],
    lang: Lang,
) -> str:
    esc = html.escape
    cls = "text heading" if block.is_heading else "text"
    left = [f'<div class="loc">{esc(block.location)}</div>']
    for clash in clashes:
        versions = "; ".join(
            f"{esc(a)}: “{esc(t)}”" for a, t in zip(clash.agencies, clash.texts, strict=True)
        )
        on = say("clash_on", lang, anchor=f"“{clash.anchor}”", agencies=", ".join(clash.agencies))
        left.append(
            f'<div class="clash"><strong>{esc(say("clash_banner", lang))}</strong> {esc(on)} '
            f"— {versions}</div>"
        )
    left.append(f'<div class="{cls}">{_marked_text(block.text, changes, colour, lang)}</div>')
    right = [_note(item, colour, lang) for item in notes]
    return f'<div class="row"><div>{"".join(left)}</div><div>{"".join(right)}</div></div>'


def _marked_text(text: str, changes: list[Item], colour: dict[str, str], lang: Lang) -> str:
    """The block's text with each change shown in place; overlapping ones after the first are
    clashes or duplicates and appear in their banner or once."""
    esc = html.escape
    out: list[str] = []
    pos = 0
    drawn: set[tuple[int, int, str]] = set()
    for item in sorted(changes, key=lambda i: (i.start, i.end, i.agency)):
        if item.start < pos or (item.start, item.end, item.new) in drawn:
            continue  # a clash (in its banner) or the same change by another agency
        drawn.add((item.start, item.end, item.new))
        end = item.end if item.end_block in (None, item.block) else len(text)
        c = colour[item.agency]
        label = esc(item.agency)
        out.append(esc(text[pos : item.start]))
        if end > item.start:
            old = esc(text[item.start : end])
            title = f"{label}: {esc(say('deleted', lang))}"
            out.append(f'<del style="color:{c}" title="{title}">{old}</del>')
        if item.kind != ItemKind.DELETE and item.new:
            title = f"{label}: {esc(say('inserted', lang))}"
            out.append(f'<ins style="color:{c}" title="{title}">{esc(item.new)}</ins>')
        out.append(_tag(item.agency, colour))
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def _note(item: Item, colour: dict[str, str], lang: Lang) -> str:
    esc = html.escape
    if item.part != "body":
        what = esc(where(item.part, lang) + ": " + (item.comment or f"{item.old} → {item.new}"))
    elif item.kind == ItemKind.FORMAT:
        what = esc(formatting(item.detail, lang))
    elif item.kind in _CHANGES:
        what = f"{esc(kind_name(item.kind, lang))}: “{esc(item.old)}” → “{esc(item.new)}”"
    else:
        what = esc(item.comment)
    anchor = f"<q>{esc(item.anchor)}</q> " if item.anchor else ""
    replies = "".join(
        f'<div class="reply">{esc(r.author or item.agency)}: {esc(r.text)}</div>'
        for r in item.replies
    )
    resolved = " " + esc(say("resolved", lang)) if item.resolved else ""
    return (
        f'<div class="note" style="border-color:{colour[item.agency]}" '
        f'title="{esc(item.agency)}">{_tag(item.agency, colour)}{resolved} {anchor}{what}'
        f"{replies}</div>"
    )
