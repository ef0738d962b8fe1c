"""A brief describes the zone on its --date: nothing dated after it appears as a current fact.

Figures of later years, policies not yet in force and enterprises' progress after the date are left out;
an enterprise counts at the stage its stage history records for that day. A brief dated before today says
at its top that descriptions, carriers, platforms and units are as recorded now.
"""

import re

DATE = "2026-11-23"  # PROMO_TODAY of the test fixture


def brief(run, *args):
    result = run("brief", *args)
    assert result.exit_code == 0, result.output
    return result.output


def section(text: str, title: str) -> str:
    """The body of the Markdown section whose title contains `title` ('' if there is none)."""
    parts = re.split(r"^## ", text, flags=re.M)
    found = [p for p in parts if p.split("\n", 1)[0].find(title) >= 0]
    return found[0] if found else ""


def history(conn, name: str, stage: str, date: str) -> None:
    conn.execute(
        "INSERT INTO stage_history (enterprise_id, stage, date, recorded_at)"
        " SELECT id, ?, ?, '2026-11-01 10:00:00' FROM enterprises WHERE name = ?",
        (stage, date, name),
    )


def test_a_brief_dated_1990_lists_nothing_from_after_1990(run):
    text = brief(run, "--date", "1990-01-01", "--audience", "internal")
    years = {int(y) for y in re.findall(r"\|\s+((?:19|20)\d\d) \|", text)}
    assert not years, f"figures or firms of {sorted(years)} in a brief of 1990"
    assert "主要指标" not in text and "累计开工项目" not in text
    assert "启动建设" not in text  # development began in 2017
    assert section(text, "入驻企业") == section(text, "招商进展") == section(text, "签约前线索") == ""
    policies = section(text, "产业政策")
    assert "医学中心项目落户奖励" not in policies and "支持济南国际医学中心高质量发展政策清单" not in policies
    assert "海右人才政策" in policies  # undated: shown as it is now
    assert "> 本材料按1990年1月1日的情况编制：此后的指标、企业进展和政策未列入" in text


def test_a_brief_of_mid_2024_shows_2024_and_earlier(run):
    text = brief(run, "--date", "2024-06-30")
    figures = section(text, "园区概况")
    assert "| 新开工项目" in figures and "| 2023 |" in figures.replace("   ", " ").replace("  ", " ")
    assert "累计开工项目" not in figures  # a 2025 figure
    tenants = section(text, "入驻企业")
    assert "华银康" in tenants  # moved in 2024-03-04
    assert "沃克海思" not in tenants and "场御医疗" not in tenants  # 2025
    shown = len(re.findall(r"^\| (?!:|企业)", tenants, re.M))
    assert f"共有 {shown} 家企业已落地、投产或达效。" in tenants
    assert "研发投入补助（示例）" not in section(text, "产业政策")  # in force from 2025-01-01


def test_an_enterprise_counts_at_the_stage_it_had_on_the_date(run, conn):
    # 场御医疗 is 投产 since 2025-03-01; its history says it moved in on 2024-02-01
    history(conn, "场御医疗", "落地", "2024-02-01")
    tenants = section(brief(run, "--date", "2024-06-30"), "入驻企业")
    assert re.search(r"\| 场御医疗 +\|.*\| 落地 +\| +2024 \|", tenants), tenants
    tenants = section(brief(run, "--date", DATE), "入驻企业")
    assert re.search(r"\| 场御医疗 +\|.*\| 投产 +\| +2025 \|", tenants), tenants


def test_an_internal_brief_counts_the_pipeline_on_its_date(run, conn):
    # the sample imaging lead is 洽谈 since 2026-10-12; before that it was a 意向 from 2026-05-06
    history(conn, "示例医学影像设备（苏州）有限公司", "意向", "2026-05-06")
    text = brief(run, "--date", "2026-06-30", "--audience", "internal")
    leads = section(text, "签约前线索")
    assert re.search(r"\| 示例医学影像设备（苏州）有限公司 ※ \| 项目D-影像 \| 意向 +\| 2026-05-06 \|", leads), leads
    assert "示例生物制药" not in leads  # a lead only from 2026-11-02
    pipeline = section(text, "招商进展")
    assert "| 洽谈 " not in pipeline
    now = section(brief(run, "--date", DATE, "--audience", "internal"), "招商进展")
    assert re.search(r"\| 洽谈 +\| +1 \|", now)


def test_a_firm_that_went_back_before_signing_is_not_named_publicly(run, conn):
    # 华银康 moved in on 2024-03-04 and has since gone back to 洽谈: a public brief of 2024 must not name it
    conn.execute("UPDATE enterprises SET stage = '洽谈', stage_date = '2026-01-10' WHERE name = '华银康'")
    history(conn, "华银康", "落地", "2024-03-04")
    assert "华银康" not in brief(run, "--date", "2024-06-30")
    assert "华银康" in section(brief(run, "--date", "2024-06-30", "--audience", "internal"), "入驻企业")


def test_a_chain_counts_firms_signed_by_the_date(run):
    late = brief(run, "--industry", "IVD体外诊断试剂", "--date", DATE)
    early = brief(run, "--industry", "IVD体外诊断试剂", "--date", "2020-01-01")
    assert re.search(r"\| IVD体外诊断试剂 +\| 中游 +\| +1 \| 延链补链", late)
    assert re.search(r"\| IVD体外诊断试剂 +\| 中游 +\| +0 \| 重点招引", early)


def test_only_a_brief_dated_before_today_carries_the_note(run):
    assert "情况编制" not in brief(run, "--date", DATE)
    assert "情况编制" not in brief(run, "--date", "2027-01-01")
    en = brief(run, "--date", "2024-06-30", "--lang", "en", "--format", "wechat")
    assert "Prepared as of 30 June 2024: figures, firms' progress and policies dated later are left out" in en


def test_the_help_says_what_a_date_leaves_out(run):
    text = " ".join(run("brief", "--help").output.split())
    assert "figures of later years, policies not yet in force (or expired) and enterprises' progress" in text
    assert "shown as recorded now" in text
