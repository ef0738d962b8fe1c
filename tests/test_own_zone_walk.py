"""What an officer of another zone met on a first walk through promo init --empty: each a fix with its test."""

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from promo.cli import cli


@pytest.fixture
def zone(tmp_path, monkeypatch):
    """A command runner on a fresh empty catalogue for 成都天府生物城 (another path: zone.at(path))."""
    monkeypatch.setenv("PROMO_TODAY", "2026-11-23")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("PROMO_LANG", raising=False)
    runner = CliRunner()

    def at(path):
        def invoke(*args):
            return runner.invoke(cli, ["--db", str(path), *args], catch_exceptions=False)

        return invoke

    invoke = at(tmp_path / "cd.db")
    assert invoke("init", "--empty", "--zone", "成都天府生物城").exit_code == 0
    invoke.at = at
    invoke.tmp = tmp_path
    return invoke


def test_an_empty_listing_says_so_in_chinese(zone):
    for command in (["carriers"], ["policies"]):
        result = zone(*command)
        assert "没有符合条件的记录" in result.output, result.output
        assert "nothing" not in result.output


def test_an_empty_zone_has_only_the_paths_every_project_needs(zone):
    """The schema's 帮办代办 paths for the seed zone's industries (医疗器械注册证 …) named no industry of an empty
    catalogue: they were listed and exported as every project's, and the workbook did not import back."""
    listed = zone("services", "templates").output
    assert "项目备案" in listed and "施工许可" in listed
    assert "医疗器械注册证" not in listed and "辐射安全许可" not in listed
    zone("catalogue", "add", "industry", "生物医药")
    zone("carriers", "add", "科创大厦", "--kind", "楼宇", "--industry", "生物医药")
    zone("enterprises", "add", "成都康诺生物科技有限公司", "--industry", "生物医药", "--stage", "签约")
    zone("services", "apply", "康诺", "--asked", "2026-04-10")
    assert zone("export", "-o", str(zone.tmp / "all.xlsx")).exit_code == 0
    paths = [r[1] for r in load_workbook(zone.tmp / "all.xlsx")["帮办代办路径"].iter_rows(min_row=2, values_only=True)]
    assert paths == ["项目备案", "环评", "能评", "施工许可"]
    other = zone.at(zone.tmp / "new.db")
    assert other("init", "--empty", "--zone", "临时").exit_code == 0
    result = other("import", "all", str(zone.tmp / "all.xlsx"))
    assert result.exit_code == 0, result.output
    assert "成都康诺生物科技有限公司" in other("enterprises").output
    assert other("services", "templates").output == listed


def test_the_answers_to_setting_the_zone_and_adding_a_criterion_name_no_code(zone, monkeypatch):
    said = zone(
        "zone", "set", "--office", "天府生物城投资服务局", "--planned-area", "44", "--usd-cny-rate", "7.2"
    ).output
    assert said.strip() == "已设置 规划面积 km²、招商部门、汇率 (人民币/美元)"
    said = zone("criteria", "add", "研发强度", "--metric", "研发投入占营收比", "--threshold", "5").output
    assert said.strip() == "已新增准入标准 研发强度（年研发投入 ÷ 年产值 × 100% ≥ 5%）"
    said = zone("criteria", "add", "投资强度", "--metric", "investment_intensity", "--threshold", "350").output
    assert said.strip() == "已新增准入标准 投资强度（投资额 ÷ 用地亩数 ≥ 350 万元/亩）"
    monkeypatch.setenv("PROMO_LANG", "en")
    said = zone("criteria", "add", "亩均税收", "--metric", "tax_per_mu", "--threshold", "30").output
    assert said.strip() == "added criterion 亩均税收 (yearly tax ÷ land (mu) ≥ 30 万元/亩)"
    assert zone("zone", "set", "--office-phone", "028-85556666").output.strip() == "set Phone"


def test_a_wrong_map_lists_every_field_of_the_list(zone):
    """The list ran past promo.terminal.MAX_LINE on one line and was cut at 'phone (…'."""
    sheet = zone.tmp / "台账.csv"
    sheet.write_text("企业名称,签约日期\n成都康诺生物科技有限公司,2026年3月5日\n", encoding="utf-8")
    result = zone("import", "enterprises", str(sheet), "--map", "签约日期=xx", "--dry-run")
    assert result.exit_code == 2
    assert "…" not in result.output
    for field in ("name (企业名称)", "phone (联系电话)", "note (备注)", "sample (示例数据)"):
        assert field in result.output


def test_a_unit_of_no_building_is_on_its_floor_without_a_stray_dot(zone):
    zone("carriers", "add", "科创大厦", "--kind", "楼宇")
    zone("units", "add", "科创大厦", "12F-05", "--floor", "12", "--area", "300", "--rent", "2.2")
    zone("units", "add", "科创大厦", "B-101", "--building", "B", "--floor", "1", "--area", "300")
    zone("units", "add", "科创大厦", "B-X", "--building", "B", "--area", "100")
    for command in (["units"], ["vacancies"]):
        shown = {line.split()[1]: line.split()[2] for line in zone(*command).output.splitlines() if "科创大厦" in line}
        assert shown == {"12F-05": "12F", "B-101": "B·1F", "B-X": "B"}, shown


def test_a_unit_ready_now_is_written_as_the_listings_show_it(zone):
    """可交付 shows 现房; --ready 现房 was refused as 'not a date'."""
    zone("carriers", "add", "科创大厦", "--kind", "楼宇")
    zone("units", "add", "科创大厦", "A-1", "--area", "300", "--ready", "2027-06-30")
    result = zone("units", "add", "科创大厦", "A-2", "--area", "300", "--ready", "现房")
    assert result.exit_code == 0, result.output
    assert zone("units", "update", "A-1", "--ready", "现房").exit_code == 0
    listed = zone("vacancies", "--format", "json").output
    assert listed.count('"ready_date": "2026-11-23"') == 2, listed
    refused = zone("units", "update", "A-1", "--ready", "现在吧")
    assert refused.exit_code == 2 and "--ready 现在吧" in refused.output


def test_the_catalogue_names_what_has_no_links_yet(zone):
    """A chain just added, with no link under it, was in no row of promo catalogue: a new user saw nothing."""
    zone("catalogue", "add", "industry", "生物医药")
    zone("catalogue", "add", "chain", "创新药", "--under", "生物医药")
    zone("catalogue", "add", "link", "抗体药物", "--under", "创新药", "--segment", "中游")
    zone("catalogue", "add", "industry", "医疗服务")
    zone("catalogue", "add", "chain", "智慧医疗", "--under", "医疗服务")
    zone("catalogue", "add", "industry", "新材料")
    shown = zone("catalogue").output
    assert "抗体药物" in shown
    assert "新材料 下还没有产业链；添加：promo catalogue add chain 名称 --under 新材料" in shown
    assert "医疗服务 › 智慧医疗 下还没有链环；添加：promo catalogue add link 名称 --under 智慧医疗" in shown
    only = zone("catalogue", "--industry", "医疗服务").output
    assert "没有符合条件的链环" in only and "医疗服务 › 智慧医疗 下还没有链环" in only and "新材料" not in only
    assert "还没有" not in zone("catalogue", "--industry", "生物医药").output
    assert "还没有" not in zone("catalogue", "--gaps").output
