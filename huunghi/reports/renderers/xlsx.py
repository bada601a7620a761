"""An `AdminDocument` as a workbook: the document's text on a first sheet, then one sheet per table.

Figures are stored as numbers (so they add up in Excel) with a number format, and rounded the way
`format_cell` rounds them: `format_cell(cell.value, kind)` prints what the DOCX and PDF print. A
percentage is stored as the number shown (92.5 for "92,5%"), not as a fraction, for that reason;
its format adds the sign without multiplying. Empty values are the text "–", as in print.
"""

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from huunghi.reports import docformat as f
from huunghi.reports.document import Kind, Paragraph, Table, format_cell

NUMBER_FORMATS = {Kind.INT: "#,##0", Kind.VND: "#,##0", Kind.DECIMAL: "0.00", Kind.PERCENT: '0.0"%"'}
PLACES = {Kind.DECIMAL: 2, Kind.PERCENT: 1}
FIRST_SHEET = "Văn bản"
TEXT_SHEET_WIDTH = 105  # columns A and B of the first sheet, in characters of 11 pt
FONT = f.FONT
THIN = Side(style="thin", color="000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


def render_xlsx(document):
    book = Workbook()
    names = _SheetNames()
    _text_sheet(book.active, document, names)
    for table in document.tables():
        _table_sheet(book.create_sheet(names.of(table)), table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cell_value(value, kind):
    """The value stored in a cell: a number rounded as printed, text, or "–" for nothing."""
    if value is None or value == "" or kind == Kind.TEXT:
        return format_cell(value, kind)
    if kind in (Kind.INT, Kind.VND):
        return int(Decimal(value).to_integral_value())
    return float(Decimal(value).quantize(Decimal(1).scaleb(-PLACES[kind])))


class _SheetNames:
    """Sheet names from table keys: at most 31 characters, none of []:*?/\\, unique."""

    def __init__(self):
        self.taken = {FIRST_SHEET.lower()}
        self.by_table = {}

    def of(self, table):
        if id(table) not in self.by_table:
            base = re.sub(r"[\[\]:*?/\\]", "-", table.key).strip("'") or "Bảng"
            name, n = base[:31], 1
            while name.lower() in self.taken:
                n += 1
                name = f"{base[: 31 - len(str(n)) - 1]}-{n}"
            self.taken.add(name.lower())
            self.by_table[id(table)] = name
        return self.by_table[id(table)]


def _font(style):
    return Font(name=FONT, size=style.size, bold=style.bold, italic=style.italic)


def _print_setup(sheet, landscape):
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.page_margins.left = f.MARGIN_LEFT_MM / 25.4
    sheet.page_margins.right = f.MARGIN_RIGHT_MM / 25.4
    sheet.page_margins.top = f.MARGIN_TOP_MM / 25.4
    sheet.page_margins.bottom = f.MARGIN_BOTTOM_MM / 25.4


def _text_sheet(sheet, document, names):
    """The document as text, one element a row, tables pointing to their sheets."""
    sheet.title = FIRST_SHEET
    sheet.column_dimensions["A"].width = 45
    sheet.column_dimensions["B"].width = TEXT_SHEET_WIDTH - 45
    center = Alignment(horizontal="center", vertical="top", wrap_text=True)

    def pair(left, left_style, right, right_style):
        sheet.append([left_style.text(left) if left else None, right_style.text(right) if right else None])
        row = sheet.max_row
        for column, style in (("A", left_style), ("B", right_style)):
            sheet[f"{column}{row}"].font = _font(style)
            sheet[f"{column}{row}"].alignment = center

    def line(text, style, alignment=WRAP):
        sheet.append([style.text(text)])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, end_row=row, start_column=1, end_column=2)
        sheet[f"A{row}"].font = _font(style)
        sheet[f"A{row}"].alignment = alignment
        # Spreadsheets do not grow a merged row to its wrapped text: give it the height of its lines.
        lines = -(-len(text) * style.size // (TEXT_SHEET_WIDTH * 11 * 0.9))
        if lines > 1:
            sheet.row_dimensions[row].height = lines * style.size * 1.25

    pair(document.superior_body, f.SUPERIOR_BODY_STYLE, f.NATIONAL_TITLE, f.NATIONAL_TITLE_STYLE)
    pair(document.issuing_body, f.ISSUING_BODY_STYLE, f.MOTTO, f.MOTTO_STYLE)
    pair(document.number_line, f.NUMBER_STYLE, document.place_date_line, f.PLACE_DATE_STYLE)
    sheet.append([])
    line(document.doc_type, f.DOC_TYPE_STYLE, center)
    line(document.title, f.TITLE_STYLE, center)
    sheet.append([])
    for block in document.blocks:
        if isinstance(block, Table):
            line(f"{block.caption} (trang tính “{names.of(block)}”)", f.TABLE_CAPTION_STYLE)
        elif isinstance(block, Paragraph):
            text = ("- " if block.bullet else "") + (f"{block.lead} " if block.lead else "") + block.text
            line(text, f.BODY_STYLE)
        else:
            line(block.text, f.HEADING_STYLES.get(block.level, f.HEADING_STYLES[3]))
    sheet.append([])
    signature = document.signature
    for text, style in ((signature.authority, f.SIGNATURE_AUTHORITY_STYLE), (signature.title, f.SIGNATURE_TITLE_STYLE),
                        (signature.name, f.SIGNER_NAME_STYLE)):  # fmt: skip
        if text:
            pair("", f.RECIPIENT_STYLE, text, style)
    line(f.RECIPIENTS_LABEL, f.RECIPIENTS_LABEL_STYLE)
    for text in f.recipient_lines(document.recipients):
        line(text, f.RECIPIENT_STYLE)
    if document.annex:
        sheet.append([])
        line(document.annex_title, f.ANNEX_TITLE_STYLE, center)
        line(f.annex_note(document), f.ANNEX_NOTE_STYLE, center)
        for table in document.annex:
            line(f"{table.caption} (trang tính “{names.of(table)}”)", f.TABLE_CAPTION_STYLE)
    _print_setup(sheet, landscape=False)


def _table_sheet(sheet, table):
    columns = table.columns
    sheet.append([table.caption])
    sheet.merge_cells(start_row=1, end_row=1, start_column=1, end_column=max(len(columns), 1))
    sheet["A1"].font = _font(f.TABLE_CAPTION_STYLE)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 36

    sheet.append([c.label for c in columns])
    for cell in sheet[2]:
        cell.font = _font(f.TABLE_HEADER_STYLE)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = GRID

    body = _font(f.TABLE_STYLE)
    bold = _font(f.TABLE_HEADER_STYLE)
    for values, font in [(r, body) for r in table.rows] + ([(table.total, bold)] if table.total else []):
        sheet.append([cell_value(v, c.kind) for v, c in zip(values, columns, strict=True)])
        for cell, column in zip(sheet[sheet.max_row], columns, strict=True):
            cell.font = font
            cell.border = GRID
            if column.kind == Kind.TEXT:
                cell.alignment = WRAP
            else:
                cell.alignment = Alignment(horizontal="right", vertical="top")
                if not isinstance(cell.value, str):
                    cell.number_format = NUMBER_FORMATS[column.kind]
    if table.note:
        sheet.append([table.note])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, end_row=row, start_column=1, end_column=max(len(columns), 1))
        sheet[f"A{row}"].font = _font(f.TABLE_NOTE_STYLE)
        sheet[f"A{row}"].alignment = WRAP

    for index, column in enumerate(columns, start=1):
        texts = [column.label] + [format_cell(r[index - 1], column.kind) for r in table.rows]
        longest = max(len(t) for t in texts)
        width = min(max(longest + 2, 10), 50) if column.kind == Kind.TEXT else min(max(longest + 3, 12), 24)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    _print_setup(sheet, landscape=True)
