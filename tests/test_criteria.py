"""Criteria checks: figures a person can recompute, pass/fail/unknown/n/a, scope, and the negative list.

They run on the tiny catalogue with criteria of their own, so a seed edit does not ripple into them.
"""

import json

import pytest

from promo import criteria
from promo.text import fold

PROJECT = {
    "industry": "整机",
    "investment_wan": 20000,
    "land_mu": 50,
    "output_wan": 30000,
    "tax_wan": 1500,
    "rd_wan": 900,
}

# code, metric, op, threshold, unit, carrier id, industry id (tiny: 1 医疗器械 ⊃ 4 整机; 5 生物医药 ⊃ 6 创新药)
CRITERIA = [
    ("zone-investment-intensity", "investment_intensity", ">=", 300, "万元/亩", None, None),
    ("zone-output-per-mu", "output_per_mu", ">=", 600, "万元/亩", None, None),
    ("zone-tax-per-mu", "tax_per_mu", ">=", 40, "万元/亩", None, None),
    ("zone-rd-share", "rd_share", ">=", 3, "%", None, None),
    ("device-investment-intensity", "investment_intensity", ">=", 400, "万元/亩", None, 1),
    ("biotech-rd-share", "rd_share", ">=", 5, "%", None, 5),
    ("park-min-investment", "investment", ">=", 2000, "万元", 1, None),
    ("incubator-max-investment", "investment", "<=", 3000, "万元", 2, None),
]
NEGATIVE = [
    ("禁止", "化学原料药合成及发酵类原料药生产", ["原料药", "化学合成", "发酵类"]),
    ("限制", "医疗废物集中处置", ["医疗废物", "医废处置"]),
    ("限制", "放射性同位素及射线装置生产", ["放射性", "同位素", "射线装置"]),
]


@pytest.fixture
def conn(tiny):
    """The tiny catalogue with two carriers, the criteria above and a short negative list."""
    carriers = ((1, "park", "示例医疗器械产业园", "park"), (2, "incubator", "示例孵化器", "incubator"))
    for cid, code, name, kind in carriers:
        tiny.execute(
            "INSERT INTO carriers (id, code, name, name_folded, kind) VALUES (?, ?, ?, ?, ?)",
            (cid, code, name, fold(name), kind),
        )
    tiny.executemany(
        "INSERT INTO criteria (code, name, metric, op, threshold, unit, carrier_id, industry_id, sample)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
        [(c[0], c[0], *c[1:]) for c in CRITERIA],
    )
    tiny.executemany(
        "INSERT INTO negative_list (kind, item, keywords, sample) VALUES (?, ?, ?, 1)",
        [(kind, item, json.dumps([fold(k) for k in words], ensure_ascii=False)) for kind, item, words in NEGATIVE],
    )
    return tiny


def by_code(result):
    return {c["code"]: c for c in result["criteria"]}


def test_figures_are_recomputable_from_the_inputs(conn):
    c = by_code(criteria.check(conn, PROJECT))
    intensity = c["zone-investment-intensity"]
    assert intensity["value"] == pytest.approx(20000 / 50)
    assert intensity["value_text"] == "20,000万元 ÷ 50亩 = 400 万元/亩"
    assert intensity["threshold_text"] == "≥ 300 万元/亩" and intensity["status"] == "pass"
    assert c["zone-output-per-mu"]["value"] == pytest.approx(600) and c["zone-output-per-mu"]["status"] == "pass"
    assert c["zone-tax-per-mu"]["value"] == pytest.approx(30) and c["zone-tax-per-mu"]["status"] == "fail"
    assert c["zone-rd-share"]["value_text"] == "900万元 ÷ 30,000万元 × 100% = 3%"
    assert c["device-investment-intensity"]["status"] == "pass"  # 400 ≥ 400: thresholds are inclusive


def test_overall_verdict_fails_on_one_binding_failure(conn):
    result = criteria.check(conn, PROJECT)
    assert result["verdict"] == "fail"
    result = criteria.check(conn, dict(PROJECT, tax_wan=2000))
    assert result["verdict"] == "pass"


def test_a_figure_just_under_its_threshold_shows_enough_digits(conn):
    c = by_code(criteria.check(conn, dict(PROJECT, land_mu=66.67)))
    assert c["zone-investment-intensity"]["status"] == "fail"
    # 20,000 ÷ 66.67 = 299.985…: shown as 299.99, never rounded up onto 300
    assert "299.99" in c["zone-investment-intensity"]["value_text"]
    c = by_code(criteria.check(conn, dict(PROJECT, land_mu=66.6667)))
    text = c["zone-investment-intensity"]["value_text"]
    assert c["zone-investment-intensity"]["status"] == "fail" and "= 300 " not in text and "299.99" in text


def test_missing_figures_are_unknown_and_named(conn):
    result = criteria.check(conn, {"industry": "整机", "investment_wan": 20000})
    c = by_code(result)
    assert c["zone-investment-intensity"]["status"] == "unknown"
    assert "--land-mu" in c["zone-investment-intensity"]["note"]
    assert result["verdict"] == "unknown"
    assert any("--land-mu" in m for m in result["missing"]) and any("--output" in m for m in result["missing"])


def test_per_mu_criteria_do_not_apply_to_a_project_renting_space(conn):
    result = criteria.check(conn, {"industry": "整机", "investment_wan": 20000, "min_area": 800})
    c = by_code(result)
    assert c["zone-investment-intensity"]["status"] == "n/a"
    assert c["zone-tax-per-mu"]["status"] == "n/a"
    assert c["zone-rd-share"]["status"] == "unknown"  # R&D share still applies


def test_industry_criteria_bind_only_their_industry(conn):
    device = by_code(criteria.check(conn, PROJECT))
    assert "device-investment-intensity" in device and "biotech-rd-share" not in device
    bio = by_code(criteria.check(conn, dict(PROJECT, industry="创新药")))
    assert "biotech-rd-share" in bio and "device-investment-intensity" not in bio
    assert bio["biotech-rd-share"]["status"] == "fail"  # 3% < 5%


def test_carrier_criteria_bind_once_the_carrier_is_known(conn):
    loose = by_code(criteria.check(conn, PROJECT))
    assert loose["incubator-max-investment"]["binding"] is False
    assert loose["incubator-max-investment"]["status"] == "fail"  # 20,000 > 3,000, shown but not counted
    there = criteria.check(conn, dict(PROJECT, tax_wan=2000, carrier="示例孵化器"))
    c = by_code(there)
    assert c["incubator-max-investment"]["binding"] is True
    assert there["verdict"] == "fail"
    assert "park-min-investment" not in c  # another carrier's criterion is left out
    assert c["incubator-max-investment"]["threshold_text"] == "≤ 3,000 万元"


def test_negative_list_prohibited_fails_restricted_needs_review(conn):
    ok = dict(PROJECT, tax_wan=2000)
    result = criteria.check(conn, dict(ok, business="医用电子直线加速器, 含射线装置调试"))
    assert result["verdict"] == "review"
    assert [n["item"] for n in result["negative"]] == ["放射性同位素及射线装置生产"]
    assert result["negative"][0]["hits"] == ["射线装置"]
    result = criteria.check(conn, dict(ok, business="化學原料藥合成"))  # traditional script still matches
    assert result["verdict"] == "fail" and result["negative"][0]["kind"] == "禁止"
    assert criteria.check(conn, ok)["negative"] == []


def test_bad_figures_are_refused(conn):
    from promo.errors import BadValue

    with pytest.raises(BadValue, match="--land-mu"):
        criteria.check(conn, dict(PROJECT, land_mu=-5))
    with pytest.raises(BadValue, match="--land-mu"):
        criteria.check(conn, dict(PROJECT, land_mu=0))


def test_criteria_and_negative_list_are_listed_with_their_scope(conn):
    assert all(r["sample"] for r in criteria.list_criteria(conn))
    assert all(r["sample"] for r in criteria.negative_list(conn))
    assert {r["scope"] for r in criteria.list_criteria(conn)} == {"zone", "industry", "carrier"}
