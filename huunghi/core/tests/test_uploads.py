"""Every upload is checked: extension, size and content (huunghi.core.uploads)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from huunghi.emulation.models import EmulationCluster

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Tài liệu thử", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


@pytest.mark.parametrize(
    ("name", "content", "saved"),
    [
        ("bao-cao.pdf", PDF, True),
        ("bao-cao.pdf", b"#!/bin/sh\nrm -rf /\n", False),  # a script renamed .pdf
        ("bang-tinh.xlsx", b"<html><script>alert(1)</script></html>", False),
        ("trang.html", b"<html></html>", False),  # not an accepted extension
        ("danh-sach.csv", "Họ tên;Điện thoại\nNguyễn Văn A;0912345678\n".encode(), True),
        ("danh-sach.csv", b"\x00\x01\x02binary", False),
    ],
)
def test_document_uploads(client, demo_user, name, content, saved):
    client.force_login(demo_user("vufo.admin"))
    Document = get_document_model()
    before = Document.objects.count()
    response = _upload(client, name, content)
    assert (Document.objects.count() == before + 1) is saved
    if not saved:
        assert response.status_code == 200 and "error" in response.content.decode().lower()


def test_document_size_limit(client, demo_user, settings):
    settings.HUUNGHI_MAX_UPLOAD_BYTES = 1024
    client.force_login(demo_user("vufo.admin"))
    Document = get_document_model()
    before = Document.objects.count()
    response = _upload(client, "lon.pdf", PDF + b"0" * 2048)
    assert Document.objects.count() == before
    assert "tối đa 0 MB" in response.content.decode() or "MB" in response.content.decode()


def test_evidence_upload_is_checked_and_nothing_saved(client_for):
    sheet = EmulationCluster.objects.get(year=2026).sheets.get(organization__slug="phu-tho")
    entry = sheet.entries.select_related("criterion").order_by("criterion__code").first()
    client = client_for("phutho.admin")
    response = client.post(
        reverse("emulation_sheet", args=[sheet.pk]),
        {
            "action": "save",
            f"evidence-{entry.pk}": "Biên bản",
            f"evidence_file-{entry.pk}": SimpleUploadedFile("minh-chung.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 200
    assert f'data-testid="errors-{entry.criterion.code}"' in response.content.decode()
    entry.refresh_from_db()
    assert entry.evidence == "" and entry.evidence_document is None
    response = client.post(
        reverse("emulation_sheet", args=[sheet.pk]),
        {"action": "save", f"evidence-{entry.pk}": "Biên bản",
         f"evidence_file-{entry.pk}": SimpleUploadedFile("minh-chung.pdf", PDF)},  # fmt: skip
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.evidence == "Biên bản" and entry.evidence_document.collection.name == sheet.organization.name
