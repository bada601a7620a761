import unicodedata

import pytest

from huunghi.search import highlight, parse_query, snippet


def test_query_is_nfc_folded_and_split():
    query = parse_query(unicodedata.normalize("NFD", "  Điện  Biên, PHỦ! "))
    assert query.text == "Điện Biên, PHỦ!"
    assert query.terms == ("dien", "bien", "phu")
    assert query.folded == "dien bien phu"
    assert query.exact_terms == ("điện", "biên", "phủ")


def test_highlight_whole_words_only_whatever_the_diacritics():
    query = parse_query("an")
    assert (
        str(highlight("Nghệ An, an sinh, Ân, bàn", query))
        == "Nghệ <mark>An</mark>, <mark>an</mark> sinh, <mark>Ân</mark>, bàn"
    )


def test_highlight_escapes_html():
    query = parse_query("doan")
    assert str(highlight("<b>Đoàn</b> & đoàn", query)) == "&lt;b&gt;<mark>Đoàn</mark>&lt;/b&gt; &amp; <mark>đoàn</mark>"


def test_highlight_joins_adjacent_words():
    assert str(highlight("Tỉnh Nghệ An", parse_query("nghe an"))) == "Tỉnh <mark>Nghệ An</mark>"


def test_snippet_is_a_window_around_the_first_match():
    text = "Mở đầu. " + "chữ " * 200 + "Điện Biên Phủ" + " cuối" * 50
    result = str(snippet(text, parse_query("dien bien"), chars=100))
    assert "<mark>Điện Biên</mark>" in result
    assert result.startswith("… ") and result.endswith(" …")


@pytest.mark.parametrize("where", [0, 700, 5000, 11990])
@pytest.mark.parametrize("typed", ["dien bien", "Điện Biên", "ĐIỆN"])
def test_snippet_of_a_long_text_is_the_one_of_the_whole_text(monkeypatch, where, typed):
    """Long texts are first cut around the first match; the snippet is the same as without."""
    import importlib

    module = importlib.import_module("huunghi.search.highlight")
    words = "Hội “hữu nghị” Việt – Lào, Nghệ An… đoàn Ελληνικά ສະຫາຍ chi hội".split()
    filler = " ".join(words[i % len(words)] for i in range(2400))
    text = filler[:where] + " Điện Biên Phủ " + filler[where:]
    query = parse_query(typed)
    cut, unmatched = str(snippet(text, query)), str(snippet(filler, query))
    monkeypatch.setattr(module, "LONG_TEXT_CHARS", 10**9)
    assert cut == str(snippet(text, query)) and "<mark>Điện" in cut
    assert unmatched == str(snippet(filler, query)) and unmatched.startswith("Hội") and unmatched.endswith(" …")


@pytest.mark.parametrize(
    "text",
    [
        "Hội Hữu nghị Việt – Lào tỉnh Nghệ An: ĐOÀN đại biểu Điện Biên, “Ảnh: Nguyễn Đức”",
        "Liên hiệp các tổ chức hữu nghị tỉnh Thanh Hóa — Thanh Hoá (NFD: Thanh Hoá)",
        "ສະຫາຍ ນະຄອນຫຼວງວຽງຈັນ ແຂວງຫົວພັນ, Xiêng Khoảng, Huaphăn",
        "Ελληνικά άέή, Русский Йошкар-Ола, Français çà et là, Deutsch Straße, İstanbul, 東京 日本",
        "tabs\tand\nnew lines, emoji 🎉 and 𝒜 astral",
    ],
)
def test_fast_folding_finds_the_same_words_as_fold(text):
    import re
    import unicodedata

    from huunghi.core.text import fold
    from huunghi.search.folding import fold_for_matching

    for variant in (text, unicodedata.normalize("NFD", text)):
        assert re.findall(r"\w+", fold_for_matching(variant)) == re.findall(r"\w+", fold(variant))
