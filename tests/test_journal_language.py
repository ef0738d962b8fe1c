"""Every writer's journal entry reads in the officer's words, in Chinese and in English: its summary is kept as a
message and values (so the reader's language words it), and its change lines show labels, never codes or columns.

The writers are found in the source (every `"summary": journal_note(…)`), so a new writer fails here until it has
a case below — and fails in test_every_summary_is_a_journal_note if it writes its summary as a plain string.
"""

from __future__ import annotations

import ast
import json
import re
import sqlite3
from pathlib import Path

import pytest

from promo import field_labels
from promo.summary import KINDS
from promo.vocabulary import LABELS

PROMO = Path(__file__).resolve().parent.parent / "promo"
ENTERPRISE = "华银康"  # in the seed, landed
SIGNED = "晨生医疗"  # in the seed, signed


def _change(fn_path: str, *args, **kwargs):
    """A step that runs a writer with no command of its own (import adapters call it) through promo.db.change."""

    def step(db_path):
        import importlib

        from promo.db import change, open_catalogue

        module, name = fn_path.rsplit(".", 1)
        conn = open_catalogue(db_path)
        try:
            change(conn, getattr(importlib.import_module("promo." + module), name), *args, **kwargs)
        finally:
            conn.close()

    return step


# writer (module.function) → the steps that make it write; the last step's entry is the one read
CASES: dict[str, list] = {
    "enterprise_add._insert": [("enterprises", "add", "语言测试医疗", "--investment", "7000", "--unit", "A1-402")],
    "enterprises._update_note": [
        ("enterprises", "update", SIGNED, "--jobs", "12"),
        ("enterprises", "update", SIGNED, "--investment", "6500", "--unit", "A1-603"),
    ],
    "enterprises.move": [("enterprises", "move", SIGNED, "落地", "--unit", "A1-402")],
    "enterprises.log_activity": [("enterprises", "log-activity", SIGNED, "--kind", "visit", "--note", "看房")],
    "enterprises.remove": [("enterprises", "add", "待删医疗"), ("enterprises", "remove", "待删医疗", "--yes")],
    "pipeline.set_deadline": [("overdue", "deadlines", "签约", "90天")],
    "edit.carriers.add_carrier": [("carriers", "add", "东区标准地", "--kind", "land")],
    "edit.carriers.update_carrier": [("carriers", "update", "精准医学产业园", "--operator", "园区公司")],
    "edit.carriers.remove_carrier": [
        ("carriers", "add", "东区标准地", "--kind", "land"),
        ("carriers", "remove", "东区标准地"),
    ],
    "edit.carriers.add_platform": [("platforms", "add", "共享实验室", "--level", "zone")],
    "edit.carriers.update_platform": [("platforms", "update", "国家健康医疗大数据中心(北方)", "--level", "provincial")],
    "edit.carriers.remove_platform": [("platforms", "add", "共享实验室"), ("platforms", "remove", "共享实验室")],
    "edit.units.add": [("units", "add", "精准医学产业园", "Z9-101", "--area", "300")],
    "edit.units.update_unit": [("units", "update", "A1-402", "--rent", "2.3")],
    "edit.units.set_status": [("units", "set-status", "A1-402", "已租")],
    "edit.units.remove": [("units", "add", "精准医学产业园", "Z9-101", "--area", "300"), ("units", "remove", "Z9-101")],
    "edit.criteria.add": [("criteria", "add", "新增指标甲", "--metric", "tax_per_mu", "--threshold", "10")],
    "edit.criteria.update_criterion": [("criteria", "update", "亩均税收", "--op", "<=")],
    "edit.criteria.remove": [("criteria", "remove", "亩均税收")],
    "edit.criteria.add_negative": [("criteria", "negative", "add", "高耗能冶炼", "--kind", "限制")],
    "edit.criteria.remove_negative": [("criteria", "negative", "remove", "化学原料药合成及发酵类原料药生产")],
    "edit.criteria.add_exception": [
        ("criteria", "exception", "add", SIGNED, "亩均税收", "--approved-by", "管委会主任办公会")
    ],
    "edit.criteria.remove_exception": [
        ("criteria", "exception", "add", SIGNED, "亩均税收", "--approved-by", "管委会主任办公会"),
        ("criteria", "exception", "remove", SIGNED, "亩均税收"),
    ],
    "edit.policies.add": [("policies", "add", "就业带动奖励", "--min-jobs", "100")],
    "edit.policies.update_policy": [
        ("policies", "add", "就业带动奖励", "--min-jobs", "100"),
        ("policies", "update", "就业带动奖励", "--min-jobs", "500"),
    ],
    "edit.policies.expire": [("policies", "expire", "支持济南国际医学中心高质量发展政策清单", "--on", "2026-10-31")],
    "edit.policies.remove": [("policies", "add", "就业带动奖励"), ("policies", "remove", "就业带动奖励")],
    "edit.zone.set_profile": [("zone", "set", "--office-phone", "0531-12345678")],
    "edit.catalogue.add": [("catalogue", "add", "link", "康复机器人", "--under", "医用机器人", "--segment", "下游")],
    "edit.catalogue.rename": [("catalogue", "rename", "质子重离子治疗", "质子治疗")],
    "edit.catalogue.move": [
        ("catalogue", "add", "link", "康复机器人", "--under", "医用机器人"),
        _change("edit.catalogue.move", "康复机器人", "医疗影像与放疗装备"),
    ],
    "edit.catalogue.remove": [
        ("catalogue", "add", "link", "康复机器人", "--under", "医用机器人"),
        ("catalogue", "remove", "康复机器人"),
    ],
    "scenarios.add_scenario": [("scenarios", "add", "术后康复随访", "--owner", "某医院", "--owner-kind", "hospital")],
    "scenarios.set_status": [("scenarios", "status", "胸部CT影像AI辅助诊断试点", "matched")],
    "scenarios.update_scenario": [_change("scenarios.update_scenario", "胸部CT影像AI辅助诊断试点", status="closed")],
    "ledger._targets_note": [
        ("ledger", "targets", "set", "--year", "2026", "--signed", "5"),
        ("ledger", "targets", "set", "--year", "2026", "--owner", "张伟", "--signed", "3"),
    ],
    "targets.add_target": [("targets", "add", "康复科技公司", "--link", "手术与康复机器人整机")],
    "targets.update_target": [_change("targets.update_target", "示例影像设备龙头企业（示例）", reason="补链")],
    "targets.promote": [("targets", "promote", "示例影像设备龙头企业（示例）", "--stage", "洽谈")],
    "targets.drop": [("targets", "drop", "示例精密传感器企业（示例）", "--why", "不再考虑")],
    "services.add_department": [("services", "departments", "add", "消防大队")],
    "services.add_template": [_change("services.add_template", "消防验收", "生态环境局", industry="医疗器械")],
    "services.update_template": [
        _change("services.add_template", "消防验收", "生态环境局", industry="医疗器械"),
        _change("services.update_template", 1, days=30),
    ],
    "services.add_service": [("services", "add", SIGNED, "环评", "--department", "生态环境局")],
    "services.update_service": [
        ("services", "add", SIGNED, "环评", "--department", "生态环境局"),
        ("services", "update", SIGNED, "环评", "--done", "2026-11-22"),
    ],
    "services.apply_template": [("services", "apply", SIGNED)],
    "needs.save_needs": [("enterprises", "need", SIGNED, "--min-area", "500平米")],
    "projects.set_signing_date": [_change("projects.set_signing_date", SIGNED, "2026-01-05")],
    "projects.set_milestone": [("enterprises", "milestone", SIGNED, "开工", "--planned", "2026-03-01")],
    "projects.record_report": [("enterprises", "report", ENTERPRISE, "--year", "2026", "--tax", "30")],
    "events.add_event": [("events", "add", "中韩医疗器械对接会", "--date", "2026-04-18", "--place", "首尔")],
    "events.add_deal": [
        ("events", "add", "中韩医疗器械对接会", "--date", "2026-04-18"),
        ("events", "sign", "中韩医疗器械对接会", SIGNED, "--kind", "mou"),
    ],
    "events.update_event": [
        ("events", "add", "中韩医疗器械对接会", "--date", "2026-04-18"),
        _change("events.update_event", "中韩医疗器械对接会", place="首尔"),
    ],
    "events.update_deal": [
        ("events", "add", "中韩医疗器械对接会", "--date", "2026-04-18"),
        ("events", "sign", "中韩医疗器械对接会", SIGNED, "--kind", "mou"),
        _change("events.update_deal", "中韩医疗器械对接会", SIGNED, kind="contract"),
    ],
    "coordination.add_item": [("coordination", "add", SIGNED, "道路未通", "--leader", "王主任")],
    "coordination.close_item": [
        ("coordination", "add", SIGNED, "道路未通", "--leader", "王主任"),
        ("coordination", "close", "1", "--date", "2026-11-23"),
    ],
    "coordination.update_item": [
        ("coordination", "add", SIGNED, "道路未通", "--leader", "王主任"),
        _change("coordination.update_item", 1, leader="李书记"),
    ],
    "io.session.run_all": ["import"],
    "revert.record": [("enterprises", "move", SIGNED, "落地"), ("undo", "--yes")],
    "commands.enterprise_remove.remove": [
        ("enterprises", "add", "彻底删除医疗", "--unit", "A1-402"),
        ("enterprises", "remove", "彻底删除医疗", "--purge", "--yes"),
    ],
}


def _writers() -> set[str]:
    """Every function in promo that words a journal summary (calls journal_note), as module.function."""
    found = set()
    for path in sorted(PROMO.rglob("*.py")):
        module = path.relative_to(PROMO).with_suffix("").as_posix().replace("/", ".")
        for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(fn, ast.FunctionDef) and any(
                isinstance(n, ast.Call) and getattr(n.func, "id", "") in ("journal_note", "note") for n in _own(fn)
            ):
                found.add(f"{module}.{fn.name}")
    return found - {"summary.note"}


def _own(fn: ast.FunctionDef):
    """The nodes of a function's own body, not of the functions defined inside it."""
    todo = [n for n in fn.body if not isinstance(n, ast.FunctionDef)]
    while todo:
        node = todo.pop()
        yield node
        todo += [c for c in ast.iter_child_nodes(node) if not isinstance(c, ast.FunctionDef)]


def test_every_writer_has_a_case():
    assert _writers() == set(CASES)


def test_every_summary_is_a_journal_note():
    """A writer's "summary" is a journal_note (or a helper returning one), never a string worded once."""
    helpers = {w.rsplit(".", 1)[1] for w in _writers()}
    plain = []
    for path in sorted(PROMO.rglob("*.py")):
        rel = path.relative_to(PROMO).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values = []
            if isinstance(node, ast.Dict):
                values = [
                    v for k, v in zip(node.keys, node.values, strict=True) if getattr(k, "value", None) == "summary"
                ]
            elif isinstance(node, ast.keyword) and node.arg == "summary":
                values = [node.value]
            for v in values:
                calls = [n for n in ast.walk(v) if isinstance(n, ast.Call)]
                names = {getattr(c.func, "id", getattr(c.func, "attr", "")) for c in calls}
                if isinstance(v, ast.Name) or names & (helpers | {"journal_note"}):
                    continue
                plain.append(f"{rel}:{node.lineno if hasattr(node, 'lineno') else v.lineno}")
    assert plain == []


def _run_steps(run, db_path, tmp_path, steps):
    for step in steps:
        if step == "import":
            path = tmp_path / "leads.csv"
            path.write_text("企业名称,所属行业\n语言导入甲有限公司,高端医疗器械\n", "utf-8")
            done = run("import", "enterprises", path)
        elif callable(step):
            step(db_path)
            continue
        else:
            done = run(*step)
        assert done.exit_code == 0, (step, done.output)


def _newest(db_path) -> dict:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute("SELECT * FROM journal ORDER BY id DESC LIMIT 1").fetchone())
    finally:
        conn.close()


def _data(args: dict) -> list[str]:
    """The values of a summary that are data (names, items), not coded values: shown as they were entered."""
    out = []
    for key, value in args.items():
        kind = KINDS.get(key)
        if isinstance(value, dict):
            out += _data(value.get("args") or {}) + [value.get("text", "")]
        elif kind is None or kind == "what":
            out += [str(v) for v in (value if isinstance(value, list) else [value])]
    return sorted(out, key=len, reverse=True)


CJK = re.compile(r"[\u3400-\u9fff]")
# coded values that are English words: shown in Chinese as their labels, never as the code
ENGLISH_CODES = sorted(
    {code for kind in LABELS.values() for code in kind if re.fullmatch(r"[a-z]{3,}", code)} - {"event"}, key=len
)
COLUMNS = sorted(k for k in field_labels.FIELDS if "_" in k)
CHINESE_CODES = sorted({code for kind in LABELS.values() for code, (zh, en) in kind.items() if CJK.search(code)})


def test_every_column_and_table_has_the_officers_name():
    """A new table or column without a label (or a coded column without its vocabulary kind) fails here."""
    from promo.db import connect, migrate
    from promo.journal import journaled_tables, table_columns

    conn = connect(":memory:")
    migrate(conn)
    tables = journaled_tables(conn)
    assert [t for t in tables if t not in field_labels.TABLES] == []
    unnamed = [
        f"{t}.{c}"
        for t in tables
        for c in table_columns(conn, t)
        if c != "id" and not c.endswith("_folded") and c not in field_labels.FIELDS
    ]
    assert unnamed == []
    checked = set()
    for table in tables:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        for column, values in re.findall(r"CHECK \((\w+) IN \(([^)]*)\)\)", sql):
            if column != "op" and table != "journal_changes":
                checked.add((table, column))
                codes = re.findall(r"'([^']*)'", values)
                kind = field_labels.CODED.get((table, column))
                assert kind and set(codes) <= set(LABELS[kind]), (table, column, codes)
    for kind in field_labels.CODED.values():  # every kind named is one the vocabulary (or a table) has
        assert kind.split(":")[-1] in LABELS or kind.startswith("codes:"), kind
    assert len(checked) >= 15 and checked <= set(field_labels.CODED)


@pytest.mark.parametrize("writer", sorted(CASES))
def test_log_speaks_both_languages(writer, run, db_path, tmp_path, monkeypatch):
    _run_steps(run, db_path, tmp_path, CASES[writer])
    stored = _newest(db_path)
    assert stored["summary_msg"], f"{writer}: summary stored as text only: {stored['summary']!r}"
    args = json.loads(stored["summary_args"])
    lines = {}
    for lang in ("zh", "en"):
        monkeypatch.setenv("PROMO_LANG", lang)
        entry = json.loads(run("log", "-n", "1", "--format", "json").stdout)[0]
        lines[lang] = (entry["summary"], run("log", "-v", "-n", "1").stdout)
    (zh, zh_log), (en, en_log) = lines["zh"], lines["en"]
    assert zh != en
    bare_zh, bare_en = zh, en
    for value in _data(args):
        bare_zh, bare_en = bare_zh.replace(value, ""), bare_en.replace(value, "")
    assert not re.search(r"[A-Za-z]{3,}", bare_zh), f"{writer}: English in the Chinese summary: {zh!r}"
    assert not CJK.search(bare_en), f"{writer}: Chinese in the English summary: {en!r}"
    for text in (zh_log, en_log):
        changes = "\n".join(line for line in text.splitlines() if line.lstrip()[:1] in "+−~")
        assert not [c for c in COLUMNS if c in changes], f"{writer}: a column name in {changes!r}"
    zh_changes = "\n".join(line for line in zh_log.splitlines() if line.lstrip()[:1] in "+−~")
    assert not [c for c in ENGLISH_CODES if re.search(rf"(?<![A-Za-z]){c}(?![A-Za-z])", zh_changes)], zh_changes
    en_changes = "\n".join(line for line in en_log.splitlines() if line.lstrip()[:1] in "+−~")
    coded = [c for c in CHINESE_CODES if re.search(rf"(?:^|[ :]){c} →|→ {c}(?:$|[ ,])", en_changes, re.M)]
    assert not coded, f"{writer}: Chinese codes in English change lines: {en_changes!r}"


def test_import_undo_redo_undo_redo_reads_as_such_in_the_log(run, db_path, tmp_path, monkeypatch):
    path = tmp_path / "leads.csv"
    path.write_text("企业名称,所属行业\n往返导入甲有限公司,高端医疗器械\n", "utf-8")
    assert run("import", "enterprises", path).exit_code == 0
    said = [run(step, "--yes") for step in ("undo", "redo", "undo", "redo")]
    assert all(r.exit_code == 0 for r in said)
    # the rows a redo puts back are named, not numbered, though they are not there before it
    assert "+ stage record 往返导入甲有限公司 signed" in said[1].stdout
    entries = json.loads(run("log", "-n", "5", "--format", "json").stdout)
    imported, undo1, redo1, undo2, redo2 = (e["id"] for e in reversed(entries))
    by_id = {e["id"]: e for e in entries}
    assert by_id[undo1]["undoes"] == imported and by_id[undo2]["undoes"] == imported  # the first undo stays one
    assert by_id[imported]["undone_by"] is None  # redone: in effect
    text = run("log").stdout
    assert f"[undoes #{imported}, put back by redo #{redo1}]" in text
    assert f"[undoes #{imported}, put back by redo #{redo2}]" in text
    assert text.count(f"[redoes #{imported}]") == 2 and f"[redone by #{redo2}]" in text
    assert f"redo #{imported}: import 1 new, 0 changed (enterprises) from {path}" in text
    monkeypatch.setenv("PROMO_LANG", "zh")
    zh = run("log").stdout
    assert zh.count(f"重做 #{imported}：从 {path} 导入（企业）：新增 1，更新 0") == 2
    assert f"[撤销 #{imported}，已由重做 #{redo2} 恢复]" in zh and f"[已由 #{redo2} 重做]" in zh
    monkeypatch.setenv("PROMO_LANG", "en")
    assert run("undo", "--yes").exit_code == 0  # the import is undone a third time: the newest undo names it
    assert "往返导入甲有限公司" not in run("enterprises", "--format", "csv").stdout


def _as_before_schema_14(db_path, rows):
    """The catalogue as promo wrote it before migration 14: journal entries with their text summaries only."""
    conn = sqlite3.connect(db_path)
    conn.executescript(
        """DROP INDEX journal_reverts;
           ALTER TABLE journal DROP COLUMN reverts;
           ALTER TABLE journal DROP COLUMN summary_msg;
           ALTER TABLE journal DROP COLUMN summary_args;
           ALTER TABLE journal_changes DROP COLUMN fp;
           DROP TABLE service_status;
           PRAGMA user_version = 13;"""
    )
    conn.executemany(
        "INSERT INTO journal (id, at, user, command, summary, undone_by) "
        "VALUES (?, '2026-01-01 09:00:00', 'u', ?, ?, ?)",
        rows,
    )
    conn.commit()
    conn.close()


def test_an_older_journal_is_linked_and_worded_after_migration_14(run, db_path, monkeypatch):
    # before 14: the second undo overwrote #1's undone_by, so #2 no longer read as an undo
    _as_before_schema_14(
        db_path,
        [
            (1, "promo enterprises add 旧医疗", "add 旧医疗 (签约)", 4),
            (2, "promo undo --yes", "undo #1: add 旧医疗 (签约)", 3),
            (3, "promo redo --yes", "redo #1: add 旧医疗 (签约)", None),
            (4, "promo undo --yes", "undo #1: add 旧医疗 (签约)", None),
            (5, "promo units set-status A1-402 已租", "unit 精准医学产业园/A1-402 → 已租", None),
            (6, "promo enterprises update 旧医疗", "更新 旧医疗：投资额, 载体", None),
            (7, "promo something", "a summary no form matches", None),
        ],
    )
    text = run("log").stdout
    assert "#1  2026-01-01 09:00:00  u  add 旧医疗 (signed)  [undone by #4]" in text
    assert "undo #1: add 旧医疗 (signed)  [undoes #1, put back by redo #3]" in text
    assert "redo #1: add 旧医疗 (signed)  [redoes #1]" in text
    assert "#4  2026-01-01 09:00:00  u  undo #1: add 旧医疗 (signed)  [undoes #1]" in text
    assert "unit 精准医学产业园/A1-402 → leased" in text
    assert "update 旧医疗: investment, carrier" in text and "a summary no form matches" in text
    monkeypatch.setenv("PROMO_LANG", "zh")
    zh = run("log").stdout
    assert "撤销 #1：新增 旧医疗（签约）  [撤销 #1，已由重做 #3 恢复]" in zh
    assert "房源 精准医学产业园/A1-402 → 已租" in zh and "更新 旧医疗：投资额、载体" in zh


def test_a_damaged_summary_still_reads():
    """Values that no longer fit their message (edited by hand, or a message changed since) never raise."""
    from promo.summary import KINDS, word
    from promo.summary_read import shown

    assert {k for k in KINDS.values() if k not in LABELS} == {"fields", "days", "what"}
    assert word("import {added:,} new", {"added": "many"}, "en") == "import many new"
    assert word("move {name} {old_stage}", {"name": "甲"}, "zh") == "move 甲 {old_stage}"
    assert shown("stored text", "undo #{id}: {what}", "not json", "en") == "stored text"
    assert shown("stored", "undo #{id}: {what}", '{"id": 3, "what": {"text": "旧的"}}', "zh") == "撤销 #3：旧的"
