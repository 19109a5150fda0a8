"""New drafts from the bundled templates (`templates/*.docx`, made by templates/make_templates.py).

A template holds the page setup, styles and heading layout of a Vietnamese legal text, with
`{{placeholders}}` each alone in one run; this module fills them and lays out the articles.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Literal

from docx import Document
from docx.document import Document as DocxDocument
from docx.text.paragraph import Paragraph

from concord.engine.errors import EngineError
from concord.engine.ooxml import qn, read_parts, write_parts

TEMPLATES_DIR = Path(str(files("concord.templates")))
PLACEHOLDER = re.compile(r"\{\{([a-z_]+)\}\}")

DraftKind = Literal["resolution", "directive"]


class TemplateError(EngineError):
    """A template is missing or does not hold the placeholders its filler expects."""

    code = "template_error"


def template_path(name: str) -> Path:
    """The path of `templates/<name>.docx` ('resolution', 'directive', 'synthesis-report')."""
    path = TEMPLATES_DIR / f"{name}.docx"
    if not path.is_file():
        raise TemplateError(f"no template named '{name}' in {TEMPLATES_DIR}")
    return path


def open_template(name: str) -> DocxDocument:
    return Document(str(template_path(name)))


def all_paragraphs(doc: DocxDocument) -> Iterable[Paragraph]:
    """Body paragraphs in document order, including those inside (nested) tables."""
    for p in doc.element.body.iter(qn("w:p")):
        yield Paragraph(p, doc._body)


def fill_placeholders(doc: DocxDocument, values: dict[str, str]) -> None:
    """Replace every `{{name}}` run text with its value; a placeholder without a value is a
    template/filler mismatch and raises rather than leaking braces into a document."""
    for paragraph in all_paragraphs(doc):
        for run in paragraph.runs:
            if "{{" not in run.text:
                continue
            missing = [m for m in PLACEHOLDER.findall(run.text) if m not in values]
            if missing:
                raise TemplateError(f"no value for placeholder(s) {', '.join(missing)}")
            run.text = PLACEHOLDER.sub(lambda m: values[m.group(1)], run.text)


def find_marker(doc: DocxDocument, name: str) -> Paragraph:
    """The paragraph consisting of exactly `{{name}}`: where generated content goes."""
    for paragraph in all_paragraphs(doc):
        if paragraph.text == f"{{{{{name}}}}}":
            return paragraph
    raise TemplateError(f"template has no '{{{{{name}}}}}' paragraph")


def replace_marker(marker: Paragraph, paragraphs: Sequence[tuple[str, str, bool]]) -> None:
    """Put paragraphs `(text, style, bold)` where the marker is, then drop the marker."""
    for text, style, bold in paragraphs:
        new = marker.insert_paragraph_before(style=style)
        run = new.add_run(text)
        if bold:
            run.bold = True
    marker._p.getparent().remove(marker._p)


def to_bytes(doc: DocxDocument) -> bytes:
    """Saved with fixed zip timestamps: the same inputs give the same bytes."""
    buf = io.BytesIO()
    doc.save(buf)
    return write_parts(read_parts(buf.getvalue()))


def new_draft(
    kind: DraftKind,
    title: str,
    *,
    issuer: str,
    articles: Sequence[tuple[str, Sequence[str]]] = (),
) -> bytes:
    """A new draft of `kind` titled `title` (e.g. "Về hỗ trợ phụ nữ hội nhập quốc tế đến năm
    2030"), issued by `issuer` (e.g. "CHÍNH PHỦ").

    `articles` are `(heading, paragraphs)`: a resolution numbers them "Điều 1. heading", a
    directive (which has no articles) "1. heading"; paragraphs are written as given, so clause
    and point numbers ("1.", "a)") are the caller's.
    """
    if kind not in ("resolution", "directive"):
        raise TemplateError(f"unknown draft kind '{kind}' (resolution or directive)")
    if not title.strip() or not issuer.strip():
        raise TemplateError("a draft needs a title and an issuer")
    doc = open_template(kind)
    content: list[tuple[str, str, bool]] = []
    for number, (heading, paragraphs) in enumerate(articles, start=1):
        label = f"Điều {number}. {heading}" if kind == "resolution" else f"{number}. {heading}"
        content.append((label, "Heading 1", False))
        content.extend((text, "Body Text", False) for text in paragraphs)
    replace_marker(find_marker(doc, "articles"), content)
    fill_placeholders(doc, {"issuer": issuer.strip().upper(), "title": title.strip()})
    doc.core_properties.title = title.strip()
    return to_bytes(doc)
