"""Aid items: the aggregate against the hand-counted demo, click-through, tenancy, audit, the legal
regime of the date, and bad input through the back-office form (nothing half-saved)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from huunghi.aid.aggregates import aid_totals
from huunghi.aid.models import AidItem, AidTransaction, Regime, ScholarshipAward, regime_on
from huunghi.core.models import OrgLogEntry
from huunghi.demo.aid import TOTAL_RECEIVED_2023
from huunghi.orgs.models import Organization

D = datetime.date
ADD = "wagtailsnippets_aid_aiditem:add"


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def org(slug):
    return Organization.objects.get(slug=slug)


def totals(slug, year=2023):
    return aid_totals(organization=org(slug), start=D(year, 1, 1), end=D(year, 12, 31))


def test_nghe_an_2023_is_just_under_one_and_a_half_billion(db):
    result = totals("nghe-an")
    assert result.received_vnd == TOTAL_RECEIVED_2023 == Decimal("1475190000")
    assert Decimal("1400000000") < result.received_vnd < Decimal("1500000000")
    assert result.items == 7
    assert sum(result.by_kind.values()) == sum(result.by_country.values()) == result.received_vnd
    assert result.by_currency == {"USD": Decimal("39000"), "JPY": Decimal("1800000"), "VND": Decimal("245000000")}
    assert result.by_country["KR"] == Decimal("839250000")  # 120,250,000 + 476,000,000 + 243,000,000
    assert result.committed_vnd == Decimal("94600000") + Decimal("940000000")
    assert result.pledged_vnd == Decimal("940000000")


def test_association_and_other_union_figures(db):
    assert totals("nghe-an-viet-nhat").received_vnd == Decimal("99300000") + Decimal("197040000")
    assert totals("thanh-hoa").received_vnd == 0
    assert totals("nghe-an", 2024).received_vnd == 0


def test_totals_page_formats_and_links_to_the_records(client_for):
    client = client_for("nghean.admin")
    page = client.get(reverse("aid_totals"), {"year": 2023})
    body = page.content.decode()
    assert "1.475.190.000 đ" in body and "1,48 tỷ đồng" in body
    for _label, amount, url in page.context["by_kind"] + page.context["by_country"]:
        listed = client.get(url).context["object_list"]
        assert listed, url
        received = sum(
            t.amount_vnd for item in listed for t in item.transactions.filter(kind="disbursement", date__year=2023)
        )
        shown = Decimal(amount.replace(" đ", "").replace(".", ""))
        assert received >= shown  # the records behind a figure carry at least that much


def test_another_union_cannot_reach_nghe_an_aid(client_for):
    item = AidItem.objects.filter(organization__slug="nghe-an").first()
    client = client_for("thanhhoa.admin")
    assert client.get(reverse("wagtailsnippets_aid_aiditem:edit", args=[item.pk])).status_code == 404
    assert client.get(reverse("aid_totals"), {"organization": org("nghe-an").pk}).status_code == 404


def test_regime_follows_the_date():
    assert regime_on(D(2025, 12, 7)) == Regime.DECREE_80
    assert regime_on(D(2025, 12, 8)) == Regime.DECREE_313


def form_data(**overrides):
    data = {
        "organization": org("nghe-an").pk,
        "title": "Cứu trợ thử",
        "kind": "emergency",
        "status": "2",
        "sector": "72010",
        "domestic_donors": "Doanh nghiệp A",
        "decision_number": "",
        "decision_date": "",
        "decision_authority": "",
        "starts_on": "15/10/2023",
        "ends_on": "",
        "beneficiaries": "",
        "beneficiary_count": "",
        "description": "",
        "overrun_reason": "",
    }
    for prefix in ("places", "awards", "transactions"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MIN_NUM_FORMS": "0",
                     f"{prefix}-MAX_NUM_FORMS": "1000"})  # fmt: skip
    data.update(overrides)
    return data


def movements(*rows):
    data = {"transactions-TOTAL_FORMS": str(len(rows))}
    for i, row in enumerate(rows):
        base = {"kind": "disbursement", "date": "16/10/2023", "amount": "1000", "currency": "USD", "rate": "24000",
                "rate_date": "16/10/2023", "donor": "", "note": "", "ORDER": str(i + 1), "DELETE": ""}  # fmt: skip
        base.update(row)
        data.update({f"transactions-{i}-{key}": value for key, value in base.items()})
    return data


def awards(*names):
    data = {"awards-TOTAL_FORMS": str(len(names))}
    for i, name in enumerate(names):
        row = {"recipient": name, "school": "Trường A", "amount_vnd": "1000000", "ORDER": str(i + 1), "DELETE": ""}
        data.update({f"awards-{i}-{key}": value for key, value in row.items()})
    return data


def test_relief_in_usd_changes_the_vnd_total_and_is_audited(client_for):
    before = totals("nghe-an").received_vnd
    response = client_for("nghean.admin").post(reverse(ADD), form_data(**movements({})))
    assert response.status_code == 302, response.content.decode()[:3000]
    item = AidItem.objects.get(title="Cứu trợ thử")
    assert item.regime == Regime.DECREE_80
    movement = item.transactions.get()
    assert (movement.amount, movement.currency, movement.amount_vnd) == (Decimal("1000"), "USD", Decimal("24000000"))
    assert totals("nghe-an").received_vnd == before + Decimal("24000000")
    assert OrgLogEntry.objects.filter(object_id=str(item.pk), action="huunghi.create", user__username="nghean.admin")


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"currency": "XYZ"}, "currency", "không phải mã tiền tệ ISO 4217"),
        ({"amount": "0"}, "amount", "lớn hơn 0"),
        ({"amount": "-5"}, "amount", "lớn hơn 0"),
        ({"rate": "0"}, "rate", "Tỷ giá phải lớn hơn 0"),
        ({"rate": ""}, "rate", "Hãy ghi tỷ giá"),
        ({"currency": "VND", "amount": "0.5", "rate": ""}, "amount", "VND không có đơn vị nhỏ hơn"),
        ({"amount": "10.123"}, "amount", "USD có 2 chữ số thập phân"),
    ],
)
def test_bad_money_is_refused_and_nothing_saved(client_for, row, field, message):
    count, movements_count = AidItem.objects.count(), AidTransaction.objects.count()
    response = client_for("nghean.admin").post(reverse(ADD), form_data(**movements(row)))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (AidItem.objects.count(), AidTransaction.objects.count()) == (count, movements_count)


def test_receiving_more_than_committed_needs_a_reason(client_for):
    rows = movements({"kind": "commitment", "amount": "1000"}, {"kind": "disbursement", "amount": "1500"})
    client = client_for("nghean.admin")
    refused = client.post(reverse(ADD), form_data(**rows))
    assert refused.status_code == 200 and "nhiều hơn cam kết" in refused.content.decode()
    assert not AidItem.objects.filter(title="Cứu trợ thử").exists()
    accepted = client.post(reverse(ADD), form_data(overrun_reason="Nhà tài trợ bổ sung sau lũ", **rows))
    assert accepted.status_code == 302


def test_scholarship_recipient_listed_twice_is_refused(client_for):
    data = form_data(kind="scholarship", sector="11220", **awards("Nguyễn Văn An", "NGUYỄN VĂN AN"))
    response = client_for("nghean.admin").post(reverse(ADD), data)
    assert response.status_code == 200 and "hai lần" in response.content.decode()
    assert not ScholarshipAward.objects.filter(recipient__iexact="Nguyễn Văn An").exists()


def test_a_rule_only_the_model_checks_shows_on_the_form(client_for, monkeypatch):
    """Model validation at save time (the write service's full_clean) becomes a form error."""
    from django.core.exceptions import ValidationError

    def refuse(self):
        raise ValidationError({"title": "Từ chối để thử"})

    monkeypatch.setattr(AidItem, "clean", refuse)
    count = AidItem.objects.count()
    response = client_for("nghean.admin").post(reverse(ADD), form_data(**movements({})))
    assert response.status_code == 200 and "Từ chối để thử" in response.content.decode()
    assert AidItem.objects.count() == count


def test_inspect_shows_money_in_its_currency_and_in_dong(client_for):
    item = AidItem.objects.get(title__startswith="Dự án nước sạch")
    body = (
        client_for("nghean.admin").get(reverse("wagtailsnippets_aid_aiditem:inspect", args=[item.pk])).content.decode()
    )
    assert "20.000,00 USD" in body and "476.000.000 đ" in body and "23.800 VND / USD" in body
    assert "Đã nhận: 719.000.000 đ" in body
