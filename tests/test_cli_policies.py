"""promo policies: listing with filters, one policy in detail, and --for an enterprise."""

import json

import pytest


@pytest.fixture
def zh(monkeypatch):
    """The Chinese interface: these tests read the policies' reasons as officers read them."""
    monkeypatch.setenv("PROMO_LANG", "zh_CN")


def test_list_shows_issuer_level_kind_dates_cap_and_eligibility(run, zh):
    result = run("policies", "--format", "markdown")  # no wrapping: whole names
    assert result.exit_code == 0
    out = result.output
    for text in (
        "支持济南国际医学中心高质量发展政策清单",
        "山东省人民政府办公厅",
        "省级",
        "最高 500万元",
        "投资 ≥",
        "※",
    ):
        assert text in out, text


def test_filters(run):
    data = json.loads(run("policies", "--kind", "租金", "--format", "json").output)
    assert [r["code"] for r in data] == ["sample-rent-relief"]
    data = json.loads(run("policies", "--level", "provincial", "--format", "json").output)
    assert {r["level"] for r in data} == {"provincial"}
    data = json.loads(run("policies", "--active-on", "2027年6月30日", "--format", "json").output)
    assert "sample-rnd-subsidy" not in {r["code"] for r in data}


def test_bad_filters_name_the_option(run):
    result = run("policies", "--level", "county")
    assert result.exit_code == 2 and "'--level': county: use one of" in result.output
    result = run("policies", "--kind", "补贴")
    assert result.exit_code == 2 and "--kind 补贴" in result.output and "落户" in result.output
    result = run("policies", "--active-on", "2026-13-01")
    assert result.exit_code == 2 and "--active-on" in result.output
    result = run("policies", "--industry", "医疗器戒")
    assert result.exit_code == 1 and "did you mean" in result.output


def test_show_spells_out_eligibility(run, zh):
    result = run("policies", "show", "載體租金減免")
    assert result.exit_code == 0
    for text in ("年租金 × 50%, 最高 100万元/年", "落地/投产", "精准医学产业园", "条件说明 (示例)"):
        assert text in result.output, text


def test_for_an_enterprise_gives_verdict_reason_and_amount(run, zh):
    data = json.loads(run("policies", "--for", "示例医学影像设备", "--format", "json").output)
    award = next(r for r in data if r["code"] == "sample-settlement-award")
    assert award["verdict"] == "if" and award["estimate_wan"] == 400
    assert "投资额 20,000 ≥ 5,000万元 ✓" in award["reason"] and "签约/注册/落地 时适用" in award["reason"]
    assert all(r["verdict"] in ("yes", "if") for r in data)


def test_for_all_explains_why_not(run, zh):
    data = json.loads(run("policies", "--for", "示例医学影像设备", "--all", "--format", "json").output)
    foreign = next(r for r in data if r["code"] == "sample-foreign-invest-award")
    assert foreign["verdict"] == "no" and foreign["failing"] == ["country"]
    assert "国别 中国, 政策限 境外 ✗" in foreign["reason"] and foreign["estimate_wan"] is None
    table = run("policies", "--for", "示例医学影像设备", "--all").output
    assert "不符合" in table and "政策限 境外" in table


def test_for_an_overseas_enterprise(run, zh):
    data = json.loads(run("policies", "--for", "香港熙麦", "--all", "--format", "json").output)
    foreign = next(r for r in data if r["code"] == "sample-foreign-invest-award")
    assert foreign["verdict"] == "unknown"  # 境外 ✓ but no industry or investment on record
    assert "国别" not in foreign["reason"] and "投资额 未记录" in foreign["reason"]


def test_for_table_counts_what_it_leaves_out(run, zh):
    result = run("policies", "--for", "阿瑞尼塔")
    assert result.exit_code == 0
    assert "项待核实" in result.output and "--all" in result.output


def test_for_unknown_enterprise(run):
    result = run("policies", "--for", "华银")
    assert result.exit_code == 0  # a unique part of a name is enough
    result = run("policies", "--for", "华银康康")
    assert result.exit_code == 1 and "did you mean 华银康" in result.output


def test_for_and_filters_do_not_mix(run):
    result = run("policies", "--for", "华银康", "--kind", "租金")
    assert result.exit_code == 2
    assert run("policies", "--all").exit_code == 2


def test_show_csv_gives_eligibility_as_text(run, zh):
    out = run("policies", "show", "载体租金减免", "--format", "csv").output
    assert "类型 企业；阶段 落地/投产；载体 精准医学产业园" in out and "{'" not in out


def test_csv_lists_eligibility_in_words_with_its_sample_mark(run, zh):
    import csv
    import io

    result = run("policies", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output.lstrip("\ufeff"))))
    assert rows and all(r["eligibility"] == r["summary"] for r in rows)
    assert any("投资 ≥" in r["eligibility"] for r in rows)


def test_no_cap_is_one_rule_on_the_command_line_and_in_an_import(run, db_path, tmp_path):
    import sqlite3

    assert run("policies", "add", "命令行政策", "--cap", "不限", "--issuer", "管委会").exit_code == 0
    assert run("policies", "add", "有上限政策", "--cap", "300", "--issuer", "管委会").exit_code == 0
    assert run("policies", "update", "有上限政策", "--cap", "不封顶").exit_code == 0
    sheet = tmp_path / "p.csv"
    sheet.write_text("政策名称,发布单位,最高奖补\n导入政策,管委会,不限\n另一政策,管委会,unlimited\n", encoding="utf-8")
    result = run("import", "policies", sheet)
    assert result.exit_code == 0, result.output
    caps = sqlite3.connect(db_path).execute(
        "SELECT name, cap_wan FROM policies WHERE name IN ('命令行政策', '有上限政策', '导入政策', '另一政策')"
    )
    assert [cap for _name, cap in caps] == [None] * 4
    bad = run("policies", "add", "乱写政策", "--cap", "很多")
    assert bad.exit_code == 2 and "--cap 很多" in bad.output
