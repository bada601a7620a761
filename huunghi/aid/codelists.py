"""IATI 2.03 code lists shipped in `data/codelists` (public data files of the standard)."""

import re
from functools import cache
from pathlib import Path

CODELISTS = Path(__file__).parent / "data" / "codelists"
_ITEM = re.compile(r"<codelist-item[^>]*>\s*<code>([^<]+)</code>\s*<name>\s*<narrative[^>]*>([^<]*)</narrative>", re.S)


@cache
def codelist(name):
    """{code: English name} of a code list, e.g. codelist("Sector")."""
    text = (CODELISTS / f"{name}.xml").read_text(encoding="utf-8")
    return {code.strip(): label.strip() for code, label in _ITEM.findall(text)}


def sector_choices():
    return [(code, f"{code} – {label}") for code, label in codelist("Sector").items()]
