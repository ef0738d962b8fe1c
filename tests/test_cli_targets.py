"""promo targets: list, add, promote, drop; bad input names the field and writes nothing."""

import json
import sqlite3


def counts(db_path):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "SELECT (SELECT count(*) FROM targets), (SELECT count(*) FROM enterprises), (SELECT count(*) FROM journal)"
        ).fetchone()
    finally:
        conn.close()


def test_list_and_filters(run):
    assert run("targets").exit_code == 0
    data = json.loads(run("targets", "--priority", "高", "--format", "json").output)
    assert data and {r["priority"] for r in data} == {"高"}
    data = json.loads(run("targets", "list", "--industry", "数字医疗", "--format", "json").output)
    assert [r["link"] for r in data] == ["医疗人工智能"]


def test_add_then_listed_on_its_link(run):
    result = run(
        "targets",
        "add",
        "某骨科机器人公司",
        "--link",
        "手术与康复机器人整机",
        "--priority",
        "高",
        "--reason",
        "头部企业",
    )
    assert result.exit_code == 0 and "added target 某骨科机器人公司" in result.output
    data = json.loads(run("targets", "--link", "md-robot-systems", "--format", "json").output)
    assert "某骨科机器人公司" in {r["name"] for r in data}
    catalogue = json.loads(run("catalogue", "--gaps", "--industry", "医用机器人", "--format", "json").output)
    link = next(r for r in catalogue if r["code"] == "md-robot-systems")
    assert "某骨科机器人公司" in [t["name"] for t in link["targets"]]


def test_add_refusals(run, db_path):
    before = counts(db_path)
    result = run("targets", "add", "X公司", "--link", "医用机器人")
    assert result.exit_code == 2 and "--link 医用机器人" in result.output and "its links" in result.output
    result = run("targets", "add", "X公司", "--link", "手术机器")
    assert result.exit_code == 1 and "did you mean 手术与康复机器人整机" in result.output
    result = run("targets", "add", "X公司", "--link", "整机制造", "--reason", "好")
    assert result.exit_code == 2 and "--reason 好" in result.output
    result = run("targets", "add", "X公司")
    assert result.exit_code == 2 and "--link" in result.output
    result = run("targets", "add", "树兰（济南）医院", "--link", "整机制造")
    assert result.exit_code == 1 and "already in the pipeline" in result.output
    assert counts(db_path) == before


def test_promote_and_drop(run, db_path):
    before = counts(db_path)
    result = run("targets", "promote", "示例医疗人工智能企业", "--stage", "洽谈", "--owner", "张伟")
    assert result.exit_code == 0 and "at negotiating" in result.output
    after = counts(db_path)
    assert after[1] == before[1] + 1 and after[2] == before[2] + 1  # one enterprise, one journal entry
    data = json.loads(run("targets", "--status", "promoted", "--format", "json").output)
    assert [(r["name"], r["enterprise_stage"]) for r in data] == [("示例医疗人工智能企业（示例）", "洽谈")]
    assert run("targets", "promote", "示例医疗人工智能企业").exit_code == 1
    assert run("targets", "promote", "示例康复器械企业", "--stage", "签约").exit_code == 2
    result = run("targets", "drop", "示例康复器械企业", "--why", "不再考虑")
    assert result.exit_code == 0
    assert "示例康复器械企业（示例）" not in run("targets", "--format", "csv").output


def dump(db_path):
    conn = sqlite3.connect(db_path)
    try:
        return [
            conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in ("targets", "enterprises", "stage_history")
        ]
    finally:
        conn.close()


def test_promote_is_one_undoable_step(run, db_path):
    before = dump(db_path)
    assert run("targets", "promote", "示例手术机器人企业", "--owner", "李四").exit_code == 0
    assert dump(db_path) != before
    result = run("undo", "--yes")
    assert result.exit_code == 0, result.output
    assert dump(db_path) == before


def test_promote_keeps_the_pipelines_checks(run, db_path):
    before = counts(db_path)
    result = run("targets", "promote", "示例手术机器人企业", "--code-name", "项目A-器械")  # 菲士医学's code name
    assert result.exit_code == 1 and "code name" in result.output
    result = run("targets", "promote", "示例手术机器人企业", "--date", "2030-01-01")
    assert result.exit_code == 2 and "--date" in result.output
    assert counts(db_path) == before
