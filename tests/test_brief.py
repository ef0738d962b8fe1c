"""The brief's building blocks: fixed texts, numbers and units, escaping, and the atomic file writer."""

import os
import re
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from promo.brief import numbers as num
from promo.brief.markdown import md_text
from promo.brief.output import write_file
from promo.brief.texts import TEXTS, section_number
from promo.brief.wording import one_line
from promo.errors import BadValue, Rejected
from promo.measures import rent_month_text

CJK = re.compile(
    r"[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_fixed_text_has_an_english_form_without_chinese(key):
    zh, en = TEXTS[key]
    assert not CJK.search(en), f"{key}: English text contains Chinese: {en!r}"
    if zh:  # a few texts exist only in English (conversion notes); their Chinese form is empty on purpose
        assert placeholders(zh) <= placeholders(en), key


def test_section_numbers():
    assert [section_number(n, "zh") for n in (1, 2, 10, 11, 12)] == ["一、", "二、", "十、", "十一、", "十二、"]
    assert section_number(3, "en") == "3. "


def test_areas_rents_and_money_in_both_languages():
    assert num.area(3600) == "3,600"
    assert num.area_sqft(3600) == "38,750"
    assert num.area(82.5) == "82.5"
    assert num.rent(1.0) == "1.00"
    assert rent_month_text(1.0) == "30.42"  # 365 / 12
    assert num.rent_usd_sqft_year(1.0, 7.1) == "4.78"  # 365 / 7.1 / 10.7639
    assert num.rent_usd_sqft_year(1.0, None) == ""
    assert num.rent_range(0.75, 1.2) == "0.75–1.20"
    assert num.rent_range(1.5, 1.5) == "1.50"
    assert num.money_wan(500, "zh") == "500 万元"
    assert num.money_wan(12000, "zh") == "1.2 亿元"
    assert num.money_wan(500, "en") == "CNY 5 million"
    assert num.money_wan(10, "en") == "CNY 100,000"
    assert num.money_wan(1_200_000, "en") == "CNY 12 billion"
    assert num.date_text("2026-11-23", "zh") == "2026年11月23日"
    assert num.date_text("2026-11-23", "en") == "23 November 2026"


def test_zone_figures_in_english_use_words_a_foreign_reader_knows():
    assert num.figure_value(120, "亿元", "100 million yuan", "en") == "CNY 12 billion"
    assert num.figure_value(112, "万平方米", "10,000 m²", "en") == "1.12 million m² (12.1 million sq ft)"
    assert num.figure_value(62, "个", "projects", "en") == "62 projects"
    assert num.figure_value(62, "个", None, "zh") == "62 个"


def test_one_line_removes_newlines_controls_and_bidi_overrides():
    assert one_line("a\nb\r\n\tc\u2028d") == "a b c d"
    assert one_line("x\u202eevil\u202cy\x00") == "x evil y"


MD = MarkdownIt("commonmark").enable("table")


def only_paragraph_text(markdown: str) -> str:
    tokens = MD.parse(markdown)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], markdown
    return "".join(child.content for child in tokens[1].children if child.type in ("text", "softbreak"))


@pytest.mark.parametrize(
    "text",
    [
        "- not a list",
        "+ not a list",
        "1. not a numbered list",
        "3) not either",
        "# not a heading",
        "> not a quote",
        "===",
        "---",
        "***",
        "<script>alert(1)</script>",
        "a | b | c",
        "`code` *em* _em_ [link](http://x) ![img](x)",
        "&amp; &#x3C;",
        "back\\slash\\",
    ],
)
def test_md_text_at_a_line_start_stays_one_plain_paragraph(text):
    assert only_paragraph_text(md_text(text, line_start=True)) == text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Zs")), min_size=1))
def test_md_text_round_trips_any_visible_text(text):
    clean = one_line(text)
    if clean:
        assert only_paragraph_text(md_text(clean, line_start=True)) == clean


def test_write_file_is_atomic_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "brief.md"
    write_file(target, "第一版\n")
    assert target.read_text(encoding="utf-8") == "第一版\n"
    with pytest.raises(BadValue, match="exists already"):
        write_file(target, "第二版\n")
    assert target.read_text(encoding="utf-8") == "第一版\n"
    write_file(target, "第二版\n", force=True)
    assert target.read_text(encoding="utf-8") == "第二版\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]  # no temporary file left behind


def test_write_file_leaves_the_old_file_whole_when_the_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "brief.md"
    target.write_text("old\n", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(Rejected, match="no space left on the disk"):  # in the reader's words, not the system's
        write_file(target, "new\n" * 1000, force=True)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]


def test_write_file_explains_paths_it_cannot_use(tmp_path):
    with pytest.raises(BadValue, match="does not exist"):  # a path that cannot be written as given: exit 2
        write_file(tmp_path / "missing" / "brief.md", "x")
    with pytest.raises(BadValue, match="is a folder"):
        write_file(tmp_path, "x")
    with pytest.raises(Rejected, match="cannot write"):
        write_file("/proc/promo-brief.md", "x")  # /proc takes no new files, even for root
