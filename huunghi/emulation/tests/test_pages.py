"""The emulation pages render for each part a user plays, and the exports carry the page's figures."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from huunghi.emulation.models import EmulationCluster
from huunghi.emulation.scoring import cluster_ranking

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster_2024():
    return EmulationCluster.objects.get(number=1, year=2024)


@pytest.mark.parametrize("username", ["vufo.admin", "auditor", "cluster1.head", "nghean.admin", "thanhhoa.admin"])
def test_cluster_pages_render(client_for, cluster_2024, username):
    client = client_for(username)
    assert client.get(reverse("emulation_clusters")).status_code == 200
    page = client.get(reverse("emulation_cluster", args=[cluster_2024.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Điện Biên" in html
    assert 'data-testid="ranking"' in html  # 2024 is final: every member sees the ranking


def test_sheet_page_shows_scores_evidence_and_who(client_for, cluster_2024):
    sheet = cluster_2024.sheets.get(organization__slug="nghe-an")
    html = client_for("nghean.admin").get(reverse("emulation_sheet", args=[sheet.pk])).content.decode()
    assert 'data-testid="links-2.2"' in html  # the events counted, linked as evidence
    assert "Ký giao ước" in html or "giao ước" in html
    assert "cluster1.head" in html or "Trưởng Cụm" in html  # who scored


def test_ranking_exports_match_the_page(client_for, cluster_2024):
    client = client_for("cluster1.head")
    ranking = {s.sheet.organization.name: (s.rank, s.total) for s in cluster_ranking(cluster_2024)}
    response = client.get(reverse("emulation_ranking_export", args=[cluster_2024.pk, "xlsx"]))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = [r for r in book.active.iter_rows(min_row=5, values_only=True) if r[0]]
    assert len(rows) == 12
    for row in rows:
        rank, total = ranking[row[1]]
        assert row[0] == rank
        assert Decimal(str(row[-2])) == total
    pdf = client.get(reverse("emulation_ranking_export", args=[cluster_2024.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_sheet_exports(client_for, cluster_2024):
    sheet = cluster_2024.sheets.get(organization__slug="thanh-hoa")
    client = client_for("thanhhoa.admin")
    response = client.get(reverse("emulation_sheet_export", args=[sheet.pk, "xlsx"]))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    codes = [r[0] for r in book.active.iter_rows(min_row=5, values_only=True) if r[0]]
    assert codes[:3] == ["1", "1.1", "1.2"]
    pdf = client.get(reverse("emulation_sheet_export", args=[sheet.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")


def test_demo_reproduces_the_article(cluster_2024):
    from huunghi.demo.data import CLUSTER_1_2024

    assert sorted(m.organization.slug for m in cluster_2024.members.all()) == sorted(s for s, _ in CLUSTER_1_2024)
    assert (cluster_2024.signing_starts_on.isoformat(), cluster_2024.signing_ends_on.isoformat()) == (
        "2024-04-01",
        "2024-04-03",
    )
    assert "Điện Biên" in cluster_2024.signing_place
    program = " ".join(item.content for item in cluster_2024.program_items.all())
    for words in (
        "phối hợp",
        "thi đua",
        "hòa bình",
        "thông tin đối ngoại",
        "viện trợ phi chính phủ",
        "xây dựng tổ chức",
    ):
        assert words in program
    nghe_an = cluster_2024.signatures.get(organization__slug="nghe-an")
    assert nghe_an.signer == "Nguyễn Văn Thông"
    assert cluster_2024.signatures.count() == 12
    assert cluster_2024.is_final and all(s.is_final for s in cluster_2024.sheets.all())
    assert len(cluster_ranking(cluster_2024)) == 12
    assert cluster_2024.proposals.count() >= 1


def test_2026_cluster_has_the_post_merger_unions():
    cluster = EmulationCluster.objects.get(number=1, year=2026)
    slugs = {m.organization.slug for m in cluster.members.all()}
    assert {"bac-giang", "hai-duong", "thai-binh", "nam-dinh", "vinh-phuc"}.isdisjoint(slugs)
    assert {"bac-ninh", "hai-phong", "hung-yen", "ninh-binh", "phu-tho", "ha-noi", "nghe-an"} <= slugs


def test_union_history_follows_successor_links(client_for):
    """Hải Phòng's results over the years include Hải Dương's 2024 result (merged into it in 2025)."""
    from huunghi.orgs.models import Organization

    hai_phong = Organization.objects.get(slug="hai-phong")
    html = client_for("vufo.admin").get(reverse("emulation_union_history", args=[hai_phong.pk])).content.decode()
    assert "Hải Dương" in html and "2026" in html and "2024" in html
    # A member union sees its own history but not another union's.
    assert client_for("phutho.admin").get(reverse("emulation_union_history", args=[hai_phong.pk])).status_code == 404
