"""IATI 2.03 export: XSD and code lists, content, stable identifiers, command and view.

The items are built here; other aid in the database (demo data) may appear in the exports and is
tolerated: assertions about content look only at the activities made by these tests.
"""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.http import Http404
from django.test import RequestFactory
from lxml import etree

from huunghi.aid import iati
from huunghi.aid.codelists import codelist
from huunghi.aid.models import AidItem, AidPlace, AidStatus, AidTransaction, ScholarshipAward, TransactionKind
from huunghi.aid.views_iati import IatiExportView
from huunghi.core.models import AdminUnit
from huunghi.orgs.models import Organization
from huunghi.relations.choices import PartnerKind
from huunghi.relations.models import ForeignPartner

D = datetime.date
YEAR = 2024
SECRET_RECIPIENT = "Phạm Thị Bí Mật"
SECRET_NOTE = "Chuyển khoản của ông Trần Văn Riêng"


def make_item(organization, title, *, donors=(), place=None, **values):
    values = {"kind": "project", "sector": "14030", "status": AidStatus.IMPLEMENTATION, **values}
    item = AidItem.objects.create(organization=organization, title=title, **values)
    if donors:
        # By id: modelcluster sorts partner objects by their ordering ("country", "name"), and
        # django-countries' Country objects do not compare, so two countries would raise TypeError.
        item.donors.set([donor.pk for donor in donors])
    if place is not None:
        AidPlace.objects.create(aid=item, admin_unit=place)
    return item


@pytest.fixture
def aid(db):
    nghe_an = Organization.objects.get(slug="nghe-an")
    viet_lao = Organization.objects.get(slug="nghe-an-viet-lao")
    thanh_hoa = Organization.objects.get(slug="thanh-hoa")
    good_neighbors = ForeignPartner.objects.get(name="Good Neighbors International")
    russia_society = ForeignPartner.objects.get(name="Russia–Vietnam Friendship Society")
    cuba_embassy = ForeignPartner.objects.get(name="Embassy of the Republic of Cuba in Viet Nam")
    vinh = AdminUnit.objects.get(generation="legacy", level="district", name="Thành phố Vinh")

    water = make_item(
        nghe_an,
        "Dự án nước sạch cho trường học thành phố Vinh (kiểm thử IATI)",
        donors=[good_neighbors, cuba_embassy],
        place=vinh,
        starts_on=D(2024, 3, 1),
        ends_on=D(2099, 12, 31),
        description="Xây bể lọc và đường ống nước sạch cho 4 trường tiểu học.",
        beneficiaries="Học sinh và giáo viên 4 trường",
        beneficiary_count=1800,
        decision_number="123/QĐ-UBND",
        decision_date=D(2024, 2, 20),
        decision_authority="UBND tỉnh Nghệ An",
        domestic_donors="Doanh nghiệp trong tỉnh",
    )
    movements = [
        (TransactionKind.PLEDGE, D(2024, 2, 1), "50000", "USD", "24500", D(2024, 1, 31), good_neighbors),
        (TransactionKind.COMMITMENT, D(2024, 3, 1), "50000.00", "USD", "24600", D(2024, 3, 1), good_neighbors),
        (TransactionKind.DISBURSEMENT, D(2024, 4, 15), "20000.50", "USD", "25010.5", D(2024, 4, 12), good_neighbors),
        (TransactionKind.DISBURSEMENT, D(2024, 6, 3), "1500000", "JPY", "160.25", D(2024, 6, 3), cuba_embassy),
        (TransactionKind.DISBURSEMENT, D(2024, 8, 20), "250000000", "VND", None, None, None),
    ]
    for kind, day, amount, currency, rate, rate_day, donor in movements:
        AidTransaction.objects.create(
            aid=water, kind=kind, date=day, amount=Decimal(amount), currency=currency,
            rate=Decimal(rate) if rate else None, rate_date=rate_day, donor=donor, note=SECRET_NOTE,
        )  # fmt: skip

    flood = make_item(
        viet_lao,
        "Cứu trợ lũ lụt tháng 9/2024 (kiểm thử IATI)",
        donors=[russia_society],
        kind="emergency",
        sector="72010",
        status=AidStatus.CLOSED,
        starts_on=D(2024, 9, 10),
        ends_on=D(2024, 10, 31),
    )
    AidTransaction.objects.create(
        aid=flood, kind=TransactionKind.DISBURSEMENT, date=D(2024, 9, 12), amount=Decimal("80000000"), currency="VND"
    )

    scholarship = make_item(
        viet_lao,
        "Học bổng cho con em cựu quân tình nguyện (kiểm thử IATI)",
        kind="scholarship",
        sector="11220",
        status=AidStatus.CLOSED,
        starts_on=D(2024, 8, 28),
    )
    ScholarshipAward.objects.create(aid=scholarship, recipient=SECRET_RECIPIENT, amount_vnd=Decimal(3_000_000))

    old = make_item(
        nghe_an, "Dự án đã kết thúc năm 2021 (kiểm thử IATI)", status=AidStatus.CLOSED,
        starts_on=D(2020, 1, 1), ends_on=D(2021, 6, 30),
    )  # fmt: skip
    AidTransaction.objects.create(
        aid=old, kind=TransactionKind.DISBURSEMENT, date=D(2020, 5, 1), amount=Decimal("1000000"), currency="VND"
    )
    elsewhere = make_item(thanh_hoa, "Viện trợ của Thanh Hóa (kiểm thử IATI)", starts_on=D(2024, 5, 1))
    AidTransaction.objects.create(
        aid=elsewhere, kind=TransactionKind.DISBURSEMENT, date=D(2024, 5, 2), amount=Decimal("5000000"), currency="VND"
    )
    return {
        "nghe_an": nghe_an,
        "thanh_hoa": thanh_hoa,
        "water": water,
        "flood": flood,
        "scholarship": scholarship,
        "old": old,
        "elsewhere": elsewhere,
    }


def parse(data):
    return etree.fromstring(data)


def activities_by_id(document):
    return {activity.findtext("iati-identifier"): activity for activity in document.findall("iati-activity")}


def test_export_validates_against_the_xsd_and_the_code_lists(aid):
    data = iati.export_activities(aid["nghe_an"], YEAR)

    assert iati.validate(data) == []
    schema = etree.XMLSchema(etree.parse(str(iati.SCHEMA)))  # independent of the cached one
    assert schema.validate(parse(data)), schema.error_log
    document = parse(data)
    assert document.tag == "iati-activities"
    assert document.get("version") == "2.03"
    datetime.datetime.fromisoformat(document.get("generated-datetime"))


def test_export_holds_the_subtree_items_of_the_year(aid):
    found = activities_by_id(parse(iati.export_activities(aid["nghe_an"], YEAR)))

    for key in ("water", "flood", "scholarship"):
        assert aid[key].iati_identifier in found
    for key in ("old", "elsewhere"):
        assert aid[key].iati_identifier not in found
    older = activities_by_id(parse(iati.export_activities(aid["nghe_an"], 2020)))
    assert aid["old"].iati_identifier in older
    assert aid["water"].iati_identifier not in older


def test_activity_content_follows_the_standard(aid):
    water = activities_by_id(parse(iati.export_activities(aid["nghe_an"], YEAR)))[aid["water"].iati_identifier]

    children = [child.tag for child in water]
    assert children[:3] == ["iati-identifier", "reporting-org", "title"]
    assert water.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    reporting = water.find("reporting-org")
    assert (reporting.get("ref"), reporting.get("type")) == ("VN-LHHN-NGHE-AN", "22")
    assert reporting.findtext("narrative") == aid["nghe_an"].name
    title = water.find("title/narrative")
    assert title.text == aid["water"].title
    assert title.get("{http://www.w3.org/XML/1998/namespace}lang") == "vi"
    assert {d.get("type") for d in water.findall("description")} == {"1", "3", "4"}

    orgs = [(o.get("role"), o.get("type"), o.findtext("narrative")) for o in water.findall("participating-org")]
    assert ("1", "21", "Good Neighbors International") in orgs
    assert ("1", "10", "Embassy of the Republic of Cuba in Viet Nam") in orgs
    assert ("1", None, "Doanh nghiệp trong tỉnh") in orgs
    assert ("4", "22", aid["nghe_an"].name) in orgs

    assert water.find("activity-status").get("code") == "2"
    dates = [(d.get("type"), d.get("iso-date")) for d in water.findall("activity-date")]
    assert dates == [("2", "2024-03-01"), ("3", "2099-12-31")]  # started; the end is still planned
    country = water.find("recipient-country")
    assert (country.get("code"), country.get("percentage")) == ("VN", "100")
    assert "Thành phố Vinh" in water.findtext("location/name/narrative")
    sector = water.find("sector")
    assert (sector.get("vocabulary"), sector.get("code")) == ("1", "14030")

    rows = [
        (
            t.find("transaction-type").get("code"),
            t.find("transaction-date").get("iso-date"),
            t.findtext("value"),
            t.find("value").get("currency"),
            t.find("value").get("value-date"),
            t.findtext("provider-org/narrative"),
        )
        for t in water.findall("transaction")
    ]
    assert rows == [
        ("13", "2024-02-01", "50000.00", "USD", "2024-01-31", "Good Neighbors International"),
        ("11", "2024-03-01", "50000.00", "USD", "2024-03-01", "Good Neighbors International"),
        ("1", "2024-04-15", "20000.50", "USD", "2024-04-12", "Good Neighbors International"),
        ("1", "2024-06-03", "1500000", "JPY", "2024-06-03", "Embassy of the Republic of Cuba in Viet Nam"),
        ("1", "2024-08-20", "250000000", "VND", "2024-08-20", None),
    ]
    assert water.findall("transaction")[-1].find("provider-org") is None
    for value in water.iter("value"):
        assert "E" not in value.text.upper()


def test_emergency_is_humanitarian_and_a_closed_item_has_an_actual_end(aid):
    found = activities_by_id(parse(iati.export_activities(aid["nghe_an"], YEAR)))
    flood = found[aid["flood"].iati_identifier]

    assert flood.get("humanitarian") == "1"
    assert [(d.get("type"), d.get("iso-date")) for d in flood.findall("activity-date")] == [
        ("2", "2024-09-10"),
        ("4", "2024-10-31"),
    ]
    assert [o.get("type") for o in flood.findall("participating-org") if o.get("role") == "1"] == ["22"]
    implementing = [o for o in flood.findall("participating-org") if o.get("role") == "4"][0]
    assert implementing.get("ref") == "VN-LHHN-NGHE-AN-VIET-LAO"
    assert found[aid["water"].iati_identifier].get("humanitarian") is None


def test_identifiers_are_stable_across_exports(aid):
    first = iati.export_activities(
        aid["nghe_an"], YEAR, generated_at=datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    )
    second = iati.export_activities(aid["nghe_an"], YEAR)

    ids_first = [a.findtext("iati-identifier") for a in parse(first).findall("iati-activity")]
    ids_second = [a.findtext("iati-identifier") for a in parse(second).findall("iati-activity")]
    assert ids_first == ids_second
    assert len(set(ids_first)) == len(ids_first)
    assert aid["water"].iati_identifier == f"VN-LHHN-NGHE-AN-{aid['water'].pk}"
    assert aid["flood"].iati_identifier == f"VN-LHHN-NGHE-AN-VIET-LAO-{aid['flood'].pk}"
    # Everything but the generation time is the same.
    strip = [etree.tostring(parse(data).find("iati-activity")) for data in (first, second)]
    assert strip[0] == strip[1]
    # The identifier is the same when exported from a wider organization.
    vufo = Organization.objects.get(slug="vufo")
    assert aid["water"].iati_identifier in activities_by_id(parse(iati.export_activities(vufo, YEAR)))


CODE_ATTRIBUTES = [
    ("//iati-activity/@default-currency", "Currency"),
    ("//value/@currency", "Currency"),
    ("//reporting-org/@type", "OrganisationType"),
    ("//participating-org/@type", "OrganisationType"),
    ("//provider-org/@type", "OrganisationType"),
    ("//receiver-org/@type", "OrganisationType"),
    ("//participating-org/@role", "OrganisationRole"),
    ("//iati-activity/description/@type", "DescriptionType"),
    ("//activity-status/@code", "ActivityStatus"),
    ("//activity-date/@type", "ActivityDateType"),
    ("//recipient-country/@code", "Country"),
    ("//sector/@vocabulary", "SectorVocabulary"),
    ("//sector/@code", "Sector"),
    ("//transaction-type/@code", "TransactionType"),
    ("//@xml:lang", "Language"),
]


def test_only_code_list_codes_appear(aid):
    document = parse(iati.export_activities(aid["nghe_an"], YEAR))

    for xpath, list_name in CODE_ATTRIBUTES:
        codes = document.xpath(xpath)
        assert codes, xpath
        assert set(map(str, codes)) <= set(codelist(list_name)), (xpath, list_name)
    assert set(map(str, document.xpath("//transaction-type/@code"))) >= {"1", "11", "13"}


def test_mappings_use_only_code_list_codes():
    assert set(iati.PARTNER_ORGANISATION_TYPES) == set(PartnerKind.values)
    assert set(iati.PARTNER_ORGANISATION_TYPES.values()) <= set(codelist("OrganisationType"))
    assert iati.UNION_ORGANISATION_TYPE in codelist("OrganisationType")
    assert iati.BUSINESS_IN_RECIPIENT_COUNTRY in codelist("OrganisationType")
    assert set(iati.TRANSACTION_TYPES) == set(TransactionKind.values)
    assert {codelist("TransactionType")[code] for code in iati.TRANSACTION_TYPES.values()} == {
        "Incoming Pledge",
        "Incoming Commitment",
        "Incoming Funds",
    }
    assert set(AidStatus.values) <= set(codelist("ActivityStatus"))


def test_check_code_rejects_codes_outside_the_lists(aid):
    assert iati.check_code("Sector", "14030") == "14030"
    with pytest.raises(ValueError, match="Sector"):
        iati.check_code("Sector", "99999")
    with pytest.raises(ValueError, match="Currency"):
        iati.check_code("Currency", "XYZ")
    AidItem.objects.filter(pk=aid["water"].pk).update(sector="99999")  # bypasses the form's choices
    with pytest.raises(ValueError, match="99999"):
        iati.export_activities(aid["nghe_an"], YEAR)


def test_validate_reports_schema_and_code_problems(aid):
    data = iati.export_activities(aid["nghe_an"], YEAR)

    wrong_sector = data.replace(b'code="14030"', b'code="99999"')
    assert any("Sector" in problem and "99999" in problem for problem in iati.validate(wrong_sector))
    wrong_type = data.replace(b'<transaction-type code="13"/>', b'<transaction-type code="99"/>')
    assert any("TransactionType" in problem for problem in iati.validate(wrong_type))
    no_value_date = data.replace(b'value-date="2024-01-31"', b"")
    assert any("value-date" in problem for problem in iati.validate(no_value_date))
    document = parse(data)
    activity = document.find("iati-activity")
    activity.remove(activity.find("activity-status"))  # order and presence are the XSD's
    assert any("activity-status" in problem for problem in iati.validate(etree.tostring(document)))
    assert iati.validate(b'<iati-activities version="2.03"/>')
    assert iati.validate(b"<iati-activities") == [iati.validate(b"<iati-activities")[0]]
    assert iati.validate(b"<iati-activities")[0].startswith("not well-formed")


def test_export_has_no_personal_data(aid):
    data = iati.export_activities(aid["nghe_an"], YEAR).decode()

    assert aid["scholarship"].iati_identifier in data
    assert SECRET_RECIPIENT not in data
    assert SECRET_NOTE not in data


def test_command_writes_a_valid_file(aid, tmp_path):
    path = tmp_path / "iati.xml"
    out = StringIO()

    call_command("export_iati", "--org", "nghe-an", "--year", str(YEAR), "-o", str(path), stdout=out)

    data = path.read_bytes()
    assert iati.validate(data) == []
    activities, transactions = iati.summary(data)
    assert activities >= 3 and transactions >= 6
    line = out.getvalue().strip()
    assert "\n" not in line
    assert f"{activities} activities, {transactions} transactions" in line
    assert aid["water"].iati_identifier in activities_by_id(parse(data))


def test_command_fails_loudly_on_an_invalid_file(aid, tmp_path, monkeypatch):
    real_export = iati.export_activities

    def broken_export(organization, year, **kwargs):
        return real_export(organization, year, **kwargs).replace(b'code="14030"', b'code="99999"')

    monkeypatch.setattr(iati, "export_activities", broken_export)
    path = tmp_path / "iati.xml"
    with pytest.raises(CommandError, match="not a valid IATI 2.03 file") as raised:
        call_command("export_iati", "--org", "nghe-an", "--year", str(YEAR), "-o", str(path), stdout=StringIO())
    assert "99999" in str(raised.value)
    assert path.exists()  # left for inspection

    monkeypatch.setattr(iati, "export_activities", lambda organization, year, **kwargs: b"<iati-activities>")
    with pytest.raises(CommandError, match="not well-formed"):
        call_command("export_iati", "--org", "nghe-an", "--year", str(YEAR), "-o", str(path), stdout=StringIO())


def test_command_rejects_an_unknown_organization_and_an_empty_year(db, tmp_path):
    with pytest.raises(CommandError, match="No organization"):
        call_command("export_iati", "--org", "no-such-union", "--year", "2024", "-o", str(tmp_path / "x.xml"))
    with pytest.raises(CommandError, match="no iati-activity"):
        call_command("export_iati", "--org", "thanh-hoa", "--year", "1901", "-o", str(tmp_path / "x.xml"))


def get_view(user, **params):
    request = RequestFactory().get("/admin/aid/iati/", params)
    request.user = user
    return IatiExportView.as_view()(request)


def demo_user(username):
    return get_user_model().objects.select_related("organization").get(username=username)


def test_view_returns_the_file_as_an_attachment(aid):
    response = get_view(demo_user("nghean.admin"), organization=aid["nghe_an"].pk, year=YEAR)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert response["Content-Disposition"] == 'attachment; filename="iati-nghe-an-2024.xml"'
    assert iati.validate(response.content) == []
    assert aid["water"].iati_identifier in activities_by_id(parse(response.content))
    by_slug = get_view(demo_user("nghean.admin"), organization="nghe-an", year=YEAR)
    assert by_slug.status_code == 200


def test_view_hides_other_unions_and_ancestors(aid):
    thanh_hoa_admin = demo_user("thanhhoa.admin")
    with pytest.raises(Http404):
        get_view(thanh_hoa_admin, organization=aid["nghe_an"].pk, year=YEAR)
    with pytest.raises(Http404):  # VUFO is visible to the union, but its subtree holds other unions' aid
        get_view(thanh_hoa_admin, organization=Organization.objects.get(slug="vufo").pk, year=YEAR)
    with pytest.raises(Http404):
        get_view(AnonymousUser(), organization=aid["nghe_an"].pk, year=YEAR)
    with pytest.raises(Http404):
        get_view(demo_user("nghean.admin"), organization=aid["nghe_an"].pk, year="last")

    own = get_view(thanh_hoa_admin, organization=aid["thanh_hoa"].pk, year=YEAR)
    assert own.status_code == 200
    assert aid["elsewhere"].iati_identifier in activities_by_id(parse(own.content))
    assert aid["water"].iati_identifier not in own.content.decode()


def test_view_does_not_serve_an_invalid_file(aid):
    response = get_view(demo_user("thanhhoa.admin"), organization=aid["thanh_hoa"].pk, year=1901)

    assert response.status_code == 422
    assert "iati-activity" in response.content.decode()
