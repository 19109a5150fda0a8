"""Refusals of the .docx engine (unsafe, unreadable or wrong documents): key -> (Vietnamese,
English).

- "engine.unsafe.<code>": an upload the safety checks refuse (engine.safety), by its code;
  "engine.unsafe_detail.*" are the pieces of them that name what was found.
- "engine.letter.<code>": a PDF reply letter refused (engine.safety.pdf).
- "engine.convert.<code>": a .doc/.odt answer refused before or during conversion.
- "engine.wrong.*": a .docx that answers another draft, version, round or agency.
- "engine.unreadable.*", "engine.locate.*", "engine.pdf.*", the rest: one each.

Menus are named as Vietnamese-language Word shows them, with the English names in brackets
where a clerk may well run an English Word.
"""

from __future__ import annotations

Pair = tuple[str, str]


def _then(first: Pair, second: Pair) -> Pair:
    """Two sentences in a row, in each language."""
    return f"{first[0]} {second[0]}", f"{first[1]} {second[1]}"


def _do(steps: Pair) -> Pair:
    """Steps written to follow "..., or" made a sentence of their own."""
    return "Hãy " + steps[0], steps[1][:1].upper() + steps[1][1:]


# Shared endings: what the clerk should do.
_RESAVE: Pair = (
    "Hãy mở tệp bằng Word, chọn Tệp > Lưu Như (File > Save As), chọn kiểu Tài liệu Word (.docx) "
    "rồi tải lên tệp mới.",
    "Open it in Word, choose File > Save As > Word Document (.docx) and upload the new file.",
)
_DAMAGED: Pair = (
    "Tệp có vẻ bị hỏng hoặc chưa được tải lên đầy đủ. Hãy mở tệp bằng Word để kiểm tra, lưu lại "
    "thành Tài liệu Word (.docx) rồi tải lên lại.",
    "The file seems damaged or only partly uploaded. Open it in Word to check it, save it again "
    "as a Word Document (.docx) and upload it again.",
)
_CLEAN_COPY_STEPS: Pair = (
    "lưu một bản sạch: trong Word chọn Tệp > Lưu Như (File > Save As), chọn kiểu Tài liệu Word "
    "(.docx), hoặc sao chép nội dung sang một văn bản mới, rồi tải lên bản đó.",
    "save a clean copy: in Word choose File > Save As > Word Document (.docx), or copy the text "
    "into a new document, and upload that.",
)
_CLEAN_COPY = _do(_CLEAN_COPY_STEPS)
_REPRINT: Pair = (
    "Hãy in lại công văn ra PDF từ bản gốc (hoặc quét lại bản giấy) rồi tải lên tệp mới.",
    "Print the letter to PDF again from the original (or scan the paper copy again) and upload "
    "the new file.",
)
_SAVE_AS_DOCX_STEPS: Pair = (
    "mở tệp bằng Word hoặc LibreOffice, chọn Tệp > Lưu Như (File > Save As), chọn định dạng "
    "Word (.docx) rồi tải lên lại.",
    "open the file in Word or LibreOffice, choose File > Save As, pick the Word format (.docx) "
    "and upload it again.",
)
_SAVE_AS_DOCX = _do(_SAVE_AS_DOCX_STEPS)

# --- engine.safety: an upload refused before it is parsed ----------------------------------

_UNSAFE: dict[str, Pair] = {
    "engine.unsafe.empty": (
        "Tệp tải lên không có nội dung. Hãy chọn lại văn bản Word rồi tải lên.",
        "The uploaded file is empty. Please choose the Word document again and upload it.",
    ),
    "engine.unsafe.too_large": (
        "Tệp nặng {size_mb:.1f} MB; tệp lớn nhất được nhận là {limit_mb:.0f} MB. Hãy nén ảnh "
        "trong Word (lệnh Nén Ảnh — Compress Pictures) hoặc bỏ bớt ảnh lớn, rồi tải lên lại.",
        "The file is {size_mb:.1f} MB; the largest file accepted is {limit_mb:.0f} MB. Compress "
        "the pictures in Word (File > Compress Pictures) or remove large images, then upload it "
        "again.",
    ),
    "engine.unsafe.not_a_zip": _then(("{what}", "{what}"), _RESAVE),
    "engine.unsafe.corrupt_zip": _DAMAGED,
    "engine.unsafe.legacy_doc": _then(
        (
            "Đây là văn bản Word 97-2003 kiểu cũ (.doc). Concord chỉ đọc định dạng mới.",
            "This is an old Word 97-2003 document (.doc). Concord reads only the newer format.",
        ),
        _RESAVE,
    ),
    "engine.unsafe.encrypted": (
        "Tệp này được bảo vệ bằng mật khẩu. Hãy gỡ mật khẩu trong Word (Tệp > Thông tin > Bảo vệ "
        "Tài liệu > Mã hóa bằng Mật khẩu, xóa mật khẩu), lưu lại rồi tải lên lại.",
        "This file is protected with a password. Remove the password in Word (File > Info > "
        "Protect Document > Encrypt with Password, clear the password), save, and upload it again.",
    ),
    "engine.unsafe.not_wordprocessing": _then(
        (
            "Tệp này là {what}, không phải văn bản Word (.docx).",
            "This file is {what}, not a Word document (.docx).",
        ),
        _RESAVE,
    ),
    "engine.unsafe.too_many_members": _then(
        (
            "Văn bản này gồm {count} phần bên trong; chỉ nhận tối đa {limit} phần.",
            "This document is made of {count} internal parts; at most {limit} are accepted.",
        ),
        _CLEAN_COPY,
    ),
    "engine.unsafe.zip_bomb": _then(
        (
            "Tệp này khi giải nén sẽ lớn hơn rất nhiều so với dữ liệu của một văn bản ({detail}) "
            "nên bị từ chối để bảo đảm an toàn.",
            "This file would expand to far more data than a document holds ({detail}), so it was "
            "refused for safety.",
        ),
        _CLEAN_COPY,
    ),
    "engine.unsafe.path_traversal": _then(
        (
            "Tệp này có một phần bên trong mang tên không an toàn ({name!r}) nên bị từ chối để "
            "bảo đảm an toàn.",
            "This file contains an internal part with an unsafe name ({name!r}), so it was "
            "refused for safety.",
        ),
        _CLEAN_COPY,
    ),
    "engine.unsafe.bad_member_name": _then(
        (
            "Tệp này có một phần bên trong mang tên không hợp lệ ({name!r}).",
            "This file contains an internal part with an invalid name ({name!r}).",
        ),
        _CLEAN_COPY,
    ),
    "engine.unsafe.duplicate_member": _then(
        (
            "Tệp này chứa hai lần phần {name!r}, điều Word không bao giờ làm; tệp có thể đã bị "
            "can thiệp.",
            "This file contains the internal part {name!r} twice, which Word never does; it may "
            "have been tampered with.",
        ),
        _CLEAN_COPY,
    ),
    "engine.unsafe.zip_encrypted": (
        "Một số phần của tệp này được mã hóa nên không đọc được. Hãy gỡ mật khẩu hoặc mã hóa, "
        "lưu lại trong Word thành Tài liệu Word (.docx) rồi tải lên lại.",
        "Parts of this file are encrypted, so it cannot be read. Remove any password or "
        "encryption, save it in Word as a Word Document (.docx) and upload it again.",
    ),
    "engine.unsafe.unsupported_compression": _then(
        (
            "Tệp này được nén bằng một phương thức Word không dùng ({method}).",
            "This file was packed with a compression method Word does not use ({method}).",
        ),
        _RESAVE,
    ),
    "engine.unsafe.missing_part": _then(
        (
            "Tệp này không phải văn bản Word đầy đủ: {detail}.",
            "This file is not a complete Word document: {detail}.",
        ),
        _RESAVE,
    ),
    "engine.unsafe.xml_dtd": _then(
        (
            "Phần {name!r} của tệp này chứa khai báo kiểu tài liệu (DTD), điều Word không bao giờ "
            "ghi; tệp bị từ chối để bảo đảm an toàn.",
            "The part {name!r} of this file contains a document type declaration, which Word "
            "never writes; it was refused for safety.",
        ),
        _CLEAN_COPY,
    ),
    "engine.unsafe.xml_entities": _then(
        (
            "Phần {name!r} của tệp này khai báo thực thể XML, một cách tấn công máy chủ đã được "
            "biết đến; tệp bị từ chối để bảo đảm an toàn.",
            "The part {name!r} of this file declares XML entities, a known way to attack "
            "servers; it was refused for safety.",
        ),
        _CLEAN_COPY,
    ),
    "engine.unsafe.xml_malformed": _then(
        (
            "Phần {name!r} của tệp này bị hỏng ({detail}).",
            "The part {name!r} of this file is damaged ({detail}).",
        ),
        _RESAVE,
    ),
    "engine.unsafe.macro": (
        "Văn bản này chứa macro ({detail}), không được chấp nhận. Trong Word chọn Tệp > Lưu Như "
        "(File > Save As), chọn kiểu Tài liệu Word (.docx) (không chọn kiểu có macro — "
        "Macro-Enabled) rồi tải lên tệp mới.",
        "This document contains macros ({detail}), which are not accepted. In Word choose File > "
        "Save As > Word Document (.docx) (not Macro-Enabled) and upload the new file.",
    ),
    "engine.unsafe.activex": (
        "Văn bản này chứa điều khiển ActiveX ({name!r}), có thể chạy chương trình nên không được "
        "chấp nhận. Hãy xóa các điều khiển đó (nút bấm, ô nhập thêm từ thẻ Nhà phát triển — "
        "Developer), lưu lại rồi tải lên lại.",
        "This document contains ActiveX controls ({name!r}), which can run programs and are not "
        "accepted. Delete the controls (buttons, boxes added from the Developer tab), save, and "
        "upload it again.",
    ),
    "engine.unsafe.embedded_object": (
        "Văn bản này chứa một đối tượng hoặc tệp nhúng ({name!r}) có thể chạy chương trình. Hãy "
        "xóa các tệp và đối tượng nhúng (hoặc dán nội dung của chúng dưới dạng chữ hoặc ảnh), "
        "lưu lại rồi tải lên lại.",
        "This document contains an embedded object or file ({name!r}) that could run a program. "
        "Remove embedded files and objects (or paste their content as text or a picture), save, "
        "and upload it again.",
    ),
    "engine.unsafe.external_reference": (
        "Văn bản này lấy nội dung từ bên ngoài tệp ({detail}: {target!r}), không được chấp "
        "nhận. Hãy gỡ ảnh, đối tượng hoặc mẫu được liên kết (trong Word: Tệp > Thông tin > Sửa "
        "liên kết tới tệp > Ngắt liên kết — File > Info > Edit Links to Files > Break Link; để "
        "bỏ mẫu đính kèm: thẻ Nhà phát triển > Mẫu Tài liệu — Developer > Document Template), "
        "lưu lại rồi tải lên lại.",
        "This document loads something from outside the file ({detail}: {target!r}), which is "
        "not accepted. Remove linked pictures, objects or templates (in Word: File > Info > Edit "
        "Links to Files > Break Link; Developer > Document Template to detach a template), save, "
        "and upload it again.",
    ),
    "engine.unsafe.image_bomb": (
        "Ảnh {name!r} có kích thước {size}, lớn hơn rất nhiều so với mức một văn bản cần. Hãy "
        "thay bằng ảnh nhỏ hơn hoặc dùng lệnh Nén Ảnh (Compress Pictures) trong Word, rồi tải "
        "lên lại.",
        "The picture {name!r} is {size}, far larger than any document needs. "
        "Replace it with a smaller picture or use File > Compress Pictures in Word, then upload "
        "it again.",
    ),
    "engine.unsafe.special_member": _then(
        (
            "Tệp này có một phần bên trong là đường liên kết hoặc thiết bị ({name!r}), điều một "
            "văn bản Word không bao giờ có; tệp bị từ chối để bảo đảm an toàn.",
            "This file contains an internal part that is a link or a device ({name!r}), which a "
            "Word document never holds; it was refused for safety.",
        ),
        _CLEAN_COPY,
    ),
    "engine.unsafe.undeclared_part": _then(
        (
            "Tệp này có một phần bên trong không có trong danh sách các phần của tệp ({name!r}); "
            "Word không bao giờ ghi tệp như vậy và tệp có thể đã bị can thiệp.",
            "This file contains an internal part that its list of parts does not declare "
            "({name!r}); Word never writes such a file and it may have been tampered with.",
        ),
        _CLEAN_COPY,
    ),
    "engine.unsafe.part_too_large": _then(
        (
            "Phần {name!r} của tệp này khi giải nén sẽ nặng {size_mb:.0f} MB; {what} chỉ được "
            "tối đa {limit_mb:.0f} MB.",
            "The part {name!r} of this file would unpack to {size_mb:.0f} MB; at most "
            "{limit_mb:.0f} MB are accepted for {what}.",
        ),
        _CLEAN_COPY,
    ),
    "engine.unsafe.xml_too_many_elements": (
        # Vietnamese readers take "1,000,000" for a decimal: the count is written without commas.
        "Phần {name!r} của tệp này có hơn {limit} phần tử, nhiều hơn rất nhiều so với mức một văn "
        "bản cần. Hãy tách văn bản góp ý thành nhiều tệp, hoặc " + _CLEAN_COPY_STEPS[0],
        "The part {name!r} of this file holds more than {limit:,} elements, far more than a "
        "document needs. Split the answer into several documents, or " + _CLEAN_COPY_STEPS[1],
    ),
    "engine.unsafe.xml_too_deep": _then(
        (
            "Phần {name!r} của tệp này lồng các phần tử sâu quá {limit} cấp (ví dụ bảng trong "
            "bảng), điều không văn bản thực nào có.",
            "The part {name!r} of this file nests elements more than {limit} deep (for example "
            "tables inside tables), which no real document does.",
        ),
        _CLEAN_COPY,
    ),
    "engine.unsafe.text_run_too_long": (
        "Phần {name!r} của tệp này chứa một đoạn chữ hoặc giá trị dài hơn {limit_mb:.0f} MB. Hãy "
        "xóa đoạn đó (hoặc chia thành các đoạn văn bình thường), lưu lại rồi tải lên lại.",
        "The part {name!r} of this file holds a single piece of text or value longer than "
        "{limit_mb:.0f} MB. Remove it (or split it into normal paragraphs), save, and upload "
        "again.",
    ),
    "engine.unsafe.xinclude": _then(
        (
            "Phần {name!r} của tệp này tìm cách chèn một tệp khác (XInclude), điều Word không bao "
            "giờ ghi; tệp bị từ chối để bảo đảm an toàn.",
            "The part {name!r} of this file tries to include another file (XInclude), which Word "
            "never writes; it was refused for safety.",
        ),
        _CLEAN_COPY,
    ),
    "engine.unsafe.active_field": (
        "Văn bản này chứa một trường (field) chạy chương trình hoặc trao đổi dữ liệu với chương "
        "trình khác ({field}). Hãy chọn trường đó, nhấn Ctrl+Shift+F9 để chuyển thành chữ thường "
        "(hoặc xóa trường), lưu lại rồi tải lên lại.",
        "This document contains a field that runs a program or exchanges data with another "
        "program ({field}). Select the field, press Ctrl+Shift+F9 to turn it into plain text (or "
        "delete it), save, and upload again.",
    ),
    "engine.unsafe.nested_package": (
        "Văn bản này nhúng một tệp ({name!r}) không thể chấp nhận: {detail}. Hãy xóa tệp nhúng "
        "(hoặc dán nội dung của nó dưới dạng bảng hoặc ảnh), lưu lại rồi tải lên lại.",
        "This document embeds a file ({name!r}) that cannot be accepted: {detail}. Remove the "
        "embedded file (or paste its content as a table or picture), save, and upload again.",
    ),
    "engine.unsafe.too_many_comments": (
        "Văn bản này có hơn {limit} ý kiến nhận xét (comment), nhiều hơn mức một văn bản góp ý "
        "cần có. Hãy tách thành nhiều tệp hoặc gộp các nhận xét có liên quan, rồi tải lên lại.",
        "This document has more than {limit} comments, more than one answer is expected to "
        "carry. Split the answer into several documents or merge related comments, then upload "
        "again.",
    ),
}

# What was found, put into the refusals above.
_UNSAFE_DETAIL: dict[str, Pair] = {
    "engine.unsafe_detail.limit": (" (giới hạn: {setting})", " (limit: {setting})"),
    # not_a_zip: what the file is
    "engine.unsafe_detail.a_pdf": (
        "Tệp này là tệp PDF, không phải văn bản Word (.docx).",
        "This file is a PDF, not a Word document (.docx).",
    ),
    "engine.unsafe_detail.rtf": (
        "Tệp này ở định dạng Rich Text (.rtf), không phải văn bản Word (.docx).",
        "This file is in Rich Text Format (.rtf), not a Word document (.docx).",
    ),
    "engine.unsafe_detail.web_page": (
        "Tệp này là trang web hoặc tệp XML, không phải văn bản Word (.docx).",
        "This file is a web page or XML file, not a Word document (.docx).",
    ),
    "engine.unsafe_detail.not_docx": (
        "Tệp này không phải văn bản Word (.docx).",
        "This file is not a Word document (.docx).",
    ),
    # not_wordprocessing: what the file is
    "engine.unsafe_detail.odf": (
        "tệp OpenDocument (.odt, .ods hoặc .odp)",
        "an OpenDocument file (.odt, .ods or .odp)",
    ),
    "engine.unsafe_detail.zip": ("tệp nén zip", "a zip archive"),
    "engine.unsafe_detail.excel": ("bảng tính Excel", "an Excel workbook"),
    "engine.unsafe_detail.xlsx": ("bảng tính Excel (.xlsx)", "an Excel workbook (.xlsx)"),
    "engine.unsafe_detail.powerpoint": ("bản trình chiếu PowerPoint", "a PowerPoint presentation"),
    "engine.unsafe_detail.pptx": (
        "bản trình chiếu PowerPoint (.pptx)",
        "a PowerPoint presentation (.pptx)",
    ),
    "engine.unsafe_detail.other_office": (
        "một loại tệp Office khác",
        "another kind of Office package",
    ),
    "engine.unsafe_detail.xls": ("bảng tính Excel kiểu cũ (.xls)", "an old Excel workbook (.xls)"),
    "engine.unsafe_detail.ppt": (
        "bản trình chiếu PowerPoint kiểu cũ (.ppt)",
        "an old PowerPoint presentation (.ppt)",
    ),
    "engine.unsafe_detail.old_office": (
        "tệp Office hoặc Windows định dạng cũ",
        "an old-format Office or Windows file",
    ),
    # zip_bomb
    "engine.unsafe_detail.over_budget": (
        "giải nén ra {total_mb:.0f} MB, tối đa {budget_mb:.0f} MB",
        "{total_mb:.0f} MB unpacked, {budget_mb:.0f} MB at most",
    ),
    "engine.unsafe_detail.over_ratio": (
        "giải nén ra {total_mb:.0f} MB, gấp {ratio:.0f} lần kích thước tệp",
        "{total_mb:.0f} MB unpacked, {ratio:,.0f} times its size",
    ),
    "engine.unsafe_detail.part_ratio": (
        "phần {name!r} nở ra gấp {ratio:.0f} lần",
        "the part {name!r} expands {ratio:,.0f} times",
    ),
    "engine.unsafe_detail.overlap": (
        "các phần của tệp chồng lên nhau",
        "parts of the file overlap each other",
    ),
    # unsupported_compression
    "engine.unsafe_detail.method": ("phương thức {number}", "method {number}"),
    # missing_part
    "engine.unsafe_detail.no_content_types": (
        "mất danh sách các phần của tệp ([Content_Types].xml)",
        "the list of its parts ([Content_Types].xml) is gone",
    ),
    "engine.unsafe_detail.no_rels": (
        "mất bảng chỉ mục các phần của tệp (_rels/.rels)",
        "the index of its parts (_rels/.rels) is gone",
    ),
    "engine.unsafe_detail.no_main": (
        "tệp không cho biết nội dung văn bản nằm ở đâu",
        "it does not say where its text is",
    ),
    "engine.unsafe_detail.main_gone": (
        "mất phần nội dung chính ({main})",
        "its main text ({main}) is gone",
    ),
    # xml_malformed
    "engine.unsafe_detail.position": ("dòng {line}, cột {column}", "line {line}, column {column}"),
    # macro
    "engine.unsafe_detail.docm": (
        "tệp được lưu dạng .docm có macro",
        "it is saved as a macro-enabled .docm",
    ),
    "engine.unsafe_detail.macro_type": (
        "một phần kiểu {content_type}",
        "a part of type {content_type}",
    ),
    "engine.unsafe_detail.macro_part": ("phần {name}", "the part {name}"),
    "engine.unsafe_detail.macro_relationship": (
        "một liên kết kiểu {kind}",
        "a relationship of type {kind}",
    ),
    # external_reference
    "engine.unsafe_detail.remote_template": (
        "mẫu văn bản nằm trên máy tính hoặc trang web khác",
        "a template on another computer or website",
    ),
    "engine.unsafe_detail.linked_picture": ("ảnh liên kết", "a linked picture"),
    "engine.unsafe_detail.linked_object": ("đối tượng liên kết", "a linked object"),
    "engine.unsafe_detail.linked_subdocument": ("văn bản con liên kết", "a linked subdocument"),
    "engine.unsafe_detail.linked_frame": ("khung liên kết", "a linked frame"),
    "engine.unsafe_detail.linked_file": ("tệp liên kết", "a linked file"),
    "engine.unsafe_detail.link_of_type": ("liên kết kiểu {kind!r}", "a link of type {kind!r}"),
    "engine.unsafe_detail.web_object": (
        "ảnh hoặc đối tượng lấy từ một địa chỉ web",
        "a picture or object loaded from a web address",
    ),
    "engine.unsafe_detail.field": ("trường {keyword}", "a {keyword} field"),
    # image_bomb
    "engine.unsafe_detail.millions_of_pixels": ("hàng triệu điểm ảnh", "many millions of pixels"),
    "engine.unsafe_detail.pixels": (
        "{width} x {height} điểm ảnh",
        "{width:,} x {height:,} pixels",
    ),
    # part_too_large
    "engine.unsafe_detail.custom_xml": ("dữ liệu XML tùy chỉnh", "custom XML data"),
    "engine.unsafe_detail.xml_part": ("một phần XML", "one XML part"),
    # nested_package
    "engine.unsafe_detail.nested_deep": (
        "các tệp được nhúng lồng nhau quá {limit} cấp",
        "files are embedded more than {limit} levels deep",
    ),
    "engine.unsafe_detail.nested_large": (
        "tệp nặng {size_mb:.0f} MB, chỉ nhận tối đa {limit_mb:.0f} MB",
        "it is {size_mb:.0f} MB, at most {limit_mb:.0f} MB are accepted",
    ),
    "engine.unsafe_detail.not_office": ("đây không phải tệp Office", "it is not an Office package"),
}

# --- engine.safety.pdf: a reply letter as PDF ------------------------------------------------

_LETTER: dict[str, Pair] = {
    "engine.letter.empty": (
        "Tệp công văn rỗng. Hãy chọn lại tệp rồi tải lên.",
        "The letter's file is empty. Choose the file again and upload it.",
    ),
    "engine.letter.too_large": (
        "Tệp công văn nặng {size_mb:.1f} MB; tối đa {limit_mb:.0f} MB. Hãy quét lại với độ phân "
        "giải thấp hơn (200 dpi là đủ) rồi tải lên.",
        "The letter's file is {size_mb:.1f} MB; at most {limit_mb:.0f} MB is accepted. Scan it "
        "again at a lower resolution (200 dpi is enough) and upload it.",
    ),
    "engine.letter.not_a_pdf": _then(
        ("Tệp này không phải PDF.", "This file is not a PDF."), _REPRINT
    ),
    "engine.letter.pdf_encrypted": (
        "Tệp PDF này có mật khẩu. Hãy gỡ mật khẩu rồi tải lên lại.",
        "This PDF is protected with a password. Remove the password and upload it again.",
    ),
    "engine.letter.too_many_pages": _then(
        (
            "Công văn có {pages} trang; tối đa {limit} trang.",
            "The letter has {pages} pages; at most {limit} are accepted.",
        ),
        _REPRINT,
    ),
    "engine.letter.pdf_unreadable": _then(
        (
            "Không đọc được cấu trúc tệp PDF này (tệp hỏng).",
            "The structure of this PDF cannot be read (the file is damaged).",
        ),
        _REPRINT,
    ),
    "engine.letter.pdf_active_content": _then(
        (
            "Tệp PDF này chứa nội dung chủ động ({found}), có thể gây hại nên bị từ chối.",
            "This PDF holds active content ({found}), which could do harm, so it was refused.",
        ),
        _REPRINT,
    ),
}

# --- engine.convert: .doc and .odt answers --------------------------------------------------

_CONVERT: dict[str, Pair] = {
    "engine.convert.odt_not_text": _then(
        (
            "Tệp này là bảng tính hoặc trình chiếu OpenDocument, không phải văn bản.",
            "This file is an OpenDocument spreadsheet or presentation, not a text document.",
        ),
        _SAVE_AS_DOCX,
    ),
    "engine.convert.too_large": _then(
        (
            "Tệp nặng {size_mb:.1f} MB; tối đa {limit_mb:.0f} MB.",
            "The file is {size_mb:.1f} MB; at most {limit_mb:.0f} MB is accepted.",
        ),
        _SAVE_AS_DOCX,
    ),
    "engine.convert.encrypted": (
        "Tệp .{ext} này có mật khẩu. Hãy gỡ mật khẩu rồi tải lên lại.",
        "This .{ext} file is protected with a password. Remove the password and upload it again.",
    ),
    "engine.convert.macro": _then(
        (
            "Tệp .{ext} này chứa macro nên bị từ chối.",
            "This .{ext} file contains macros, so it was refused.",
        ),
        _SAVE_AS_DOCX,
    ),
    "engine.convert.converter_missing": (
        "Máy chủ Concord chưa cài LibreOffice nên không đọc được tệp .doc/.odt. Quản trị viên cài "
        "bằng `apt-get install -y libreoffice-writer-nogui` (Debian/Ubuntu) hoặc tải tại "
        "https://www.libreoffice.org/download/. Trong lúc chờ, hãy " + _SAVE_AS_DOCX_STEPS[0],
        "LibreOffice is not installed on the Concord server, so it cannot read .doc/.odt files. "
        "An administrator installs it with `apt-get install -y libreoffice-writer-nogui` "
        "(Debian/Ubuntu) or from https://www.libreoffice.org/download/. Meanwhile, "
        + _SAVE_AS_DOCX_STEPS[1],
    ),
    "engine.convert.converter_busy": (
        "Máy chủ đang bận chuyển đổi các tệp khác; hãy tải lên lại sau ít phút, hoặc lưu tệp "
        "thành .docx.",
        "The server is busy converting other files; upload it again in a few minutes, or save "
        "the file as .docx.",
    ),
    "engine.convert.conversion_failed": _then(
        (
            "Không chuyển được tệp .{ext} này sang .docx (tệp hỏng hoặc không phải văn bản).",
            "This .{ext} file could not be converted to .docx (it is damaged or not a text "
            "document).",
        ),
        _SAVE_AS_DOCX,
    ),
    "engine.convert.conversion_timeout": _then(
        (
            "Chuyển đổi tệp sang .docx không xong trong {seconds:g} giây nên tệp bị từ chối (tệp "
            "quá lớn hoặc được dựng để làm treo máy chủ).",
            "Converting the file to .docx did not finish within {seconds:g} seconds, so it was "
            "refused (the file is too large, or built to hang the server).",
        ),
        _SAVE_AS_DOCX,
    ),
    "engine.convert.conversion_too_large": _then(
        (
            "Tệp chuyển sang .docx vượt quá {limit_mb:.1f} MB nên bị từ chối.",
            "The file converted to .docx is larger than {limit_mb:.1f} MB, so it was refused.",
        ),
        _SAVE_AS_DOCX,
    ),
}

# --- engine.matching, engine.reader: a .docx that answers something else --------------------

_WRONG: dict[str, Pair] = {
    "engine.wrong.name": (
        "dự thảo {draft} lần {version}",
        "draft {draft} version {version}",
    ),
    "engine.wrong.name_in_round": (
        "dự thảo {draft} lần {version} (vòng {round})",
        "draft {draft} version {version} (round {round})",
    ),
    "engine.wrong.merged": (
        "tệp này là bản tổng hợp ý kiến của vòng {round}, không phải văn bản góp ý của một cơ "
        "quan: mỗi cơ quan góp ý trên bản dự thảo được gửi cho mình",
        "this file is the merged version of round {round}, not an agency's answer: each agency "
        "answers on the copy it received",
    ),
    "engine.wrong.other_version": (
        "tệp này góp ý cho {found}, nhưng đang lấy ý kiến {expected}",
        "this file answers {found}, but {expected} is open for comments",
    ),
    "engine.wrong.other_agency": (
        "tệp này là bản gửi '{found}', không phải bản gửi '{expected}': hãy tải lên bản dự thảo "
        "cơ quan mình đã nhận",
        "this file is the copy circulated to '{found}', not to '{expected}': upload the copy "
        "your agency received",
    ),
    "engine.wrong.unstamped": (
        "tệp này có vẻ không phải văn bản góp ý cho {expected}: tệp không mang dấu nhận diện của "
        "Concord và chỉ có {ratio:.0%} số từ của dự thảo (cần ít nhất {minimum:.0%})",
        "this file does not look like an answer to {expected}: it carries no Concord stamp and "
        "shares only {ratio:.0%} of its words (at least {minimum:.0%} expected)",
    ),
    "engine.wrong.in_round": (" tại vòng {round}", " in round {round}"),
    "engine.wrong.earlier": (
        "tệp này giống dự thảo {draft} lần {number}, một bản trước, hơn là dự thảo lần {version} "
        "đang lấy ý kiến{in_round}: ý kiến trong tệp sẽ bị hiểu là đề nghị bỏ những thay đổi đã "
        "làm từ dự thảo lần {number}. Hãy tải về bản dự thảo lần {version} mà cơ quan đã nhận, "
        "góp ý trên bản đó rồi tải lên tệp ấy",
        "this file matches version {number} of draft {draft}, an earlier draft, better than "
        "version {version}, which is open for comments{in_round}: your comments would be read as "
        "undoing the changes made since version {number}. Download the copy of version "
        "{version} your agency received, make your comments on it, and upload that file",
    ),
    "engine.wrong.retyped": (
        "tệp này khác dự thảo gửi lấy ý kiến ở {share:.0%} nội dung mà không theo dõi thay đổi: "
        "có thể đây không phải văn bản góp ý cho dự thảo này, hoặc nội dung đã được gõ lại hay "
        "chuyển đổi. Hãy tải lên bản dự thảo cơ quan mình đã nhận, sửa trực tiếp trên bản đó "
        "(nên bật Xem lại > Theo dõi Thay đổi — Review > Track Changes).",
        "this file differs from the circulated draft in {share:.0%} of its text without tracked "
        "changes: it is probably not an answer to this draft, or its text was re-typed or "
        "converted. Upload the copy your agency received, with your edits made in it "
        "(preferably with Track Changes on).",
    ),
}

# --- the rest ------------------------------------------------------------------------------

_OTHER: dict[str, Pair] = {
    "engine.unreadable.answer": (
        "văn bản góp ý hoặc tệp dự thảo gửi lấy ý kiến không phải tệp .docx đọc được: {detail}",
        "the answer or the circulated file is not a usable .docx: {detail}",
    ),
    "engine.unreadable.circulated": (
        "tệp dự thảo gửi lấy ý kiến không phải tệp .docx đọc được: {detail}",
        "the circulated file is not a usable .docx: {detail}",
    ),
    "engine.unreadable.decided": (
        "bản tổng hợp đã xử lý ý kiến không phải tệp .docx đọc được: {detail}",
        "the decided file is not a usable .docx: {detail}",
    ),
    "engine.unreadable.decided_text": (
        "không so sánh được nội dung bản đã xử lý ý kiến với bản tổng hợp",
        "the decided file's text could not be compared with the merge",
    ),
    "engine.unreadable.stamp": (
        "dấu nhận diện Concord của tệp bị hỏng: {detail}",
        "the file's Concord stamp is damaged: {detail}",
    ),
    "engine.pending_revisions": (
        "dự thảo này vẫn còn thay đổi chưa được xử lý ({found}). Hãy chấp nhận hoặc từ chối các "
        "thay đổi trong Word (Xem lại > Chấp nhận/Từ chối Tất cả Thay đổi — Review > "
        "Accept/Reject All Changes) hoặc LibreOffice (Sửa > Theo dõi thay đổi > Quản lý — Edit > "
        "Track Changes > Manage), lưu lại rồi đăng ký tệp đã sạch",
        "this draft still has tracked changes ({found}). Accept or reject them in Word "
        "(Review > Accept/Reject All Changes) or LibreOffice (Edit > Track Changes > "
        "Manage), save, and register the clean file",
    ),
    "engine.revisions.insertion.one": ("{n} chỗ chèn", "{n} insertion"),
    "engine.revisions.insertion.many": ("{n} chỗ chèn", "{n} insertions"),
    "engine.revisions.deletion.one": ("{n} chỗ xóa", "{n} deletion"),
    "engine.revisions.deletion.many": ("{n} chỗ xóa", "{n} deletions"),
    "engine.revisions.move.one": ("{n} chỗ di chuyển", "{n} move"),
    "engine.revisions.move.many": ("{n} chỗ di chuyển", "{n} moves"),
    "engine.revisions.formatting.one": ("{n} thay đổi định dạng", "{n} formatting change"),
    "engine.revisions.formatting.many": ("{n} thay đổi định dạng", "{n} formatting changes"),
    "engine.locate.no_quote": (
        "chưa trích dẫn nội dung: ghi đúng những chữ của dự thảo mà ý kiến nói đến",
        "no quote: write the exact words of the draft the comment is about",
    ),
    "engine.locate.no_place": (
        "dự thảo gửi lấy ý kiến không có '{where}' (có: {known})",
        "the circulated draft has no '{where}' (it has: {known})",
    ),
    "engine.locate.not_found": (
        "không tìm thấy đoạn trích dẫn trong '{where}' của dự thảo",
        "the quoted passage is not in '{where}' of the draft",
    ),
    "engine.locate.not_found_but_in": (
        "không tìm thấy đoạn trích dẫn trong '{where}' của dự thảo; đoạn này có ở {places}",
        "the quoted passage is not in '{where}' of the draft; it is in {places}",
    ),
    "engine.pdf.missing": (
        "muốn có bản PDF cần LibreOffice, nhưng máy này chưa cài: hãy cài LibreOffice (apt-get "
        "install libreoffice-writer-nogui) hoặc chọn --format docx hay xlsx",
        "a PDF needs LibreOffice, which is not installed on this machine: install it "
        "(apt-get install libreoffice-writer-nogui) or ask for --format docx or xlsx",
    ),
    "engine.pdf.timeout": (
        "LibreOffice chạy quá {seconds:.0f} giây mà chưa xong",
        "LibreOffice took longer than {seconds:.0f} s",
    ),
    "engine.pdf.incomplete": (
        "LibreOffice không tạo đủ các tệp PDF được yêu cầu",
        "LibreOffice did not produce every PDF asked for",
    ),
    "engine.publish.conflict": (
        "thay đổi đã tiếp thu của {first} và của {second} trùng nhau tại {where}: chỉ tiếp thu "
        "một trong hai, hoặc tiếp thu một phần một ý kiến với cách viết kết hợp cả hai",
        "accepted changes of {first} and {second} overlap at {where}: accept only one of them, "
        "or partly accept one with the combined wording",
    ),
    "engine.publish.block": ("{part}, đoạn {block}", "{part} block {block}"),
    "engine.publish.unknown_item": (
        "quyết định cho ý kiến không có trong vòng: {item}",
        "decision for unknown item {item}",
    ),
    "engine.merge.no_body": (
        "dự thảo gửi lấy ý kiến không có phần nội dung",
        "the circulated version has no document body",
    ),
    "engine.merge.no_paragraph": (
        "dự thảo gửi lấy ý kiến không có đoạn văn nào để ghi các thay đổi",
        "the circulated version has no paragraph to carry changes",
    ),
}

ENGINE: dict[str, Pair] = {**_UNSAFE, **_UNSAFE_DETAIL, **_LETTER, **_CONVERT, **_WRONG, **_OTHER}

# The codes engine.safety can refuse an upload with.
UNSAFE_CODES = frozenset(key.removeprefix("engine.unsafe.") for key in _UNSAFE)
