"""One check for every uploaded file: its extension is one we accept, its size is within the
limit, and its first bytes are what that extension promises (a renamed executable or script is
refused). Wagtail's documents use it through `DocumentForm` (WAGTAILDOCS_DOCUMENT_FORM_BASE);
Wagtail checks images itself (decoding them, WAGTAILIMAGES_MAX_UPLOAD_SIZE); member sheets and
emulation evidence call `check_upload` directly."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

ZIP = (b"PK\x03\x04",)
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "doc": OLE,
    "xls": OLE,
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
TEXT = {"csv", "txt"}
SNIFF_BYTES = 64 * 1024


def max_upload_bytes():
    return getattr(settings, "HUUNGHI_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)


def check_upload(upload, allowed, max_bytes=None):
    """Raise ValidationError (in Vietnamese) unless `upload` is an acceptable file."""
    max_bytes = max_bytes or max_upload_bytes()
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in allowed:
        raise ValidationError(
            _("Files of type “.%(extension)s” are not accepted here. Accepted: %(allowed)s.")
            % {"extension": extension, "allowed": ", ".join(f".{e}" for e in allowed)}
        )
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s MB; at most %(max)s MB is accepted.")
            % {"size": round(upload.size / 1024 / 1024, 1), "max": max_bytes // (1024 * 1024)}
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(position)
    if extension in SIGNATURES:
        ok = any(head.startswith(signature) for signature in SIGNATURES[extension])
    elif extension in TEXT:
        ok = b"\x00" not in head and _decodes(head)
    else:
        ok = True
    if not ok:
        raise ValidationError(
            _("The content of “%(name)s” is not a .%(extension)s file. Open it and save it again in that format.")
            % {"name": name, "extension": extension}
        )


def _decodes(head):
    for encoding in ("utf-8", "utf-16"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as error:
            if error.start >= len(head) - 4:  # a character cut at the end of the sniffed bytes
                return True
    return False


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form with our upload check."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            check_upload(upload, [e.lower() for e in settings.WAGTAILDOCS_EXTENSIONS])
        return upload
