"""Bad input through the back office's forms: a refused plan or directive saves nothing and says why
in Vietnamese."""

import pytest
from django.urls import reverse
from django.utils import translation

from huunghi.core.models import OrgLogEntry
from huunghi.emulation.choices import Measure
from huunghi.orgs.models import Organization
from huunghi.plans import errors
from huunghi.plans.choices import Unit
from huunghi.plans.models import Directive, YearPlan

pytestmark = pytest.mark.django_db


def _plan_post(organization, targets):
    data = {
        "organization": organization.pk, "year": 2025, "title": "Kế hoạch công tác năm 2025", "number": "03/KH-LHHN",
        "adopted_on": "", "summary": "",
        "targets-TOTAL_FORMS": len(targets), "targets-INITIAL_FORMS": 0, "targets-MIN_NUM_FORMS": 0,
        "targets-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    for i, (measure, value, unit) in enumerate(targets):
        data.update({f"targets-{i}-measure": measure, f"targets-{i}-value": value, f"targets-{i}-unit": unit,
                     f"targets-{i}-directive": "", f"targets-{i}-note": "", f"targets-{i}-ORDER": i + 1,
                     f"targets-{i}-id": "", f"targets-{i}-DELETE": ""})  # fmt: skip
    return data


def test_a_target_whose_unit_does_not_fit_its_measure_saves_nothing(client_for):
    nghe_an = Organization.objects.get(slug="nghe-an")
    client = client_for("nghean.admin")
    url = reverse("wagtailsnippets_plans_yearplan:add")
    bad = _plan_post(nghe_an, [(Measure.DELEGATIONS_IN, "20", Unit.DELEGATION), (Measure.AID_VND, "2", Unit.BRANCH)])
    response = client.post(url, bad)
    assert response.status_code == 200
    with translation.override("vi"):
        allowed = ", ".join(str(u.label) for u in (Unit.VND, Unit.MILLION_VND, Unit.BILLION_VND))
        message = errors.UNIT_MISMATCH % {
            "unit": Unit.BRANCH.label,
            "measure": Measure.AID_VND.label,
            "allowed": allowed,
        }
    assert message in response.content.decode()
    assert not YearPlan.objects.filter(organization=nghe_an, year=2025).exists()

    good = _plan_post(
        nghe_an, [(Measure.DELEGATIONS_IN, "20", Unit.DELEGATION), (Measure.AID_VND, "2", Unit.BILLION_VND)]
    )
    assert client.post(url, good).status_code == 302
    plan = YearPlan.objects.get(organization=nghe_an, year=2025)
    assert [t.value_in_measure_unit for t in plan.targets.order_by("sort_order")] == [20, 2_000_000_000]
    assert OrgLogEntry.objects.for_instance(plan).filter(user__username="nghean.admin").exists()


def test_a_directive_number_in_a_wrong_shape_saves_nothing(client_for):
    nghe_an = Organization.objects.get(slug="nghe-an")
    client = client_for("nghean.admin")
    data = {"organization": nghe_an.pk, "number": "12/CT/TW", "issued_on": "2024-03-01", "issuer": "Tỉnh ủy Nghệ An",
            "title": "Về công tác đối ngoại nhân dân", "summary": ""}  # fmt: skip
    response = client.post(reverse("wagtailsnippets_plans_directive:add"), data)
    with translation.override("vi"):
        assert str(errors.DIRECTIVE_NUMBER_SHAPE) in response.content.decode()
    assert not Directive.objects.filter(issuer="Tỉnh ủy Nghệ An").exists()
    data["number"] = "09-CT/TU"
    assert client.post(reverse("wagtailsnippets_plans_directive:add"), data).status_code == 302
    assert Directive.objects.get(number="09-CT/TU").kind == "CT"
