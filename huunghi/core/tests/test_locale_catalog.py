"""Our own Vietnamese catalog (locale/vi) is complete, keeps its placeholders and is compiled."""

import gettext
from pathlib import Path

from huunghi.core.tests.test_wagtail_catalog import wc

PO = Path(__file__).resolve().parents[3] / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_every_msgid_is_translated_with_its_placeholders():
    problems = []
    for entry in wc.parse_po(str(PO)):
        if not entry.msgid:
            continue
        translation = [entry.msgstr_plural[0]] if entry.msgid_plural else entry.msgstr
        if "fuzzy" in (entry.flags or []):
            problems.append(f"fuzzy: {entry.msgid!r}")
        problems += [
            f"{entry.msgid!r}: {p}" for p in wc.translation_problems(entry.msgid, entry.msgid_plural, translation)
        ]
    assert not problems, "\n".join(problems)


def test_compiled_catalog_matches_the_po_file():
    with open(PO.with_suffix(".mo"), "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in wc.parse_po(str(PO)):
        if entry.msgid and not entry.msgid_plural:
            if entry.msgctxt is not None:
                assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr, entry.msgid
            else:
                assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid
