"""What the `concord` commands print (not their --help): key -> (Vietnamese, English).

Keys are "cli.<command>.<what>"; table headers are "cli.col.<column>". Lines a script reads (ids,
keys, paths, JSON, `label: PATH` lines of merge and publish) are not here: they are printed whole,
the same in both languages.
"""

from __future__ import annotations

CLI: dict[str, tuple[str, str]] = {
    # table headers
    "cli.col.id": ("Mã", "id"),
    "cli.col.name": ("Tên", "name"),
    "cli.col.email": ("E-mail", "email"),
    "cli.col.lang": ("Ngôn ngữ", "lang"),
    "cli.col.seq": ("STT", "seq"),
    "cli.col.when": ("Thời điểm", "when"),
    "cli.col.actor": ("Người thực hiện", "actor"),
    "cli.col.action": ("Hành động", "action"),
    "cli.col.subject": ("Đối tượng", "subject"),
    "cli.col.agency": ("Cơ quan", "agency"),
    "cli.col.where": ("Vị trí", "where"),
    "cli.col.kind": ("Loại", "kind"),
    "cli.col.proposal": ("Nội dung góp ý", "proposal"),
    "cli.col.decision": ("Quyết định", "decision"),
    "cli.col.earlier_rounds": ("Các vòng trước", "earlier rounds"),
    "cli.col.item": ("Mục", "item"),
    "cli.col.outcome": ("Kết quả", "outcome"),
    "cli.col.explanation": ("Giải trình", "explanation"),
    "cli.col.adopted": ("Nội dung tiếp thu", "adopted wording"),
    "cli.col.title": ("Tên dự thảo", "title"),
    "cli.col.versions": ("Số phiên bản", "versions"),
    "cli.col.rounds": ("Các đợt", "rounds"),
    "cli.col.file": ("Tệp", "file"),
    "cli.col.to": ("Người nhận", "to"),
    "cli.col.mail_subject": ("Tiêu đề", "subject"),
    "cli.col.author": ("Tác giả", "author"),
    "cli.col.old": ("Nội dung cũ", "old"),
    "cli.col.new_or_comment": ("Nội dung mới / ý kiến", "new / comment"),
    "cli.col.tracked": ("Theo dõi thay đổi", "tracked"),
    "cli.col.answered": ("Đã góp ý", "answered"),
    "cli.col.ingested": ("Đã đọc", "ingested"),
    "cli.col.items": ("Số mục", "items"),
    "cli.col.deadline": ("Hạn", "deadline"),
    "cli.col.stance": ("Quan điểm", "stance"),
    "cli.col.letter": ("Công văn", "letter"),
    "cli.col.version": ("Phiên bản", "version"),
    "cli.col.created": ("Ngày tạo", "created"),
    "cli.col.by": ("Người tạo", "by"),
    "cli.col.from_round": ("Từ đợt", "from round"),
    "cli.col.sha256": ("SHA-256", "sha256"),
    "cli.col.note": ("Ghi chú", "note"),
    "cli.col.location": ("Nơi lưu", "location"),
    "cli.yes": ("có", "yes"),
    "cli.no": ("không", "no"),
    "cli.note": ("Lưu ý: {note}", "note: {note}"),
    # the actor the audit records
    "cli.actor.refused": (
        "Người dùng máy {os_user} không được ghi “{actor}” là người thực hiện. Bỏ --actor để "
        "ghi {own}, hoặc đề nghị quản trị viên cho phép: `concord user map {os_user} TÀI_KHOẢN "
        '--may-act-as "{actor}"`.',
        'the OS user {os_user} may not record "{actor}" as the actor. Leave out --actor to '
        "record {own}, or ask an admin to allow it: `concord user map {os_user} ACCOUNT "
        '--may-act-as "{actor}"`.',
    ),
    # agency
    "cli.agency.list_title": ("{n} cơ quan", "{n} agencies"),
    # answer
    "cli.answer.stored": (
        "Đã lưu ý kiến góp ý của {agency}{late}",
        "stored: answer of {agency}{late}",
    ),
    "cli.answer.already_stored": (
        "Đã lưu trước đó (cùng tệp tải lên): ý kiến góp ý của {agency}{late}",
        "already stored (same upload): answer of {agency}{late}",
    ),
    "cli.answer.late": (" (sau hạn: được đánh dấu nộp muộn)", " (after the deadline: marked late)"),
    "cli.answer.converted": (
        "Đã chuyển sang .docx; tệp gốc được giữ lại: {original}",
        "converted to .docx; original kept: {original}",
    ),
    # audit
    "cli.audit.title": ("Nhật ký kiểm tra của {draft}", "Audit history of {draft}"),
    # combine
    "cli.combine.cannot_read": ("Không đọc được {path}: {reason}", "cannot read {path}: {reason}"),
    "cli.combine.bad_answer": (
        'Cần ghi theo dạng "TÊN CƠ QUAN=TỆP.docx", nhưng nhận được {spec}',
        'expected "AGENCY NAME=ANSWER.docx", got {spec}',
    ),
    "cli.combine.reading": ("Đang đọc các văn bản góp ý", "reading answers"),
    "cli.combine.done": (
        "Đã tổng hợp {answers} văn bản góp ý: {items} mục, {clashes} xung đột → {output}",
        "merged {answers} answers: {items} items, {clashes} clashes → {output}",
    ),
    # compare
    "cli.compare.done": (
        "{n} thay đổi từ phiên bản {old} sang phiên bản {new}: {output}",
        "{n} changes from version {old} to {new}: {output}",
    ),
    "cli.compare.review_page": ("Trang xem xét: {path}", "review page: {path}"),
    # items, decide
    "cli.items.title": ("{n} mục trong đợt {round}", "{n} items in round {round}"),
    "cli.decide.recorded": (
        "Đã ghi nhận {n} quyết định cho đợt {round}",
        "{n} decision(s) recorded for round {round}",
    ),
    "cli.decide.read_title": (
        "{n} quyết định đọc được từ {file}",
        "{n} decision(s) read from {file}",
    ),
    "cli.decide.undecided": ("Chưa quyết định: {ids}", "undecided: {ids}"),
    "cli.decide.team_edit": (
        "Ban soạn thảo tự chỉnh lý tại {where}: {old} -> {new}",
        "drafting team's own edit at {where}: {old} -> {new}",
    ),
    "cli.decide.dry_run": ("Chạy thử: chưa ghi nhận gì", "dry run: nothing recorded"),
    "cli.decide.recorded_docx": (
        "Đã ghi nhận cho đợt {round} (mã SHA-256 của tệp: {sha})",
        "recorded for round {round} (file SHA-256 {sha})",
    ),
    # demo
    "cli.demo.starting": ("Bắt đầu", "Starting"),
    "cli.demo.done": ("Hoàn thành", "Done"),
    "cli.demo.step.register": ("Đăng ký dự thảo mẫu", "Registering the sample draft"),
    "cli.demo.step.open": (
        "Mở đợt lấy ý kiến {n} cơ quan",
        "Opening a round for {n} agencies",
    ),
    "cli.demo.step.answer": ("Nhận ý kiến góp ý của {agency}", "Taking in the answer of {agency}"),
    "cli.demo.step.merge": (
        "Tổng hợp mọi ý kiến vào một văn bản",
        "Merging every answer into one document",
    ),
    "cli.demo.step.decide": (
        "Ghi nhận quyết định của bộ phận điều phối",
        "Recording the coordinators' decisions",
    ),
    "cli.demo.step.publish": (
        "Ban hành phiên bản 2 và báo cáo tổng hợp",
        "Publishing version 2 and the synthesis report",
    ),
    "cli.demo.step.verify": ("Kiểm tra nhật ký kiểm tra", "Checking the audit history"),
    "cli.demo.summary": (
        "\nDự thảo {draft}, đợt {round}: {items} mục của {agencies} cơ quan, {clashes} xung đột; "
        "đã ban hành phiên bản {version}.",
        "\nDraft {draft}, round {round}: {items} items from {agencies} agencies, {clashes} "
        "clash(es); version {version} published.",
    ),
    "cli.demo.outputs": (
        "\nCác kết quả, đã sao chép vào {folder}:",
        "\nOutputs, copied to {folder}:",
    ),
    "cli.demo.store": ("\nNơi lưu trong kho dữ liệu:", "\nWhere the store keeps them:"),
    "cli.demo.file.merged": ("bản tổng hợp .docx", "merged .docx"),
    "cli.demo.file.review": ("trang xem xét", "review page"),
    "cli.demo.file.merge_report": ("kết quả tổng hợp (JSON)", "merge report (JSON)"),
    "cli.demo.file.version": ("phiên bản {version}", "version {version}"),
    "cli.demo.file.synthesis_report": ("báo cáo tổng hợp", "synthesis report"),
    "cli.demo.file.audit": ("nhật ký kiểm tra", "audit log"),
    "cli.demo.file.disputes": ("vấn đề còn ý kiến khác nhau", "issues still in dispute"),
    "cli.demo.audit_intact": (
        "Nhật ký kiểm tra nguyên vẹn: {n} bản ghi (concord audit verify).",
        "Audit history intact: {n} entries (concord audit verify).",
    ),
    "cli.demo.audit_broken": (
        "Nhật ký kiểm tra không còn nguyên vẹn: hãy chạy `concord audit verify`.",
        "The audit history does not verify: run `concord audit verify`.",
    ),
    # disputes
    "cli.disputes.where": (
        "Hãy cho biết nơi ghi báo cáo (-o TỆP.docx), hoặc dùng --json",
        "say where to write the report (-o FILE.docx), or ask for --json",
    ),
    # dossier
    "cli.dossier.made": (
        "Phiên bản {version}: {n} tệp; mã SHA-256 của manifest {sha} đã được ghi vào nhật ký "
        "kiểm tra",
        "version {version}: {n} files; manifest SHA-256 {sha} recorded in the audit",
    ),
    # draft
    "cli.draft.added": ("Phiên bản {n}: {sha}", "version {n}: {sha}"),
    "cli.draft.revised": (
        "{n} thay đổi so với phiên bản {previous}; bản so sánh: {location}",
        "{n} change(s) from version {previous}; redline: {location}",
    ),
    "cli.draft.list_title": ("Các dự thảo trong {store}", "Drafts in {store}"),
    # item
    "cli.item.same": ("Đã nhập trước đó (cùng nội dung)", "already entered (same item)"),
    "cli.item.entered": (
        "Đã nhập; `concord merge {round}` đưa ý kiến này vào bản tổng hợp của đợt",
        "entered; `concord merge {round}` merges it with the round",
    ),
    # mail
    "cli.mail.no_address": (
        "Chưa có địa chỉ e-mail của {name}: không gửi thư (thêm bằng `concord agency add`)",
        "no e-mail address for {name}: nothing sent (`concord agency add` adds one)",
    ),
    "cli.mail.written": (
        "Đã ghi {n} thư vào {folder} (chưa cấu hình máy chủ SMTP: CONCORD_SMTP_HOST)",
        "{n} message(s) written to {folder} (no SMTP server configured: CONCORD_SMTP_HOST)",
    ),
    "cli.mail.sent": ("Đã gửi {n} thư", "{n} message(s) sent"),
    "cli.mail.not_sent": (
        "Chưa gửi được, thư vẫn nằm trong hộp thư đi: {error}",
        "not sent, kept in the outbox: {error}",
    ),
    "cli.mail.not_due": (
        "Chưa đến lúc nhắc: thư nhắc gửi từ {when} (--now để gửi ngay)",
        "no reminder due before {when} (--now sends them now)",
    ),
    "cli.mail.nothing_to_remind": (
        "Không có thư nhắc nào cần gửi (đợt được thiết lập không nhắc, hoặc đã nhắc mọi cơ quan)",
        "no reminder to send (round settings send none, or everyone was reminded)",
    ),
    "cli.mail.outbox_sent": ("Đã gửi {sent}, còn chờ {waiting}", "{sent} sent, {waiting} waiting"),
    "cli.mail.outbox_title": ("Hộp thư đi {folder}", "outbox {folder}"),
    # merge
    "cli.merge.merged": (
        "Đã tổng hợp {answers} ý kiến góp ý: {items} mục, {clashes} xung đột",
        "merged {answers} answers: {items} items, {clashes} clashes",
    ),
    "cli.merge.already": (
        "Đã tổng hợp trước đó (cùng các ý kiến góp ý) {answers} ý kiến góp ý: {items} mục, "
        "{clashes} xung đột",
        "already merged (the same answers) {answers} answers: {items} items, {clashes} clashes",
    ),
    "cli.merge.set_aside": (
        "Để riêng: không tổng hợp được ý kiến góp ý của {agency} (xem `set_aside` trong báo "
        "cáo); các ý kiến khác đã được tổng hợp",
        "set aside: the answer of {agency} could not be merged (see `set_aside` in the report); "
        "the others were merged",
    ),
    # read
    "cli.read.title": ("{n} mục trong {file}", "{n} items in {file}"),
    # report
    "cli.report.format": (
        "Không có định dạng báo cáo {fmt}: dùng --format docx, pdf hoặc xlsx",
        "unknown report format {fmt}: use --format docx, pdf or xlsx",
    ),
    # round
    "cli.round.no_service": (
        "Dịch vụ Concord chưa chạy (`concord up`): đợt đã mở; ý kiến góp ý sẽ được đọc và hạn "
        "được theo dõi khi dịch vụ chạy",
        "no Concord service is running (`concord up`): the round is open; answers are read and "
        "the deadline kept once it runs",
    ),
    "cli.round.status_title": (
        "{round}: {state}, hạn {deadline}",
        "{round}: {state}, deadline {deadline}",
    ),
    "cli.round.answered_late": ("{answered} (muộn)", "{answered} (late)"),
    "cli.round.merged": ("Lần tổng hợp {seq}: {docx}", "merged #{seq}: {docx}"),
    "cli.round.published": ("Đã ban hành thành phiên bản {n}", "published as version {n}"),
    "cli.round.closed": ("Đã đóng đợt {round}", "round {round} closed"),
    "cli.round.already_closed": (
        "Đợt {round} đã đóng trước đó",
        "round {round} was already closed",
    ),
    # round tokens
    "cli.tokens.held": (
        "Đã cấp trước đó, không hiển thị lại: {names}",
        "already issued earlier, not shown again: {names}",
    ),
    "cli.tokens.once": (
        "Mỗi mã truy cập chỉ hiển thị một lần này; Concord chỉ lưu mã SHA-256 của nó.",
        "Each token is shown only this once; only its SHA-256 is stored.",
    ),
    # up
    "cli.up.server": ("Máy chủ Prefect", "Prefect server"),
    "cli.up.worker": ("Tiến trình xử lý (worker)", "worker"),
    "cli.up.keeps_stopping": (
        "{name} liên tục dừng (xem {log})",
        "the {name} keeps stopping (see {log})",
    ),
    "cli.up.restarting": (
        "{name} đã dừng (mã thoát {code}); đang khởi động lại",
        "the {name} stopped (exit code {code}); starting it again",
    ),
    "cli.up.already": ("Concord đang chạy: {url}", "Concord is already up: {url}"),
    "cli.up.healthy": (
        "Máy chủ Prefect sẵn sàng sau {seconds} giây (nhật ký: {log})",
        "Prefect server healthy in {seconds} s (log: {log})",
    ),
    "cli.up.worker_started": (
        "Đã khởi động tiến trình xử lý (nhật ký: {log})",
        "worker started (log: {log})",
    ),
    "cli.up.stopping": ("Đang dừng", "stopping"),
    # user
    "cli.user.password_stdin": (
        "Hãy nhập mật khẩu qua đầu vào chuẩn với --password-stdin",
        "give the password on standard input with --password-stdin",
    ),
    "cli.user.added": ("Đã thêm {name} ({role})", "added {name} ({role})"),
    "cli.user.token_once": (
        "Mã chỉ hiển thị một lần này; gửi mã trong tiêu đề `Authorization: Bearer <token>` tới "
        "/api/v1.",
        "Shown only this once; send it as `Authorization: Bearer <token>` to /api/v1.",
    ),
    "cli.user.mapped": (
        "Lệnh concord do người dùng máy {os_user} chạy được ghi là {user}",
        "`concord` run by the OS user {os_user} records {user}",
    ),
    "cli.user.mapped_may_act_as": (
        "Lệnh concord do người dùng máy {os_user} chạy được ghi là {user}; với --actor có thể "
        "ghi: {names}",
        "`concord` run by the OS user {os_user} records {user}; with --actor it may record: "
        "{names}",
    ),
    "cli.user.unmapped": (
        "Đã bỏ liên kết của người dùng máy {os_user}: lệnh do người này chạy được ghi là {os_user}",
        "the OS user {os_user} is no longer mapped: its commands record {os_user}",
    ),
    "cli.user.not_mapped": (
        "Người dùng máy {os_user} chưa được liên kết với tài khoản nào",
        "the OS user {os_user} was not mapped",
    ),
    "cli.user.no_such": (
        "Không có tài khoản {name}: thêm bằng `concord user add`",
        "no user named {name}: add one with `concord user add`",
    ),
    "cli.user.bad_os_user": (
        "Tên người dùng máy gồm 1-64 ký tự, không có khoảng trắng; không dùng được {name}",
        "an OS user name is 1-64 characters without spaces, not {name}",
    ),
    "cli.user.admin_only": (
        "Chỉ người dùng máy được liên kết với tài khoản quản trị ({admins}) mới được thay đổi "
        "liên kết; {os_user} thì không: hãy đề nghị một trong số họ thực hiện",
        "only an OS user mapped to an admin account ({admins}) may change the mapping; "
        "{os_user} is not: ask one of them",
    ),
    # web
    "cli.web.not_loopback": (
        "Lưu ý: đang phục vụ trên {host}: hãy đặt sau https (một reverse proxy) để mật khẩu và "
        "cookie phiên không bị gửi dưới dạng không mã hóa",
        "note: listening on {host}: serve it behind https (a reverse proxy) so passwords and "
        "session cookies are not sent in clear",
    ),
}
