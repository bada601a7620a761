"""An `AdminDocument` as a Word document (python-docx), laid out by `docformat`.

Word draws the decree's short lines as shapes; here they are the bottom border of an empty
paragraph, indented to the line's length, which Word and LibreOffice both show and keep on edit.
"""

import io
from functools import lru_cache

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from huunghi.reports import docformat as f
from huunghi.reports.document import Heading, Kind, Paragraph, Table, format_cell

CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
LEFT = WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
NUMERIC = {Kind.INT, Kind.VND, Kind.DECIMAL, Kind.PERCENT}
# Liberation Serif has Times New Roman's metrics: its advance widths measure the decree's lines
# (Debian's fonts-liberation2, or the older fonts-liberation: the same widths for Latin letters).
METRIC_FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation")


def render_docx(document):
    doc = Document()
    _page_setup(doc.sections[0])
    _default_fonts(doc)

    _header(doc, document)
    _title(doc, document)
    for block in document.blocks:
        if isinstance(block, Heading):
            _heading(doc, block)
        elif isinstance(block, Paragraph):
            _paragraph(doc, block)
        elif isinstance(block, Table):
            _table(doc, block)
    _closing(doc, document)
    if document.annex:
        _annex(doc, document)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# Page, fonts, page numbers --------------------------------------------------------------------


def _page_setup(section):
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(f.PAGE_WIDTH_MM)
    section.page_height = Mm(f.PAGE_HEIGHT_MM)
    section.top_margin = Mm(f.MARGIN_TOP_MM)
    section.bottom_margin = Mm(f.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(f.MARGIN_LEFT_MM)
    section.right_margin = Mm(f.MARGIN_RIGHT_MM)
    section.header_distance = Mm(f.HEADER_DISTANCE_MM)
    section.footer_distance = Mm(f.HEADER_DISTANCE_MM)
    # Appendix I, I.7: no number on the first page.
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    _page_field(paragraph)


def _page_field(paragraph):
    run = paragraph.add_run()
    _font(run, f.PAGE_NUMBER_STYLE)
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "2"), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _set_fonts(rpr):
    """Times New Roman for every script, theme fonts removed (they would win over the names)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), f.FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")


def _default_fonts(doc):
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr)
    for name in ("Normal", "Header", "Footer", "Table Grid"):
        style = doc.styles[name]
        style.font.name = f.FONT
        _set_fonts(style.element.get_or_add_rPr())
    normal = doc.styles["Normal"]
    normal.font.size = Pt(f.BODY_STYLE.size)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _font(run, style):
    run.font.name = f.FONT
    run.font.size = Pt(style.size)
    run.font.bold = style.bold
    run.font.italic = style.italic
    _set_fonts(run._r.get_or_add_rPr())


def _line(container, text, style, align=CENTER, *, space_after=0):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.line_spacing = 1.0
    if text:
        _font(paragraph.add_run(style.text(text)), style)
    return paragraph


def _rule(container, length_mm, width_mm):
    """A solid line `length_mm` long, centred in a box `width_mm` wide (Appendix I, II.1, II.2, II.5)."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    side = max((width_mm - length_mm) / 2, 0)
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(4)
    fmt.line_spacing = Pt(4)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    return paragraph


@lru_cache(maxsize=256)
def _text_width_mm(text, size, bold):
    """The printed width of one line in Times New Roman (Liberation Serif's metrics)."""
    try:
        font = _metric_font(bold)
        cmap = font.getBestCmap()
        metrics = font["hmtx"].metrics
        units = sum(metrics[cmap[ord(c)]][0] if ord(c) in cmap else font["head"].unitsPerEm // 2 for c in text)
        points = units * size / font["head"].unitsPerEm
    except (ImportError, OSError, KeyError):
        points = len(text) * size * (0.6 if bold else 0.5)
    return points * 25.4 / 72


@lru_cache(maxsize=2)
def _metric_font(bold):
    from fontTools.ttLib import TTFont

    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    for directory in METRIC_FONT_DIRS:
        try:
            return TTFont(f"{directory}/{name}", lazy=True)
        except OSError:
            continue
    raise OSError(f"{name} not found: install fonts-liberation2 (make weasyprint)")


# Tables ---------------------------------------------------------------------------------------


def _layout_table(doc, widths_mm, rows=1):
    """A borderless table placing blocks side by side; its cells, row by row, start empty."""
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    _cell_margins(table, 0)
    return [row.cells for row in table.rows]


def _cell_margins(table, left_right_mm):
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(left_right_mm * 56.7)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)


def _header(doc, document):
    """Ô số 1–4: bodies and number at the left, national title, motto and date at the right."""
    (left, right), (below_left, below_right) = _layout_table(doc, [f.HEADER_LEFT_MM, f.HEADER_RIGHT_MM], rows=2)
    if document.superior_body:
        _line(left, document.superior_body, f.SUPERIOR_BODY_STYLE)
    _line(left, document.issuing_body, f.ISSUING_BODY_STYLE)
    longest = min(_text_width_mm(f.ISSUING_BODY_STYLE.text(document.issuing_body), f.ISSUING_BODY_STYLE.size, True),
                  f.HEADER_LEFT_MM - 4)  # fmt: skip
    _rule(left, longest * f.SHORT_RULE_FRACTION, f.HEADER_LEFT_MM)

    _line(right, f.NATIONAL_TITLE, f.NATIONAL_TITLE_STYLE)
    _line(right, f.MOTTO, f.MOTTO_STYLE)
    _rule(right, _text_width_mm(f.MOTTO, f.MOTTO_STYLE.size, True), f.HEADER_RIGHT_MM)
    # The number and the date on one row, each centred under its column (Appendix I, II.3, II.4).
    _line(below_left, document.number_line, f.NUMBER_STYLE)
    _line(below_right, document.place_date_line, f.PLACE_DATE_STYLE)


def _title(doc, document):
    doc.add_paragraph().paragraph_format.space_after = Pt(0)
    _line(doc, document.doc_type, f.DOC_TYPE_STYLE)
    title = _line(doc, document.title, f.TITLE_STYLE)
    width = min(_text_width_mm(document.title, f.TITLE_STYLE.size, True), f.TEXT_WIDTH_MM)
    title.paragraph_format.keep_with_next = True
    _rule(doc, width * f.SHORT_RULE_FRACTION, f.TEXT_WIDTH_MM).paragraph_format.space_after = Pt(12)


def _body_format(paragraph):
    fmt = paragraph.paragraph_format
    paragraph.alignment = JUSTIFY
    fmt.first_line_indent = Mm(f.FIRST_LINE_INDENT_MM)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(f.PARAGRAPH_SPACING_PT)
    fmt.line_spacing = f.LINE_SPACING


def _heading(doc, heading):
    style = f.HEADING_STYLES.get(heading.level, f.HEADING_STYLES[3])
    paragraph = doc.add_paragraph()
    _body_format(paragraph)
    paragraph.paragraph_format.keep_with_next = True
    _font(paragraph.add_run(heading.text), style)


def _paragraph(doc, block):
    paragraph = doc.add_paragraph()
    _body_format(paragraph)
    if block.bullet:
        _font(paragraph.add_run("- "), f.BODY_STYLE)
    if block.lead:
        run = paragraph.add_run(block.lead + " ")
        _font(run, f.BODY_STYLE)
        run.font.bold = True
    run = paragraph.add_run(block.text)
    _font(run, f.BODY_STYLE)
    run.font.italic = block.italic or None


def _table(doc, table):
    caption = _line(doc, table.caption, f.TABLE_CAPTION_STYLE, space_after=4)
    caption.paragraph_format.space_before = Pt(f.PARAGRAPH_SPACING_PT)
    caption.paragraph_format.keep_with_next = True

    grid = doc.add_table(rows=0, cols=len(table.columns))
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = _column_widths(table)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Mm(width)
    kinds = [c.kind for c in table.columns]
    header = grid.add_row()
    header.allow_break_across_pages = False
    _repeat_header(header)
    for cell, column in zip(header.cells, table.columns, strict=True):
        _cell(cell, column.label, f.TABLE_HEADER_STYLE, CENTER)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for values in table.rows:
        _data_row(grid, values, kinds, f.TABLE_STYLE)
    if table.total:
        _data_row(grid, table.total, kinds, f.TABLE_HEADER_STYLE)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
    if table.note:
        note = _line(doc, table.note, f.TABLE_NOTE_STYLE, JUSTIFY, space_after=f.PARAGRAPH_SPACING_PT)
        note.paragraph_format.space_before = Pt(3)
    else:  # the gap a paragraph leaves below itself
        _line(doc, "", f.TABLE_STYLE).paragraph_format.line_spacing = Pt(f.PARAGRAPH_SPACING_PT)


def _column_widths(table):
    """Widths in mm shared as a browser's automatic table layout does: each column gets at least its
    longest word (its longest figure, figures never wrap) and, from what is left, a share of what
    it needs to fit on one line. Word would otherwise give every column the same width."""
    padding = 4  # Word's cell margins, 1.9 mm each side
    rows = table.rows + ([table.total] if table.total else [])
    least, wanted = [], []
    for index, column in enumerate(table.columns):
        label_words = [_text_width_mm(w, f.TABLE_HEADER_STYLE.size, True) for w in column.label.split()] or [0]
        label = _text_width_mm(column.label, f.TABLE_HEADER_STYLE.size, True)
        values = [_text_width_mm(format_cell(r[index], column.kind), f.TABLE_STYLE.size, True) for r in rows] or [0]
        if column.kind in NUMERIC:
            least.append(max(max(values), max(label_words)) + padding)
        else:
            words = [_text_width_mm(w, f.TABLE_STYLE.size, True) for r in rows for w in str(r[index] or "").split()]
            least.append(max([*label_words, *words, 15]) + padding)
        wanted.append(max(max(values), label) + padding)
    width = f.TEXT_WIDTH_MM
    if sum(wanted) <= width:
        return [w * width / sum(wanted) for w in wanted]
    if sum(least) >= width:
        return [w * width / sum(least) for w in least]
    spare = (width - sum(least)) / (sum(wanted) - sum(least))
    return [low + (high - low) * spare for low, high in zip(least, wanted, strict=True)]


def _data_row(grid, values, kinds, style):
    row = grid.add_row()
    row.allow_break_across_pages = False
    for cell, value, kind in zip(row.cells, values, kinds, strict=True):
        _cell(cell, format_cell(value, kind), style, RIGHT if kind in NUMERIC else LEFT)


def _cell(cell, text, style, align):
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(2)
    paragraph.paragraph_format.space_after = Pt(2)
    paragraph.paragraph_format.line_spacing = 1.0
    _font(paragraph.add_run(text), style)


def _repeat_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


# Signature, recipients, annex -----------------------------------------------------------------


def _closing(doc, document):
    """Ô số 7–9: "Nơi nhận" at the left, level with the signer's authority at the right. The
    signature never stands alone on a page: the last paragraph of the text goes with it."""
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    ((left, right),) = _layout_table(doc, [f.CLOSING_LEFT_MM, f.CLOSING_RIGHT_MM])
    doc.tables[-1].rows[0].allow_break_across_pages = False
    label = _line(left, f.RECIPIENTS_LABEL, f.RECIPIENTS_LABEL_STYLE, LEFT)
    label.paragraph_format.keep_with_next = True
    for text in f.recipient_lines(document.recipients):
        _line(left, text, f.RECIPIENT_STYLE, LEFT)

    signature = document.signature
    if signature.authority:
        _line(right, signature.authority, f.SIGNATURE_AUTHORITY_STYLE)
    if signature.title:
        _line(right, signature.title, f.SIGNATURE_TITLE_STYLE)
    space = _line(right, "", f.SIGNER_NAME_STYLE)
    space.paragraph_format.space_after = Mm(f.SIGNATURE_SPACE_MM)
    if signature.name:
        _line(right, signature.name, f.SIGNER_NAME_STYLE)
    if not right.paragraphs:
        right.add_paragraph()
    for cell in (left, right):  # 12 pt under the text, as in the PDF
        cell.paragraphs[0].paragraph_format.space_before = Pt(12 - f.PARAGRAPH_SPACING_PT)


def _annex(doc, document):
    """Appendix I, III.1: the annex on a new page, its title, the document it belongs to."""
    _line(doc, document.annex_title, f.ANNEX_TITLE_STYLE).paragraph_format.page_break_before = True
    note = f.annex_note(document)
    _line(doc, note, f.ANNEX_NOTE_STYLE)
    width = min(_text_width_mm(note, f.ANNEX_NOTE_STYLE.size, False), f.TEXT_WIDTH_MM)
    _rule(doc, width * f.SHORT_RULE_FRACTION, f.TEXT_WIDTH_MM).paragraph_format.space_after = Pt(6)
    for table in document.annex:
        _table(doc, table)
