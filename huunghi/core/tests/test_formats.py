import datetime
from decimal import Decimal

from django.template import Context, Template
from django.utils import formats, translation

from huunghi.core.templatetags.vn import thousands, vnd


def test_vnd_amounts_group_thousands_with_dots():
    assert vnd(1500000000) == "1.500.000.000 đ"
    assert vnd(Decimal("1499999999.6")) == "1.500.000.000 đ"
    assert thousands(7000) == "7.000"
    assert vnd(None) == ""


def test_vietnamese_dates_and_numbers():
    with translation.override("vi"):
        assert formats.date_format(datetime.date(2024, 1, 24)) == "24/01/2024"
        assert formats.number_format(1500000000, use_l10n=True, force_grouping=True) == "1.500.000.000"
        rendered = Template("{{ day }} {{ n }}").render(Context({"day": datetime.date(2024, 1, 24), "n": 1500000}))
        assert rendered == "24/01/2024 1.500.000"


def test_english_is_second_language():
    with translation.override("en"):
        assert formats.date_format(datetime.date(2024, 1, 24)) == "24/01/2024"
        assert formats.number_format(1500000, use_l10n=True, force_grouping=True) == "1,500,000"
