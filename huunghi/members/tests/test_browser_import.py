"""Browser story: an association secretary imports a member sheet — template download, upload,
background analysis with a progress bar, preview, a decision on a duplicate, confirmation,
background write, report — then finds the imported members, tidied, in the People list. A CSV
named .xlsx is refused with a clear message and writes nothing.

Runs against the real app (runserver + the db_worker of the "background" task backend, see
huunghi/testing/browser.py). Every step leaves a screenshot in test-output/browser/member-import/.
Elements are found by URL, form field name and data-testid, not by (translatable) text.
"""

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from huunghi.testing import browser as machinery
from huunghi.testing.browser import SHOTS_DIR, _tail

pytestmark = pytest.mark.browser

# The shared fixtures, made visible to pytest in this module.
app_server = machinery.app_server
browser = machinery.browser
new_tab = machinery.new_tab

SHOTS = SHOTS_DIR / "member-import"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
USERNAME = "nghean.vietlao"  # secretary of the Việt–Lào association of Nghệ An (demo data)
VIET_LAO_NA = "Hội Hữu nghị Việt – Lào tỉnh Nghệ An"

IMPORT_INDEX = "/admin/members/import/"
JOB_RE = re.compile(r"/admin/members/import/(\d+)/$")
PEOPLE = "/admin/snippets/orgs/person/"
JOB_TIMEOUT_MS = 30_000  # a 12-row sheet takes well under a second once the worker picks it up

# messy.xlsx imported into the Việt–Lào association (see fixtures/README.md): 12 members; the
# branches of the Việt–Nga (Vinh row 5, Diễn Châu row 6) and Việt–Nhật (Trường Vinh row 9)
# associations are outside the import's scope; rows 12 and 13 are one person.
MESSY_PREVIEW = {"new": 8, "updated": 0, "unchanged": 0, "duplicates": 1, "rejected": 3, "blank": 0}
MESSY_REJECTED_ROWS = ["5", "6", "9"]
MESSY_DUPLICATE_ROW = "13"
MESSY_IGNORED_COLUMNS = ("Sở thích", "Cột phụ")
# (search, tidy name as stored, phone as stored) — from "TRẦN VĂN BÌNH" / "+84 912 345 679" and
# "  bùi văn toàn" / "01689123456" (an old 11-digit mobile number, renumbered in 2018).
IMPORTED = [
    ("Bình", "Trần Văn Bình", "0912345679"),
    ("Toàn", "Bùi Văn Toàn", "0389123456"),
    ("Hương", "Nguyễn Thị Hương", "0912345678"),
]
MERGED_NAME = "Nguyễn Văn Đức"  # rows 12 and 13: one person after the merge
OUT_OF_SCOPE_NAME = "Phạm Văn Cường"  # row 5, a Việt–Nga member: must not be written
CSV_NAMED_MEMBER = "Nguyễn Văn Bảy"  # in csv-named.xlsx: must not be written


def test_secretary_imports_a_messy_sheet(new_tab, app_server, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()

    tab = new_tab(shots_dir=SHOTS, viewport={"width": 1280, "height": 2000})  # whole job pages in a shot
    try:
        tab.login(USERNAME)
        for name in (MERGED_NAME, OUT_OF_SCOPE_NAME, CSV_NAMED_MEMBER, *(n for _, n, _ in IMPORTED)):
            assert not people_named(tab, name), f"{name!r} is in the registry before the import"

        step1_open_from_menu(tab)
        step2_download_template(tab, tmp_path)
        job_path = step3_upload_and_watch_the_analysis(tab, app_server["worker"])
        step4_preview(tab)
        step5_decide_and_confirm(tab, job_path, app_server["worker"])
        step6_download_report(tab, tmp_path)
        step7_people_list(tab)
        step8_csv_named_xlsx_is_refused(tab)
    except Exception:
        tab.failure_report("member_import")
        raise
    assert not tab.server_errors, f"server errors during the story: {tab.server_errors}\n{_tail(tab.log_path)}"
    worker_log = _tail(app_server["worker_log_path"], 20_000)
    assert "Traceback" not in worker_log, f"the worker logged an error:\n{worker_log}"


# --- Helpers ------------------------------------------------------------------------------------


def by_testid(name):
    return f"[data-testid={name}]"


def counts(tab):
    cells = tab.page.locator(f"{by_testid('counts')} [data-count]")
    return {cell.get_attribute("data-count"): int(cell.inner_text().strip()) for cell in cells.all()}


def row_numbers(tab, table):
    """The sheet row numbers in the first column of the table with data-testid `table`."""
    rows = tab.page.locator(f"{by_testid(table)} tbody tr").all()
    return [row.locator("td").first.inner_text().strip() for row in rows]


def job_state(tab, job_path):
    """The job's progress endpoint, read with the tab's session."""
    response = tab.page.request.get(tab.base_url + job_path + "progress/")
    assert response.ok, f"GET {job_path}progress/: {response.status}"
    return response.json()


def wait_for_reload_into(tab, selector, what):
    """The job page polls its progress and reloads itself when the job stops running: wait for the
    element the reloaded page shows, without navigating ourselves."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        tab.page.locator(selector).first.wait_for(timeout=JOB_TIMEOUT_MS)
    except PlaywrightTimeout:
        pytest.fail(f"{what}: {selector} did not appear within {JOB_TIMEOUT_MS // 1000} s\n{tab.diagnostics()}")
    tab.page.wait_for_load_state("load")
    assert not tab.page.locator(by_testid("progress")).count(), f"{what}: the progress bar is still shown"


def download(tab, locator, tmp_path, what):
    with tab.page.expect_download() as info:
        locator.click()
    dl = info.value
    assert dl.failure() is None, f"{what}: download failed: {dl.failure()}"
    path = tmp_path / dl.suggested_filename
    dl.save_as(path)
    return path, dl.suggested_filename


def people_named(tab, name, search=None):
    """Rows of the People listing searched for `search` (default: the name) showing `name`."""
    tab.goto(f"{PEOPLE}?q={search or name}")
    rows = tab.page.locator("main table tbody tr")
    return [text for text in (row.inner_text() for row in rows.all()) if name in text]


def upload(tab, fixture):
    page = tab.page
    tab.goto(IMPORT_INDEX)
    form = page.locator(by_testid("upload-form"))
    form.locator("select[name=organization]").select_option(label=VIET_LAO_NA)
    form.locator("input[type=file][name=file]").set_input_files(str(FIXTURES / fixture))
    tab.click_and_wait(form.locator("button[type=submit]"), f"upload {fixture}")
    match = JOB_RE.search(page.url)
    assert match, f"uploading {fixture} did not open its import page: {page.url}\n{tab.diagnostics()}"
    return match.group(0)


# --- The story ----------------------------------------------------------------------------------


def step1_open_from_menu(tab):
    page = tab.page
    item = page.locator(f"a[href$='{IMPORT_INDEX}']").first
    item.wait_for(state="visible")  # the sidebar is drawn by script
    tab.click_and_wait(item, "open the member import from the menu")
    assert page.url.endswith(IMPORT_INDEX), page.url
    for name in ("template-form", "upload-form"):
        assert page.locator(by_testid(name)).count(), f"the import page has no {name}\n{tab.diagnostics()}"
    choices = page.locator(f"{by_testid('upload-form')} select[name=organization] option").all_inner_texts()
    assert VIET_LAO_NA in choices, f"the association is not offered for the import: {choices}"
    assert not any("Thanh Hóa" in c for c in choices), f"another province is offered: {choices}"
    tab.shot("01_import_index")


def step2_download_template(tab, tmp_path):
    form = tab.page.locator(by_testid("template-form"))
    form.locator("select[name=organization]").select_option(label=VIET_LAO_NA)
    path, filename = download(tab, form.locator("button[type=submit]"), tmp_path, "the template")
    assert filename.endswith(".xlsx"), filename
    assert path.read_bytes()[:2] == b"PK", "the template is not a zip (xlsx) file"
    workbook = load_workbook(path)
    assert workbook.sheetnames[:3] == ["Hội viên", "Danh mục", "Hướng dẫn"], workbook.sheetnames
    header = [cell.value for cell in workbook["Hội viên"][1]]
    assert "Họ và tên" in header, f"the template's header row: {header}"
    lists = "\n".join(str(v) for row in workbook["Danh mục"].iter_rows(values_only=True) for v in row if v)
    assert "Nghi Lộc" in lists, "the template's lists do not name the association's branches"
    assert "Thanh Hóa" not in lists, "the template lists another province's organizations"


def step3_upload_and_watch_the_analysis(tab, worker):
    """Upload with the worker stopped, so the page is sure to show its progress bar first; once the
    worker is back, the page must turn into the preview by itself."""
    page = tab.page
    worker.stop()
    try:
        job_path = upload(tab, "messy.xlsx")
        box = page.locator(by_testid("progress"))
        assert box.count(), f"no progress bar while the analysis waits for the worker\n{tab.diagnostics()}"
        assert box.locator("progress").is_visible()
        page.wait_for_timeout(1_200)  # the page polls the progress endpoint every second
        state = job_state(tab, job_path)
        assert state["running"], state
        tab.shot("02_analysis_progress")
    finally:
        worker.start()
    wait_for_reload_into(tab, by_testid("counts"), "analysis of messy.xlsx")
    assert job_state(tab, job_path)["status"] == "ready"
    return job_path


def step4_preview(tab):
    page = tab.page
    assert counts(tab) == MESSY_PREVIEW, f"preview counts {counts(tab)}, expected {MESSY_PREVIEW}"
    main = tab.text()
    for column in MESSY_IGNORED_COLUMNS:
        assert column in main, f"the ignored column {column!r} is not reported:\n{main}"
    rejected_rows = row_numbers(tab, "rejections")
    assert rejected_rows == MESSY_REJECTED_ROWS, f"rejected rows {rejected_rows}, expected {MESSY_REJECTED_ROWS}"
    assert not page.locator(by_testid("job-error")).count(), tab.text(by_testid("job-error"))
    tab.shot("03_preview")


def step5_decide_and_confirm(tab, job_path, worker):
    page = tab.page
    duplicates = page.locator(by_testid("duplicates"))
    assert row_numbers(tab, "duplicates") == [MESSY_DUPLICATE_ROW], duplicates.inner_text()
    select = duplicates.locator(f"select[name=decision_{MESSY_DUPLICATE_ROW}]")
    select.select_option("merge")
    assert select.input_value() == "merge"
    select.scroll_into_view_if_needed()
    tab.shot("04_duplicate_decision")

    confirm = page.locator(f"{by_testid('confirm-form')} button[name=action][value=confirm]")
    worker.stop()  # as for the analysis: the page must show the write waiting, then its result
    try:
        tab.click_and_wait(confirm, "confirm the import")
        assert page.url.endswith(job_path), f"confirming left the job page: {page.url}"
        assert not tab.error_message(), f"confirming was refused: {tab.error_message()}"
        assert page.locator(by_testid("progress")).count(), f"no progress bar after confirming\n{tab.diagnostics()}"
        assert not page.locator(by_testid("confirm-form")).count(), "the queued import still offers a confirmation"
        page.wait_for_timeout(1_200)
        assert job_state(tab, job_path)["running"]
        tab.shot("05_writing_progress")
    finally:
        worker.start()
    wait_for_reload_into(tab, by_testid("written"), "writing messy.xlsx")
    state = job_state(tab, job_path)
    assert state["status"] == "done", state
    assert not page.locator(by_testid("confirm-form")).count(), "the finished import still offers a confirmation"
    result = counts(tab)
    assert result == MESSY_PREVIEW, f"result counts {result}, expected {MESSY_PREVIEW}"
    written = tab.text(by_testid("written"))
    assert re.search(r"\b1\b", written), f"the merge is not in the result: {written!r}"
    tab.shot("06_result")


def step6_download_report(tab, tmp_path):
    link = tab.page.locator("main a[href$='/report/']")
    assert link.count(), f"no report link on the finished import\n{tab.diagnostics()}"
    path, filename = download(tab, link.first, tmp_path, "the report")
    assert filename.endswith(".xlsx"), filename
    workbook = load_workbook(io.BytesIO(path.read_bytes()))
    assert len(workbook.sheetnames) == 3, workbook.sheetnames  # summary, rejected rows, duplicates
    summary, rejected, duplicates = (workbook[name] for name in workbook.sheetnames)
    summary_values = [v for row in summary.iter_rows(values_only=True) for v in row]
    assert "messy.xlsx" in summary_values and VIET_LAO_NA in summary_values, summary_values
    rejected_rows = [str(row[0]) for row in rejected.iter_rows(min_row=2, values_only=True) if row[0] is not None]
    assert rejected_rows == MESSY_REJECTED_ROWS, rejected_rows
    duplicate_rows = [row for row in duplicates.iter_rows(min_row=2, values_only=True) if row[0] is not None]
    assert len(duplicate_rows) == 1 and str(duplicate_rows[0][0]) == MESSY_DUPLICATE_ROW, duplicate_rows
    assert duplicate_rows[0][-1] == "merge", f"the report does not record the decision: {duplicate_rows[0]}"


def step7_people_list(tab):
    for search, name, phone in IMPORTED:
        found = people_named(tab, name, search)
        assert len(found) == 1, f"searching {search!r} in People: expected one {name!r}, got {found}"
        assert phone in found[0], f"{name!r} is listed without the normalized phone {phone}: {found[0]!r}"
        if name == IMPORTED[0][1]:
            tab.shot("07_people_list")
    merged = people_named(tab, MERGED_NAME, "Đức")
    assert len(merged) == 1, f"rows 12 and 13 were merged, yet People lists {merged}"
    assert not people_named(tab, OUT_OF_SCOPE_NAME), f"{OUT_OF_SCOPE_NAME!r} (out of scope) was written"


def step8_csv_named_xlsx_is_refused(tab):
    page = tab.page
    job_path = upload(tab, "csv-named.xlsx")
    if page.locator(by_testid("progress")).count():
        tab.shot("08_csv_named_progress")
    wait_for_reload_into(tab, by_testid("job-error"), "analysis of csv-named.xlsx")
    error = tab.text(by_testid("job-error"))
    assert "csv" in error.lower(), f"the error does not say the file holds CSV: {error!r}"
    assert "Traceback" not in error and "BadZipFile" not in error, error
    assert job_state(tab, job_path)["status"] == "failed"
    assert not page.locator(by_testid("confirm-form")).count(), "a failed analysis offers a confirmation"
    assert not page.locator(by_testid("written")).count()
    shown = counts(tab)
    assert not any(shown.values()), f"the refused file shows counts {shown}"
    tab.shot("08_csv_named_error")
    assert not people_named(tab, CSV_NAMED_MEMBER), f"{CSV_NAMED_MEMBER!r} from csv-named.xlsx was written"
    tab.goto(IMPORT_INDEX)
    tab.shot("09_recent_imports")
