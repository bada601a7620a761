"""Vietnamese display helpers: 1.500.000.000 đ."""

from decimal import Decimal

from django import template

register = template.Library()


def group_thousands(value):
    number = int(Decimal(value).to_integral_value())
    sign = "-" if number < 0 else ""
    return sign + f"{abs(number):,}".replace(",", ".")


@register.filter
def vnd(value):
    """1500000000 → "1.500.000.000 đ" (VND has no minor unit)."""
    if value is None or value == "":
        return ""
    return f"{group_thousands(value)} đ"


@register.filter
def thousands(value):
    if value is None or value == "":
        return ""
    return group_thousands(value)
