"""Money rules of `huunghi.aid.money`, property-based where a rule is about all amounts."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huunghi.aid import money

CURRENCIES = ["VND", "USD", "EUR", "JPY", "KRW", "LAK", "RUB", "CNY", "THB", "KWD"]


def amounts(currency):
    places = money.exponent(currency)
    return st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("1e12"), places=places, allow_nan=False,
                       allow_infinity=False).filter(lambda d: d > 0)  # fmt: skip


rates = st.decimals(min_value=Decimal("0.000001"), max_value=Decimal("100000"), places=6).filter(lambda d: d > 0)


def test_minor_units_come_from_cldr():
    assert [money.exponent(c) for c in ("VND", "JPY", "KRW", "LAK", "USD", "EUR", "KWD")] == [0, 0, 0, 0, 2, 2, 3]
    assert len(money.currencies()) == 176 and money.is_currency("VND") and not money.is_currency("XYZ")


@pytest.mark.parametrize(("amount", "currency"), [("0.5", "VND"), ("12.345", "USD"), ("1.5", "JPY"), ("abc", "USD")])
def test_more_precision_than_the_currency_is_an_error_never_rounded(amount, currency):
    with pytest.raises(money.MoneyError):
        money.check_amount(amount, currency)


def test_unknown_currency_is_an_error():
    with pytest.raises(money.MoneyError):
        money.exponent("XYZ")


@given(data=st.data(), currency=st.sampled_from(CURRENCIES))
@settings(max_examples=200, deadline=None)
def test_valid_amounts_pass_unchanged(data, currency):
    amount = data.draw(amounts(currency))
    assert money.check_amount(amount, currency) == amount


@given(data=st.data(), rate=rates, currency=st.sampled_from([c for c in CURRENCIES if c != "VND"]))
@settings(max_examples=300, deadline=None)
def test_conversion_is_whole_dong_within_half_a_dong(data, rate, currency):
    amount = data.draw(amounts(currency))
    vnd = money.to_vnd(amount, currency, rate)
    assert vnd == vnd.to_integral_value()
    assert abs(vnd - amount * rate) <= Decimal("0.5")


@given(
    movements=st.lists(
        st.tuples(st.sampled_from(CURRENCIES), st.integers(min_value=1, max_value=10**9), rates),
        min_size=1,
        max_size=30,
    )
)
@settings(max_examples=200, deadline=None)
def test_mixed_currency_total_is_the_sum_of_the_rounded_parts(movements):
    """Rule 3: a VND total equals the sum of the per-movement figures shown beside it, whatever the
    order, and differs from exact arithmetic by at most half a đồng per movement."""
    parts = [money.to_vnd(Decimal(units), currency, rate) for currency, units, rate in movements]
    total = sum(parts, Decimal(0))
    assert total == sum(reversed(parts), Decimal(0))
    exact = sum(
        (Decimal(units) * (rate if currency != "VND" else 1) for currency, units, rate in movements), Decimal(0)
    )
    assert abs(total - exact) <= Decimal("0.5") * len(movements)
    assert all(isinstance(part, Decimal) for part in parts)


def test_rate_of_zero_is_refused():
    with pytest.raises(money.MoneyError):
        money.to_vnd(Decimal(10), "USD", Decimal(0))


def test_vietnamese_formatting():
    assert money.format_vnd(Decimal("1480000000")) == "1.480.000.000 đ"
    assert money.format_vnd_words(Decimal("1480000000")) == "1,48 tỷ đồng"
    assert money.format_vnd_words(Decimal("1475190000")) == "1,48 tỷ đồng"
    assert money.format_vnd_words(Decimal("250000000")) == "250 triệu đồng"
    assert money.format_vnd_words(Decimal("5000000")) == "5 triệu đồng"
    assert money.format_amount(Decimal("12500.5"), "USD") == "12.500,50 USD"
    assert money.format_amount(Decimal("600000"), "JPY") == "600.000 JPY"


def test_no_floats_in_money_fields():
    from django.db import models

    from huunghi.aid.models import AidTransaction, ScholarshipAward

    for model in (AidTransaction, ScholarshipAward):
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.FloatField), field
