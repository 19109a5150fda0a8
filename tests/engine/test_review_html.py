"""The review page: text, agency colours and labels, margin comments, clash banners, escaping."""

from __future__ import annotations

from html.parser import HTMLParser

from concord.engine.merger import merge
from concord.engine.review_html import render_review
from concord.models import ItemKind
from tests.engine.test_merger import DATE, base_docx, item


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page() -> tuple[str, _Collect]:
    items = [
        item(ItemKind.REPLACE, "Ministry of Finance", 1, 45, 49, old="2030", new="2035"),
        item(ItemKind.REPLACE, "Ministry of Justice", 1, 42, 49, old="by 2030", new="in 2040"),
        item(ItemKind.DELETE, "Ministry <Health>", 3, 0, 10, old="Emissions "),
        item(
            ItemKind.COMMENT,
            "Ministry <Health>",
            0,
            0,
            7,
            anchor="Article",
            comment="<script>alert(1)</script> & more",
        ),
    ]
    base = base_docx()
    page = render_review(base, merge(base, items, date=DATE), title="Draft <1>")
    parser = _Collect()
    parser.feed(page)
    return page, parser


def test_page_shows_text_changes_and_comments_escaped() -> None:
    page, parsed = _page()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<title>Draft &lt;1&gt;</title>" in page
    text = "".join(parsed.text)
    assert "Article 1. Scope" in text and "fall by half." in text
    dels = [a for t, a in parsed.tags if t == "del"]
    assert dels == [{"style": dels[0]["style"], "title": "Ministry <Health>: deleted"}]
    # The heading is bold, the comment sits in the margin beside block 0.
    assert 'class="text heading"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page


def test_clash_banner_and_legend() -> None:
    page, parsed = _page()
    banner = page[page.index('class="clash"') :]
    banner = banner[: banner.index("</div>")]
    assert "Ministry of Finance, Ministry of Justice" in banner
    assert "“by 2035”" in banner and "“in 2040”" in banner
    legend = [
        a["style"] for t, a in parsed.tags if t == "span" and "border-color" in a.get("style", "")
    ]
    assert len(legend) == 3 and len(set(legend)) == 3
    # Clashing items are not drawn inline a second time.
    assert not any(t == "ins" for t, _ in parsed.tags)


def test_same_change_by_two_agencies_is_drawn_once() -> None:
    items = [item(ItemKind.INSERT, agency, 3, 0, 0, new="Overall, ") for agency in ("A", "B")]
    base = base_docx()
    page = render_review(base, merge(base, items, date=DATE), title="t")
    assert page.count("<ins ") == 1
