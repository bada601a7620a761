"""Reading a member sheet as people actually send it.

`open_sheet` checks the file before anything is read into the database: size, real format (an
XLSX that is really CSV text, a password-protected or corrupt workbook), the number of rows
(from the sheet's declared dimension, before its cells are loaded), the header row (anywhere in
the first rows, names with or without diacritics), formulas and merged cells. Problems with the
whole file raise `SheetError` with a message a person can act on; problems with single cells are
left to the importer, which reports them per row.

XLSX, XLS and ODS are read with python-calamine (Rust; about ten times openpyxl's speed); CSV with
the standard library.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from posixpath import dirname, join, normpath

import python_calamine
from django.conf import settings
from django.utils.translation import gettext as _

from .columns import COLUMN_BY_KEY, COLUMNS, match_header

HEADER_SEARCH_ROWS = 20
ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
SHEET_NAME = "Hội viên"


class SheetError(Exception):
    """The file cannot be imported at all; `message` tells the user why and what to do."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Sheet:
    header_row: int  # 1-based row number of the header
    columns: dict  # column index (0-based) → column key
    extra_columns: list  # header texts of ignored columns
    rows: object  # iterator of (row number, list of cell values)
    total_rows: int  # data rows after the header (blank rows included)
    formulas: dict = field(default_factory=dict)  # (row, column index) → formula text
    merged: dict = field(default_factory=dict)  # row → ["B5:B7", …] for merged ranges in the data area
    sheet_name: str = ""

    def column_letter(self, index):
        return column_letter(index)


def column_letter(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters):
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def _size(fileobj):
    fileobj.seek(0, io.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(0)
    return size


def _mb(size):
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def open_sheet(fileobj, file_name="", *, max_bytes=None, max_rows=None):
    """Check and open a member sheet. `fileobj` is a binary file object."""
    max_bytes = max_bytes or settings.MEMBER_IMPORT_MAX_BYTES
    max_rows = max_rows or settings.MEMBER_IMPORT_MAX_ROWS
    size = _size(fileobj)
    if size == 0:
        raise SheetError(_("The file is empty (0 bytes). Choose the saved member sheet and upload it again."))
    if size > max_bytes:
        raise SheetError(
            _("The file is %(size)s MB; the limit is %(limit)s MB per upload. Split the sheet into smaller files.")
            % {"size": _mb(size), "limit": _mb(max_bytes)}
        )
    head = fileobj.read(8)
    fileobj.seek(0)
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if head.startswith(ZIP_MAGIC):
        return _open_workbook(fileobj, max_rows=max_rows, zipped=True)
    if head.startswith(CFB_MAGIC):
        data = fileobj.read()
        fileobj.seek(0)
        if ENCRYPTED_MARK in data:
            raise SheetError(
                _(
                    "The workbook is protected with a password, so it cannot be read. Open it in Excel, remove "
                    "the password (File → Info → Protect Workbook → Encrypt with Password, leave it empty), "
                    "save and upload again."
                )
            )
        return _open_workbook(fileobj, max_rows=max_rows, zipped=False)
    text = _decode_text(fileobj)
    if text is None:
        raise SheetError(
            _(
                "This is not a spreadsheet HữuNghị can read. Save it from Excel as .xlsx (or as CSV UTF-8) "
                "and upload it again."
            )
        )
    if extension in {"xlsx", "xlsm", "xls", "ods"}:
        raise SheetError(
            _(
                "The file is named .%(extension)s but holds plain text (CSV), not an Excel workbook. Rename it "
                "to .csv, or open it in Excel and save it as “Excel Workbook (.xlsx)”, then upload again."
            )
            % {"extension": extension}
        )
    return _open_csv(text, max_rows=max_rows)


def _decode_text(fileobj):
    data = fileobj.read()
    fileobj.seek(0)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        return text
    return None


def _corrupt():
    return SheetError(
        _(
            "The workbook is damaged and cannot be opened (the file may have been cut off while copying or "
            "downloading). Open it in Excel, save it again as .xlsx and upload the new file."
        )
    )


def _too_many_rows(rows, max_rows):
    return SheetError(
        _("The sheet has %(rows)s rows; one import takes at most %(limit)s. Split it into several files.")
        % {"rows": f"{rows:,}".replace(",", "."), "limit": f"{max_rows:,}".replace(",", ".")}
    )


def _open_workbook(fileobj, *, max_rows, zipped):
    formulas = {}
    sheet_name = None
    if zipped:
        try:
            archive = zipfile.ZipFile(fileobj)
            names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            raise _corrupt() from None
        if "xl/workbook.xml" in names:
            sheet_name, xml_path = _xlsx_main_sheet(archive)
            if xml_path not in names:
                raise _corrupt()
            declared = _declared_rows(archive, xml_path)
            if declared and declared > max_rows + HEADER_SEARCH_ROWS:
                raise _too_many_rows(declared, max_rows)
            try:
                formulas = _scan_formulas(archive, xml_path)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError):
                raise _corrupt() from None
        fileobj.seek(0)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(fileobj)
        if sheet_name is None or sheet_name not in workbook.sheet_names:
            sheet_name = SHEET_NAME if SHEET_NAME in workbook.sheet_names else workbook.sheet_names[0]
        sheet = workbook.get_sheet_by_name(sheet_name)
        merged_ranges = sheet.merged_cell_ranges or []
    except (python_calamine.CalamineError, ValueError, OSError, IndexError):
        raise _corrupt() from None
    start_row, start_col = sheet.start or (0, 0)
    height = sheet.height
    if height > max_rows + HEADER_SEARCH_ROWS:
        raise _too_many_rows(height + start_row, max_rows)
    rows = _numbered(sheet.iter_rows(), start_row + 1, start_col)
    return _with_header(rows, total_rows=height, formulas=formulas, merged=merged_ranges, sheet_name=sheet_name)


def _numbered(rows, first_number, start_col):
    pad = [""] * start_col
    for number, row in enumerate(rows, first_number):
        yield number, (pad + row) if start_col else row


def _xlsx_main_sheet(archive):
    """(name, xml path) of the sheet to read: "Hội viên" when present, else the first sheet."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    targets = {}
    for rel in re.finditer(r"<Relationship\b[^>]*>", rels):
        tag = rel.group(0)
        rel_id = re.search(r'\bId="([^"]+)"', tag)
        target = re.search(r'\bTarget="([^"]+)"', tag)
        if rel_id and target:
            path = target.group(1)
            path = path.lstrip("/") if path.startswith("/") else normpath(join(dirname("xl/workbook.xml"), path))
            targets[rel_id.group(1)] = path
    sheets = []
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        name = re.search(r'\bname="([^"]*)"', tag)
        rel_id = re.search(r'\br:id="([^"]+)"', tag) or re.search(r'\b\w+:id="([^"]+)"', tag)
        if name and rel_id and rel_id.group(1) in targets:
            sheets.append((_xml_unescape(name.group(1)), targets[rel_id.group(1)]))
    if not sheets:
        raise _corrupt()
    for name, path in sheets:
        if name == SHEET_NAME:
            return name, path
    return sheets[0]


def _xml_unescape(text):
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def _declared_rows(archive, xml_path):
    """The last row the sheet's <dimension> declares, read from its first kilobytes."""
    with archive.open(xml_path) as stream:
        head = stream.read(4096).decode("utf-8", "replace")
    match = re.search(r'<(?:\w+:)?dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"', head)
    return int(match.group(1)) if match and match.group(1) else None


_CELL_OPEN = re.compile(rb'<(?:\w+:)?c r="([A-Z]+)(\d+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
_FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f[^>]*>([^<]*)<")


def _scan_formulas(archive, xml_path, chunk_size=1 << 20):
    """Cells holding formulas, found by streaming the sheet XML (the cached values calamine returns
    may be missing or stale)."""
    found = {}
    carry = b""
    with archive.open(xml_path) as stream:
        while True:
            chunk = stream.read(chunk_size)
            data = carry + chunk
            if not data:
                break
            limit = len(data) if not chunk else max(0, len(data) - 4096)
            for match in _FORMULA.finditer(data, 0, limit):
                cell = data.rfind(b'<c r="', 0, match.start())
                if cell < 0:
                    cell = data.rfind(b':c r="', 0, match.start())
                head = _CELL_OPEN.search(data, max(0, cell - 3), match.start()) if cell >= 0 else None
                if head:
                    text = _FORMULA_TEXT.match(data, match.start())
                    formula = "=" + text.group(1).decode("utf-8", "replace") if text else "="
                    found[(int(head.group(2)), _column_index(head.group(1).decode()))] = _xml_unescape(formula)
            if not chunk:
                break
            carry = data[limit:]
    return found


def _open_csv(text, *, max_rows):
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    lines = text.count("\n") + 1
    if lines > max_rows + HEADER_SEARCH_ROWS:
        raise _too_many_rows(lines, max_rows)
    rows = _numbered(csv.reader(io.StringIO(text), dialect), 1, 0)
    return _with_header(rows, total_rows=lines, formulas={}, merged=[], sheet_name="CSV")


def _with_header(rows, *, total_rows, formulas, merged, sheet_name):
    seen = []
    for number, row in rows:
        seen.append((number, row))
        columns, extra = _match_header(row)
        if "full_name" in columns.values() and len(columns) >= 2:
            break
        if len(seen) >= HEADER_SEARCH_ROWS:
            columns = None
            break
    else:
        columns = None
    if not columns:
        if not seen or all(_blank(row) for _, row in seen):
            raise SheetError(_("The sheet has no rows. Fill in the member template and upload it again."))
        raise SheetError(
            _(
                "No header row was found in the first %(rows)s rows. The sheet needs a row with the column "
                "names, at least “%(name)s” and “%(joined)s”; download the template to see them all."
            )
            % {
                "rows": HEADER_SEARCH_ROWS,
                "name": COLUMN_BY_KEY["full_name"].header,
                "joined": COLUMN_BY_KEY["joined_on"].header,
            }  # fmt: skip
        )
    header_row = seen[-1][0]
    keys = list(columns.values())
    doubled = sorted({k for k in keys if keys.count(k) > 1})
    if doubled:
        raise SheetError(
            _("Two columns of the header row mean the same thing: %(columns)s. Keep one of them.")
            % {"columns": ", ".join(f"“{COLUMN_BY_KEY[k].header}”" for k in doubled)}
        )
    missing = [c.header for c in COLUMNS if c.required and c.key not in keys]
    if missing:
        raise SheetError(
            _("The header row (row %(row)s) lacks the required column(s): %(columns)s.")
            % {"row": header_row, "columns": ", ".join(f"“{m}”" for m in missing)}
        )
    merged_rows = {}
    for (r0, c0), (r1, c1) in merged:
        if r1 + 1 <= header_row:
            continue  # titles merged above the header are fine
        label = f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"
        for row_number in range(max(r0 + 1, header_row + 1), r1 + 2):
            merged_rows.setdefault(row_number, []).append(label)
    header_merges = [m for r, m in merged_rows.items() if r == header_row]
    if header_merges:
        raise SheetError(_("The header row has merged cells; unmerge them so that each column has its own name."))
    return Sheet(
        header_row=header_row,
        columns=columns,
        extra_columns=extra,
        rows=rows,
        total_rows=max(0, total_rows - (header_row - (seen[0][0] if seen else 1)) - 1),
        formulas={k: v for k, v in formulas.items() if k[0] > header_row},
        merged=merged_rows,
        sheet_name=sheet_name,
    )


def _match_header(row):
    columns, extra = {}, []
    for index, value in enumerate(row):
        if value is None or value == "":
            continue
        key = match_header(value)
        if key:
            columns[index] = key
        else:
            extra.append(str(value).strip())
    return columns, extra


def _blank(row):
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)
