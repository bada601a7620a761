"""The yearly cycle through the services and the back office, and every bad input of issue 6:
nothing half-saved, clear messages."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from huunghi.core.models import OrgLogEntry
from huunghi.emulation import errors, services
from huunghi.emulation.choices import CriterionKind, SheetStatus
from huunghi.emulation.models import (
    Award,
    AwardForm,
    ClusterMember,
    CovenantSignature,
    CriteriaSet,
    EmulationCluster,
    ScoreEntry,
)
from huunghi.emulation.scoring import cluster_ranking
from huunghi.orgs.models import Organization

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def cluster_2026():
    return EmulationCluster.objects.get(number=1, year=2026)


@pytest.fixture
def sheet(cluster_2026):
    return cluster_2026.sheets.get(organization__slug="phu-tho")


def entries(sheet):
    return {e.criterion.code: e for e in sheet.entries.select_related("criterion")}


def fill_self(sheet, user):
    rows = {}
    for code, entry in entries(sheet).items():
        kind = entry.criterion.kind
        if kind == CriterionKind.PASS_FAIL:
            rows[entry.pk] = {"passed": True, "self_points": entry.criterion.max_points}
        else:
            rows[entry.pk] = {"achieved": D(1), "self_points": D(1) if code != "6" else D(0)}
    services.save_self_assessment(sheet, user, rows)


def test_whole_cycle_with_audit_trail(sheet, demo_user):
    union, head = demo_user("phutho.admin"), demo_user("nghean.admin")
    fill_self(sheet, union)
    services.submit(sheet, union)
    services.accept_self_scores(sheet, head)
    first = entries(sheet)["1.1"]
    services.save_review(sheet, head, {first.pk: {"points": D(7), "comment": "Thiếu minh chứng"}})
    services.send_review(sheet, head)
    services.save_answer(sheet, union, {first.pk: {"answer": "Đã bổ sung"}})
    services.send_answer(sheet, union)
    services.finalize_sheet(sheet, head)
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.FINAL
    first.refresh_from_db()
    assert (first.self_points, first.points, first.points_by, first.self_by) == (D(10), D(7), head, union)
    # Every figure traces to who entered it: the audit log of the entry.
    log = OrgLogEntry.objects.for_instance(first).order_by("timestamp", "id")
    users = [entry.user.username for entry in log if entry.user]
    assert "phutho.admin" in users and "nghean.admin" in users
    texts = " ".join(str(c) for entry in log for c in entry.data.get("changes", []))
    assert "'new': '7.00'" in texts


def test_points_above_maximum_save_nothing(sheet, demo_user):
    union = demo_user("phutho.admin")
    rows = entries(sheet)
    good, bad = rows["1.2"], rows["1.1"]
    with pytest.raises(services.EntryErrors) as caught:
        services.save_self_assessment(
            sheet, union, {good.pk: {"achieved": D(3), "self_points": D(5)}, bad.pk: {"self_points": D(11)}}
        )
    assert str(errors.POINTS_ABOVE_MAX % {"points": "11", "max": "10"}) in caught.value.by_entry[bad.pk].messages[0]
    good.refresh_from_db()
    assert good.achieved is None and good.self_points is None  # the good row was not saved either


def test_scoring_after_finalization_is_refused(demo_user):
    final = EmulationCluster.objects.get(year=2024).sheets.get(organization__slug="thanh-hoa")
    entry = final.entries.first()
    with pytest.raises(ValidationError) as caught:
        services.save_review(final, demo_user("cluster1.head"), {entry.pk: {"points": D(0)}})
    assert caught.value.messages == [str(errors.CLUSTER_FINAL % {"year": 2024})]
    entry.refresh_from_db()
    assert entry.points is not None


def test_stages_are_enforced(sheet, demo_user):
    union, head = demo_user("phutho.admin"), demo_user("nghean.admin")
    with pytest.raises(ValidationError):
        services.send_review(sheet, head)  # nothing submitted yet
    with pytest.raises(ValidationError) as caught:
        services.submit(sheet, union)  # no self-scores
    assert "1.1" in caught.value.messages[0]
    with pytest.raises(PermissionDenied):
        services.save_review(sheet, union, {})  # a member does not score itself as head
    with pytest.raises(PermissionDenied):
        services.save_self_assessment(sheet, demo_user("thanhhoa.admin"), {})  # another union


def test_last_years_head_cannot_score_this_year(sheet, demo_user):
    """The head rotates: Hải Phòng headed 2024, Nghệ An heads 2026."""
    union = demo_user("phutho.admin")
    fill_self(sheet, union)
    services.submit(sheet, union)
    with pytest.raises(PermissionDenied):
        services.accept_self_scores(sheet, demo_user("cluster1.head"))


def test_cluster_results_need_every_sheet_final(cluster_2026, demo_user):
    with pytest.raises(ValidationError) as caught:
        services.finalize_cluster(cluster_2026, demo_user("nghean.admin"))
    assert "Phú Thọ" in caught.value.messages[0]


def test_a_union_in_two_clusters_of_the_same_year_is_refused(cluster_2026):
    other = EmulationCluster(
        organization=cluster_2026.organization,
        number=2,
        year=2026,
        name="Cụm thi đua số 2",
        head=cluster_2026.head,
        criteria_set=cluster_2026.criteria_set,
    )
    other.members = [ClusterMember(organization=cluster_2026.head)]
    with pytest.raises(ValidationError) as caught:
        other.full_clean()
    assert any("Cụm thi đua số 1" in m for m in caught.value.messages)


def test_a_dissolved_union_cannot_join_after_the_merger(cluster_2026):
    cluster_2026.members = [
        *cluster_2026.members.all(),
        ClusterMember(organization=Organization.objects.get(slug="bac-giang")),
    ]
    with pytest.raises(ValidationError) as caught:
        cluster_2026.full_clean()
    assert any("30/06/2025" in m for m in caught.value.messages)


def test_a_signature_by_a_union_outside_the_cluster_is_refused():
    cluster = EmulationCluster.objects.get(year=2024)
    outsider = Organization.objects.get(slug="phu-tho")
    signature = CovenantSignature(organization=outsider, signer="X", signed_on=datetime.date(2024, 4, 2))
    cluster.signatures = [*cluster.signatures.all(), signature]
    with pytest.raises(ValidationError) as caught:
        cluster.full_clean()
    assert str(errors.SIGNER_NOT_MEMBER % {"union": outsider}) in caught.value.messages


def test_signing_outside_the_ceremony_dates_is_refused():
    cluster = EmulationCluster.objects.get(year=2024)
    signature = cluster.signatures.first()
    signature.signed_on = datetime.date(2024, 5, 1)
    cluster.signatures = [signature, *cluster.signatures.exclude(pk=signature.pk)]
    with pytest.raises(ValidationError) as caught:
        cluster.full_clean()
    assert str(errors.SIGNED_OUTSIDE_CEREMONY % {"start": "01/04/2024", "end": "03/04/2024"}) in caught.value.messages


def test_criteria_set_form_refuses_maxima_that_do_not_add_up(client_for):
    """Through the back office: the error names the sums, and nothing is saved."""
    client = client_for("vufo.admin")
    before = CriteriaSet.objects.count()
    data = {
        "organization": Organization.objects.get(slug="vufo").pk,
        "name": "Bộ tiêu chí thử",
        "year": 2027,
        "total_points": "100",
        "tie_break": "",
        "note": "",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for i, (code, top) in enumerate([("1", "60"), ("2", "30")]):
        data.update({f"criteria-{i}-code": code, f"criteria-{i}-title": f"Tiêu chí {code}",
                     f"criteria-{i}-kind": "pass_fail", f"criteria-{i}-max_points": top, f"criteria-{i}-measure": "",
                     f"criteria-{i}-unit": "", f"criteria-{i}-default_target": "", f"criteria-{i}-points_each": "",
                     f"criteria-{i}-no_target_rule": "full_if_any", f"criteria-{i}-ORDER": str(i)})  # fmt: skip
    response = client.post(reverse("wagtailsnippets_emulation_criteriaset:add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "90" in html and "100" in html
    assert CriteriaSet.objects.count() == before
    data["criteria-1-max_points"] = "40"
    response = client.post(reverse("wagtailsnippets_emulation_criteriaset:add"), data)
    assert response.status_code == 302
    assert CriteriaSet.objects.count() == before + 1


def test_proposals_and_awards_follow_the_ranking():
    cluster = EmulationCluster.objects.get(year=2024)
    ranking = cluster_ranking(cluster)
    proposals = {p.recipient_organization_id: p for p in cluster.proposals.select_related("award_form")}
    for score in ranking:
        proposal = proposals.get(score.sheet.organization_id)
        if score.rank == 1:
            assert proposal.award_form.code == "co-thi-dua-vufo"
        elif score.rank <= 3:
            assert proposal.award_form.code == "bang-khen-vufo-tap-the"
        else:
            assert proposal is None
    flag = Award.objects.get(decision_number="35/QĐ-LHHN")
    assert flag.recipient_organization == ranking[0].sheet.organization
    assert flag.bonus_vnd == D("15.5") * 2_340_000  # Decree 98/2023 multiple × basic salary on 20/01/2025


@pytest.mark.parametrize("number", ["35/QD LHHN", "QĐ-35", "35"])
def test_decision_numbers_in_a_wrong_shape(number):
    award = Award.objects.get(decision_number="35/QĐ-LHHN")
    award.decision_number = number
    with pytest.raises(ValidationError) as caught:
        award.full_clean()
    assert str(errors.DECISION_NUMBER_SHAPE) in caught.value.message_dict["decision_number"]


def test_award_forms_are_data_with_validity_dates():
    award = Award.objects.get(decision_number="08/QĐ-LHHN")
    assert award.award_form.legal_basis == "Nghị định 98/2023/NĐ-CP"
    award.decision_date = datetime.date(2025, 8, 1)  # Decree 152/2025 in force: the old row no longer applies
    with pytest.raises(ValidationError) as caught:
        award.full_clean()
    assert "award_form" in caught.value.message_dict
    award.award_form = AwardForm.objects.get(code="giay-khen-tap-the", legal_basis="Nghị định 152/2025/NĐ-CP")
    award.full_clean()


def test_union_awards_stay_inside_the_union():
    award = Award.objects.get(decision_number="08/QĐ-LHHN")
    award.recipient_organization = Organization.objects.get(slug="thanh-hoa-viet-lao")
    with pytest.raises(ValidationError):
        award.full_clean()


def test_figures_come_from_the_records_and_follow_them(demo_user):
    """Nghệ An's events figure is the statistics function's; a new event changes the proposal."""
    from huunghi.relations.stats import relations_stats

    sheet = EmulationCluster.objects.get(year=2024).sheets.get(organization__slug="nghe-an")
    events = entries(sheet)["2.2"]
    stats = relations_stats(
        organization=sheet.organization, start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31)
    )
    assert events.achieved == stats.events_total
    assert events.events.count() == stats.events_total
    assert ScoreEntry.objects.filter(pk=events.pk, events__title__contains="giao ước").exists()


def test_a_union_records_an_award_to_its_own_branch_through_the_back_office(client_for):
    from huunghi.emulation.models import Award as AwardModel

    client = client_for("nghean.admin")
    nghe_an = Organization.objects.get(slug="nghe-an")
    branch = Organization.objects.get(slug="nghe-an-viet-lao-nam-dan")
    form = AwardForm.objects.get(code="giay-khen-tap-the", legal_basis="Nghị định 152/2025/NĐ-CP")
    data = {
        "organization": nghe_an.pk,
        "year": 2025,
        "proposal": "",
        "award_form": form.pk,
        "recipient_organization": branch.pk,
        "recipient_person": "",
        "decision_number": "15/QĐ-LHHN",
        "decision_date": "20/12/2025",
        "issuer": "Chủ tịch Liên hiệp các tổ chức hữu nghị tỉnh Nghệ An",
        "reason": "Hoàn thành xuất sắc nhiệm vụ năm 2025.",
    }
    response = client.post(reverse("wagtailsnippets_emulation_award:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    award = AwardModel.objects.get(decision_number="15/QĐ-LHHN")
    assert award.bonus_vnd == D("0.6") * 2_340_000
    # Another union's branch is refused, with the message on the field; nothing saved.
    data.update(
        decision_number="16/QĐ-LHHN",
        recipient_organization=Organization.objects.get(slug="thanh-hoa-viet-lao-quan-hoa").pk,
    )
    response = client.post(reverse("wagtailsnippets_emulation_award:add"), data)
    assert response.status_code == 200
    assert not AwardModel.objects.filter(decision_number="16/QĐ-LHHN").exists()
