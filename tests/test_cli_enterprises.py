import json

import pytest
from pipeline_helpers import content, enterprise, query

GOOD_USCC = "91370100MA3C5T8N5L"


def listing(run, *args):
    result = run("enterprises", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_add_signed_enterprise_with_its_space(run, db_path):
    result = run(
        "enterprises", "add", "济南新药科技有限公司", "--uscc", GOOD_USCC, "--industry", "精准医学",
        "--investment", "1.2亿", "--jobs", "80", "--source", "以商引商", "--owner", "张伟", "--unit", "A1-402",
        "--code-name", "项目G-新药", "--phone", "0531-8888 6666",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "added 济南新药科技有限公司" in result.stdout and "A1-402" in result.stdout
    e = enterprise(db_path, "济南新药科技有限公司")
    assert e["stage"] == "签约" and e["stage_date"] == "2026-11-23"
    assert e["investment_wan"] == 12000 and e["jobs"] == 80 and e["uscc"] == GOOD_USCC
    assert e["owner"] == "张伟" and e["owner_since"] == "2026-11-23" and e["source_channel"] == "以商引商"
    assert query(db_path, "SELECT status, enterprise_id FROM units WHERE code = 'A1-402'") == [("leased", e["id"])]
    assert query(db_path, "SELECT stage, date FROM stage_history WHERE enterprise_id = ?", (e["id"],)) == [
        ("签约", "2026-11-23")
    ]
    assert e["carrier_id"] == query(db_path, "SELECT id FROM carriers WHERE code = 'precision-med-park'")[0][0]


@pytest.mark.parametrize(
    "typed, wan", [("1,200", 1200), ("1200万", 1200), ("1.2亿", 12000), ("１２００", 1200), ("500000元", 50)]
)
def test_investment_as_users_write_it(run, db_path, typed, wan):
    assert run("enterprises", "add", "金额测试", "--investment", typed).exit_code == 0
    assert enterprise(db_path, "金额测试")["investment_wan"] == wan


@pytest.mark.parametrize("typed", ["2024年3月5日", "2024/3/5", "2024-03-05"])
def test_dates_as_users_write_them(run, db_path, typed):
    assert run("enterprises", "add", "日期测试", "--date", typed).exit_code == 0
    assert enterprise(db_path, "日期测试")["stage_date"] == "2024-03-05"


def test_traditional_script_duplicate_is_refused_naming_the_record(run, db_path):
    before = content(db_path)
    result = run("enterprises", "add", "樹蘭（濟南）醫院")
    assert result.exit_code == 1
    assert "树兰(济南)医院" in result.output and "traditional/simplified script" in result.output
    assert "full/half-width" in result.output
    assert content(db_path) == before


def test_spacing_duplicate_and_credit_code_duplicate_are_refused(run, db_path):
    assert run("enterprises", "add", "济南新药科技有限公司", "--uscc", GOOD_USCC, "--owner", "张伟").exit_code == 0
    before = content(db_path)
    spaced = run("enterprises", "add", "济南 新药科技 有限公司")
    assert spaced.exit_code == 1 and "spaces" in spaced.output
    same_code = run("enterprises", "add", "另一家公司", "--uscc", GOOD_USCC.lower())
    assert same_code.exit_code == 1
    assert "济南新药科技有限公司" in same_code.output and f"the same credit code {GOOD_USCC}" in same_code.output
    assert content(db_path) == before


def test_first_report_claim_is_shown_to_another_owner(run):
    assert run("enterprises", "add", "首报测试", "--owner", "张伟", "--date", "2026-10-01").exit_code == 0
    result = run("enterprises", "add", "首报测试", "--owner", "李娜")
    assert result.exit_code == 1
    assert "首报首谈 (first-report claim): 张伟 holds the claim on 首报测试 since 2026-10-01" in result.output
    assert "李娜 cannot claim it again" in result.output


def test_claim_changes_hands_only_with_transfer(run, db_path):
    run("enterprises", "add", "转交测试", "--owner", "张伟", "--date", "2026-10-01")
    refused = run("enterprises", "update", "转交测试", "--owner", "李娜")
    assert refused.exit_code == 1 and "--transfer" in refused.output
    assert enterprise(db_path, "转交测试")["owner"] == "张伟"
    done = run("enterprises", "update", "转交测试", "--owner", "李娜", "--transfer")
    assert done.exit_code == 0 and "passes from 张伟 to 李娜" in done.output
    e = enterprise(db_path, "转交测试")
    assert (e["owner"], e["owner_since"]) == ("李娜", "2026-11-23")


def test_bad_check_character_refused_then_stored_flagged(run, db_path):
    refused = run("enterprises", "add", "校验测试", "--uscc", "91110000600037341X")
    assert refused.exit_code == 2 and "does not match" in refused.output and "91110000600037341L" not in refused.output
    assert enterprise(db_path, "校验测试") is None
    accepted = run("enterprises", "add", "校验测试", "--uscc", "91110000600037341X", "--accept-bad-check")
    assert accepted.exit_code == 0 and "⚠" in accepted.output
    assert enterprise(db_path, "校验测试")["uscc_bad_check"] == 1
    assert "校验测试 ⚠" in run("enterprises", "--stage", "签约").stdout
    shown = run("enterprises", "show", "校验测试").stdout
    assert "⚠" in shown and "does not match" in shown
    assert listing(run, "--stage", "签约")[0]["uscc_bad_check"] is True


def test_letter_department_code_passes(run, db_path):
    from stdnum.cn import uscc

    body = "N2370100MA3C5T8N5"
    result = run("enterprises", "add", "某村股份经济合作社", "--uscc", body + uscc.calc_check_digit(body))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "args, field",
    [
        (["--investment", "-5"], "--investment"),
        (["--investment", "很多"], "--investment"),
        (["--jobs", "-1"], "--jobs"),
        (["--jobs", "2.5"], "--jobs"),
        (["--date", "2024-02-30"], "--date"),
        (["--date", "2024年13月5日"], "--date"),
        (["--date", "2099-01-01"], "--date"),
        (["--stage", "已落地吗"], "--stage"),
        (["--uscc", "12345"], "--uscc"),
        (["--phone", "call me"], "--phone"),
        (["--kind", "bank"], "--kind"),
    ],
)
def test_bad_values_exit_2_naming_the_field_and_change_nothing(run, db_path, args, field):
    before = content(db_path)
    result = run("enterprises", "add", "坏值测试", *args)
    assert result.exit_code == 2, result.output
    assert field in result.output and args[1] in result.output
    assert "Traceback" not in result.output
    assert content(db_path) == before


@pytest.mark.parametrize(
    "args, words",
    [
        (["--unit", "Z9-999"], ["no unit", "Z9-999"]),
        (["--unit", "A1-101"], ["A1-101", "not vacant", "华银康"]),
        (["--industry", "航空航天"], ["no industry", "航空航天"]),
        (["--carrier", "不存在的园区"], ["no carrier"]),
    ],
)
def test_unknown_or_taken_things_exit_1_and_change_nothing(run, db_path, args, words):
    before = content(db_path)
    result = run("enterprises", "add", "坏值测试", *args)
    assert result.exit_code == 1, result.output
    for w in words:
        assert w in result.output
    assert content(db_path) == before


def test_a_reserved_unit_is_not_vacant(run, db_path):
    code = query(db_path, "SELECT code FROM units WHERE status = 'reserved' LIMIT 1")[0][0]
    result = run("enterprises", "add", "预留测试", "--unit", code)
    assert result.exit_code == 1 and "reserved" in result.output


def test_unit_with_carrier_prefix(run, db_path):
    result = run("enterprises", "add", "前缀测试", "--unit", "精準醫學產業園/a1-402")
    assert result.exit_code == 0, result.output
    assert query(db_path, "SELECT status FROM units WHERE code = 'A1-402'") == [("leased",)]


def test_move_records_history_and_refuses_dates_before_the_previous_stage(run, db_path):
    run("enterprises", "add", "移动测试", "--date", "2026-03-01")
    early = run("enterprises", "move", "移动测试", "注册", "--date", "2026-02-01")
    assert early.exit_code == 1 and "2026-02-01" in early.output and "2026-03-01" in early.output
    assert run("enterprises", "move", "移动测试", "registered", "--date", "2026年4月1日").exit_code == 0
    assert run("enterprises", "move", "移动测试", "落地", "--date", "2026/5/1", "--unit", "A1-402").exit_code == 0
    e = enterprise(db_path, "移动测试")
    assert (e["stage"], e["stage_date"]) == ("落地", "2026-05-01")
    history = query(db_path, "SELECT stage, date FROM stage_history WHERE enterprise_id = ? ORDER BY id", (e["id"],))
    assert history == [("签约", "2026-03-01"), ("注册", "2026-04-01"), ("落地", "2026-05-01")]
    shown = run("enterprises", "show", "移动测试").stdout
    assert "2026-04-01" in shown and "A1-402" in shown


def test_a_step_back_needs_a_reason_and_release_frees_the_unit(run, db_path):
    run("enterprises", "add", "退回测试", "--stage", "落地", "--date", "2026-03-01", "--unit", "A1-402")
    before = content(db_path)
    no_reason = run("enterprises", "move", "退回测试", "签约")
    assert no_reason.exit_code == 2 and "--reason" in no_reason.output
    assert content(db_path) == before
    back = run("enterprises", "move", "退回测试", "签约", "--reason", "选址变更", "--release", "A1-402")
    assert back.exit_code == 0, back.output
    assert query(db_path, "SELECT status, enterprise_id FROM units WHERE code = 'A1-402'") == [("vacant", None)]
    reason = query(db_path, "SELECT reason FROM stage_history ORDER BY id DESC LIMIT 1")
    assert reason == [("选址变更",)]


def test_move_to_the_same_stage_and_unknown_stage(run):
    run("enterprises", "add", "同阶段测试")
    assert run("enterprises", "move", "同阶段测试", "签约").exit_code == 1
    unknown = run("enterprises", "move", "同阶段测试", "上市")
    assert unknown.exit_code == 2 and "STAGE 上市" in unknown.output


def test_update_corrects_fields_and_rename_is_checked(run, db_path):
    run("enterprises", "add", "更新测试", "--note", "旧备注", "--investment", "100")
    result = run("enterprises", "update", "更新测试", "--investment", "2,000", "--note", "", "--jobs", "12")
    assert result.exit_code == 0, result.output
    e = enterprise(db_path, "更新测试")
    assert (e["investment_wan"], e["note"], e["jobs"]) == (2000, None, 12)
    clash = run("enterprises", "update", "更新测试", "--name", "華銀康")
    assert clash.exit_code == 1 and "华银康" in clash.output


def test_update_date_corrects_the_current_stage(run, db_path):
    run("enterprises", "add", "日期更正", "--date", "2026-03-01")
    run("enterprises", "move", "日期更正", "注册", "--date", "2026-04-01")
    assert run("enterprises", "update", "日期更正", "--date", "2026-02-01").exit_code == 1
    assert run("enterprises", "update", "日期更正", "--date", "2026-03-15").exit_code == 0
    e = enterprise(db_path, "日期更正")
    assert e["stage_date"] == "2026-03-15"
    assert query(db_path, "SELECT date FROM stage_history WHERE enterprise_id = ? ORDER BY id", (e["id"],)) == [
        ("2026-03-01",),
        ("2026-03-15",),
    ]


def test_two_enterprises_cannot_hold_one_unit(run, db_path):
    assert run("enterprises", "add", "甲", "--unit", "A1-402").exit_code == 0
    assert run("enterprises", "add", "乙", "--unit", "A1-402").exit_code == 1
    assert run("enterprises", "add", "乙").exit_code == 0
    taken = run("enterprises", "update", "乙", "--unit", "A1-402")
    assert taken.exit_code == 1 and "leased to 甲" in taken.output
    sql = "SELECT e.name FROM units u JOIN enterprises e ON e.id = u.enterprise_id WHERE code = 'A1-402'"
    holder = query(db_path, sql)
    assert holder == [("甲",)]


def test_log_activity_and_its_bad_values(run, db_path):
    result = run("enterprises", "log-activity", "菲士医学", "--kind", "走访", "--note", "看厂房", "--next", "2026-12-5")
    assert result.exit_code == 0, result.output
    rows = query(db_path, "SELECT kind, date, note, next_date FROM activities")
    assert rows == [("visit", "2026-11-23", "看厂房", "2026-12-05")]
    assert run("enterprises", "log-activity", "菲士医学", "--kind", "dinner").exit_code == 2
    late = run(
        "enterprises", "log-activity", "菲士医学", "--kind", "call", "--date", "2026-11-20", "--next", "2026-11-1"
    )
    assert late.exit_code == 2 and "--next" in late.output
    assert run("enterprises", "log-activity", "不存在企业", "--kind", "call").exit_code == 1
    assert "看厂房" in run("enterprises", "show", "菲士医学").stdout


def test_list_filters_all_hold(run, db_path):
    run("enterprises", "add", "过滤甲", "--industry", "高端医疗器械", "--source", "event", "--owner", "张伟",
        "--stage", "落地", "--date", "2026-06-01", "--unit", "H1-201")  # fmt: skip
    run("enterprises", "add", "过滤乙", "--industry", "精准医学", "--owner", "张伟", "--date", "2026-06-01")
    found = listing(
        run, "--stage", "落地+", "--industry", "高端医疗器械", "--source", "以会招商", "--owner", "张伟",
        "--since", "2026年1月1日", "--carrier", "海凭",
    )  # fmt: skip
    assert [e["name"] for e in found] == ["过滤甲"]
    assert found[0]["units"] == ["H1-201"] and found[0]["stage_en"] == "landed"
    assert {e["name"] for e in listing(run, "--owner", "张伟")} == {"过滤甲", "过滤乙"}
    assert all(e["stage"] in ("签约", "注册") for e in listing(run, "--stage", "签约,注册"))


def test_list_json_keys_and_stage_order(run):
    found = listing(run)
    assert len(found) >= 30
    stages = [e["stage"] for e in found]
    order = ["意向", "洽谈", "签约", "注册", "落地", "投产", "达效"]
    assert stages == sorted(stages, key=order.index)
    assert {"id", "name", "uscc", "uscc_bad_check", "stage", "stage_en", "owner", "investment_wan"} <= set(found[0])


def test_public_listing_hides_real_names_of_leads(run):
    found = listing(run, "--public", "--stage", "意向")
    names = {e["name"] for e in found}
    assert "项目A-器械" in names and "菲士医学" not in names
    assert all("owner" not in e and "uscc" not in e for e in found)
    assert all(e["investment_wan"] is None for e in found)


def test_show_by_code_name_and_in_json(run):
    result = run("enterprises", "show", "项目A-器械", "--format", "json")
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert d["name"] == "菲士医学" and d["history"][0]["stage"] == "意向"


def test_show_unknown_suggests(run):
    result = run("enterprises", "show", "华银")
    assert result.exit_code in (0, 1)
    missing = run("enterprises", "show", "华银康医疗科技")
    assert missing.exit_code == 1 and "did you mean" in missing.output


def test_remove_needs_the_full_name_and_frees_units(run, db_path):
    run("enterprises", "add", "删除测试有限公司", "--unit", "A1-402")
    partial = run("enterprises", "remove", "删除测试")
    assert partial.exit_code == 1 and enterprise(db_path, "删除测试有限公司") is not None
    assert run("enterprises", "remove", "删除测试有限公司", "--yes").exit_code == 0
    assert enterprise(db_path, "删除测试有限公司") is None
    assert query(db_path, "SELECT status FROM units WHERE code = 'A1-402'") == [("vacant",)]


def test_similar_name_warns_but_adds(run, db_path):
    result = run("enterprises", "add", "树兰医院")
    assert result.exit_code == 0
    assert "树兰(济南)医院" in result.output and "similar" in result.output


def test_show_as_markdown_is_escaped(run):
    run("enterprises", "add", "星号*公司|测试", "--note", "<b>备注</b>")
    result = run("enterprises", "show", "星号*公司|测试", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "## 星号\\*公司\\|测试" in result.stdout
    assert "- **Note**: \\<b\\>备注\\</b\\>" in result.stdout
    assert "### Stage history" in result.stdout


@pytest.mark.parametrize("name", ["", "   ", "两行\n名称"])
def test_empty_or_multiline_names_are_refused(run, db_path, name):
    before = content(db_path)
    result = run("enterprises", "add", name)
    assert result.exit_code == 2 and "NAME" in result.output
    assert content(db_path) == before


def test_public_show_hides_the_real_name_and_private_fields(run):
    result = run("enterprises", "show", "菲士医学", "--public")
    assert result.exit_code == 0
    assert "项目A-器械" in result.stdout
    assert "菲士医学" not in result.stdout and "CMEF" not in result.stdout


@pytest.mark.parametrize("query", ["omron", "OMRON (Shanghai)", "Omron(shanghai)", "项目B", "项目b-器械"])
def test_show_by_english_name_or_code_name_whole_or_part(run, query):
    result = run("enterprises", "show", query, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["name"] == "欧姆龙(上海)"


def test_english_names_do_not_change_chinese_lookups(run):
    assert json.loads(run("enterprises", "show", "树兰", "--format", "json").stdout)["name"] == "树兰(济南)医院"
    many = run("enterprises", "show", "medical")
    assert many.exit_code == 1 and "matches" in many.output and "(Feishi Medical)" in many.output
    assert run("enterprises", "move", "omron", "洽谈").exit_code == 0
    assert json.loads(run("enterprises", "show", "欧姆龙", "--format", "json").stdout)["stage"] == "洽谈"
    assert "欧姆龙(上海)" in run("match", "--for", "omron", "--limit", "1").stdout


def test_day_counts_have_thousands_separators(run):
    # 阿瑞尼塔 has been at 落地 since 2024-01-01: 1,057 days on 2026-11-23, under a rule in force since before
    assert run("overdue", "deadlines", "落地", "365", "--since", "2020-01-01").exit_code == 0
    assert "1,057 days (deadline 365 days, 692 days over)" in run("enterprises", "show", "阿瑞尼塔").stdout
    found = json.loads(run("overdue", "--kind", "stage", "--format", "json").stdout)
    assert "in 落地 for 1,057 days; deadline 365" in [r["detail"] for r in found]
