"""An administrative document (văn bản hành chính) as data, rendered alike to DOCX, PDF and XLSX.

Report generators build an `AdminDocument`; the renderers in `renderers/` lay it out by the rules
of Decree 30/2020/NĐ-CP (see `docformat.py`). Every value a renderer prints goes through
`format_cell`, so the three formats show the same figures.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from huunghi.core.templatetags.vn import group_thousands


class Kind:
    """How a table column's values are written."""

    TEXT = "text"
    INT = "int"  # 1.234
    VND = "vnd"  # 1.480.000.000 (the column's label names the unit)
    DECIMAL = "decimal"  # 80,75
    PERCENT = "percent"  # 92,5%


@dataclass
class Column:
    label: str
    kind: str = Kind.TEXT


@dataclass
class Table:
    """A table of the report; `key` names its sheet in the XLSX annex."""

    key: str
    caption: str
    columns: list
    rows: list  # lists of values (None prints as "–")
    total: list | None = None  # a last row printed in bold
    note: str = ""


@dataclass
class Heading:
    text: str  # numbering included: "I. KẾT QUẢ …", "1. Công tác …"
    level: int = 1


@dataclass
class Paragraph:
    text: str
    lead: str = ""  # a bold run before the text ("Nhiệm vụ 1:")
    bullet: bool = False  # "- " item of a list
    italic: bool = False


@dataclass
class Signature:
    """Signature block (khối chữ ký): authority (TM./KT.), title and name of the signer."""

    authority: str = ""  # "TM. BAN THƯỜNG VỤ"
    title: str = ""  # "CHỦ TỊCH"
    name: str = ""


@dataclass
class AdminDocument:
    superior_body: str  # cơ quan chủ quản, may be empty
    issuing_body: str  # cơ quan ban hành
    number: str  # "05" or "" (left blank for the clerk to fill in when the report is issued)
    symbol: str  # "BC-LHHN"
    place: str  # "Nghệ An"
    signed_on: datetime.date | None
    doc_type: str  # "BÁO CÁO"
    title: str  # trích yếu: "Tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024"
    blocks: list = field(default_factory=list)  # Heading | Paragraph | Table, in order
    signature: Signature = field(default_factory=Signature)
    recipients: list = field(default_factory=list)  # "Nơi nhận" lines, without dash and semicolon
    annex: list = field(default_factory=list)  # Tables of the statistical annex (phụ lục)
    annex_title: str = "PHỤ LỤC SỐ LIỆU THỐNG KÊ"

    @property
    def number_line(self):
        """ "Số: 05/BC-LHHN"; an unnumbered draft keeps the blank the clerk fills in."""
        number = self.number or "     "
        return f"Số: {number}/{self.symbol}" if self.symbol else f"Số: {number}"

    @property
    def place_date_line(self):
        """ "Nghệ An, ngày 24 tháng 01 năm 2024" (Decree 30/2020, Appendix I: days under 10 and
        months under 3 take a leading zero)."""
        day = self.signed_on
        if day is None:
            return f"{self.place}, ngày     tháng     năm     "
        month = f"{day.month:02d}" if day.month < 3 else str(day.month)
        return f"{self.place}, ngày {day.day:02d} tháng {month} năm {day.year}"

    def tables(self):
        """Every table of the body, then the annex's."""
        return [b for b in self.blocks if isinstance(b, Table)] + list(self.annex)


def format_cell(value, kind=Kind.TEXT):
    """The one way a value is written in every format: Vietnamese digit grouping and comma."""
    if value is None or value == "":
        return "–"
    if kind == Kind.TEXT:
        return str(value)
    if kind in (Kind.INT, Kind.VND):
        return group_thousands(value)
    value = Decimal(value)
    if kind == Kind.PERCENT:
        return _decimal(value, 1) + "%"
    return _decimal(value, 2)


def _decimal(value, places):
    value = value.quantize(Decimal(1).scaleb(-places))
    whole, _, fraction = f"{abs(value):f}".partition(".")
    fraction = fraction.rstrip("0")
    sign = "-" if value < 0 else ""
    return sign + group_thousands(int(whole)) + ("," + fraction if fraction else "")
