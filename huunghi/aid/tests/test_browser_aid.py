"""Browser story of the aid screens (menu "Viện trợ").

The Nghệ An union admin reads the 2023 aid totals (1.475.190.000 đ received, "1,48 tỷ đồng"),
records an emergency relief item through the add form — a legacy district chosen in the "Địa
điểm" panel's administrative-unit chooser, one disbursement of 1,000 USD at 24,000 đ — and finds
the VND total grown by exactly 1000 × 24000. A second item is refused three times (unknown
currency, rate 0, half a đồng) with the Vietnamese message on the field and nothing saved. The
IATI export button of the totals page downloads a file that validates and holds the new item.

Runs against the real app (runserver on its own SQLite database with the demo data, see
huunghi/testing/browser.py). Every step leaves a screenshot in test-output/browser/aid/.
Elements are found by URL, form field id and data-testid; the Vietnamese messages are compared
with the catalog's rendering of the constants in huunghi.aid.errors.
"""

import re
from decimal import Decimal

import pytest
from django.utils import translation
from lxml import html

from huunghi.aid import errors, iati
from huunghi.demo.aid import TOTAL_RECEIVED_2023
from huunghi.testing import browser as machinery
from huunghi.testing.browser import NAVIGATION_TIMEOUT_MS, SHOTS_DIR, _tail

pytestmark = pytest.mark.browser

# The shared fixtures, made visible to pytest in this module.
app_server = machinery.app_server
browser = machinery.browser
new_tab = machinery.new_tab

SHOTS = SHOTS_DIR / "aid"
WIDTH = 1280

TOTALS = "/admin/aid/totals/?year={year}"
ITEMS = "/admin/snippets/aid/aiditem/"
ADD = ITEMS + "add/"
EDIT = ITEMS + "edit/{pk}/"
RECORD_URL_RE = re.compile(r"/aid/aiditem/(?:edit|inspect)/(\d+)/")

NGHE_AN = "Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An"
NGHE_AN_ITEMS = 7  # huunghi/demo/aid.py ITEMS: all of them owned inside Nghệ An's subtree
RECEIVED_BEFORE = "1.475.190.000 đ"  # TOTAL_RECEIVED_2023 (hand count in huunghi/demo/aid.py)
RECEIVED_WORDS_BEFORE = "1,48 tỷ đồng"
USD_BEFORE = "39.000,00 USD"  # 5,000 + 4,000 + 20,000 + 10,000 USD received in 2023
EMERGENCY_BEFORE = "185.000.000 đ"  # the October 2023 flood relief, in VND (also all of sector 72010)

# Step 2: an emergency relief item with one disbursement of 1,000 USD at 24,000 đ.
NEW = {
    "title": "Cứu trợ lũ bão thử nghiệm",
    "kind": "emergency",  # "Cứu trợ khẩn cấp"
    "sector": "72010",  # Material relief assistance and services
    "status": "2",  # Đang thực hiện
    "starts_on": "15/10/2023",  # day-first, as Vietnamese users type it (WAGTAIL_DATE_FORMAT)
}
PLACE_SEARCH = "Kỳ Sơn"
PLACE = "Huyện Kỳ Sơn, Tỉnh Nghệ An"  # the legacy district (valid until 30/06/2025), not its communes
MOVEMENT = {
    "kind": "disbursement",
    "date": "16/10/2023",
    "amount": "1000",
    "currency": "USD",
    "rate": "24000",
    "rate_date": "16/10/2023",
}
ADDED_VND = 1000 * 24000
RECEIVED_AFTER = "1.499.190.000 đ"
RECEIVED_WORDS_AFTER = "1,5 tỷ đồng"
USD_AFTER = "40.000,00 USD"
EMERGENCY_AFTER = "209.000.000 đ"

# Step 4: a second item, refused for each bad movement in turn.
BAD = {**NEW, "title": "Cứu trợ lũ bão nhập sai"}
BAD_MOVEMENT = {**MOVEMENT, "date": "20/10/2023", "amount": "500", "rate_date": "20/10/2023"}


def vietnamese(message, **params):
    """A message of huunghi.aid.errors as the Vietnamese catalog renders it."""
    with translation.override("vi"):
        return str(message) % params if params else str(message)


# --- The story ----------------------------------------------------------------------------------


def test_union_admin_records_aid_and_finds_it_in_totals_and_iati(new_tab):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()

    tab = new_tab(shots_dir=SHOTS)
    try:
        tab.login("nghean.admin")
        step1_totals_2023(tab)
        pk = step2_record_an_aid_item(tab)
        step3_totals_count_it(tab)
        step4_bad_input(tab)
        step5_iati_export(tab, pk)
    except Exception:
        tab.failure_report("aid")
        raise
    assert not tab.server_errors, f"server errors during the story: {tab.server_errors}\n{_tail(tab.log_path)}"


def step1_totals_2023(tab):
    tab.goto(TOTALS.format(year=2023))
    heading = tab.text("main h2.w-h3")
    assert NGHE_AN in heading and "2023" in heading, f"the totals heading reads {heading!r}"
    assert received(tab) == RECEIVED_BEFORE, f"aid totals of Nghệ An 2023:\n{tab.text()}"
    assert vnd(received(tab)) == TOTAL_RECEIVED_2023
    assert received_words(tab) == RECEIVED_WORDS_BEFORE
    assert currency_row(tab, "USD") == USD_BEFORE
    assert summary_cell(tab, 1) == str(NGHE_AN_ITEMS)
    assert breakdown(tab, "by-kind", "Cứu trợ khẩn cấp") == EMERGENCY_BEFORE
    assert breakdown(tab, "by-sector", "72010 – ") == EMERGENCY_BEFORE
    shot(tab, "01_totals_2023")


def step2_record_an_aid_item(tab):
    """Record NEW with its place and movement through the add form; returns its pk."""
    page = tab.page
    assert item_count(tab) == NGHE_AN_ITEMS
    tab.goto(ADD)
    fill_item(tab, NEW)
    choose_place(tab)
    add_movement(tab, MOVEMENT)
    shot(tab, "02_new_aid_item_form")
    message = tab.save("save the new aid item")
    assert NEW["title"] in message, f"unexpected success message: {message!r}"
    shot(tab, "03_new_aid_item_saved")
    pk = pk_from_success_message(tab)
    assert item_count(tab) == NGHE_AN_ITEMS + 1

    # Everything typed is on the edit page, dates still day-first, the rate as typed.
    tab.goto(EDIT.format(pk=pk))
    assert page.input_value("#id_title") == NEW["title"]
    assert page.input_value("#id_kind") == NEW["kind"]
    assert page.input_value("#id_sector") == NEW["sector"]
    assert page.input_value("#id_status") == NEW["status"]
    assert page.input_value("#id_starts_on") == NEW["starts_on"]
    assert NGHE_AN in page.locator("#id_organization-chooser [data-chooser-title]").inner_text()
    assert page.input_value("#id_places-TOTAL_FORMS") == "1"
    assert page.locator("#id_places-0-admin_unit-chooser [data-chooser-title]").inner_text().strip() == PLACE
    assert page.input_value("#id_transactions-TOTAL_FORMS") == "1"
    row = {name: page.input_value(f"#id_transactions-0-{name}") for name in MOVEMENT}
    assert Decimal(row.pop("amount")) == Decimal(MOVEMENT["amount"])
    assert Decimal(row.pop("rate")) == Decimal(MOVEMENT["rate"])
    assert row == {k: v for k, v in MOVEMENT.items() if k not in ("amount", "rate")}, row
    shot(tab, "04_new_aid_item_edit")
    return pk


def step3_totals_count_it(tab):
    tab.goto(TOTALS.format(year=2023))
    after = received(tab)
    assert after == RECEIVED_AFTER, f"aid totals after recording 1,000 USD at 24,000 đ:\n{tab.text()}"
    assert vnd(after) - vnd(RECEIVED_BEFORE) == ADDED_VND
    assert received_words(tab) == RECEIVED_WORDS_AFTER
    assert currency_row(tab, "USD") == USD_AFTER
    assert summary_cell(tab, 1) == str(NGHE_AN_ITEMS + 1)
    assert breakdown(tab, "by-kind", "Cứu trợ khẩn cấp") == EMERGENCY_AFTER
    assert breakdown(tab, "by-sector", "72010 – ") == EMERGENCY_AFTER
    assert breakdown(tab, "by-locality", "Tỉnh Nghệ An") == RECEIVED_AFTER
    shot(tab, "05_totals_after_recording")


def step4_bad_input(tab):
    page = tab.page
    tab.goto(ADD)
    fill_item(tab, BAD)

    # An unknown currency: the Vietnamese message on the currency field, nothing saved.
    add_movement(tab, {**BAD_MOVEMENT, "currency": "XYZ"})
    submit(tab, "save a movement in currency XYZ")
    expected = vietnamese(errors.UNKNOWN_CURRENCY, code="XYZ")
    assert "không phải mã tiền tệ" in expected, f"the catalog has no Vietnamese for UNKNOWN_CURRENCY: {expected!r}"
    assert_refused(tab, "currency", expected)
    shot(tab, "06_unknown_currency_refused")

    # A known currency at rate 0.
    assert page.input_value("#id_title") == BAD["title"], "the form lost what was typed"
    page.fill("#id_transactions-0-currency", "USD")
    page.fill("#id_transactions-0-rate", "0")
    submit(tab, "save a movement at rate 0")
    expected = vietnamese(errors.RATE_NOT_POSITIVE)
    assert expected.startswith("Tỷ giá"), f"the catalog has no Vietnamese for RATE_NOT_POSITIVE: {expected!r}"
    assert_refused(tab, "rate", expected)
    assert not field_errors(tab, "transactions-0-currency"), "USD is still refused"
    shot(tab, "07_rate_zero_refused")

    # Half a đồng: VND has no decimal places.
    page.fill("#id_transactions-0-currency", "VND")
    page.fill("#id_transactions-0-amount", "0.5")
    page.fill("#id_transactions-0-rate", "")
    page.fill("#id_transactions-0-rate_date", "")
    submit(tab, "save 0.5 VND")
    expected = vietnamese(errors.TOO_PRECISE_WHOLE, currency="VND")
    assert "số nguyên" in expected, f"the catalog has no Vietnamese for TOO_PRECISE_WHOLE: {expected!r}"
    assert_refused(tab, "amount", expected)
    assert not field_errors(tab, "transactions-0-rate"), "the rate is still refused"
    shot(tab, "08_half_a_dong_refused")


def step5_iati_export(tab, pk):
    """The export button of the totals page downloads a valid IATI file holding the new item."""
    page = tab.page
    tab.goto(TOTALS.format(year=2023))
    button = page.locator("[data-testid=iati-export]")
    href = button.get_attribute("href")
    shot(tab, "09_totals_before_iati_export")
    try:
        with page.expect_download(timeout=NAVIGATION_TIMEOUT_MS) as download_info:
            button.click()
    except Exception:
        response = page.request.get(tab.base_url + href)
        pytest.fail(f"no download from {href}: {response.status}\n{response.text()[:4000]}\n{tab.diagnostics()}")
    download = download_info.value
    assert download.failure() is None, f"the IATI download failed: {download.failure()}"
    assert re.fullmatch(r"iati-[\w-]+-2023\.xml", download.suggested_filename), download.suggested_filename
    target = SHOTS / "10_iati_2023.xml"
    download.save_as(target)
    data = target.read_bytes()

    assert iati.validate(data) == [], "the downloaded IATI file does not validate"
    text = data.decode("utf-8")
    assert NEW["title"] in text, "the new aid item is not in the IATI file"
    activities, transactions = iati.summary(data)
    assert activities == NGHE_AN_ITEMS + 1, f"{activities} activities in the IATI file"
    identifier = re.search(rf"<iati-identifier>([^<]*-{pk})</iati-identifier>", text)
    assert identifier, f"no iati-identifier ending in -{pk}"
    activity = text[text.index(identifier.group(0)) :].split("</iati-activity>")[0]
    assert NEW["title"] in activity, f"the activity {identifier.group(1)} is not the new item"
    assert '<value currency="USD" value-date="2023-10-16">1000.00</value>' in activity, activity
    assert 'humanitarian="1"' in text[: text.index(identifier.group(0))].rsplit("<iati-activity", 1)[1]
    assert "Kỳ Sơn" in activity, "the place is not in the activity"
    assert "bão nhập sai" not in text, "a refused item reached the IATI file"


# --- Helpers ------------------------------------------------------------------------------------


def shot(tab, name):
    """A screenshot of the whole page: the admin scrolls inside <main>, so the viewport is made as
    tall as <main>'s content first (Playwright's full_page sees only the document)."""
    page = tab.page
    page.set_viewport_size({"width": WIDTH, "height": 900})
    height = page.evaluate("() => document.querySelector('main')?.scrollHeight || 0")
    page.set_viewport_size({"width": WIDTH, "height": min(max(height, 900), 12_000)})
    return tab.shot(name)


def received(tab):
    return tab.page.locator("[data-testid=received]").inner_text().strip()


def received_words(tab):
    return tab.page.locator("[data-testid=aid-summary] tr").first.locator("small").inner_text().strip()


def currency_row(tab, code):
    cells = tab.page.locator("[data-testid=by-currency] tr").filter(has_text=code).first.locator("td")
    assert cells.nth(0).inner_text().strip() == code
    return cells.nth(1).inner_text().strip()


def summary_cell(tab, row):
    """The figure in row `row` (0-based) of the summary table."""
    return tab.page.locator("[data-testid=aid-summary] tr").nth(row).locator("td").inner_text().strip()


def breakdown(tab, testid, label):
    """The amount of the row of breakdown table `testid` whose label starts with `label`."""
    rows = tab.page.locator(f"[data-testid={testid}] tr")
    found = [r for r in rows.all() if r.locator("td").first.inner_text().strip().startswith(label)]
    assert len(found) == 1, f"{label!r} in {testid}:\n{rows.all_inner_texts()}"
    return found[0].locator("td").nth(1).inner_text().strip()


def vnd(text):
    return int(text.removesuffix(" đ").replace(".", ""))


def item_count(tab):
    """Aid items of the user's list, read with the tab's session without leaving the page."""
    response = tab.page.request.get(tab.base_url + ITEMS)
    assert response.ok, f"aid item list: {response.status}"
    document = html.fromstring(response.text())
    assert not document.xpath("//*[contains(@class,'pagination')]//li[contains(@class,'next')]//a[@href]")
    return len(document.xpath("//main//table[contains(@class,'listing')]/tbody/tr"))


def totals_received(tab):
    response = tab.page.request.get(tab.base_url + TOTALS.format(year=2023))
    assert response.ok, f"aid totals: {response.status}"
    return html.fromstring(response.text()).xpath("//*[@data-testid='received']")[0].text_content().strip()


def fill_item(tab, values):
    page = tab.page
    tab.choose_snippet("organization", NGHE_AN, search="Nghệ An")
    page.fill("#id_title", values["title"])
    page.select_option("#id_kind", values["kind"])
    page.select_option("#id_status", values["status"])
    page.select_option("#id_sector", values["sector"])
    tab.fill_date("starts_on", values["starts_on"])


def choose_place(tab):
    """The "Thêm địa điểm" button of the "Địa điểm" panel, then the administrative-unit chooser:
    the legacy district, not one of its communes (their names end in the district's)."""
    page = tab.page
    panel = page.locator("section.w-panel:has(#id_places-FORMS)")
    heading = panel.locator("[data-panel-heading-text]").first.inner_text().strip()
    assert heading == "Địa điểm", f"the places panel is headed {heading!r}"
    page.locator("#id_places-ADD").click()
    chooser = page.locator("#id_places-0-admin_unit-chooser")
    chooser.wait_for()
    chooser.locator(".chooser__choose-button").click()
    modal = page.locator(".modal-dialog")
    search_box = modal.locator("input[name=q]")
    search_box.wait_for()
    with page.expect_response(lambda r: "/choose/core/adminunit/results/" in r.url):
        search_box.fill(PLACE_SEARCH)
    modal.locator("a[data-chooser-modal-choice]", has_text=PLACE_SEARCH).first.wait_for()
    shot(tab, "02a_place_chooser_search")
    # The search also finds the district's communes ("Xã …, Huyện Kỳ Sơn, Tỉnh Nghệ An"), listed
    # first: turn the result pages until the district itself.
    exact = re.compile(rf"^\s*{re.escape(PLACE)}\s*$")
    choice = tab._find_in_chooser(modal, exact)
    row = modal.locator("tr").filter(has=page.locator("a[data-chooser-modal-choice]", has_text=exact))
    assert row.count() == 1, f"{PLACE!r} is in {row.count()} rows of the chooser:\n{modal.inner_text()}"
    assert "30/06/2025" in row.inner_text(), f"not the legacy district: {row.inner_text()!r}"
    shot(tab, "02b_place_chooser_district")
    choice.click()
    modal.wait_for(state="hidden")
    chosen = chooser.locator("[data-chooser-title]").inner_text().strip()
    assert chosen == PLACE, f"the place chooser shows {chosen!r}"
    assert page.input_value("#id_places-0-admin_unit"), "the place chooser left its hidden input empty"


def add_movement(tab, values):
    """A money movement in the "Tiền" panel: added with its button unless the form has one already."""
    page = tab.page
    if page.input_value("#id_transactions-TOTAL_FORMS") == "0":
        page.locator("#id_transactions-ADD").click()
        page.locator("#id_transactions-0-amount").wait_for()
    prefix = "transactions-0-"
    page.select_option(f"#id_{prefix}kind", values["kind"])
    tab.fill_date(prefix + "date", values["date"])
    page.fill(f"#id_{prefix}amount", values["amount"])
    page.fill(f"#id_{prefix}currency", values["currency"])
    page.fill(f"#id_{prefix}rate", values["rate"])
    tab.fill_date(prefix + "rate_date", values["rate_date"])


def submit(tab, what):
    button = tab.page.locator("main form button[type=submit].action-save, footer button.action-save").first
    tab.click_and_wait(button, what)


def field_errors(tab, field):
    wrapper = tab.page.locator(f"[data-field]:has(#id_{field})").last  # the innermost wrapper
    return [t.strip() for t in wrapper.locator(".error-message").all_inner_texts()]


def assert_refused(tab, field, expected):
    """The form came back with `expected` on the movement's `field`; no aid item was saved."""
    page = tab.page
    assert page.url.endswith(ADD), f"the form was accepted: {page.url}"
    assert field_errors(tab, f"transactions-0-{field}") == [expected], tab.form_errors()
    assert tab.error_message(), "no error message at the top of the form"
    assert item_count(tab) == NGHE_AN_ITEMS + 1, "a refused aid item was saved"
    assert totals_received(tab) == RECEIVED_AFTER, "a refused movement changed the totals"


def pk_from_success_message(tab):
    link = tab.page.locator(".messages a[href*='/aid/aiditem/edit/']")
    assert link.count(), f"the success message has no link to the record\n{tab.diagnostics()}"
    return int(RECORD_URL_RE.search(link.first.get_attribute("href")).group(1))
