"""The README's 'A zone of your own': from promo init --empty, a new user builds a small zone, lists it,
matches a prospect, writes a brief of their own, and undoes every edit back to the empty zone."""

import json

import pytest
from click.testing import CliRunner
from pipeline_helpers import content, query

from promo.cli import cli

# the walkthrough, as the README writes it (each line one journaled write)
BUILD = [
    ["zone", "set", "--office", "示例高新区招商服务中心", "--office-phone", "0531-66668888",
     "--office-email", "invest@sample-zone.cn", "--address", "示例市创新路1号", "--usd-cny-rate", "7.18"],
    ["catalogue", "add", "industry", "生物医药", "--name-en", "Biomedicine"],
    ["catalogue", "add", "chain", "创新药", "--under", "生物医药"],
    ["catalogue", "add", "link", "药物研发外包", "--under", "创新药", "--segment", "上游"],
    ["catalogue", "add", "link", "制剂生产", "--under", "创新药", "--segment", "中游"],
    ["carriers", "add", "创新大厦", "--kind", "楼宇", "--industry", "生物医药", "--address", "示例市创新路8号"],
    ["carriers", "add", "东区标准地", "--kind", "land", "--industry", "生物医药"],
    ["units", "add", "创新大厦", "A-101", "--building", "A", "--floor", "1", "--area", "1200", "--rent", "1.6",
     "--floor-load", "10", "--facility", "GMP洁净车间", "--facility", "纯水系统"],
    ["units", "add", "创新大厦", "A-102", "--building", "A", "--floor", "1", "--area", "800", "--rent", "1.5"],
    *[["units", "add", "创新大厦", f"A-{f}0{n}", "--building", "A", "--floor", str(f), "--area", "500",
       "--rent", "45元/㎡·月"] for f in (2, 3, 4, 5) for n in (1, 2)],
    ["units", "add", "东区标准地", "D-01", "--area", "35亩", "--plot-ratio", "1.5", "--intensity", "300",
     "--tax-per-mu", "30"],
    ["units", "add", "东区标准地", "D-02", "--area", "20亩"],
    ["units", "set-status", "A-201", "已租", "--start", "2025-02-01", "--until", "2027-01-31"],
    ["units", "set-status", "A-202", "已租", "--start", "2026-03-01", "--until", "2029-02-28"],
    ["units", "set-status", "A-301", "装修中", "--until", "2027-03-31"],
    ["units", "set-status", "A-302", "不可租", "--reason", "管委会自用"],
    ["units", "set-status", "A-401", "预留", "--reason", "意向企业洽谈中"],
    ["policies", "add", "创新药落户奖励", "--level", "园区", "--kind", "落户", "--start", "2026-01-01",
     "--end", "2028-12-31", "--rate", "2%", "--rate-basis", "投资", "--cap", "500",
     "--for-industry", "生物医药", "--for-stage", "签约", "--min-investment", "5000"],
    ["criteria", "add", "投资强度", "--metric", "investment_intensity", "--threshold", "300"],
]  # fmt: skip


@pytest.fixture
def ours(tmp_path, monkeypatch):
    monkeypatch.setenv("PROMO_TODAY", "2026-11-23")
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "ours.db"
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, ["--db", str(path), *args], catch_exceptions=False)

    result = invoke("init", "--empty", "--zone", "示例高新区", "--zone-en", "Sample Hi-Tech Zone")
    assert result.exit_code == 0, result.output
    invoke.path = path
    return invoke


def test_an_empty_zone_has_the_vocabularies_and_nothing_of_the_seed_zone(ours):
    for table in ("carriers", "units", "enterprises", "policies", "criteria", "negative_list", "industries",
                  "platforms", "targets", "scenarios", "stage_deadlines", "zone_figures"):  # fmt: skip
        assert query(ours.path, f"SELECT count(*) FROM {table}") == [(0,)], table
    assert query(ours.path, "SELECT count(*) FROM facilities")[0][0] >= 10
    assert query(ours.path, "SELECT name, name_en FROM zone") == [("示例高新区", "Sample Hi-Tech Zone")]
    brief = ours("brief").output
    assert "济南" not in brief and "※" not in brief


def test_a_new_user_builds_a_zone_uses_it_and_undoes_it_all(ours):
    empty = content(ours.path)
    for args in BUILD:
        result = ours(*args)
        assert result.exit_code == 0, (args, result.output)
    assert query(ours.path, "SELECT count(*) FROM units") == [(12,)]
    assert query(ours.path, "SELECT count(*) FROM journal WHERE undone_by IS NULL") == [(len(BUILD),)]

    vacant = json.loads(ours("vacancies", "--format", "json").output)
    assert {r["unit"] for r in vacant} == {"A-101", "A-102", "A-402", "A-501", "A-502", "D-01", "D-02"}
    land = json.loads(ours("vacancies", "--kind", "land", "--min-mu", "30", "--format", "json").output)
    assert [r["unit"] for r in land] == ["D-01"]

    grid = ours("carriers", "show", "创新大厦", "--grid").output
    assert "A-201[L]" in grid and "A-301[F]" in grid and "A-302[H]" in grid and "A-401[R]" in grid
    assert "A-101[V]" in grid and "V vacant 5" in grid

    expiring = json.loads(ours("units", "--expiring", "90", "--format", "json").output)
    assert [(r["unit"], r["days_left"]) for r in expiring] == [("A-201", 69)]

    match = ours("match", "--industry", "创新药", "--min-area", "800", "--facility", "GMP洁净车间",
                 "--investment", "1.2亿", "--land-mu", "30")  # fmt: skip
    assert match.exit_code == 0 and "A-101" in match.output and "创新药落户奖励" in match.output

    brief = ours("brief").output
    assert "0531-66668888" in brief and "invest@sample-zone.cn" in brief
    assert "※" not in brief and "济南" not in brief and "示例数据" not in brief
    assert "创新大厦" in brief and "创新药落户奖励" in brief

    undone = 0
    while ours("undo", "--yes").exit_code == 0:
        undone += 1
    assert undone == len(BUILD)
    assert content(ours.path) == empty


def test_bad_input_leaves_the_zone_unchanged(ours):
    for args in BUILD[:8]:
        ours(*args)
    before = content(ours.path)
    for args, code, words in (
        (["units", "add", "创新大厦", "A-109", "--area", "-5"], 2, ["--area", "-5"]),
        (["units", "add", "创新大厦", "A-109", "--area", "0"], 2, ["--area", "0"]),
        (["units", "add", "创新大厦", "A-109", "--area", "100", "--rent", "便宜"], 2, ["--rent", "便宜"]),
        (["units", "add", "创新大夏", "A-109", "--area", "100"], 1, ["创新大夏", "创新大厦"]),
        (["units", "add", "创新大厦", "a-101", "--area", "100"], 1, ["A-101", "already"]),
        (["units", "add", "创新大厦", "A-109", "--area", "100", "--facility", "GMP车间"], 1,
         ["GMP车间", "GMP洁净车间"]),
        (["units", "add", "创新大厦", "A-109", "--area", "100", "--status", "已租", "--lease-start", "2026-05-01",
          "--lease-end", "2026-01-01"], 2, ["--lease-end", "2026-01-01"]),
        (["carriers", "add", "創新大廈", "--kind", "楼宇"], 1, ["创新大厦", "already"]),
        (["carriers", "add", "新楼", "--kind", "楼宇", "--industry", "医疗器械"], 1, ["医疗器械"]),
        (["carriers", "remove", "创新大厦"], 1, ["A-101"]),
        (["catalogue", "remove", "创新药"], 1, ["药物研发外包"]),
        (["policies", "add", "新政策", "--start", "2026-05-01", "--end", "2026-01-01"], 2, ["--end", "2026-01-01"]),
        (["policies", "add", "新政策", "--for-country", "火星"], 2, ["火星"]),
        (["zone", "set", "--office-email", "not-an-email"], 2, ["--office-email"]),
    ):  # fmt: skip
        result = ours(*args)
        assert result.exit_code == code, (args, result.output)
        assert all(w in result.output for w in words), (args, result.output)
        assert "Traceback" not in result.output
    assert content(ours.path) == before


def test_every_problem_of_a_record_at_once(ours):
    for args in BUILD[:7]:
        ours(*args)
    result = ours("units", "add", "创新大厦", "X-1", "--area", "abc", "--rent", "x", "--floor", "1.5",
                  "--status", "占用")  # fmt: skip
    assert result.exit_code == 2
    for word in ("--area abc", "--rent x", "--floor 1.5", "--status 占用"):
        assert word in result.output


def test_names_match_across_script_and_width(ours):
    for args in BUILD[:8]:
        ours(*args)
    assert ours("units", "add", "創新大廈", "Ａ-109", "--area", "100").exit_code == 0
    assert query(ours.path, "SELECT code FROM units WHERE code LIKE '%109'") == [("A-109",)]
    assert ours("carriers", "update", "创新 大厦", "--status", "运营中").exit_code == 0


def test_the_zone_profile_drops_the_sample_mark_of_what_the_office_replaced(run):
    shown = run("zone").output
    assert "0531-00000000 ※" in shown
    assert run("zone", "set", "--office-phone", "0531-12345678").exit_code == 0
    shown = run("zone").output
    assert "0531-12345678" in shown and "0531-12345678 ※" not in shown
    brief = run("brief").output
    assert "0531-12345678" in brief and "0531-12345678 ※" not in brief
    assert "invest@example.cn ※" in brief  # the e-mail is still the sample one


def test_a_policy_expires_and_leaves_listings_by_its_date(run):
    assert run("policies", "expire", "医学中心项目落户奖励", "--on", "2026-10-31").exit_code == 0
    for args in ([], ["--active-on", "2026-11-23"]):
        assert "医学中心项目落户奖励" not in run("policies", *args, "--format", "json").output
    assert "医学中心项目落户奖励" in run("policies", "--expired", "--format", "json").output
    assert "医学中心项目落户奖励" not in run("brief").output
    assert run("undo", "--yes").exit_code == 0
    assert "医学中心项目落户奖励" in run("policies", "--format", "json").output


def test_writers_take_rows_as_typed_and_compose_in_one_transaction(ours):
    """What an import does: many rows through the same writers, one transaction, one journal entry, one undo."""
    from promo.db import open_catalogue, write
    from promo.edit import carriers, units
    from promo.errors import PromoError

    conn = open_catalogue(ours.path)
    with write(conn, "import units.xlsx"):
        carriers.add_carrier(conn, {"name": "孵化楼", "kind": "孵化器"})
        for n in range(1, 6):
            row = units.add(conn, {"carrier_id": "孵化楼", "code": f"F-{n}", "area_m2": f"{n}00平米", "rent": 1.2})
            assert row["summary"] == f"add unit 孵化楼/F-{n}"
    with pytest.raises(PromoError) as exc, write(conn, "import bad.xlsx"):
        units.add(conn, {"carrier_id": "孵化楼", "code": "F-9", "area_m2": "x"}, names={"area_m2": "面积 (C列)"})
    assert "面积 (C列) x" in exc.value.message
    conn.close()
    assert query(ours.path, "SELECT count(*) FROM units") == [(5,)]
    assert query(ours.path, "SELECT count(*) FROM journal") == [(1,)]
    assert ours("undo", "--yes").exit_code == 0
    assert query(ours.path, "SELECT count(*) FROM units") == [(0,)]
