"""The supplementary Vietnamese Wagtail catalog (locale-wagtail/) is complete and compiled.

No database needed: these tests only read .po/.mo files.
"""

import gettext
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "wagtail_catalog.py"


def _load_script():
    spec = importlib.util.spec_from_file_location("wagtail_catalog", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


wc = _load_script()
LC_DIR = Path(wc.LC_DIR)


def _fmt(problems, limit=30):
    extra = f"\n... and {len(problems) - limit} more" if len(problems) > limit else ""
    return "\n".join(problems[:limit]) + extra


def test_check_reports_no_problems():
    """Every msgid of the listed Wagtail apps is translated, with intact placeholders."""
    problems = wc.check()
    assert not problems, _fmt(problems)


@pytest.mark.parametrize("domain", wc.DOMAINS)
def test_every_wagtail_msgid_is_translated(domain):
    vi = wc.wagtail_vi(domain)
    ours = {e.key: e for e in wc.parse_po(LC_DIR / f"{domain}.po") if e.msgid}
    source = wc.source_entries(domain)
    assert source, f"no English msgids found for {domain}"
    missing = []
    for key, entry in source.items():
        shipped = ours.get(key)
        if shipped is not None:
            text = shipped.msgstr_plural.get(0, "") if entry.msgid_plural is not None else shipped.msgstr
        else:
            text = ""
        if not text.strip() and key not in vi:
            missing.append(repr(key))
    assert not missing, f"{len(missing)} untranslated:\n" + _fmt(missing)


@pytest.mark.parametrize("domain", wc.DOMAINS)
def test_placeholders_match(domain):
    problems = []
    for entry in wc.parse_po(LC_DIR / f"{domain}.po"):
        if not entry.msgid:
            continue
        if entry.msgid_plural is not None:
            assert sorted(entry.msgstr_plural) == [0], f"{entry.msgid!r}: Vietnamese has only msgstr[0]"
        for problem in wc.translation_problems(entry.msgid, entry.msgid_plural, entry.translation()):
            problems.append(f"{entry.msgid!r}: {problem}")
    assert not problems, _fmt(problems)


def test_placeholder_helper_detects_mismatches():
    assert wc.translation_problems("Add %(model_name)s", None, "Thêm %(model_name)s") == []
    assert wc.translation_problems("Add %(model_name)s", None, "Thêm %(name)s")
    assert wc.translation_problems("<b>{title}</b> locked", None, "<b>{title}</b> đã khóa") == []
    assert wc.translation_problems("<b>{title}</b> locked", None, "{title} đã khóa")
    assert wc.translation_problems("%s of %d", None, "%d / %s")
    assert wc.translation_problems("Restart workflow ", None, "Khởi động lại")
    assert wc.translation_problems("1 page", "%(counter)s pages", ["%(counter)s trang"]) == []
    assert wc.translation_problems("1 page", "%(counter)s pages", ["1 trang"])


@pytest.mark.parametrize("domain", wc.DOMAINS)
def test_header(domain):
    header = next(e for e in wc.parse_po(LC_DIR / f"{domain}.po") if e.msgid == "").msgstr
    assert "Language: vi\n" in header
    assert "Content-Type: text/plain; charset=UTF-8\n" in header
    assert "Plural-Forms: nplurals=1; plural=0;\n" in header


@pytest.mark.parametrize("domain", wc.DOMAINS)
def test_mo_in_sync_with_po(domain):
    po_entries = [e for e in wc.parse_po(LC_DIR / f"{domain}.po") if e.msgid]
    with open(LC_DIR / f"{domain}.mo", "rb") as fh:
        mo = gettext.GNUTranslations(fh)
    catalog = mo._catalog
    expected = {}
    for e in po_entries:
        if e.msgid_plural is not None:
            for idx, text in e.msgstr_plural.items():
                if text:
                    expected[(e.key, idx)] = text
        elif e.msgstr:
            expected[e.key] = e.msgstr
    actual = {k: v for k, v in catalog.items() if k != ""}
    stale = [f"{k!r}: .po {v!r} != .mo {actual.get(k)!r}" for k, v in expected.items() if actual.get(k) != v]
    extra = [repr(k) for k in actual if k not in expected]
    assert not stale and not extra, (
        "The .mo is out of date; run `.venv/bin/python scripts/wagtail_catalog.py build`.\n"
        + _fmt(stale + [f"only in .mo: {k}" for k in extra])
    )
    assert mo.plural(1) == 0 and mo.plural(5) == 0


def test_po_round_trip(tmp_path):
    """The script's small .po reader/writer handles context, plurals, escapes and obsolete entries."""
    entry = wc.Entry()
    entry.msgctxt, entry.msgid, entry.msgstr = "menu", 'Say "hi"\\ now\n', 'Nói "chào"\\ nhé\n'
    entry.flags = ["python-format"]
    plural = wc.Entry()
    plural.msgid, plural.msgid_plural, plural.msgstr_plural = "%(n)s page", "%(n)s pages", {0: "%(n)s trang"}
    path = tmp_path / "x.po"
    wc.write_po(path, [entry, plural])
    with open(path, "a", encoding="utf-8") as fh:
        fh.write('\n#~ msgid "Old"\n#~ msgstr "Cũ"\n')
    parsed = [e for e in wc.parse_po(path) if e.msgid]
    assert [(e.key, e.translation()) for e in parsed] == [
        ("menu\x04" + entry.msgid, entry.msgstr),
        ("%(n)s page", ["%(n)s trang"]),
    ]
    assert parsed[0].flags == ["python-format"]
