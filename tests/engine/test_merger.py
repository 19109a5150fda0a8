"""The merger: tracked changes and comments by agency, judged by the merged XML's own texts."""

from __future__ import annotations

import io

import docx
import pytest
from lxml import etree

from concord.engine.blocks import iter_block_paragraphs, paragraph_text
from concord.engine.merger import merge
from concord.engine.ooxml import NS, parse_xml, qn, read_parts
from concord.engine.publish import accept_all_changes
from concord.models import Item, ItemKind, Reply

DATE = "2026-01-15T09:30:00Z"
PARAS = [
    "Article 1. Scope",
    "This resolution applies to all ministries by 2030.",
    "Article 2. Targets",
    "Emissions fall by half.",
]


def base_docx(paras: list[str] = PARAS, table: bool = False) -> bytes:
    d = docx.Document()
    for i, text in enumerate(paras):
        if text.startswith("Article"):
            d.add_heading(text, level=2)
        else:
            p = d.add_paragraph()
            # Several runs, with formatting, so edits must split runs.
            half = len(text) // 2
            p.add_run(text[:half])
            p.add_run(text[half:]).bold = i % 2 == 1
    if table:
        t = d.add_table(rows=1, cols=2)
        t.cell(0, 0).text = "Cell one"
        t.cell(0, 1).text = "Cell two"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def item(kind: ItemKind, agency: str, block: int, start: int, end: int, **kw) -> Item:
    return Item(kind=kind, agency=agency, block=block, start=start, end=end, tracked=True, **kw)


def body(docx_bytes: bytes) -> etree._Element:
    return parse_xml(read_parts(docx_bytes)["word/document.xml"]).find("w:body", NS)


def texts(docx_bytes: bytes) -> tuple[str, str]:
    """(reject-all, accept-all) text of the body, paragraphs joined by "\\n"; a paragraph whose
    mark is inserted (deleted) joins the next one when rejecting (accepting)."""
    out = {"base": [], "accept": []}
    for p in iter_block_paragraphs(body(docx_bytes)):
        mark = p.find("w:pPr/w:rPr", NS)
        inserted = mark is not None and mark.find("w:ins", NS) is not None
        deleted = mark is not None and mark.find("w:del", NS) is not None
        for view, joined in (("base", inserted), ("accept", deleted)):
            out[view].append(paragraph_text(p, view) + ("" if joined else "\n"))
    return "".join(out["base"]), "".join(out["accept"])


CIRCULATED = "\n".join(PARAS) + "\n"


def changes(docx_bytes: bytes) -> list[tuple[str, str, str]]:
    """(kind, author, text) of each w:ins/w:del holding runs."""
    out = []
    for el in body(docx_bytes).iter(qn("w:ins"), qn("w:del")):
        text = "".join(t.text or "" for t in el.iter(qn("w:t"), qn("w:delText")))
        if text:
            out.append((etree.QName(el).localname, el.get(qn("w:author")), text))
    return out


def test_replace_insert_delete_by_different_agencies() -> None:
    items = [
        item(ItemKind.REPLACE, "Ministry of Finance", 1, 45, 49, old="2030", new="2035"),
        item(ItemKind.INSERT, "Ministry of Justice", 3, 22, 22, new=" by 2040"),
        item(ItemKind.DELETE, "Ministry of Health", 1, 27, 31, old="all "),
    ]
    result = merge(base_docx(), items, date=DATE)
    rejected, accepted = texts(result.docx)
    assert rejected == CIRCULATED
    assert "applies to ministries by 2035." in accepted
    assert "Emissions fall by half by 2040." in accepted
    found = changes(result.docx)
    assert ("del", "Ministry of Finance", "2030") in found
    assert ("ins", "Ministry of Finance", "2035") in found
    assert ("ins", "Ministry of Justice", " by 2040") in found
    assert ("del", "Ministry of Health", "all ") in found
    dates = {el.get(qn("w:date")) for el in body(result.docx).iter(qn("w:ins"), qn("w:del"))}
    assert dates == {DATE}
    assert result.clashes == []
    # The circulated version's other parts are carried over byte for byte.
    before, after = read_parts(base_docx()), read_parts(result.docx)
    for name in ("word/styles.xml", "word/numbering.xml", "word/settings.xml"):
        assert after[name] == before[name]


def test_inserted_run_copies_the_neighbours_properties() -> None:
    # Block 1's second half is bold: text inserted inside it is bold too.
    result = merge(base_docx(), [item(ItemKind.INSERT, "A", 1, 40, 40, new="NEW ")], date=DATE)
    ins = next(el for el in body(result.docx).iter(qn("w:ins")))
    assert ins.find("w:r/w:rPr/w:b", NS) is not None
    assert ins.find("w:r/w:t", NS).get("{http://www.w3.org/XML/1998/namespace}space") == (
        "preserve"
    )


def test_new_paragraphs_and_deleted_paragraphs() -> None:
    n1 = len(PARAS[1])
    items = [
        item(ItemKind.INSERT, "A", 1, n1, n1, new="\nA new paragraph.\nAnd another."),
        item(ItemKind.DELETE, "B", 3, 0, 0, end_block=4, old=PARAS[3] + "\n"),
    ]
    result = merge(base_docx(), items, date=DATE)
    rejected, accepted = texts(result.docx)
    assert rejected == CIRCULATED
    assert accepted.startswith(
        f"{PARAS[0]}\n{PARAS[1]}\nA new paragraph.\nAnd another.\n{PARAS[2]}\n"
    )
    assert PARAS[3] not in accepted
    marks = body(result.docx).findall("w:p/w:pPr/w:rPr/w:ins", NS)
    assert len(marks) == 2 and all(m.get(qn("w:author")) == "A" for m in marks)


def test_paragraph_replaced_across_blocks() -> None:
    items = [
        item(ItemKind.REPLACE, "A", 1, 5, 9, end_block=2, old="...", new="X\nArticle 2 bis. New")
    ]
    result = merge(base_docx(), items, date=DATE)
    rejected, accepted = texts(result.docx)
    assert rejected == CIRCULATED
    assert accepted == f"{PARAS[0]}\nThis X\nArticle 2 bis. New. Targets\n{PARAS[3]}\n"


def test_no_deleted_mark_on_the_last_paragraph_of_a_cell() -> None:
    base = base_docx(table=True)
    # Blocks 4 and 5 are the two cells; deleting across them must not delete cell 1's mark.
    items = [item(ItemKind.DELETE, "A", 4, 5, 4, end_block=5, old="one\nCell")]
    result = merge(base, items, date=DATE)
    for tc in body(result.docx).iter(qn("w:tc")):
        last = tc.findall("w:p", NS)[-1]
        assert last.find("w:pPr/w:rPr/w:del", NS) is None
    assert texts(result.docx)[0] == texts(base)[0]


def test_clash_keeps_every_version_and_is_reported() -> None:
    items = [
        item(ItemKind.REPLACE, "Ministry of Finance", 1, 45, 49, old="2030", new="2035"),
        item(ItemKind.REPLACE, "Ministry of Justice", 1, 42, 49, old="by 2030", new="in 2040"),
        item(ItemKind.COMMENT, "Ministry of Justice", 0, 0, 7, anchor="Article", comment="ok"),
    ]
    result = merge(base_docx(), items, date=DATE)
    rejected, accepted = texts(result.docx)
    assert rejected == CIRCULATED
    assert "ministries by 2035in 2040." in accepted
    [clash] = result.clashes
    assert clash.agencies == ("Ministry of Finance", "Ministry of Justice")
    assert clash.texts == ("by 2035", "in 2040")
    assert (clash.block, clash.start, clash.end, clash.anchor) == (1, 42, 49, "by 2030")
    found = changes(result.docx)
    dels = [c for c in found if c[0] == "del"]
    assert sorted(dels) == [
        ("del", "Ministry of Finance", "2030"),
        ("del", "Ministry of Justice", "by "),
    ]
    comments = parse_xml(read_parts(result.docx)["word/comments.xml"])
    concord = [c for c in comments if c.get(qn("w:author")) == "Concord"]
    assert len(concord) == 1
    text = "".join(concord[0].itertext())
    assert "Ministry of Finance: “by 2035”" in text and "Ministry of Justice: “in 2040”" in text
    report = result.report()
    assert report["clashes"][0]["agencies"] == ["Ministry of Finance", "Ministry of Justice"]
    assert len(report["items"]) == 3 and all("id" in i for i in report["items"])


def test_same_insertion_point_different_text_is_a_clash() -> None:
    items = [
        item(ItemKind.INSERT, "B", 3, 0, 0, new="Overall, "),
        item(ItemKind.INSERT, "A", 3, 0, 0, new="By 2040, "),
    ]
    result = merge(base_docx(), items, date=DATE)
    assert texts(result.docx)[1].endswith("By 2040, Overall, Emissions fall by half.\n")
    assert result.clashes[0].agencies == ("A", "B")


def test_identical_edits_become_one_change_with_a_note() -> None:
    items = [
        item(ItemKind.REPLACE, agency, 1, 45, 49, old="2030", new="2035")
        for agency in ("Ministry of Justice", "Ministry of Finance")
    ]
    result = merge(base_docx(), items, date=DATE)
    assert [c for c in changes(result.docx) if c[0] == "ins"] == [
        ("ins", "Ministry of Finance", "2035")
    ]
    assert result.clashes == [] and len(result.items) == 2
    comments = read_parts(result.docx)["word/comments.xml"].decode()
    assert "Same change proposed by: Ministry of Finance, Ministry of Justice" in comments


def test_comments_replies_resolved_and_parts() -> None:
    items = [
        item(
            ItemKind.COMMENT,
            "Ministry of Foreign Affairs",
            1,
            5,
            15,
            end_block=1,
            anchor="resolution",
            comment="Which resolution?\nPlease cite it.",
            replies=(Reply(author="x", text="Number 12."),),
            resolved=True,
        ),
        item(ItemKind.COMMENT, "Ministry of Health", 3, 0, 9, anchor="Emissions", comment="Why?"),
        item(ItemKind.REPLACE, "Ministry of Health", 1, 5, 15, old="resolution", new="decree"),
    ]
    result = merge(base_docx(), items, date=DATE)
    parts = read_parts(result.docx)
    comments = parse_xml(parts["word/comments.xml"])
    authors = [(c.get(qn("w:author")), c.get(qn("w:initials"))) for c in comments]
    assert authors == [
        ("Ministry of Foreign Affairs", "MOFA"),
        ("Ministry of Foreign Affairs", "MOFA"),
        ("Ministry of Health", "MOH"),
    ]
    root, reply, _ = comments
    assert "Number 12." in "".join(reply.itertext())
    assert len(root.findall("w:p", NS)) == 2
    ext = parse_xml(parts["word/commentsExtended.xml"])
    entries = ext.findall("w15:commentEx", NS)
    last_para = root.findall("w:p", NS)[-1].get(qn("w14:paraId"))
    assert entries[0].get(qn("w15:paraId")) == last_para
    assert entries[0].get(qn("w15:done")) == "1"
    assert entries[1].get(qn("w15:paraIdParent")) == last_para
    para_ids = [p.get(qn("w14:paraId")) for p in comments.iter(qn("w:p"))]
    assert len(set(para_ids)) == len(para_ids) and all(int(x, 16) < 0x80000000 for x in para_ids)
    assert "w14" in comments.get(qn("mc:Ignorable")).split()
    ids = parse_xml(parts["word/commentsIds.xml"])
    assert len(ids.findall("w16cid:commentId", NS)) == 3
    people = parse_xml(parts["word/people.xml"])
    assert {p.get(qn("w15:author")) for p in people} == {
        "Ministry of Foreign Affairs",
        "Ministry of Health",
    }
    types = parts["[Content_Types].xml"].decode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    for name in ("comments", "commentsExtended", "commentsIds", "people"):
        assert f'PartName="/word/{name}.xml"' in types
        assert f'Target="{name}.xml"' in rels
    # Every comment has its range and reference in the body, with the comment's id.
    doc = body(result.docx)
    comment_ids = {c.get(qn("w:id")) for c in comments}
    for tag in ("w:commentRangeStart", "w:commentRangeEnd", "w:commentReference"):
        assert {el.get(qn("w:id")) for el in doc.iter(qn(tag))} == comment_ids
    assert texts(result.docx)[0] == CIRCULATED


def test_ids_unique_and_output_deterministic() -> None:
    d = docx.Document()
    for text in ("Alpha beta gamma.", "Delta epsilon."):
        p = d.add_paragraph(text)
        start = etree.SubElement(p._p, qn("w:bookmarkStart"))
        start.set(qn("w:id"), "0")
        start.set(qn("w:name"), f"bm{text[0]}")
        etree.SubElement(p._p, qn("w:bookmarkEnd")).set(qn("w:id"), "0")
    buf = io.BytesIO()
    d.save(buf)
    items = [
        item(ItemKind.REPLACE, "A", 0, 6, 10, old="beta", new="BETA"),
        item(ItemKind.COMMENT, "B", 1, 0, 5, comment="Hm"),
        item(ItemKind.DELETE, "C", 1, 6, 13, old="epsilon"),
    ]
    first = merge(buf.getvalue(), items, date=DATE)
    second = merge(buf.getvalue(), list(reversed(items)), date=DATE)
    assert (
        read_parts(first.docx)["word/document.xml"] == read_parts(second.docx)["word/document.xml"]
    )
    assert first.docx == second.docx
    doc = body(first.docx)
    revision_ids = [el.get(qn("w:id")) for el in doc.iter(qn("w:ins"), qn("w:del"))]
    bookmark_ids = [el.get(qn("w:id")) for el in doc.iter(qn("w:bookmarkStart"))]
    comment_ids = [el.get(qn("w:id")) for el in doc.iter(qn("w:commentRangeStart"))]
    all_ids = revision_ids + bookmark_ids + comment_ids
    assert len(set(all_ids)) == len(all_ids) == 6


def test_header_comments_formats_and_unplaceable_edits_become_comments() -> None:
    items = [
        item(ItemKind.COMMENT, "C", 0, 0, 3, part="header", anchor="Old", comment="Why?"),
        # This draft has no header: the edit cannot be written, it is said instead.
        item(ItemKind.REPLACE, "A", 0, 0, 3, part="header", old="Old", new="New"),
        item(ItemKind.FORMAT, "B", 3, 0, 9, detail="bold added"),
    ]
    result = merge(base_docx(), items, date=DATE)
    comments = read_parts(result.docx)["word/comments.xml"].decode()
    assert "In the header, C comments on “Old”: Why?" in comments
    assert "In the header, A proposes: replace “Old” with “New”" in comments
    assert [u.agency for u in result.unplaced] == ["A"]
    assert "Formatting: bold added" in comments
    assert texts(result.docx)[0] == texts(result.docx)[1] == CIRCULATED
    # The header comment sits at the very start of the body.
    first_p = next(iter_block_paragraphs(body(result.docx)))
    assert first_p.find("w:commentRangeStart", NS) is not None


def _move(agency: str = "C") -> Item:
    return item(
        ItemKind.MOVE, agency, 3, 0, 10, old="Emissions ", new="Emissions ", to_block=1, to_offset=0
    )


def test_move_is_written_as_linked_move_from_and_move_to() -> None:
    result = merge(base_docx(), [_move()], date=DATE)
    rejected, accepted = texts(result.docx)
    assert rejected == CIRCULATED
    assert "Emissions This resolution" in accepted and "\nfall by half." in accepted
    doc = body(result.docx)
    [src] = doc.iter(qn("w:moveFromRangeStart"))
    [dst] = doc.iter(qn("w:moveToRangeStart"))
    assert src.get(qn("w:name")) == dst.get(qn("w:name"))
    [src_end] = doc.iter(qn("w:moveFromRangeEnd"))
    assert src_end.get(qn("w:id")) == src.get(qn("w:id")) != dst.get(qn("w:id"))
    moved = next(doc.iter(qn("w:moveFrom")))
    assert moved.get(qn("w:author")) == "C" and moved.find("w:r/w:t", NS).text == "Emissions "
    assert "word/comments.xml" not in read_parts(result.docx)


def test_clashing_move_falls_back_to_deletion_and_insertion_with_a_comment() -> None:
    items = [_move(), item(ItemKind.DELETE, "D", 3, 0, 15, old="Emissions fall ")]
    result = merge(base_docx(), items, date=DATE)
    assert next(body(result.docx).iter(qn("w:moveFrom")), None) is None
    assert "Moved: “Emissions ”" in read_parts(result.docx)["word/comments.xml"].decode()
    assert texts(result.docx)[0] == CIRCULATED
    assert result.clashes[0].agencies == ("C", "D")


def test_items_outside_the_document_become_comments_and_never_abort_the_merge() -> None:
    outside = [
        item(ItemKind.INSERT, "A", 99, 0, 0, new="x"),
        item(ItemKind.INSERT, "B", 0, 500, 500, new="y"),
        item(ItemKind.INSERT, "C", 1, 0, 0, new="Fine "),
    ]
    result = merge(base_docx(), outside, date=DATE)
    assert sorted(u.agency for u in result.unplaced) == ["A", "B"]
    assert [u["agency"] for u in result.report()["unplaced"]] == ["A", "B"]
    comments = read_parts(result.docx)["word/comments.xml"].decode()
    assert "Could not be written as a tracked change here: insert “x”" in comments
    assert texts(result.docx)[1].split("\n")[1].startswith("Fine ")


def test_item_dates_are_kept_and_default_is_the_merge_date() -> None:
    items = [
        item(ItemKind.INSERT, "A", 0, 0, 0, new="X", date="2025-03-01T10:00:00+02:00"),
        item(ItemKind.INSERT, "B", 3, 0, 0, new="Y"),
    ]
    result = merge(base_docx(), items, date=DATE)
    dates = {
        el.get(qn("w:author")): el.get(qn("w:date")) for el in body(result.docx).iter(qn("w:ins"))
    }
    assert dates == {"A": "2025-03-01T08:00:00Z", "B": DATE}


def test_comments_already_in_the_circulated_version_are_kept_and_renumbered() -> None:
    d = docx.Document(io.BytesIO(base_docx()))
    d.add_comment(d.paragraphs[1].runs, text="Drafting note", author="Secretariat", initials="S")
    buf = io.BytesIO()
    d.save(buf)
    items = [item(ItemKind.COMMENT, "A", 3, 0, 9, comment="New one")]
    result = merge(buf.getvalue(), items, date=DATE)
    parts = read_parts(result.docx)
    comments = parse_xml(parts["word/comments.xml"])
    assert [c.get(qn("w:author")) for c in comments] == ["Secretariat", "A"]
    assert comments.nsmap["w14"] == NS["w14"]
    doc = body(result.docx)
    refs = [el.get(qn("w:id")) for el in doc.iter(qn("w:commentReference"))]
    assert sorted(refs) == sorted(c.get(qn("w:id")) for c in comments)
    assert parts["[Content_Types].xml"].count(b"/word/comments.xml") == 1
    rels = parts["word/_rels/document.xml.rels"].decode()
    assert rels.count('relationships/comments"') == 1


def test_deleting_text_around_a_field_deletes_its_code_too() -> None:
    d = docx.Document()
    p = d.add_paragraph("See ")
    for kind, instr in (("begin", None), (None, " REF art5 "), ("separate", None)):
        r = p.add_run()._r
        if kind:
            etree.SubElement(r, qn("w:fldChar")).set(qn("w:fldCharType"), kind)
        else:
            etree.SubElement(r, qn("w:instrText")).text = instr
    p.add_run("Article 5")
    etree.SubElement(p.add_run()._r, qn("w:fldChar")).set(qn("w:fldCharType"), "end")
    p.add_run(" now.")
    buf = io.BytesIO()
    d.save(buf)
    result = merge(buf.getvalue(), [item(ItemKind.DELETE, "A", 0, 2, 15, old="e Article 5 n")])
    rejected, accepted = texts(result.docx)
    assert rejected == "See Article 5 now.\n" and accepted == "Seow.\n"
    doc = body(result.docx)
    assert doc.find(".//w:instrText", NS) is None
    assert doc.find(".//w:del/w:r/w:delInstrText", NS) is not None
    assert all(f.getparent().getparent().tag == qn("w:del") for f in doc.iter(qn("w:fldChar")))


@pytest.mark.parametrize("seed", range(5))
def test_random_edits_reject_to_the_circulated_text_and_accept_to_the_edited_one(
    seed: int,
) -> None:
    import random

    rng = random.Random(seed)
    base = base_docx(table=True)
    blocks = [paragraph_text(p) for p in iter_block_paragraphs(body(base))]
    full = "\n".join(blocks) + "\n"
    # Disjoint edits (a gap between each), so accept-all is exactly the edited text.
    items, edits, block_starts = [], [], []
    pos = 0
    for text in blocks:
        block_starts.append(pos)
        pos += len(text) + 1
    for b, text in enumerate(blocks):
        cut = 0
        while cut < len(text) - 3 and rng.random() < 0.7:
            s = rng.randrange(cut, len(text) - 2)
            e = rng.randrange(s, min(len(text), s + 6) + 1)
            new = rng.choice(["", "X", "new words", "two\nparas", "\tTab"])
            if s == e and not new:
                new = "Y"
            kind = ItemKind.INSERT if s == e else ItemKind.DELETE if not new else ItemKind.REPLACE
            agency = rng.choice(["A", "B", "C"])
            items.append(item(kind, agency, b, s, e, old=text[s:e], new=new))
            edits.append((block_starts[b] + s, block_starts[b] + e, new))
            cut = e + 1
    expected = full
    for s, e, new in sorted(edits, reverse=True):
        expected = expected[:s] + new + expected[e:]
    result = merge(base, items, date=DATE)
    rejected, accepted = texts(result.docx)
    assert rejected == full
    assert accepted == expected
    assert result.clashes == []


@pytest.mark.parametrize("seed", range(5))
def test_random_overlapping_edits_keep_the_circulated_text_on_reject(seed: int) -> None:
    import random

    rng = random.Random(100 + seed)
    base = base_docx(table=True)
    blocks = [paragraph_text(p) for p in iter_block_paragraphs(body(base))]
    items = []
    for _ in range(25):
        b = rng.randrange(len(blocks))
        s = rng.randrange(len(blocks[b]) + 1)
        e = rng.randrange(s, len(blocks[b]) + 1)
        new = rng.choice(["", "Z", "long insertion", "a\nb"])
        if s == e and not new:
            new = "Q"
        kind = ItemKind.INSERT if s == e else ItemKind.REPLACE
        items.append(item(kind, rng.choice("ABCD"), b, s, e, old=blocks[b][s:e], new=new))
    result = merge(base, items, date=DATE)
    assert texts(result.docx)[0] == "\n".join(blocks) + "\n"
    assert result.clashes  # 25 edits on 7 short blocks always meet somewhere
    for clash in result.clashes:
        assert len(clash.agencies) >= 2 and len(clash.texts) == len(clash.agencies)


def _reject_all(docx_bytes: bytes) -> str:
    """The body's w:t and w:instrText text after rejecting every change (deleted text restored),
    field instructions and cached results included."""
    doc = body(docx_bytes)
    for ins in list(doc.iter(qn("w:ins"))):
        if ins.getparent().tag != qn("w:rPr"):
            ins.getparent().remove(ins)
    restored = {qn("w:delText"): qn("w:t"), qn("w:delInstrText"): qn("w:instrText")}
    for el in doc.iter(*restored):
        el.tag = restored[el.tag]
    return "".join(t.text or "" for t in doc.iter(qn("w:t"), qn("w:instrText")))


def test_deleting_text_around_a_computed_field_deletes_its_cached_result_too() -> None:
    d = docx.Document()
    p = d.add_paragraph("Signed on ")
    for kind, instr in (("begin", None), (None, ' DATE \\@ "dd/MM/yyyy" '), ("separate", None)):
        r = p.add_run()._r
        if kind:
            etree.SubElement(r, qn("w:fldChar")).set(qn("w:fldCharType"), kind)
        else:
            etree.SubElement(r, qn("w:instrText")).text = instr
    p.add_run("15/01/2026")  # the cached result: no text in the text model
    etree.SubElement(p.add_run()._r, qn("w:fldChar")).set(qn("w:fldCharType"), "end")
    p.add_run(" in Hanoi.")
    buf = io.BytesIO()
    d.save(buf)
    base = buf.getvalue()
    assert paragraph_text(next(iter_block_paragraphs(body(base)))) == "Signed on  in Hanoi."
    result = merge(base, [item(ItemKind.DELETE, "A", 0, 6, 13, old=" on  in")], date=DATE)
    accepted = body(accept_all_changes(result.docx))
    shown = "".join(t.text or "" for t in accepted.iter(qn("w:t")))
    assert shown == "Signed Hanoi."
    assert accepted.find(".//w:fldChar", NS) is None
    assert accepted.find(".//w:instrText", NS) is None
    assert _reject_all(result.docx) == _reject_all(base)
    assert "15/01/2026" in _reject_all(result.docx)
