"""Browser story of the foreign-relations screens (menu "Đối ngoại").

The Nghệ An union admin reads the 2023 statistics (22 delegations received), clicks through to
the 22 records, records a new delegation received in June through the add form, finds it in the
June calendar and in the statistics (23, June one more), is refused an end date before the start
date and warned of a likely duplicate (saved once "Đây không phải bản trùng" is ticked). The Thanh
Hóa admin sees the delegation the two unions hosted together — list, calendar, inspect page — but
cannot save it. A second test uploads a photo through the "Ảnh" panel's image chooser.

Runs against the real app (runserver on its own SQLite database with the demo data, see
huunghi/testing/browser.py). Every step leaves a screenshot in test-output/browser/relations/.
Elements are found by URL, form field name and data-testid / data-* attributes; the Vietnamese
messages are compared with the catalog's rendering of the constants in huunghi.relations.errors.
"""

import datetime
import re

import pytest
from django.utils import translation
from PIL import Image

from huunghi.core.text import format_date
from huunghi.relations import errors
from huunghi.testing import browser as machinery
from huunghi.testing.browser import SHOTS_DIR, _tail

pytestmark = pytest.mark.browser

# The shared fixtures, made visible to pytest in this module.
app_server = machinery.app_server
browser = machinery.browser
new_tab = machinery.new_tab

SHOTS = SHOTS_DIR / "relations"
WIDTH = 1280

STATS = "/admin/relations/statistics/?year={year}"
CALENDAR = "/admin/relations/calendar/?year={year}&month={month}"
DELEGATIONS = "/admin/snippets/relations/delegation/"
ADD = DELEGATIONS + "add/"
EDIT = DELEGATIONS + "edit/{pk}/"
INSPECT = DELEGATIONS + "inspect/{pk}/"
RECORD_URL_RE = re.compile(r"/relations/delegation/(?:edit|inspect)/(\d+)/")

NGHE_AN = "Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An"
THANH_HOA = "Liên hiệp các tổ chức hữu nghị tỉnh Thanh Hóa"
RECEIVED_2023 = 22  # huunghi/demo/relations.py INCOMING_2023 (hand count, test_relations.py)
PARTNER = "Chính quyền tỉnh Xiêng Khoảng (Lào)"  # a checkbox label of the "partners" field

# Step 2: a delegation received in June 2023 (nothing else of the union's own overlaps it).
NEW = {
    "title": "Đoàn Sở Giáo dục và Thể thao tỉnh Xiêng Khoảng trao đổi hợp tác đào tạo",
    "head_name": "Xổm Sạ Vắt Phom Ma Chắc",
    "size": "7",
    "starts_on": "10/06/2023",  # day-first, as Vietnamese users type it (WAGTAIL_DATE_FORMAT)
    "ends_on": "12/06/2023",
}
NEW_DAYS = ["2023-06-10", "2023-06-11", "2023-06-12"]
# Step 5: another delegation of the same partner the same week: first with its end date before
# its start date, then warned as a likely duplicate of NEW, then saved as "not a duplicate".
SECOND = {
    "title": "Đoàn Sở Y tế tỉnh Xiêng Khoảng khảo sát bệnh viện tuyến tỉnh",
    "head_name": "Bun Mi Xay Nha Vông",
    "size": "5",
    "starts_on": "11/06/2023",
    "ends_on": "09/06/2023",  # before the start: refused
}
SECOND_ENDS_ON = "13/06/2023"

# Step 6: hosted by Nghệ An together with Thanh Hóa (huunghi/demo/relations.py).
JOINT_TITLE = "Đoàn Tỉnh ủy Hủa Phăn trao đổi kinh nghiệm công tác đối ngoại"
JOINT_DAYS = ["2023-02-20", "2023-02-21", "2023-02-22"]

# The photo test: a delegation of 2024, so the 2023 figures of the story never see it.
WITH_PHOTO = {
    "title": "Đoàn Hội Hữu nghị Lào – Việt Nam tỉnh Xiêng Khoảng thăm Khu di tích Kim Liên",
    "head_name": "Bua Khăm Thíp Pha Vông",
    "size": "6",
    "starts_on": "05/03/2024",
    "ends_on": "06/03/2024",
}
PHOTO_TITLE = "Đoàn Xiêng Khoảng tại Kim Liên"
PHOTO_CAPTION = "Đoàn dâng hương tại Khu di tích Kim Liên"


def vietnamese(message, **params):
    """A message of huunghi.relations.errors as the Vietnamese catalog renders it."""
    with translation.override("vi"):
        return str(message) % params if params else str(message)


# --- The story ----------------------------------------------------------------------------------


def test_union_admin_records_a_delegation_and_finds_it_in_calendar_and_statistics(new_tab):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()

    tab = new_tab(shots_dir=SHOTS)
    label = "nghean"
    try:
        tab.login("nghean.admin")
        june_before = step1_statistics_click_through(tab)
        new_pk = step2_record_a_delegation(tab)
        step3_calendar_shows_it(tab, new_pk)
        step4_statistics_count_it(tab, june_before)
        step5_bad_input(tab, new_pk)

        label = "thanhhoa"
        tab.logout()
        tab.login("thanhhoa.admin")
        step6_cohost_sees_but_cannot_save(tab, new_pk)
    except Exception:
        tab.failure_report(label)
        raise
    assert not tab.server_errors, f"server errors during the story: {tab.server_errors}\n{_tail(tab.log_path)}"


def step1_statistics_click_through(tab):
    """22 delegations received in 2023; the number links to the list of exactly those 22.
    Returns June's "received" figure."""
    page = tab.page
    tab.goto(STATS.format(year=2023))
    assert summary(tab, 1) == RECEIVED_2023, f"statistics of Nghệ An 2023:\n{tab.text()}"
    heading = tab.text("main h2.w-h3")
    assert NGHE_AN in heading and "2023" in heading, f"the statistics heading reads {heading!r}"
    june = month_row(tab, 6)
    shot(tab, "01_statistics_nghean_2023")

    tab.click_and_wait(page.locator("[data-testid=summary] tbody tr").first.locator("a"), "click 'received'")
    assert page.url.split("?")[0].endswith(DELEGATIONS), page.url
    query = page.url.split("?", 1)[1]
    for param in ("direction=incoming", "year=2023"):
        assert param in query, f"the list is not filtered by {param}: {page.url}"
    assert list_count(tab) == RECEIVED_2023
    shot(tab, "02_delegations_received_2023")
    return june["received"]


def step2_record_a_delegation(tab):
    """Record NEW through the add form; returns its pk."""
    page = tab.page
    tab.goto(ADD)
    fill_delegation(tab, NEW)
    shot(tab, "03_new_delegation_form")
    message = tab.save("save the new delegation")
    assert NEW["title"] in message, f"unexpected success message: {message!r}"
    shot(tab, "04_new_delegation_saved")
    pk = pk_from_success_message(tab)

    # Everything typed is on the edit page, dates still day-first.
    tab.goto(EDIT.format(pk=pk))
    assert page.input_value("#id_title") == NEW["title"]
    assert page.input_value("#id_starts_on") == NEW["starts_on"]
    assert page.input_value("#id_ends_on") == NEW["ends_on"]
    assert page.input_value("#id_size") == NEW["size"]
    assert page.input_value("#id_direction") == "incoming"
    assert partner_checkbox(tab).is_checked(), f"{PARTNER!r} is not ticked on the edit page"
    assert NGHE_AN in page.locator("#id_organization-chooser [data-chooser-title]").inner_text()
    return pk


def step3_calendar_shows_it(tab, pk):
    page = tab.page
    tab.goto(CALENDAR.format(year=2023, month=6))
    title = tab.text("[data-testid=month-title]")
    assert "6/2023" in title, f"the calendar is headed {title!r}"  # not "6/2.023"
    record = f"incoming-{pk}"
    for day in NEW_DAYS:
        link = page.locator(f"[data-testid=calendar] td[data-date='{day}'] a[data-record='{record}']")
        assert link.count() == 1, f"{NEW['title']!r} is not in the cell of {day}:\n{tab.text('[data-testid=calendar]')}"
        assert link.inner_text().strip() == NEW["title"]
        assert link.get_attribute("href").endswith(EDIT.format(pk=pk)), "the owner's calendar links to the edit page"
    for day in ("2023-06-09", "2023-06-13"):
        assert not page.locator(f"td[data-date='{day}'] a[data-record='{record}']").count(), f"shown on {day}"
    assert page.locator(f"a[data-record='{record}']").count() == len(NEW_DAYS)
    shot(tab, "05_calendar_june_2023")


def step4_statistics_count_it(tab, june_before):
    tab.goto(STATS.format(year=2023))
    assert summary(tab, 1) == RECEIVED_2023 + 1, f"statistics after recording one delegation:\n{tab.text()}"
    assert month_row(tab, 6)["received"] == june_before + 1
    shot(tab, "06_statistics_after_recording")


def step5_bad_input(tab, new_pk):
    page = tab.page
    tab.goto(ADD)
    fill_delegation(tab, SECOND)

    # End date before the start date: the Vietnamese message on the end date field, nothing saved.
    submit(tab, "save a delegation ending before it starts")
    assert page.url.endswith(ADD), f"the form was accepted: {page.url}"
    expected = vietnamese(errors.END_BEFORE_START, start=format_date(datetime.date(2023, 6, 11)))
    assert expected.startswith("Ngày kết thúc"), f"the catalog has no Vietnamese for END_BEFORE_START: {expected!r}"
    assert field_errors(tab, "ends_on") == [expected], tab.form_errors()
    assert tab.error_message(), "no error message at the top of the form"
    shot(tab, "07_end_before_start_refused")
    assert stats_received(tab) == RECEIVED_2023 + 1, "a delegation ending before it starts was saved"

    # The corrected delegation overlaps NEW with the same partner: a likely duplicate, naming NEW.
    assert page.input_value("#id_title") == SECOND["title"], "the form lost what was typed"
    assert partner_checkbox(tab).is_checked(), "the form lost the partner"
    tab.fill_date("ends_on", SECOND_ENDS_ON)
    submit(tab, "save a likely duplicate")
    assert page.url.endswith(ADD), f"the likely duplicate was accepted: {page.url}"
    warning = " ".join(non_field_errors(tab))
    existing = f"{NEW['title']} ({NEW['starts_on']})"
    assert warning == vietnamese(errors.LIKELY_DUPLICATE, other=existing), f"duplicate warning: {warning!r}"
    assert "Đây không phải bản trùng" in warning, warning
    assert not field_errors(tab, "ends_on"), "the corrected end date is still refused"
    shot(tab, "08_likely_duplicate_warning")
    assert stats_received(tab) == RECEIVED_2023 + 1, "the likely duplicate was saved without confirmation"

    # Ticking "Đây không phải bản trùng" saves it.
    checkbox = page.locator("input[name=not_duplicate]")
    assert "Đây không phải bản trùng" in page.locator("label[for=id_not_duplicate]").first.inner_text()
    checkbox.check()
    shot(tab, "09_not_a_duplicate_ticked")
    message = tab.save("save as not a duplicate")
    assert SECOND["title"] in message, f"unexpected success message: {message!r}"
    second_pk = pk_from_success_message(tab)
    assert second_pk != new_pk
    assert stats_received(tab) == RECEIVED_2023 + 2
    shot(tab, "10_not_a_duplicate_saved")


def step6_cohost_sees_but_cannot_save(tab, new_pk):
    """Thanh Hóa co-hosted the Hủa Phăn delegation: listed, in the calendar, readable, not savable.
    Nghệ An's own new delegation is nowhere."""
    page = tab.page
    tab.goto(DELEGATIONS)
    listing = tab.text("main table")
    assert JOINT_TITLE in listing, f"the jointly hosted delegation is not in Thanh Hóa's list:\n{listing}"
    assert NEW["title"] not in tab.text(), "Nghệ An's own delegation is in Thanh Hóa's list"
    link = page.locator("main table a", has_text=JOINT_TITLE).first
    pk = int(RECORD_URL_RE.search(link.get_attribute("href")).group(1))
    shot(tab, "11_thanhhoa_delegation_list")

    tab.goto(STATS.format(year=2023))
    assert summary(tab, 1) == 1, f"Thanh Hóa's 2023 statistics:\n{tab.text()}"

    tab.goto(CALENDAR.format(year=2023, month=2))
    for day in JOINT_DAYS:
        cell_link = page.locator(f"td[data-date='{day}'] a[data-record='incoming-{pk}']")
        assert cell_link.count() == 1, f"the joint delegation is not in Thanh Hóa's calendar on {day}"
        assert cell_link.inner_text().strip() == JOINT_TITLE
        href = cell_link.get_attribute("href")
        assert href.endswith(INSPECT.format(pk=pk)), f"a co-host's calendar links to {href}, not the inspect page"
    shot(tab, "12_thanhhoa_calendar_february_2023")
    tab.goto(CALENDAR.format(year=2023, month=6))
    assert not page.locator(f"a[data-record='incoming-{new_pk}']").count(), "Nghệ An's June delegation shows"

    tab.goto(INSPECT.format(pk=pk))
    body = tab.text()
    for text in (JOINT_TITLE, NGHE_AN, THANH_HOA):
        assert text in body, f"the inspect page does not show {text!r}:\n{body}"
    shot(tab, "13_thanhhoa_inspect_joint_delegation")

    # The edit URL: Wagtail turns the co-host away (a redirect with a permission message, or 403/404).
    edit = EDIT.format(pk=pk)
    response = page.goto(tab.base_url + edit)
    turned_away = response.status in (403, 404) or (not page.url.endswith(edit) and tab.error_message())
    assert turned_away, f"GET {edit} as a co-host: {response.status} at {page.url}\n{tab.diagnostics()}"
    assert not page.locator("input[name=title]").count(), "a co-host is shown the edit form"
    shot(tab, "14_thanhhoa_edit_refused")

    # A hand-made POST to the edit URL saves nothing either.
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    post = page.request.post(
        tab.base_url + edit,
        form={"title": "Đã sửa bởi Thanh Hóa", "direction": "incoming", "level": "party", "size": "1"},
        headers={"X-CSRFToken": csrf},
        max_redirects=0,
    )
    assert post.status in (302, 403, 404), f"POST {edit} as a co-host answered {post.status}"
    if post.status == 302:
        assert not post.headers["location"].endswith(DELEGATIONS), "the POST was redirected as if saved"
    tab.goto(INSPECT.format(pk=pk))
    assert JOINT_TITLE in tab.text() and "Đã sửa bởi Thanh Hóa" not in tab.text(), "the co-host's POST was saved"


# --- A photo through the "Ảnh" panel ---------------------------------------------------------------


class NoUploadInImageChooser(Exception):
    """The image chooser offers no upload form to the user."""


def test_photo_uploaded_through_the_photos_panel(new_tab, tmp_path):
    SHOTS.mkdir(parents=True, exist_ok=True)
    png = tmp_path / "kim-lien.png"
    Image.new("RGB", (320, 240), (0, 103, 106)).save(png)

    tab = new_tab(shots_dir=SHOTS)
    page = tab.page
    try:
        tab.login("nghean.admin")
        tab.goto(ADD)
        fill_delegation(tab, WITH_PHOTO)

        # "Thêm ảnh" in the "Ảnh" panel, then the new form's image chooser.
        heading = page.locator("section.w-panel:has(#id_photos-FORMS) [data-panel-heading-text]").first.inner_text()
        assert heading.strip() == "Ảnh", f"the photos panel is headed {heading!r}"
        page.locator("#id_photos-ADD").click()
        chooser = page.locator("#id_photos-0-image-chooser")
        chooser.wait_for()
        chooser.locator(".chooser__choose-button").click()
        modal = page.locator(".modal-dialog")
        modal.locator("input[name=q]").wait_for()  # the chooser's content has loaded
        upload_tab = modal.locator("#tab-label-upload")
        if not upload_tab.count():
            shot(tab, "p1_image_chooser_without_upload")
            raise NoUploadInImageChooser(f"the image chooser offers no upload:\n{modal.inner_text()}")
        upload_tab.click()
        modal.locator("input[name=image-chooser-upload-file]").set_input_files(png)
        modal.locator("input[name=image-chooser-upload-title]").fill(PHOTO_TITLE)  # after the file: it sets a title
        shot(tab, "p1_image_chooser_upload")
        modal.locator("form[data-chooser-modal-creation-form] button[type=submit]").click()
        modal.wait_for(state="hidden")
        chosen = chooser.locator("[data-chooser-title]").inner_text()
        assert PHOTO_TITLE in chosen, f"the photo chooser shows {chosen!r}"
        assert page.input_value("#id_photos-0-image"), "the photo chooser left its hidden input empty"
        page.fill("#id_photos-0-caption", PHOTO_CAPTION)
        shot(tab, "p2_delegation_form_with_photo")
        message = tab.save("save the delegation with a photo")
        assert WITH_PHOTO["title"] in message, f"unexpected success message: {message!r}"
        pk = pk_from_success_message(tab)

        # Attached: the edit page has one photo form with the image chosen, the inspect page shows it.
        tab.goto(EDIT.format(pk=pk))
        assert page.input_value("#id_photos-TOTAL_FORMS") == "1"
        assert page.input_value("#id_photos-0-image"), "the saved photo has no image"
        assert PHOTO_TITLE in page.locator("#id_photos-0-image-chooser [data-chooser-title]").inner_text()
        assert page.input_value("#id_photos-0-caption") == PHOTO_CAPTION
        tab.goto(INSPECT.format(pk=pk))
        photos = page.locator("[data-testid=photos]")
        assert photos.count(), f"the inspect page shows no photo:\n{tab.text()}"
        assert PHOTO_CAPTION in photos.inner_text()
        image = photos.locator("img").first
        image.wait_for()
        assert page.evaluate("img => img.complete && img.naturalWidth > 0", image.element_handle()), "broken photo"
        shot(tab, "p3_inspect_with_photo")
    except NoUploadInImageChooser:
        raise
    except Exception:
        tab.failure_report("photo")
        raise
    assert not tab.server_errors, f"server errors: {tab.server_errors}\n{_tail(tab.log_path)}"


# --- Helpers ------------------------------------------------------------------------------------


def shot(tab, name):
    """A screenshot of the whole page: the admin scrolls inside <main>, so the viewport is made as
    tall as <main>'s content first (Playwright's full_page sees only the document)."""
    page = tab.page
    page.set_viewport_size({"width": WIDTH, "height": 900})
    height = page.evaluate("() => document.querySelector('main')?.scrollHeight || 0")
    page.set_viewport_size({"width": WIDTH, "height": min(max(height, 900), 12_000)})
    return tab.shot(name)


def summary(tab, row):
    """The number in row `row` (1-based) of the statistics summary."""
    return int(tab.page.locator(f"[data-testid=summary] a[data-stat='{row}']").inner_text().strip())


def month_row(tab, month):
    cells = tab.page.locator(f"[data-testid=by-month] tr[data-month='{month}'] td").all_inner_texts()
    return {"received": int(cells[1]), "sent": int(cells[2]), "events": int(cells[3])}


def stats_received(tab):
    """Delegations received by Nghệ An in 2023, read with the tab's session without leaving the page."""
    response = tab.page.request.get(tab.base_url + STATS.format(year=2023))
    assert response.ok, f"statistics: {response.status}"
    return int(re.search(r'data-stat="1">\s*(\d+)\s*<', response.text()).group(1))


def list_count(tab):
    """The number of records of a snippet list: the rows, on one page, and the count Wagtail shows."""
    page = tab.page
    rows = page.locator("main table.listing tbody tr").count()
    assert not page.locator(".pagination li.next a[href]").count(), "the list has more pages"
    shown = [int(m.group(1)) for text in page.locator("main h2").all_inner_texts() if (m := re.search(r"(\d+)", text))]
    assert shown == [rows], f"Wagtail shows {shown} results, the table has {rows} rows"
    return rows


def fill_delegation(tab, values):
    page = tab.page
    tab.choose_snippet("organization", NGHE_AN, search="Nghệ An")
    page.select_option("#id_direction", "incoming")
    page.select_option("#id_level", "state")
    page.fill("#id_title", values["title"])
    partner_checkbox(tab).check()
    page.fill("#id_head_name", values["head_name"])
    page.fill("#id_size", values["size"])
    tab.fill_date("starts_on", values["starts_on"])
    tab.fill_date("ends_on", values["ends_on"])


def partner_checkbox(tab):
    label = tab.page.locator("#id_partners label").filter(has_text=re.compile(rf"^\s*{re.escape(PARTNER)}\s*$"))
    assert label.count() == 1, f"no single partner checkbox {PARTNER!r}"
    return label.locator("input[type=checkbox]")


def submit(tab, what):
    button = tab.page.locator("main form button[type=submit].action-save, footer button.action-save").first
    tab.click_and_wait(button, what)


def field_errors(tab, field):
    return [t.strip() for t in tab.page.locator(f"[data-contentpath={field}] .error-message").all_inner_texts()]


def non_field_errors(tab):
    return [t.strip() for t in tab.page.locator(".messages .error .errorlist li").all_inner_texts()]


def pk_from_success_message(tab):
    link = tab.page.locator(".messages a[href*='/relations/delegation/edit/']")
    assert link.count(), f"the success message has no link to the record\n{tab.diagnostics()}"
    return int(RECORD_URL_RE.search(link.first.get_attribute("href")).group(1))
