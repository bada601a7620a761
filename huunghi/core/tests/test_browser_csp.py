"""The Content-Security-Policy is one the pages satisfy: in Chromium, no page of the back office or
of a union's portal reports a CSP violation (console error or `securitypolicyviolation` event),
and the headers that carry the policy are present."""

import pytest

from huunghi.testing import browser as machinery

pytestmark = pytest.mark.browser

app_server = machinery.app_server
browser = machinery.browser
new_tab = machinery.new_tab

ADMIN_PAGES = [
    "/admin/",
    "/admin/emulation/",
    "/admin/snippets/orgs/organization/",
    "/admin/snippets/relations/delegation/add/",
    "/admin/snippets/aid/aiditem/add/",
    "/admin/snippets/emulation/criteriaset/",
    "/admin/aid/totals/",
    "/admin/members/import/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/reports/site-history/",
]
PORTAL_PAGES = ["/", "/tin-tuc/", "/lien-he/", "/tim-kiem/?q=doi+ngoai", "/en/"]

WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' @ ' + location.pathname));
"""


def test_no_page_violates_the_content_security_policy(app_server, new_tab):
    tab = new_tab()
    page = tab.page
    page.add_init_script(WATCH)
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    tab.login("vufo.admin")
    violations = []
    headers = {}
    port = app_server["base_url"].rsplit(":", 1)[1]
    urls = [app_server["base_url"] + p for p in ADMIN_PAGES]
    urls += [f"http://nghe-an.localhost:{port}{p}" for p in PORTAL_PAGES]
    for url in urls:
        response = page.goto(url)
        page.wait_for_load_state("networkidle")
        assert response.status < 400, f"{url}: {response.status}"
        headers[url] = response.headers.get("content-security-policy", "")
        violations += page.evaluate("window.__cspViolations")
    # An editor with its widgets: the page editor of the union's home page (choosers, rich text).
    page.goto(app_server["base_url"] + "/admin/pages/")
    page.locator("a[href*='/edit/']").first.click()
    page.wait_for_load_state("networkidle")
    violations += page.evaluate("window.__cspViolations")
    tab.shot("csp-editor")
    assert all(headers.values()), [u for u, h in headers.items() if not h]
    assert not violations, violations
    assert not console, console
