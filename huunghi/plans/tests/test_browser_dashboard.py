"""Browser story of the plan dashboard (menu "Kế hoạch và báo cáo" › progress dashboard).

The Nghệ An union admin opens the dashboard for 2023 against a plan of three targets (22 of 20
delegations received: reached; 1.475.190.000 of 1.500.000.000 đ: behind; 4 of 3 branches:
reached), sees the charts drawn without any script (no CSP complaint in the console), clicks
December's "received" bar of the month chart and lands on the 3 delegations received that month,
then clicks the headline figure of new branches and lands on the 4 branches founded in 2023. A
last screenshot is the page as printed (no sidebar, header or form).

Runs against the real app (runserver on its own SQLite database with the demo data, see
huunghi/testing/browser.py). Screenshots land in test-output/browser/plans/. Elements are found by
data-testid and link address; statuses are compared with the catalog's rendering of the view's
constants, never with English or Vietnamese text.
"""

import os
import re

import pytest
from django.utils import translation

from huunghi.plans.selectors import Status
from huunghi.plans.views import STATUS_LABELS
from huunghi.testing import browser as machinery
from huunghi.testing.browser import SHOTS_DIR, _manage, _tail

pytestmark = pytest.mark.browser

# The shared fixtures, made visible to pytest in this module.
app_server = machinery.app_server
browser = machinery.browser
new_tab = machinery.new_tab

SHOTS = SHOTS_DIR / "plans"
WIDTH = 1280
DASHBOARD = "/admin/plans/dashboard/?year=2023"
DELEGATIONS = "/admin/snippets/relations/delegation/"
ORGANIZATIONS = "/admin/snippets/orgs/organization/"

# Nghệ An's 2023 plan, written into the app's own database (replacing any the demo brings).
RECORD_PLAN = """
import datetime
from decimal import Decimal
from huunghi.orgs.models import Organization
from huunghi.plans.models import Target, YearPlan
nghe_an = Organization.objects.get(slug="nghe-an")
YearPlan.objects.filter(organization=nghe_an, year=2023).delete()
plan = YearPlan(organization=nghe_an, year=2023, title="Kế hoạch công tác đối ngoại nhân dân năm 2023",
                number="01/KH-LHHN", adopted_on=datetime.date(2023, 1, 16))
plan.full_clean()
plan.save()
for order, (measure, value, unit) in enumerate([("delegations_in", "20", "delegation"),
                                                ("aid_vnd", "1.5", "billion_vnd"), ("new_branches", "3", "branch")]):
    target = Target(plan=plan, sort_order=order, measure=measure, value=Decimal(value), unit=unit)
    target.full_clean()
    target.save()
"""


def vietnamese(message):
    with translation.override("vi"):
        return str(message)


@pytest.fixture(scope="module")
def plan_recorded(app_server):
    env = {k: v for k, v in os.environ.items() if k not in machinery._LEAKY_ENV}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.dev", HUUNGHI_VAR_DIR=str(app_server["var_dir"]))
    _manage(env, "shell", "-c", RECORD_PLAN)


def test_union_admin_follows_the_plan_and_clicks_through_to_the_records(new_tab, plan_recorded):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    tab = new_tab(shots_dir=SHOTS)
    csp_errors = []
    tab.page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        tab.login("nghean.admin")
        step1_dashboard(tab)
        assert not csp_errors, f"the dashboard broke the Content-Security-Policy: {csp_errors}"
        step2_click_a_bar(tab)
        step3_click_a_figure(tab)
        step4_printed(tab)
    except Exception:
        tab.failure_report("nghean")
        raise
    assert not tab.server_errors, f"server errors during the story: {tab.server_errors}\n{_tail(tab.log_path)}"


def step1_dashboard(tab):
    page = tab.page
    tab.goto(DASHBOARD)
    heading = tab.text("[data-testid=dashboard-heading]")
    assert "Nghệ An" in heading and "2023" in heading, heading
    rows = page.locator("[data-testid=targets] tbody tr")
    assert rows.count() == 3, tab.text()
    achieved = page.locator("[data-testid=targets] [data-testid=achieved]").all_inner_texts()
    assert achieved == ["22", "1.475.190.000 đ", "4"], achieved
    statuses = [s.strip() for s in page.locator("[data-testid=targets] [data-testid=status]").all_inner_texts()]
    expected = [vietnamese(STATUS_LABELS[s]) for s in (Status.REACHED, Status.BEHIND, Status.REACHED)]
    assert [s.split(maxsplit=1)[-1] for s in statuses] == expected, statuses
    charts = page.locator("main svg[id^=chart-]")
    assert charts.count() >= 10, f"{charts.count()} charts"
    assert page.locator("main svg script").count() == 0
    # Drawn: the month chart has a visible box, its December bar too.
    box = page.locator("[data-testid=chart-month] svg").bounding_box()
    assert box and box["width"] > 600 and box["height"] > 200, box
    shot(tab, "01_dashboard_nghean_2023")


def bar(tab, *fragments):
    """The link of a chart bar whose address holds every fragment (pygal writes xlink:href)."""
    tests = " and ".join(f"contains(@*[local-name()='href'], '{f}')" for f in fragments)
    chart = "//*[@data-testid='chart-month']//*[local-name()='svg']"
    return tab.page.locator(f"xpath={chart}//*[local-name()='a'][{tests}]")


def step2_click_a_bar(tab):
    page = tab.page
    december = bar(tab, "month=12", "direction=incoming", "year=2023")
    assert december.count() == 1, december.count()
    tab.click_and_wait(december.locator("rect").first, "click December's 'received' bar")
    assert page.url.split("?")[0].endswith(DELEGATIONS), page.url
    query = page.url.split("?", 1)[1]
    for param in ("month=12", "direction=incoming", "year=2023"):
        assert param in query, f"the list is not filtered by {param}: {page.url}"
    assert list_count(tab) == 3
    shot(tab, "02_delegations_received_december_2023")


def step3_click_a_figure(tab):
    page = tab.page
    tab.goto(DASHBOARD)
    figure = page.locator("[data-testid=headline] tr[data-measure=new_branches] [data-testid=figure]")
    assert figure.inner_text().strip() == "4"
    tab.click_and_wait(figure, "click the figure of new branches")
    assert page.url.split("?")[0].endswith(ORGANIZATIONS), page.url
    assert list_count(tab) == 4
    shot(tab, "03_branches_founded_2023")


def step4_printed(tab):
    page = tab.page
    tab.goto(DASHBOARD)
    page.emulate_media(media="print")
    try:
        assert not page.locator(".hn-period").is_visible(), "the form prints"
        assert not page.locator(".w-slim-header").first.is_visible(), "the admin header prints"
        assert page.locator("[data-testid=chart-month] svg").is_visible()
        shot(tab, "04_dashboard_printed")
    finally:
        page.emulate_media(media="screen")


def shot(tab, name):
    """A screenshot of the whole page: the admin scrolls inside <main>, so the viewport is made as
    tall as <main>'s content first (Playwright's full_page sees only the document)."""
    page = tab.page
    page.set_viewport_size({"width": WIDTH, "height": 900})
    height = page.evaluate("() => document.querySelector('main')?.scrollHeight || 0")
    page.set_viewport_size({"width": WIDTH, "height": min(max(height, 900), 12_000)})
    return tab.shot(name)


def list_count(tab):
    """The number of records of a snippet list: the rows, on one page, and the count Wagtail shows."""
    page = tab.page
    rows = page.locator("main table.listing tbody tr").count()
    assert not page.locator(".pagination li.next a[href]").count(), "the list has more pages"
    shown = [int(m.group(1)) for text in page.locator("main h2").all_inner_texts() if (m := re.search(r"(\d+)", text))]
    assert shown == [rows], f"Wagtail shows {shown} results, the table has {rows} rows"
    return rows
