"""Browser story: a provincial union admin finds one of its branches, adds a member to it, edits the
membership and reads its audit history; another province's admin can reach none of it.

Drives Debian's Chromium through Playwright against the real app, started as a subprocess on its
own SQLite database in a temp dir — it never touches the session test database shared by the rest
of the suite. Every step leaves a screenshot in test-output/browser/.
"""

import re

import pytest

from huunghi.testing import browser as machinery
from huunghi.testing.browser import SHOTS_DIR, _tail

pytestmark = pytest.mark.browser

# The shared fixtures, made visible to pytest in this module.
app_server = machinery.app_server
browser = machinery.browser
new_tab = machinery.new_tab

VUFO = "Liên hiệp các tổ chức hữu nghị Việt Nam"
NGHE_AN = "Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An"
VIET_LAO_NA = "Hội Hữu nghị Việt – Lào tỉnh Nghệ An"
NGHI_LOC = "Chi hội Quân tình nguyện và chuyên gia quân sự giúp Lào huyện Nghi Lộc"
PERSON_NAME = "Đặng Văn Thử"
PERSON_BIRTH_DATE = "08/03/1952"
JOINED_ON = "15/06/2024"  # day-first, as Vietnamese users type it (WAGTAIL_DATE_FORMAT)
NGHEAN_FULL_NAME = "Quản trị Nghệ An"
CARD_NUMBER = "NL-0001"
NEW_BRANCH = "Chi hội Hữu nghị Việt – Lào phường Trường Vinh"
NEW_BRANCH_SLUG = "nghe-an-viet-lao-truong-vinh"
NEW_BRANCH_UNIT = "Phường Trường Vinh"  # a commune of the 2025 list
NEW_BRANCH_FOUNDED = "01/09/2025"
ORG_ADD = "/admin/snippets/orgs/organization/add/"

ORG_LIST = "/admin/snippets/orgs/organization/"
ORG_EDIT_RE = re.compile(r"/admin/snippets/orgs/organization/edit/(\d+)/$")
PERSON_ADD = "/admin/snippets/orgs/person/add/"
MEMBERSHIP_ADD = "/admin/snippets/orgs/membership/add/"
MEMBERSHIP_EDIT = "/admin/snippets/orgs/membership/edit/{pk}/"
MEMBERSHIP_HISTORY = "/admin/snippets/orgs/membership/history/{pk}/"


# --- The story ----------------------------------------------------------------------------------


def test_union_admin_adds_member_other_province_cannot_see_it(new_tab):
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    for old in SHOTS_DIR.glob("*.png"):
        old.unlink()

    tab = new_tab()
    label = "nghean"
    try:
        tab.login("nghean.admin")
        step1_listing_shows_own_tree(tab)
        branch_edit_path = step2_find_and_open_branch(tab)
        new_branch_path = step2b_add_branch_in_a_commune(tab)
        membership_pk = step3_add_member(tab)
        step4_edit_membership_and_read_history(tab, membership_pk)

        label = "thanhhoa"
        tab.logout()
        tab.shot("10_logged_out")
        tab.login("thanhhoa.admin")
        step5_other_province_sees_nothing(tab, branch_edit_path, membership_pk)
        tab.goto(new_branch_path, expect_status=404)
        assert "Trường Vinh" not in tab.page.locator("body").inner_text()
    except Exception:
        tab.failure_report(label)
        raise
    assert not tab.server_errors, f"server errors during the story: {tab.server_errors}\n{_tail(tab.log_path)}"


def step1_listing_shows_own_tree(tab):
    """VUFO above, Nghệ An's subtree below, nothing of Thanh Hóa."""
    tab.goto(ORG_LIST)
    tab.page.locator("main table").wait_for()
    listing = tab.text("main table")
    for name in (VUFO, NGHE_AN, VIET_LAO_NA, NGHI_LOC):
        assert name in listing, f"{name!r} is missing from nghean.admin's organization listing:\n{listing}"
    assert "Thanh Hóa" not in tab.text(), f"Thanh Hóa shows in nghean.admin's listing:\n{tab.text()}"
    tab.shot("01_nghean_organization_list")


def step2_find_and_open_branch(tab):
    """Search the listing from the header's search box, open the branch; returns its edit path."""
    page = tab.page
    search = page.locator("#id_q")
    search.fill("Nghi Lộc")
    search.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=Nghi"))
    link = page.locator("main table").get_by_role("link", name=re.compile("Nghi Lộc")).first
    link.wait_for()
    results = tab.text("main table")
    assert NGHI_LOC in results, f"searching 'Nghi Lộc' does not list the branch:\n{results}"
    assert "Nam Đàn" not in results, f"searching 'Nghi Lộc' does not filter the listing:\n{results}"
    tab.shot("02_search_nghi_loc")

    tab.click_and_wait(link, "open the Nghi Lộc branch from the search results")
    match = ORG_EDIT_RE.search(page.url)
    assert match, f"clicking the branch did not open its edit page: {page.url}"
    assert page.input_value("#id_name") == NGHI_LOC
    tab.shot("03_nghi_loc_branch_edit")
    return match.group(0)


def step2b_add_branch_in_a_commune(tab):
    """A new Việt–Lào branch in a ward of the 2025 list, through the choosers; returns its edit path."""
    page = tab.page
    tab.goto(ORG_ADD)
    page.fill("#id_name", NEW_BRANCH)
    page.fill("#id_slug", NEW_BRANCH_SLUG)
    page.select_option("#id_kind", "branch")
    tab.choose_snippet("parent", VIET_LAO_NA, search="Việt – Lào")
    tab.choose_snippet("admin_unit", NEW_BRANCH_UNIT, search="Trường Vinh")
    tab.fill_date("founded_on", NEW_BRANCH_FOUNDED)
    tab.shot("03b_new_branch_form")
    message = tab.save("save the new branch")
    assert NEW_BRANCH in message, f"unexpected success message: {message!r}"
    tab.goto(ORG_LIST)
    listing = tab.text("main table")
    assert NEW_BRANCH in listing, f"the new branch is not in the tree:\n{listing}"
    tab.shot("03c_new_branch_in_tree")
    link = page.locator("main table").get_by_role("link", name=re.compile("Trường Vinh")).first
    return ORG_EDIT_RE.search(link.get_attribute("href").rstrip("/") + "/").group(0)


def step3_add_member(tab):
    """Record the person for the branch, then the membership; returns the membership's pk."""
    page = tab.page
    tab.goto(PERSON_ADD)
    tab.choose_snippet("organization", NGHI_LOC, search="Nghi Lộc")
    page.fill("#id_full_name", PERSON_NAME)
    tab.fill_date("birth_date", PERSON_BIRTH_DATE)
    tab.shot("04_person_form")
    message = tab.save("save the person")
    assert PERSON_NAME in message, f"unexpected success message: {message!r}"
    tab.shot("05_person_saved")

    tab.goto(MEMBERSHIP_ADD)
    tab.choose_snippet("organization", NGHI_LOC, search="Nghi Lộc")
    tab.choose_snippet("person", PERSON_NAME, search=PERSON_NAME)
    tab.fill_date("joined_on", JOINED_ON)
    tab.shot("06_membership_form")
    message = tab.save("save the membership")
    assert PERSON_NAME in message, f"unexpected success message: {message!r}"
    tab.shot("07_membership_saved")

    edit_link = page.locator(".messages a[href*='/orgs/membership/edit/']")
    assert edit_link.count(), f"the success message has no link to the new membership\n{tab.diagnostics()}"
    return int(re.search(r"/membership/edit/(\d+)/", edit_link.first.get_attribute("href")).group(1))


def step4_edit_membership_and_read_history(tab, membership_pk):
    page = tab.page
    edit_path = MEMBERSHIP_EDIT.format(pk=membership_pk)
    history_path = MEMBERSHIP_HISTORY.format(pk=membership_pk)

    tab.goto(edit_path)
    assert page.input_value("#id_joined_on") == JOINED_ON, page.input_value("#id_joined_on")
    page.fill("#id_card_number", CARD_NUMBER)
    tab.save("save the card number")
    tab.shot("08_membership_edited")

    # The history, reached from the edit page (header/side panel link) when one is offered.
    tab.goto(edit_path)
    link = page.locator(f"a[href$='{history_path}']:visible")
    if link.count():
        tab.click_and_wait(link.first, "open the membership history")
    else:
        print("no visible history link on the edit page; opening the history by URL")
        tab.goto(history_path)
    assert page.url.endswith(history_path), page.url
    page.locator("main table").wait_for()
    history = tab.text("main table")
    print(f"\nhistory of membership {membership_pk}:\n{history}")
    assert NGHEAN_FULL_NAME in history or "nghean.admin" in history, f"the history does not name the user:\n{history}"
    assert CARD_NUMBER in history, f"the history does not show the new card number:\n{history}"
    tab.shot("09_membership_history")


def step5_other_province_sees_nothing(tab, branch_edit_path, membership_pk):
    page = tab.page
    for shot_name, path in (
        ("11_thanhhoa_branch_edit_404", branch_edit_path),
        ("12_thanhhoa_membership_edit_404", MEMBERSHIP_EDIT.format(pk=membership_pk)),
        ("13_thanhhoa_membership_history_404", MEMBERSHIP_HISTORY.format(pk=membership_pk)),
    ):
        tab.goto(path, expect_status=404)
        body = page.locator("body").inner_text()
        for secret in ("Nghi Lộc", PERSON_NAME, CARD_NUMBER):
            assert secret not in body, f"{path} shows {secret!r} to thanhhoa.admin:\n{body[:3000]}"
        tab.shot(shot_name)

    tab.goto(ORG_LIST)
    page.locator("main table").wait_for()
    listing = tab.text()
    assert "Nghi Lộc" not in listing, f"thanhhoa.admin's listing shows Nghi Lộc:\n{listing}"
    assert "Nghệ An" not in listing, f"thanhhoa.admin's listing shows Nghệ An:\n{listing}"
    assert "Thanh Hóa" in listing, f"thanhhoa.admin's own union is missing from the listing:\n{listing}"
    tab.shot("14_thanhhoa_organization_list")
