"""The renderers of an administrative document: Decree 30/2020 layout, the same content in every format.

The PDF is also printed to PNG (pdftoppm) in test-output/reports/ for a look. poppler-utils is
installed by `make test` (the Makefile's weasyprint target): a missing tool fails, never skips.
"""

import datetime
import io
import re
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from openpyxl import load_workbook

from huunghi.reports import docformat
from huunghi.reports.document import AdminDocument, Column, Heading, Kind, Paragraph, Signature, Table, format_cell
from huunghi.reports.renderers import FORMATS, render
from huunghi.reports.renderers.xlsx import FIRST_SHEET

OUTPUT = Path(__file__).resolve().parents[3] / "test-output" / "reports"
# Every Vietnamese vowel with every tone mark, and Đ/đ.
DIACRITICS = "àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ Đđ"
DIACRITICS_UPPER = "ÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ ÈÉẺẼẸ ÊỀẾỂỄỆ ÌÍỈĨỊ ÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ ÙÚỦŨỤ ƯỪỨỬỮỰ ỲÝỶỸỴ"


def sample_document():
    results = Table(
        key="ket-qua-2023",
        caption="Bảng 1. Kết quả thực hiện các chỉ tiêu năm 2023",
        columns=[
            Column("Chỉ tiêu"),
            Column("Số đoàn", Kind.INT),
            Column("Giá trị viện trợ (đồng)", Kind.VND),
            Column("Điểm thi đua", Kind.DECIMAL),
            Column("Tỷ lệ hoàn thành", Kind.PERCENT),
        ],
        rows=[
            ["Đón đoàn nước ngoài đến Nghệ An", 23, 1480000000, Decimal("80.75"), Decimal("115")],
            ["Vận động viện trợ phi chính phủ nước ngoài", 4, 987654321, Decimal("72.5"), Decimal("92.5")],
            ["Thành lập chi hội hữu nghị mới", None, None, 3.333, 66.67],
        ],
        total=["Tổng cộng", 27, 2467654321, None, None],
        note="Ghi chú: số liệu tính đến ngày 31 tháng 12 năm 2023; “–” là không có số liệu.",
    )
    members = Table(
        key="phu-luc-hoi-vien-theo-chi-hoi-va-nam-thanh-lap-rat-dai",
        caption="Biểu 1. Hội viên theo chi hội",
        columns=[Column("Chi hội"), Column("Số hội viên", Kind.INT), Column("Tăng so với năm trước", Kind.PERCENT)],
        rows=[
            ["Chi hội hữu nghị Việt – Nga huyện Diễn Châu", 100, Decimal("12.5")],
            ["Chi hội cựu chiến binh Việt – Lào (ba chi hội)", 7000, Decimal("3")],
        ],
        total=["Cộng", 7100, None],
    )
    return AdminDocument(
        superior_body="Liên hiệp các tổ chức hữu nghị Việt Nam",
        issuing_body="Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An",
        number="05",
        symbol="BC-LHHN",
        place="Nghệ An",
        signed_on=datetime.date(2024, 1, 24),
        doc_type="Báo cáo",
        title="Tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024",
        blocks=[
            Heading("I. KẾT QUẢ CÔNG TÁC NĂM 2023"),
            Heading("1. Công tác đối ngoại nhân dân", level=2),
            Paragraph(
                "Năm 2023, Liên hiệp đã đón tiếp và làm việc với hơn 20 đoàn khách quốc tế, vận động gần "
                "1,5 tỷ đồng viện trợ; đồng thời củng cố quan hệ hữu nghị truyền thống Việt Nam – Lào, "
                "Việt Nam – Nga. Chữ có dấu: " + DIACRITICS + "."
            ),
            Paragraph("thành lập Chi hội hữu nghị Việt – Nga huyện Diễn Châu.", lead="Nhiệm vụ 1:", bullet=True),
            Paragraph("Số liệu chi tiết xem tại Phụ lục kèm theo.", italic=True),
            results,
            Heading("II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024"),
            Paragraph(
                "Tiếp tục đổi mới nội dung, phương thức hoạt động; phấn đấu đón ít nhất 20 đoàn và vận động "
                "1,5 tỷ đồng. " * 12
            ),
        ],
        signature=Signature(authority="TM. Ban Thường vụ", title="Chủ tịch", name="Nguyễn Văn Đức"),
        recipients=["Liên hiệp các tổ chức hữu nghị Việt Nam", "Thường trực Tỉnh ủy Nghệ An", "UBND tỉnh Nghệ An"],
        annex=[members],
    )


@pytest.fixture(scope="module")
def document():
    return sample_document()


@pytest.fixture(scope="module")
def docx_file(document):
    return Document(io.BytesIO(render(document, "docx")[0]))


@pytest.fixture(scope="module")
def pdf_bytes(document):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    data, content_type, extension = render(document, "pdf")
    assert (content_type, extension) == ("application/pdf", "pdf")
    (OUTPUT / "document.pdf").write_bytes(data)
    return data


def expected_texts(document):
    """Every text the reader must find in every format: headings, paragraphs, every table cell."""
    texts = [b.text for b in document.blocks if isinstance(b, Heading | Paragraph)]
    for table in document.tables():
        texts += [table.caption] + [c.label for c in table.columns]
        for row in table.rows + ([table.total] if table.total else []):
            texts += [format_cell(v, c.kind) for v, c in zip(row, table.columns, strict=True)]
    return texts


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def docx_text_paragraphs(docx):
    """Every paragraph of the body and of its tables, in order."""
    found = list(docx.paragraphs)

    def walk(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    found.extend(cell.paragraphs)
                    walk(cell.tables)

    walk(docx.tables)
    return found


def docx_text(docx):
    return squash("\n".join(p.text for p in docx_text_paragraphs(docx)))


def pdf_text(data):
    """The PDF's text in drawing order (WeasyPrint draws in document order), without page numbers."""
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    pages = raw.stdout.decode().split("\f")
    return "\n".join(
        "\n".join(line for line in page.splitlines() if line.strip() != str(number))
        for number, page in enumerate(pages, start=1)
    )




# DOCX: page setup and fonts -------------------------------------------------------------------


def test_docx_page_is_a4_portrait_with_the_decree_margins(docx_file):
    section = docx_file.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    # Decree 30/2020, Appendix I, I.3 (written out here, not read from docformat, to check it).
    for side, (low, high) in {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}.items():
        margin = getattr(section, f"{side}_margin").mm
        assert low - 0.1 <= margin <= high + 0.1, side


def test_docx_fonts_are_times_new_roman_for_every_script(docx_file):
    def names(rpr):
        fonts = rpr.rFonts
        assert not [a for a in fonts.attrib if a.endswith("Theme") or a.endswith("theme")]  # themes win over names
        return {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")}

    defaults = docx_file.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert names(defaults) == {"Times New Roman"}
    assert names(docx_file.styles["Normal"].element.rPr) == {"Times New Roman"}
    runs = [r for p in docx_text_paragraphs(docx_file) for r in p.runs if r.text.strip()]
    assert len(runs) > 40
    for run in runs:
        assert names(run._r.rPr) == {"Times New Roman"}, run.text


def test_docx_body_is_13_to_14_pt_justified_with_first_line_indent(docx_file, document):
    body_texts = {b.text for b in document.blocks if isinstance(b, Paragraph)}
    body = [p for p in docx_file.paragraphs if any(t in p.text for t in body_texts)]
    assert len(body) == len(body_texts)
    low, high = 13, 14  # Appendix I, II.6
    for paragraph in body:
        assert paragraph.alignment == 3  # JUSTIFY
        assert 10 <= paragraph.paragraph_format.first_line_indent.mm <= 12.7 + 0.1
        assert paragraph.paragraph_format.space_after.pt >= 6
        assert 1 <= paragraph.paragraph_format.line_spacing <= 1.5
        for run in paragraph.runs:
            assert low <= run.font.size.pt <= high


def test_docx_header_title_and_closing(docx_file, document):
    header = docx_file.tables[0]
    closing = next(t for t in docx_file.tables if t.cell(0, 0).text.startswith("Nơi nhận:"))
    cells = {squash(c.text): c for row in header.rows for c in row.cells}
    left = [p for p in header.cell(0, 0).paragraphs if p.text]
    assert [p.text for p in left] == [
        "LIÊN HIỆP CÁC TỔ CHỨC HỮU NGHỊ VIỆT NAM",
        "LIÊN HIỆP CÁC TỔ CHỨC HỮU NGHỊ TỈNH NGHỆ AN",
    ]
    assert left[1].runs[0].bold and not left[0].runs[0].bold
    right = [p for p in header.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in right] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert all(p.runs[0].bold for p in right)
    assert right[0].runs[0].font.size.pt in (12, 13) and right[1].runs[0].font.size.pt in (13, 14)
    # The lines under the motto and the issuing body are paragraph borders.
    assert "w:pBdr" in header._tbl.xml
    assert "Số: 05/BC-LHHN" in cells
    place = next(p for p in header.cell(1, 1).paragraphs if p.text)
    assert place.text == "Nghệ An, ngày 24 tháng 01 năm 2024"
    assert place.runs[0].italic and place.runs[0].font.size.pt in (13, 14)

    doc_type = next(p for p in docx_file.paragraphs if p.text == "BÁO CÁO")
    title = next(p for p in docx_file.paragraphs if p.text == document.title)
    for paragraph in (doc_type, title):
        assert paragraph.alignment == 1 and paragraph.runs[0].bold and paragraph.runs[0].font.size.pt in (13, 14)

    recipients = [p for p in closing.cell(0, 0).paragraphs if p.text]
    assert recipients[0].text == "Nơi nhận:" and recipients[0].runs[0].bold and recipients[0].runs[0].italic
    assert recipients[0].runs[0].font.size.pt == 12
    assert [p.text for p in recipients[1:]] == [
        "- Liên hiệp các tổ chức hữu nghị Việt Nam;",
        "- Thường trực Tỉnh ủy Nghệ An;",
        "- UBND tỉnh Nghệ An;",
        "- Lưu: VT.",
    ]
    assert all(p.runs[0].font.size.pt == 11 for p in recipients[1:])
    signature = [p for p in closing.cell(0, 1).paragraphs if p.text]
    assert [p.text for p in signature] == ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Nguyễn Văn Đức"]
    assert all(p.runs[0].bold and p.runs[0].font.size.pt in (13, 14) for p in signature)


def test_docx_page_numbers_in_the_header_but_not_on_the_first_page(docx_file):
    section = docx_file.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and 'w:fldCharType="begin"' in header_xml
    assert section.header.paragraphs[0].alignment == 1
    assert "PAGE" not in section.first_page_header._element.xml


def test_docx_tables_have_borders_bold_header_and_total_right_aligned_numbers(docx_file, document):
    grid = docx_file.tables[1]
    assert grid.style.name == "Table Grid"
    assert all(c.paragraphs[0].runs[0].bold for c in grid.rows[0].cells)
    assert all(c.paragraphs[0].runs[0].bold for c in grid.rows[-1].cells)
    assert not grid.rows[1].cells[0].paragraphs[0].runs[0].bold
    assert grid.rows[1].cells[2].text == "1.480.000.000" and grid.rows[1].cells[2].paragraphs[0].alignment == 2
    # The annex starts on a new page.
    annex = next(p for p in docx_file.paragraphs if p.text == document.annex_title.upper())
    assert annex.paragraph_format.page_break_before


def test_docformat_sizes_are_the_decree_s():
    """Appendix I, Part I, items II.1–II.9, I.7 and III.1."""
    f = docformat
    assert (f.NATIONAL_TITLE_STYLE.size, f.MOTTO_STYLE.size) in {(12, 13), (13, 14)}
    assert f.NATIONAL_TITLE_STYLE.bold and f.NATIONAL_TITLE_STYLE.upper and f.MOTTO_STYLE.bold
    assert 12 <= f.SUPERIOR_BODY_STYLE.size <= 13 and not f.SUPERIOR_BODY_STYLE.bold and f.SUPERIOR_BODY_STYLE.upper
    assert 12 <= f.ISSUING_BODY_STYLE.size <= 13 and f.ISSUING_BODY_STYLE.bold and f.ISSUING_BODY_STYLE.upper
    assert 1 / 3 <= f.SHORT_RULE_FRACTION <= 1 / 2
    assert f.NUMBER_STYLE.size == 13 and not f.NUMBER_STYLE.italic
    assert 13 <= f.PLACE_DATE_STYLE.size <= 14 and f.PLACE_DATE_STYLE.italic
    for style in (
        f.DOC_TYPE_STYLE,
        f.TITLE_STYLE,
        f.SIGNATURE_AUTHORITY_STYLE,
        f.SIGNATURE_TITLE_STYLE,
        f.SIGNER_NAME_STYLE,
    ):
        assert 13 <= style.size <= 14 and style.bold
    assert f.DOC_TYPE_STYLE.upper and f.SIGNATURE_AUTHORITY_STYLE.upper and f.SIGNATURE_TITLE_STYLE.upper
    assert 13 <= f.BODY_STYLE.size <= 14 and 10 <= f.FIRST_LINE_INDENT_MM <= 12.7
    assert f.PARAGRAPH_SPACING_PT >= 6 and 1 <= f.LINE_SPACING <= 1.5
    label = f.RECIPIENTS_LABEL_STYLE
    assert (label.size, label.bold, label.italic) == (12, True, True) and f.RECIPIENT_STYLE.size == 11
    assert 13 <= f.PAGE_NUMBER_STYLE.size <= 14 and 13 <= f.ANNEX_TITLE_STYLE.size <= 14
    assert f.FONT == "Times New Roman" and f.PDF_FONT_STACK.startswith('"Times New Roman", "Liberation Serif"')


# PDF: printed, looked at ----------------------------------------------------------------------


def test_pdf_is_a4_with_numbered_pages_and_renders_to_png(pdf_bytes):
    info = subprocess.run(["pdfinfo", "-"], input=pdf_bytes, capture_output=True, check=True).stdout.decode()
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)
    assert pages >= 2

    for old in OUTPUT.glob("page-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(OUTPUT / "document.pdf"), str(OUTPUT / "page")], check=True)
    assert len(list(OUTPUT.glob("page-*.png"))) == pages

    for page in range(1, pages + 1):
        page_text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), "-layout", "-", "-"],
            input=pdf_bytes, capture_output=True, check=True,
        ).stdout.decode()  # fmt: skip
        first_line = next(line for line in page_text.splitlines() if line.strip()).strip()
        if page == 1:
            assert not first_line.isdigit()
        else:
            assert first_line == str(page), page_text[:200]


def test_pdf_text_has_the_header_and_every_diacritic(pdf_bytes, document):
    text = squash(pdf_text(pdf_bytes))
    for line in (
        "LIÊN HIỆP CÁC TỔ CHỨC HỮU NGHỊ VIỆT NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/BC-LHHN",
        "Nghệ An, ngày 24 tháng 01 năm 2024",
        "BÁO CÁO",
        "Nơi nhận:",
        "- Lưu: VT.",
        "TM. BAN THƯỜNG VỤ",
        "Nguyễn Văn Đức",
        "PHỤ LỤC SỐ LIỆU THỐNG KÊ",
        "(Kèm theo Báo cáo số 05/BC-LHHN ngày 24 tháng 01 năm 2024 của Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An)",
    ):
        assert line in text, line
    assert DIACRITICS in text
    # Every glyph from the Times New Roman family (Liberation Serif 2 has all of Vietnamese; the old
    # fonts-liberation lacks ạ, ở, ư… and would borrow them from another font).
    fonts = subprocess.run(["pdffonts", "-"], input=pdf_bytes, capture_output=True, check=True).stdout.decode()
    families = {line.split()[0].partition("+")[2] for line in fonts.splitlines()[2:]}
    assert families and all(re.match(r"(Liberation-?Serif|TimesNewRoman|Times-?New-?Roman)", f) for f in families), (
        f"{families}: install fonts-liberation2 (make weasyprint)"
    )
    assert DIACRITICS_UPPER in squash(pdf_text(render(_upper_document(document), "pdf")[0]))


def _upper_document(document):
    return AdminDocument(**{**document.__dict__, "blocks": [Paragraph(DIACRITICS_UPPER)], "annex": []})


# The same content in every format -------------------------------------------------------------


def test_every_format_has_every_text_and_figure(document, docx_file, pdf_bytes):
    expected = expected_texts(document)
    assert {"1.480.000.000", "2.467.654.321", "80,75", "3,33", "66,7%", "115%", "92,5%", "–"} <= set(expected)

    docx = docx_text(docx_file)
    missing = [t for t in expected if squash(t) not in docx]
    assert not missing, f"DOCX lacks {missing}"

    pdf = squash(pdf_text(pdf_bytes))
    missing = [t for t in expected if squash(t) not in pdf]
    assert not missing, f"PDF lacks {missing}"

    data, content_type, extension = render(document, "xlsx")
    assert extension == "xlsx" and content_type.endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[0] == FIRST_SHEET
    found = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            found.update(str(v) for v in row if isinstance(v, str))
    for table in document.tables():
        sheet = next(s for s in book.worksheets if s["A1"].value == table.caption)
        assert len(sheet.title) <= 31 and sheet.title == table.key[:31]
        rows = list(sheet.iter_rows(min_row=3, max_row=2 + len(table.rows) + bool(table.total)))
        for cells, values in zip(rows, table.rows + ([table.total] if table.total else []), strict=True):
            for cell, value, column in zip(cells, values, table.columns, strict=True):
                shown = cell.value if isinstance(cell.value, str) else format_cell(cell.value, column.kind)
                assert shown == format_cell(value, column.kind)
                if column.kind != Kind.TEXT and value is not None:
                    assert isinstance(cell.value, int | float) and cell.number_format != "General"
                found.add(shown)
    text = squash(" ".join(found))
    missing = [t for t in expected if squash(t) not in text]
    assert not missing, f"XLSX lacks {missing}"


def test_xlsx_sheets_print_a4_landscape_with_a_frozen_header(document):
    book = load_workbook(io.BytesIO(render(document, "xlsx")[0]))
    table_sheets = book.worksheets[1:]
    assert len(table_sheets) == len(document.tables())
    for sheet in table_sheets:
        assert sheet.freeze_panes == "A3"
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert all(c.font.bold for c in sheet[2])
        assert sheet.column_dimensions["A"].width > 10
    sheet = table_sheets[0]
    assert sheet["C3"].value == 1480000000 and sheet["C3"].number_format == "#,##0"
    assert sheet["D3"].value == 80.75 and sheet["D3"].number_format == "0.00"
    assert sheet["E4"].value == 92.5 and sheet["E4"].number_format == '0.0"%"'
    assert sheet["B5"].value == "–"


def test_docx_and_xlsx_are_valid_zip_packages(document):
    for fmt in ("docx", "xlsx"):
        assert zipfile.ZipFile(io.BytesIO(render(document, fmt)[0])).testzip() is None


def test_an_unknown_format_is_refused(document):
    assert set(FORMATS) == {"docx", "pdf", "xlsx"}
    for fmt in ("odt", "", None, "PDF "):
        with pytest.raises(ValueError, match="unknown document format"):
            render(document, fmt)


def test_recipient_lines_end_with_the_filed_copy():
    assert docformat.recipient_lines(["- Như trên;", "Lưu: VT, VP."]) == ["- Như trên;", "- Lưu: VT, VP."]
    assert docformat.recipient_lines([]) == ["- Lưu: VT."]
    assert Mm(docformat.FIRST_LINE_INDENT_MM).mm == pytest.approx(12.7)


def test_a_bare_draft_renders_in_every_format():
    """No superior body, number, date, signer, recipients or annex; an empty table; two tables with one key."""
    empty = Table(
        key="bang/so:lieu*", caption="Bảng trống", columns=[Column("Chỉ tiêu"), Column("Số", Kind.INT)], rows=[]
    )
    twin = Table(key="bang/so:lieu*", caption="Bảng thứ hai", columns=[Column("Số", Kind.INT)], rows=[[0]], total=[0])
    draft = AdminDocument(
        superior_body="",
        issuing_body="Liên hiệp các tổ chức hữu nghị tỉnh Thanh Hóa",
        number="",
        symbol="BC-LHHN",
        place="Thanh Hóa",
        signed_on=None,
        doc_type="Báo cáo",
        title="Năm không có hoạt động",
        blocks=[Paragraph("Năm nay chưa có số liệu."), empty, twin],
    )
    docx = Document(io.BytesIO(render(draft, "docx")[0]))
    assert "Số: /BC-LHHN" in docx_text(docx) and "- Lưu: VT." in docx_text(docx)
    book = load_workbook(io.BytesIO(render(draft, "xlsx")[0]))
    assert book.sheetnames == [FIRST_SHEET, "bang-so-lieu-", "bang-so-lieu--2"]
    assert book["bang-so-lieu--2"]["A3"].value == 0
    data = render(draft, "pdf")[0]
    assert "Năm nay chưa có số liệu." in pdf_text(data)
    # The blanks the clerk fills in by hand are kept, not collapsed as HTML would.
    layout = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    text = layout.stdout.decode()
    assert re.search(r"Số:\s{2,}/BC-LHHN", text) and re.search(r"ngày\s{2,}tháng\s{2,}năm", text)
