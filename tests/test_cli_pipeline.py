import json

import pytest
from pipeline_helpers import query

STAGES = ["意向", "洽谈", "签约", "注册", "落地", "投产", "达效"]


@pytest.fixture
def histories(run):
    """Three enterprises whose stays are known: 签约 10, 20 and 31 days; 注册 30 days."""
    moves = {
        "漏斗甲": [("签约", "2026-01-01"), ("注册", "2026-01-11"), ("落地", "2026-02-10")],
        "漏斗乙": [("签约", "2026-01-01"), ("注册", "2026-01-21")],
        "漏斗丙": [("签约", "2026-01-01"), ("注册", "2026-02-01")],
    }
    for name, steps in moves.items():
        first, date = steps[0]
        args = ["enterprises", "add", name, "--stage", first, "--date", date, "--owner", "测试员"]
        assert run(*args, "--investment", "1000").exit_code == 0
        for stage, date in steps[1:]:
            assert run("enterprises", "move", name, stage, "--date", date).exit_code == 0
    return moves


def funnel(run, *args):
    result = run("pipeline", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_counts_investment_and_conversion_match_the_catalogue(run, db_path, histories):
    found = funnel(run)
    assert [r["stage"] for r in found] == STAGES
    counts = dict(query(db_path, "SELECT stage, count(*) FROM enterprises GROUP BY stage"))
    money = dict(query(db_path, "SELECT stage, sum(investment_wan) FROM enterprises GROUP BY stage"))
    for i, r in enumerate(found):
        assert r["count"] == counts.get(r["stage"], 0)
        assert r["investment_wan"] == money.get(r["stage"])  # None: no investment on record, not 0
        assert r["reached"] == sum(counts.get(s, 0) for s in STAGES[i:])
    for a, b in zip(found, found[1:], strict=False):
        assert a["conversion"] == pytest.approx(b["reached"] / a["reached"], abs=1e-4)
    assert found[-1]["conversion"] is None


def test_median_days_in_each_stage(run, histories):
    by_stage = {r["stage"]: r for r in funnel(run)}
    assert (by_stage["签约"]["median_days"], by_stage["签约"]["stays"]) == (20, 3)
    assert (by_stage["注册"]["median_days"], by_stage["注册"]["stays"]) == (30, 1)
    assert by_stage["落地"]["median_days"] is None


def test_median_of_an_even_number_of_stays(run, histories):
    run("enterprises", "move", "漏斗乙", "落地", "--date", "2026-02-20")  # 注册 stays: 30 and 30
    run("enterprises", "move", "漏斗丙", "落地", "--date", "2026-02-11")  # and 10
    by_stage = {r["stage"]: r for r in funnel(run)}
    assert (by_stage["注册"]["median_days"], by_stage["注册"]["stays"]) == (30, 3)


def test_by_owner_groups_every_stage(run, histories):
    found = [r for r in funnel(run, "--by", "owner") if r["group"] == "测试员"]
    assert [r["stage"] for r in found] == STAGES
    assert {r["stage"]: r["count"] for r in found if r["count"]} == {"注册": 2, "落地": 1}
    assert found[STAGES.index("签约")]["reached"] == 3
    assert found[STAGES.index("签约")]["conversion"] == 1.0


def test_by_industry_uses_leading_industries(run, db_path):
    groups = {r["group"] for r in funnel(run, "--by", "industry")}
    leading = {r[0] for r in query(db_path, "SELECT name FROM industries WHERE parent_id IS NULL")}
    assert groups - {"(产业未填)"} <= leading


def test_by_source_and_carrier_count_everyone(run, db_path):
    total = query(db_path, "SELECT count(*) FROM enterprises")[0][0]
    for by in ("source", "carrier"):
        assert sum(r["count"] for r in funnel(run, "--by", by)) == total


def test_monthly_series_counts_stage_entries(run, histories):
    found = funnel(run, "--period", "month", "--since", "2026-01-01")
    months = {r["period"]: r for r in found}
    assert months["2026-01"]["signed"] == 3 and months["2026-01"]["registered"] == 2
    assert months["2026-02"]["registered"] == 1 and months["2026-02"]["landed"] == 1
    assert months["2026-01"]["signed_investment_wan"] == 3000
    periods = [r["period"] for r in found]
    assert periods == sorted(periods) and periods[0] == "2026-01"


def test_quarterly_series_has_no_gaps(run):
    periods = [r["period"] for r in funnel(run, "--period", "quarter")]
    assert periods[0] <= "2019-Q3" and "2021-Q1" in periods
    assert len(periods) == len(set(periods))


def test_table_shows_headline_and_conversion(run, histories):
    result = run("pipeline")
    assert result.exit_code == 0
    assert "attracted" in result.stdout and "Conversion" in result.stdout and "20 (n=3)" in result.stdout


@pytest.mark.parametrize(
    "args, code, words",
    [
        (["--by", "colour"], 2, ["--by colour"]),
        (["--period", "week"], 2, ["week"]),
        (["--by", "owner", "--period", "month"], 2, ["--by and --period"]),
        (["--since", "2026-01-01"], 2, ["--period"]),
        (["--period", "month", "--since", "去年"], 2, ["--since"]),
    ],
)
def test_bad_options(run, args, code, words):
    result = run("pipeline", *args)
    assert result.exit_code == code
    for w in words:
        assert w in result.output


def test_a_stage_without_known_investment_shows_blank_not_zero(run):
    # the seed leads (意向) have no investment on record
    found = json.loads(run("pipeline", "--format", "json").stdout)
    assert next(r for r in found if r["stage"] == "意向")["investment_wan"] is None
    table = run("pipeline").stdout
    line = next(x for x in table.splitlines() if x.strip().startswith("lead"))
    assert " 0 " not in line.split("lead")[1][:30]
    listing = run("enterprises", "--stage", "意向").stdout
    assert "investment in all —" in listing


@pytest.mark.parametrize(
    "args, name",
    [
        (["enterprises", "--carrier", ""], "--carrier"),
        (["enterprises", "--industry", ""], "--industry"),
        (["enterprises", "--stage", ""], "--stage"),
        (["enterprises", "--owner", " "], "--owner"),
        (["enterprises", "--since", ""], "--since"),
        (["enterprises", "--limit", "99999999999999999999"], "--limit"),
        (["pipeline", "--since", ""], "--since"),
        (["overdue", "--owner", ""], "--owner"),
        (["scenarios", "--industry", ""], "--industry"),
        (["scenarios", "status", "99999999999999999999", "closed"], "SCENARIO"),
        (["match", "--industry", "", "--min-area", "500"], "--industry"),
        (["match", "--min-area", "500", "--limit", "99999999999999999999"], "--limit"),
        (["policies", "--industry", ""], "--industry"),
        (["check", "--industry", "", "--investment", "100"], "--industry"),
        (["criteria", "--carrier", ""], "--carrier"),
        (["targets", "--link", ""], "--link"),
        (["catalogue", "--industry", ""], "--industry"),
        (["enterprises", "add", "空值企业", "--industry", ""], "--industry"),
        (["enterprises", "add", "巨量岗位", "--jobs", "99999999999999999999"], "--jobs"),
        (["check", "--jobs", "99999999999999999999"], "--jobs"),
        (["match", "--min-area", "99999999999999999999"], "--min-area"),
    ],
)
def test_empty_filters_and_huge_numbers_are_usage_errors(run, args, name):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert name in result.output and "Traceback" not in result.output
