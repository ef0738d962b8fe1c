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


@pytest.fixture
def chain(tiny):
    """The tiny catalogue's chain (医疗器械 › 医学影像 › 核心部件 上游, 整机 中游) with one tenant on 核心部件."""
    add_enterprise(tiny, "示例部件公司", "parts", "落地")
    return tiny


def test_catalogue_is_every_link_under_its_chain_and_industry(chain):
    rows = targets.catalogue(chain)
    assert [r["code"] for r in rows] == ["parts", "systems"]
    parts = rows[0]
    assert (parts["industry"], parts["chain"], parts["segment"]) == ("医疗器械", "医学影像", "上游")
    assert parts["tenants"] == ["示例部件公司"] and not parts["gap"]


@pytest.mark.parametrize("stage", ["签约", "注册", "落地", "投产", "达效"])
def test_a_tenant_at_signing_or_later_closes_the_gap(chain, stage):
    assert gaps(chain) == {"systems"}
    add_enterprise(chain, "某整机公司", "systems", stage)
    assert gaps(chain) == set()
    row = next(r for r in targets.catalogue(chain) if r["code"] == "systems")
    assert row["tenants"] == ["某整机公司"]


@pytest.mark.parametrize("stage", ["意向", "洽谈"])
def test_a_lead_does_not_close_the_gap(chain, stage):
    add_enterprise(chain, "某整机公司", "systems", stage)
    assert gaps(chain) == {"systems"}
    row = next(r for r in targets.catalogue(chain) if r["code"] == "systems")
    assert row["leads"] == ["某整机公司"] and row["tenants"] == []


def test_an_enterprise_filed_under_a_chain_fills_no_link(chain):
    add_enterprise(chain, "某影像集团", "imaging", "投产")
    assert gaps(chain) == {"systems"}
    assert "某影像集团" in {r["name"] for r in targets.unplaced(chain)}


def test_gap_filters(chain):
    assert gaps(chain, industry="医疗器械") == {"systems"} and gaps(chain, industry="生物医药") == set()
    upstream = targets.catalogue(chain, segment="上游")
    assert [r["code"] for r in upstream] == ["parts"]
    with pytest.raises(BadValue, match="--segment"):
        targets.catalogue(chain, segment="旁游")


def target(conn, name, link, **kw):
    return change(conn, targets.add_target, name, link=link, **kw)


def test_add_target_on_a_link(tiny):
    t = target(tiny, "某整机公司", "整机", priority="A", reason="头部企业")
    assert (t["link"], t["priority"], t["reason"], t["status"], t["gap"]) == ("整机", "高", "头部企业", "open", True)
    row = next(r for r in targets.catalogue(tiny) if r["code"] == "systems")
    assert "某整机公司" in [x["name"] for x in row["targets"]]


def test_add_target_refusals_write_nothing(chain):
    target(chain, "某部件目标公司", "核心部件")
    before = chain.execute("SELECT (SELECT count(*) FROM targets), (SELECT count(*) FROM journal)").fetchone()
    with pytest.raises(BadValue, match="is a chain, not a chain link; its links: 核心部件、整机"):
        change(chain, targets.add_target, "X公司", link="医学影像")
    with pytest.raises(NotFound) as e:
        change(chain, targets.add_target, "X公司", link="核芯部件")
    assert "核心部件" in e.value.suggestions
    with pytest.raises(BadValue, match="--priority"):
        change(chain, targets.add_target, "X公司", link="整机", priority="特高")
    with pytest.raises(BadValue, match="--reason"):
        change(chain, targets.add_target, "X公司", link="整机", reason="随便")
    with pytest.raises(Rejected, match="already in the pipeline"):
        change(chain, targets.add_target, "示例部件公司", link="整机")
    with pytest.raises(Rejected, match="already a target"):
        change(chain, targets.add_target, "某部件目标公司", link="整机")
    after = chain.execute("SELECT (SELECT count(*) FROM targets), (SELECT count(*) FROM journal)").fetchone()
    assert tuple(after) == tuple(before)


def test_promote_files_a_lead_on_the_link(tiny):
    target(tiny, "某整机公司", "整机")
    t = change(tiny, targets.promote, "某整机公司", owner="李四", code_name="项目F-整机", date="2026-11-20")
    assert t["status"] == "promoted" and t["enterprise_stage"] == "意向"
    e = tiny.execute(
        """SELECT e.*, i.code AS link FROM enterprises e JOIN industries i ON i.id = e.industry_id
           WHERE e.name = '某整机公司'"""
    ).fetchone()
    assert (e["link"], e["stage"], e["stage_date"], e["owner"], e["code_name"]) == (
        "systems",
        "意向",
        "2026-11-20",
        "李四",
        "项目F-整机",
    )
    assert tiny.execute("SELECT count(*) FROM stage_history WHERE enterprise_id = ?", (e["id"],)).fetchone()[0] == 1
    row = next(r for r in targets.catalogue(tiny) if r["code"] == "systems")
    assert row["leads"] == ["某整机公司"] and row["targets"] == [] and row["gap"]
    with pytest.raises(Rejected, match="not open"):
        change(tiny, targets.promote, "某整机公司")


def test_promote_only_as_a_lead(tiny):
    target(tiny, "某整机公司", "整机")
    with pytest.raises(BadValue, match="--stage"):
        change(tiny, targets.promote, "某整机公司", stage="签约")


def test_drop_keeps_the_record(tiny):
    target(tiny, "某部件公司", "核心部件")
    t = change(tiny, targets.drop, "某部件公司", why="已在苏州落地")
    assert t["status"] == "dropped" and "已在苏州落地" in t["note"]
    assert "某部件公司" not in {r["name"] for r in targets.list_targets(tiny)}
    assert "某部件公司" in {r["name"] for r in targets.list_targets(tiny, status=None)}


def test_list_targets_by_priority_then_chain(tiny):
    target(tiny, "低整机", "整机", priority="低")
    target(tiny, "中整机", "整机", priority="中")
    target(tiny, "高整机", "整机", priority="高")
    target(tiny, "中部件", "核心部件", priority="中")
    found = targets.list_targets(tiny)
    assert [r["priority"] for r in found] == ["高", "中", "中", "低"]
    assert {r["name"] for r in targets.list_targets(tiny, priority="high")} == {"高整机"}


def test_seeded_targets_are_marked_sample(conn):
    """About the seed's content: every seeded target is a sample."""
    found = targets.list_targets(conn, status=None)
    assert found and all(r["sample"] for r in found)
