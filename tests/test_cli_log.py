import json

import pytest
from pipeline_helpers import content, enterprise


def write_csv(path, rows):
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_log_shows_who_when_command_and_changes(run):
    run("enterprises", "add", "日志测试", "--unit", "A1-402", "--owner", "张伟")
    result = run("log")
    assert result.exit_code == 0
    assert "add 日志测试 (signed)" in result.stdout and "enterprise +1" in result.stdout and "unit ~1" in result.stdout
    assert "$ " in result.stdout
    verbose = run("log", "-v").stdout
    assert "+ enterprise 日志测试" in verbose and "status vacant → leased" in verbose
    entries = json.loads(run("log", "--format", "json").stdout)
    assert entries[0]["user"] and entries[0]["at"] and entries[0]["summary"] == "add 日志测试 (signed)"
    assert any("A1-402" in c for c in entries[0]["changes"])
    shown = run("log", "show", str(entries[0]["id"]))
    assert shown.exit_code == 0 and "enterprise none → 日志测试" in shown.stdout  # the row by its name, not its id
    assert run("log", "show", "999").exit_code == 1


def test_undo_after_add_restores_the_catalogue(run, db_path):
    before = content(db_path)
    run("enterprises", "add", "撤销测试", "--unit", "A1-402", "--investment", "1.2亿")
    assert content(db_path) != before
    result = run("undo", "--yes")
    assert result.exit_code == 0 and "undid" in result.stdout and "撤销测试" in result.stdout
    assert content(db_path) == before


def test_undo_after_move_restores_the_catalogue(run, db_path):
    run("enterprises", "add", "移动撤销", "--date", "2026-01-05")
    before = content(db_path)
    run("enterprises", "move", "移动撤销", "落地", "--unit", "H1-201", "--date", "2026-06-01")
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before


def test_undo_after_a_bulk_import_is_one_step(run, db_path, tmp_path):
    before = content(db_path)
    rows = ["企业名称,阶段,投资额(万元),包保责任人"] + [f"批量企业{i:04d},意向,{i},张伟" for i in range(1000)]
    result = run("enterprises", "import", write_csv(tmp_path / "leads.csv", rows))
    assert result.exit_code == 0, result.output
    assert "imported 1,000 of 1,000" in result.stdout
    assert enterprise(db_path, "批量企业0999")["investment_wan"] == 999
    undone = run("undo", "--yes")
    assert undone.exit_code == 0 and "more row changes" in undone.stdout
    assert content(db_path) == before


def test_undo_walks_back_command_by_command(run, db_path, tmp_path):
    before = content(db_path)
    run("enterprises", "add", "连续撤销", "--date", "2026-01-05", "--owner", "张伟")
    run("enterprises", "move", "连续撤销", "注册", "--date", "2026-02-01")
    run("enterprises", "import", write_csv(tmp_path / "a.csv", ["name,stage", "导入一,意向", "导入二,洽谈"]))
    run("enterprises", "update", "连续撤销", "--investment", "500", "--unit", "A1-402")
    run("enterprises", "log-activity", "连续撤销", "--kind", "call", "--next", "2026-12-01")
    for _ in range(5):
        assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before
    nothing = run("undo", "--yes")
    assert nothing.exit_code == 1 and "nothing to undo" in nothing.output


def test_undo_of_an_earlier_entry_is_refused_when_later_work_depends_on_it(run, db_path):
    run("enterprises", "add", "依赖测试")
    add_id = json.loads(run("log", "--format", "json").stdout)[0]["id"]
    run("enterprises", "log-activity", "依赖测试", "--kind", "visit")
    before = content(db_path)
    refused = run("undo", str(add_id), "--yes")
    assert refused.exit_code == 1
    assert "later changes depend on it" in refused.output and "log visit 依赖测试" in refused.output
    assert f"promo undo {add_id + 1}" in refused.output
    assert content(db_path) == before
    assert run("undo", str(add_id + 1), "--yes").exit_code == 0
    assert run("undo", str(add_id), "--yes").exit_code == 0
    assert enterprise(db_path, "依赖测试") is None


def test_undo_dry_run_changes_nothing(run, db_path):
    run("enterprises", "add", "预演测试")
    before = content(db_path)
    result = run("undo", "--dry-run")
    assert result.exit_code == 0 and "would undo" in result.stdout
    assert content(db_path) == before
    assert enterprise(db_path, "预演测试") is not None


def test_undo_recorded_and_not_undone_twice(run):
    run("enterprises", "add", "两次撤销")
    run("undo", "--yes")
    entries = json.loads(run("log", "--format", "json").stdout)
    assert entries[0]["undoes"] == entries[1]["id"] and entries[1]["undone_by"] == entries[0]["id"]
    again = run("undo", str(entries[1]["id"]), "--yes")
    assert again.exit_code == 1 and "already undone" in again.output
    assert run("undo", str(entries[0]["id"]), "--yes").exit_code == 1


def test_failed_command_leaves_no_journal_entry(run):
    run("enterprises", "add", "失败测试", "--unit", "A1-101")
    assert json.loads(run("log", "--format", "json").stdout) == []


@pytest.mark.parametrize(
    "args, name",
    [
        (["log", "show", "99999999999999999999"], "ENTRY"),
        (["undo", "99999999999999999999"], "ENTRY"),
        (["log", "-n", "99999999999999999999"], "--limit"),
        (["log", "--user", ""], "--user"),
    ],
)
def test_huge_numbers_and_empty_values_are_usage_errors(run, db_path, args, name):
    before = content(db_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert name in result.output and "Traceback" not in result.output
    assert content(db_path) == before


def test_log_show_lists_an_added_row_field_by_field(run):
    run("enterprises", "add", "字段展示", "--investment", "1,200", "--jobs", "35", "--owner", "张伟")
    entry = json.loads(run("log", "--format", "json").stdout)[0]["id"]
    shown = run("log", "show", str(entry)).stdout
    assert "+ enterprise 字段展示" in shown
    for line in ("name: 字段展示", "investment: 1,200 万元", "jobs: 35", "owner: 张伟", "stage: signed"):
        assert f"        {line}\n" in shown, line
    assert "name_folded" not in shown
    data = json.loads(run("log", "show", str(entry), "--format", "json").stdout)
    assert "jobs: 35" in data["changes"][0]["fields"]
