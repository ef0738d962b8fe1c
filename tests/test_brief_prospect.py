"""promo brief --for / --about: a brief tailored to one prospect, built on promo.match, promo.policies,
promo.criteria; --for is a proposal sent to the prospect, --about a brief on it for third parties."""

import re

import pytest
from test_brief_cli import brief, chinese_left_over

LEAD = "示例医学影像设备（苏州）有限公司"


@pytest.fixture
def lead_needs(conn):
    """Saved needs for the sample lead (洽谈, 2亿元 investment, code name 项目D-影像)."""
    lead = conn.execute("SELECT id FROM enterprises WHERE name = ?", (LEAD,)).fetchone()[0]
    conn.execute(
        "INSERT INTO needs (enterprise_id, min_area, max_area, max_rent, facilities) VALUES (?, 1000, 3000, 1.2, ?)",
        (lead, '["双回路供电"]'),
    )
    conn.execute(
        "UPDATE enterprises SET owner = '周负责', contact = '吴联系', phone = '13955556666' WHERE id = ?", (lead,)
    )
    return lead


def test_a_public_brief_about_a_prospect_uses_the_code_name_and_hides_its_amounts(run, lead_needs):
    text = brief(run, "--about", "示例医学影像设备")
    assert text.startswith("# 济南国际医学中心招商方案：项目D-影像\n")
    for hidden in (LEAD, "Sample Medical Imaging", "2 亿元", "20,000", "周负责", "吴联系", "13955556666", "示例线索"):
        assert hidden not in text
    # 2% of its investment would give the investment away: a public brief says how support is computed
    assert "400 万元" not in text and "400（满足条件后）" not in text and "预计支持" not in text
    assert re.search(r"\| +测算方式 \| +支持上限（万元） \|", text)
    assert re.search(r"\| +实际投资额 × 2% \| +500 \|", text)
    assert "- **面积**：1,000–3,000 ㎡" in text
    assert "- **租金**：不超过 1.20 元/㎡·天" in text
    matched = text.split("推荐房源", 1)[1].split("\n## ", 1)[0]
    assert "Z1-102" in matched and "面积 2,600 ㎡，在 1,000–3,000 ㎡ 需求范围内" in matched
    assert "## 三、可享政策" in text or "可享政策" in text


def test_a_proposal_is_addressed_to_its_reader_by_its_own_name(run, lead_needs):
    text = brief(run, "--for", "示例医学影像设备")
    assert text.startswith(f"# 济南国际医学中心招商方案：{LEAD}\n")
    assert f"\n尊敬的{LEAD}：\n" in text
    assert "项目D-影像" not in text and "项目代号" not in text  # the office's code name is not for the reader
    for hidden in ("2 亿元", "20,000", "周负责", "吴联系", "13955556666", "示例线索", "400 万元"):
        assert hidden not in text
    english = brief(run, "--for", "示例医学影像设备", "--lang", "en")
    name_en = "Sample Medical Imaging Equipment (Suzhou) Co., Ltd. (sample)"
    assert english.startswith(
        f"# Investment Proposal: 济南国际医学中心 (Jinan International Medical Center), for {name_en}\n"
    )
    assert f"\nDear {name_en},\n" in english
    assert "项目D-影像" not in english and LEAD not in english


def test_a_brief_is_for_or_about_a_prospect_not_both(run):
    result = run("brief", "--for", "示例医学影像设备", "--about", "示例医学影像设备")
    assert result.exit_code == 2
    assert "--about 示例医学影像设备: cannot be combined with --for" in result.output


def test_an_internal_prospect_brief_shows_who_and_how_much(run, lead_needs):
    text = brief(run, "--for", "示例医学影像设备", "--audience", "internal")
    assert f"# 济南国际医学中心招商方案：{LEAD}" in text
    for shown in ("项目D-影像", "洽谈", "2 亿元", "周负责", "吴联系 13955556666", "示例线索"):
        assert shown in text
    assert re.search(r"\| +400（满足条件后） \| +500 \|", text)
    assert re.search(r"\| +预计支持（万元） \| +支持上限（万元） \|", text)
    assert "可量化的支持合计约 400 万元" in text
    chat = brief(run, "--for", "示例医学影像设备", "--audience", "internal", "--format", "wechat")
    assert "预计 400 万元（满足条件后）" in chat


def test_an_english_prospect_brief(run, conn, lead_needs):
    text = brief(run, "--about", "示例医学影像设备", "--lang", "en")
    assert text.startswith(
        "# Investment Proposal: 济南国际医学中心 (Jinan International Medical Center), for 项目D-影像"
    )
    assert "1,000–3,000 m² (10,764–32,292 sq ft)" in text
    assert "dual-circuit power supply" in text
    assert chinese_left_over(conn, text) == []


def test_a_lead_without_a_code_name_is_not_named_at_all(run, conn, lead_needs):
    conn.execute("UPDATE enterprises SET code_name = NULL WHERE id = ?", (lead_needs,))
    text = brief(run, "--about", "示例医学影像设备")
    assert text.startswith("# 济南国际医学中心招商方案（专属）\n")
    assert LEAD not in text


def test_a_signed_enterprise_is_named_in_public(run):
    text = brief(run, "--for", "树兰(济南)医院")
    assert text.startswith("# 济南国际医学中心招商方案：树兰(济南)医院\n")
    assert "尚未登记具体需求。" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["markdown", "wechat", "html"])
@pytest.mark.parametrize("focus", ["--about", "--for"])
def test_no_public_prospect_brief_leaks_the_lead(run, conn, lead_needs, lang, fmt, focus):
    conn.execute("UPDATE enterprises SET note = '底价 1.0 元，联系 13955556666' WHERE id = ?", (lead_needs,))
    text = brief(run, focus, "示例医学影像设备", "--lang", lang, "--format", fmt, "--no-charts")
    if focus == "--for":  # sent to the lead itself: its own name, never its code name
        assert "项目D-影像" not in text
        text = text.replace(LEAD, "").replace("Sample Medical Imaging Equipment (Suzhou) Co., Ltd. (sample)", "")
    else:
        assert "项目D-影像" in text
    for hidden in (
        LEAD,
        "Sample Medical Imaging",
        "2 亿元",
        "200 million",
        "400 万元",
        "400（满足条件后）",
        "CNY 4 million",
        "4 (once the conditions are met)",
        "20,000",
        "周负责",
        "吴联系",
        "13955556666",
        "底价",
    ):
        assert hidden not in text


def test_a_prospect_on_the_negative_list_is_told_so(run, conn, lead_needs):
    conn.execute("UPDATE needs SET business = '影像设备外壳电镀' WHERE enterprise_id = ?", (lead_needs,))
    text = brief(run, "--for", "示例医学影像设备")
    assert "### 负面清单提示\n\n- **禁止类**：含电镀、酸洗等重污染工序的项目 ※" in text
    assert "项目尚有指标未达到准入要求，请与招商部门沟通。" in text
    english = brief(run, "--for", "示例医学影像设备", "--lang", "en")
    assert "- **Prohibited**: Projects with heavily polluting processes such as electroplating or pickling ※" in english
    assert "影像设备外壳电镀" not in text  # the business description itself is for internal briefs
