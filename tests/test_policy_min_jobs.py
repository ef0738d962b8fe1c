"""Policies with a minimum number of jobs: entered, judged like minimum investment, explained, undone."""

import json

from pipeline_helpers import content, query

JOBS_POLICY = ["policies", "add", "就业带动奖励", "--kind", "落户", "--min-jobs", "150"]


def _verdict(run, enterprise):
    data = json.loads(run("policies", "--for", enterprise, "--all", "--format", "json").output)
    return next(r for r in data if r["name"] == "就业带动奖励")


def test_min_jobs_is_judged_like_min_investment(run, db_path, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh_CN")  # the reasons as officers read them
    assert run(*JOBS_POLICY).exit_code == 0
    met = _verdict(run, "示例医学影像设备")  # 200 jobs planned
    assert met["verdict"] == "yes" and "就业 200 ≥ 150人 ✓" in met["reason"]
    assert "就业 ≥ 150人" in run("policies", "--format", "csv").output

    assert run("policies", "update", "就业带动奖励", "--min-jobs", "500").exit_code == 0
    short = _verdict(run, "示例医学影像设备")
    assert short["verdict"] == "no" and short["failing"] == ["jobs"] and "就业 200 < 500人 ✗" in short["reason"]

    unknown = _verdict(run, "华银康")  # no jobs on record
    assert unknown["verdict"] == "unknown" and "待核实" in run("policies", "--for", "华银康", "--all").output
    assert "就业 未记录 (需 ≥ 500人)" in unknown["reason"]

    shown = run("policies", "show", "就业带动奖励").output
    assert "最低就业" in shown and "500人" in shown
    assert "就业 ≥ 500人" in run("policies", "--format", "csv").output


def test_match_and_brief_weigh_min_jobs(run):
    assert run(*JOBS_POLICY).exit_code == 0
    matched = run("match", "--industry", "高端医疗器械", "--jobs", "300", "--format", "json")
    assert matched.exit_code == 0 and "就业带动奖励" in matched.output
    refused = run("match", "--industry", "高端医疗器械", "--jobs", "100", "--format", "json")
    assert refused.exit_code == 0 and "就业带动奖励" not in refused.output
    brief = run("brief", "--about", "示例医学影像设备", "--audience", "internal")
    assert brief.exit_code == 0 and "就业带动奖励" in brief.output and "就业人数达到 150人门槛" in brief.output


def test_a_bad_min_jobs_is_refused_and_nothing_changes(run, db_path):
    before = content(db_path)
    for value in ("-3", "2.5", "很多"):
        result = run("policies", "add", "就业带动奖励", "--min-jobs", value)
        assert result.exit_code == 2 and "--min-jobs" in result.output and value in result.output, result.output
    result = run("policies", "update", "医学中心项目落户奖励", "--min-jobs", "-1")
    assert result.exit_code == 2 and "--min-jobs -1" in result.output
    assert content(db_path) == before


def test_min_jobs_is_one_journal_entry_and_undone(run, db_path):
    before = content(db_path)
    entries = query(db_path, "SELECT count(*) FROM journal")[0][0]
    assert run(*JOBS_POLICY).exit_code == 0
    assert run("policies", "update", "就业带动奖励", "--min-jobs", "").exit_code == 0  # '' = no restriction
    assert query(db_path, "SELECT count(*) FROM journal")[0][0] == entries + 2
    assert query(db_path, "SELECT e.min_jobs FROM policy_eligibility e JOIN policies p ON p.id = e.policy_id"
                          " WHERE p.name = '就业带动奖励'") == [(None,)]  # fmt: skip
    assert run("undo", "--yes").exit_code == 0
    assert query(db_path, "SELECT e.min_jobs FROM policy_eligibility e JOIN policies p ON p.id = e.policy_id"
                          " WHERE p.name = '就业带动奖励'") == [(150,)]  # fmt: skip
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before
