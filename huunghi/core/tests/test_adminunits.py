import datetime

import pytest

from huunghi.core.adminunits import load_admin_units, unit_now
from huunghi.core.choices import AdminLevel, Generation
from huunghi.core.models import AdminUnit

pytestmark = pytest.mark.django_db


def _province(generation, short_name):
    return AdminUnit.objects.get(generation=generation, level=AdminLevel.PROVINCE, short_name=short_name)


def test_both_generations_loaded_with_validity_dates():
    legacy = AdminUnit.objects.filter(generation=Generation.LEGACY)
    current = AdminUnit.objects.filter(generation=Generation.Y2025)
    assert legacy.filter(level=AdminLevel.PROVINCE).count() == 63
    assert current.filter(level=AdminLevel.PROVINCE).count() == 34
    assert current.filter(level=AdminLevel.COMMUNE).count() == 3321
    assert not current.filter(level=AdminLevel.DISTRICT).exists()  # the reform removed the district level
    assert legacy.filter(level=AdminLevel.COMMUNE).count() > 10000
    assert set(legacy.values_list("valid_to", flat=True)) == {datetime.date(2025, 6, 30)}
    assert set(current.values_list("valid_from", flat=True)) == {datetime.date(2025, 7, 1)}


def test_which_unit_on_a_date():
    on_2024 = AdminUnit.objects.valid_on(datetime.date(2024, 1, 24)).provinces()
    on_2026 = AdminUnit.objects.valid_on(datetime.date(2026, 1, 1)).provinces()
    assert on_2024.count() == 63
    assert on_2026.count() == 34
    assert on_2024.filter(short_name="Bắc Giang").exists()
    assert not on_2026.filter(short_name="Bắc Giang").exists()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Bắc Giang", "Bắc Ninh"),
        ("Hải Dương", "Hải Phòng"),
        ("Thái Bình", "Hưng Yên"),
        ("Nam Định", "Ninh Bình"),
        ("Vĩnh Phúc", "Phú Thọ"),
        ("Nghệ An", "Nghệ An"),
    ],
)
def test_merged_provinces_lead_to_their_successor(old, new):
    assert unit_now(_province(Generation.LEGACY, old)) == _province(Generation.Y2025, new)


def test_abolished_district_and_its_communes_have_successors():
    dien_chau = AdminUnit.objects.get(generation=Generation.LEGACY, level=AdminLevel.DISTRICT, name="Huyện Diễn Châu")
    assert unit_now(dien_chau) == _province(Generation.Y2025, "Nghệ An")
    for commune in dien_chau.children.all():
        now = unit_now(commune)
        assert now.generation == Generation.Y2025
        assert now.level == AdminLevel.COMMUNE
        assert now.parent.short_name == "Nghệ An"


def test_loading_twice_changes_nothing():
    before = (AdminUnit.objects.count(), AdminUnit.succession_links.rel.related_model.objects.count())
    counts = load_admin_units()
    assert (counts["legacy"] + counts["2025"], counts["successions"]) == before
