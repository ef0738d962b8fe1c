from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from promo.errors import BadValue
from promo.text import fold, parse_amount, parse_date, parse_number


@pytest.mark.parametrize(
    "a, b",
    [
        ("樹蘭(濟南)醫院", "树兰（济南）医院"),
        ("精準醫學產業園", "精准医学产业园"),
        ("海凭国际·济南医疗器械产业园", "海凭国际济南医疗器械产业园"),
        ("ＡＢＣ  医疗", "abc医疗"),
        ("国家健康医疗大数据中心（北方）产业园", "國家健康醫療大數據中心(北方)產業園"),
    ],
)
def test_fold_makes_script_width_and_spacing_irrelevant(a, b):
    assert fold(a) == fold(b)


def test_fold_keeps_different_names_apart():
    assert fold("海芃") != fold("海凭")
    assert fold("眼科") != fold("牙科")


@pytest.mark.parametrize(
    "text, wan",
    [
        ("1200", 1200),
        ("1,200", 1200),
        ("1200万", 1200),
        ("1200万元", 1200),
        ("1.2亿", 12000),
        ("１，２００万", 1200),
        ("500000元", 50),
        ("0", 0),
    ],
)
def test_amounts_as_users_write_them(text, wan):
    assert parse_amount(text) == wan


@pytest.mark.parametrize("bad", ["-5", "abc", "1.2.3亿", "12 apples", "1,20", "万"])
def test_bad_amounts_name_the_field(bad):
    with pytest.raises(BadValue) as exc:
        parse_amount(bad, "--investment")
    assert "--investment" in str(exc.value)


@pytest.mark.parametrize("text", ["2024年3月5日", "2024/3/5", "2024-03-05", "2024.3.5", "20240305", "２０２４-03-05"])
def test_dates_as_users_write_them(text):
    assert parse_date(text) == "2024-03-05"


@pytest.mark.parametrize("bad", ["2024-02-30", "someday", "3/5/2024", "2024年13月1日", "2024-3"])
def test_bad_dates_are_refused(bad):
    with pytest.raises(BadValue) as exc:
        parse_date(bad, "--available-by")
    assert "--available-by" in str(exc.value)


@given(st.dates())
def test_any_date_round_trips_in_every_spelling_and_only_1900_to_2200_is_taken(d):
    if d.year < 1000:
        return
    for text in (d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日"):
        if 1900 <= d.year <= 2200:
            assert parse_date(text) == d.isoformat()
        else:
            with pytest.raises(BadValue, match="1900 to 2200"):
                parse_date(text)


_NUMERALS = "〇一二三四五六七八九"


def _in_chinese(n: int, twenty: str = "二十", thirty: str = "三十") -> str:
    """A month or day in Chinese numerals, written here apart from promo's reading: 9 九, 12 十二, 25 二十五."""
    tens, ones = divmod(n, 10)
    return {0: "", 1: "十", 2: twenty, 3: thirty}[tens] + (_NUMERALS[ones] if ones else "")


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.sampled_from("〇零○"),
    st.booleans(),
    st.sampled_from(["日", "号", ""]),
    st.booleans(),
)
def test_a_date_in_chinese_numerals_reads_as_it(d, zero, year_in_digits, unit, old_tens):
    year = str(d.year) if year_in_digits else "".join(zero if c == "0" else _NUMERALS[int(c)] for c in str(d.year))
    day = _in_chinese(d.day, *(("廿", "卅") if old_tens else ()))
    assert parse_date(f"{year}年{_in_chinese(d.month)}月{day}{unit}", "--date") == d.isoformat()


@pytest.mark.parametrize(
    "text, iso, meaning",
    [
        ("二〇二六年九月五日", "2026-09-05", "day"),
        ("二零二六年九月五号", "2026-09-05", "day"),
        ("2026年九月五日", "2026-09-05", "day"),
        ("二〇二六年 九月 五日", "2026-09-05", "day"),
        ("二〇二六年九月", "2026-09-30", "by"),
        ("二〇二六年九月底", "2026-09-30", "by"),
        ("二〇二六年底", "2026-12-31", "by"),
    ],
)
def test_dates_as_documents_write_them(text, iso, meaning):
    assert parse_date(text, "--date", meaning=meaning) == iso


@pytest.mark.parametrize(
    "bad, why",
    [
        ("二〇二六年十三月", "no such month (13)"),
        ("二〇二六年十三月五日", "no such day"),
        ("二〇二六年二月三十日", "no such day"),
        ("二〇二六年九月四十日", "not a date"),
        ("二〇二六年〇月五日", "not a date"),
        ("一八〇〇年一月一日", "1900 to 2200"),
    ],
)
def test_a_bad_date_in_chinese_numerals_is_refused_naming_the_field(bad, why):
    with pytest.raises(BadValue) as exc:
        parse_date(bad, "--lease-end", meaning="by")
    assert "--lease-end" in str(exc.value) and bad in str(exc.value) and why in str(exc.value)


@given(st.integers(min_value=0, max_value=10**8))
def test_any_whole_amount_with_separators(n):
    assert parse_amount(f"{n:,}") == n
    assert parse_amount(f"{n}万") == n


@given(st.text(max_size=12))
def test_number_parser_never_crashes(text):
    try:
        value = parse_number(text, "--min-area")
    except BadValue:
        return
    assert value is None or value >= 0


@given(st.text(max_size=30))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize("text", ["99999999999999999999", "2万亿", "1e30"])
def test_implausible_amounts_are_refused_not_overflowed(text):
    with pytest.raises(BadValue, match="--investment"):
        parse_amount(text, "--investment")


def test_numbers_have_an_upper_bound():
    with pytest.raises(BadValue, match="too large"):
        parse_number("99999999999999999999", "--jobs", integer=True)
