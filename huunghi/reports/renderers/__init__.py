"""The renderers of an `AdminDocument`: `render(document, "docx" | "pdf" | "xlsx")`."""

from huunghi.reports.renderers.docx import render_docx
from huunghi.reports.renderers.pdf import render_pdf
from huunghi.reports.renderers.xlsx import render_xlsx

# format → (renderer, content type, file extension)
FORMATS = {
    "docx": (render_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "pdf": (render_pdf, "application/pdf", "pdf"),
    "xlsx": (render_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


def render(document, fmt):
    """The document in one format: `(bytes, content_type, extension)`."""
    try:
        renderer, content_type, extension = FORMATS[fmt]
    except (KeyError, TypeError):
        raise ValueError(f"unknown document format {fmt!r}; expected one of {', '.join(FORMATS)}") from None
    return renderer(document), content_type, extension
