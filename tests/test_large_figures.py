"""Figures at a province's scale: a million 万元 is written out (1,500,000), never 1.5e+06, and a project's amount
typed without its unit past 1,000 亿元 (yuan typed by mistake) is refused with both readings."""

import json

import pytest
from pipeline_helpers import content, enterprise


def test_a_projects_amount_in_yuan_without_its_unit_is_refused_with_both_readings(run, db_path):
    before = content(db_path)
    result = run("enterprises", "add", "大额甲有限公司", "--stage", "签约", "--investment", "50000000")
    assert result.exit_code == 2, result.output
    assert "--investment 50000000" in result.output and "5,000 亿元" in result.output
    assert "50000000元" in result.output and "5000亿" in result.output
    assert content(db_path) == before


@pytest.mark.parametrize(("typed", "wan"), [("50000000元", 5000), ("5000亿", 50_000_000), ("10000000", 10_000_000)])
def test_the_amount_said_with_its_unit_or_within_bounds_is_taken(run, db_path, typed, wan):
    result = run("enterprises", "add", "大额甲有限公司", "--stage", "签约", "--investment", typed)
    assert result.exit_code == 0, result.output
    assert enterprise(db_path, "大额甲有限公司")["investment_wan"] == wan


def test_a_zones_yearly_target_may_be_that_large_and_is_written_out(run):
    result = run("ledger", "targets", "set", "--year", "2026", "--signed", "12", "--signed-investment", "15000000")
    assert result.exit_code == 0, result.output
    assert "15,000,000 10k CNY" in result.output and "e+" not in result.output
    again = run("ledger", "targets", "set", "--year", "2026", "--signed-investment", "1500000")
    assert "15,000,000 10k CNY → 1,500,000 10k CNY" in again.output
    found = json.loads(run("ledger", "--year", "2026", "--format", "json").stdout)
    assert any(r["target"] == 1_500_000 for r in found)
    text = run("report", "weekly").stdout
    assert "e+" not in text and "/1,500,000" not in text  # the year's tasks in 亿元 in the group's text
    listed = run("ledger", "--year", "2026", "--by", "owner").output
    assert "e+" not in listed


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (
            ("enterprises", "report", "华银康", "--year", "2026", "--completed-investment", "20000000"),
            "--completed-investment",
        ),
        (("enterprises", "report", "华银康", "--year", "2026", "--arrived", "20000000"), "--arrived"),
        (("match", "--investment", "50000000"), "--investment"),
    ],
)
def test_every_projects_own_amount_keeps_the_rule(run, db_path, args, option):
    before = content(db_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert option in result.output and "亿元" in result.output and "元;" in result.output
    assert content(db_path) == before
