"""Figures with a unit, typed as people type them and shown one way in tables and briefs."""

import json

import pytest

from promo.errors import BadValue
from promo.measures import AREA, DAYS, LOAD, MONEY, RENT, area_text, rent_text


@pytest.mark.parametrize("typed", ["1200", "1,200", "1200㎡", "1200 平方米", "1200平米", "1200m2", "１２００㎡"])
def test_area_as_typed(typed):
    assert AREA.parse(typed, "--min-area") == 1200


def test_rent_per_month_is_kept_per_day():
    assert RENT.parse("1.5元/㎡·天", "--max-rent") == 1.5
    assert RENT.parse("45.625元/㎡·月", "--max-rent") == pytest.approx(1.5)
    assert RENT.parse("45.625 元/平米·月", "--max-rent") == pytest.approx(1.5)


def test_load_and_days():
    assert LOAD.parse("8kN/㎡", "--min-floor-load") == 8
    assert DAYS.parse("90天", "DAYS") == 90


@pytest.mark.parametrize("typed", ["many", "-5㎡", "12元/㎡·天"])
def test_bad_area_names_the_option_and_the_value(typed):
    with pytest.raises(BadValue) as exc:
        AREA.parse(typed, "--min-area")
    assert exc.value.field == "--min-area" and typed in exc.value.message


def test_one_format_for_tables_and_briefs():
    assert area_text(1200.4) == "1,200" and area_text(55.5) == "55.5" and area_text(55.0) == "55"
    assert rent_text(1.5) == "1.50"
    assert MONEY.cell(1200) == "1,200" and MONEY.cell(1200.5) == "1,200.5"


@pytest.mark.parametrize(
    "typed, wan, cell, zh, en",
    [
        ("1.2亿", 12000, "12,000", "1.2 亿元", "CNY 120 million"),
        ("1,200", 1200, "1,200", "1,200 万元", "CNY 12 million"),
        ("1200万元", 1200, "1,200", "1,200 万元", "CNY 12 million"),
        ("500000元", 50, "50", "50 万元", "CNY 500,000"),
        ("３亿元", 30000, "30,000", "3 亿元", "CNY 300 million"),
    ],
)
def test_money_is_typed_shown_and_worded_by_one_type(typed, wan, cell, zh, en):
    assert MONEY.parse(typed, "--investment") == wan
    assert MONEY.cell(wan) == cell and MONEY.words(wan, "zh") == zh and MONEY.words(wan, "en") == en


@pytest.mark.parametrize("typed", ["lots", "-5万", "1.2万亿亿", float("nan")])
def test_bad_money_names_the_option_and_the_value(typed):
    with pytest.raises(BadValue) as exc:
        MONEY.parse(typed, "--investment")
    assert exc.value.field == "--investment" and str(typed) in exc.value.message


def test_vacancies_take_a_monthly_rent(run):
    per_day = json.loads(run("vacancies", "--max-rent", "1.5", "--format", "json").stdout)
    per_month = json.loads(run("vacancies", "--max-rent", "45.625元/㎡·月", "--format", "json").stdout)
    assert per_day and per_month == per_day


def test_a_bad_rent_is_a_usage_error(run):
    result = run("vacancies", "--max-rent", "cheap")
    assert result.exit_code == 2 and "--max-rent" in result.output and "cheap" in result.output
