"""招商目录: links with their tenants, leads and targets; gaps; targets added, promoted and dropped."""

import pytest

from promo import targets
from promo.db import change
from promo.errors import BadValue, NotFound, Rejected


def gaps(conn, **kw):
    return {r["code"] for r in targets.catalogue(conn, gaps=True, **kw)}


def add_enterprise(conn, name, link_code, stage):
    conn.execute(
        """INSERT INTO enterprises (name, name_folded, kind, industry_id, stage, created_at)
           VALUES (?, ?, 'company', (SELECT id FROM industries WHERE code = ?), ?, '2026-11-23')""",
        (name, name, link_code, stage),
    )


def test_catalogue_is_every_link_under_its_chain_and_industry(conn):
    rows = targets.catalogue(conn)
    assert len(rows) == conn.execute("SELECT count(*) FROM industries WHERE level = 'link'").fetchone()[0]
    ivd = next(r for r in rows if r["code"] == "bt-precision-ivd")
    assert (ivd["industry"], ivd["chain"], ivd["segment"]) == ("新一代生物技术", "精准医学", "中游")
    assert ivd["tenants"] == ["济南示例精准诊断科技有限公司"] and not ivd["gap"]


@pytest.mark.parametrize("stage", ["签约", "注册", "落地", "投产", "达效"])
def test_a_tenant_at_signing_or_later_closes_the_gap(conn, stage):
    assert "md-robot-systems" in gaps(conn)
    add_enterprise(conn, "某手术机器人公司", "md-robot-systems", stage)
    assert "md-robot-systems" not in gaps(conn)
    row = next(r for r in targets.catalogue(conn) if r["code"] == "md-robot-systems")
    assert row["tenants"] == ["某手术机器人公司"]


@pytest.mark.parametrize("stage", ["意向", "洽谈"])
def test_a_lead_does_not_close_the_gap(conn, stage):
    add_enterprise(conn, "某手术机器人公司", "md-robot-systems", stage)
    assert "md-robot-systems" in gaps(conn)
    row = next(r for r in targets.catalogue(conn) if r["code"] == "md-robot-systems")
    assert row["leads"] == ["某手术机器人公司"] and row["tenants"] == []


def test_an_enterprise_filed_under_a_chain_fills_no_link(conn):
    before = gaps(conn)
    add_enterprise(conn, "某机器人集团", "md-robot", "投产")
    assert gaps(conn) == before
    assert "某机器人集团" in {r["name"] for r in targets.unplaced(conn)}


def test_gap_filters(conn):
    device = gaps(conn, industry="高端医疗器械")
    assert device and all(c.startswith("md-") for c in device)
    upstream = targets.catalogue(conn, segment="上游")
    assert {r["segment"] for r in upstream} == {"上游"}
    with pytest.raises(BadValue, match="--segment"):
        targets.catalogue(conn, segment="旁游")


def test_add_target_on_a_link(conn):
    t = change(
        conn, targets.add_target, "某骨科机器人公司", link="手术与康复机器人整机", priority="A", reason="头部企业"
    )
    assert (t["link"], t["priority"], t["reason"], t["status"], t["gap"]) == (
        "手术与康复机器人整机",
        "高",
        "头部企业",
        "open",
        True,
    )
    row = next(r for r in targets.catalogue(conn) if r["code"] == "md-robot-systems")
    assert "某骨科机器人公司" in [x["name"] for x in row["targets"]]


def test_add_target_refusals_write_nothing(conn):
    before = conn.execute("SELECT (SELECT count(*) FROM targets), (SELECT count(*) FROM journal)").fetchone()
    with pytest.raises(BadValue, match="is a chain, not a chain link; its links: 传感器与精密部件"):
        change(conn, targets.add_target, "X公司", link="医用机器人")
    with pytest.raises(NotFound) as e:
        change(conn, targets.add_target, "X公司", link="手术机器")
    assert "手术与康复机器人整机" in e.value.suggestions
    with pytest.raises(BadValue, match="--priority"):
        change(conn, targets.add_target, "X公司", link="整机制造", priority="特高")
    with pytest.raises(BadValue, match="--reason"):
        change(conn, targets.add_target, "X公司", link="整机制造", reason="随便")
    with pytest.raises(Rejected, match="already in the pipeline"):
        change(conn, targets.add_target, "華銀康", link="整机制造")
    with pytest.raises(Rejected, match="already a target"):
        change(conn, targets.add_target, "示例影像设备龙头企业（示例）", link="核心部件")
    after = conn.execute("SELECT (SELECT count(*) FROM targets), (SELECT count(*) FROM journal)").fetchone()
    assert tuple(after) == tuple(before)


def test_promote_files_a_lead_on_the_link(conn):
    t = change(conn, targets.promote, "示例手术机器人企业", owner="李四", code_name="项目F-机器人", date="2026-11-20")
    assert t["status"] == "promoted" and t["enterprise_stage"] == "意向"
    e = conn.execute(
        """SELECT e.*, i.code AS link FROM enterprises e JOIN industries i ON i.id = e.industry_id
           WHERE e.name = '示例手术机器人企业（示例）'"""
    ).fetchone()
    assert (e["link"], e["stage"], e["stage_date"], e["owner"], e["code_name"]) == (
        "md-robot-systems",
        "意向",
        "2026-11-20",
        "李四",
        "项目F-机器人",
    )
    assert conn.execute("SELECT count(*) FROM stage_history WHERE enterprise_id = ?", (e["id"],)).fetchone()[0] == 1
    row = next(r for r in targets.catalogue(conn) if r["code"] == "md-robot-systems")
    assert row["leads"] == ["示例手术机器人企业（示例）"] and row["targets"] == [] and row["gap"]
    with pytest.raises(Rejected, match="not open"):
        change(conn, targets.promote, "示例手术机器人企业")


def test_promote_only_as_a_lead(conn):
    with pytest.raises(BadValue, match="--stage"):
        change(conn, targets.promote, "示例手术机器人企业", stage="签约")


def test_drop_keeps_the_record(conn):
    t = change(conn, targets.drop, "示例生化原料企业", why="已在苏州落地")
    assert t["status"] == "dropped" and "已在苏州落地" in t["note"]
    assert "示例生化原料企业（示例）" not in {r["name"] for r in targets.list_targets(conn)}
    assert "示例生化原料企业（示例）" in {r["name"] for r in targets.list_targets(conn, status=None)}


def test_list_targets_by_priority_then_chain(conn):
    found = targets.list_targets(conn)
    order = {"高": 0, "中": 1, "低": 2}
    assert [order[r["priority"]] for r in found] == sorted(order[r["priority"]] for r in found)
    assert {r["priority"] for r in targets.list_targets(conn, priority="high")} == {"高"}
    assert all(r["sample"] for r in found)
