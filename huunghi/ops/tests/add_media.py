"""Run in a subprocess (DATABASE_URL, HUUNGHI_VAR_DIR set): add a photo through Wagtail's image
model (with a rendition), a document and a private file, so a backup has files of each kind."""

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import storages  # noqa: E402
from PIL import Image  # noqa: E402
from wagtail.documents import get_document_model  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402

buffer = io.BytesIO()
Image.new("RGB", (64, 48), (200, 30, 40)).save(buffer, "PNG")
image = get_image_model().objects.create(
    title="Đoàn đại biểu Lào thăm Nghệ An", caption="Chú thích ảnh", credit="Ảnh: Nguyễn Văn A",
    file=ContentFile(buffer.getvalue(), name="doan-lao.png"),
)  # fmt: skip
image.get_rendition("fill-32x32")
get_image_model().objects.get(pk=image.pk).get_rendition("width-20")
get_document_model().objects.create(
    title="Biên bản ký kết", file=ContentFile("Biên bản — hữu nghị Việt–Lào\n".encode(), name="bien-ban.txt")
)
storages["private"].save("imports/hoi-vien.csv", ContentFile(b"\xef\xbb\xbfH\xe1\xbb\x8d t\xc3\xaan\n\x00\xff"))
print("media added")
