"""promo catalogue: the chain tree with tenants, leads and targets, and the gaps view."""

import json
import sqlite3


def gap_codes(run, *args):
    result = run("catalogue", "--gaps", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return {r["code"] for r in json.loads(result.output)}


def test_catalogue_table_shows_industry_chain_link_tenants_targets(run):
    result = run("catalogue", "--format", "markdown")
    assert result.exit_code == 0
    for text in (
        "新一代生物技术",
        "精准医学",
        "IVD体外诊断试剂",
        "济南示例精准诊断科技有限公司",
        "示例影像设备龙头企业（示例）(high)",
    ):
        assert text in result.output, text
    assert "signed enterprises filed under no link" in result.output and "树兰(济南)医院" in result.output


def test_gaps_are_links_without_a_tenant(run):
    gaps = gap_codes(run)
    assert "md-robot-systems" in gaps and "bt-precision-ivd" not in gaps
    assert "md-imaging-rt-assembly" in gaps  # only a lead (洽谈) there


def test_a_tenant_added_on_the_link_closes_the_gap(run, db_path):
    assert "md-robot-systems" in gap_codes(run)
    conn = sqlite3.connect(db_path)
    conn.execute(
        """INSERT INTO enterprises (name, name_folded, kind, industry_id, stage, created_at)
           VALUES ('某手术机器人公司', '某手术机器人公司', 'company',
                   (SELECT id FROM industries WHERE code = 'md-robot-systems'), '签约', '2026-11-23')"""
    )
    conn.commit()
    conn.close()
    assert "md-robot-systems" not in gap_codes(run)


def test_gap_filters_and_bad_values(run):
    assert gap_codes(run, "--industry", "医用机器人") == {
        "md-robot-parts",
        "md-robot-systems",
        "md-robot-3dprint",
        "md-robot-clinical",
    }
    data = json.loads(run("catalogue", "--segment", "下游", "--format", "json").output)
    assert {r["segment"] for r in data} == {"下游"}
    result = run("catalogue", "--segment", "旁游")
    assert result.exit_code == 2 and "--segment 旁游" in result.output
    result = run("catalogue", "--industry", "医用机器")
    assert result.exit_code == 0  # a unique part of a name
    result = run("catalogue", "--industry", "机器狗")
    assert result.exit_code == 1 and "no industry named" in result.output


def test_csv_lists_targets_by_name(run):
    result = run("catalogue", "--gaps", "--format", "csv")
    header, *lines = result.output.splitlines()
    assert header.startswith("industry,industry_code,chain")
    assert any("示例手术机器人企业（示例）" in line for line in lines)


def test_enterprises_add_on_the_link_closes_the_gap(run):
    assert "md-robot-3dprint" in gap_codes(run)
    lead = run("enterprises", "add", "某3D打印公司", "--industry", "医疗3D打印", "--stage", "洽谈")
    assert lead.exit_code == 0, lead.output
    assert "md-robot-3dprint" in gap_codes(run)  # a lead is not a tenant
    signed = run("enterprises", "add", "某骨科3D打印公司", "--industry", "md-robot-3dprint", "--stage", "签约")
    assert signed.exit_code == 0, signed.output
    assert "md-robot-3dprint" not in gap_codes(run)
    link = next(r for r in json.loads(run("catalogue", "--format", "json").output) if r["code"] == "md-robot-3dprint")
    assert link["tenants"] == ["某骨科3D打印公司"] and link["leads"] == ["某3D打印公司"]
