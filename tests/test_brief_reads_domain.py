"""The brief reads carriers, vacant units and platforms through the same functions as `promo carriers`,
`promo vacancies` and `promo platforms`, so its figures are the CLI's: on the seed and on a zone of one's own."""

import json

import pytest
from click.testing import CliRunner
from test_own_zone import BUILD

from promo.brief.content import UNITS_PER_CARRIER, gather
from promo.brief.request import Request
from promo.cli import cli
from promo.db import open_catalogue


@pytest.fixture
def own_zone(tmp_path, monkeypatch):
    """A small zone built through the CLI: leased, reserved, fitted-out and held-back units, land, a platform."""
    monkeypatch.setenv("PROMO_TODAY", "2026-11-23")
    path = tmp_path / "own.db"
    runner = CliRunner()

    def invoke(*args):
        result = runner.invoke(cli, ["--db", str(path), *map(str, args)], catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)
        return result

    invoke("init", "--empty", "--zone", "示例高新区")
    for args in BUILD:
        invoke(*args)
    invoke("platforms", "add", "公共检测平台", "--level", "园区级", "--carrier", "创新大厦")
    invoke("platforms", "add", "国家级示例平台", "--level", "国家级")
    invoke.path = path
    return invoke


@pytest.fixture
def seed_zone(db_path, run):
    def invoke(*args):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        return result

    invoke.path = db_path
    return invoke


def _json(invoke, *args):
    return json.loads(invoke(*args, "--format", "json").output)


def _brief(path, **asked) -> dict:
    conn = open_catalogue(path)
    try:
        return gather(conn, Request(date="2026-11-23", **asked))
    finally:
        conn.close()


FIGURES = ("units", "vacant_units", "total_area_m2", "vacant_area_m2", "occupancy")


@pytest.mark.parametrize("zone", ["seed_zone", "own_zone"])
def test_the_zone_briefs_carriers_units_and_platforms_are_the_clis(zone, request):
    invoke = request.getfixturevalue(zone)
    data = _brief(invoke.path)
    cli_carriers = {c["code"]: c for c in _json(invoke, "carriers")}
    carriers = data["carriers"]
    assert carriers["rows"], "the zone has carriers with space"
    for c in carriers["rows"]:
        assert {k: c[k] for k in FIGURES} == {k: cli_carriers[c["code"]][k] for k in FIGURES}
    assert carriers["all_carriers"] == len(cli_carriers)
    assert carriers["all_vacant_units"] == sum(c["vacant_units"] for c in cli_carriers.values())
    assert carriers["all_vacant_area"] == pytest.approx(sum(c["vacant_area_m2"] for c in cli_carriers.values()))
    assert carriers["all_vacant_units"] == len(_json(invoke, "vacancies"))

    for c in carriers["rows"]:
        if c["vacant_units"]:
            listed = _json(invoke, "vacancies", "--carrier", c["code"], "--sort", "-area")
            shown = [u["code"] for u in data["units"]["rows"] if u["carrier_id"] == c["id"]]
            assert shown == [u["unit"] for u in listed[:UNITS_PER_CARRIER]]

    assert [p["name"] for p in data["platforms"]] == [p["name"] for p in _json(invoke, "platforms")]


def test_a_carrier_brief_has_the_carriers_own_figures_and_units(own_zone):
    data = _brief(own_zone.path, carrier="创新大厦")
    cli_row = next(c for c in _json(own_zone, "carriers") if c["name"] == "创新大厦")
    assert {k: data["carrier"][k] for k in FIGURES} == {k: cli_row[k] for k in FIGURES}
    listed = _json(own_zone, "vacancies", "--carrier", "创新大厦")
    assert [u["code"] for u in data["units"]["rows"]] == [u["unit"] for u in listed]
    assert [p["name"] for p in data["platforms"]] == ["公共检测平台"]


def test_the_brief_says_the_occupancy_promo_carriers_says(own_zone):
    # 6,000 ㎡: 1,000 leased and 500 reserved (25%); 500 being fitted out and 500 held back are neither
    cli_row = next(c for c in _json(own_zone, "carriers") if c["name"] == "创新大厦")
    assert cli_row["occupancy"] == 0.25
    brief = own_zone("brief", "--carrier", "创新大厦").output
    assert "出租率 25%" in brief


def test_an_industry_brief_lists_the_carriers_promo_carriers_lists_for_it(seed_zone):
    industry = "高端医疗器械"
    data = _brief(seed_zone.path, industry=industry)
    cli_codes = {c["code"] for c in _json(seed_zone, "carriers", "--industry", industry)}
    shown = {c["code"] for c in data["carriers"]["rows"]}
    assert shown <= cli_codes and data["carriers"]["all_carriers"] == len(cli_codes)
