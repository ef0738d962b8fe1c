import json
import sqlite3

import pytest


def vacancies_json(run, *args):
    result = run("vacancies", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def unit_rows(db_path, ids):
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    marks = ",".join("?" * len(ids))
    return {r["id"]: dict(r) for r in conn.execute(f"SELECT * FROM units WHERE id IN ({marks})", ids)}


def test_lists_only_vacant_units(run, db_path):
    found = vacancies_json(run)
    assert len(found) >= 20
    stored = unit_rows(db_path, [u["id"] for u in found])
    assert {u["status"] for u in stored.values()} == {"vacant"}
    conn = sqlite3.connect(db_path)
    assert len(found) == conn.execute("SELECT count(*) FROM units WHERE status = 'vacant'").fetchone()[0]


def test_json_has_stable_english_keys_and_sample_flag(run):
    found = vacancies_json(run, "--limit", "1")
    assert set(found[0]) == {
        "id",
        "carrier_code",
        "carrier",
        "unit",
        "building",
        "floor",
        "area_m2",
        "rent",
        "floor_load_kn",
        "ceiling_m",
        "facilities",
        "ready_date",
        "kind",
        "plot_ratio",
        "intensity_wan_mu",
        "tax_wan_mu",
        "sample",
    }
    assert found[0]["sample"] is True and found[0]["kind"] == "space"
    assert isinstance(found[0]["facilities"], list)


def test_filters_all_hold(run):
    found = vacancies_json(run, "--min-area", "200", "--max-area", "3,000", "--max-rent", "2.5")
    assert found
    for u in found:
        assert 200 <= u["area_m2"] <= 3000
        assert u["rent"] <= 2.5


def test_facilities_are_all_required(run):
    one = vacancies_json(run, "--facility", "GMP洁净车间")
    both = vacancies_json(run, "--facility", "GMP洁净车间", "--facility", "纯水系统")
    assert one and all("GMP洁净车间" in u["facilities"] for u in one)
    assert all({"GMP洁净车间", "纯水系统"} <= set(u["facilities"]) for u in both)
    assert len(both) <= len(one)


def test_facility_names_fold_traditional_script(run):
    assert vacancies_json(run, "--facility", "GMP潔淨車間") == vacancies_json(run, "--facility", "GMP洁净车间")


def test_available_by_and_sort(run):
    found = vacancies_json(run, "--available-by", "2026年6月30日", "--sort", "-area")
    assert all(u["ready_date"] is None or u["ready_date"] <= "2026-06-30" for u in found)
    areas = [u["area_m2"] for u in found]
    assert areas == sorted(areas, reverse=True)


def test_carrier_filter_accepts_traditional_script(run):
    found = vacancies_json(run, "--carrier", "精準醫學產業園")
    assert found and {u["carrier"] for u in found} == {"精准医学产业园"}


def test_industry_filter_keeps_carriers_of_that_industry(run, conn):
    found = vacancies_json(run, "--industry", "高端医疗器械")
    allowed = {
        r[0]
        for r in conn.execute(
            "SELECT c.code FROM carriers c JOIN carrier_industries ci ON ci.carrier_id = c.id "
            "JOIN industries i ON i.id = ci.industry_id WHERE i.name = '高端医疗器械'"
        )
    }
    assert found and {u["carrier_code"] for u in found} <= allowed


def test_limit(run):
    assert len(vacancies_json(run, "--limit", "3")) == 3


def test_csv_and_markdown(run):
    csv_out = run("vacancies", "--format", "csv", "--limit", "2").stdout.splitlines()
    assert csv_out[0].startswith("id,carrier_code,carrier,unit")
    assert len(csv_out) == 3
    md = run("vacancies", "--format", "markdown", "--limit", "2").stdout
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert len(table) == 4 and len({line.count("|") for line in table}) == 1
    assert "sample data" in md


def test_table_lines_up_with_chinese_text(run):
    from wcwidth import wcswidth

    result = run("vacancies", "--limit", "8")
    out = result.stdout
    assert "\x1b[" not in out  # no colour codes when not on a terminal
    lines = out.splitlines()
    header = next(line for line in lines if "Unit" in line and "Carrier" in line)
    column = wcswidth(header[: header.index("Unit")])
    found = json.loads(run("vacancies", "--limit", "8", "--format", "json").stdout)
    for unit in found:
        line = next(line for line in lines if f" {unit['unit']} " in line and unit["carrier"] in line)
        # the unit column starts at the same screen column on every row, after a Chinese carrier name
        assert wcswidth(line[: line.index(f" {unit['unit']} ") + 1]) == column


@pytest.mark.parametrize(
    "args, option",
    [
        (["--min-area", "-5"], "--min-area"),
        (["--min-area", "abc"], "--min-area"),
        (["--max-rent", "cheap"], "--max-rent"),
        (["--min-area", "500", "--max-area", "100"], "--max-area"),
        (["--available-by", "2026-13-01"], "--available-by"),
        (["--available-by", "soon"], "--available-by"),
        (["--format", "xml"], "--format"),
        (["--sort", "price"], "--sort"),
        (["--limit", "-1"], "--limit"),
        (["--limit", "many"], "--limit"),
    ],
)
def test_bad_values_are_usage_errors_naming_the_option(run, args, option):
    result = run("vacancies", *args)
    assert result.exit_code == 2
    assert option in result.output
    assert "Traceback" not in result.output


def test_unknown_facility_suggests(run):
    result = run("vacancies", "--facility", "GMP车间")
    assert result.exit_code == 1
    assert "GMP洁净车间" in result.output
