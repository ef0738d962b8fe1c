"""Coded values in table cells, and an import's changes, are worded in the interface language: English users
see English, Chinese users Chinese, from the one label table in promo.vocabulary."""

from __future__ import annotations

import json
import re

import pytest

from promo import vocabulary

CHECK = ("check", "--industry", "整机制造", "--investment", "2亿", "--land-mu", "50", "--tax", "1500")
GOOD = "91110000600037341L"


@pytest.fixture
def zh(monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh_CN")


def test_criteria_check_statuses_in_english(run):
    out = run(*CHECK).output
    assert "✓ pass" in out and "✗ fail" in out
    assert "达标" not in out.split("结论")[0].split("Criteria check")[1]


def test_criteria_check_statuses_in_chinese(run, zh):
    out = run(*CHECK).output
    assert "✓ 达标" in out and "✗ 未达标" in out
    assert "✗ fail" not in out and "✓ pass" not in out


def test_target_and_scenario_statuses_follow_the_language(run, monkeypatch):
    assert re.search(r"gap\s+open\n", run("targets").output)
    assert "open · " in run("scenarios").output
    monkeypatch.setenv("PROMO_LANG", "zh")
    assert re.search(r"缺口\s+待招引\n", run("targets").output)
    assert "征集中 · " in run("scenarios").output
    # the machine key under JSON stays the code, whatever the language
    assert {r["status"] for r in json.loads(run("targets", "--format", "json").output)} == {"open"}


def test_a_status_is_accepted_in_either_language_whatever_the_interface(run, zh):
    assert run("scenarios", "status", "IVD新品院内性能验证", "matched").exit_code == 0
    assert run("scenarios", "status", "IVD新品院内性能验证", "已关闭").exit_code == 0
    result = run("scenarios", "status", "IVD新品院内性能验证", "finished")
    assert result.exit_code == 2 and "征集中、已对接、已关闭" in result.output


def test_an_exported_workbook_keeps_chinese_statuses_in_english(run, tmp_path):
    out = tmp_path / "t.csv"
    assert run("export", "targets", "-o", out).exit_code == 0
    text = out.read_bytes().decode("utf-8-sig", errors="replace")
    assert "待招引" in text and ",open," not in text


def _import_file(tmp_path, run):
    run("enterprises", "add", "更新测试有限公司", "--investment", "7000", "--uscc", GOOD, "--date", "2026-10-01")
    path = tmp_path / "u.csv"
    path.write_text(
        f"企业名称,统一社会信用代码,投资额(万元),阶段\n更新测试有限公司,{GOOD},6500,注册\n新来企业,,1,意向\n坏企业,,1,未知阶段\n",
        encoding="utf-8",
    )
    return path


def test_import_report_in_english(run, tmp_path):
    out = run("import", "enterprises", _import_file(tmp_path, run), "--dry-run", "--skip-invalid").output
    assert "investment 7,000 → 6,500 (10k CNY); stage signed → registered (not applied: use --update)" in out
    assert re.search(r"\b2\s+not updated\s+更新测试有限公司", out) and re.search(r"\b3\s+new\s+新来企业", out)
    assert re.search(r"\b4\s+rejected\s+坏企业", out)
    assert "investment_wan" not in out and "新增" not in out and "拒绝" not in out


def test_import_report_in_chinese(run, tmp_path, zh):
    path = _import_file(tmp_path, run)
    out = run("import", "enterprises", path, "--dry-run", "--skip-invalid").output
    assert "投资额 7,000 → 6,500 万元" in out and "阶段 签约 → 注册" in out
    assert re.search(r"\b2\s+未更新\s+更新测试有限公司", out) and re.search(r"\b3\s+新增\s+新来企业", out)
    assert re.search(r"\b4\s+拒绝\s+坏企业", out)
    assert "investment_wan" not in out and "10k CNY" not in out
    out = run("import", "enterprises", path, "--update", "--skip-invalid", "--format", "json").output
    rows = json.loads(out[out.index("[") :])
    assert [r["status"] for r in rows] == ["changed", "new", "rejected"]  # the machine key stays the code


def test_two_rows_of_one_file_that_differ_are_named_by_their_column(run, tmp_path, monkeypatch):
    path = tmp_path / "d.csv"
    path.write_text("企业名称,投资额(万元)\n同名企业,1200\n同名企业,2000\n", encoding="utf-8")
    assert "differs in investment (10k CNY): 1,200 vs 2,000" in run("import", "enterprises", path).output
    monkeypatch.setenv("PROMO_LANG", "zh")
    assert "投资额(万元)：1,200 与 2,000" in run("import", "enterprises", path).output


def test_the_bad_check_note_follows_the_language(run, monkeypatch):
    run("enterprises", "add", "校验位错企业", "--uscc", "91110000600037341X", "--accept-bad-check", "--stage", "签约")
    out = run("enterprises", "--stage", "签约").output
    assert "⚠ credit code fails its check character; stored as given" in out and "校验位不符" not in out
    monkeypatch.setenv("PROMO_LANG", "zh")
    out = run("enterprises", "--stage", "签约").output
    assert "⚠ 信用代码校验位不符，已按原样保存" in out and "check character" not in out


def test_every_label_table_has_both_languages_and_lookups_follow_the_language(monkeypatch):
    for kind, table in vocabulary.LABELS.items():
        assert all(zh and en for zh, en in table.values()), kind
    shown = vocabulary.Shown("import_status")
    monkeypatch.setenv("PROMO_LANG", "en")
    assert shown["kept"] == "not updated" and list(shown) == ["new", "unchanged", "changed", "kept", "rejected"]
    monkeypatch.setenv("PROMO_LANG", "zh")
    assert shown["kept"] == "未更新" and shown.get("nonsense") is None
