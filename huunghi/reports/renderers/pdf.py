"""An `AdminDocument` as PDF: the template `reports/document.html` printed by WeasyPrint.

The context carries the text as printed (cases applied, every value through `format_cell`) and
the CSS of each element from `docformat`, so the template only places things. Fonts come from
Debian (Liberation Serif stands in for Times New Roman); nothing is fetched from the network.
"""

from django.template.loader import render_to_string

from huunghi.reports import docformat as f
from huunghi.reports.document import Heading, Kind, Paragraph, Table, format_cell

NUMERIC = {Kind.INT, Kind.VND, Kind.DECIMAL, Kind.PERCENT}
STYLES = {
    "national_title": f.NATIONAL_TITLE_STYLE,
    "motto": f.MOTTO_STYLE,
    "superior_body": f.SUPERIOR_BODY_STYLE,
    "issuing_body": f.ISSUING_BODY_STYLE,
    "number": f.NUMBER_STYLE,
    "place_date": f.PLACE_DATE_STYLE,
    "doc_type": f.DOC_TYPE_STYLE,
    "title": f.TITLE_STYLE,
    "body": f.BODY_STYLE,
    "heading1": f.HEADING_STYLES[1],
    "heading2": f.HEADING_STYLES[2],
    "heading3": f.HEADING_STYLES[3],
    "caption": f.TABLE_CAPTION_STYLE,
    "table": f.TABLE_STYLE,
    "table_header": f.TABLE_HEADER_STYLE,
    "table_note": f.TABLE_NOTE_STYLE,
    "authority": f.SIGNATURE_AUTHORITY_STYLE,
    "signer_title": f.SIGNATURE_TITLE_STYLE,
    "signer_name": f.SIGNER_NAME_STYLE,
    "recipients_label": f.RECIPIENTS_LABEL_STYLE,
    "recipient": f.RECIPIENT_STYLE,
    "annex_title": f.ANNEX_TITLE_STYLE,
    "annex_note": f.ANNEX_NOTE_STYLE,
    "page_number": f.PAGE_NUMBER_STYLE,
}


def render_pdf(document):
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_html(document)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=set())).write_pdf()


def render_html(document):
    return render_to_string("reports/document.html", document_context(document))


def document_context(document):
    signature = document.signature
    return {
        "css": {name: style.css for name, style in STYLES.items()},
        "page": {
            "margins": f"{f.MARGIN_TOP_MM}mm {f.MARGIN_RIGHT_MM}mm {f.MARGIN_BOTTOM_MM}mm {f.MARGIN_LEFT_MM}mm",
            "font": f.PDF_FONT_STACK,
            "header_left": f.HEADER_LEFT_MM,
            "header_right": f.HEADER_RIGHT_MM,
            "closing_left": f.CLOSING_LEFT_MM,
            "closing_right": f.CLOSING_RIGHT_MM,
            "indent": f.FIRST_LINE_INDENT_MM,
            "spacing": f.PARAGRAPH_SPACING_PT,
            "line_height": round(f.LINE_SPACING * f.SINGLE_LINE_EM, 3),
            "rule_percent": round(f.SHORT_RULE_FRACTION * 100),
            "border": f.TABLE_BORDER_PT,
            "signature_space": f.SIGNATURE_SPACE_MM,
        },
        "superior_body": f.SUPERIOR_BODY_STYLE.text(document.superior_body),
        "issuing_body": f.ISSUING_BODY_STYLE.text(document.issuing_body),
        "number_line": document.number_line,
        "national_title": f.NATIONAL_TITLE_STYLE.text(f.NATIONAL_TITLE),
        "motto": f.MOTTO,
        "place_date": document.place_date_line,
        "doc_type": f.DOC_TYPE_STYLE.text(document.doc_type),
        "title": document.title,
        # One sequence: the body, the closing (signature and recipients), the annex.
        "blocks": [_block(b) for b in document.blocks]
        + [{"closing": True}]
        + ([{"annex": True}] + [{"table": _table(t)} for t in document.annex] if document.annex else []),
        "authority": f.SIGNATURE_AUTHORITY_STYLE.text(signature.authority),
        "signer_title": f.SIGNATURE_TITLE_STYLE.text(signature.title),
        "signer_name": signature.name,
        "recipients_label": f.RECIPIENTS_LABEL,
        "recipients": f.recipient_lines(document.recipients),
        "annex_title": f.ANNEX_TITLE_STYLE.text(document.annex_title),
        "annex_note": f.annex_note(document),
    }


def _block(block):
    if isinstance(block, Heading):
        return {"heading": block.text, "level": min(max(block.level, 1), 3)}
    if isinstance(block, Paragraph):
        return {"paragraph": block}
    if isinstance(block, Table):
        return {"table": _table(block)}
    raise TypeError(f"not a block of a document: {block!r}")


def _table(table):
    kinds = [c.kind for c in table.columns]

    def cells(values):
        return [{"text": format_cell(v, k), "numeric": k in NUMERIC} for v, k in zip(values, kinds, strict=True)]

    return {
        "caption": table.caption,
        "columns": [c.label for c in table.columns],
        "rows": [cells(r) for r in table.rows],
        "total": cells(table.total) if table.total else None,
        "note": table.note,
    }
