"""帮办代办 services, 协调事项, 以会招商 events, the weekly report, and what promo overdue shows of them."""

import json

import pytest
from pipeline_helpers import content, query

MEDICAL_DEVICE_PATH = [
    "项目备案",
    "环评",
    "能评",
    "施工许可",
    "医疗器械注册证",
    "医疗器械生产许可",
    "辐射安全许可",
    "实验室 P2/P3 备案",
]


@pytest.fixture
def project(run):
    assert (
        run(
            "enterprises",
            "add",
            "代办甲",
            "--stage",
            "签约",
            "--date",
            "2026-11-18",
            "--owner",
            "张伟",
            "--investment",
            "1.5亿",
            "--industry",
            "核心部件",
        ).exit_code
        == 0
    )


def as_json(run, *args):
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_apply_gives_a_medical_device_project_its_usual_path(run, project):
    result = run("services", "apply", "代办甲", "--asked", "2026-11-20")
    assert result.exit_code == 0
    assert "8 services added" in result.stdout
    found = as_json(run, "services", "--enterprise", "代办甲")
    assert sorted(r["item"] for r in found) == sorted(MEDICAL_DEVICE_PATH)
    permit = next(r for r in found if r["item"] == "医疗器械注册证")
    assert (permit["department"], permit["status"], permit["due_date"]) == ("药品监督管理局", "doing", "2027-05-19")


def test_apply_twice_adds_nothing_and_says_so(run, db_path, project):
    run("services", "apply", "代办甲")
    before = content(db_path)
    result = run("services", "apply", "代办甲")
    assert result.exit_code == 1
    assert "already has every service" in result.output
    assert content(db_path) == before


def test_a_service_for_an_unknown_department_is_refused_naming_it(run, db_path, project):
    before = content(db_path)
    result = run("services", "add", "代办甲", "消防验收", "--department", "消防大队")
    assert result.exit_code == 1
    assert "--department 消防大队: no department of that name" in result.output
    assert "promo services departments add" in result.output
    assert content(db_path) == before


def test_departments_are_found_by_their_short_names_in_either_script(run, project):
    assert run("services", "add", "代办甲", "消防验收", "--department", "住建局").exit_code == 0
    assert run("services", "add", "代办甲", "节能审查", "--department", "發改委").exit_code == 0
    departments = {r["item"]: r["department"] for r in as_json(run, "services", "--enterprise", "代办甲")}
    assert departments == {"消防验收": "住房和城乡建设局", "节能审查": "发展和改革委员会"}


def test_services_done_and_overdue(run, db_path, project):
    run("services", "add", "代办甲", "环评", "--department", "环保局", "--asked", "2026-11-19", "--due", "2026-11-21")
    run("services", "add", "代办甲", "能评", "--department", "发改委", "--asked", "2026-11-19", "--due", "2026-11-22")
    assert run("services", "update", "代办甲", "能评", "--done", "2026-11-22").exit_code == 0
    late = as_json(run, "services", "--overdue")
    assert [(r["item"], r["days_overdue"]) for r in late] == [("环评", 2)]
    overdue = as_json(run, "overdue", "--kind", "service")
    assert [(r["name"], r["kind"], r["days_overdue"]) for r in overdue] == [("代办甲", "service", 2)]
    assert "环评" in overdue[0]["detail"]


def test_a_paused_service_is_not_overdue(run, project):
    run("services", "add", "代办甲", "环评", "--department", "环保局", "--asked", "2026-11-19", "--due", "2026-11-21")
    run("services", "add", "代办甲", "能评", "--department", "发改委", "--asked", "2026-11-19", "--due", "2026-11-20")
    assert run("services", "update", "代办甲", "能评", "--status", "暂缓").exit_code == 0
    assert [r["item"] for r in as_json(run, "services", "--overdue")] == ["环评"]
    listed = {r["item"]: r["days_overdue"] for r in as_json(run, "services")}
    assert listed == {"环评": 2, "能评": None}
    assert [r["detail"].split(" · ")[0] for r in as_json(run, "overdue", "--kind", "service")] == ["环评"]
    weekly = [r["detail"] for r in as_json(run, "report", "weekly") if r["section"].startswith("overdue")]
    assert [d.split(" · ")[0] for d in weekly] == ["环评"]
    assert "Overdue, 1:" in run("report", "weekly").stdout


@pytest.mark.parametrize(
    "args, code, words",
    [
        (("--done", "2026-11-01"), 2, "comes before the request"),
        (("--done", "2027-01-01"), 2, "in the future"),
        (("--status", "maybe"), 2, "maybe: use one of todo, doing, done, paused"),
        (("--status", "doing", "--done", "2026-11-22"), 2, "contradicts --done"),
    ],
)
def test_bad_service_updates_are_refused(run, db_path, project, args, code, words):
    run("services", "add", "代办甲", "环评", "--department", "环保局", "--asked", "2026-11-19")
    before = content(db_path)
    result = run("services", "update", "代办甲", "环评", *args)
    assert result.exit_code == code, result.output
    assert words in result.output
    assert content(db_path) == before


def test_coordination_items_per_leader_and_closing(run, db_path, project):
    assert (
        run(
            "coordination",
            "add",
            "代办甲",
            "双回路供电未接入",
            "--department",
            "供电公司",
            "--leader",
            "王主任",
            "--date",
            "2026-11-19",
            "--due",
            "2026-11-21",
        ).exit_code
        == 0
    )
    assert run("coordination", "add", "代办甲", "人才公寓", "--leader", "李书记").exit_code == 0
    assert [r["issue"] for r in as_json(run, "coordination", "--leader", "王主任")] == ["双回路供电未接入"]
    assert [r["kind"] for r in as_json(run, "overdue", "--kind", "coordination")] == ["coordination"]
    assert run("coordination", "close", "1", "--date", "2026-11-22").exit_code == 0
    assert [r["issue"] for r in as_json(run, "coordination")] == ["人才公寓"]
    result = run("coordination", "close", "1")
    assert result.exit_code == 1 and "already closed" in result.output


def test_events_bring_mous_and_the_ledger_shows_what_became_of_them(run, project):
    assert run("events", "add", "2026中韩医疗器械对接会", "--date", "2026-04-18", "--place", "首尔").exit_code == 0
    assert run("events", "sign", "中韩医疗器械对接会", "代办甲", "--kind", "mou", "--investment", "1亿").exit_code == 0
    assert run("events", "sign", "中韩医疗器械对接会", "菲士医学", "--kind", "意向").exit_code == 0
    event = as_json(run, "ledger", "--year", "2026", "--by", "event")[0]
    assert (event["deals"], event["mous"], event["intended_wan"], event["signed"]) == (2, 1, 10000, 1)
    assert event["signed_investment_wan"] == 15000
    result = run("events", "sign", "中韩医疗器械对接会", "代办甲")
    assert result.exit_code == 1 and "already linked" in result.output


def test_the_weekly_text_for_the_group(run, project, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")
    run("enterprises", "milestone", "晨生医疗", "开工", "--date", "2026-11-23")
    run("coordination", "add", "代办甲", "道路未通", "--leader", "王主任", "--department", "住建局")
    text = run("report", "weekly").stdout
    assert "2026-11-23 至 2026-11-29" in text
    assert "本周开工 1 个：\n1. 晨生医疗（11-23）" in text
    assert "需领导协调 1 项：\n1. 王主任：代办甲 道路未通，住房和城乡建设局" in text
    last_week = run("report", "weekly", "--date", "2026-11-18").stdout
    assert "本周签约 1 个：\n1. 代办甲（11-18，1.5亿元）" in last_week
    sheet = as_json(run, "report", "weekly")
    assert {r["section"] for r in sheet} == {"started", "coordination"}


def test_the_weekly_text_reads_english_on_an_english_screen(run, project):
    """Only the data (names, departments, the issue) stays Chinese under PROMO_LANG=en: the report's own words,
    the overdue kinds and a late milestone's detail are English, and a Chinese screen gets them in Chinese."""
    import re

    run("enterprises", "milestone", "晨生医疗", "开工", "--date", "2026-11-23")
    run("enterprises", "milestone", "代办甲", "开工", "--planned", "2026-11-20")
    run("coordination", "add", "代办甲", "道路未通", "--leader", "王主任", "--department", "住建局")
    text = run("report", "weekly").stdout
    assert "weekly promotion report】2026-11-23 to 2026-11-29" in text
    assert "Started this week, 1:\n1. 晨生医疗 (11-23)" in text
    assert "[milestone] 代办甲: construction started: planned for 2026-11-20, not reached (3 days overdue)" in text
    assert "For a leader to coordinate, 1:\n1. 王主任: 代办甲 道路未通, 住房和城乡建设局" in text
    data = {"晨生医疗", "代办甲", "王主任", "道路未通", "住房和城乡建设局", "济南国际医学中心"}
    words = set(re.findall(r"[\u4e00-\u9fff]+", text)) - data
    assert not words, words
    sheet = run("report", "weekly", "--format", "csv").stdout
    assert ",Overdue," in sheet and "逾期" not in sheet and "需领导协调" not in sheet


def test_every_write_is_undone(run, db_path, project):
    before = content(db_path)
    steps = [
        ("services", "apply", "代办甲", "--asked", "2026-11-20"),
        ("services", "update", "代办甲", "环评", "--done", "2026-11-21"),
        ("coordination", "add", "代办甲", "道路未通", "--leader", "王主任"),
        ("events", "add", "推介会", "--date", "2026-05-01"),
        ("events", "sign", "推介会", "代办甲"),
        ("services", "departments", "add", "消防救援支队", "--alias", "消防"),
    ]
    for step in steps:
        assert run(*step).exit_code == 0, step
    for _ in steps:
        assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before
    assert query(db_path, "SELECT count(*) FROM services") == [(0,)]


def test_a_path_extended_by_the_office_is_applied_with_its_days(run, db_path, project):
    result = run(
        "services",
        "templates",
        "add",
        "临床试验机构备案",
        "--department",
        "药监局",
        "--industry",
        "高端医疗器械",
        "--days",
        "30",
    )
    assert result.exit_code == 0, result.output
    run("services", "apply", "代办甲", "--asked", "2026-11-20")
    added = {r["item"]: r for r in as_json(run, "services", "--enterprise", "代办甲")}
    assert added["临床试验机构备案"]["due_date"] == "2026-12-20"
    assert added["临床试验机构备案"]["department"] == "药品监督管理局"
    before = content(db_path)
    again = run(
        "services", "templates", "add", "临床试验机构备案", "--department", "药监局", "--industry", "高端医疗器械"
    )
    assert again.exit_code == 1 and "already on the path" in again.output
    assert content(db_path) == before


def test_the_weekly_sheet_as_a_workbook_and_as_csv(run, project, tmp_path):
    import datetime as dt

    from openpyxl import load_workbook

    run("enterprises", "add", "=HYPERLINK(1)", "--stage", "签约", "--date", "2026-11-19", "--owner", "张伟")
    out = tmp_path / "周报.xlsx"
    result = run("report", "weekly", "--date", "2026-11-18", "-o", out)
    assert result.exit_code == 0, result.output
    ws = load_workbook(out).worksheets[0]
    assert ws.freeze_panes == "A2"
    head, *body = [tuple(c.value for c in row) for row in ws.iter_rows()]
    assert head == ("类别", "企业名称", "负责人", "牵头领导", "日期", "投资额(万元)", "详情")
    signed = next(r for r in body if r[1] == "代办甲")
    assert signed[4] == dt.datetime(2026, 11, 18) and signed[5] == 15000
    assert "'=HYPERLINK(1)" in [r[1] for r in body]  # text, never a formula
    again = run("report", "weekly", "-o", out)
    assert again.exit_code == 2 and str(out) in again.output and "--force" in again.output
    assert run("report", "weekly", "-o", out, "--force").exit_code == 0
    bad = run("report", "weekly", "-o", tmp_path / "周报.pdf")
    assert bad.exit_code == 2 and "周报.pdf" in bad.output
    csv = tmp_path / "周报.csv"
    assert run("report", "weekly", "--date", "2026-11-18", "-o", csv).exit_code == 0
    assert csv.read_bytes().startswith("\ufeff类别,企业名称".encode())
