import json
import sqlite3

import pytest

from promo import geo


def test_listing_groups_every_carrier_by_area_with_vacancy(run):
    result = run("map", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    conn = sqlite3.connect(":memory:")
    assert len(rows) == 10
    areas = [r["area"] for r in rows]
    assert areas == sorted(areas, key=areas.index)  # each area's carriers together
    haiping = next(r for r in rows if r["code"] == "haiping-device-park")
    assert haiping["area"] == haiping["name"] and haiping["vacant_units"] == 10 and haiping["units"] == 20
    assert 0 < haiping["occupancy"] < 1
    assert next(r for r in rows if r["kind"] == "building")["area"] == "济南国际医学中心"
    precision = next(r for r in rows if r["code"] == "precision-med-park")
    assert "国家人类遗传资源共享服务平台山东创新中心" in precision["platforms"]
    conn.close()


def test_table_has_no_contacts_and_marks_sample_coordinates(run):
    result = run("map")
    assert result.exit_code == 0
    assert "Investment map" in result.stdout and "※" in result.stdout
    assert "0531-" not in result.stdout and "经理" not in result.stdout


def test_geojson_is_an_rfc7946_feature_collection(run, tmp_path):
    out = tmp_path / "map.geojson"
    result = run("map", "--geojson", out)
    assert result.exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    from geojson_pydantic import FeatureCollection  # the RFC 7946 object model, checked field by field

    FeatureCollection.model_validate(doc)
    assert doc["type"] == "FeatureCollection" and doc["coordinate_system"] == "WGS-84"
    assert len(doc["features"]) == 10
    for f in doc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert 116 < lon < 117 and 36 < lat < 37  # lon first (RFC 7946 §3.1.1)
        assert "contact_phone" not in f["properties"] and "contact_name" not in f["properties"]
        assert f["properties"]["coordinates_sample"] is True
    text = out.read_text(encoding="utf-8")
    assert "经理" not in text and "0531-" not in text


def test_geojson_in_gcj02_says_so_and_is_shifted(run, tmp_path, db_path):
    wgs, gcj = tmp_path / "w.geojson", tmp_path / "g.geojson"
    assert run("map", "--geojson", wgs).exit_code == 0
    assert run("map", "--geojson", gcj, "--crs", "gcj02").exit_code == 0
    a, b = json.loads(wgs.read_text()), json.loads(gcj.read_text())
    assert b["coordinate_system"].startswith("GCJ-02")
    (lon, lat), (glon, glat) = a["features"][0]["geometry"]["coordinates"], b["features"][0]["geometry"]["coordinates"]
    assert (round(glon, 6), round(glat, 6)) == tuple(round(v, 6) for v in geo.wgs84_to_gcj02(lon, lat))
    assert 0.001 < abs(glon - lon) < 0.02


def test_carrier_without_coordinates_is_counted_and_left_out_but_listed(run, db_path, tmp_path):
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE carriers SET lat = NULL, lon = NULL WHERE code = 'zhilan-tower'")
    conn.execute("UPDATE carriers SET lat = 48.85, lon = 2.35 WHERE code = 'sample-land-a'")  # Paris
    conn.commit()
    conn.close()
    out = tmp_path / "m.geojson"
    result = run("map", "--geojson", out)
    assert result.exit_code == 0
    assert "1 carriers have no coordinates" in result.stderr
    assert "示例产业用地A地块（示例）" in result.stderr and "outside China" in result.stderr
    assert len(json.loads(out.read_text())["features"]) == 9
    listed = json.loads(run("map", "--format", "json").stdout)
    assert any(r["code"] == "zhilan-tower" and r["lat"] is None for r in listed)


def test_html_page_is_self_contained_and_escapes_names(run, db_path, tmp_path):
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE carriers SET name = '<script>alert(1)</script>园' WHERE code = 'zhilan-tower'")
    conn.commit()
    conn.close()
    out = tmp_path / "map.html"
    result = run("map", "--html", out)
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert page.count("<circle") == 10 and "空置面积占比" in page
    assert 'src="http' not in page and "<link" not in page  # no script or style from elsewhere
    assert "0531-" not in page


def test_html_page_leaves_a_point_outside_china_off_the_map_but_in_the_list(run, db_path, tmp_path):
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE carriers SET lat = 48.85, lon = 2.35 WHERE code = 'zhilan-tower'")
    conn.commit()
    conn.close()
    out = tmp_path / "map.html"
    result = run("map", "--html", out)
    assert result.exit_code == 0 and "质兰大厦" in result.stderr and "left off the page" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count("<circle") == 9 and "质兰大厦" in page and "坐标存疑" in page


def test_existing_file_needs_force_and_a_missing_folder_is_named(run, tmp_path):
    out = tmp_path / "m.geojson"
    out.write_text("keep")
    result = run("map", "--geojson", out)
    assert result.exit_code == 2 and "exists already" in result.output
    assert out.read_text() == "keep"
    assert run("map", "--geojson", out, "--force").exit_code == 0
    result = run("map", "--html", tmp_path / "nope" / "m.html")
    assert result.exit_code == 2 and "does not exist" in result.output


def test_bad_kind_and_crs_are_usage_errors(run):
    result = run("map", "--kind", "castle")
    assert result.exit_code == 2 and "castle" in result.output
    result = run("map", "--crs", "utm", "--geojson", "-")
    assert result.exit_code == 2 and "utm" in result.output


# Reference vectors of the published transform (wandergis/coordtransform README, Tiananmen).
def test_wgs84_to_gcj02_matches_the_reference_vector():
    assert geo.wgs84_to_gcj02(116.404, 39.915) == pytest.approx((116.41024449916938, 39.91640428150164), abs=1e-12)


def test_gcj02_to_bd09_matches_the_reference_vector():
    assert geo.gcj02_to_bd09(116.404, 39.915) == pytest.approx((116.41036949371029, 39.92133699351021), abs=1e-12)


@pytest.mark.parametrize("lon, lat", [(116.8412, 36.6521), (121.4998, 31.2397), (87.6, 43.8), (110.3, 20.0)])
def test_round_trips_stay_under_a_centimetre(lon, lat):
    for crs in ("gcj02", "bd09"):
        back = geo.to_wgs84(*geo.from_wgs84(lon, lat, crs), crs)
        assert geo.distance_km(lon, lat, *back) < 1e-5


def test_outside_china_is_left_alone_and_checks_name_the_problem():
    assert geo.wgs84_to_gcj02(2.35, 48.85) == (2.35, 48.85)
    assert geo.check(116.84, 36.65) is None
    assert "swapped" in geo.check(36.65, 116.84)
    assert geo.check(2.35, 48.85) == "outside China"


def test_a_point_copied_from_gaode_is_stored_as_wgs84():
    glon, glat = geo.wgs84_to_gcj02(116.8412, 36.6521)
    lat, lon, warning = geo.stored_point(glat, glon, "gcj02")
    assert (lat, lon) == pytest.approx((36.6521, 116.8412), abs=1e-7) and warning is None
    assert geo.stored_point(36.6521, 116.8412) == (36.6521, 116.8412, None)


def test_swapped_or_foreign_points_are_warned_or_refused():
    from promo.errors import BadValue

    with pytest.raises(BadValue, match="swapped"):
        geo.stored_point(116.8412, 36.6521)
    assert geo.stored_point(48.85, 2.35)[2] == "outside China"
    with pytest.raises(BadValue, match="--crs"):
        geo.stored_point(36.6, 116.8, "utm")
