"""Refusals of the use cases and the store (a round's rules, unknown records): key ->
(Vietnamese, English). Keys are "refusal.<what>".

Command lines quoted in a refusal (`concord merge R`, --where ...) are the same in both
languages: they are what the person types.
"""

from __future__ import annotations

REFUSALS: dict[str, tuple[str, str]] = {
    # -- unknown records ------------------------------------------------------------------------
    "refusal.no_draft": (
        "không có dự thảo {draft!r} trong {store}",
        "no draft {draft!r} in {store}",
    ),
    "refusal.no_version": (
        "dự thảo {draft!r} không có phiên bản {number}",
        "draft {draft!r} has no version {number}",
    ),
    "refusal.no_round": (
        "không có đợt lấy ý kiến {round!r} trong {store}",
        "no round {round!r} in {store}",
    ),
    "refusal.no_answer": (
        "không có văn bản góp ý {answer!r} trong đợt {round}",
        "no answer {answer!r} in round {round}",
    ),
    "refusal.not_an_answer_of": (
        "{answer!r} không phải văn bản góp ý của đợt {round}",
        "{answer!r} is not an answer of round {round}",
    ),
    "refusal.no_circulated_copy": (
        "chưa gửi bản dự thảo nào cho {agency} trong đợt {round}",
        "no copy was circulated to {agency} in {round}",
    ),
    "refusal.not_consulted": (
        "'{agency}' không có trong danh sách cơ quan được lấy ý kiến của đợt {round} "
        "(các cơ quan được lấy ý kiến: {consulted})",
        "'{agency}' is not consulted in round {round} (consulted: {consulted})",
    ),
    # What a web page says instead of the store's location (never shown to a visitor).
    "refusal.the_store": ("kho lưu trữ", "the store"),
    "refusal.invalid_draft_id": (
        "mã dự thảo {value!r} không hợp lệ: chỉ gồm chữ thường, chữ số và dấu '-'",
        "invalid draft id {value!r}: lowercase letters, digits and '-' only",
    ),
    "refusal.invalid_agency_id": (
        "mã cơ quan {value!r} không hợp lệ: chỉ gồm chữ thường, chữ số và dấu '-'",
        "invalid agency id {value!r}: lowercase letters, digits and '-' only",
    ),
    "refusal.invalid_round_id": (
        "mã đợt {value!r} không hợp lệ: phải có dạng '<dự thảo>-r<số>'",
        "invalid round id {value!r}: expected '<draft>-r<number>'",
    ),
    # -- drafts and rounds ----------------------------------------------------------------------
    "refusal.draft_needs_title": ("dự thảo cần có tên", "a draft needs a title"),
    "refusal.draft_title": ("hãy nhập tên dự thảo", "give the draft a title"),
    # {kinds}: the kinds joined by refusal.or_a.
    "refusal.or_a": (" hoặc ", " or a "),
    "refusal.draft_kind": (
        "loại dự thảo phải là {kinds}, không phải {kind!r}",
        "a draft is a {kinds}, not {kind!r}",
    ),
    "refusal.draft_kind_missing": ("loại dự thảo phải là {kinds}", "a draft is a {kinds}"),
    "refusal.round_agencies": (
        "hãy liệt kê các cơ quan được lấy ý kiến, mỗi dòng một cơ quan",
        "list the consulted agencies, one per line",
    ),
    "refusal.round_deadline": ("hãy nhập hạn góp ý", "give the deadline for answers"),
    "refusal.cannot_open_round": (
        "không mở được đợt lấy ý kiến: {reason}",
        "cannot open a round: {reason}",
    ),
    "refusal.deadline_format": (
        "hạn góp ý không phải là ngày giờ theo chuẩn ISO 8601: {deadline!r} "
        "(ví dụ 2026-12-15T17:00:00+07:00)",
        "the deadline is not an ISO 8601 date and time: {deadline!r} "
        "(e.g. 2026-12-15T17:00:00+07:00)",
    ),
    "refusal.new_deadline": ("hãy nhập hạn mới", "give the new deadline"),
    "refusal.extension_too_early": (
        "hạn được gia hạn phải sau hạn chung của đợt lấy ý kiến",
        "an extension must end after the round's deadline",
    ),
    "refusal.mail_lang": (
        "không rõ ngôn ngữ thư {value!r}: vi hoặc en",
        "unknown mail language {value!r}: vi or en",
    ),
    # -- answers --------------------------------------------------------------------------------
    "refusal.letter_reference": (
        "số, ngày của công văn phải viết trên một dòng, tối đa {limit} ký tự, "
        'ví dụ "số 123/BNG-LPQT ngày 02/12/2026"',
        "the letter reference must be one line of at most {limit} characters, "
        'e.g. "số 123/BNG-LPQT ngày 02/12/2026"',
    ),
    "refusal.deadline_passed": (
        "hạn gửi ý kiến là {deadline}: đợt {round} không nhận ý kiến gửi sau thời hạn. Đề nghị "
        "liên hệ Ban soạn thảo để được gia hạn",
        "the deadline for this answer was {deadline}: round {round} does not take late "
        "answers. Ask the drafting team to extend your deadline",
    ),
    "refusal.round_published": (
        "đợt {round} đã ban hành thành phiên bản {version}: không nhận thêm ý kiến. Đề nghị gửi "
        "ý kiến trực tiếp cho Ban soạn thảo, hoặc góp ý ở đợt tiếp theo khi được mở",
        "round {round} was published as version {version}: it takes no more answers. Send "
        "your comments to the drafting team, or answer the next round when it opens",
    ),
    "refusal.round_closed": (
        "đợt {round} đã được Ban soạn thảo đóng, không nhận thêm ý kiến: đề nghị gửi ý kiến "
        "trực tiếp cho Ban soạn thảo",
        "round {round} was closed by the drafting team and takes no more answers: send your "
        "comments to the drafting team directly",
    ),
    "refusal.answer_unreadable": (
        "Concord không đọc được văn bản góp ý này ({error}). Hãy mở tệp bằng Word, lưu lại "
        "dưới dạng Word Document (.docx) rồi tải tệp mới lên.",
        "Concord cannot read this answer ({error}). Open it in Word, save it again as a Word "
        "Document (.docx) and upload the new file.",
    ),
    "refusal.answer_needs_file": (
        "cần tệp trả lời (.docx, .doc, .odt) hoặc công văn trả lời (--letter-file)",
        "an answer needs a marked-up file (.docx, .doc, .odt) or the signed reply letter "
        "(--letter-file)",
    ),
    "refusal.pdf_answer": (
        "Tệp PDF không đọc được như bản góp ý có theo dõi thay đổi. Nếu đây là công văn trả "
        "lời, hãy gửi nó làm công văn (--letter-file, hoặc ô 'reply letter' trên trang web) "
        "và gửi kèm bản dự thảo đã góp ý dạng .docx/.doc/.odt nếu có.",
        "A PDF file cannot be read as a marked-up copy with tracked changes. If it is the "
        "reply letter, send it as the letter (--letter-file, or the 'reply letter' field of "
        "the web page) with the marked-up draft as .docx/.doc/.odt if there is one.",
    ),
    "refusal.letter_format": (
        "Công văn trả lời phải là tệp PDF hoặc Word (.docx). Hãy in công văn ra PDF hoặc lưu "
        "thành .docx rồi tải lên lại.",
        "The reply letter must be a PDF or a Word file (.docx). Print the letter to PDF or "
        "save it as .docx, then upload it again.",
    ),
    "refusal.unknown_stance": (
        "không rõ quan điểm '{value}' (quan điểm là một trong: {names})",
        "unknown stance '{value}' (stance: one of {names})",
    ),
    # -- items typed in from an agency's letter -------------------------------------------------
    "refusal.typed_needs_letter": (
        "{agency} chưa có văn bản trả lời trong đợt {round}: ghi nhận công văn trước "
        "(`concord answer {round} --agency ... --letter-file CONG-VAN.pdf --letter ...`)",
        "{agency} has no answer in round {round}: record its reply letter first "
        "(`concord answer {round} --agency ... --letter-file CONG-VAN.pdf --letter ...`)",
    ),
    "refusal.typed_one_of": (
        "cần đúng một trong hai: --comment (ý kiến) hoặc --replace-with (đề xuất sửa)",
        "give exactly one of --comment (a comment) or --replace-with (a proposed wording)",
    ),
    "refusal.typed_replace_needs_place": (
        "đề xuất sửa cần chỉ rõ vị trí: --where 'Điều 2, khoản 1' --quote 'những chữ cần thay'",
        "a proposed wording needs its place: --where 'Điều 2, khoản 1' --quote 'the words "
        "to replace'",
    ),
    "refusal.typed_where_quote": (
        "cần cả --where và --quote (hoặc --general cho ý kiến chung)",
        "give both --where and --quote (or --general for a general comment)",
    ),
    "refusal.typed_empty": ("nội dung ý kiến đang trống", "the comment is empty"),
    # -- merging and deciding -------------------------------------------------------------------
    "refusal.nothing_to_merge": (
        "chưa có cơ quan nào góp ý trong đợt {round}: chưa có gì để tổng hợp "
        "(`concord round status {round}` cho biết cơ quan nào đã góp ý)",
        "no agency has answered round {round} yet: nothing to merge "
        "(`concord round status {round}` shows who answered)",
    ),
    "refusal.merge_in_progress": (
        "đợt {round} đang được tổng hợp với chính các ý kiến này: kết quả tổng hợp sẽ có "
        "trong giây lát",
        "round {round} is being merged right now with the same answers: its merge appears "
        "in a moment",
    ),
    "refusal.nothing_merged": (
        "không tổng hợp được văn bản góp ý nào của đợt {round}: {failed}",
        "no answer of round {round} could be merged: {failed}",
    ),
    "refusal.not_merged": (
        "đợt {round} chưa được tổng hợp: chưa có gì để quyết định "
        "(`concord merge {round}` tổng hợp các ý kiến đã nhận)",
        "round {round} has not been merged: nothing to decide on yet "
        "(`concord merge {round}` merges what arrived)",
    ),
    "refusal.not_merged_yet": (
        "đợt {round} chưa được tổng hợp",
        "round {round} has not been merged yet",
    ),
    "refusal.decisions_unreadable": (
        "không phải danh sách quyết định ({{item_id, outcome, explanation, text?}}): {error}",
        "not a list of decisions ({{item_id, outcome, explanation, text?}}): {error}",
    ),
    "refusal.no_decisions_given": (
        "chưa có quyết định nào: ghi mã các mục kèm --outcome, hoặc dùng --file với tệp các "
        "quyết định",
        "no decisions given: name item ids with --outcome, or give a --file of decisions",
    ),
    "refusal.no_decisions_to_record": (
        "không có quyết định nào để ghi nhận",
        "no decisions to record",
    ),
    "refusal.unknown_items": (
        "không có mục {items} trong lần tổng hợp mới nhất của đợt {round}: "
        "`concord items {round}` liệt kê các mục",
        "no item {items} in the latest merge of {round}: `concord items {round}` lists them",
    ),
    "refusal.tick_items": (
        "hãy đánh dấu các mục mà quyết định áp dụng",
        "tick the items the decision is about",
    ),
    "refusal.choose_outcome": (
        "hãy chọn kết quả xử lý các mục",
        "choose what was done with the items",
    ),
    "refusal.item_kind": (
        "loại mục phải là một trong: {kinds}",
        "an item kind is one of {kinds}",
    ),
    "refusal.decided_circulated_copy": (
        "tệp này là bản dự thảo gửi '{agency}' (hoặc văn bản góp ý của cơ quan đó), không "
        "phải bản tổng hợp của đợt {round}: hãy tải bản tổng hợp (`concord merge {round}`), "
        "ghi quyết định vào đó rồi tải lên",
        "this file is the copy circulated to '{agency}' (or its answer), not the merged file "
        "of round {round}: download the merged file (`concord merge {round}`), decide in it "
        "and upload that",
    ),
    "refusal.decided_other_round": (
        "tệp này là bản tổng hợp của đợt {found}, không phải của đợt {round}",
        "this file is the merged file of round {found}, not of round {round}",
    ),
    "refusal.decided_earlier_merge": (
        "tệp này là bản tổng hợp cũ của đợt {round}: sau đó đã nhận thêm ý kiến, có trong lần "
        "tổng hợp {seq}. Hãy tải bản tổng hợp mới nhất (`concord merge {round}`), ghi quyết "
        "định vào đó rồi tải lên",
        "this file is an earlier merge of round {round}: answers arrived since, and merge "
        "{seq} holds them. Download the latest merged file (`concord merge {round}`), decide "
        "in it and upload that",
    ),
    "refusal.decided_not_merged_file": (
        "tệp này không giống bản tổng hợp của đợt {round} (lập trên phiên bản {version}); nội "
        "dung gần nhất với phiên bản {closest}: hãy tải lên bản tổng hợp của đợt này có ghi "
        "các quyết định",
        "this file does not look like the merged file of round {round} (made on version "
        "{version}); its text is closest to version {closest}: upload the merged file of this "
        "round with your decisions in it",
    ),
    "refusal.decisions_final": (
        "đợt {round} đã ban hành thành phiên bản {version}: các quyết định đã là chính thức",
        "round {round} was published as version {version}: its decisions are final",
    ),
    "refusal.decisions_final_reopen": (
        "đợt {round} đã ban hành thành phiên bản {version}: các quyết định đã là chính thức; "
        "muốn lấy ý kiến tiếp, hãy mở đợt mới trên phiên bản đó",
        "round {round} was published as version {version}: its decisions are final; open a "
        "new round on that version to consult again",
    ),
    # -- publishing and reports -----------------------------------------------------------------
    "refusal.no_decisions": (
        "chưa có quyết định nào cho đợt {round}: hãy quyết định các mục trước "
        "(`concord items {round}`, `concord decide`)",
        "no decisions recorded for round {round}: decide on its items first "
        "(`concord items {round}`, `concord decide`)",
    ),
    "refusal.undecided": (
        "{count} mục của đợt {round} chưa có quyết định: {items}. Hãy quyết định các mục này "
        "(`concord items {round}`), hoặc vẫn ban hành với --allow-undecided: báo cáo ghi các "
        'mục này là "Chưa xử lý"',
        "{count} item(s) of round {round} are undecided: {items}. Decide them "
        "(`concord items {round}`), or publish anyway with --allow-undecided: the report "
        'marks them "Chưa xử lý"',
    ),
    "refusal.already_published": (
        "đợt {round} đã được ban hành thành phiên bản {version}",
        "round {round} was already published as version {version}",
    ),
    "refusal.round_not_published": (
        "đợt {round} chưa ban hành phiên bản mới: các quyết định chưa phải là chính thức",
        "round {round} is not published yet: the decisions are not final",
    ),
    "refusal.report_format": (
        "không rõ định dạng báo cáo {fmt!r}: docx, pdf hoặc xlsx",
        "unknown report format {fmt!r}: docx, pdf or xlsx",
    ),
    "refusal.nothing_in_dispute": (
        "chưa có đợt nào của dự thảo {draft} được tổng hợp: chỉ có vấn đề còn ý kiến khác nhau "
        "sau khi ý kiến của các cơ quan được tổng hợp và quyết định",
        "no round of draft {draft} has been merged yet: there is nothing in dispute until "
        "agencies' answers are merged and decided",
    ),
    # -- the audit trail ------------------------------------------------------------------------
    "refusal.not_a_digest": (
        "không phải mã tóm tắt nhật ký kiểm tra của Concord (phải bắt đầu bằng {prefix})",
        "not a Concord audit digest (expected it to start with {prefix})",
    ),
    "refusal.digest_part": (
        "{part!r} không có dạng '<draft>@<seq>:<sha256>'",
        "{part!r} is not '<draft>@<seq>:<sha256>'",
    ),
    # -- the appraisal dossier ------------------------------------------------------------------
    "refusal.dossier_not_published": (
        "dự thảo {draft} chưa có phiên bản nào được ban hành: hồ sơ thẩm định được lập cho "
        "phiên bản mới nhất ban hành từ một đợt lấy ý kiến. Hãy ban hành một đợt trước "
        "(`concord publish ROUND`)",
        "draft {draft} has no published version yet: the appraisal dossier is made for the "
        "latest version published from a round. Publish a round first "
        "(`concord publish ROUND`)",
    ),
    "refusal.dossier_needs_libreoffice": (
        "hồ sơ thẩm định gồm dự thảo và các báo cáo dạng PDF do LibreOffice tạo, nhưng máy "
        "này chưa cài LibreOffice: hãy cài (apt-get install libreoffice-writer-nogui) rồi "
        "lập lại hồ sơ",
        "the appraisal dossier holds the draft and the reports as PDF, made by LibreOffice, "
        "which is not installed on this machine: install it (apt-get install "
        "libreoffice-writer-nogui) and assemble the dossier again",
    ),
    "refusal.dossier_not_zip": (
        "không phải hồ sơ thẩm định: tệp không phải tệp zip đọc được ({error})",
        "not a dossier: the file is not a readable zip ({error})",
    ),
    "refusal.dossier_too_many": (
        "không phải hồ sơ thẩm định: tệp zip chứa {count} tệp",
        "not a dossier: {count} files in the zip",
    ),
    "refusal.dossier_intact": (
        "nguyên vẹn: {files} tệp khớp với manifest.json; manifest là bản Concord đã ghi nhận "
        "(mục {seq} trong nhật ký kiểm tra của {draft}); {from_store} tệp khớp với dữ liệu "
        "hiện lưu",
        "intact: {files} files match manifest.json; the manifest is the one Concord recorded "
        "(audit entry {seq} of {draft}); {from_store} files match the store's current objects",
    ),
    "refusal.dossier_altered": (
        "hồ sơ đã bị thay đổi: {count} tệp khác: {problems}",
        "dossier altered: {count} file(s) differ: {problems}",
    ),
    "refusal.dossier_manifest_missing": (
        "{manifest}: không có (không phải hồ sơ của Concord, hoặc manifest đã bị xoá)",
        "{manifest}: missing (not a Concord dossier, or its manifest removed)",
    ),
    "refusal.dossier_manifest_too_large": (
        "{manifest}: {size} byte, quá lớn để là một manifest",
        "{manifest}: {size} bytes, too large to be a manifest",
    ),
    "refusal.dossier_manifest_unreadable": (
        "{manifest}: không đọc được trong tệp zip ({error})",
        "{manifest}: unreadable in the zip ({error})",
    ),
    "refusal.dossier_manifest_invalid": (
        "{manifest}: không phải manifest của hồ sơ ({count} lỗi)",
        "{manifest}: not a dossier manifest ({count} errors)",
    ),
    "refusal.dossier_bad_draft_id": (
        "{manifest}: {draft!r} không phải mã dự thảo",
        "{manifest}: {draft!r} is not a draft id",
    ),
    "refusal.dossier_twice": ("{path}: có hai lần trong tệp zip", "{path}: in the zip twice"),
    "refusal.dossier_added": (
        "{path}: có trong tệp zip nhưng không có trong {manifest} (bị thêm vào)",
        "{path}: in the zip but not in {manifest} (added)",
    ),
    "refusal.dossier_member_unreadable": (
        "{path}: không đọc được trong tệp zip (bị thay đổi hoặc hỏng)",
        "{path}: unreadable in the zip (changed or damaged)",
    ),
    "refusal.dossier_changed": (
        "{path}: mã SHA-256 khác với {manifest} (bị thay đổi)",
        "{path}: its SHA-256 differs from {manifest} (changed)",
    ),
    "refusal.dossier_removed": (
        "{path}: có trong {manifest} nhưng không có trong tệp zip (bị xoá)",
        "{path}: listed in {manifest} but not in the zip (removed)",
    ),
    "refusal.dossier_not_recorded": (
        "{manifest}: mã SHA-256 của manifest không có trong mục lập hồ sơ nào của nhật ký kiểm "
        "tra dự thảo {draft} tại {store} (manifest đã bị viết lại, hoặc không do Concord lập)",
        "{manifest}: its SHA-256 is in no dossier entry of the audit of draft {draft} in "
        "{store} (the manifest was rewritten, or Concord did not make it)",
    ),
    "refusal.dossier_foreign_source": (
        "{path}: nguồn {source} không phải dữ liệu của dự thảo này",
        "{path}: its source {source} is not an object of this draft",
    ),
    "refusal.dossier_source_gone": (
        "{path}: dữ liệu gốc {source} không còn trong kho lưu trữ",
        "{path}: the stored object {source} is gone from the store",
    ),
    "refusal.dossier_source_changed": (
        "{path}: dữ liệu gốc {source} đã thay đổi từ khi lập hồ sơ",
        "{path}: the stored object {source} changed since the dossier was made",
    ),
    "refusal.dossier_newer": (
        "dự thảo đã được ban hành tiếp thành phiên bản {newer}: hồ sơ này lập cho phiên bản "
        "{version}",
        "the draft has been published since as version {newer}: this dossier is for version "
        "{version}",
    ),
}
