"""Browser story of the emulation cycle for one member (issue 6, must-have 6), on the demo's
Cluster No. 1 for 2026 (head: the Nghệ An union; every sheet a draft).

The Phú Thọ union admin opens its score sheet from the menu, takes the figures from the records,
types its targets, figures, pass/fail answers and self-scores, is refused a self-score above the
criterion's maximum (message beside the row, nothing saved), corrects it and sends the sheet. It
sees no other member's sheet and no ranking. The Nghệ An admin (cluster head) scores one criterion
lower than the self-score with a comment, takes the self-scores for the rest and sends the review;
Phú Thọ answers on that criterion; the head makes the sheet final, after which it shows no input
and a posted score is refused. The other eight sheets are taken through the cycle server-side,
the head makes the cluster's results final: Phú Thọ's total in the ranking is its sheet's, Phú
Thọ now sees the ranking, the head drafts the award proposals, the criterion's history names the
head, and the ranking XLSX downloaded through the browser carries the page's total.

Runs against the real app (runserver on its own SQLite database with the demo data, see
huunghi/testing/browser.py). Every step leaves a screenshot in test-output/browser/emulation/.
Elements are found by URL, input name and data-testid; statuses and messages are compared with
the catalog's rendering of huunghi.emulation's constants, never with English or Vietnamese text.
"""

import json
import re
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation
from lxml import html

from huunghi.demo.data import DEMO_ACCOUNTS
from huunghi.emulation import errors
from huunghi.emulation.choices import SheetStatus
from huunghi.testing import browser as machinery
from huunghi.testing.browser import NAVIGATION_TIMEOUT_MS, SHOTS_DIR, _manage, _tail

pytestmark = pytest.mark.browser

# The shared fixtures, made visible to pytest in this module.
app_server = machinery.app_server
browser = machinery.browser
new_tab = machinery.new_tab

SHOTS = SHOTS_DIR / "emulation"
WIDTH = 1280

CLUSTERS = "/admin/emulation/"
CLUSTER_URL_RE = re.compile(r"/admin/emulation/cluster/(\d+)/$")
SHEET_URL_RE = re.compile(r"/admin/emulation/sheet/(\d+)/$")
ENTRY_HISTORY_RE = re.compile(r"/admin/emulation/entry/(\d+)/history/$")
YEAR = "2026"

MEMBER, HEAD = "phutho.admin", "nghean.admin"
MEMBER_SLUG, HEAD_SLUG = "phu-tho", "nghe-an"
FULL_NAMES = {username: full_name for username, _org, _role, _su, full_name in DEMO_ACCOUNTS}
OTHER_MEMBERS = 8  # Cluster No. 1 for 2026: 9 unions after the 2025 mergers (huunghi/demo/emulation.py)

# Phú Thọ's self-assessment, criterion code → what it types (huunghi/demo/emulation.py CRITERIA).
# Each self-score is what the rules give for the figures, so the "Suggested" column agrees.
TARGETS = {"2.1": "8", "2.3": "500.000.000"}  # thousands with dots, as Vietnamese users write them
ACHIEVED = {"1.2": "3", "2.1": "6", "2.2": "4", "2.3": "350.000.000", "3.1": "1", "4.1": "16", "5": "1", "6": "0"}
PASSED = {"1.1": "yes", "1.3": "yes", "3.2": "yes"}
SELF_POINTS = {
    "1.1": "10", "1.2": "7,5", "1.3": "10", "2.1": "11,25", "2.2": "10", "2.3": "10,5", "3.1": "5", "3.2": "10",
    "4.1": "8", "5": "1", "6": "0",
}  # fmt: skip
SELF_TOTAL = "83,25"
EVIDENCE = ("1.2", "Biên bản 3 hoạt động chung của Cụm năm 2026.")
SUMMARY = "Năm đầu sau hợp nhất: Liên hiệp tỉnh Phú Thọ đã thực hiện đầy đủ giao ước thi đua của Cụm."
TOO_MANY = ("1.1", "12")  # pass/fail criterion worth at most 10 points

# The head's review: one criterion lower than the self-score, with a comment.
CUT = ("1.2", "5")
CUT_COMMENT = "Biên bản chỉ ghi nhận 2 hoạt động chung của Cụm có Phú Thọ tham gia."
HEAD_TOTAL = "80,75"  # 83,25 − 2,5
ANSWER = "Phú Thọ tham gia cả hội nghị giao ban quý IV; biên bản sẽ được gửi bổ sung."

# The other eight sheets: the k-th (by union name) gets every criterion's maximum minus k points,
# no bonus or penalty, so their totals are 100, 91, 82, …, 37 — none equal to Phú Thọ's.
LEAF_MAXIMA = [10, 10, 10, 15, 10, 15, 10, 10, 10]
OTHER_TOTALS = [sum(max(top - k, 0) for top in LEAF_MAXIMA) for k in range(OTHER_MEMBERS)]
EXPECTED_RANK = 1 + sum(total > Decimal(HEAD_TOTAL.replace(",", ".")) for total in OTHER_TOTALS)
PROPOSALS = 3  # the flag for rank 1, certificates of merit for ranks 2 and 3 (services.draft_proposals)

# Run inside the app's own database (manage.py shell, the app's environment): every other member
# through self-assessment (by its own officer where the demo has one, else by VUFO on its behalf),
# the head's acceptance of the self-scores, the review and the final sheet.
FINALIZE_OTHERS = (
    f"HEAD, HEAD_SLUG, MEMBER_SLUG, YEAR = {HEAD!r}, {HEAD_SLUG!r}, {MEMBER_SLUG!r}, {YEAR}\n"
    + """
import json
from decimal import Decimal
from django.contrib.auth import get_user_model
from huunghi.emulation import services
from huunghi.emulation.choices import CriterionKind
from huunghi.emulation.models import EmulationCluster

users = {u.username: u for u in get_user_model().objects.filter(username__in=["vufo.admin", HEAD])}
head = users[HEAD]
cluster = EmulationCluster.objects.get(number=1, year=YEAR)
sheets = cluster.sheets.exclude(organization__slug=MEMBER_SLUG).select_related("organization")
totals = {}
for k, sheet in enumerate(sorted(sheets, key=lambda s: s.organization.name)):
    officer = head if sheet.organization.slug == HEAD_SLUG else users["vufo.admin"]
    rows = {}
    for entry in sheet.entries.select_related("criterion"):
        low, high = entry.criterion.points_range()
        bonus = entry.criterion.kind == CriterionKind.BONUS_PENALTY
        rows[entry.pk] = {"self_points": Decimal(0) if bonus else max(high - k, low)}
    services.save_self_assessment(sheet, officer, rows)
    services.submit(sheet, officer)
    services.accept_self_scores(sheet, head)
    services.send_review(sheet, head)
    services.finalize_sheet(sheet, head)
    totals[sheet.organization.slug] = str(sum(e.points for e in sheet.entries.all()))
print(json.dumps(totals))
"""
)


def vietnamese(message, **params):
    """A message of huunghi.emulation as the Vietnamese catalog renders it."""
    with translation.override("vi"):
        return str(message) % params if params else str(message)


# --- The story ----------------------------------------------------------------------------------


def test_one_member_through_the_whole_cycle_to_the_ranking(app_server, new_tab):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in [*SHOTS.glob("*.png"), *SHOTS.glob("*.xlsx")]:
        old.unlink()

    member, head = new_tab(shots_dir=SHOTS), new_tab(shots_dir=SHOTS)
    tabs = {"member": member, "head": head}
    try:
        member.login(MEMBER)
        head.login(HEAD)
        cluster_path = step1_open_the_cluster_from_the_menu(member)
        sheets = sheet_paths(head, cluster_path)
        sheet = sheets[MEMBER_SLUG]
        step2_self_assessment(member, sheet)
        step3_member_sees_only_its_own_sheet(member, head, cluster_path, sheets)
        step4_review(head, sheet)
        step5_answer(member, sheet)
        step6_final_sheet(head, sheet)
        step7_final_results_and_ranking(app_server, head, member, cluster_path, sheet)
        step8_history_names_the_head(head, sheet)
        step9_ranking_xlsx(head, cluster_path)
    except Exception:
        for label, tab in tabs.items():
            tab.failure_report(f"emulation_{label}")
        raise
    for tab in tabs.values():
        assert not tab.server_errors, f"server errors during the story: {tab.server_errors}\n{_tail(tab.log_path)}"


def step1_open_the_cluster_from_the_menu(tab):
    """Menu "Thi đua" → "Cụm thi đua của tôi", then the 2026 cluster; returns its path."""
    page = tab.page
    tab.goto("/admin/")
    link = page.locator(f"nav a[href='{CLUSTERS}']").first
    link.wait_for(state="attached")  # the sidebar is drawn by script
    if not link.is_visible():  # inside the "Thi đua" sub-menu: open it first
        page.locator("li", has=page.locator(f"a[href='{CLUSTERS}']")).locator("> button").first.click()
        link.wait_for(state="visible")
    shot(tab, "01_menu")
    tab.click_and_wait(link, "open my emulation clusters from the menu")
    assert page.url.endswith(CLUSTERS), page.url
    rows = page.locator(f"{by_testid('clusters')} tbody tr")
    years = [row.locator("td").first.inner_text().strip() for row in rows.all()]
    assert years == [YEAR], f"Phú Thọ (a union since 2025) takes part in the clusters of {years}"
    shot(tab, "02_my_clusters")
    tab.click_and_wait(rows.first.locator("a").first, f"open the {YEAR} cluster")
    path = tab.page.url.removeprefix(tab.base_url)
    assert CLUSTER_URL_RE.search(path), path
    shot(tab, "03_cluster_2026_member")
    return path


def sheet_paths(head, cluster_path):
    """slug → path of each member's sheet, as the head's cluster page links them."""
    head.goto(cluster_path)
    links = head.page.locator(f"{by_testid('members')} a[data-testid^='sheet-']")
    paths = {a.get_attribute("data-testid").removeprefix("sheet-"): a.get_attribute("href") for a in links.all()}
    assert len(paths) == OTHER_MEMBERS + 1, f"the head sees the sheets of {sorted(paths)}"
    assert all(SHEET_URL_RE.search(p) for p in paths.values()), paths
    return paths


def step2_self_assessment(tab, sheet):
    page = tab.page
    tab.click_and_wait(page.locator(by_testid(f"sheet-{MEMBER_SLUG}")), "open Phú Thọ's score sheet")
    assert page.url.endswith(sheet), page.url
    draft = status(tab)
    assert draft == vietnamese(SheetStatus.DRAFT.label), f"the 2026 sheet is {draft!r}"
    shot(tab, "04_sheet_draft")

    tab.click_and_wait(page.locator(by_testid("propose")), "take the figures from the records")
    assert tab.success_message(), f"no message after taking the figures\n{tab.diagnostics()}"
    assert not tab.error_message(), tab.error_message()
    shot(tab, "05_figures_from_the_records")
    before = stored_values(tab, sheet)
    assert before, "the draft sheet shows no input"

    # Everything typed at once, with one self-score above its criterion's maximum.
    fill_self_assessment(tab, {**SELF_POINTS, TOO_MANY[0]: TOO_MANY[1]})
    tab.click_and_wait(page.locator(by_testid("submit")), "send a self-score above the maximum")
    code, points = TOO_MANY
    expected = vietnamese(errors.POINTS_ABOVE_MAX, points=points, max="10")
    assert row_errors(tab, code) == expected, f"row {code}: {row_errors(tab, code)!r}, expected {expected!r}"
    assert [c for c in SELF_POINTS if row_errors(tab, c)] == [code], "errors on rows that are right"
    assert tab.error_message(), "no error message at the top of the page"
    assert status(tab) == draft, "the sheet was sent despite the error"
    # The form comes back with everything typed, for the user to correct the one row.
    assert page.input_value(self_input(code)) == points
    for other, value in TARGETS.items():
        assert page.input_value(entry_input(tab, "target", other)) == value, f"target of {other} lost"
    for other, value in PASSED.items():
        assert page.input_value(entry_input(tab, "passed", other)) == value, f"pass/fail of {other} lost"
    assert page.input_value(entry_input(tab, "evidence", EVIDENCE[0])) == EVIDENCE[1]
    assert page.input_value(by_name("sheet_text")) == SUMMARY
    shot(tab, "06_self_score_above_maximum_refused")

    # Nothing was saved: the sheet, read again beside the form, holds what it held before the post.
    assert stored_values(tab, sheet) == before, "a refused post saved part of the sheet"

    page.fill(self_input(code), SELF_POINTS[code])
    tab.click_and_wait(page.locator(by_testid("submit")), "send the self-assessment")
    assert not tab.error_message(), f"{tab.form_errors()}\n{tab.diagnostics()}"
    assert status(tab) == vietnamese(SheetStatus.SUBMITTED.label), status(tab)
    assert text_of(tab, "self-total") == SELF_TOTAL
    assert not form_values(tab), "the sent sheet is still editable by the union"
    assert EVIDENCE[1] in cell(tab, EVIDENCE[0], EVIDENCE_COLUMN)
    for code, points in SELF_POINTS.items():
        assert number(cell(tab, code, SELF_COLUMN)) == number(points), f"self-score of {code}"
        assert number(cell(tab, code, SUGGESTED_COLUMN)) == number(points), f"the rules give another score for {code}"
    shot(tab, "07_sheet_submitted")


def step3_member_sees_only_its_own_sheet(member, head, cluster_path, sheets):
    page = member.page
    member.goto(cluster_path)
    links = page.locator(f"{by_testid('members')} a[data-testid^='sheet-']")
    assert [a.get_attribute("data-testid") for a in links.all()] == [f"sheet-{MEMBER_SLUG}"]
    assert not page.locator(by_testid("ranking")).count(), "a member sees the ranking before the results are final"
    assert not page.locator(by_testid("ranking-xlsx")).count()
    assert not page.locator(by_testid("finalize-cluster")).count()
    shot(member, "08_cluster_member_no_ranking")

    other = sheets[HEAD_SLUG]
    member.goto(other, expect_status=404)
    member.goto(cluster_path + "ranking.xlsx", expect_status=404)
    head.goto(other)
    other_history = head.page.locator(by_testid("history-1.1")).get_attribute("href")
    member.goto(other_history, expect_status=404)


def step4_review(head, sheet):
    page = head.page
    head.goto(sheet)
    assert status(head) == vietnamese(SheetStatus.SUBMITTED.label)
    for code in SELF_POINTS:
        assert page.input_value(points_input(code)) == "", f"{code} has head points before the review"
    code, points = CUT
    page.fill(points_input(code), points)
    page.fill(entry_input(head, "comment", code), CUT_COMMENT)
    shot(head, "09_review_one_cut")
    head.click_and_wait(page.locator(by_testid("accept")), "take the self-scores for the rest")
    assert not head.error_message(), f"{head.form_errors()}\n{head.diagnostics()}"
    for other, self_points in SELF_POINTS.items():
        wanted = points if other == code else self_points
        assert number(page.input_value(points_input(other))) == number(wanted), f"head points of {other}"
    assert text_of(head, "head-total") == HEAD_TOTAL
    head.click_and_wait(page.locator(by_testid("send-review")), "send the review")
    assert not head.error_message(), f"{head.form_errors()}\n{head.diagnostics()}"
    assert status(head) == vietnamese(SheetStatus.REVIEWED.label), status(head)
    shot(head, "10_review_sent")


def step5_answer(member, sheet):
    page = member.page
    member.goto(sheet)
    code, points = CUT
    assert number(cell(member, code, HEAD_COLUMN)) == number(points)
    assert CUT_COMMENT in cell(member, code, COMMENT_COLUMN)
    assert text_of(member, "head-total") == HEAD_TOTAL
    answers = page.locator("textarea[data-testid^='answer-']")
    assert answers.count() == len(SELF_POINTS), "not every criterion can be answered"
    page.fill(f"textarea{by_testid(f'answer-{code}')}", ANSWER)
    shot(member, "11_answer")
    member.click_and_wait(page.locator(by_testid("send-answer")), "send the answer")
    assert not member.error_message(), f"{member.form_errors()}\n{member.diagnostics()}"
    assert status(member) == vietnamese(SheetStatus.ANSWERED.label), status(member)
    assert ANSWER in cell(member, code, COMMENT_COLUMN)
    shot(member, "12_answer_sent")


def step6_final_sheet(head, sheet):
    page = head.page
    head.goto(sheet)
    assert ANSWER in cell(head, CUT[0], COMMENT_COLUMN), "the head does not see the union's answer"
    head.click_and_wait(page.locator(by_testid("finalize")), "make the sheet final")
    assert not head.error_message(), f"{head.form_errors()}\n{head.diagnostics()}"
    assert status(head) == vietnamese(SheetStatus.FINAL.label), status(head)
    assert not form_values(head), "the final sheet still shows inputs"
    for name in ("save", "accept", "send-review", "finalize"):
        assert not page.locator(by_testid(name)).count(), f"the final sheet still has the {name} button"
    assert text_of(head, "head-total") == HEAD_TOTAL
    shot(head, "13_sheet_final")

    # Scoring after finalization: a post of new points (as a stale form would send) is refused.
    entry_id = entry_pk(head, CUT[0])
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    response = page.request.post(
        head.base_url + sheet,
        form={"csrfmiddlewaretoken": token, "action": "save", f"points-{entry_id}": "10", f"comment-{entry_id}": "x"},
        max_redirects=0,
    )
    assert response.status == 302, f"POST after finalization: {response.status}\n{response.text()[:2000]}"
    head.goto(sheet)  # where the refused post leads, with its message
    message = (head.error_message() or "").strip()
    assert message == vietnamese(errors.SHEET_FINAL), f"scoring a final sheet: {message!r}"
    assert number(cell(head, CUT[0], HEAD_COLUMN)) == number(CUT[1]), "a final sheet's points changed"
    assert text_of(head, "head-total") == HEAD_TOTAL
    shot(head, "14_scoring_after_final_refused")


def step7_final_results_and_ranking(app_server, head, member, cluster_path, sheet):
    page = head.page
    head.goto(cluster_path)
    button = page.locator(by_testid("finalize-cluster"))
    assert button.is_disabled(), "the results can be made final while sheets are open"
    shot(head, "15_cluster_head_sheets_open")

    shell = _manage(app_server["worker"].env, "shell", "--no-imports", "-c", FINALIZE_OTHERS)
    others = json.loads(shell.stdout.strip().splitlines()[-1])
    assert len(others) == OTHER_MEMBERS, others
    assert sorted(Decimal(t) for t in others.values()) == sorted(OTHER_TOTALS), others

    head.goto(cluster_path)
    assert button.is_enabled(), "every sheet is final, yet the results cannot be made final"
    head.click_and_wait(button, "make the cluster's results final")
    assert not head.error_message(), f"{head.error_message()}\n{head.diagnostics()}"
    assert head.success_message()
    rank, total = ranking_row(head, MEMBER_SLUG)
    assert total == HEAD_TOTAL, f"Phú Thọ's total in the ranking: {total}, on its sheet: {HEAD_TOTAL}"
    assert rank == str(EXPECTED_RANK), f"Phú Thọ ranks {rank}, expected {EXPECTED_RANK}"
    assert page.locator(f"{by_testid('ranking')} tbody tr").count() == OTHER_MEMBERS + 1
    shot(head, "16_results_final_ranking")

    member.goto(cluster_path)
    assert ranking_row(member, MEMBER_SLUG) == (rank, total), "the member sees other figures than the head"
    assert member.page.locator(f"{by_testid('ranking')} tbody tr").count() == OTHER_MEMBERS + 1
    assert not member.page.locator(by_testid("draft-proposals")).count()
    shot(member, "17_cluster_member_ranking")
    own_total = member.page.locator(f"tr{by_testid(f'rank-{MEMBER_SLUG}')} td a")
    member.click_and_wait(own_total, "open Phú Thọ's sheet from its total in the ranking")
    assert member.page.url.endswith(sheet), member.page.url
    assert text_of(member, "head-total") == HEAD_TOTAL

    head.click_and_wait(page.locator(by_testid("draft-proposals")), "draft the award proposals")
    assert not head.error_message(), f"{head.error_message()}\n{head.diagnostics()}"
    rows = page.locator(f"{by_testid('proposals')} tbody tr")
    assert rows.count() == PROPOSALS, rows.all_inner_texts()
    ranks = [row.locator("td").first.inner_text().strip() for row in rows.all()]
    assert sorted(ranks) == ["1", "2", "3"], ranks
    shot(head, "18_award_proposals")


def step8_history_names_the_head(head, sheet):
    page = head.page
    head.goto(sheet)
    code = CUT[0]
    head.click_and_wait(page.locator(by_testid(f"history-{code}")), f"open the history of criterion {code}")
    assert ENTRY_HISTORY_RE.search(page.url), page.url
    rows = [r.locator("td").all_inner_texts() for r in page.locator(f"{by_testid('history')} tbody tr").all()]
    who = {cells[1].strip() for cells in rows if CUT[1] in cells[2] and CUT_COMMENT in cells[2]}
    assert who == {FULL_NAMES[HEAD]}, f"who entered {code}'s points, per the history: {rows}"
    assert any(HEAD in cells[2] for cells in rows if CUT_COMMENT in cells[2]), f"no account name: {rows}"
    assert FULL_NAMES[MEMBER] in {cells[1].strip() for cells in rows}, f"the self-score's author is missing: {rows}"
    shot(head, "19_history_of_the_cut_criterion")


def step9_ranking_xlsx(head, cluster_path):
    page = head.page
    head.goto(cluster_path)
    _rank, total = ranking_row(head, MEMBER_SLUG)
    link = page.locator(by_testid("ranking-xlsx"))
    try:
        with page.expect_download(timeout=NAVIGATION_TIMEOUT_MS) as download_info:
            link.click()
    except Exception:
        response = page.request.get(head.base_url + link.get_attribute("href"))
        pytest.fail(f"no download: {response.status}\n{response.text()[:4000]}\n{head.diagnostics()}")
    download = download_info.value
    assert download.failure() is None, download.failure()
    assert download.suggested_filename.endswith(f"-{YEAR}.xlsx"), download.suggested_filename
    target = SHOTS / "20_ranking.xlsx"
    download.save_as(target)

    book = openpyxl.load_workbook(target, data_only=True)
    sheet = book.worksheets[0]
    rows = [row for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert len(rows) == OTHER_MEMBERS + 1, rows
    mine = [row for row in rows if "Phú Thọ" in str(row[1])]
    assert len(mine) == 1, rows
    total_column = -2  # …, total points, status
    assert Decimal(str(mine[0][total_column])) == Decimal(total.replace(",", ".")), mine[0]
    assert str(mine[0][0]) == str(EXPECTED_RANK), mine[0]


# --- Helpers ------------------------------------------------------------------------------------

# Columns of the score sheet table (emulation/sheet.html), 0-based.
EVIDENCE_COLUMN, SUGGESTED_COLUMN, SELF_COLUMN, HEAD_COLUMN, COMMENT_COLUMN = 5, 6, 7, 8, 9


# Tab.shot's wait for short transitions, written as a function: the back office's Content-Security-
# Policy refuses the eval() with which Playwright runs a bare expression.
SETTLED = (
    "() => document.getAnimations().every(a => a.playState !== 'running'"
    " || !(a.effect?.getComputedTiming().activeDuration <= 2000))"
)


def shot(tab, name):
    """A screenshot of the whole page: the admin scrolls inside <main>, so the viewport is made as
    tall as <main>'s content first (Playwright's full_page sees only the document)."""
    page = tab.page
    page.set_viewport_size({"width": WIDTH, "height": 900})
    height = page.evaluate("() => document.querySelector('main')?.scrollHeight || 0")
    page.set_viewport_size({"width": WIDTH, "height": min(max(height, 900), 12_000)})
    page.wait_for_function(SETTLED)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def number(text):
    """Points as the pages write them ("7,5", "7,50", "10") → Decimal."""
    return Decimal(text.strip().replace(",", "."))


def by_testid(name):
    return f'[data-testid="{name}"]'


def by_name(name):
    return f'[name="{name}"]'


def status(tab):
    return text_of(tab, "sheet-status")


def text_of(tab, name):
    return tab.page.locator(by_testid(name)).first.inner_text().strip()


def row(tab, code):
    return tab.page.locator(f"tr{by_testid(f'row-{code}')}")


def cell(tab, code, column):
    """The text of a cell of criterion `code`'s row, without the "who, when" line under a score."""
    td = row(tab, code).locator("td").nth(column)
    return td.evaluate(
        "td => [...td.childNodes].filter(n => !n.classList?.contains('meta')).map(n => n.textContent).join('').trim()"
    )


def row_errors(tab, code):
    errors_box = tab.page.locator(by_testid(f"errors-{code}"))
    return errors_box.inner_text().strip() if errors_box.count() else ""


def entry_pk(tab, code):
    """The id of criterion `code`'s entry on this sheet, from its history link."""
    href = row(tab, code).locator(by_testid(f"history-{code}")).get_attribute("href")
    return ENTRY_HISTORY_RE.search(href).group(1)


def entry_input(tab, field, code):
    return by_name(f"{field}-{entry_pk(tab, code)}")


def self_input(code):
    return f"input{by_testid(f'self-{code}')}"


def points_input(code):
    return f"input{by_testid(f'points-{code}')}"


def form_values(tab):
    """name → value of every visible input of the sheet form (empty when the sheet is read only)."""
    return tab.page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(
            '[data-testid=sheet-form] input:not([type=hidden]):not([type=file]), '
            + '[data-testid=sheet-form] textarea, [data-testid=sheet-form] select')].map(e => [e.name, e.value]))"""
    )


def stored_values(tab, sheet):
    """What `form_values` would show on the sheet read afresh, without leaving the page."""
    response = tab.page.request.get(tab.base_url + sheet)
    assert response.ok, f"score sheet: {response.status}"
    form = html.fromstring(response.text()).xpath("//form[@data-testid='sheet-form']")[0]
    values = {}
    for field in form.xpath(".//input[not(@type='hidden') and not(@type='file')] | .//textarea | .//select"):
        if field.tag == "select":
            options = field.xpath("./option[@selected]") or field.xpath("./option")
            values[field.get("name")] = options[0].get("value")
        else:
            values[field.get("name")] = field.text_content() if field.tag == "textarea" else field.get("value", "")
    return values


def fill_self_assessment(tab, self_points):
    page = tab.page
    for code, value in TARGETS.items():
        page.fill(entry_input(tab, "target", code), value)
    for code, value in ACHIEVED.items():
        page.fill(entry_input(tab, "achieved", code), value)
    for code, value in PASSED.items():
        page.select_option(entry_input(tab, "passed", code), value)
    for code, value in self_points.items():
        page.fill(self_input(code), value)
    page.fill(entry_input(tab, "evidence", EVIDENCE[0]), EVIDENCE[1])
    page.fill(by_name("sheet_text"), SUMMARY)


def ranking_row(tab, slug):
    """(rank, total) of the union's row of the ranking table."""
    cells = tab.page.locator(f"tr{by_testid(f'rank-{slug}')} td")
    assert cells.count(), f"no ranking row for {slug}\n{tab.diagnostics()}"
    return cells.first.inner_text().strip(), cells.nth(cells.count() - 2).locator("strong").inner_text().strip()
