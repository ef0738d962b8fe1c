"""A project from signing to production as a new user records it: every ledger figure checked by hand, every
step undone exactly, the Chinese output free of English, bad input refused with the catalogue unchanged."""

import json
import re
import shutil
import sqlite3

import pytest
from pipeline_helpers import content, query

STEPS = [
    ("ledger", "targets", "set", "--year", "2026", "--signed", "12", "--started", "6", "--producing", "4")
    + ("--signed-investment", "30亿", "--completed-investment", "10亿", "--arrived", "8亿", "--foreign", "2亿"),
    ("ledger", "targets", "set", "--year", "2026", "--owner", "张伟", "--signed", "4", "--quarter", "4"),
    ("enterprises", "add", "济南康达医疗器械有限公司", "--date", "2026-03-10", "--industry", "医用机器人")
    + ("--investment", "2亿", "--country", "韩国", "--owner", "张伟"),
    ("enterprises", "milestone", "康达", "开工", "--planned", "2026-05-01", "--date", "2026-05-20"),
    ("enterprises", "milestone", "康达", "竣工", "--planned", "2026-09-30", "--date", "2026-10-15"),
    ("enterprises", "milestone", "康达", "投产", "--planned", "2026-11-01", "--date", "2026-11-10"),
    ("enterprises", "milestone", "康达", "达效", "--planned", "2027-12-31"),
    ("enterprises", "report", "康达", "--year", "2026", "--quarter", "2", "--completed-investment", "3000")
    + ("--arrived", "2000"),
    ("enterprises", "report", "康达", "--year", "2026", "--quarter", "3", "--completed-investment", "8000")
    + ("--arrived", "3000", "--jobs-created", "40"),
    ("enterprises", "report", "康达", "--year", "2026", "--quarter", "4", "--completed-investment", "1.2亿")
    + ("--arrived", "1000", "--output", "1500", "--tax", "90", "--land-mu", "30"),
    ("services", "apply", "康达", "--asked", "2026-03-20"),
    ("services", "update", "康达", "环评", "--done", "2026-04-30"),
    ("coordination", "add", "康达", "双回路供电未接入", "--department", "供电公司", "--leader", "王主任")
    + ("--date", "2026-11-10", "--due", "2026-11-20"),
    ("events", "add", "2026中韩医疗器械对接会", "--date", "2026-04-18", "--place", "首尔"),
    ("events", "sign", "中韩医疗器械对接会", "康达", "--kind", "mou", "--investment", "1亿"),
]


@pytest.fixture(scope="module")
def walked(seed_catalogue, tmp_path_factory):
    """The seed catalogue after the walkthrough's steps, built once for the module."""
    from click.testing import CliRunner

    from promo.cli import cli

    path = tmp_path_factory.mktemp("walked") / "catalogue.db"
    shutil.copy(seed_catalogue, path)
    env = {"PROMO_TODAY": "2026-11-23", "PROMO_LANG": "en", "PROMO_CONFIG_DIR": str(path.parent)}
    for step in STEPS:
        result = CliRunner().invoke(cli, ["--db", str(path), *step], env=env, catch_exceptions=False)
        assert result.exit_code == 0, (step, result.output)
    return path


@pytest.fixture
def recorded(walked, db_path):
    shutil.copy(walked, db_path)


def test_each_step_is_undone_exactly_and_redone_as_it_was(run, db_path):
    for step in STEPS:
        before = content(db_path)
        result = run(*step)
        assert result.exit_code == 0, (step, result.output)
        after = content(db_path)
        assert run("undo", "--yes").exit_code == 0
        assert content(db_path) == before, step
        assert run("redo", "--yes").exit_code == 0
        assert content(db_path) == after, step


def ledger(run, *args) -> dict:
    result = run("ledger", "--year", "2026", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return {(r["group_name"], r["measure"]): r for r in json.loads(result.stdout)}


def test_every_figure_is_what_was_entered(run, recorded):
    zone = ledger(run)
    # one project signed on 2026-03-10 for 2亿, started 05-20, in production 11-10; completed to date 3000 →
    # 8000 → 12000 (shares 3000, 5000, 4000); arrived 2000 + 3000 + 1000, all of it foreign (韩国)
    assert {m: zone["", m]["actual"] for _g, m in zone} == {
        "signed": 1,
        "started": 1,
        "producing": 1,
        "investment_signed": 20000,
        "investment_completed": 12000,
        "arrived": 6000,
        "foreign": 6000,
    }
    assert zone["", "signed"]["target"] == 12 and zone["", "arrived"]["target"] == 80000
    quarters = ledger(run, "--by", "quarter")
    assert quarters["Q1", "signed"]["actual"] == 1 and quarters["Q1", "investment_signed"]["actual"] == 20000
    assert quarters["Q2", "started"]["actual"] == 1 and quarters["Q4", "producing"]["actual"] == 1
    assert [quarters[q, "investment_completed"]["actual"] for q in ("Q2", "Q3", "Q4")] == [3000, 5000, 4000]
    assert [quarters[q, "arrived"]["actual"] for q in ("Q2", "Q3", "Q4")] == [2000, 3000, 1000]
    assert quarters["whole year", "investment_completed"]["actual"] == 12000
    owners = ledger(run, "--by", "owner")
    assert owners["张伟", "signed"]["actual"] == 1 and owners["zone", "signed"]["target"] == 12
    chains = ledger(run, "--by", "chain")
    assert chains["医用机器人", "arrived"]["actual"] == 6000
    detail = json.loads(run("ledger", "--year", "2026", "--detail", "--format", "json").stdout)
    assert sum(r["value"] for r in detail if r["measure"] == "investment_completed") == 12000
    assert {r["period"] for r in detail if r["measure"] == "arrived"} == {"Q2", "Q3", "Q4"}


def test_detail_by_quarter_names_the_quarter(run, recorded):
    found = json.loads(run("ledger", "--year", "2026", "--detail", "--by", "quarter", "--format", "json").stdout)
    assert {r["group_name"] for r in found if r["measure"] == "arrived"} == {"Q2", "Q3", "Q4"}


def test_measure_as_the_officer_names_it(run, recorded):
    for word in ("arrived", "到位资金", "到资", "capital arrived"):
        found = json.loads(run("ledger", "--year", "2026", "--detail", "--measure", word, "--format", "json").stdout)
        assert [r["value"] for r in found] == [2000, 3000, 1000], word
    refused = run("ledger", "--year", "2026", "--detail", "--measure", "到")
    assert refused.exit_code == 2 and "--measure" in refused.output and "到位资金" in refused.output


def test_the_chinese_output_is_chinese(run, recorded, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")
    by_owner = run("ledger", "--year", "2026", "--by", "owner").output
    assert "全区" in by_owner and "zone" not in by_owner
    by_chain = run("ledger", "--year", "2026", "--by", "quarter", "--format", "json").stdout
    assert "全年" in by_chain and "whole year" not in by_chain
    said = run("enterprises", "milestone", "康达", "竣工", "--date", "2026-10-16").output
    assert said.strip() == "竣工 济南康达医疗器械有限公司 实际 2026-10-16"
    said = run("enterprises", "report", "康达", "--year", "2026", "--quarter", "4", "--tax", "95").output
    assert "税收" in said and "tax" not in said
    said = run("services", "update", "康达", "能评", "--done", "2026-05-02").output
    assert "状态" in said and "办结日期" in said and "status" not in said
    said = run("ledger", "targets", "set", "--year", "2026", "--arrived", "9亿").output
    assert said.strip() == "2026 全区 到位资金：80,000 万元 → 90,000 万元"


def test_a_target_set_is_said_in_the_readers_units(run, recorded):
    said = run("ledger", "targets", "set", "--year", "2026", "--arrived", "9亿", "--signed", "12").output
    assert "万元" not in said and "个" not in said
    assert "capital arrived: 80,000 10k CNY → 90,000 10k CNY" in said


def test_a_target_never_set_is_named_in_the_readers_words_when_cleared(run, recorded, monkeypatch):
    refused = run("ledger", "targets", "set", "--year", "2026", "--quarter", "2", "--signed", "")
    assert refused.exit_code == 1 and "there is no projects signed target for 2026 Q2" in refused.output
    monkeypatch.setenv("PROMO_LANG", "zh")
    refused = run("ledger", "targets", "set", "--year", "2026", "--quarter", "2", "--signed", "")
    assert refused.exit_code == 1 and "签约项目" in refused.output and "projects" not in refused.output


def test_recording_a_milestone_again_changes_nothing(run, db_path, recorded):
    before = content(db_path)
    said = run("enterprises", "milestone", "康达", "投产", "--date", "2026-11-10")
    assert said.exit_code == 0 and "nothing changed" in said.output
    assert content(db_path) == before


@pytest.mark.parametrize(
    "args, code, named",
    [
        (("enterprises", "milestone", "康达", "竣工", "--date", "2027-01-05"), 2, "--date"),
        (("enterprises", "milestone", "康达", "竣工", "--date", "2026-05-10"), 1, "--date"),
        (("enterprises", "milestone", "康达", "开工", "--date", "1800-01-01"), 2, "--date"),  # before 1900: a typo
        (("enterprises", "milestone", "不存在的企业", "开工", "--date", "2026-05-01"), 1, "不存在的企业"),
        (("enterprises", "milestone", "", "开工", "--date", "2026-05-01"), 2, "NAME"),
        (("enterprises", "report", "康达", "--year", "2026", "--arrived", "-500"), 2, "--arrived"),
        (("enterprises", "report", "康达", "--year", "1800", "--arrived", "500"), 2, "--year"),
        (("enterprises", "report", "康达", "--year", "2026", "--quarter", "5", "--arrived", "5"), 2, "--quarter"),
        (("enterprises", "report", "康达", "--year", "2026", "--arrived", ""), 2, "--arrived"),
        (("enterprises", "report", "康达", "--year", "2026", "--completed-investment", "2.5亿"), 1, "--over-plan"),
        (("ledger", "--year", "1800"), 2, "--year"),
        (("ledger", "--year", "2027"), 1, "promo ledger targets set --year 2027"),
        (("ledger", "--year", "2026", "--by", ""), 2, "--by"),
        (("ledger", "targets", "set", "--year", "2026", "--quarter", "5", "--signed", "3"), 2, "--quarter"),
        (("ledger", "targets", "set", "--year", "2026", "--signed", "-3"), 2, "--signed"),
        (("ledger", "targets", "set", "--year", "2026", "--quarter", "2", "--signed", ""), 1, "Q2"),
        (("services", "add", "康达", "", "--department", "住建局"), 2, "ITEM"),
        (("services", "add", "康达", "消防验收", "--department", "消防队"), 1, "消防队"),
        (("coordination", "add", "康达", "道路", "--date", "2026-11-10", "--due", "2026-11-01"), 2, "--due"),
        (("events", "add", "", "--date", "2026-04-18"), 2, "NAME"),
        (("events", "sign", "中韩医疗器械对接会", "康达", "--kind", "mou"), 1, "中韩医疗器械对接会"),
        (("report", "weekly", "--date", ""), 2, "--date"),
        (("report", "weekly", "--date", "1800-01-01"), 2, "1800-01-01"),
        (("report", "weekly", "--date", "2026-11-30"), 2, "has not begun"),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(run, db_path, recorded, args, code, named):
    before = content(db_path)
    result = run(*args)
    assert result.exit_code == code, result.output
    assert named in result.output and "Traceback" not in result.output
    assert content(db_path) == before


def test_a_past_weeks_report_lists_only_what_was_raised_by_then(run, recorded):
    text = run("report", "weekly", "--date", "2026-11-04").output
    assert "双回路供电未接入" not in text  # raised 2026-11-10
    assert "双回路供电未接入" in run("report", "weekly", "--date", "2026-11-11").output


def test_ledger_reads_its_facts_through_indexes(db_path):
    """Migration 12: signings and production come from the stage history's index by stage, the reports' earlier
    figures from the index by enterprise carrying both amounts; neither table is read row by row."""
    from promo import ledger_facts

    conn = sqlite3.connect(db_path)
    params = ledger_facts.bounds(2026) | ledger_facts.chain_params()
    for by in (None, "owner", "chain", "quarter"):
        found = conn.execute("EXPLAIN QUERY PLAN " + ledger_facts.totals_sql(by), params)
        plan = " | ".join(r[3] for r in found)
        assert "COVERING INDEX stage_history_stage" in plan, by
        assert "COVERING INDEX project_reports_amounts" in plan, by
        assert "SCAN stage_history" not in plan and "SCAN project_reports" not in plan, by


def test_signings_of_earlier_years_are_not_counted_again_after_analyze(run, db_path):
    """SQLite 3.40.1 answers the signings' NOT EXISTS wrongly over an (enterprise_id, stage, date) index once
    ANALYZE has run; the ledger's indexes must not invite that plan."""
    assert run("ledger", "targets", "set", "--year", "2026", "--signed", "5").exit_code == 0
    assert run("enterprises", "add", "往年签约甲", "--date", "2025-05-01").exit_code == 0
    assert run("enterprises", "move", "往年签约甲", "落地", "--date", "2026-02-01").exit_code == 0
    assert run("enterprises", "add", "今年签约乙", "--date", "2026-03-01").exit_code == 0
    expected = ledger(run)["", "signed"]["actual"]
    conn = sqlite3.connect(db_path)
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()
    names = {
        r["name"]
        for r in json.loads(
            run("ledger", "--year", "2026", "--detail", "--measure", "signed", "--format", "json").stdout
        )
    }
    assert "今年签约乙" in names and "往年签约甲" not in names
    assert ledger(run)["", "signed"]["actual"] == expected


# The second pass of the walkthrough (a new user at 80 columns, zh then en): what it found, each defect once.


def test_overdue_kinds_in_the_officers_words(run, recorded, monkeypatch):
    assert run("enterprises", "milestone", "康达", "达效", "--planned", "2026-11-15").exit_code == 0
    words = (("节点", "milestone"), ("milestone", "milestone"), ("代办", "service"), ("协调", "coordination"))
    words += (("帮办代办", "service"), ("协调事项", "coordination"))  # the longer words an officer may type
    for word, kind in words:
        found = json.loads(run("overdue", "--kind", word, "--format", "json").stdout)
        assert found and {r["kind"] for r in found} == {kind}, word
    said = run("overdue", "--kind", "milestone").output
    assert "1 item overdue (today 2026-11-23)" in said
    monkeypatch.setenv("PROMO_LANG", "zh")
    said = run("overdue").output
    assert "1 项逾期（今天 2026-11-23）" not in said and "项逾期（今天 2026-11-23）" in said
    for english in ("milestone", "service", "coordination", "overdue", "today"):
        assert english not in said, english
    assert "\n 节点 " in said and "\n 协调 " in said  # the category column in short words
    refused = run("overdue", "--kind", "逾期")
    assert refused.exit_code == 2 and "逾期" in refused.output and "代办" in refused.output
    assert "follow-up" not in refused.output


def test_late_milestones_counted_in_the_readers_language(run, recorded, monkeypatch):
    assert run("enterprises", "milestone", "康达", "达效", "--planned", "2026-11-15").exit_code == 0
    assert "\n1 milestone late: promo overdue --kind milestone" in run("ledger", "--year", "2026").output
    assert run("enterprises", "add", "晚开工企业", "--date", "2026-06-01").exit_code == 0
    assert run("enterprises", "milestone", "晚开工企业", "开工", "--planned", "2026-07-01").exit_code == 0
    assert "\n2 milestones late: promo overdue --kind milestone" in run("ledger", "--year", "2026").output
    monkeypatch.setenv("PROMO_LANG", "zh")
    said = run("ledger", "--year", "2026", "--by", "owner").output
    assert "2 个节点滞后于计划：promo overdue --kind 节点" in said
    assert run("overdue", "--kind", "节点", "--format", "json").exit_code == 0  # the command it names works


def test_one_service_added_is_said_in_the_singular(run, recorded):
    added = run("services", "templates", "add", "消防验收", "--department", "住建局", "--industry", "医用机器人")
    assert added.exit_code == 0, added.output
    said = run("services", "apply", "康达", "--asked", "2026-11-01")
    assert said.exit_code == 0 and "1 service added (消防验收)" in said.output


def test_redating_production_moves_the_stage_history_with_it(run, db_path, recorded):
    def stage_dates():
        conn = sqlite3.connect(db_path)
        history = conn.execute(
            "SELECT h.stage, h.date FROM stage_history h JOIN enterprises e ON e.id = h.enterprise_id "
            "WHERE e.name LIKE '%康达%' ORDER BY h.date, h.id"
        ).fetchall()
        current = conn.execute("SELECT stage, stage_date FROM enterprises WHERE name LIKE '%康达%'").fetchone()
        conn.close()
        return history, current

    assert stage_dates() == ([("签约", "2026-03-10"), ("投产", "2026-11-10")], ("投产", "2026-11-10"))
    before = content(db_path)
    said = run("enterprises", "milestone", "康达", "投产", "--date", "2026-11-12")
    assert said.exit_code == 0 and "entered 投产 on 2026-11-12 (was 2026-11-10)" in said.output
    assert stage_dates() == ([("签约", "2026-03-10"), ("投产", "2026-11-12")], ("投产", "2026-11-12"))
    detail = json.loads(run("ledger", "--year", "2026", "--detail", "--measure", "投产", "--format", "json").stdout)
    assert [r["date"] for r in detail] == ["2026-11-12"]
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before
    # a later stage bounds it: 达效 entered on 11-15, so 投产 cannot move past that day
    assert run("enterprises", "move", "康达", "达效", "--date", "2026-11-15").exit_code == 0
    before = content(db_path)
    refused = run("enterprises", "milestone", "康达", "投产", "--date", "2026-11-16")
    assert refused.exit_code == 1 and "--date 2026-11-16" in refused.output and "达效" in refused.output
    assert content(db_path) == before


def test_a_years_arrived_capital_beside_quarters_is_said_not_to_count(run, recorded):
    said = run("enterprises", "report", "康达", "--year", "2026", "--arrived", "500")
    assert said.exit_code == 0
    assert "the ledger adds the quarters' 到位资金 (6,000 万元), not this year's figure" in said.output
    assert ledger(run)["", "arrived"]["actual"] == 6000  # as the warning says
    said = run("enterprises", "report", "康达", "--year", "2026", "--quarter", "4", "--arrived", "1200")
    assert "its year's 到位资金 (500 万元) no longer counts" in said.output
    assert ledger(run)["", "arrived"]["actual"] == 6200
    quiet = run("enterprises", "report", "康达", "--year", "2026", "--quarter", "4", "--tax", "90")
    assert quiet.exit_code == 0 and "到位资金" not in quiet.output


def test_milestones_table_has_english_names_only_for_english_readers(run, recorded, monkeypatch):
    assert "construction started" in run("enterprises", "milestone", "康达").output
    monkeypatch.setenv("PROMO_LANG", "zh")
    said = run("enterprises", "milestone", "康达").output
    assert "开工" in said and "construction started" not in said and "Milestone " not in said


def test_a_subcommand_is_listed_with_its_own_help_not_a_top_level_namesake(run, monkeypatch):
    listed = run("enterprises", "--help").output
    assert "Reports sent out of the office" not in listed
    assert "report        A project's figures by year or quarter" in listed
    monkeypatch.setenv("PROMO_LANG", "zh")
    listed = run("enterprises", "--help").output
    assert "办公室定期发出的报告" not in listed and "项目按年或季度的数据" in listed


def test_argument_names_in_chinese_errors_are_chinese(run, recorded, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")
    said = run("services", "update", "康达", "不存在的事项", "--status", "done").output
    assert "事项 不存在的事项" in said and "ITEM" not in said
    said = run("coordination", "add", "康达", "   ").output
    assert "'事项'" in said and "ISSUE" not in said


@pytest.mark.parametrize(
    "args, named",
    [
        (("coordination", "add", "康达", "道路", "--date", ""), "--date"),
        (("coordination", "add", "康达", "道路", "--due", " "), "--due"),
        (("coordination", "add", "康达", "道路", "--department", ""), "--department"),
        (("coordination", "close", "1", "--date", ""), "--date"),
        (("services", "add", "康达", "消防验收", "--department", "住建局", "--asked", ""), "--asked"),
        (("services", "add", "康达", "消防验收", "--department", ""), "--department"),
        (("services", "apply", "康达", "--asked", ""), "--asked"),
        (("services", "update", "康达", "能评", "--due", ""), "--due"),
        (("events", "add", "活动", "--date", ""), "--date"),
    ],
)
def test_an_empty_value_is_refused_not_taken_as_left_out(run, db_path, recorded, args, named):
    before = content(db_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert named in result.output and "is empty" in result.output and "constraint" not in result.output
    assert content(db_path) == before


def test_a_past_weeks_report_and_a_dated_brief_give_the_ledger_as_it_stood(run, recorded, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")  # the group's text, as a Chinese screen writes it
    # week of 2026-05-18: signed 03-10 and started 05-20 by then, not yet producing; reports of Q1–Q2 only
    text = run("report", "weekly", "--date", "2026-05-20").output
    assert "签约项目 1/12（落后）；开工项目 1/6（落后）；投产项目 0/4（落后）" in text
    assert "完成投资 3,000万元/10亿元（落后）；到位资金 2,000万元/8亿元（落后）" in text
    assert (
        "投产项目 1/4" in run("report", "weekly").output
        and "到位资金 6,000万元/8亿元" in run("report", "weekly").output
    )
    brief = run("brief", "--audience", "internal", "--date", "2026-05-20").output
    assert "投产项目 0/4" in brief and "到位资金 2,000" in brief


def test_a_past_weeks_overdue_and_open_items_are_as_they_stood(run, recorded, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")  # the group's text, as a Chinese screen writes it
    # 能评 (asked 03-20, 30 days: due 04-19) done only on 11-01: overdue in May, not now
    assert run("services", "update", "康达", "能评", "--done", "2026-11-01").exit_code == 0
    assert "能评" in run("report", "weekly", "--date", "2026-05-20").output
    assert "能评" not in run("report", "weekly").output
    # the 供电 item (raised 11-10) closed on 11-22: still open in the week of 11-09
    assert run("coordination", "close", "1", "--date", "2026-11-22").exit_code == 0
    assert "需领导协调 1 项" in run("report", "weekly", "--date", "2026-11-11").output
    assert "需领导协调" not in run("report", "weekly").output


def test_the_weekly_text_is_punctuated_as_chinese_text(run, recorded, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")  # the group's text, as a Chinese screen writes it
    text = run("report", "weekly", "--date", "2026-11-11").output
    assert "本周投产 1 个：\n1. 济南康达医疗器械有限公司（11-10）" in text
    assert "1. 王主任：济南康达医疗器械有限公司 双回路供电未接入，供电公司，限 2026-11-20" in text
    assert "年度任务：签约项目 1/12（落后）；" in text
    for ascii_mark in (": ", " (", "; ", ", "):
        assert ascii_mark not in text, ascii_mark


def test_a_service_paused_since_is_overdue_in_the_weeks_it_was_running(run, recorded):
    # 能评 (asked 03-20, due 04-19) paused today: overdue in May, when it was being worked on; not now
    assert run("services", "update", "康达", "能评", "--status", "paused").exit_code == 0
    assert "能评" in run("report", "weekly", "--date", "2026-05-20").output
    assert "能评" not in run("report", "weekly").output


def test_a_service_reopened_since_is_not_overdue_in_the_weeks_it_was_done(run, recorded):
    assert run("services", "update", "康达", "能评", "--done", "2026-06-01").exit_code == 0
    assert run("services", "update", "康达", "能评", "--status", "doing").exit_code == 0
    assert "能评" in run("report", "weekly").output  # open again, and past its due date
    assert "能评" not in run("report", "weekly", "--date", "2026-06-10").output
    assert "能评" in run("report", "weekly", "--date", "2026-05-20").output  # not yet done then


def test_a_service_paused_then_and_resumed_since_was_not_overdue_while_paused(run, recorded, monkeypatch):
    monkeypatch.setenv("PROMO_TODAY", "2026-05-01")
    assert run("services", "update", "康达", "能评", "--status", "paused").exit_code == 0
    monkeypatch.setenv("PROMO_TODAY", "2026-07-01")
    assert run("services", "update", "康达", "能评", "--status", "doing").exit_code == 0
    monkeypatch.setenv("PROMO_TODAY", "2026-11-23")
    assert "能评" not in run("report", "weekly", "--date", "2026-05-20").output
    assert "能评" in run("report", "weekly", "--date", "2026-07-08").output
    assert "能评" in run("report", "weekly").output
    # the dated internal brief: 7 open on 05-20 (环评 done 04-30), 5 late (not 能评, paused then)
    assert "7（逾期 5）" in run("brief", "--audience", "internal", "--date", "2026-05-20").output


def test_undoing_a_status_change_takes_its_history_with_it(run, db_path, recorded):
    before = content(db_path)
    assert run("services", "update", "康达", "能评", "--status", "paused").exit_code == 0
    assert content(db_path)["service_status"] != before["service_status"]
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before
    assert "能评" in run("report", "weekly", "--date", "2026-05-20").output


def test_services_written_before_the_history_was_kept_read_as_their_row_says(run, db_path, recorded):
    from promo.db import open_catalogue
    from promo.schema_service_status import m016_service_status

    weeks = ("2026-04-22", "2026-05-20", "2026-11-23")
    expected = [run("report", "weekly", "--date", w).output for w in weeks]
    conn = open_catalogue(db_path)
    with conn:
        conn.execute("DROP TABLE service_status")
        m016_service_status(conn)
    conn.close()
    assert [run("report", "weekly", "--date", w).output for w in weeks] == expected
    assert query(
        db_path,
        "SELECT s.status, s.since FROM service_status s JOIN services v ON v.id = s.service_id "
        "WHERE v.item = '环评' ORDER BY s.id",
    ) == [("doing", "2026-03-20"), ("done", "2026-04-30")]


def test_the_weekly_sheets_title_is_in_the_readers_language(run, recorded, monkeypatch):
    english = run("report", "weekly", "--format", "table").output
    assert "Weekly report 2026-11-23 – 2026-11-29" in english and "招商周报" not in english
    monkeypatch.setenv("PROMO_LANG", "zh")
    chinese = run("report", "weekly", "--format", "table").output
    assert "招商周报 2026-11-23 至 2026-11-29" in chinese and "Weekly" not in chinese


def test_the_reports_note_says_what_tax_per_m2_divides_by(run, recorded, monkeypatch):
    # 康达 reported 30 亩 of land and no floor area: tax per 亩 is 90 ÷ 30 = 3, and no tax per ㎡
    got = json.loads(run("enterprises", "report", "康达", "--format", "json").stdout)
    q4 = next(r for r in got if r["quarter"] == 4)
    assert q4["tax_per_mu"] == 3 and q4["tax_per_m2"] is None
    monkeypatch.setenv("PROMO_LANG", "zh")
    note = run("enterprises", "report", "康达").output
    assert "税收元/㎡ = 年度税收 ÷ 建筑面积" in note and "用地或租用面积" not in note


def test_a_report_for_a_quarter_not_yet_begun_or_before_the_signing_is_refused(run, db_path, recorded, monkeypatch):
    before = content(db_path)
    monkeypatch.setenv("PROMO_TODAY", "2026-05-20")
    result = run("enterprises", "report", "康达", "--year", "2026", "--quarter", "3", "--arrived", "500")
    assert result.exit_code == 2 and "--quarter 3: 2026 Q3 has not begun (today is 2026-05-20)" in result.output
    assert content(db_path) == before
    monkeypatch.setenv("PROMO_TODAY", "2026-11-23")
    assert run("enterprises", "add", "季度乙", "--date", "2026-08-01").exit_code == 0
    before = content(db_path)
    result = run("enterprises", "report", "季度乙", "--year", "2026", "--quarter", "2", "--arrived", "500")
    assert result.exit_code == 1 and "signed on 2026-08-01; a report comes from its signing quarter on" in result.output
    assert content(db_path) == before
    assert run("enterprises", "report", "季度乙", "--year", "2026", "--quarter", "3", "--arrived", "500").exit_code == 0


def test_detail_by_owner_names_the_firms_of_no_officer_last_and_the_owner_once(run, recorded):
    assert run("enterprises", "add", "无主丙", "--date", "2026-08-01", "--investment", "800").exit_code == 0
    got = json.loads(run("ledger", "--year", "2026", "--detail", "--by", "owner", "--format", "json").stdout)
    assert got[-1]["group_name"] == "(no officer)" and got[-1]["name"] == "无主丙"
    assert {r["group_name"] for r in got[:-2]} == {"张伟"} and "owner" in got[0]  # the key stays for scripts
    table = run("ledger", "--year", "2026", "--detail", "--by", "owner").output
    assert table.count("Owner") == 1 and re.search(r"\(no officer\) +projects signed +无主丙", table)
    by_quarter = run("ledger", "--year", "2026", "--detail", "--by", "quarter").output
    assert "Period" not in by_quarter and "Quarter" in by_quarter


def test_the_targets_say_their_unit(run, recorded, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")
    table = run("ledger", "targets", "--year", "2026").output
    assert re.search(r"全区 +全年 +签约项目 +个 +12\n", table)
    assert re.search(r"全区 +全年 +签约投资 +万元 +300,000\n", table)


def test_a_target_set_again_as_it_was_says_unchanged(run, db_path, recorded):
    before = content(db_path)
    result = run("ledger", "targets", "set", "--year", "2026", "--signed", "12", "--started", "7")
    assert "2026 zone projects signed: 12 projects (unchanged)" in result.output
    assert "2026 zone projects started: 6 projects → 7 projects" in result.output
    assert run("undo", "--yes").exit_code == 0 and content(db_path) == before


def test_a_small_amount_in_the_split_ledger_is_not_shown_as_0(run, recorded):
    assert run("enterprises", "add", "小额戊", "--date", "2026-08-01", "--owner", "李四").exit_code == 0
    assert run("enterprises", "report", "小额戊", "--year", "2026", "--quarter", "3", "--arrived", "10").exit_code == 0
    table = run("ledger", "--year", "2026", "--by", "owner").output
    row = next(line for line in table.splitlines() if line.strip().startswith("李四"))
    assert row.split()[1:] == ["1", "<0.01"]  # signed 1; arrived 10 万元 = 0.001 亿


def test_the_hints_for_departments_and_services_name_their_arguments_in_chinese(run, recorded, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")
    refused = run("services", "add", "康达", "消防验收", "--department", "消防队").output
    assert "添加部门：promo services departments add 部门名称" in refused and "NAME" not in refused
    again = run("services", "apply", "康达").output
    assert "promo services add 企业名称 事项 --department …" in again and "ITEM" not in again


def test_what_the_writes_say_is_punctuated_as_chinese_text(run, recorded, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")
    said = [
        run("services", "update", "康达", "能评", "--done", "2026-11-01").output,
        run("coordination", "add", "康达", "道路未通", "--department", "住建局", "--leader", "李主任").output,
        run("ledger", "targets", "set", "--year", "2026", "--signed", "13").output,
    ]
    assert said[0].strip() == "济南康达医疗器械有限公司 能评：已办结（状态、办结日期）"
    assert said[1].strip() == "协调事项 #2（济南康达医疗器械有限公司）：道路未通（住房和城乡建设局 · 李主任）"
    assert said[2].strip() == "2026 全区 签约项目：12 个 → 13 个"


def test_an_english_weekly_report_words_amounts_as_english_figures(run, recorded, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "en")
    text = run("report", "weekly", "--date", "2026-03-11").output
    assert "1. 济南康达医疗器械有限公司 (03-10, CNY 200 million)" in text
    assert "investment signed CNY 200 million/CNY 3 billion (behind)" in text
    assert "investment completed CNY 0/CNY 1 billion (behind)" in text
    assert "万元" not in text and "亿元" not in text
    rows = json.loads(run("report", "weekly", "--date", "2026-03-11", "--format", "json").stdout)
    assert rows[0]["detail"] == "CNY 200 million"
    monkeypatch.setenv("PROMO_LANG", "zh")  # the group's Chinese text as it was
    assert "（03-10，2亿元）" in run("report", "weekly", "--date", "2026-03-11").output
