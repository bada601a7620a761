"""import_articles on the two seed articles (read from ../shared/seeds, never copied here)."""

import datetime
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from huunghi.portal.importer import parse_article
from huunghi.portal.models import NewsArticlePage

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
COVENANT = SEEDS / "000_b909d8db8e0b6fce.txt"
CONFERENCE = SEEDS / "003_0b2fe017841dac8b.txt"
VN = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture(autouse=True)
def _seeds_present():
    assert COVENANT.is_file() and CONFERENCE.is_file(), f"seed articles missing in {SEEDS}"


def test_parse_covenant_article():
    article = parse_article(COVENANT.read_text(encoding="utf-8"))
    assert article.title.startswith("Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An ký giao ước")
    assert article.author == "Lang Quốc Khánh"
    assert article.date == datetime.datetime(2024, 4, 4, 17, 27, tzinfo=VN)
    assert article.source == "Baonghean.vn"
    assert article.lead.startswith("Từ ngày 1 - 3/4, trong khuôn khổ")
    photos = [b for b in article.blocks if b[0] == "photo"]
    assert [p[1] for p in photos] == [
        "bna-Ký giao ước.JPG",
        "bna-Các đại biểu đến từ Liên hiệp các tổ chức hữu nghị các tỉnh, thành phố thể hiện tinh thần đoàn kết, "
        "gắn bó .JPG",
        "bna-Các đại biểu chụp ảnh lưu niệmJPG.JPG",
    ]
    assert photos[0][2:] == ("Các địa phương cùng ký cam kết Chương trình phối hợp", "Quốc Khánh")
    texts = [b[1] for b in article.blocks if b[0] == "paragraph"]
    assert texts[-1].startswith("Các địa phương cũng thống nhất cao")  # the repeated title and footer dropped
    assert not any("POWERED BY" in t or t == article.title for t in texts)


def test_parse_conference_article_without_title_line():
    article = parse_article(CONFERENCE.read_text(encoding="utf-8"))
    assert article.date == datetime.datetime(2024, 1, 24, tzinfo=VN)  # "date 2024-01" and "Chiều 24/1"
    assert article.title.startswith(
        "Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An tổ chức Hội nghị Ban chấp hành lần thứ 9"
    )
    assert article.notes  # the editor is told the title was derived
    assert article.lead.startswith("Chiều 24/1, Liên hiệp")
    body = " ".join(b[1] for b in article.blocks)
    assert "gần 1,5 tỷ đồng" in body and "Theo dõi Báo" not in body


def test_import_command_creates_drafts_with_notes_for_missing_photos():
    out = StringIO()
    call_command("import_articles", str(SEEDS), "--site", "nghe-an", stdout=out)
    output = out.getvalue()
    assert output.count(": draft") == 2, output
    page = NewsArticlePage.objects.get(title__startswith="Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An ký giao ước")
    assert not page.live and page.has_unpublished_changes
    assert page.author == "Lang Quốc Khánh"
    missing = [b for b in page.body if b.block_type == "missing_image"]
    assert len(missing) == 3 and missing[0].value["credit"] == "Quốc Khánh"
    assert "Photo not found: bna-Ký giao ước.JPG" in page.import_notes or "bna-Ký giao ước.JPG" in page.import_notes
    assert page.get_workflow() is not None  # drafts go through the union's moderation


def test_missing_photo_note_is_visible_in_the_preview(client, demo_user):
    call_command("import_articles", str(COVENANT), "--site", "nghe-an", stdout=StringIO())
    page = NewsArticlePage.objects.get(title__startswith="Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An ký giao ước")
    client.force_login(demo_user("nghean.editor"))
    response = client.get(f"/admin/pages/{page.pk}/view_draft/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "bna-Ký giao ước.JPG" in html and 'class="missing-photo"' in html


def test_import_with_photos_and_publish(tmp_path):
    from PIL import Image

    shutil.copy(COVENANT, tmp_path / "bai.txt")
    Image.new("RGB", (64, 48), "blue").save(tmp_path / "bna-Ký giao ước.JPG", "JPEG")
    out = StringIO()
    call_command("import_articles", str(tmp_path / "bai.txt"), "--site", "nghe-an", "--publish", stdout=out)
    page = NewsArticlePage.objects.get(title__startswith="Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An ký giao ước")
    assert page.live
    photos = [b for b in page.body if b.block_type == "image"]
    assert len(photos) == 1
    image = photos[0].value["image"]
    assert image.credit == "Quốc Khánh" and image.caption.startswith("Các địa phương cùng ký cam kết")
    assert image.collection.name == page.get_parent().get_parent().specific.organization.name
    assert len([b for b in page.body if b.block_type == "missing_image"]) == 2


def test_reimport_updates_the_same_page():
    call_command("import_articles", str(COVENANT), "--site", "nghe-an", stdout=StringIO())
    call_command("import_articles", str(COVENANT), "--site", "nghe-an", stdout=StringIO())
    assert (
        NewsArticlePage.objects.filter(
            title__startswith="Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An ký giao ước"
        ).count()
        == 1
    )


def test_unknown_site_is_refused():
    with pytest.raises(CommandError):
        call_command("import_articles", str(COVENANT), "--site", "khong-co", stdout=StringIO())


def test_imported_script_is_never_rendered(client, tmp_path):
    article = tmp_path / "xss.txt"
    article.write_text(
        "Tiêu đề <script>alert(1)</script>\n\nNguyễn A 01/02/2024 08:00\n\n"
        "Sapo <img src=x onerror=alert(2)>\n\nĐoạn <script>alert(3)</script>\n"
    )
    call_command("import_articles", str(article), "--site", "nghe-an", "--publish", stdout=StringIO())
    page = NewsArticlePage.objects.get(title__startswith="Tiêu đề")
    html = client.get(page.url, HTTP_HOST="nghe-an.localhost").content.decode().split('<main id="content">')[1]
    assert "<script" not in html and "<img src=x" not in html
