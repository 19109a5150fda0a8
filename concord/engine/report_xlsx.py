"""The synthesis report's rows as a spreadsheet (.xlsx, openpyxl): the same rows as the .docx.

One sheet: a title, the column titles (repeated on every printed page), then `report_rows`;
landscape A4, fitted to the page width, text wrapped in its cells.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from concord.engine.report_rows import ReportInput, report_rows, subtitle

COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 6),
    ("Điều, khoản", 16),
    ("Nội dung dự thảo", 40),
    ("Cơ quan góp ý", 20),
    ("Nội dung góp ý", 45),
    ("Giải trình, tiếp thu", 40),
)
HEADER_ROW = 4
CLASH_FILL = PatternFill("solid", fgColor="FFF2CC")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")


def build_report_xlsx(data: ReportInput) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp ý kiến"
    sheet["A1"] = "BẢNG TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = subtitle(data).replace("\n", " - ")
    sheet["A2"].font = Font(bold=True)
    for col, (title, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=col, value=title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.column_dimensions[get_column_letter(col)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for offset, row in enumerate(report_rows(data), start=1):
        line = HEADER_ROW + offset
        for col, value in enumerate(row.cells, start=1):
            cell = sheet.cell(row=line, column=col, value=value or None)
            cell.alignment = wrap
            if row.section:
                cell.font = Font(bold=True)
                cell.fill = SECTION_FILL
            elif row.clash:
                cell.fill = CLASH_FILL
        if row.section:
            sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=6)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
