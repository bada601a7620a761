"""The layout of an administrative document (thể thức và kỹ thuật trình bày văn bản hành chính).

Every size and style the DOCX, PDF and XLSX renderers use, in one place. The rules are those of
Decree 30/2020/NĐ-CP, Appendix I, Part I ("Thể thức và kỹ thuật trình bày văn bản hành chính");
each constant cites the item it comes from. Where the decree gives a range, the value chosen is
the one the annual reports use, and the range is written beside it.
"""

from dataclasses import dataclass

# Appendix I, I.1: A4 (210 mm x 297 mm); I.2: portrait ("theo chiều dài của khổ A4").
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297

# Appendix I, I.3: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm from the edge.
# We take the smallest margin of each range: 20 / 20 / 30 / 15 mm (the most text on a page).
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165 mm
# Where the page number sits inside the top margin (Word's header distance).
HEADER_DISTANCE_MM = 10

# Appendix I, I.4: Vietnamese Times New Roman, Unicode (TCVN 6909:2001), black. PDFs are made on
# Debian, which has no Times New Roman: Liberation Serif has the same metrics (same line breaks).
FONT = "Times New Roman"
PDF_FONT_STACK = '"Times New Roman", "Liberation Serif", serif'

# Appendix I, II.1.
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Style:
    size: float  # points
    bold: bool = False
    italic: bool = False
    upper: bool = False  # "chữ in hoa"

    def text(self, value):
        """The text as printed: uppercase where the decree says "in hoa" (the same in every format)."""
        return value.upper() if self.upper else value

    @property
    def css(self):
        return (f"font-size: {self.size:g}pt; font-weight: {'bold' if self.bold else 'normal'}; "
                f"font-style: {'italic' if self.italic else 'normal'};")  # fmt: skip


# Appendix I, II.1.a: national title, uppercase, 12–13 pt, upright, bold. II.1.b: motto, lowercase with
# initial capitals, 13–14 pt, upright, bold, centred under the title, with a solid line under it as
# long as the motto. The pair is 12/13 or 13/14; 12/13 keeps the title on one line in its column.
NATIONAL_TITLE_STYLE = Style(12, bold=True, upper=True)
MOTTO_STYLE = Style(13, bold=True)

# Appendix I, II.2: the superior body (cơ quan chủ quản) uppercase 12–13 pt upright; the issuing
# body uppercase 12–13 pt upright bold, with a solid line under it 1/3–1/2 as long as the text,
# centred. Same size as the national title, as in the decree's samples.
SUPERIOR_BODY_STYLE = Style(12, upper=True)
ISSUING_BODY_STYLE = Style(12, bold=True, upper=True)
SHORT_RULE_FRACTION = 0.4  # of the text above it: within the decree's 1/3–1/2

# Appendix I, II.3: "Số: 05/BC-LHHN", 13 pt upright, centred under the issuing body.
NUMBER_STYLE = Style(13)

# Appendix I, II.4: place and date, 13–14 pt italic, centred under the national title and motto.
PLACE_DATE_STYLE = Style(14, italic=True)

# Appendix I, II.5.a: document type uppercase 13–14 pt upright bold, centred; the title (trích
# yếu) 13–14 pt upright bold, centred under it, with a short solid line under it (1/3–1/2).
DOC_TYPE_STYLE = Style(14, bold=True, upper=True)
TITLE_STYLE = Style(14, bold=True)

# Appendix I, II.6: body lowercase 13–14 pt upright, justified; first line indented 1–1.27 cm;
# at least 6 pt between paragraphs; line spacing from single to 1.5 lines.
BODY_STYLE = Style(14)
FIRST_LINE_INDENT_MM = 12.7  # 1.27 cm, Word's default tab
PARAGRAPH_SPACING_PT = 6
LINE_SPACING = 1.15  # a multiple of single spacing, within 1–1.5
# Word's "single" line in Times New Roman is the font's ascent + descent + gap, 1.15 em; CSS needs
# the height itself.
SINGLE_LINE_EM = 1.15
# Headings of the body (phần, mục: "I. KẾT QUẢ…", "1. Công tác…"): 13–14 pt upright bold, II.6.a;
# the third level bold italic as customary for "a)" items.
HEADING_STYLES = {1: Style(14, bold=True), 2: Style(14, bold=True), 3: Style(14, bold=True, italic=True)}

# Tables: Appendix I sets no size for them. 12 pt keeps six columns on a portrait page; the caption
# is bold like a heading, the note italic.
TABLE_CAPTION_STYLE = Style(13, bold=True)
TABLE_STYLE = Style(12)
TABLE_HEADER_STYLE = Style(12, bold=True)
TABLE_NOTE_STYLE = Style(12, italic=True)
TABLE_BORDER_PT = 0.5

# Appendix I, II.7: authority ("TM.", "KT.") and title of the signer uppercase 13–14 pt upright
# bold; the signer's name lowercase 13–14 pt upright bold, below the space for the signature.
SIGNATURE_AUTHORITY_STYLE = Style(14, bold=True, upper=True)
SIGNATURE_TITLE_STYLE = Style(14, bold=True, upper=True)
SIGNER_NAME_STYLE = Style(14, bold=True)
SIGNATURE_SPACE_MM = 25  # for the hand signature and the seal

# Appendix I, II.9: "Nơi nhận:" 12 pt italic bold, level with the signer's authority, at the left;
# the recipients 11 pt upright, each on its own line starting with "-" and ending with ";", the last
# line "- Lưu: VT, …" ending with a full stop.
RECIPIENTS_LABEL = "Nơi nhận:"
RECIPIENTS_LABEL_STYLE = Style(12, bold=True, italic=True)
RECIPIENT_STYLE = Style(11)
FILED_LINE = "Lưu: VT"

# Appendix I, III.1: an annex starts on a new page; its title uppercase 13–14 pt bold, centred,
# with a line saying which document it goes with, italic.
ANNEX_TITLE_STYLE = Style(14, bold=True, upper=True)
ANNEX_NOTE_STYLE = Style(14, italic=True)

# Appendix I, I.7: page numbers in Arabic digits, 13–14 pt upright, centred in the top margin,
# not shown on the first page.
PAGE_NUMBER_STYLE = Style(14)

# The two columns of the header (ô số 1–4 of Appendix I, IV): issuing body at the left, national
# title at the right; widths in mm of the 165 mm text width.
HEADER_LEFT_MM = 66
HEADER_RIGHT_MM = TEXT_WIDTH_MM - HEADER_LEFT_MM
# Nơi nhận at the left, the signature at the right (ô số 7–9).
CLOSING_LEFT_MM = 75
CLOSING_RIGHT_MM = TEXT_WIDTH_MM - CLOSING_LEFT_MM


def recipient_lines(recipients):
    """The "Nơi nhận" lines as printed: "- Như trên;" … "- Lưu: VT." (Appendix I, II.9)."""
    names = [r.strip().lstrip("-").strip().rstrip(";.").strip() for r in recipients]
    names = [n for n in names if n]
    if not any(n.startswith("Lưu") for n in names[-1:]):
        names.append(FILED_LINE)
    return [f"- {name}{'.' if i == len(names) - 1 else ';'}" for i, name in enumerate(names)]


def annex_note(document):
    """The line under the annex title: "(Kèm theo Báo cáo số 05/BC-LHHN ngày 24 tháng 01 năm 2024 của …)"
    (Appendix I, III.1)."""
    kind = document.doc_type.strip().capitalize()
    number = document.number_line.removeprefix("Số: ")
    date = document.place_date_line.partition(", ")[2]
    return f"(Kèm theo {kind} số {number} {date} của {document.issuing_body})"
