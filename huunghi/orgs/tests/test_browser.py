"""Browser story: a provincial union admin finds one of its branches, adds a member to it, edits the
membership and reads its audit history; another province's admin can reach none of it.

Drives Debian's Chromium through Playwright against the real app, started as a subprocess on its
own SQLite database in a temp dir — it never touches the session test database shared by the rest
of the suite. Every step leaves a screenshot in test-output/browser/.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO_ROOT = Path(__file__).resolve().parents[3]
SHOTS_DIR = REPO_ROOT / "test-output" / "browser"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "huunghi-demo"
NAVIGATION_TIMEOUT_MS = 20_000  # every admin page of the story answers in ~1 s on a laptop

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


# --- The app, started the way a user starts it -------------------------------------------------


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"--- stdout ---\n{result.stdout[-4000:]}\n--- stderr ---\n{result.stderr[-4000:]}"
        )
    return result


def _tail(path, chars=6000):
    try:
        return Path(path).read_text(errors="replace")[-chars:]
    except OSError as exc:
        return f"(cannot read {path}: {exc})"


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("huunghi-browser")
    env = os.environ.copy()
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        HUUNGHI_VAR_DIR=str(var_dir),
        DJANGO_DEBUG="1",
        PYTHONUNBUFFERED="1",
    )
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_admin_units")
    _manage(env, "load_demo")

    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = var_dir / "runserver.log"
    with open(log_path, "w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=REPO_ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                if server.poll() is not None:
                    pytest.fail(f"runserver exited with {server.returncode}:\n{_tail(log_path)}")
                try:
                    with urllib.request.urlopen(base_url + "/admin/login/", timeout=2) as response:
                        if response.status == 200:
                            break
                except (urllib.error.URLError, OSError):
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"runserver did not answer within 30 s:\n{_tail(log_path)}")
                time.sleep(0.25)
            yield {"base_url": base_url, "log_path": log_path}
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


# --- One browser tab with screenshots, checked navigation and failure diagnostics --------------


class Tab:
    def __init__(self, page, base_url, log_path):
        self.page = page
        self.base_url = base_url
        self.log_path = log_path
        self.server_errors = []
        self.pending = {}
        page.set_default_timeout(10_000)
        page.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        page.on("response", self._on_response)
        page.on("request", lambda r: self.pending.__setitem__(id(r), (time.monotonic(), r.method, r.url)))
        page.on("requestfinished", lambda r: self.pending.pop(id(r), None))
        page.on("requestfailed", lambda r: self.pending.pop(id(r), None))

    def _on_response(self, response):
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.request.method} {response.url}")

    def shot(self, name):
        # Let short transitions (messages sliding in, modals fading out) settle first; long or
        # endless decorations (the pulsing "new" badge of the help menu) are not waited for.
        self.page.wait_for_function(
            "document.getAnimations().every(a => a.playState !== 'running'"
            " || !(a.effect?.getComputedTiming().activeDuration <= 2000))"
        )
        path = SHOTS_DIR / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def goto(self, path, expect_status=200):
        started = time.monotonic()
        response = self.page.goto(self.base_url + path)
        assert response is not None, f"no response for {path}"
        assert response.status == expect_status, (
            f"GET {path}: expected {expect_status}, got {response.status} after {time.monotonic() - started:.1f} s\n"
            f"{self.diagnostics()}"
        )
        return response

    def click_and_wait(self, locator, what):
        """Click a link/button that loads a new page; fail clearly if the server does not answer."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        href = locator.get_attribute("href")
        started = time.monotonic()
        try:
            with self.page.expect_navigation(wait_until="load"):
                locator.click()
        except PlaywrightTimeout:
            pytest.fail(
                f"{what}: {href or 'the page'} did not load within {NAVIGATION_TIMEOUT_MS // 1000} s "
                f"(waited {time.monotonic() - started:.0f} s)\n{self.diagnostics()}"
            )

    def text(self, selector="main"):
        locator = self.page.locator(selector)
        return locator.first.inner_text() if locator.count() else self.page.locator("body").inner_text()

    def diagnostics(self):
        now = time.monotonic()
        pending = [f"{m} {u} (pending {now - t:.0f} s)" for t, m, u in self.pending.values() if "gravatar" not in u]
        try:
            body = self.page.locator("body").inner_text(timeout=2_000)[:3000]
        except Exception as exc:  # noqa: BLE001 — diagnostics only
            body = f"(cannot read the page: {type(exc).__name__})"
        return (
            f"browser URL: {self.page.url}\n5xx responses: {self.server_errors}\nrequests still pending: {pending}\n"
            f"--- page text ---\n{body}\n--- runserver log (tail) ---\n{_tail(self.log_path)}"
        )

    def failure_report(self, label):
        """Best effort: a screenshot and the page/server state, never masking the real failure."""
        try:
            self.page.screenshot(path=str(SHOTS_DIR / f"FAILED_{label}.png"), full_page=True, timeout=5_000)
        except Exception as exc:  # noqa: BLE001 — diagnostics only
            print(f"(no failure screenshot: {type(exc).__name__})")
        print(self.diagnostics())

    def login(self, username):
        self.goto("/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.click_and_wait(self.page.locator("button[type=submit]"), f"log in as {username}")
        assert "/admin/login/" not in self.page.url, f"login as {username} failed\n{self.diagnostics()}"

    def logout(self):
        page = self.page
        # The account menu at the foot of the sidebar holds the "log out" button (a POST form).
        page.locator(".sidebar-footer__account").click()
        button = page.locator("form[action$='/logout/'] button[type=submit]")
        button.wait_for(state="visible")
        self.click_and_wait(button, "log out")
        assert "/admin/login/" in page.url, f"logout did not land on the login page\n{self.diagnostics()}"

    def choose_snippet(self, field, title, search=None):
        """Pick `title` in the snippet chooser of form field `field`. The modal has a search box only
        for models Wagtail can search; without one, the title is clicked in the modal's listing."""
        page = self.page
        page.locator(f"#id_{field}-chooser .chooser__choose-button").click()
        modal = page.locator(".modal-dialog")
        modal.wait_for(state="visible")
        search_box = modal.locator("input[name=q]")
        if search and search_box.count():
            search_box.fill(search)
            # The results reload asynchronously: wait for them rather than read the old list.
            modal.locator("a[data-chooser-modal-choice]", has_text=title).first.wait_for(timeout=10_000)
        choice = self._find_in_chooser(modal, title)
        choice.click()
        modal.wait_for(state="hidden")
        chosen = page.locator(f"#id_{field}-chooser [data-chooser-title]").inner_text()
        assert title in chosen, f"the {field} chooser shows {chosen!r}, expected {title!r}"
        assert page.input_value(f"#id_{field}"), f"the {field} chooser left its hidden input empty"

    def _find_in_chooser(self, modal, title):
        """The choice link for `title`, turning the modal's result pages as a user would."""
        from playwright.sync_api import expect

        seen_pages = []
        while True:
            modal.locator("a[data-chooser-modal-choice]").first.wait_for(state="visible")
            choice = modal.locator("a[data-chooser-modal-choice]", has_text=title)
            if choice.count():
                return choice.first
            current = modal.locator(".pagination__page-number--current")
            seen_pages.append(current.inner_text().strip() if current.count() else "1")
            next_link = modal.locator(".pagination li.next a[href]")
            if not next_link.count():
                pytest.fail(f"{title!r} is on none of the chooser's pages {seen_pages}:\n{modal.inner_text()}")
            next_link.click()
            expect(current).not_to_have_text(seen_pages[-1])

    def fill_date(self, field, value):
        """Type a date into a Wagtail date picker input and check leaving the field keeps it."""
        selector = f"#id_{field}"
        picker = self.page.locator(".xdsoft_datetimepicker:visible")
        self.page.click(selector)  # focusing the input opens its calendar
        picker.wait_for()
        self.page.fill(selector, value)
        self.page.locator("h2.w-h1").first.click()  # leave the field: click the form's title
        picker.wait_for(state="detached")
        held = self.page.input_value(selector)
        assert held == value, f"the date picker rewrote {field}: typed {value!r}, the field holds {held!r}"

    def save(self, what):
        """Click the form's save button, wait for the next page and return the success message."""
        button = self.page.locator("main form button[type=submit].action-save, footer button.action-save").first
        self.click_and_wait(button, what)
        message = self.success_message()
        assert message, f"{what}: no success message; form errors: {self.form_errors()}\n{self.diagnostics()}"
        return message

    def success_message(self):
        messages = self.page.locator(".messages .success")
        return messages.first.inner_text() if messages.count() else None

    def form_errors(self):
        errors = self.page.locator(".messages .error, .w-field__errors, .error-message")
        return [text for text in (e.inner_text().strip() for e in errors.all()) if text]


@pytest.fixture
def new_tab(app_server, browser):
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1280, "height": 1400}, locale="vi-VN")
        contexts.append(context)
        return Tab(context.new_page(), app_server["base_url"], app_server["log_path"])

    yield make
    for context in contexts:
        context.close()


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
