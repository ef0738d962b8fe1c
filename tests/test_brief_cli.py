"""promo brief through the CLI: focus, language, units, determinism, -o/--force, and bad input."""

import re

import pytest

from promo.text import fold

DATE = "2026-11-23"
CJK = re.compile(
    r"[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)

# Catalogue text that may stay Chinese in an English brief: names (shown beside their English name) and
# values the catalogue has no English for. Coded values (stages, kinds, statuses, countries) are not here:
# an English brief must translate those.
CATALOGUE_TEXT = {
    "zone": ["name", "positioning", "location", "office_name", "office_address"],
    "zone_figures": ["label", "unit"],
    "industries": ["name"],
    "clusters": ["name", "description"],
    "carriers": ["name", "description", "address", "operator", "contact_name"],
    "facilities": ["name"],
    "units": ["code", "building"],
    "platforms": ["name", "description"],
    "policies": ["name", "issuer", "description"],
    "criteria": ["name", "description"],
    "negative_list": ["item", "description"],
    "enterprises": ["name", "code_name", "owner", "contact", "note"],
}


def brief(run, *args):
    result = run("brief", "--date", DATE, *args)
    assert result.exit_code == 0, result.output
    return result.output


def chinese_left_over(conn, text: str) -> list[str]:
    """The Chinese left in `text` once every catalogue value is taken out."""
    from promo.render import md_escape

    values = set()
    for table, columns in CATALOGUE_TEXT.items():
        for column in columns:
            for (value,) in conn.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL"):
                shown = " ".join(str(value).split())
                values |= {shown, md_escape(shown)}
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, " ")
    return sorted({line.strip() for line in text.splitlines() if CJK.search(line)})


def test_zone_brief_in_chinese(run):
    text = brief(run)
    assert text.startswith("# 济南国际医学中心招商推介\n\n资料日期：2026年11月23日 · 公开版\n")
    titles = re.findall(r"^## (.+)$", text, re.M)
    assert titles[:3] == ["一、园区概况", "二、主导产业与产业集群", "三、载体与可租空间"]
    assert titles[-1].endswith("联系我们")
    assert "| 累计开工项目" in text and "|   2025 |" in text  # figures carry their year
    assert "肿瘤防治" in text and "北方眼谷" in text  # clusters


def test_the_date_comes_from_promo_today_or_date(run):
    assert "资料日期：2026年11月23日" in run("brief").output  # PROMO_TODAY of the test fixture
    assert "资料日期：2026年12月1日" in run("brief", "--date", "2026年12月1日").output


def test_the_date_decides_what_is_ready_and_which_policies_are_in_force(run):
    before = brief(run)
    after = run("brief", "--date", "2027-01-01").output
    assert "研发投入补助（示例）" in before and "研发投入补助（示例）" not in after  # ends 2026-12-31
    h4 = re.compile(r"^\| .*H4-101 .*$", re.M)
    assert "2026-12-31" in h4.search(before)[0] and "现房" in h4.search(after)[0]


def test_the_same_catalogue_and_date_give_the_same_bytes(run):
    for args in ([], ["--lang", "en", "--audience", "internal"], ["--carrier", "海凭", "--format", "wechat"]):
        assert brief(run, *args) == brief(run, *args)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--industry", "高端医疗器械"],
        ["--industry", "IVD体外诊断试剂"],
        ["--carrier", "精准医学产业园"],
        ["--carrier", "sample-land-a"],
    ],
)
@pytest.mark.parametrize("audience", ["public", "internal"])
@pytest.mark.parametrize("fmt", ["markdown", "wechat"])
def test_an_english_brief_has_no_chinese_fixed_text(run, conn, args, audience, fmt):
    text = brief(run, *args, "--lang", "en", "--audience", audience, "--format", fmt)
    assert chinese_left_over(conn, text) == []


def test_english_names_keep_their_chinese_form(run):
    text = brief(run, "--lang", "en")
    assert "精准医学产业园 (Precision Medicine Industrial Park)" in text
    assert "树兰(济南)医院 (Shulan (Jinan) Hospital)" in text
    assert "| High-end medical devices " in text  # an industry is a term: English alone


def test_english_units_show_square_feet_monthly_rent_and_usd(run, conn):
    text = brief(run, "--lang", "en")
    row = next(line for line in text.splitlines() if "H4-101" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    # 3,600 m² = 38,750 sq ft; 1.00/m²/day = 30.42/m²/month = 1 × 365 ÷ 7.1 ÷ 10.764 = 4.78 USD/sq ft/yr
    assert cells[1:8] == ["H4-101 ※", "H4 · 1F", "3,600", "38,750", "1.00", "30.42", "4.78"]
    assert "USD at 7.1 CNY per USD" in text
    conn.execute("DELETE FROM settings WHERE key LIKE 'usd_cny_rate%'")
    text = brief(run, "--lang", "en")
    assert "USD" not in text and "30.42" in text


def test_a_bad_exchange_rate_is_refused_with_its_name(run, conn):
    conn.execute("UPDATE settings SET value = 'seven' WHERE key = 'usd_cny_rate'")
    result = run("brief", "--lang", "en")
    assert result.exit_code == 1
    assert "usd_cny_rate 'seven'" in result.output


def test_chinese_area_and_rent_stay_in_square_metres_per_day(run):
    text = brief(run)
    assert "sq ft" not in text and "USD" not in text and "元/㎡·天" in text


def test_an_industry_brief_shows_the_chain_and_its_open_links(run):
    text = brief(run, "--industry", "IVD体外诊断试剂")
    assert "# 济南国际医学中心招商推介：IVD体外诊断试剂" in text
    assert "所属：新一代生物技术 › 精准医学" in text
    assert re.search(r"\| 精准医学 +\| IVD体外诊断试剂 +\| 中游 +\| +1 \| 延链补链", text)
    text = brief(run, "--industry", "医用机器人")
    assert "重点招引" in text and "“重点招引”的环节尚无签约或入驻企业" in text


def test_a_carrier_brief_by_traditional_name(run):
    text = brief(run, "--carrier", "精準醫學產業園")
    assert text.startswith("# 精准医学产业园招商推介")
    assert "## 二、可租房源" in text and "| A2-201 ※" in text
    assert "GMP洁净车间：7 个单元，其中 3 个可租" in text


def test_a_chat_brief_is_numbered_lines_without_tables(run):
    text = brief(run, "--format", "wechat")
    assert text.startswith("【济南国际医学中心招商推介】\n")
    assert "|" not in text and "#" not in text
    assert re.search(
        r"^1\. 海凭国际·济南医疗器械产业园：可租 20,530 ㎡，10 个单元，0\.75–1\.20 元/㎡·天 ※$", text, re.M
    )
    assert "（另有 " in text  # long lists are cut for a phone screen, and say so


def test_big_catalogues_list_the_largest_carriers_and_count_the_rest(run, conn):
    for i in range(20):
        conn.execute(
            "INSERT INTO carriers (code, name, name_folded, kind) VALUES (?, ?, ?, 'building')",
            (f"extra-{i}", f"附加楼宇{i:02d}", fold(f"附加楼宇{i:02d}")),
        )
        carrier = conn.execute("SELECT id FROM carriers WHERE code = ?", (f"extra-{i}",)).fetchone()[0]
        conn.execute(
            "INSERT INTO units (carrier_id, code, area_m2, rent, status) VALUES (?, 'X-1', 100, 2, 'vacant')",
            (carrier,),
        )
    text = brief(run)
    carriers_section = text.split("## 三、载体与可租空间", 1)[1].split("### 部分可租房源", 1)[0]
    assert len(re.findall(r"^\| (?!:|载体)", carriers_section, re.M)) == 12
    assert "另有 18 个载体未列出，可租面积合计 1,500 ㎡。" in carriers_section
    assert "全部载体可租面积合计 41,540 ㎡，共 54 个单元。" in carriers_section


@pytest.mark.parametrize(
    "args, message",
    [
        (["--industry", "高端医疗器材"], "no industry named '高端医疗器材'"),
        (["--carrier", "精准医疗产业园"], "did you mean 精准医学产业园"),
        (["--for", "不存在的企业"], "no enterprise named '不存在的企业'"),
    ],
)
def test_unknown_names_exit_1_with_suggestions(run, args, message):
    result = run("brief", *args)
    assert result.exit_code == 1
    assert message in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--industry", "高端医疗器械", "--carrier", "海凭"], "--carrier 海凭: cannot be combined with --industry"),
        (["--date", "2026-13-01"], "--date"),
        (["--lang", "fr"], "'--lang': fr: use one of zh, en"),
        (["--format", "pdf"], "--format"),
        (["--audience", "everyone"], "--audience"),
    ],
)
def test_bad_values_exit_2_and_name_the_option(run, args, message):
    result = run("brief", *args)
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize(
    "args, option",
    [
        (["--carrier", ""], "'--carrier'"),
        (["--for", ""], "'--for'"),
        (["--industry", ""], "'--industry'"),
        (["--industry", "  "], "'--industry'"),
        (["--carrier", "海凭", "--for", ""], "'--for'"),
        (["-o", ""], "'-o' / '--output'"),
        (["--output="], "'-o' / '--output'"),
        (["--date", ""], "'--date'"),
    ],
)
def test_an_empty_value_is_a_usage_error_naming_its_option(run, args, option):
    """'' must not quietly mean the whole zone, stdout or today."""
    result = run("brief", *args)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for {option}: is empty" in result.output
    assert "招商推介" not in result.output


def test_an_empty_focus_is_refused_by_the_domain_too(conn):
    from promo.brief import Request, make_brief
    from promo.errors import BadValue

    with pytest.raises(BadValue, match="--carrier"):
        make_brief(conn, Request(date=DATE, carrier=" "))


def test_a_bad_date_reads_once(run):
    result = run("brief", "--date", "someday")
    assert result.exit_code == 2
    assert "Error: Invalid value for '--date': someday: not a date; write 2027-06-30" in result.output
    assert result.output.count("--date") == 1


def test_output_file_is_written_whole_and_never_clobbered(run, tmp_path):
    target = tmp_path / "brief.md"
    result = run("brief", "--date", DATE, "-o", target)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr
    assert target.read_text(encoding="utf-8") == brief(run)

    target.write_text("已编辑的内容\n", encoding="utf-8")
    result = run("brief", "-o", target)
    assert result.exit_code == 2
    assert "exists already" in result.output and "--force" in result.output
    assert target.read_text(encoding="utf-8") == "已编辑的内容\n"

    result = run("brief", "--date", DATE, "--lang", "en", "-o", target, "--force")
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Investment Brief")
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".brief.md")]  # no temporary file left


@pytest.mark.parametrize("where", ["missing-folder/brief.md", "/proc/brief.md", "."])
def test_an_unusable_output_path_is_a_clear_error(run, tmp_path, where):
    path = where if where.startswith("/") else str(tmp_path / where)
    result = run("brief", "-o", path)
    # a path that cannot be written as given is a usage error; the system refusing a proper one is exit 1
    assert result.exit_code == (1 if where.startswith("/proc") else 2), result.output
    assert "the brief" in result.output and "Traceback" not in result.output
    assert "Traceback" not in result.output


def test_an_industry_brief_lists_the_criteria_that_bind_its_projects(run):
    device = brief(run, "--industry", "高端医疗器械").split("准入要求", 1)[1].split("## ", 1)[0]
    biotech = brief(run, "--industry", "新一代生物技术").split("准入要求", 1)[1].split("## ", 1)[0]
    assert "医疗器械项目投资强度" in device and "医疗器械项目投资强度" not in biotech
    assert "海凭园区入园投资额" in device and "海凭园区入园投资额" not in biotech  # a carrier of another industry
    assert "生物技术项目研发投入强度" in biotech and "固定资产投资强度" in biotech  # zone-wide ones bind everyone


def test_a_catalogue_without_a_zone_record_is_refused(run, conn):
    conn.execute("DELETE FROM zone")
    result = run("brief")
    assert result.exit_code == 1
    assert "no zone record" in result.output and "Traceback" not in result.output


def test_parts_without_data_are_left_out(run, conn):
    for table in ("unit_facilities", "units", "stage_history", "needs", "activities", "targets"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("UPDATE criteria SET carrier_id = NULL")
    conn.execute("UPDATE platforms SET carrier_id = NULL")
    conn.execute("UPDATE scenarios SET industry_id = NULL")
    for table in ("enterprises", "criteria", "negative_list", "zone_figures"):
        conn.execute(f"DELETE FROM {table}")
    text = brief(run)
    titles = re.findall(r"^## (.+)$", text, re.M)
    assert "入驻企业（部分）" not in text and "准入要求" not in text and "主要指标" not in text
    assert "部分可租房源" not in text
    assert titles[0] == "一、园区概况" and titles[-1].endswith("联系我们")
    carriers = text.split("载体与可租空间", 1)[1].split("## ", 1)[0]
    assert "| 精准医学产业园 " in carriers and "—" in carriers  # carriers are still there, with no space to offer
