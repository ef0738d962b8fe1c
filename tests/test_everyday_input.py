"""Everyday input: areas, rents, dates, stages, statuses and activity kinds as officers write them, Chinese
command aliases, "did you mean", --db after the subcommand and --limit 0 — each form accepted and refused."""

from __future__ import annotations

import json
import sqlite3

import pytest

from promo.dates import parse_date
from promo.errors import BadValue
from promo.measures import AREA, RENT, conversions
from promo.vocabulary import SYNONYMS


def query(db_path, sql, params=()):
    with sqlite3.connect(db_path) as c:
        return c.execute(sql, params).fetchall()


@pytest.mark.parametrize(
    "typed, m2",
    [("500平米", 500), ("500平", 500), ("500平方", 500), ("500平方米", 500), ("500㎡", 500), ("500 m2", 500),
     ("500m²", 500), ("1,200 平米", 1200), ("0.75亩", 500), ("５００平", 500)],
)  # fmt: skip
def test_areas_as_people_write_them(typed, m2):
    assert AREA.parse(typed, "--area") == pytest.approx(m2, abs=0.01)


@pytest.mark.parametrize("typed", ["平米", "500平米平", "500 acres", "五百平", "-5平", "500公顷"])
def test_areas_that_are_not_areas_are_refused(typed):
    with pytest.raises(BadValue) as exc:
        AREA.parse(typed, "--area")
    assert exc.value.field == "--area"


@pytest.mark.parametrize(
    "typed, per_day",
    [("1.5", 1.5), ("1.5元/㎡·天", 1.5), ("1.5元/平米/天", 1.5), ("1.5元/天", 1.5), ("45元/㎡·月", 45 / (365 / 12)),
     ("45元/月", 45 / (365 / 12)), ("45元/平/月", 45 / (365 / 12)), ("45 元/平米·月", 45 / (365 / 12)),
     ("45元每平米每月", 45 / (365 / 12))],
)  # fmt: skip
def test_rents_per_day_or_per_month(typed, per_day):
    assert RENT.parse(typed, "--rent") == pytest.approx(per_day, abs=1e-4)


@pytest.mark.parametrize("typed", ["45元/年", "45元/㎡·周", "四十五元/月", "45/月", "元/月"])
def test_rents_in_other_periods_are_refused(typed):
    with pytest.raises(BadValue):
        RENT.parse(typed, "--rent")


def test_a_converted_figure_is_said():
    conversions()
    RENT.parse("45元/月", "--max-rent")
    RENT.parse("1.5", "--rent")
    assert conversions() == ["--max-rent 45元/月: read as 1.4795 元/㎡·天"]
    assert conversions() == []


TODAY = "2026-11-23"


@pytest.mark.parametrize(
    "typed, meaning, iso",
    [
        ("2027-06-30", "day", "2027-06-30"),
        ("2027/6/30", "from", "2027-06-30"),
        ("2027年6月30日", "day", "2027-06-30"),
        ("今天", "day", TODAY),
        ("明天", "by", "2026-11-24"),
        ("昨天", "from", "2026-11-22"),
        ("3天后", "day", "2026-11-26"),
        ("3个月后", "day", "2027-02-23"),
        ("三个月后", "by", "2027-02-23"),
        ("两周前", "from", "2026-11-09"),
        ("2027-06", "by", "2027-06-30"),
        ("2027年6月", "by", "2027-06-30"),
        ("2027年2月底", "day", "2027-02-28"),
        ("2026年底", "from", "2026-12-31"),
        ("年底", "by", "2026-12-31"),
        ("明年底", "by", "2027-12-31"),
        ("下月", "by", "2026-12-31"),
        ("月底", "by", "2026-11-30"),
        ("6个月内", "by", "2027-05-23"),
        ("半年内", "by", "2027-05-23"),
        ("10天内", "by", "2026-12-03"),
        ("下周", "by", "2026-12-06"),  # 2026-11-23 is a Monday: next week ends on Sunday 12-06
        ("本周", "by", "2026-11-29"),
        ("下个星期", "by", "2026-12-06"),
        # no year: the next such day from today on, for a deadline
        ("12月31日", "by", "2026-12-31"),
        ("11月23号", "by", TODAY),  # today included
        ("1月5日", "by", "2027-01-05"),
        ("2月29日", "by", "2028-02-29"),
        ("6月底", "by", "2027-06-30"),
        ("11月底", "by", "2026-11-30"),
        ("本月底", "by", "2026-11-30"),
        # no week: the coming one, today included (TODAY is a Monday)
        ("周五", "by", "2026-11-27"),
        ("星期一", "by", TODAY),
        ("周日", "by", "2026-11-29"),
        # a named week is one day anywhere
        ("本周五", "day", "2026-11-27"),
        ("上周五", "day", "2026-11-20"),
        ("下周一", "from", "2026-11-30"),
        ("上星期天", "from", "2026-11-22"),
        # 半个月 is 15 days
        ("半个月后", "day", "2026-12-08"),
        ("半个月内", "by", "2026-12-08"),
        ("半月前", "from", "2026-11-08"),
        # the same in English words, spaced or not, any case
        ("today", "day", TODAY),
        ("in 3 days", "day", "2026-11-26"),
        ("in 2 months", "by", "2027-01-23"),
        ("2 weeks ago", "from", "2026-11-09"),
        ("3 days later", "day", "2026-11-26"),
        ("within 6 months", "by", "2027-05-23"),
        ("next month", "by", "2026-12-31"),
        ("Next Week", "by", "2026-12-06"),
        ("end of year", "by", "2026-12-31"),
        ("endofmonth", "by", "2026-11-30"),
    ],
)
def test_dates_as_people_write_them(typed, meaning, iso, monkeypatch):
    monkeypatch.setenv("PROMO_TODAY", TODAY)
    assert parse_date(typed, "--x", meaning=meaning) == iso


@pytest.mark.parametrize(
    "typed, meaning, says",
    [
        ("2027-06", "from", "ambiguous for a start date"),
        ("2027-06", "day", "ambiguous for a single day"),
        ("6个月内", "day", "ambiguous"),
        ("年底", "from", "e.g. 2026-12-31"),
        ("下月", "day", "e.g. 2026-12-31"),
        ("下周", "day", "e.g. 2026-12-06"),
        ("2027-13", "by", "no such month"),
        ("2027", "by", "a month stands for its last day"),
        ("someday", "day", "today, tomorrow, in 3 days"),  # the forms in the user's language (English here)
        ("next month", "day", "e.g. 2026-12-31"),
        ("within 6 months", "from", "ambiguous"),
        ("2027-02-30", "by", "no such day in the calendar"),
        ("12月31日", "day", "has no year"),
        ("12月31日", "from", "e.g. 2026-12-31"),
        ("6月底", "day", "has no year"),
        ("2月30日", "by", "no such day in the calendar"),
        ("周五", "day", "上周五, 本周五"),
        ("周三", "from", "上周三, 本周三"),
        ("下月初", "by", "e.g. 2026-12-01 or 2026-12-31"),
        ("月初", "from", "part of a month"),
        ("2027年6月上旬", "by", "e.g. 2027-06-01"),
        ("一个半月后", "by", "not a date"),
    ],
)
def test_ambiguous_or_unknown_dates_are_refused_with_the_forms_accepted(typed, meaning, says, monkeypatch):
    monkeypatch.setenv("PROMO_TODAY", TODAY)
    with pytest.raises(BadValue) as exc:
        parse_date(typed, "--x", meaning=meaning)
    assert says in exc.value.why


def test_a_refused_date_lists_the_forms_in_the_users_language(monkeypatch):
    monkeypatch.setenv("PROMO_TODAY", TODAY)
    with pytest.raises(BadValue) as english:
        parse_date("someday", "--x", meaning="by")
    assert "next month" in english.value.why and "下月" not in english.value.why
    monkeypatch.setenv("PROMO_LANG", "zh")
    with pytest.raises(BadValue) as chinese:
        parse_date("someday", "--x", meaning="by")
    assert "下月" in chinese.value.why and "2027年6月30日" in chinese.value.why
    assert "next month" not in chinese.value.why


def test_available_by_a_month_means_its_end_and_a_lease_start_month_is_refused(run, db_path):
    by_month = json.loads(run("vacancies", "--available-by", "2026-12", "--format", "json").output)
    by_day = json.loads(run("vacancies", "--available-by", "2026-12-31", "--format", "json").output)
    assert by_month == by_day
    refused = run(
        "units", "add", "精准医学产业园", "Z-9", "--area", "300平", "--status", "已租", "--lease-start", "2027-06"
    )  # fmt: skip
    assert refused.exit_code == 2 and "--lease-start" in refused.output and "ambiguous" in refused.output
    assert not query(db_path, "SELECT 1 FROM units WHERE code = 'Z-9'")


def test_units_add_with_everyday_area_rent_and_dates(run, db_path):
    result = run(
        "units", "add", "精准医学产业园", "Z-9", "--area", "0.75亩", "--rent", "45元/月", "--ready", "下月",
        "--status", "装修", "--until", "年底",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "--rent 45元/月: read as 1.4795 元/㎡·天" in result.stderr
    assert query(db_path, "SELECT area_m2, rent, ready_date, status, status_until FROM units WHERE code = 'Z-9'") == [
        (500.0, 1.4795, "2026-12-31", "fitout", "2026-12-31")
    ]


@pytest.mark.parametrize(
    "word, stage",
    [("已签约", "签约"), ("签了", "签约"), ("已落地", "落地"), ("在谈", "洽谈"), ("谈判中", "洽谈"), ("已投产", "投产"),
     ("入驻", "落地")],  # every word the README promises
)  # fmt: skip
def test_stages_in_the_words_officers_use(run, word, stage):
    listed = json.loads(run("enterprises", "--stage", word, "--format", "json").output)
    assert listed and {e["stage"] for e in listed} == {stage}


def test_a_stage_word_that_is_no_stage_is_refused_with_the_stages(run):
    result = run("enterprises", "--stage", "快签了")
    assert result.exit_code == 2 and "快签了" in result.output and "签约 (signed)" in result.output


def test_synonyms_are_one_table_and_never_ambiguous():
    for kind, table in SYNONYMS.items():
        words = [w for words in table.values() for w in words]
        assert len(words) == len(set(words)), kind


@pytest.mark.parametrize("word, kind", [("跟进", "call"), ("回访", "visit"), ("对接", "meeting")])
def test_activity_kinds_in_the_words_officers_use(run, db_path, word, kind):
    result = run("enterprises", "log-activity", "菲士医学", "--kind", word, "--next", "7天后")
    assert result.exit_code == 0, result.output
    assert query(db_path, "SELECT kind, next_date FROM activities") == [(kind, "2026-11-30")]


def test_unit_status_words(run):
    leased = json.loads(run("units", "--status", "已出租", "--format", "json").output)
    assert leased and {u["status"] for u in leased} == {"leased"}


def test_a_mistyped_command_gets_did_you_mean(run):
    result = run("vacancy")
    assert result.exit_code == 2 and "did you mean 'vacancies'?" in result.output
    assert "did you mean" not in run("zzzzqqq").output


def test_chinese_aliases_run_their_command_and_are_listed_in_help(run):
    assert run("空置", "--format", "json").output == run("vacancies", "--format", "json").output
    assert "空置 = vacancies" in run("--help").output


def test_db_after_the_subcommand(seed_catalogue, tmp_path, monkeypatch):
    import shutil

    from click.testing import CliRunner

    from promo.cli import cli

    monkeypatch.chdir(tmp_path)
    shutil.copy(seed_catalogue, tmp_path / "ours.db")
    runner = CliRunner()
    after = runner.invoke(cli, ["vacancies", "--format", "json", "--db", "ours.db"])
    before = runner.invoke(cli, ["--db", "ours.db", "vacancies", "--format", "json"])
    assert after.exit_code == 0 and after.output == before.output
    nested = runner.invoke(cli, ["carriers", "show", "精准医学产业园", "--db", "ours.db", "--format", "json"])
    assert nested.exit_code == 0, nested.output
    assert not (tmp_path / "catalogue.db").exists()  # no seed catalogue was built beside it
    both = runner.invoke(cli, ["--db", "ours.db", "vacancies", "--db", "other.db"])
    assert both.exit_code == 2 and "give --db once" in both.output


@pytest.mark.parametrize(
    "args",
    [("vacancies",), ("units",), ("enterprises",), ("log",), ("search", "医疗"), ("match", "--max-rent", "5")],
)
def test_limit_0_means_no_limit_everywhere(run, args):
    for code in ("Z-8", "Z-9"):  # so the log has entries
        run("units", "add", "精准医学产业园", code, "--area", "300")
    everything = run(*args, "--limit", "0", "--format", "json")
    one = run(*args, "--limit", "1", "--format", "json")
    assert everything.exit_code == 0 and one.exit_code == 0, everything.output + one.output
    assert len(everything.output) > len(one.output)
    assert run(*args, "--limit", "-1").exit_code == 2


def test_a_deadline_without_year_or_week_is_taken_and_a_past_day_without_one_refused(run, db_path):
    refused = run("enterprises", "log-activity", "菲士医学", "--kind", "visit", "--date", "11月20日")
    assert refused.exit_code == 2 and "--date" in refused.output and "has no year" in refused.output
    assert "Traceback" not in refused.output and query(db_path, "SELECT 1 FROM activities") == []
    done = run("enterprises", "log-activity", "菲士医学", "--kind", "visit", "--date", "上周五", "--next", "周五")
    assert done.exit_code == 0, done.output
    assert query(db_path, "SELECT date, next_date FROM activities") == [("2026-11-20", "2026-11-27")]


def test_an_amount_in_yuan_typed_bare_is_refused_with_how_to_write_it(run, db_path):
    refused = run("enterprises", "add", "某元计公司", "--investment", "120000000")
    assert refused.exit_code == 2 and "in yuan write 120000000元" in refused.output
    assert not query(db_path, "SELECT 1 FROM enterprises WHERE name = '某元计公司'")
    added = run("enterprises", "add", "某元计公司", "--investment", "120000000元")
    assert added.exit_code == 0, added.output
    assert query(db_path, "SELECT investment_wan FROM enterprises WHERE name = '某元计公司'") == [(12000,)]


def test_dates_in_chinese_numerals_on_the_command_line(run, db_path):
    result = run("units", "add", "精准医学产业园", "Z-9", "--area", "500", "--ready", "二〇二七年六月三十日")
    assert result.exit_code == 0, result.output
    assert query(db_path, "SELECT ready_date FROM units WHERE code = 'Z-9'") == [("2027-06-30",)]
    refused = run("units", "add", "精准医学产业园", "Z-10", "--area", "500", "--ready", "二〇二七年十三月")
    assert refused.exit_code == 2 and "--ready" in refused.output and "二〇二七年十三月" in refused.output
    assert query(db_path, "SELECT count(*) FROM units WHERE code = 'Z-10'") == [(0,)]
