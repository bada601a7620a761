"""Money: `Decimal` amounts in ISO 4217 currencies, never floats.

Rules (tested in `tests/test_money.py`, property-based):
1. An amount has at most as many decimal places as its currency's minor unit (CLDR, via Babel):
   VND, JPY, KRW, LAK have none; USD, EUR, RUB, CNY, THB have two. More precision is an error,
   never silently rounded.
2. A foreign amount is converted to VND at the rate recorded with it (VND per unit, > 0, with its
   date), then rounded half up to a whole đồng — once, per transaction.
3. Totals in VND are sums of those rounded per-transaction amounts, so a total always equals the
   sum of the figures shown next to it. Totals in a foreign currency are never mixed with another
   currency: mixed totals exist only in VND.
4. Currencies are those of the IATI Currency code list (the export uses only codes from it).
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from babel.numbers import get_currency_precision

VND = "VND"
CODELISTS = Path(__file__).parent / "data" / "codelists"


class MoneyError(ValueError):
    pass


@cache
def currencies():
    """ISO 4217 codes of the IATI Currency code list, with their English names."""
    text = (CODELISTS / "Currency.xml").read_text(encoding="utf-8")
    items = re.findall(
        r"<codelist-item[^>]*>\s*<code>([A-Z]{3})</code>\s*<name>\s*<narrative>([^<]*)</narrative>", text
    )
    return dict(items)


def is_currency(code):
    return code in currencies()


def exponent(currency):
    """Decimal places of the currency's minor unit."""
    if not is_currency(currency):
        raise MoneyError(currency)
    return get_currency_precision(currency)


def check_amount(amount, currency):
    """`amount` as a Decimal, or MoneyError when it has more decimal places than the currency."""
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise MoneyError(amount) from exc
    if not value.is_finite():
        raise MoneyError(amount)
    places = exponent(currency)
    if value != value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):
        raise MoneyError(amount)
    return value


def to_vnd(amount, currency, rate):
    """VND equivalent of `amount` at `rate` (VND per unit), rounded half up to a whole đồng."""
    if currency == VND:
        return Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    rate = Decimal(rate)
    if rate <= 0:
        raise MoneyError(rate)
    return (Decimal(amount) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _group(digits):
    return f"{digits:,}".replace(",", ".")


def format_vnd(amount):
    """1480000000 → "1.480.000.000 đ" (dot thousands, no decimals)."""
    value = Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    return f"{sign}{_group(int(abs(value)))} đ"


def format_amount(amount, currency):
    """An amount in its currency, Vietnamese style: "12.500,50 USD"."""
    places = exponent(currency)
    value = Decimal(amount).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    text = _group(int(whole)) + ("," + fraction if fraction else "")
    return f"{sign}{text} {currency}"


_SCALES = ((Decimal(10) ** 9, "tỷ"), (Decimal(10) ** 6, "triệu"), (Decimal(10) ** 3, "nghìn"))


def format_vnd_words(amount, places=2):
    """1480000000 → "1,48 tỷ đồng"; 250000000 → "250 triệu đồng" (for running text)."""
    value = Decimal(amount)
    for scale, word in _SCALES:
        if abs(value) >= scale:
            scaled = (value / scale).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP).normalize()
            text = f"{scaled:f}".replace(".", ",")
            return f"{text} {word} đồng"
    return f"{_group(int(value))} đồng"
