"""The public portal in headless Chromium: axe-core finds no serious or critical violation on
home, list, article and search; the Nu HTML checker finds no error; scripts planted in an
article or a search never run; the pages work on a phone.

axe-core and vnu-jar come from npm into var/test-tools (`make test-tools`, part of `make test`).
"""

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from huunghi.testing.browser import REPO_ROOT, SHOTS_DIR, app_server, browser, new_tab  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

TOOLS = REPO_ROOT / "var" / "test-tools" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
HOST = "nghe-an.localhost"
PAGES = {
    "home": "/",
    "list": "/tin-tuc/",
    "article": "/tin-tuc/hoi-nghi-ban-chap-hanh-lan-thu-9-nhiem-ky-5/",
    "search": "/tim-kiem/?q=doi+ngoai",
    "english-article": "/en/news/hoi-nghi-ban-chap-hanh-lan-thu-9-nhiem-ky-5/",
}
XSS_MARK = "window.__huunghi_xss"


@pytest.fixture(scope="module")
def tools():
    missing = [str(p) for p in (AXE, VNU) if not p.is_file()]
    if missing:
        pytest.fail(f"test tools missing (run `make test-tools`): {missing}")
    return {"axe": AXE.read_text(encoding="utf-8"), "vnu": VNU}


def site_url(app_server, path):  # noqa: F811
    port = app_server["base_url"].rsplit(":", 1)[1]
    return f"http://{HOST}:{port}{path}"


def goto(tab, url):
    response = tab.page.goto(url)
    assert response is not None and response.status == 200, (
        f"{url}: {response and response.status}\n{tab.diagnostics()}"
    )


def test_axe_finds_no_serious_or_critical_violation(app_server, new_tab, tools):  # noqa: F811
    tab = new_tab(bypass_csp=True)
    report = {}
    for name, path in PAGES.items():
        goto(tab, site_url(app_server, path))
        tab.page.evaluate(tools["axe"])
        result = tab.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if bad:
            report[name] = bad
        tab.shot(f"portal-{name}")
    assert not report, json.dumps(report, ensure_ascii=False, indent=1)


def test_nu_html_checker_finds_no_error(app_server, tools, tmp_path):  # noqa: F811
    files = []
    for name, path in PAGES.items():
        port = app_server["base_url"].rsplit(":", 1)[1]
        request = urllib.request.Request(app_server["base_url"] + path, headers={"Host": f"{HOST}:{port}"})
        with urllib.request.urlopen(request, timeout=20) as response:
            target = tmp_path / f"{name}.html"
            target.write_bytes(response.read())
            files.append(str(target))
    result = subprocess.run(
        ["java", "-jar", str(tools["vnu"]), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"
    ]
    assert not errors, "\n".join(errors)
    assert result.returncode == 0, result.stderr[-2000:]


def _manage_env(app_server):  # noqa: F811
    env = os.environ.copy()
    for name in ("DATABASE_URL", "MEDIA_ROOT", "PRIVATE_ROOT", "STATIC_ROOT"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev", HUUNGHI_VAR_DIR=str(app_server["var_dir"]), DJANGO_DEBUG="1"
    )
    return env


PLANT = f"""
from wagtail.rich_text import RichText
from huunghi.portal.models import NewsIndexPage, UnionHomePage
from huunghi.portal.services import article_save
home = UnionHomePage.objects.get(organization__slug="nghe-an", locale__language_code="vi")
news = home.get_children().type(NewsIndexPage).first().specific
article_save(
    news_index=news, slug="bai-co-ma-doc", publish=True,
    title='Tiêu đề <script>{XSS_MARK}="title"</script>',
    lead='Sapo <img src=x onerror="{XSS_MARK}=\\'lead\\'">',
    author='<svg onload="{XSS_MARK}=\\'author\\'">',
    body=[("paragraph", RichText('<p>Đoạn<script>{XSS_MARK}="body"</script>'
                                 '<img src="x" onerror="{XSS_MARK}=\\'img\\'">'
                                 '<a href="javascript:{XSS_MARK}=\\'link\\'" id="bad-link">liên kết</a></p>'))],
)
"""


def test_planted_scripts_never_run(app_server, new_tab):  # noqa: F811
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PLANT],
        cwd=REPO_ROOT,
        env=_manage_env(app_server),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    tab = new_tab(bypass_csp=True)  # the sanitizer alone must hold, without the Content-Security-Policy
    dialogs = []
    tab.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (
        "/tin-tuc/bai-co-ma-doc/",
        "/tin-tuc/",
        "/",
        "/tim-kiem/?q=ti%C3%AAu+%C4%91%E1%BB%81",
        f"/tim-kiem/?q=%3Cscript%3E{XSS_MARK}%3D1%3C%2Fscript%3E%3Cimg+src%3Dx+onerror%3D{XSS_MARK}%3D2%3E",
    ):
        goto(tab, site_url(app_server, path))
        tab.page.wait_for_load_state("load")
        if tab.page.locator("#bad-link").count():
            tab.page.locator("#bad-link").click()
        assert tab.page.evaluate(XSS_MARK) is None, f"a planted script ran on {path}"
    assert not dialogs


def test_pages_work_on_a_phone(app_server, new_tab):  # noqa: F811
    tab = new_tab(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, bypass_csp=True)
    for name in ("home", "article"):
        goto(tab, site_url(app_server, PAGES[name]))
        overflow = tab.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name}: the page is {overflow}px wider than the phone"
        tab.shot(f"portal-phone-{name}")
    tab.page.get_by_role("searchbox").fill("lien hiep huu nghi")
    with tab.page.expect_navigation():
        tab.page.locator(".search-form button[type=submit]").click()
    assert tab.page.locator(".search-results li").count() >= 1, tab.diagnostics()
    assert tab.page.locator(".search-results mark").count() >= 1
    tab.shot("portal-phone-search")
    assert SHOTS_DIR.is_dir()
