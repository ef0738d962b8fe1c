"""创新场景: list with filters, add, change status; bad input writes nothing."""

import json
import sqlite3


def test_list_open_first_and_overdue_flagged(run):
    data = json.loads(run("scenarios", "--format", "json").output)
    assert data[0]["status"] == "open"
    ivd = next(r for r in data if r["title"] == "IVD新品院内性能验证")
    assert ivd["overdue"] is True  # open, deadline 2026-10-31 passed on 2026-11-23
    assert all(r["sample"] for r in data)
    table = run("scenarios").output
    assert "past its deadline" in table and "※" in table


def test_filters(run):
    data = json.loads(run("scenarios", "--industry", "数字医疗", "--status", "open", "--format", "json").output)
    assert data and all(r["status"] == "open" for r in data)
    assert {r["industry_code"] for r in data} <= {"dh-smart-ai", "dh-bigdata-apps", "dh-bigdata-collect"}
    data = json.loads(run("scenarios", "--owner", "肿瘤", "--format", "json").output)
    assert {r["owner"] for r in data} == {"示例肿瘤医院（示例）"}
    data = json.loads(run("scenarios", "--owner-kind", "平台", "--format", "json").output)
    assert data and {r["owner_kind"] for r in data} == {"platform"}
    assert run("scenarios", "--status", "pending").exit_code == 2


def test_add_and_status(run):
    result = run(
        "scenarios",
        "add",
        "手术机器人临床验证",
        "--owner",
        "示例综合医院",
        "--owner-kind",
        "医院",
        "--industry",
        "手术与康复机器人整机",
        "--need",
        "开放骨科手术机器人临床验证",
        "--deadline",
        "2027年6月30日",
    )
    assert result.exit_code == 0 and "added scenario #" in result.output
    data = json.loads(run("scenarios", "--industry", "医用机器人", "--format", "json").output)
    added = next(r for r in data if r["title"] == "手术机器人临床验证")
    assert (added["owner_kind"], added["deadline"], added["published"], added["status"]) == (
        "hospital",
        "2027-06-30",
        "2026-11-23",
        "open",
    )
    result = run("scenarios", "status", "手术机器人临床", "matched")
    assert result.exit_code == 0 and "is now matched" in result.output
    result = run("scenarios", "status", str(added["id"]), "closed", "--format", "json")
    assert json.loads(result.output)[0]["status"] == "closed"


def test_bad_input_writes_nothing(run, db_path):
    def count():
        conn = sqlite3.connect(db_path)
        n = conn.execute("SELECT (SELECT count(*) FROM scenarios) || '/' || (SELECT count(*) FROM journal)").fetchone()
        conn.close()
        return n

    before = count()
    result = run("scenarios", "add", "X", "--owner", "某医院", "--published", "2026-12-01", "--deadline", "2026-11-01")
    assert result.exit_code == 2 and "--deadline 2026-11-01: is before --published 2026-12-01" in result.output
    result = run("scenarios", "add", "X", "--owner", "某医院", "--industry", "医疗器戒")
    assert result.exit_code == 1 and "did you mean" in result.output
    result = run("scenarios", "add", "X", "--owner", "某医院", "--owner-kind", "学校")
    assert result.exit_code == 2 and "'--owner-kind': 学校: use one of" in result.output
    result = run("scenarios", "add", "X")
    assert result.exit_code == 2 and "--owner" in result.output
    assert run("scenarios", "status", "999", "closed").exit_code == 1
    assert run("scenarios", "status", "1", "done").exit_code == 2
    assert count() == before


def test_the_same_scenario_twice_is_refused(run):
    assert run("scenarios", "add", "手术机器人临床验证", "--owner", "示例综合医院").exit_code == 0
    result = run("scenarios", "add", "手術機器人臨床驗證", "--owner", "示例綜合醫院")
    assert result.exit_code == 1 and "already has a scenario" in result.output
