"""The annual report computed from the demo records: the article's 2023 facts for Nghệ An, the same
content in DOCX, PDF and XLSX, records changing the report, the reform, scopes and permissions."""

import datetime
import io
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from huunghi.aid.aggregates import aid_totals
from huunghi.core.models import OrgLogEntry
from huunghi.emulation.choices import Measure
from huunghi.emulation.models import EmulationCluster
from huunghi.orgs.models import Organization
from huunghi.relations.choices import Direction, Level
from huunghi.relations.models import Delegation
from huunghi.relations.stats import relations_stats, year_range
from huunghi.reports.compose import compose
from huunghi.reports.document import Heading, Paragraph, format_cell
from huunghi.reports.generator import MEMBERS, national_report
from huunghi.reports.models import ReportDraft, Scope
from huunghi.reports.renderers import render
from huunghi.reports.selectors import build

from .test_renderers import docx_text, expected_texts, pdf_text, squash

pytestmark = pytest.mark.django_db
OUTPUT = Path("test-output/reports")


@pytest.fixture
def nghe_an():
    return Organization.objects.get(slug="nghe-an")


def body_text(document):
    return "\n".join(b.text for b in document.blocks if isinstance(b, Heading | Paragraph))


def test_nghe_an_2023_states_what_the_article_states(nghe_an):
    report, draft = build(scope=Scope.UNION, organization=nghe_an, year=2023)
    start, end = year_range(2023)
    # Every figure is the statistics functions' own.
    stats = relations_stats(organization=nghe_an, start=start, end=end)
    assert report.current[Measure.DELEGATIONS_IN] == stats.delegations[Direction.INCOMING] > 20
    aid = aid_totals(organization=nghe_an, start=start, end=end).received_vnd
    assert report.current[Measure.AID_VND] == aid
    assert Decimal("1.4e9") < aid < Decimal("1.5e9")  # "nearly 1.5 billion VND"
    text = body_text(compose(report, draft))
    assert f"làm việc với {stats.delegations[Direction.INCOMING]} đoàn" in text
    assert "1,48 tỷ đồng" in text and format_cell(aid, "vnd") in text
    # The new branches and their members at the year's end.
    branches = {b.name: report.branch_members[b.pk] for b in report.figures.new_branches}
    dien_chau = branches.pop("Chi hội Hữu nghị Việt – Nga huyện Diễn Châu")
    assert 90 <= dien_chau <= 110  # "about 100 members"
    assert len(branches) == 3 and all("giúp Lào" in name for name in branches)
    assert sum(branches.values()) == 7000  # "7,000 members together"
    assert f"Diễn Châu (Hội Hữu nghị Việt – Nga tỉnh Nghệ An), thành lập ngày 18/08/2023, {dien_chau} hội viên" in text
    # The written parts and the plan's targets against the records.
    assert "Chỉ thị số 12-CT/TW" in text and "trang thông tin điện tử" in text
    progress = {row.target.measure: row for row in report.progress}
    assert progress[Measure.DELEGATIONS_IN].achieved == stats.delegations[Direction.INCOMING]
    assert progress[Measure.AID_VND].goal == Decimal("1500000000")


def test_the_same_content_in_docx_pdf_and_xlsx(nghe_an):
    report, draft = build(scope=Scope.UNION, organization=nghe_an, year=2023)
    document = compose(report, draft)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    docx_bytes = render(document, "docx")[0]
    pdf_bytes = render(document, "pdf")[0]
    (OUTPUT / "nghe-an-2023.pdf").write_bytes(pdf_bytes)
    xlsx = load_workbook(io.BytesIO(render(document, "xlsx")[0]))
    expected = expected_texts(document)
    in_docx = docx_text(Document(io.BytesIO(docx_bytes)))
    assert not [t for t in expected if squash(t) not in in_docx]
    in_pdf = squash(pdf_text(pdf_bytes))
    assert not [t for t in expected if squash(t) not in in_pdf]
    shown = set()
    for sheet in xlsx.worksheets:
        for row in sheet.iter_rows():
            shown.update(c.value if isinstance(c.value, str) else format_cell(c.value, _kind(c)) for c in row)
    in_xlsx = squash(" ".join(v for v in shown if v))
    for table in document.tables():
        assert squash(table.caption) in in_xlsx
        for row in table.rows:
            for value, column in zip(row, table.columns, strict=True):
                assert squash(format_cell(value, column.kind)) in in_xlsx, (table.key, value)


def _kind(cell):
    """The kind a number cell is shown as, from its number format."""
    return {"0.00": "decimal", '0.0"%"': "percent"}.get(cell.number_format, "int")


def test_the_report_pdf_renders_to_png(nghe_an, tmp_path):
    report, draft = build(scope=Scope.UNION, organization=nghe_an, year=2023)
    pdf = render(compose(report, draft), "pdf")[0]
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "annual-2023.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(OUTPUT / "annual-2023.pdf"), str(OUTPUT / "annual-2023")],
                   check=True)  # fmt: skip
    pages = sorted(OUTPUT.glob("annual-2023-*.png"))
    assert len(pages) >= 3 and all(p.stat().st_size > 5000 for p in pages)


def test_a_new_record_changes_the_report(nghe_an):
    before, _draft = build(scope=Scope.UNION, organization=nghe_an, year=2023)
    Delegation.objects.create(
        organization=nghe_an, direction=Direction.INCOMING, level=Level.PEOPLES_ORG, title="Đoàn Lào",
        countries=["LA"], size=6, starts_on=datetime.date(2023, 11, 2), ends_on=datetime.date(2023, 11, 4),
    )  # fmt: skip
    after, draft = build(scope=Scope.UNION, organization=nghe_an, year=2023)
    assert after.current[Measure.DELEGATIONS_IN] == before.current[Measure.DELEGATIONS_IN] + 1
    count = int(after.current[Measure.DELEGATIONS_IN])
    assert f"làm việc với {count} đoàn" in body_text(compose(after, draft))
    progress = {row.target.measure: row for row in after.progress}
    assert progress[Measure.DELEGATIONS_IN].achieved == count


def test_a_year_with_no_records_gives_zeros_and_a_note(nghe_an, tmp_path):
    report, draft = build(scope=Scope.UNION, organization=nghe_an, year=2010)
    assert report.is_empty
    text = body_text(compose(report, draft))
    assert "Năm 2010 chưa có hoạt động nào được ghi nhận" in text
    assert "làm việc với 0 đoàn" in text
    out = io.StringIO()
    call_command("annual_report", org="nghe-an", year=2010, fmt="pdf", output=str(tmp_path / "r.pdf"), stdout=out)
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert "2010" in out.getvalue()


def test_the_command_writes_each_format_and_refuses_bad_input(tmp_path):
    for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        call_command("annual_report", org="nghe-an", year=2023, fmt=fmt, output=str(tmp_path / f"r.{fmt}"),
                     stdout=io.StringIO())  # fmt: skip
        assert (tmp_path / f"r.{fmt}").read_bytes().startswith(magic)
    call_command(
        "annual_report", cluster=1, year=2024, fmt="docx", output=str(tmp_path / "c.docx"), stdout=io.StringIO()
    )
    assert "Cụm thi đua số 1" in docx_text(Document(str(tmp_path / "c.docx")))
    with pytest.raises(CommandError, match="no-such-union"):
        call_command("annual_report", org="no-such-union", year=2023, fmt="pdf", output=str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError):
        call_command("annual_report", cluster=7, year=2024, fmt="pdf", output=str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_national_reports_follow_the_reform():
    old = {row.organization.slug for row in national_report(year=2024).rows}
    assert {"bac-giang", "hai-duong", "thai-binh", "nam-dinh", "vinh-phuc", "hai-phong"} <= old
    hai_duong, hai_phong = Organization.objects.get(slug="hai-duong"), Organization.objects.get(slug="hai-phong")
    for organization in (hai_duong, hai_phong):
        Delegation.objects.create(
            organization=organization, direction=Direction.INCOMING, level=Level.NGO, title="Đoàn NGO",
            countries=["KR"], size=3, starts_on=datetime.date(2025, 3, 10), ends_on=datetime.date(2025, 3, 11),
        )  # fmt: skip
    report = national_report(year=2026)
    rows = {row.organization.slug: row for row in report.rows}
    assert not {"bac-giang", "hai-duong", "thai-binh", "nam-dinh", "vinh-phuc"} & set(rows)
    assert [p.slug for p in rows["hai-phong"].predecessors] == ["hai-duong"]
    assert rows["hai-phong"].previous[Measure.DELEGATIONS_IN] == 2  # its own 2025 and Hải Dương's
    assert report.previous[Measure.DELEGATIONS_IN] >= 2
    document = compose(report)
    units = next(t for t in document.blocks if getattr(t, "key", "") == "theo-don-vi")
    assert "gồm cả Liên hiệp các tổ chức hữu nghị tỉnh Hải Dương" in units.note
    assert units.total[1] == sum(row[1] for row in units.rows) == report.current[Measure.DELEGATIONS_IN]


def test_cluster_report_ranks_members_and_sums_them():
    cluster = EmulationCluster.objects.get(number=1, year=2024)
    report, draft = build(scope=Scope.CLUSTER, cluster=cluster)
    assert [r.organization.slug for r in report.rows][:2] == ["hai-phong", "ha-noi"]
    assert report.rows[0].rank == 1 and report.rows[0].points == Decimal("98.78")
    assert report.current[MEMBERS] == sum(r.current[MEMBERS] for r in report.rows)
    assert all(a.recipient_organization in [r.organization for r in report.rows] for a in report.awards)
    text = body_text(compose(report, draft))
    assert "Dẫn đầu Cụm: Liên hiệp các tổ chức hữu nghị thành phố Hải Phòng với 98,78 điểm" in text


# The back-office page -------------------------------------------------------------------------


def _query(**values):
    return "?" + "&".join(f"{k}={v}" for k, v in values.items())


def test_the_report_page_previews_and_downloads(client_for, nghe_an, django_assert_max_num_queries):
    client = client_for("nghean.admin")
    query = _query(scope="union", organization=nghe_an.pk, year=2023)
    with django_assert_max_num_queries(80):
        page = client.get(reverse("reports_annual") + query)
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="report-preview"' in html
    assert "làm việc với 22 đoàn" in html and "1.475.190.000" in html
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF"), ("xlsx", b"PK")):
        response = client.get(reverse("reports_download", args=[fmt]) + query)
        assert response.status_code == 200 and response.content.startswith(magic)
        assert "bao-cao-tong-ket-2023-nghe-an" in response["Content-Disposition"]


def test_other_unions_and_scopes_are_refused(client_for, nghe_an):
    client = client_for("thanhhoa.admin")
    query = _query(scope="union", organization=nghe_an.pk, year=2023)
    html = client.get(reverse("reports_annual") + query).content.decode()
    assert 'data-testid="report-preview"' not in html and "22 đoàn" not in html
    assert client.get(reverse("reports_download", args=["pdf"]) + query).status_code == 404
    # The national report is VUFO's; the cluster report its head's, deputy's and VUFO's.
    client = client_for("nghean.admin")
    assert (
        client.get(reverse("reports_download", args=["pdf"]) + _query(scope="national", year=2024)).status_code == 404
    )
    cluster = EmulationCluster.objects.get(number=1, year=2024)
    cluster_query = _query(scope="cluster", cluster=cluster.pk)
    assert client.get(reverse("reports_download", args=["pdf"]) + cluster_query).status_code == 404
    assert (
        client_for("cluster1.head").get(reverse("reports_download", args=["docx"]) + cluster_query).status_code == 200
    )
    assert (
        client_for("vufo.admin")
        .get(reverse("reports_download", args=["xlsx"]) + _query(scope="national", year=2024))
        .status_code
        == 200
    )
    assert (
        client.get(
            reverse("reports_download", args=["odt"]) + _query(scope="union", organization=nghe_an.pk)
        ).status_code
        == 404
    )


def test_writing_the_text_is_audited_and_shows_in_the_report(client_for, nghe_an):
    client = client_for("nghean.admin")
    response = client.post(reverse("reports_draft"), {"scope": "union", "organization": nghe_an.pk, "year": 2024})
    draft = ReportDraft.objects.get(organization=nghe_an, scope=Scope.UNION, year=2024)
    assert response.status_code == 302 and response["Location"].endswith(f"/{draft.pk}/")
    assert (
        OrgLogEntry.objects.for_instance(draft).filter(action="huunghi.create", user__username="nghean.admin").exists()
    )
    draft.assessment = "Hoạt động giao lưu với Lào được mở rộng."
    draft.save()
    report, found = build(scope=Scope.UNION, organization=nghe_an, year=2024)
    assert "Hoạt động giao lưu với Lào được mở rộng." in body_text(compose(report, found))
    # Thanh Hóa's officer cannot write Nghệ An's text.
    refused = client_for("thanhhoa.admin").post(
        reverse("reports_draft"), {"scope": "union", "organization": nghe_an.pk, "year": 2025}
    )
    assert refused.status_code == 404
    assert not ReportDraft.objects.filter(organization=nghe_an, year=2025).exists()


def test_the_cluster_head_writes_the_cluster_report_text(client_for):
    cluster = EmulationCluster.objects.get(number=1, year=2024)
    data = {"scope": "cluster", "cluster": cluster.pk}
    refused = client_for("nghean.admin").post(reverse("reports_draft"), data)  # a member, not the head
    assert refused.status_code == 404 and not ReportDraft.objects.filter(cluster=cluster).exists()
    head = client_for("cluster1.head")
    response = head.post(reverse("reports_draft"), data)
    draft = ReportDraft.objects.get(cluster=cluster)
    assert draft.organization == cluster.head and response.status_code == 302
    edit = reverse("wagtailsnippets_reports_reportdraft:edit", args=[draft.pk])
    assert head.get(edit).status_code == 200
    assert client_for("thanhhoa.admin").get(edit).status_code in (302, 403, 404)  # the deputy only reads
    # A cluster-head account stays read-only for its union's own report text.
    hai_phong = Organization.objects.get(slug="hai-phong")
    union_text = {"scope": "union", "organization": hai_phong.pk, "year": 2024}
    assert head.post(reverse("reports_draft"), union_text).status_code in (403, 404)
