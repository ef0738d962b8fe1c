"""Amounts in a brief: one unit per column (万元, or 亿元 when every amount is one or more; CNY million or
billion), the unit in the header, and sums exact (decimal) and rounded once, half up, when shown."""

import re
from decimal import Decimal

import pytest

from promo.brief import numbers as num
from promo.text import MAX_AMOUNT_WAN, fold

DATE = "2026-11-23"


def column(text: str, header: str) -> tuple[str, list[str]]:
    """The full header and the cells of the first Markdown table column whose header starts with `header`."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        found = [j for j, c in enumerate(cells) if c.startswith(header)]
        if line.startswith("|") and found:
            j = found[0]
            body = []
            for row in lines[i + 2 :]:
                if not row.startswith("|"):
                    break
                body.append([c.strip() for c in row.strip().strip("|").split("|")][j])
            return cells[j], body
    raise AssertionError(f"no column {header!r}")


@pytest.fixture
def firms(conn):
    """Tenants investing 1.2 亿元 and 5,000 万元 (as the QA walkthrough saw), and amounts that round on a half."""
    device = conn.execute("SELECT id FROM industries WHERE code = 'med-device'").fetchone()[0]

    def add(name, stage, investment):
        conn.execute(
            "INSERT INTO enterprises (name, name_folded, stage, stage_date, investment_wan, industry_id, created_at)"
            " VALUES (?, ?, ?, '2026-01-05', ?, ?, '2026-01-05 10:00:00')",
            (name, fold(name), stage, investment, device),
        )

    return add


def test_a_column_of_amounts_has_one_unit(run, conn):
    text = run("brief", "--audience", "internal", "--date", DATE).output
    # the seed tenants invest 1.2 亿元, 5,000 万元 and 3,000 万元: all in 万元
    header, cells = column(text, "投资额")
    assert header == "投资额（万元）"
    assert {"12,000", "5,000", "3,000"} <= set(cells)
    assert not any("万" in c or "亿" in c for c in cells)
    header, cells = column(text.split("招商进展（内部）", 1)[1], "计划投资")
    assert header == "计划投资（万元）"
    assert cells[-1] == "40,000"  # 合计: 20,000 + 3,000 + 17,000


def test_english_columns_are_in_cny_million(run):
    text = run("brief", "--audience", "internal", "--lang", "en", "--date", DATE).output
    header, cells = column(text.split("Firms already here", 1)[1], "Investment")
    assert header == "Investment (CNY million)"
    assert {"120", "50", "30"} <= set(cells)
    assert not any("million" in c or "billion" in c for c in cells)


def test_a_column_where_every_amount_is_one_yi_or_more_is_in_yi(run, conn, firms):
    conn.execute("UPDATE enterprises SET investment_wan = NULL")
    firms("甲亿元企业", "落地", 12000)
    firms("乙亿元企业", "投产", 250000)
    text = run("brief", "--audience", "internal", "--date", DATE).output
    header, cells = column(text, "投资额")
    assert header == "投资额（亿元）"
    assert [c for c in cells if c] == ["25", "1.2"]


def test_policy_caps_share_one_unit(run, conn):
    conn.execute("UPDATE policies SET cap_wan = 20000 WHERE code = 'sample-listing-award'")
    text = run("brief", "--date", DATE).output
    header, cells = column(text, "支持上限")
    assert header == "支持上限（万元）"
    assert "20,000" in cells and "500" in cells and not any("亿" in c for c in cells)


def test_sums_are_exact_and_rounded_half_up_once(run, conn, firms):
    # 1.0025 + 1.0025 = 2.005 万元: a float sum printed with two decimals says 2.00; the decimal sum 2.01
    firms("半元企业甲", "签约", 1.0025)
    firms("半元企业乙", "签约", 1.0025)
    # three at the input bound (1 万亿元 each): the total is still exact to the 万元
    for name in ("上限企业甲", "上限企业乙", "上限企业丙"):
        firms(name, "注册", MAX_AMOUNT_WAN)
    text = run("brief", "--audience", "internal", "--date", DATE).output
    pipeline = text.split("招商进展（内部）", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"\| 签约 +\| +6 \| +0 \| +2\.01 \|", pipeline), pipeline
    assert re.search(r"\| 注册 +\| +7 \| +0 \| +300,000,000 \|", pipeline), pipeline
    # 20,000 + 2.005 + 300,000,000 + 3,000 + 17,000 = 300,040,002.005 → 300,040,002.01
    assert re.search(r"\| 合计 +\| +35 \| +5 \| +300,040,002\.01 \|", pipeline), pipeline


def test_a_prospects_estimates_and_total_share_one_unit(run, conn):
    lead = conn.execute("SELECT id FROM enterprises WHERE name LIKE '示例医学影像设备%'").fetchone()[0]
    conn.execute("INSERT INTO needs (enterprise_id, min_area) VALUES (?, 1000)", (lead,))
    text = run("brief", "--for", "示例医学影像设备", "--audience", "internal", "--date", DATE).output
    header, cells = column(text, "预计支持")
    assert header == "预计支持（万元）"
    assert "400（满足条件后）" in cells
    assert "可量化的支持合计约 400 万元（以最终审核为准）。" in text


def test_numbers_helpers():
    assert num.total_wan([0.1, 0.2]) == Decimal("0.3")
    assert num.total_wan([None, None]) is None
    assert num.money_unit([12000, 5000], "zh") == "wan"
    assert num.money_unit([12000, 20000, None], "zh") == "yi"
    assert num.money_unit([12000, 5000], "en") == "million"
    assert num.money_unit([200000, 100000], "en") == "billion"
    assert num.money_in(12000, "wan") == "12,000"
    assert num.money_in(12345, "yi") == "1.23"
    assert num.money_in(2.005, "wan") == "2.01"  # half up, not the float's 2.00
    assert num.money_in(0.3, "million") == "0.003"  # a small amount keeps its digits
    assert num.money_with(500, "wan") == "500 万元"
    assert num.money_with(500, "million") == "CNY 5 million"
    assert num.money_wan(12000, "zh") == "1.2 亿元"
    assert num.money_wan(MAX_AMOUNT_WAN * 3, "zh") == "30,000 亿元"
