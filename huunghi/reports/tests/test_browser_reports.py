"""Browser story of the annual report (issue 7): the Nghệ An officer opens "Báo cáo tổng kết năm"
from the menu, makes the 2023 report, reads the computed figures in the preview, writes a section of
its text in the report's own editor, sees it in the preview, and downloads the DOCX and PDF whose
text carries the same figures. Screenshots in test-output/browser/reports/."""

import io
import re

import pytest
from docx import Document

from huunghi.testing import browser as machinery
from huunghi.testing.browser import SHOTS_DIR

pytestmark = pytest.mark.browser

app_server = machinery.app_server
browser = machinery.browser
new_tab = machinery.new_tab

SHOTS = SHOTS_DIR / "reports"
ASSESSMENT = "Công tác đối ngoại nhân dân năm 2023 được triển khai đồng bộ, hiệu quả (viết trong trình duyệt)."


def test_an_officer_makes_writes_and_downloads_the_2023_report(app_server, new_tab):
    tab = new_tab(shots_dir=SHOTS, accept_downloads=True)
    page = tab.page
    try:
        tab.login("nghean.admin")
        tab.goto("/admin/reports/annual/")
        form = page.locator("[data-testid=report-form]")
        form.locator("select[name=organization]").select_option(label="Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An")
        form.locator("input[name=year]").fill("2023")
        tab.click_and_wait(form.locator("button[type=submit]"), "make the report")
        preview = page.locator("[data-testid=report-preview]")
        text = preview.inner_text()
        assert "làm việc với 22 đoàn" in text and "1.475.190.000" in text
        assert "Chi hội Hữu nghị Việt – Nga huyện Diễn Châu" in text
        assert "BÁO CÁO" in text and "Tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024" in text
        tab.shot("01-report-preview")
        report_path = page.url.removeprefix(tab.base_url)

        # The text: the demo has one; the officer rewrites its assessment in the report's editor.
        tab.click_and_wait(page.locator("[data-testid=write-text]"), "open the report's text")
        assert re.search(r"/admin/snippets/reports/reportdraft/edit/\d+/$", page.url), page.url
        page.fill("textarea[name=assessment]", ASSESSMENT)
        tab.shot("02-report-text")
        tab.click_and_wait(page.locator("button.action-save"), "save the text")
        tab.goto(report_path)
        assert ASSESSMENT in page.locator("[data-testid=report-preview]").inner_text()
        tab.shot("03-report-with-text")

        with page.expect_download(timeout=60_000) as download:
            page.locator("[data-testid=download-docx]").click(no_wait_after=True)
        docx = Document(io.BytesIO(open(download.value.path(), "rb").read()))
        words = " ".join(p.text for p in docx.paragraphs)
        assert "làm việc với 22 đoàn" in words and ASSESSMENT in words
        assert download.value.suggested_filename == "bao-cao-tong-ket-2023-nghe-an.docx"
        with page.expect_download(timeout=60_000) as download:
            page.locator("[data-testid=download-pdf]").click(no_wait_after=True)
        assert open(download.value.path(), "rb").read(4) == b"%PDF"
    except Exception:
        tab.failure_report("report")
        raise

