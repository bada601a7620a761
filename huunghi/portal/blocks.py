"""The body of a news article: paragraphs and photos with caption (chú thích) and photographer
credit (Ảnh: …). Rich text is sanitized when it is rendered, whatever wrote it (editor, import, API)."""

import re

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html

from .sanitize import clean_html

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3", "blockquote"]


class SafeRichTextBlock(blocks.RichTextBlock):
    """Rich text whose HTML goes through the sanitizer on the way out: a `<script>` or an
    `onerror=` that reached the database (imported HTML, a script) never reaches a reader."""

    def render_basic(self, value, context=None):
        return mark_safe(clean_html(expand_db_html(value.source)))

    class Meta:
        icon = "pilcrow"
        template = None


class PhotoBlock(blocks.StructBlock):
    """A photo with its caption and credit; the image's own caption and credit fill gaps."""

    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=500)
    credit = blocks.CharBlock(label=_("photographer credit"), required=False, max_length=200)
    alt = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        max_length=300,
        help_text=_("What the photo shows, for readers who cannot see it. The caption is used when empty."),
    )

    class Meta:
        icon = "image"
        template = "portal/blocks/photo.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        image = value.get("image")
        caption = value.get("caption") or getattr(image, "caption", "") or ""
        context["caption"] = caption
        context["credit"] = value.get("credit") or getattr(image, "credit", "") or ""
        context["alt"] = value.get("alt") or caption or getattr(image, "title", "")
        return context


class MissingPhotoBlock(blocks.StructBlock):
    """A photo named by an imported article whose file was not found: a note for the editor."""

    file_name = blocks.CharBlock(label=_("file name"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=500)
    credit = blocks.CharBlock(label=_("photographer credit"), required=False, max_length=200)

    class Meta:
        icon = "warning"
        template = "portal/blocks/missing_photo.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = SafeRichTextBlock(label=_("paragraph"), features=PARAGRAPH_FEATURES)
    image = PhotoBlock(label=_("photo"))
    missing_image = MissingPhotoBlock(label=_("missing photo"))


_TAG = re.compile(r"<[^>]*>")


def stream_text(stream):
    """Plain text of a body: paragraphs, then captions and credits, for search and feeds. Read
    from the stored data (`raw_data`), without building the blocks: ranking a search reads the
    bodies of up to 200 articles."""
    parts = []
    for block in stream.raw_data if hasattr(stream, "raw_data") else stream:
        kind, value = block.get("type"), block.get("value")
        if kind == "paragraph":
            parts.append(_strip_tags(value or "").replace("&nbsp;", " "))
        elif kind in ("image", "missing_image") and isinstance(value, dict):
            parts.append(" ".join(filter(None, [value.get("caption"), value.get("credit")])))
    return "\n".join(p for p in parts if p)


def _strip_tags(html):
    """Tags removed (the rich text's stored HTML is well formed: Draftail or the sanitizer wrote it)."""
    while True:
        text = _TAG.sub("", html)
        if text == html or "<" not in text:
            return text
        html = text


def paragraph_html(text):
    """One paragraph of plain text as the stored rich-text value (escaped)."""
    return format_html("<p>{}</p>", text)
