"""Vietnamese text as people type it: names, folded keys for matching, phone numbers, dates.

`fold` is the one matching key of the platform (duplicate detection now, search later): NFC, case
and diacritics removed, đ→d, whitespace collapsed — so "Nguyễn  Văn Đức", "nguyen van duc" and
"NGUYỄN VĂN ĐỨC" meet.
"""

import datetime
import functools
import re
import unicodedata

import phonenumbers


def _fold_table():
    """Every precomposed Latin letter with diacritics (Vietnamese and others) → its base letter."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for code in range(0xC0, 0x2000):
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if base != char and base.isascii():
            table[code] = base
    return table


_FOLD_TABLE = _fold_table()


def tidy(text):
    """NFC, single spaces, no surrounding spaces."""
    if text is None:
        return ""
    text = str(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def tidy_name(text):
    """A person's name in NFC with tidied spaces; all-caps or all-lower names get title case."""
    text = tidy(text)
    if text and (text.isupper() or text.islower()):
        text = " ".join(word[:1].upper() + word[1:].lower() for word in text.split(" "))
    return text


def fold(text):
    """Matching key: lower case, no diacritics, đ→d, single spaces."""
    text = tidy(text).translate(_FOLD_TABLE)
    if not text.isascii():  # combining marks left over (rare: letters outside the table)
        text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return text.lower()


# Mobile prefixes renumbered from 11 to 10 digits in 2018 (Decision 798/QĐ-BTTTT): old → new.
_OLD_MOBILE_PREFIXES = {
    "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",
    "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
    "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036",
    "0167": "037", "0168": "038", "0169": "039",
    "0186": "056", "0188": "058", "0199": "059",
}  # fmt: skip


class PhoneError(ValueError):
    pass


_MOBILE_OR_LANDLINE = re.compile(
    r"0(?:3[2-9]|5[2689]|7[06-9]|8[1-9]|9\d)\d{7}|02\d{9}"
)  # Vietnamese mobiles, landlines
_SEPARATORS = str.maketrans("", "", " .-()/\t")


def normalize_phone(text):
    """See `_normalize_phone`; the common case (an already tidy Vietnamese number) is answered
    without the full parser, and repeated values come from a cache."""
    if isinstance(text, str):
        digits = text.strip().translate(_SEPARATORS)
        if _MOBILE_OR_LANDLINE.fullmatch(digits):
            return digits
        return _normalize_phone_cached(text)
    return _normalize_phone(text)


@functools.lru_cache(maxsize=4096)
def _normalize_phone_cached(text):
    return _normalize_phone(text)


def _normalize_phone(text):
    """One stored form for a Vietnamese phone number: national digits, e.g. "0912345678".

    Accepts spaces, dots, dashes and brackets, the +84 / 84 / 0084 prefixes, a missing leading 0
    (Excel drops it from numbers), and the 11-digit mobile numbers renumbered in 2018. Foreign
    numbers keep their international form ("+7 495 123-45-67"). Raises `PhoneError` when the text
    is not a phone number.
    """
    raw = tidy(text)
    if not raw:
        return ""
    if isinstance(text, float) and text.is_integer():
        raw = str(int(text))
    digits = re.sub(r"[\s.\-()/]", "", raw)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if not re.fullmatch(r"\+?\d{6,15}", digits):
        raise PhoneError(raw)
    if digits.startswith("+") and not digits.startswith("+84"):
        try:
            number = phonenumbers.parse(digits, None)
        except phonenumbers.NumberParseException as exc:
            raise PhoneError(raw) from exc
        if not phonenumbers.is_possible_number(number):
            raise PhoneError(raw)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    elif not digits.startswith("0") and len(digits) in (9, 10):
        digits = "0" + digits
    if len(digits) == 11 and digits[:4] in _OLD_MOBILE_PREFIXES:
        digits = _OLD_MOBILE_PREFIXES[digits[:4]] + digits[4:]
    try:
        number = phonenumbers.parse(digits, "VN")
    except phonenumbers.NumberParseException as exc:
        raise PhoneError(raw) from exc
    if not phonenumbers.is_valid_number(number):
        raise PhoneError(raw)
    return "0" + str(number.national_number)


class DateError(ValueError):
    pass


_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_TEXT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def parse_date(value):
    """A date from a spreadsheet cell: a real date, a day-first text (dd/mm/yyyy, dd-mm-yyyy,
    dd.mm.yyyy), an ISO text, or an Excel serial number. Returns None for empty cells and raises
    `DateError` for anything else — never guesses month-first."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return _EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise DateError(str(value))
    text = tidy(value)
    match = _DATE_TEXT.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return datetime.date(year, month, day)
        match = _ISO_TEXT.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return datetime.date(year, month, day)
    except ValueError as exc:
        raise DateError(text) from exc
    raise DateError(text)


def format_date(day):
    return day.strftime("%d/%m/%Y") if day else ""
