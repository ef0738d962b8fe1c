"""Matching: every need is a filter, the ranking explains itself, policies and criteria per carrier."""

import itertools
import json

import pytest

from promo import match
from promo.db import change
from promo.errors import BadValue, NotFound

ON = "2026-11-23"


def family_carriers(conn, code):
    """Carriers tagged with the industry, an ancestor or a descendant of it (as promo vacancies filters)."""
    ids = set()
    node = conn.execute("SELECT id FROM industries WHERE code = ?", (code,)).fetchone()[0]
    up = node
    while up:
        ids.add(up)
        up = conn.execute("SELECT parent_id FROM industries WHERE id = ?", (up,)).fetchone()[0]
    frontier = [node]
    while frontier:
        kids = [
            r[0] for r in conn.execute(f"SELECT id FROM industries WHERE parent_id IN ({','.join(map(str, frontier))})")
        ]
        ids.update(kids)
        frontier = kids
    return {
        r[0]
        for r in conn.execute(
            f"SELECT carrier_id FROM carrier_industries WHERE industry_id IN ({','.join(map(str, ids))})"
        )
    }


@pytest.fixture
def site(tiny):
    """The tiny catalogue with a device park tagged 医学影像 (one tenant on its 核心部件 link) and an office tower.

    Park units: A2-201 820 ㎡ at 1.45 GMP now, A4-201 880 ㎡ at 1.45 GMP ready 2027-06-30, H1-301 1,800 ㎡ at
    0.90, H1-302 2,400 ㎡ at 0.95, A2-301 600 ㎡ at 1.30, A3-301 1,500 ㎡ GMP reserved; tower T-101 200 ㎡ P2 lab.
    """
    tiny.executemany(
        "INSERT INTO carriers (id, code, name, name_folded, kind) VALUES (?, ?, ?, ?, 'park')",
        [(1, "device-park", "器械园", "器械园"), (2, "office-tower", "写字楼", "写字楼")],
    )
    tiny.execute("INSERT INTO carrier_industries (carrier_id, industry_id) VALUES (1, 2)")
    tiny.executemany(
        "INSERT INTO facilities (id, name, name_folded) VALUES (?, ?, ?)",
        [(1, "GMP洁净车间", "gmp洁净车间"), (2, "P2实验室", "p2实验室")],
    )
    units = [
        (1, 1, "A2-201", 820, 1.45, "vacant", None, [1]),
        (2, 1, "A4-201", 880, 1.45, "vacant", "2027-06-30", [1]),
        (3, 1, "H1-301", 1800, 0.90, "vacant", None, []),
        (4, 1, "H1-302", 2400, 0.95, "vacant", None, []),
        (5, 1, "A2-301", 600, 1.30, "vacant", None, []),
        (6, 1, "A3-301", 1500, 1.20, "reserved", None, [1]),
        (7, 2, "T-101", 200, 2.00, "vacant", None, [2]),
    ]
    for uid, carrier, code, area, rent, status, ready, facilities in units:
        tiny.execute(
            """INSERT INTO units (id, carrier_id, code, area_m2, rent, status, ready_date)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (uid, carrier, code, area, rent, status, ready),
        )
        tiny.executemany("INSERT INTO unit_facilities VALUES (?, ?)", [(uid, f) for f in facilities])
    tiny.execute(
        """INSERT INTO enterprises (name, name_folded, kind, industry_id, stage, carrier_id, created_at)
           VALUES ('某部件公司', '某部件公司', 'company', 3, '投产', 1, '2026-01-01')"""
    )
    tiny.execute(
        """INSERT INTO enterprises (name, name_folded, kind, industry_id, stage, investment_wan, jobs, created_at)
           VALUES ('某整机公司', '某整机公司', 'company', 4, '洽谈', 20000, 200, '2026-10-01')"""
    )
    return tiny


NEEDS = [
    {"industry": "高端医疗器械", "min_area": 500, "max_rent": 1.5, "facilities": ["GMP洁净车间"]},
    {"industry": "bt-precision-ivd", "min_area": 300, "max_area": 1000},
    {"min_area": 2000, "min_floor_load": 10, "available_by": "2026-12-31"},
    {"max_rent": 1.0, "facilities": ["重载货梯", "双回路供电"]},
    {"industry": "数字医疗", "max_area": 300},
    {"facilities": ["P2实验室", "纯水系统"], "max_rent": 1.6},
]


@pytest.mark.parametrize("needs", NEEDS, ids=lambda n: ",".join(n))
def test_every_unit_meets_every_need_and_none_is_missed(conn, needs):
    result = match.match(conn, dict(needs, kind="company"), on=ON)
    got = {u["id"] for u in result["units"]}
    oracle = set()
    for u in conn.execute("SELECT * FROM units WHERE status = 'vacant'"):
        facilities = {
            r[0]
            for r in conn.execute(
                "SELECT f.name FROM unit_facilities uf JOIN facilities f ON f.id = uf.facility_id WHERE unit_id = ?",
                (u["id"],),
            )
        }
        ok = (
            (needs.get("min_area") is None or u["area_m2"] >= needs["min_area"])
            and (needs.get("max_area") is None or u["area_m2"] <= needs["max_area"])
            and (needs.get("max_rent") is None or (u["rent"] is not None and u["rent"] <= needs["max_rent"]))
            and (needs.get("min_floor_load") is None or (u["floor_load_kn"] or 0) >= needs["min_floor_load"])
            and (needs.get("available_by") is None or not u["ready_date"] or u["ready_date"] <= needs["available_by"])
            and set(needs.get("facilities", [])) <= facilities
        )
        if ok and needs.get("industry"):
            code = conn.execute(
                "SELECT code FROM industries WHERE code = ? OR name = ?", (needs["industry"], needs["industry"])
            ).fetchone()[0]
            ok = u["carrier_id"] in family_carriers(conn, code)
        if ok:
            oracle.add(u["id"])
    assert got == oracle
    assert result["total"] == len(oracle) == result["funnel"][-1]["remaining"]


def test_ranking_is_by_score_and_the_score_is_its_parts(site):
    result = match.match(site, {"industry": "医疗器械", "min_area": 500, "max_rent": 1.5}, on=ON)
    units = result["units"]
    assert len(units) >= 5
    assert [u["rank"] for u in units] == list(range(1, len(units) + 1))
    for a, b in itertools.pairwise(units):
        assert a["score"] >= b["score"]
    for u in units:
        assert u["score"] == sum(p["points"] for p in u["parts"])  # whole points: the parts shown add up
        assert all(isinstance(p["points"], int) for p in u["parts"])
        assert all(p["text"] in u["why"] for p in u["parts"])


def test_area_fit_rent_and_readiness_decide_between_equal_units(site):
    result = match.match(site, {"min_area": 800, "facilities": ["GMP洁净车间"], "max_rent": 1.5}, on=ON)
    by_unit = {u["unit"]: u for u in result["units"]}
    a2, a4 = by_unit["A2-201"], by_unit["A4-201"]  # 820 ㎡ now vs 880 ㎡ ready 2027-06-30
    area = {p["part"]: p for p in a2["parts"]}["area"]
    assert area["points"] == round(30 * 800 / 820) and "area 2% over the need" in area["text"]
    assert {p["part"]: p for p in a2["parts"]}["ready"]["text"] == "ready now"
    assert "ready in 219 days" in a4["why"]
    assert a2["rank"] < a4["rank"]


def test_same_chain_tenants_count_in_the_carrier(site):
    result = match.match(site, {"industry": "整机", "min_area": 700, "max_rent": 1.5}, on=ON)
    park = [u for u in result["units"] if u["carrier_code"] == "device-park"]
    assert park and all(u["same_chain"] == ["某部件公司"] for u in park)
    assert all("1 on the same chain +7 (某部件公司)" in u["why"] for u in park)


def test_carrier_specific_policies_and_criteria_per_unit(conn):
    needs = {"industry": "高端医疗器械", "min_area": 1000, "investment_wan": 1500, "kind": "company"}
    result = match.match(conn, needs, on=ON)
    for u in result["units"]:
        rent_relief = [p for p in u["policies"] if p["code"] == "sample-rent-relief"]
        in_list = u["carrier_code"] in ("precision-med-park", "haiping-device-park", "health-tech-innovation-park")
        assert bool(rent_relief) == in_list, u["carrier_code"]
        if rent_relief:
            expected = min(0.5 * u["area_m2"] * u["rent"] * 365 / 10000, 100)
            assert rent_relief[0]["estimate_wan"] == pytest.approx(expected, abs=1e-3)  # to the yuan
        if u["carrier_code"] == "haiping-device-park":  # 1,500 万元 < the park's 2,000 万元 minimum
            assert u["criteria_failing"] and "carrier criteria not met" in u["why"]
            assert any(p["points"] == -30 for p in u["parts"])
        else:
            assert not u["criteria_failing"]


def test_policies_and_criteria_for_the_prospect(conn):
    result = match.match(
        conn, {"industry": "整机制造", "min_area": 800, "investment_wan": 20000, "kind": "company"}, on=ON
    )
    codes = {p["code"]: p for p in result["policies"]}
    assert codes["sample-settlement-award"]["verdict"] == "if"  # once it signs
    assert codes["sample-settlement-award"]["estimate_wan"] == pytest.approx(400)
    assert "sample-foreign-invest-award" in {p["code"] for p in result["policies_unknown"]}  # country not given
    statuses = {c["code"]: c["status"] for c in result["criteria"]["criteria"]}
    assert statuses["zone-investment-intensity"] == "n/a"  # it rents space: no land


def test_open_scenarios_on_the_chain(site):
    site.executemany(
        """INSERT INTO scenarios (title, title_folded, owner, industry_id, status, deadline)
           VALUES (?, ?, '某医院', ?, ?, ?)""",
        [
            ("部件联合研发", "部件联合研发", 3, "open", None),  # a sibling link on the chain
            ("影像试点", "影像试点", 2, "open", "2026-12-31"),  # the chain itself, still taking applications
            ("已关闭试点", "已关闭试点", 2, "closed", None),
            ("过期试点", "过期试点", 3, "open", "2026-11-01"),
            ("创新药合作", "创新药合作", 6, "open", None),  # another industry
        ],
    )
    result = match.match(site, {"industry": "整机"}, on=ON)
    assert [s["title"] for s in result["scenarios"]] == ["影像试点", "部件联合研发"]


def test_nothing_matches_says_which_need_emptied_the_list(site):
    result = match.match(site, {"min_area": 1000, "facilities": ["P2实验室"]}, on=ON)
    assert result["units"] == []
    assert [s["remaining"] for s in result["funnel"]][-1] == 0
    assert result["funnel"][1]["remaining"] > 0  # the area alone leaves units; the lab empties it


def test_bad_needs(site):
    with pytest.raises(BadValue, match="--max-area"):
        match.match(site, {"min_area": 800, "max_area": 500})
    with pytest.raises(BadValue, match="--max-rent"):
        match.match(site, {"max_rent": -1})
    with pytest.raises(NotFound) as e:
        match.match(site, {"industry": "医疗器戒"})
    assert e.value.suggestions
    with pytest.raises(NotFound):
        match.match(site, {"facilities": ["核磁屏蔽室"]})


def test_profile_for_uses_saved_needs_over_the_record(site):
    change(site, match.save_needs, "某整机公司", {"investment_wan": 25000, "min_area": 2000, "land_mu": 60})
    p = match.profile_for(site, "某整机公司")
    assert (p["investment_wan"], p["min_area"], p["land_mu"], p["jobs"], p["has_needs"]) == (25000, 2000, 60, 200, True)
    assert p["industry_code"] == "systems" and p["stage"] == "洽谈"


def test_save_needs_merges_and_checks_the_whole(site):
    change(site, match.save_needs, "某整机公司", {"min_area": 800, "facilities": ["gmp洁净车间"]})
    saved = match.needs_of(site, "某整机公司")
    assert saved["min_area"] == 800 and saved["facilities"] == ["GMP洁净车间"]
    journal = site.execute("SELECT count(*) FROM journal").fetchone()[0]
    with pytest.raises(BadValue, match="--max-area 500: is below --min-area 800"):
        change(site, match.save_needs, "某整机公司", {"max_area": 500})
    assert site.execute("SELECT count(*) FROM journal").fetchone()[0] == journal
    assert match.needs_of(site, "某整机公司")["max_area"] is None
    change(site, match.save_needs, "某整机公司", {"max_rent": 1.5}, clear=("facilities",))
    saved = match.needs_of(site, "某整机公司")
    assert (saved["min_area"], saved["max_rent"], saved["facilities"]) == (800, 1.5, [])
    change(site, match.save_needs, "某整机公司", {"land_mu": 20}, reset=True)
    saved = match.needs_of(site, "某整机公司")
    assert (saved["min_area"], saved["max_rent"], saved["land_mu"]) == (None, None, 20)


def test_units_vacant_since_the_last_match_are_new(site):
    change(site, match.save_needs, "某整机公司", {"min_area": 800, "facilities": ["GMP洁净车间"]})
    p = match.profile_for(site, "某整机公司")
    first = match.match(site, p, on=ON)
    assert first["new_units"] == [] and first["last_matched_at"] is None  # never matched: nothing to compare
    journal = site.execute("SELECT count(*) FROM journal").fetchone()[0]
    match.remember(site, p["enterprise_id"])
    assert site.execute("SELECT count(*) FROM journal").fetchone()[0] == journal  # a lookup is not an edit
    site.execute("UPDATE units SET status = 'vacant' WHERE code = 'A3-301'")  # reserved → vacant, GMP, 1,500 ㎡
    again = match.match(site, match.profile_for(site, "某整机公司"), on=ON)
    assert again["new_units"] == ["器械园: A3-301"]
    assert [u["unit"] for u in again["units"] if u["new"]] == ["A3-301"]
    assert again["last_matched_at"] is not None
    remembered = json.loads(site.execute("SELECT vacant_units FROM match_memory").fetchone()[0])
    assert len(remembered) == site.execute("SELECT count(*) FROM units WHERE status = 'vacant'").fetchone()[0] - 1


def test_per_unit_policies_equal_a_full_judgement_in_that_carrier(conn):
    from promo import policies

    needs = {"industry": "高端医疗器械", "min_area": 1000, "investment_wan": 8000, "kind": "company", "stage": "洽谈"}
    result = match.match(conn, needs, on=ON, limit=None)
    seen = set()
    for u in result["units"]:
        if u["carrier_code"] in seen:
            continue
        seen.add(u["carrier_code"])
        full = policies.applicable(conn, dict(needs, carrier=u["carrier_code"]), on=ON)
        assert sorted(p["code"] for p in u["policies"]) == sorted(p["code"] for p in full), u["carrier_code"]
    assert {"zhongneng-equipment-park", "haiping-device-park"} <= seen  # one plain carrier, one named in a policy


def test_a_unit_close_to_the_asked_area_ranks_above_much_larger_ones(site):
    # 820 ㎡ at 1.45 costs 43万元 a year; the 1,800 and 2,400 ㎡ units at 0.90 and 0.95 cost 59 and 83万元
    result = match.match(site, {"industry": "医疗器械", "min_area": 500}, on=ON)
    rank = {u["unit"]: u["rank"] for u in result["units"]}
    larger = [u["unit"] for u in result["units"] if u["area_m2"] >= 1800]
    assert larger and all(rank["A2-201"] < rank[code] for code in larger)
    by_unit = {u["unit"]: {p["part"]: p for p in u["parts"]} for u in result["units"]}
    assert by_unit["A2-201"]["area"]["points"] > by_unit["H1-301"]["area"]["points"] > 0  # excess costs, never all
    assert "yearly rent" in by_unit["A2-201"]["rent"]["text"]


def test_policies_are_judged_in_the_top_ranked_unit(conn):
    needs = {"industry": "高端医疗器械", "min_area": 500, "investment_wan": 3000, "kind": "company"}
    result = match.match(conn, needs, on=ON)
    top = result["units"][0]
    assert result["policies_at"]["unit"] == top["unit"]
    relief = {p["code"]: p for p in result["policies"]}.get("sample-rent-relief")
    if top["carrier_code"] in ("precision-med-park", "haiping-device-park", "health-tech-innovation-park"):
        assert relief is not None and relief["estimate_wan"] is not None and "未知" not in relief["estimate_text"]
        assert all(c["status"] == "yes" for c in relief["checks"] if c["field"] == "carrier")
    nothing = match.match(conn, {"min_area": 99999}, on=ON)
    assert nothing["policies_at"] is None


def brute_force_funnel(conn, needs):
    """The funnel counted unit by unit in Python: vacant units, then each need in match's order added in turn."""
    vacant = [dict(u) for u in conn.execute("SELECT * FROM units WHERE status = 'vacant'")]
    has = {}
    for unit_id, name in conn.execute(
        "SELECT uf.unit_id, f.name FROM unit_facilities uf JOIN facilities f ON f.id = uf.facility_id"
    ):
        has.setdefault(unit_id, set()).add(name)
    tests = []
    if needs.get("industry"):
        code = conn.execute(
            "SELECT code FROM industries WHERE code = ? OR name = ?", (needs["industry"], needs["industry"])
        ).fetchone()[0]
        family = family_carriers(conn, code)
        tests.append(lambda u: u["carrier_id"] in family)
    if needs.get("min_area") is not None:
        tests.append(lambda u: u["area_m2"] >= needs["min_area"])
    if needs.get("max_area") is not None:
        tests.append(lambda u: u["area_m2"] <= needs["max_area"])
    if needs.get("max_rent") is not None:
        tests.append(lambda u: u["rent"] is not None and u["rent"] <= needs["max_rent"])
    if needs.get("min_floor_load") is not None:
        tests.append(lambda u: u["floor_load_kn"] is not None and u["floor_load_kn"] >= needs["min_floor_load"])
    if needs.get("available_by") is not None:
        tests.append(lambda u: not u["ready_date"] or u["ready_date"] <= needs["available_by"])
    for name in needs.get("facilities", []):
        tests.append(lambda u, name=name: name in has.get(u["id"], set()))
    counts, left = [len(vacant)], vacant
    for test in tests:
        left = [u for u in left if test(u)]
        counts.append(len(left))
    return counts


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A small generated catalogue (3,000 units over 60 carriers, 400 enterprises)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate

    from promo.db import open_catalogue

    path = tmp_path_factory.mktemp("funnel") / "catalogue.db"
    generate(path, units=3_000, enterprises=400, carriers=60, seed=11)
    c = open_catalogue(path)
    yield c
    c.close()


GENERATED_NEEDS = [
    {"industry": "高端医疗器械", "min_area": 500, "max_rent": 1.5},
    {"industry": "高端医疗器械", "min_area": 200, "max_area": 2000, "max_rent": 2.0, "available_by": "2027-06-30"},
    {"min_area": 300, "min_floor_load": 5, "facilities": ["GMP洁净车间"]},
    {"max_rent": 1.2, "facilities": ["GMP洁净车间", "P2实验室"]},
    {"min_area": 100},
    {},
]


@pytest.mark.parametrize("needs", NEEDS, ids=lambda n: ",".join(n))
def test_the_funnel_counts_what_a_unit_by_unit_count_gives(conn, needs):
    result = match.match(conn, dict(needs, kind="company"), on=ON)
    assert [s["remaining"] for s in result["funnel"]] == brute_force_funnel(conn, needs)


@pytest.mark.parametrize("needs", GENERATED_NEEDS, ids=lambda n: ",".join(n) or "none")
def test_the_funnel_counts_what_a_unit_by_unit_count_gives_on_a_generated_catalogue(generated, needs):
    result = match.match(generated, dict(needs, kind="company"), on=ON, limit=5)
    counts = brute_force_funnel(generated, needs)
    assert [s["remaining"] for s in result["funnel"]] == counts
    assert result["total"] == counts[-1]
    assert len(counts) == len(needs) + 1 + len(needs.get("facilities", [])) - ("facilities" in needs)
    if len(needs) > 1:  # the catalogue gives every step something to count, and some step something to drop
        assert counts[-1] > 0 and counts[0] > counts[-1]
