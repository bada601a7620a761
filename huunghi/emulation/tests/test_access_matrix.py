"""Cross-tenant rules of emulation, as a matrix of every demo account against every page.

2024: Hải Phòng heads Cluster No. 1 (account cluster1.head), Thanh Hóa is deputy, Nghệ An and
Thanh Hóa are members, Phú Thọ is not (it joined after the 2025 reform); results are final.
2026: Nghệ An heads, Hải Phòng is deputy, Phú Thọ is a member; nothing is final.
"""

import pytest
from django.urls import reverse

from huunghi.emulation.models import EmulationCluster

pytestmark = pytest.mark.django_db

USERS = ["vufo.admin", "auditor", "cluster1.head", "nghean.admin", "nghean.editor", "nghean.vietlao",
         "thanhhoa.admin", "phutho.admin"]  # fmt: skip

# page → expected status per user, in USERS order
MATRIX = {
    "cluster_2024": [200, 200, 200, 200, 200, 404, 200, 404],
    "cluster_2026": [200, 200, 200, 200, 200, 404, 200, 200],
    "sheet_nghe_an_2024": [200, 200, 200, 200, 200, 404, 200, 404],
    "sheet_thanh_hoa_2024": [200, 200, 200, 404, 404, 404, 200, 404],
    "sheet_phu_tho_2026": [200, 200, 200, 200, 404, 404, 404, 200],
    "history_nghe_an_2024": [200, 200, 200, 200, 200, 404, 200, 404],
    "ranking_2024_xlsx": [200, 200, 200, 200, 200, 404, 200, 404],
    "ranking_2026_xlsx": [200, 200, 200, 200, 404, 404, 404, 404],
    "sheet_phu_tho_2026_pdf": [200, 200, 200, 200, 404, 404, 404, 200],
    # Writes: "ok" = done (back to the page), "denied" = refused with Wagtail's permission message.
    "save_phu_tho_2026": ["ok", "denied", "denied", "denied", 404, 404, 404, "ok"],
    "finalize_cluster_2026": ["ok", "denied", "denied", "ok", "denied", 404, "denied", "denied"],
}


def _urls():
    c24 = EmulationCluster.objects.get(year=2024)
    c26 = EmulationCluster.objects.get(year=2026)
    na24 = c24.sheets.get(organization__slug="nghe-an")
    th24 = c24.sheets.get(organization__slug="thanh-hoa")
    pt26 = c26.sheets.get(organization__slug="phu-tho")
    return {
        "cluster_2024": ("get", reverse("emulation_cluster", args=[c24.pk]), {}),
        "cluster_2026": ("get", reverse("emulation_cluster", args=[c26.pk]), {}),
        "sheet_nghe_an_2024": ("get", reverse("emulation_sheet", args=[na24.pk]), {}),
        "sheet_thanh_hoa_2024": ("get", reverse("emulation_sheet", args=[th24.pk]), {}),
        "sheet_phu_tho_2026": ("get", reverse("emulation_sheet", args=[pt26.pk]), {}),
        "history_nghe_an_2024": ("get", reverse("emulation_entry_history", args=[na24.entries.first().pk]), {}),
        "ranking_2024_xlsx": ("get", reverse("emulation_ranking_export", args=[c24.pk, "xlsx"]), {}),
        "ranking_2026_xlsx": ("get", reverse("emulation_ranking_export", args=[c26.pk, "xlsx"]), {}),
        "sheet_phu_tho_2026_pdf": ("get", reverse("emulation_sheet_export", args=[pt26.pk, "pdf"]), {}),
        "save_phu_tho_2026": (
            "post",
            reverse("emulation_sheet", args=[pt26.pk]),
            {"action": "save", "sheet_text": "x"},
        ),
        "finalize_cluster_2026": ("post", reverse("emulation_cluster", args=[c26.pk]), {"action": "finalize"}),
    }


@pytest.mark.parametrize("page", list(MATRIX))
def test_matrix(client_for, page):
    method, url, data = _urls()[page]
    got = []
    for username in USERS:
        client = client_for(username)
        response = getattr(client, method)(url, data)
        if method == "post" and response.status_code in (302, 403):
            got.append("ok" if response.status_code == 302 and response["Location"] == url else "denied")
        else:
            got.append(response.status_code)
        client.logout()
    assert dict(zip(USERS, got, strict=True)) == dict(zip(USERS, MATRIX[page], strict=True))


def test_members_see_the_ranking_only_once_final(client_for):
    c26 = EmulationCluster.objects.get(year=2026)
    html = client_for("phutho.admin").get(reverse("emulation_cluster", args=[c26.pk])).content.decode()
    assert 'data-testid="ranking"' not in html
    assert 'data-testid="sheet-phu-tho"' in html and 'data-testid="sheet-nghe-an"' not in html


def test_cluster_set_up_is_vufos(client_for):
    url = reverse("wagtailsnippets_emulation_emulationcluster:add")
    assert client_for("vufo.admin").get(url).status_code == 200
    for username in ("nghean.admin", "cluster1.head", "auditor"):
        response = client_for(username).get(url)
        assert response.status_code in (302, 403) and response.get("Location") != url
