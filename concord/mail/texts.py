"""What Concord's messages to the agencies say (Vietnamese, the agencies' language).

Each function returns (subject, body). The upload token appears only in the invitation's body,
once; reminders point to the same page and say the token was sent with the invitation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

SIGNATURE = "Ban soạn thảo (thư gửi tự động từ Concord; xin không trả lời thư này)."


def _when(deadline: datetime) -> str:
    local = deadline.astimezone()
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def invitation(
    *,
    agency: str,
    title: str,
    version: int,
    deadline: datetime,
    round_id: str,
    link: str,
    token: str | None,
) -> tuple[str, str]:
    subject = f"Đề nghị góp ý dự thảo {title} (dự thảo lần {version})"
    if token:
        access = f"Mã gửi góp ý của quý cơ quan (chỉ gửi một lần, đề nghị giữ kín): {token}"
    else:
        access = "Mã gửi góp ý đã được cấp cho quý cơ quan trước đây."
    body = f"""Kính gửi: {agency}

Ban soạn thảo trân trọng đề nghị quý cơ quan cho ý kiến đối với dự thảo {title} (dự thảo lần \
{version}), gửi kèm thư này.

Quý cơ quan góp ý trực tiếp trên tệp đính kèm (bật chế độ theo dõi thay đổi - Track Changes -
hoặc chèn nhận xét - Comment), rồi gửi lại tệp đó trước {_when(deadline)}.

Trang gửi góp ý: {link}
Mã đợt lấy ý kiến: {round_id}
{access}

Trân trọng,
{SIGNATURE}
"""
    return subject, body


def reminder(
    *, agency: str, title: str, version: int, deadline: datetime, round_id: str, link: str
) -> tuple[str, str]:
    subject = f"Nhắc gửi góp ý dự thảo {title} (hạn {_when(deadline)})"
    body = f"""Kính gửi: {agency}

Đến nay Ban soạn thảo chưa nhận được ý kiến của quý cơ quan đối với dự thảo {title} (dự thảo lần \
{version}). Thời hạn gửi góp ý là {_when(deadline)}.

Trang gửi góp ý: {link}
Mã đợt lấy ý kiến: {round_id}
(Mã gửi góp ý đã được gửi kèm thư đề nghị góp ý.)

Trân trọng,
{SIGNATURE}
"""
    return subject, body


def receipt(
    *,
    agency: str,
    title: str,
    version: int,
    filename: str,
    received: datetime,
    lines: Sequence[str],
) -> tuple[str, str]:
    subject = f"Đã nhận góp ý của {agency} về dự thảo {title}"
    listed = "\n".join(f"{n}. {line}" for n, line in enumerate(lines, start=1))
    read = (
        f"Concord đã đọc được {len(lines)} ý kiến:\n{listed}"
        if lines
        else "Tệp không có thay đổi hay nhận xét nào: ghi nhận là thống nhất với dự thảo."
    )
    body = f"""Kính gửi: {agency}

Ban soạn thảo đã nhận tệp góp ý "{filename}" của quý cơ quan đối với dự thảo {title} (dự thảo \
lần {version}) lúc {received.astimezone():%H:%M ngày %d/%m/%Y}.

{read}

Nếu có nội dung chưa được đọc đúng, đề nghị quý cơ quan gửi lại tệp đã chỉnh sửa.

Trân trọng,
{SIGNATURE}
"""
    return subject, body


def extract(*, agency: str, title: str, version: int, new_version: int | None) -> tuple[str, str]:
    subject = f"Kết quả tiếp thu, giải trình ý kiến của {agency} về dự thảo {title}"
    outcome = (
        f"Dự thảo đã được chỉnh lý thành dự thảo lần {new_version}."
        if new_version
        else "Dự thảo đang được chỉnh lý."
    )
    body = f"""Kính gửi: {agency}

Ban soạn thảo trân trọng cảm ơn ý kiến của quý cơ quan đối với dự thảo {title} (dự thảo lần \
{version}). {outcome}

Gửi kèm thư này trích Bảng tổng hợp, giải trình, tiếp thu ý kiến: phần ý kiến của quý cơ quan.

Trân trọng,
{SIGNATURE}
"""
    return subject, body
