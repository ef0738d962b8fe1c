"""promo criteria and promo check: thresholds listed, a project checked with figures shown."""

import json


def test_criteria_lists_thresholds_and_scope(run):
    result = run("criteria", "--format", "markdown")
    assert result.exit_code == 0
    for text in (
        "固定资产投资强度",
        "investment ÷ land (mu)",
        "≥ 300 万元/亩",
        "whole zone",
        "海凭国际·济南医疗器械产业园",
        "≤ 80 亩",
    ):
        assert text in result.output, text


def test_criteria_filters(run):
    data = json.loads(run("criteria", "--industry", "新一代生物技术", "--format", "json").output)
    assert "biotech-rd-share" in {r["code"] for r in data} and "device-investment-intensity" not in {
        r["code"] for r in data
    }
    data = json.loads(run("criteria", "--carrier", "海凭", "--format", "json").output)
    codes = {r["code"] for r in data}
    assert "haiping-min-investment" in codes and "incubator-max-investment" not in codes


def test_negative_list(run):
    data = json.loads(run("criteria", "--negative-list", "--format", "json").output)
    assert {r["kind"] for r in data} == {"禁止", "限制"}


def test_check_prints_each_figure_against_its_threshold(run):
    result = run(
        "check",
        "--industry",
        "整机制造",
        "--investment",
        "2亿",
        "--land-mu",
        "50",
        "--output",
        "3亿",
        "--tax",
        "1500",
        "--rd",
        "900",
    )
    assert result.exit_code == 1  # the verdict is fail: a script can stop on it
    out = result.output
    assert "20,000万元 ÷ 50亩 = 400 万元/亩" in out and "≥ 300 万元/亩" in out
    assert "1,500万元 ÷ 50亩 = 30 万元/亩" in out and "✗ fail" in out
    assert "900万元 ÷ 30,000万元 × 100% = 3%" in out
    assert "Verdict: fail — 亩均税收 not met" in out


def test_check_json_has_the_computed_values(run):
    result = run("check", "--industry", "IVD", "--investment", "3000", "--land-mu", "12", "--format", "json")
    data = json.loads(result.output)
    c = {x["code"]: x for x in data["criteria"]}
    assert c["zone-investment-intensity"]["value"] == 250 and c["zone-investment-intensity"]["status"] == "fail"
    assert data["verdict"] == "fail" and data["profile"]["industry_code"] == "bt-precision-ivd"


def test_check_an_enterprise_with_overrides(run):
    result = run("check", "示例医学影像设备", "--land-mu", "40", "--format", "json")
    data = json.loads(result.output)
    c = {x["code"]: x for x in data["criteria"]}
    assert c["zone-investment-intensity"]["value"] == 500  # its recorded 20,000 万元 over the 40 亩 given
    assert data["profile"]["name"] == "示例医学影像设备（苏州）有限公司"


def test_check_negative_list_hit(run):
    result = run("check", "--industry", "IVD", "--business", "化学原料药中间体")
    assert "on the negative list (prohibited): 化学原料药合成及发酵类原料药生产" in result.output
    assert "Verdict: fail" in result.output


def test_check_in_a_carrier(run):
    data = json.loads(run("check", "--investment", "1500", "--carrier", "海凭", "--format", "json").output)
    c = {x["code"]: x for x in data["criteria"]}
    assert c["haiping-min-investment"]["binding"] and c["haiping-min-investment"]["status"] == "fail"
    assert data["verdict"] == "fail"


def test_check_bad_input(run):
    result = run("check")
    assert result.exit_code == 2 and "NAME" in result.output
    result = run("check", "--investment", "-5")
    assert result.exit_code == 2 and "--investment -5: must not be negative" in result.output
    result = run("check", "--land-mu", "0", "--investment", "100")
    assert result.exit_code == 2 and "--land-mu" in result.output
    result = run("check", "--industry", "医疗器戒")
    assert result.exit_code == 1 and "did you mean" in result.output
    result = run("check", "不存在的公司")
    assert result.exit_code == 1 and "no enterprise named" in result.output


def test_an_output_of_zero_is_explained_not_reported_missing(run):
    result = run("check", "--output", "0", "--rd", "100")
    assert result.exit_code == 0
    assert "缺 年产值不为0" not in result.stdout
    assert "年产值为 0, 研发投入占比无法计算" in result.stdout
    data = json.loads(run("check", "--output", "0", "--rd", "100", "--format", "json").stdout)
    rd = next(c for c in data["criteria"] if c["metric"] == "rd_share" and c["binding"])
    assert rd["status"] == "unknown" and "--output" in rd["note"]
    assert any("研发投入占比无法计算" in u for u in data["undetermined"])
