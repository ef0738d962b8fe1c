"""After the signature: milestones, project reports with 亩均 figures, and the year's task ledger."""

import json

import pytest
from pipeline_helpers import content, enterprise, query


@pytest.fixture
def signed(run):
    """Two projects signed in 2026 by two officers; 晨生医疗 (seed, signed 2025-06-26) gets a plan."""
    assert (
        run(
            "enterprises",
            "add",
            "台账甲",
            "--stage",
            "签约",
            "--date",
            "2026-02-10",
            "--owner",
            "张伟",
            "--investment",
            "2亿",
            "--industry",
            "IVD体外诊断试剂",
        ).exit_code
        == 0
    )
    assert (
        run(
            "enterprises",
            "add",
            "台账乙",
            "--stage",
            "签约",
            "--date",
            "2026-07-05",
            "--owner",
            "李娜",
            "--investment",
            "5000",
            "--country",
            "韩国",
        ).exit_code
        == 0
    )
    assert run("enterprises", "update", "晨生医疗", "--investment", "1.2亿", "--owner", "张伟").exit_code == 0


def as_json(run, *args):
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_milestones_are_dated_in_order_and_production_moves_the_stage(run, db_path, signed):
    assert (
        run("enterprises", "milestone", "台账甲", "开工", "--planned", "2026-03-01", "--date", "2026-03-10").exit_code
        == 0
    )
    result = run("enterprises", "milestone", "台账甲", "投产", "--date", "2026-09-01")
    assert result.exit_code == 0
    assert "moved 台账甲 from 签约 to 投产 on 2026-09-01" in result.stdout
    assert enterprise(db_path, "台账甲")["stage"] == "投产"
    shown = {m["milestone"]: m for m in as_json(run, "enterprises", "milestone", "台账甲")}
    assert shown["开工"] == shown["开工"] | {"planned_date": "2026-03-01", "actual_date": "2026-03-10", "days_late": 9}
    assert shown["竣工"]["actual_date"] is None


@pytest.mark.parametrize(
    "args, code, words",
    [
        (("台账甲", "开工", "--date", "2026-01-05"), 1, "cannot come before its signing (2026-02-10)"),
        (("台账甲", "竣工", "--date", "2026-03-01"), 1, "竣工 cannot come before 开工 (2026-03-10)"),
        (("台账甲", "开工", "--date", "2026-12-30"), 2, "is in the future"),
        (("台账甲", "封顶", "--date", "2026-05-01"), 2, "not a milestone"),
        (("台账甲", "竣工"), 2, "give the date"),
        (("菲士医学", "开工", "--date", "2026-05-01"), 1, "not signed"),
    ],
)
def test_bad_milestones_are_refused_naming_the_value_and_nothing_is_written(run, db_path, signed, args, code, words):
    assert run("enterprises", "milestone", "台账甲", "开工", "--date", "2026-03-10").exit_code == 0
    before = content(db_path)
    result = run("enterprises", "milestone", *args)
    assert result.exit_code == code
    assert words in result.output
    assert "Traceback" not in result.output
    assert content(db_path) == before


def test_undo_restores_a_milestone_and_the_stage_it_moved(run, db_path, signed):
    before = content(db_path)
    assert run("enterprises", "milestone", "台账甲", "投产", "--date", "2026-09-01").exit_code == 0
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before


def test_report_figures_with_per_mu_and_per_m2(run, signed):
    assert (
        run(
            "enterprises",
            "report",
            "台账甲",
            "--year",
            "2026",
            "--completed-investment",
            "1.5亿",
            "--arrived",
            "8,000",
            "--output",
            "3亿",
            "--tax",
            "1200万",
            "--land-mu",
            "40",
        ).exit_code
        == 0
    )
    assert (
        run("enterprises", "report", "台账乙", "--year", "2026", "--tax", "30", "--floor-area", "1500㎡").exit_code == 0
    )
    rows = {r["name"]: r for r in as_json(run, "enterprises", "report", "台账甲")}
    r = rows["台账甲"]
    assert (r["completed_investment_wan"], r["arrived_wan"], r["output_wan"], r["tax_wan"]) == (
        15000,
        8000,
        30000,
        1200,
    )
    assert r["completed_share"] == pytest.approx(0.75)
    assert (r["output_per_mu"], r["tax_per_mu"]) == (750, 30)
    rented = as_json(run, "enterprises", "report", "台账乙")[0]
    assert rented["tax_per_m2"] == pytest.approx(30 * 10000 / 1500)  # 元/㎡


@pytest.mark.parametrize(
    "args, code, words",
    [
        (("--completed-investment", "2.5亿"), 1, "more than the planned total"),
        (("--arrived", "-5"), 2, "must not be negative"),
        (("--tax", "lots"), 2, "not an amount"),
        (("--year", "2025", "--tax", "5"), 1, "signed on 2026-02-10"),
        (("--year", "2031", "--tax", "5"), 2, "in the future"),
        (("--completed-investment", "5000"), 1, "does not fall"),
    ],
)
def test_bad_reports_are_refused_and_nothing_is_written(run, db_path, signed, args, code, words):
    assert (
        run(
            "enterprises", "report", "台账甲", "--year", "2026", "--quarter", "2", "--completed-investment", "6000"
        ).exit_code
        == 0
    )
    before = content(db_path)
    full = list(args) if "--year" in args else ["--year", "2026", *args]
    result = run("enterprises", "report", "台账甲", *full)
    assert result.exit_code == code, result.output
    assert words in result.output
    assert content(db_path) == before


def test_an_overrun_is_accepted_when_deliberate(run, signed):
    result = run("enterprises", "report", "台账甲", "--year", "2026", "--completed-investment", "2.5亿", "--over-plan")
    assert result.exit_code == 0
    assert as_json(run, "enterprises", "report", "台账甲")[0]["completed_share"] == pytest.approx(1.25)


def test_a_year_without_targets_says_how_to_set_them(run, db_path):
    result = run("ledger", "--year", "2026")
    assert result.exit_code == 1
    assert "no targets are set for 2026" in result.output
    assert "promo ledger targets set --year 2026" in result.output


@pytest.fixture
def year(run, signed):
    """Targets and a year of facts whose ledger is worked out by hand below."""
    assert (
        run(
            "ledger",
            "targets",
            "set",
            "--year",
            "2026",
            "--signed",
            "4",
            "--started",
            "2",
            "--producing",
            "2",
            "--signed-investment",
            "5亿",
            "--completed-investment",
            "3亿",
            "--arrived",
            "2亿",
            "--foreign",
            "1亿",
        ).exit_code
        == 0
    )
    assert run("ledger", "targets", "set", "--year", "2026", "--owner", "张伟", "--signed", "2").exit_code == 0
    assert run("ledger", "targets", "set", "--year", "2026", "--quarter", "3", "--signed", "1").exit_code == 0
    run("enterprises", "milestone", "台账甲", "开工", "--date", "2026-03-10")
    run("enterprises", "milestone", "晨生医疗", "开工", "--date", "2026-04-01")
    run("enterprises", "report", "晨生医疗", "--year", "2025", "--completed-investment", "2000")
    run("enterprises", "report", "晨生医疗", "--year", "2026", "--completed-investment", "7000", "--arrived", "3000")
    run("enterprises", "report", "台账乙", "--year", "2026", "--quarter", "3", "--arrived", "1000")
    run("enterprises", "report", "台账乙", "--year", "2026", "--quarter", "4", "--arrived", "500")


def test_the_ledger_matches_the_entered_figures(run, year):
    got = {r["measure"]: r for r in as_json(run, "ledger", "--year", "2026")}
    assert got["signed"]["actual"] == 2 and got["signed"]["rate"] == pytest.approx(0.5)
    assert got["investment_signed"]["actual"] == 25000  # 2亿 + 5000万
    assert got["started"]["actual"] == 2
    assert got["investment_completed"]["actual"] == 5000  # 7000 to date less 2000 before the year
    assert got["arrived"]["actual"] == 4500
    assert got["foreign"]["actual"] == 1500  # 台账乙 is Korean
    assert got["producing"]["actual"] == 0 and got["producing"]["behind"]  # 90% of 2026 has passed


def test_the_ledger_by_owner_and_by_quarter(run, year):
    rows = as_json(run, "ledger", "--year", "2026", "--by", "owner")
    zhang = {r["measure"]: r for r in rows if r["group"] == "张伟"}
    assert zhang["signed"]["target"] == 2 and zhang["signed"]["actual"] == 1
    assert zhang["started"]["actual"] == 2  # 台账甲 and 晨生医疗
    quarters = as_json(run, "ledger", "--year", "2026", "--by", "quarter")
    q3 = {r["measure"]: r for r in quarters if r["group"] == "3"}
    assert q3["signed"]["target"] == 1 and q3["signed"]["actual"] == 1  # 台账乙, 2026-07-05
    assert q3["arrived"]["actual"] == 1000


def test_ledger_detail_lists_the_projects_behind_a_figure(run, year):
    rows = as_json(run, "ledger", "--year", "2026", "--detail", "--measure", "signed")
    assert sorted(r["name"] for r in rows) == ["台账乙", "台账甲"]
    table = run("ledger", "--year", "2026").stdout
    assert "projects signed" in table and "50%" in table


def test_targets_set_and_listed_and_undone(run, db_path, year):
    assert {r["measure"] for r in as_json(run, "ledger", "targets", "--year", "2026")} >= {"signed", "foreign"}
    before = content(db_path)
    assert run("ledger", "targets", "set", "--year", "2026", "--signed", "6").exit_code == 0
    assert query(
        db_path, "SELECT value FROM ledger_targets WHERE scope = 'zone' AND quarter = 0 AND measure = 'signed'"
    ) == [(6,)]
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before


@pytest.mark.parametrize(
    "args, code",
    [
        (("--signed", "-1"), 2),
        (("--signed", "2.5"), 2),
        (("--arrived", "abc"), 2),
        (("--chain", "高端医疗器械", "--signed", "1"), 1),  # a leading industry, not a chain
        ((), 2),
    ],
)
def test_bad_targets_are_refused(run, db_path, args, code):
    before = content(db_path)
    result = run("ledger", "targets", "set", "--year", "2026", *args)
    assert result.exit_code == code, result.output
    assert content(db_path) == before


def test_the_ledger_by_chain_counts_a_link_under_its_chain(run, year):
    assert run("ledger", "targets", "set", "--year", "2026", "--chain", "精准医学", "--signed", "1").exit_code == 0
    rows = as_json(run, "ledger", "--year", "2026", "--by", "chain")
    precision = {r["measure"]: r for r in rows if r["group_name"] == "精准医学"}
    assert precision["signed"]["target"] == 1 and precision["signed"]["actual"] == 1  # 台账甲, an IVD link
    assert precision["signed"]["rate"] == 1 and not precision["signed"]["behind"]
    zone = {r["measure"]: r for r in rows if r["group"] is None}
    assert zone["signed"]["actual"] == 2 and zone["signed"]["target"] == 4


def test_an_enterprise_in_a_leading_industry_counts_for_that_industry_not_for_no_chain(run, year):
    def signed():
        rows = as_json(run, "ledger", "--year", "2026", "--by", "chain")
        return rows, {r["group_name"]: r["actual"] for r in rows if r["measure"] == "signed"}

    no_chain = signed()[1].get("(no chain)", 0)
    add = ("enterprises", "add", "产业级企业", "--industry", "高端医疗器械", "--date", "2026-03-01")
    assert run(*add, "--investment", "8000").exit_code == 0
    rows, now = signed()
    assert now["高端医疗器械 (the industry as a whole)"] == 1 and now.get("(no chain)", 0) == no_chain
    assert {r["group"] for r in rows if r["group_name"].startswith("高端医疗器械")} == {"med-device"}
    detail = as_json(run, "ledger", "--year", "2026", "--by", "chain", "--detail")
    assert {r["group_name"] for r in detail if r["name"] == "产业级企业"} == {"高端医疗器械 (the industry as a whole)"}


def test_the_ledger_by_owner_as_a_workbook(run, year, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "台账.xlsx"
    result = run("ledger", "--year", "2026", "--by", "owner", "-o", out)
    assert result.exit_code == 0, result.output
    ws = load_workbook(out).worksheets[0]
    head, *body = [tuple(c.value for c in row) for row in ws.iter_rows()]
    assert head[0] == "负责人" and "完成(个)" in head[1] and any("(万元)" in h for h in head)
    zhang = dict(zip(head, next(r for r in body if r[0] == "张伟"), strict=True))
    assert zhang[head[1]] == 1 and zhang[head[2]] == 2  # signed: 1 of a target of 2, as numbers
    bad = run("ledger", "--year", "2026", "--by", "owner", "-o", tmp_path / "台账.txt")
    assert bad.exit_code == 2 and "台账.txt" in bad.output
