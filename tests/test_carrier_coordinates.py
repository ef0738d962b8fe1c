"""carriers add/update --crs: points copied from 高德 (gcj02) or 百度 (bd09) are stored as WGS-84."""

import json

import pytest
from pipeline_helpers import content, query

from promo.geo import from_wgs84

WGS = (36.6521, 116.8412)  # lat, lon


@pytest.mark.parametrize("crs", ["gcj02", "bd09", "GCJ02"])
def test_copied_coordinates_are_stored_as_wgs84(run, db_path, crs):
    lon, lat = from_wgs84(WGS[1], WGS[0], crs.lower())
    result = run("carriers", "add", "西区标准地", "--kind", "land", "--lat", f"{lat:.7f}", "--lon", f"{lon:.7f}",
                 "--crs", crs)  # fmt: skip
    assert result.exit_code == 0, result.output
    [(got_lat, got_lon)] = query(db_path, "SELECT lat, lon FROM carriers WHERE name = '西区标准地'")
    assert abs(got_lat - WGS[0]) < 1e-6 and abs(got_lon - WGS[1]) < 1e-6
    assert run("undo", "--yes").exit_code == 0
    assert query(db_path, "SELECT count(*) FROM carriers WHERE name = '西区标准地'") == [(0,)]


def test_update_converts_and_is_one_journal_entry(run, db_path):
    entries = query(db_path, "SELECT count(*) FROM journal")[0][0]
    before = content(db_path)
    lon, lat = from_wgs84(116.85, 36.66, "gcj02")
    assert run("carriers", "update", "精准医学产业园", "--lat", lat, "--lon", lon, "--crs", "gcj02").exit_code == 0
    [(got_lat, got_lon)] = query(db_path, "SELECT lat, lon FROM carriers WHERE name = '精准医学产业园'")
    assert abs(got_lat - 36.66) < 1e-6 and abs(got_lon - 116.85) < 1e-6
    assert query(db_path, "SELECT count(*) FROM journal")[0][0] == entries + 1
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before


def test_default_is_wgs84_and_doubtful_points_are_warned_about(run, db_path):
    assert run("carriers", "add", "东区标准地", "--kind", "land", "--lat", "36.65", "--lon", "116.84").exit_code == 0
    assert query(db_path, "SELECT lat, lon FROM carriers WHERE name = '东区标准地'") == [(36.65, 116.84)]
    far = run("carriers", "update", "东区标准地", "--lat", "51.5", "--lon", "-0.12")
    assert far.exit_code == 0 and "warning" in far.output and "outside China" in far.output
    swapped = run("carriers", "update", "东区标准地", "--lat", "80", "--lon", "40", "--crs", "gcj02")
    assert swapped.exit_code == 0 and "swapped" in swapped.output


def test_bad_crs_is_refused_and_nothing_changes(run, db_path):
    before = content(db_path)
    for args, words in (
        (["--lat", "36.65", "--lon", "116.84", "--crs", "gaode"], ["--crs", "gaode"]),
        (["--lat", "36.65", "--crs", "bd09"], ["--crs", "bd09", "--lon"]),
        (["--crs", "gcj02"], ["--crs", "gcj02"]),
    ):
        result = run("carriers", "update", "精准医学产业园", *args)
        assert result.exit_code == 2 and all(w in result.output for w in words), result.output
        result = run("carriers", "add", "东区标准地", "--kind", "land", *args)
        assert result.exit_code == 2 and all(w in result.output for w in words), result.output
    assert content(db_path) == before


def test_a_replaced_sample_value_loses_its_mark_and_the_rest_keep_theirs(run, db_path):
    def contact_marked():
        contact = [x for x in run("carriers", "show", "精准医学产业园").output.splitlines() if x.startswith("Contact")]
        return "(sample)" in contact[0]

    def map_marked():
        rows = json.loads(run("map", "--format", "json").output)
        return next(r for r in rows if r["name"] == "精准医学产业园")["sample"]

    assert contact_marked() and map_marked()
    before = content(db_path)
    assert run("carriers", "update", "精准医学产业园", "--lat", "36.66", "--lon", "116.85").exit_code == 0
    assert not map_marked() and contact_marked()  # the contact is still the seed's
    assert run("carriers", "update", "精准医学产业园", "--phone", "0531-12345678").exit_code == 0
    assert not contact_marked()
    assert query(db_path, "SELECT sample FROM carriers WHERE name = '精准医学产业园'") == [(0,)]
    brief = run("brief", "--carrier", "精准医学产业园", "--audience", "internal").output
    assert "0531-12345678" in brief and "0531-12345678 ※" not in brief
    assert run("undo", "--yes").exit_code == 0 and run("undo", "--yes").exit_code == 0
    assert content(db_path) == before
    assert run("carriers", "update", "精准医学产业园", "--status", "运营中").exit_code == 0
    assert contact_marked() and map_marked()  # other fields replace no sample value
