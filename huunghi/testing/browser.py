"""Real-browser test machinery: the app started the way a user starts it, Debian's Chromium driven
through Playwright, and a `Tab` helper with screenshots and failure diagnostics.

The app runs as subprocesses (runserver and the background worker for member imports) on its own
SQLite database in a temp dir — it never touches the session test database shared by the rest of
the suite. Test modules use the fixtures by importing them into their namespace:

    from huunghi.testing.browser import app_server, browser, new_tab  # noqa: F401 (fixtures)
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SHOTS_DIR = REPO_ROOT / "test-output" / "browser"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "huunghi-demo"  # every demo account's (huunghi/demo/data.py)
NAVIGATION_TIMEOUT_MS = 20_000  # every admin page of the stories answers in ~1 s on a laptop
SERVER_START_TIMEOUT = 30
WORKER_START_GRACE = 0.5  # seconds the worker must have stayed up once runserver answers

# Settings read from the environment that would lead the subprocesses out of their temp dir.
_LEAKY_ENV = ("DATABASE_URL", "MEDIA_ROOT", "PRIVATE_ROOT", "STATIC_ROOT")


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
    if path is None:
        return "(no log)"
    try:
        return Path(path).read_text(errors="replace")[-chars:]
    except OSError as exc:
        return f"(cannot read {path}: {exc})"


def _start(args, env, log_path, mode="w"):
    with open(log_path, mode) as log_file:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "manage.py", *args], cwd=REPO_ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )


def _stop(process):
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class BackgroundWorker:
    """The django-tasks worker that runs member imports ("background" backend), as a subprocess.

    A test can stop it (SIGTERM: the worker leaves its database transaction and exits) to look at
    a job still waiting in the queue, and start it again; every run appends to the same log."""

    ARGS = ["db_worker", "--backend", "background", "--interval", "0.2", "--no-reload", "--no-startup-delay"]

    def __init__(self, env, log_path):
        self.env = env
        self.log_path = log_path
        self.process = None
        Path(log_path).write_text("")

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def start(self):
        assert not self.running, "the worker is already running"
        self.process = _start(self.ARGS, self.env, self.log_path, mode="a")
        return self

    def check_alive(self):
        if not self.running:
            code = self.process.returncode if self.process else None
            pytest.fail(f"db_worker exited with {code}:\n{_tail(self.log_path)}")

    def stop(self):
        _stop(self.process)


def _wait_for_server(server, base_url, log_path):
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while True:
        if server.poll() is not None:
            pytest.fail(f"runserver exited with {server.returncode}:\n{_tail(log_path)}")
        try:
            with urllib.request.urlopen(base_url + "/admin/login/", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"runserver did not answer within {SERVER_START_TIMEOUT} s:\n{_tail(log_path)}")
        time.sleep(0.25)


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """runserver and the member-import worker (db_worker of the "background" task backend) on a
    fresh SQLite database with the administrative units and the demo data."""
    var_dir = tmp_path_factory.mktemp("huunghi-browser")
    env = os.environ.copy()
    for name in _LEAKY_ENV:
        env.pop(name, None)
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
    worker_log_path = var_dir / "db_worker.log"
    server = None
    worker = BackgroundWorker(env, worker_log_path)
    try:
        server = _start(["runserver", f"127.0.0.1:{port}", "--noreload"], env, log_path)
        worker.start()
        _wait_for_server(server, base_url, log_path)
        time.sleep(WORKER_START_GRACE)
        worker.check_alive()
        yield {
            "base_url": base_url,
            "log_path": log_path,
            "worker_log_path": worker_log_path,
            "var_dir": var_dir,
            "worker": worker,
        }
    finally:
        worker.stop()
        _stop(server)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_tab(app_server, browser):
    """A factory of `Tab`s, each in its own browser context (own cookies), closed after the test."""
    contexts = []

    def make(shots_dir=SHOTS_DIR, **context_options):
        options = {"viewport": {"width": 1280, "height": 1400}, "locale": "vi-VN", **context_options}
        context = browser.new_context(**options)
        contexts.append(context)
        return Tab(
            context.new_page(),
            app_server["base_url"],
            app_server["log_path"],
            worker_log_path=app_server["worker_log_path"],
            shots_dir=shots_dir,
        )

    yield make
    for context in contexts:
        context.close()


# --- One browser tab with screenshots, checked navigation and failure diagnostics --------------


class Tab:
    def __init__(self, page, base_url, log_path, worker_log_path=None, shots_dir=SHOTS_DIR):
        self.page = page
        self.base_url = base_url
        self.log_path = log_path
        self.worker_log_path = worker_log_path
        self.shots_dir = Path(shots_dir)
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
        # A function, not an expression: Playwright would `eval` an expression, which the back
        # office's Content-Security-Policy refuses.
        self.page.wait_for_function(
            "() => document.getAnimations().every(a => a.playState !== 'running'"
            " || !(a.effect?.getComputedTiming().activeDuration <= 2000))"
        )
        self.shots_dir.mkdir(parents=True, exist_ok=True)
        path = self.shots_dir / f"{name}.png"
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
        report = (
            f"browser URL: {self.page.url}\n5xx responses: {self.server_errors}\nrequests still pending: {pending}\n"
            f"--- page text ---\n{body}\n--- runserver log (tail) ---\n{_tail(self.log_path)}"
        )
        if self.worker_log_path is not None:
            report += f"\n--- db_worker log (tail) ---\n{_tail(self.worker_log_path, 4000)}"
        return report

    def failure_report(self, label):
        """Best effort: a screenshot and the page/server state, never masking the real failure."""
        try:
            self.shots_dir.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(self.shots_dir / f"FAILED_{label}.png"), full_page=True, timeout=5_000)
        except Exception as exc:  # noqa: BLE001 — diagnostics only
            print(f"(no failure screenshot: {type(exc).__name__})")
        print(self.diagnostics())

    def login(self, username, password=PASSWORD):
        self.goto("/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
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

    def error_message(self):
        messages = self.page.locator(".messages .error")
        return messages.first.inner_text() if messages.count() else None

    def form_errors(self):
        errors = self.page.locator(".messages .error, .w-field__errors, .error-message")
        return [text for text in (e.inner_text().strip() for e in errors.all()) if text]
