"""The web pages' wording: key -> (Vietnamese, English)."""

from __future__ import annotations

WEB: dict[str, tuple[str, str]] = {
    # frame
    "app.tagline": ("Lấy ý kiến dự thảo văn bản", "Consultation on draft documents"),
    "nav.drafts": ("Dự thảo", "Drafts"),
    "nav.signout": ("Đăng xuất", "Sign out"),
    "nav.signed_in_as": ("Đăng nhập: {name} ({role})", "Signed in: {name} ({role})"),
    "nav.other_lang": ("English", "Tiếng Việt"),
    "role.admin": ("quản trị", "admin"),
    "role.coordinator": ("điều phối", "coordinator"),
    "role.viewer": ("xem", "viewer"),
    "nav.users": ("Tài khoản", "Accounts"),
    "users.title": ("Tài khoản người dùng", "User accounts"),
    "users.role": ("Vai trò", "Role"),
    "users.api_token": ("Mã API", "API token"),
    "users.new_token": ("Cấp mã API mới", "New API token"),
    "users.token_once": (
        "Mã API mới của {name}, chỉ hiển thị một lần này; mã cũ không còn hiệu lực.",
        "The new API token of {name}, shown only this once; the previous one no longer works.",
    ),
    "users.add": ("Thêm người dùng", "Add a user"),
    "users.add_submit": ("Thêm", "Add"),
    # sign-in
    "login.title": ("Đăng nhập", "Sign in"),
    "login.username": ("Tên đăng nhập", "User name"),
    "login.password": ("Mật khẩu", "Password"),
    "login.submit": ("Đăng nhập", "Sign in"),
    "login.failed": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password."),
    "login.locked": (
        "Quá nhiều lần thử sai. Vui lòng thử lại sau {minutes} phút.",
        "Too many failed attempts. Try again in {minutes} minutes.",
    ),
    "login.agency_hint": (
        "Cơ quan được lấy ý kiến? Gửi ý kiến tại đây",
        "A consulted agency? Send your answer here",
    ),
    # drafts
    "drafts.title": ("Dự thảo", "Drafts"),
    "drafts.none": ("Chưa có dự thảo nào.", "No drafts yet."),
    "drafts.col_title": ("Tên dự thảo", "Title"),
    "drafts.col_id": ("Mã", "Id"),
    "drafts.col_kind": ("Loại", "Kind"),
    "drafts.col_registered": ("Ngày đăng ký", "Registered"),
    "drafts.col_by": ("Người đăng ký", "By"),
    "drafts.new": ("Đăng ký dự thảo mới", "Register a new draft"),
    "drafts.new_title": ("Tên dự thảo", "Title"),
    "drafts.new_kind": ("Loại văn bản", "Kind of document"),
    "drafts.new_file": (
        "Tệp .docx (để trống: bắt đầu từ mẫu)",
        "The .docx file (leave empty: start from the template)",
    ),
    "drafts.new_submit": ("Đăng ký", "Register"),
    "kind.resolution": ("Nghị quyết", "Resolution"),
    "kind.directive": ("Chỉ thị", "Directive"),
    # one draft
    "draft.audit": ("nhật ký kiểm tra", "audit trail"),
    "draft.disputes": ("vấn đề còn ý kiến khác nhau", "issues still in dispute"),
    "disputes.title": (
        "Những vấn đề còn ý kiến khác nhau — {title}",
        "Issues still in dispute — {title}",
    ),
    "disputes.back": ("← về dự thảo", "← back to the draft"),
    "disputes.summary": (
        "{count} ý kiến chưa được tiếp thu đầy đủ tại vòng {round} (dự thảo lần {version}) hoặc "
        "được nêu lại sau khi không được tiếp thu ở vòng trước.",
        "{count} comment(s) not accepted in full in round {round} (version {version}), or raised "
        "again after an earlier round did not take them.",
    ),
    "disputes.download": ("Tải báo cáo (.docx)", "Download the report (.docx)"),
    "draft.versions": ("Các phiên bản", "Versions"),
    "draft.col_saved": ("Lưu lúc", "Saved"),
    "draft.col_note": ("Ghi chú", "Note"),
    "draft.col_from_round": ("Từ đợt", "From round"),
    "draft.download": ("tải .docx", "download .docx"),
    "draft.compare": ("So sánh phiên bản", "Compare version"),
    "draft.compare_with": ("với", "with"),
    "draft.compare_submit": ("Xem thay đổi", "Show changes"),
    "draft.rounds": ("Các đợt lấy ý kiến", "Rounds"),
    "draft.no_rounds": ("Chưa có đợt nào.", "No rounds yet."),
    "draft.col_round": ("Đợt", "Round"),
    "draft.col_version": ("Phiên bản", "Version"),
    "draft.col_agencies": ("Cơ quan", "Agencies"),
    "draft.col_answered": ("Đã góp ý", "Answered"),
    "draft.col_deadline": ("Hạn", "Deadline"),
    "draft.col_state": ("Trạng thái", "State"),
    "draft.open_round": ("Mở đợt lấy ý kiến mới", "Open a new round"),
    "draft.open_agencies": (
        "Cơ quan được lấy ý kiến (mỗi dòng một cơ quan)",
        "Consulted agencies (one per line)",
    ),
    "draft.open_deadline": ("Hạn góp ý", "Deadline for answers"),
    "draft.open_submit": ("Mở đợt", "Open the round"),
    "draft.back": ("về dự thảo", "back to the draft"),
    "draft.redline_docx": ("tải bản so sánh .docx", "download this redline as .docx"),
    "state.open": ("đang mở", "open"),
    "state.complete": ("đủ ý kiến", "complete"),
    "state.merged": ("đã tổng hợp", "merged"),
    "state.published": ("đã ban hành phiên bản mới", "published"),
    "state.closed": ("đã đóng", "closed"),
    # round
    "round.title": ("Đợt {id}", "Round {id}"),
    "round.summary": (
        "phiên bản {version} · {answered}/{total} cơ quan đã góp ý",
        "version {version} · {answered} of {total} agencies answered",
    ),
    "round.deadline": ("Hạn {when}", "Deadline {when}"),
    "round.passed": ("(đã quá hạn)", "(passed)"),
    "round.col_agency": ("Cơ quan", "Agency"),
    "round.col_answered": ("Góp ý", "Answer"),
    "round.col_when": ("Nhận lúc", "Received"),
    "round.col_items": ("Số mục đã đọc", "Items read"),
    "round.col_kinds": ("Theo loại", "By kind"),
    "round.col_token": ("Mã truy cập", "Token"),
    "round.answered": ("đã góp ý", "answered"),
    "round.waiting": ("chưa góp ý", "waiting"),
    "round.late": ("trễ hạn", "late"),
    "round.on_time": ("đúng hạn", "on time"),
    "round.reissue": ("Cấp lại", "Reissue"),
    "round.tokens": ("Cấp mã truy cập cho các cơ quan", "Issue the agencies' tokens"),
    "round.merge": ("Tổng hợp", "Merge"),
    "round.merge_submit": ("Tổng hợp các ý kiến đã nhận", "Merge the answers received"),
    "round.not_merged": ("Chưa tổng hợp.", "Not merged yet."),
    "round.merged": (
        "Lần tổng hợp {seq}: {answers} ý kiến, {items} mục, {clashes} xung đột, lúc {when}.",
        "Merge {seq} of {answers} answers: {items} items, {clashes} clashes, at {when}.",
    ),
    "round.merged_docx": ("tải bản tổng hợp .docx", "download the merged .docx"),
    "round.review": ("trang rà soát", "review page"),
    "round.items": ("quyết định từng mục", "decide on each item"),
    "round.publish": ("Ban hành phiên bản mới", "Publish the next version"),
    "round.publish_submit": ("Ban hành", "Publish"),
    "round.published": ("Đã ban hành thành phiên bản {n}.", "Published as version {n}."),
    "round.report": ("tải báo cáo tổng hợp, tiếp thu, giải trình", "download the synthesis report"),
    "round.col_deadline": ("Hạn của cơ quan", "Agency's deadline"),
    "round.extend": ("Gia hạn", "Extend"),
    "round.closed": (
        "Đợt này đã đóng: không nhận thêm ý kiến.",
        "This round is closed: it takes no more answers.",
    ),
    "round.close": ("Đóng đợt (không nhận thêm ý kiến)", "Close the round (no more answers)"),
    # tokens
    "tokens.title": ("Mã truy cập của các cơ quan — đợt {id}", "Agencies' tokens — round {id}"),
    "tokens.once": (
        "Mỗi mã chỉ hiển thị một lần này: hãy gửi riêng cho từng cơ quan. Hệ thống chỉ lưu mã băm.",
        "Each token is shown only this once: send each agency its own. Only a hash is stored.",
    ),
    "tokens.held": (
        "đã cấp trước đây (không hiển thị lại; dùng Cấp lại nếu bị mất)",
        "issued earlier (not shown again; reissue it if lost)",
    ),
    "tokens.reissued": (
        "Mã cũ của cơ quan này không còn hiệu lực.",
        "This agency's previous token no longer works.",
    ),
    "tokens.back": ("về đợt lấy ý kiến", "back to the round"),
    # items
    "items.title": ("Các mục góp ý — đợt {id}", "Items — round {id}"),
    "items.count": (
        "{shown} mục được hiển thị trong {total}; {undecided} mục chưa có quyết định.",
        "{shown} of {total} items shown; {undecided} undecided.",
    ),
    "items.filter_article": ("Điều / vị trí", "Article / location"),
    "items.filter_agency": ("Cơ quan", "Agency"),
    "items.filter_kind": ("Loại", "Kind"),
    "items.filter_undecided": ("chỉ mục chưa quyết định", "undecided only"),
    "items.filter_any": ("(tất cả)", "(any)"),
    "items.filter_submit": ("Lọc", "Filter"),
    "items.col_location": ("Vị trí", "Location"),
    "items.col_agency": ("Cơ quan", "Agency"),
    "items.col_kind": ("Loại", "Kind"),
    "items.col_text": ("Nội dung", "Content"),
    "items.col_decision": ("Quyết định", "Decision"),
    "items.undecided": ("chưa quyết định", "undecided"),
    "items.repeated": ("nêu lại", "raised again"),
    "items.history": ("Các vòng trước ({count})", "Earlier rounds ({count})"),
    "items.decide": ("Quyết định cho các mục đã chọn", "Decision on the ticked items"),
    "items.outcome": ("Kết quả", "Outcome"),
    "items.explanation": ("Giải trình", "Explanation"),
    "items.adopted": (
        "Nội dung tiếp thu (khi tiếp thu một phần)",
        "Adopted wording (when partly accepted)",
    ),
    "items.decide_submit": ("Ghi nhận quyết định", "Record the decision"),
    "items.select_all": ("chọn", "tick"),
    "items.none": ("Không có mục nào khớp bộ lọc.", "No item matches the filter."),
    "outcome.accepted": ("Tiếp thu", "Accepted"),
    "outcome.partly_accepted": ("Tiếp thu một phần", "Partly accepted"),
    "outcome.noted": ("Ghi nhận", "Noted"),
    "outcome.not_accepted": ("Không tiếp thu", "Not accepted"),
    "itemkind.comment": ("ý kiến", "comment"),
    "itemkind.insert": ("thêm", "insertion"),
    "itemkind.delete": ("xóa", "deletion"),
    "itemkind.replace": ("thay thế", "replacement"),
    "itemkind.move": ("di chuyển", "move"),
    "itemkind.format": ("định dạng", "format"),
    # publish confirmation
    "publish.title": ("Còn mục chưa quyết định", "Items are still undecided"),
    "publish.explain": (
        "{n} mục dưới đây chưa có quyết định. Nếu vẫn ban hành, các mục này không được đưa vào "
        "phiên bản mới và được ghi là chưa quyết định trong báo cáo.",
        "The {n} items below have no decision. If you publish anyway they are left out of the "
        "next version and shown as undecided in the report.",
    ),
    "publish.confirm": ("Vẫn ban hành", "Publish anyway"),
    "publish.back": ("Quay lại quyết định", "Back to deciding"),
    # audit
    "audit.title": ("Nhật ký kiểm tra", "Audit trail"),
    "audit.intact": ("nguyên vẹn", "intact"),
    "audit.broken": ("BỊ SỬA ĐỔI — lỗi đầu tiên:", "BROKEN — first problem:"),
    "audit.col_when": ("Thời điểm", "When"),
    "audit.col_actor": ("Người thực hiện", "Actor"),
    "audit.col_action": ("Hành động", "Action"),
    "audit.col_subject": ("Đối tượng", "Subject"),
    "audit.col_details": ("Chi tiết", "Details"),
    # agencies
    "answer.title": ("Gửi ý kiến góp ý", "Answer a consultation"),
    "answer.intro": (
        "Nhập mã đợt và mã truy cập của cơ quan trong công văn lấy ý kiến.",
        "Enter the round id and your agency's token from the consultation letter.",
    ),
    "answer.round_id": ("Mã đợt", "Round id"),
    "answer.token": ("Mã truy cập", "Token"),
    "answer.continue": ("Tiếp tục", "Continue"),
    "answer.keep_secret": (
        "Mã truy cập xác định cơ quan của bạn: không chia sẻ cho người khác.",
        "Your token identifies your agency: do not share it.",
    ),
    "answer.wrong_token": (
        "Mã đợt và mã truy cập không khớp: vui lòng kiểm tra công văn.",
        "The round id and token do not match: check the consultation letter.",
    ),
    "answer.as": (
        "Đợt {round}, phiên bản {version} · góp ý với tư cách {agency} · hạn {deadline}",
        "Round {round}, version {version} · answering as {agency} · deadline {deadline}",
    ),
    "answer.download": ("Tải bản dự thảo của cơ quan (.docx)", "Download your copy (.docx)"),
    "answer.how": (
        "Góp ý và sửa trực tiếp trong Word hoặc LibreOffice (có hoặc không theo dõi thay đổi), "
        "rồi tải lên tại đây.",
        "Comment and edit it in Word or LibreOffice (tracked changes or not), then upload it here.",
    ),
    "answer.last": (
        "Đã nhận gần nhất: {file} lúc {when}. Tệp tải lên sau sẽ được dùng.",
        "Last received: {file} at {when}. A newer upload is the one used.",
    ),
    "answer.file": ("Tệp góp ý (.docx, .doc, .odt)", "Answer file (.docx, .doc, .odt)"),
    "answer.letter_file": ("Công văn trả lời (PDF, .docx)", "Signed reply letter (PDF, .docx)"),
    "answer.letter": ("Số, ngày công văn", "Letter number and date"),
    "answer.stance": ("Quan điểm", "Position"),
    "stance.no_answer": ("Không có ý kiến", "No answer"),
    "typed.title": ("Nhập ý kiến từ công văn", "Type in items from a letter"),
    "typed.intro": (
        "Ý kiến ghi trong công văn của cơ quan (không có bản góp ý): ghi vị trí và đoạn trích "
        "dẫn, hoặc chọn ý kiến chung.",
        "Items an agency's letter states (no marked-up copy): give the place and the quoted "
        "passage, or mark it a general comment.",
    ),
    "typed.where": ("Vị trí (điều, khoản)", "Where (article, clause)"),
    "typed.quote": ("Đoạn trích dẫn", "Quoted passage"),
    "typed.general": ("Ý kiến chung", "General comment"),
    "typed.comment": ("Ý kiến", "Comment"),
    "typed.replace_with": ("Đề nghị sửa thành", "Proposed wording"),
    "typed.submit": ("Ghi nhận ý kiến", "Record the item"),
    "error.where_or_general": (
        "Ghi vị trí và đoạn trích dẫn, hoặc chọn 'Ý kiến chung' (không cả hai).",
        "Give the place and the quoted passage, or mark it a general comment (not both).",
    ),
    "round.col_letter": ("Công văn trả lời", "Reply letter"),
    "round.letter_file": ("Công văn", "Letter"),
    "stance.agrees": ("Thống nhất với dự thảo", "Agrees with the draft"),
    "stance.agrees_with_comments": ("Thống nhất, có ý kiến", "Agrees, with comments"),
    "stance.disagrees": ("Không thống nhất", "Disagrees"),
    "answer.upload": ("Tải lên", "Upload"),
    "answer.closed": (
        "Đợt lấy ý kiến này đã kết thúc ({state}): không nhận thêm ý kiến.",
        "This round is over ({state}): it takes no more answers.",
    ),
    "answer.see_outcome": (
        "Xem kết quả tiếp thu, giải trình ý kiến của cơ quan",
        "See how your agency's comments were handled",
    ),
    "answer.received": ("Đã nhận ý kiến", "Answer received"),
    "answer.already": ("Đã nhận tệp này trước đó", "Already received"),
    "answer.stored": (
        "Ý kiến của {agency} cho đợt {round} đã được lưu.",
        "The answer of {agency} to round {round} was stored.",
    ),
    "answer.same": (
        "Tệp này của {agency} đã được lưu trước đó; không có gì thay đổi.",
        "This exact file from {agency} was already stored; nothing changed.",
    ),
    "answer.col_file": ("Tệp", "File"),
    "answer.col_size": ("Dung lượng", "Size"),
    "answer.col_received": ("Nhận lúc", "Received"),
    "answer.receipt_keep": (
        "Hãy lưu mã SHA-256 làm biên nhận.",
        "Keep the SHA-256 as your receipt.",
    ),
    "answer.read_title": ("Những gì Concord đọc được từ tệp", "What Concord read from the file"),
    "answer.read_none": (
        "Không tìm thấy ý kiến hay thay đổi nào trong tệp.",
        "No comment or change was found in the file.",
    ),
    "answer.read_failed": (
        "Tệp đã được lưu nhưng chưa đọc được: {reason}",
        "The file is stored but could not be read yet: {reason}",
    ),
    "answer.read_check": (
        "Hãy kiểm tra: nếu thiếu hoặc sai, hãy sửa tệp và tải lên lại.",
        "Please check: if anything is missing or wrong, fix the file and upload it again.",
    ),
    "answer.back": ("về trang góp ý", "back to the answer page"),
    "outcome_page.title": (
        "Kết quả tiếp thu, giải trình ý kiến của {agency}",
        "How the comments of {agency} were handled",
    ),
    "outcome_page.none": ("Cơ quan không có mục góp ý nào.", "Your agency had no items."),
    # errors
    "error.title": ("Không thực hiện được", "Not done"),
    "error.code": ("Mã lỗi", "Error code"),
    "error.csrf": (
        "Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang và thử lại.",
        "The form has expired or is not valid. Reload the page and try again.",
    ),
    "error.forbidden": (
        "Tài khoản của bạn không có quyền thực hiện việc này.",
        "Your account may not do this.",
    ),
    "error.agency_sign_in": (
        "Vui lòng nhập mã đợt và mã truy cập trước.",
        "Enter the round id and your token first.",
    ),
    "error.token_in_url": (
        "Không đặt mã truy cập trong địa chỉ trang: hãy nhập mã trên trang Gửi ý kiến.",
        "Never put a token in a web address: enter it on the Answer page instead.",
    ),
    "error.no_file": ("Hãy chọn tệp góp ý (.docx).", "Choose the answer file (.docx)."),
    "error.no_report": ("Chưa có báo cáo tổng hợp.", "There is no synthesis report yet."),
    "error.not_found": ("Không tìm thấy trang này.", "There is no such page."),
    "error.method_not_allowed": ("Thao tác không được hỗ trợ.", "Not supported here."),
    "error.internal_error": (
        "Có lỗi bất ngờ; đã ghi lại để quản trị viên xem xét.",
        "Something went wrong; it was logged for the administrator.",
    ),
    "draft.dossier": ("Hồ sơ thẩm định", "Appraisal dossier"),
    "draft.dossier_about": (
        "Dự thảo lần {version} (.docx, .pdf), bản so sánh với dự thảo đã gửi lấy ý kiến, báo cáo "
        "tổng hợp của từng đợt, văn bản góp ý và công văn của các cơ quan như đã nhận, những vấn "
        "đề còn ý kiến khác nhau, danh mục hồ sơ và mã SHA-256 của từng tệp, trong một tệp .zip. "
        "Việc lập hồ sơ được ghi vào nhật ký kiểm tra.",
        "Version {version} (.docx, .pdf), the redline against the version circulated, each "
        "round's synthesis report, the agencies' answers and letters as received, the issues "
        "still in dispute, an index and every file's SHA-256, in one .zip file. Assembling it is "
        "recorded in the audit trail.",
    ),
    "draft.dossier_download": (
        "Tải hồ sơ thẩm định (.zip)",
        "Download the appraisal dossier (.zip)",
    ),
    "error.libreoffice_missing": (
        "Máy chủ chưa cài LibreOffice nên không tạo được tệp PDF: cần cài LibreOffice "
        "(libreoffice-writer-nogui) rồi thử lại.",
        "LibreOffice is not installed on the server, so no PDF can be made: install it "
        "(libreoffice-writer-nogui) and try again.",
    ),
}
