import json

from pipeline_helpers import content, query


def overdue(run, *args):
    result = run("overdue", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_follow_up_past_due_is_listed_until_a_new_activity(run):
    run("enterprises", "log-activity", "菲士医学", "--kind", "visit", "--date", "2026-11-01", "--next", "2026-11-20")
    found = [r for r in overdue(run, "--kind", "follow-up")]
    assert [(r["name"], r["due"], r["days_overdue"]) for r in found] == [("菲士医学", "2026-11-20", 3)]
    run("enterprises", "log-activity", "菲士医学", "--kind", "call", "--next", "2026-12-01")
    assert overdue(run, "--kind", "follow-up") == []


def test_follow_up_due_today_is_not_late(run):
    run("enterprises", "log-activity", "菲士医学", "--kind", "visit", "--date", "2026-11-01", "--next", "2026-11-23")
    assert overdue(run, "--kind", "follow-up") == []


def test_stage_deadlines_from_the_catalogue(run, db_path):
    assert run("overdue", "deadlines", "签约", "60", "--since", "2026-01-01").exit_code == 0
    run("enterprises", "add", "超期测试", "--stage", "签约", "--date", "2026-09-01", "--owner", "张伟")
    run("enterprises", "add", "未超期测试", "--stage", "签约", "--date", "2026-11-01", "--owner", "张伟")
    found = overdue(run, "--kind", "stage", "--owner", "张伟")
    assert [(r["name"], r["due"], r["days_overdue"]) for r in found] == [("超期测试", "2026-10-31", 23)]
    days = dict(query(db_path, "SELECT stage, days FROM stage_deadlines"))
    for r in overdue(run, "--kind", "stage"):
        assert r["days_overdue"] > 0 and r["stage"] in days


def test_deadline_can_be_set_shown_and_undone(run, db_path):
    before = content(db_path)
    result = run("overdue", "deadlines", "签约", "90天")
    assert result.exit_code == 0 and "60 days → 90 days" in result.output
    assert query(db_path, "SELECT days FROM stage_deadlines WHERE stage = '签约'") == [(90,)]
    assert "90" in run("overdue", "deadlines").stdout
    run("enterprises", "add", "时限测试", "--date", "2026-09-01", "--owner", "王强")
    assert overdue(run, "--owner", "王强") == []
    assert run("undo", "--yes").exit_code == 0
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before


def test_deadline_bad_values(run, db_path):
    before = content(db_path)
    assert run("overdue", "deadlines", "签约", "0").exit_code == 2
    assert run("overdue", "deadlines", "签约", "-3").exit_code == 2
    assert run("overdue", "deadlines", "上市", "30").exit_code == 2
    assert run("overdue", "deadlines", "签约").exit_code == 2
    assert run("overdue", "deadlines", "达效", "--remove").exit_code == 1
    assert content(db_path) == before


def test_table_and_public_view(run):
    run("enterprises", "log-activity", "菲士医学", "--kind", "visit", "--date", "2026-11-01", "--next", "2026-11-20")
    result = run("overdue")
    assert result.exit_code == 0 and "item overdue" in result.stdout
    public = overdue(run, "--public")
    assert all(r["owner"] is None for r in public)
    assert "菲士医学" not in {r["name"] for r in public}


def test_deadline_bounds_the_last_stage_and_an_unchanged_value(run, db_path):
    before = content(db_path)
    for args, words in (
        (["签约", "99999999999999999999"], ["DAYS"]),
        (["签约", "3651"], ["DAYS", "3,650"]),
        (["达效", "30"], ["达效", "last stage"]),
    ):
        result = run("overdue", "deadlines", *args)
        assert result.exit_code == 2, result.output
        assert all(w in result.output for w in words), result.output
    assert content(db_path) == before
    result = run("overdue", "deadlines", "签约", "60")
    assert result.exit_code == 0 and "already 60 days; unchanged" in result.output
    assert content(db_path) == before


def test_an_unknown_officer_is_named_with_close_ones(run):
    run("enterprises", "add", "负责人测试", "--owner", "张伟")
    result = run("overdue", "--owner", "张卫")
    assert result.exit_code == 1
    assert "no officer named '张卫'" in result.output and "did you mean 张伟?" in result.output
    assert run("overdue", "--owner", "不存在").exit_code == 1
    assert run("enterprises", "--owner", "不存在").exit_code == 1
    assert run("overdue", "--owner", "张伟").exit_code == 0


def test_a_deadline_judges_only_the_time_since_it_is_in_force(run, db_path):
    """The seeded rules came into force with the catalogue: firms that entered a stage years ago are not late."""
    assert overdue(run, "--kind", "stage") == []
    run("enterprises", "add", "老项目", "--stage", "签约", "--date", "2025-01-01", "--owner", "张伟")
    assert overdue(run, "--kind", "stage", "--owner", "张伟") == []
    assert run("overdue", "deadlines", "签约", "60", "--since", "2026-08-01").exit_code == 0
    found = overdue(run, "--kind", "stage", "--owner", "张伟")
    # judged from 2026-08-01, not from 2025-01-01: due 60 days after the rule, 54 days late on 2026-11-23
    assert [(r["name"], r["due"], r["days_overdue"]) for r in found] == [("老项目", "2026-09-30", 54)]
    assert "rule in force since 2026-08-01" in found[0]["detail"]


def test_sample_deadline_rules_are_marked_until_the_office_sets_them(run):
    table = run("overdue", "deadlines").stdout
    assert "60 ※" in table and "sample rule" in table
    run("overdue", "deadlines", "签约", "45")
    table = run("overdue", "deadlines").stdout
    assert "45 ※" not in table and "45" in table


def test_leases_ending_soon_are_listed(run):
    run("units", "set-status", "A1-402", "已租", "--start", "2024-01-01", "--until", "2027-01-31")
    found = overdue(run, "--kind", "lease")
    assert [(r["name"], r["due"], r["days_overdue"]) for r in found] == [("精准医学产业园/A1-402", "2027-01-31", -69)]
    assert "lease ends in 69 days" in found[0]["detail"]
    run("units", "set-status", "A1-402", "已租", "--until", "2027-06-30")
    assert overdue(run, "--kind", "lease") == []
