"""Policy eligibility: every field judged yes / no / unknown / if, verdicts combined, amounts estimated."""

import json

import pytest

from promo import policies
from promo.match import profile_for
from promo.vocabulary import STAGES

TODAY = "2026-11-23"


@pytest.fixture
def zh(monkeypatch):
    """The Chinese interface: these tests read the reasons and estimates as officers read them."""
    monkeypatch.setenv("PROMO_LANG", "zh_CN")


@pytest.fixture
def add_policy(tiny):
    """Insert a test policy with one eligibility row on the tiny catalogue; returns its code."""
    counter = iter(range(1, 1000))

    def add(*, start=None, end=None, cap=None, rate=None, basis=None, kind="落户", **rules):
        code = f"test-{next(counter)}"
        pid = tiny.execute(
            """INSERT INTO policies (code, name, name_folded, level, kind, start_date, end_date, cap_wan, rate, sample)
               VALUES (?, ?, ?, 'zone', ?, ?, ?, ?, ?, 1)""",
            (code, code, code, kind, start, end, cap, rate),
        ).lastrowid
        lists = {k: json.dumps(v, ensure_ascii=False) for k, v in rules.items() if k != "min_investment_wan"}
        tiny.execute(
            """INSERT INTO policy_eligibility (policy_id, industries, enterprise_kinds, min_investment_wan, stages,
                 carriers, countries, rate_basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                pid,
                lists.get("industries"),
                lists.get("enterprise_kinds"),
                rules.get("min_investment_wan"),
                lists.get("stages"),
                lists.get("carriers"),
                lists.get("countries"),
                basis,
            ),
        )
        return code

    return add


def verdict(conn, code, profile, on=TODAY):
    found = {r["code"]: r for r in policies.applicable(conn, profile, on=on, include_all=True)}
    return found[code]


@pytest.mark.parametrize(
    "industry, expected",
    [
        ("parts", "yes"),  # a link under the listed chain
        ("imaging", "yes"),  # the listed chain itself
        ("med", "unknown"),  # broader than the policy: may or may not qualify
        ("drugs", "no"),  # another industry
        (None, "unknown"),  # not on record
    ],
)
def test_industry_field(tiny, add_policy, industry, expected):
    code = add_policy(industries=["imaging"])  # the tiny chain 医疗器械 › 医学影像 › 核心部件
    assert verdict(tiny, code, {"industry": industry})["verdict"] == expected


@pytest.mark.parametrize("kind, expected", [("company", "yes"), ("hospital", "no"), (None, "unknown")])
def test_enterprise_kind_field(tiny, add_policy, kind, expected):
    code = add_policy(enterprise_kinds=["company", "institute"])
    assert verdict(tiny, code, {"kind": kind})["verdict"] == expected


@pytest.mark.parametrize("investment, expected", [(5000, "yes"), (4999.99, "no"), (None, "unknown")])
def test_minimum_investment_field_is_inclusive(tiny, add_policy, investment, expected):
    code = add_policy(min_investment_wan=5000)
    r = verdict(tiny, code, {"investment_wan": investment})
    assert r["verdict"] == expected
    if expected == "no":
        assert r["failing"] == ["investment"] and "4,999.99 < 5,000万元" in r["reason"]


@pytest.mark.parametrize(
    "stage, expected",
    [("签约", "yes"), ("落地", "yes"), ("洽谈", "if"), (None, "if"), ("投产", "no"), ("达效", "no")],
)
def test_stage_field(tiny, add_policy, stage, expected):
    code = add_policy(stages=["签约", "注册", "落地"])
    assert verdict(tiny, code, {"stage": stage})["verdict"] == expected


@pytest.mark.parametrize(
    "carrier, stage, expected",
    [
        ("device-park", "落地", "yes"),
        ("office-tower", "落地", "no"),
        (None, "洽谈", "if"),  # not settled yet: applies once it moves into a listed carrier
        (None, "投产", "unknown"),  # operating, but where is not on record
    ],
)
def test_carrier_field(tiny, add_policy, carrier, stage, expected):
    tiny.executemany(
        "INSERT INTO carriers (code, name, name_folded, kind) VALUES (?, ?, ?, 'park')",
        [(c, c, c) for c in ("device-park", "lab-park", "office-tower")],
    )
    code = add_policy(carriers=["device-park", "lab-park"])
    assert verdict(tiny, code, {"carrier": carrier, "stage": stage})["verdict"] == expected


@pytest.mark.parametrize(
    "country, expected",
    [
        ("以色列", "yes"),
        ("中国香港", "yes"),
        ("中国", "no"),
        (None, "unknown"),
        # every way of writing the mainland is 中国, recorded before promo knew countries or not
        ("中国大陆", "no"),
        ("China", "no"),
        ("PRC", "no"),
        ("内地", "no"),
        ("中國", "no"),
        ("香港", "yes"),
        ("Taiwan", "yes"),
        ("澳门", "yes"),
    ],
)
def test_country_field_overseas_means_any_but_mainland(tiny, add_policy, country, expected):
    code = add_policy(countries=["境外"])
    assert verdict(tiny, code, {"country": country})["verdict"] == expected


def test_country_field_names_a_country(tiny, add_policy):
    code = add_policy(countries=["韩国"])
    assert verdict(tiny, code, {"country": "韩国"})["verdict"] == "yes"
    assert verdict(tiny, code, {"country": "以色列"})["verdict"] == "no"


@pytest.mark.parametrize("on, expected", [("2026-06-30", "yes"), ("2027-01-01", "no"), ("2025-12-31", "if")])
def test_policy_dates(tiny, add_policy, on, expected):
    code = add_policy(start="2026-01-01", end="2026-12-31")
    assert verdict(tiny, code, {}, on=on)["verdict"] == expected


def test_one_failing_field_is_enough_and_is_named(tiny, add_policy, zh):
    code = add_policy(industries=["med"], enterprise_kinds=["company"], min_investment_wan=1000)
    r = verdict(tiny, code, {"industry": "imaging", "kind": "hospital", "investment_wan": 5000})
    assert r["verdict"] == "no" and r["failing"] == ["kind"]
    assert "类型 医院" in r["reason"] and "✗" in r["reason"]


def test_unknown_wins_over_if_and_no_wins_over_unknown(tiny, add_policy):
    code = add_policy(stages=["落地"], min_investment_wan=100)
    assert verdict(tiny, code, {"stage": "洽谈"})["verdict"] == "unknown"
    assert verdict(tiny, code, {"stage": "达效"})["verdict"] == "no"


def test_a_plan_never_applies_and_missing_eligibility_is_unknown(tiny, add_policy, zh):
    plan = add_policy(kind="规划")
    found = verdict(tiny, plan, {"stage": "落地"})
    assert found["verdict"] == "no" and "规划" in found["reason"]
    bare = add_policy(stages=["落地"])
    tiny.execute("DELETE FROM policy_eligibility WHERE policy_id = (SELECT id FROM policies WHERE code = ?)", (bare,))
    assert verdict(tiny, bare, {"stage": "落地"})["verdict"] == "unknown"


def test_default_lists_only_what_applies_now_or_later(tiny, add_policy):
    now = add_policy(stages=["洽谈"])
    later = add_policy(stages=["签约"])
    overseas = add_policy(countries=["境外"])
    elsewhere = add_policy(industries=["bio"])
    shown = policies.applicable(tiny, {"industry": "parts", "stage": "洽谈", "country": "中国"}, on=TODAY)
    assert {r["verdict"] for r in shown} <= {"yes", "if"}
    assert {now, later} <= {r["code"] for r in shown}
    assert overseas not in {r["code"] for r in shown} and elsewhere not in {r["code"] for r in shown}


def test_estimate_is_rate_times_investment_capped(tiny, add_policy, zh):
    code = add_policy(stages=["签约", "注册", "落地"], rate=0.02, cap=500, basis="investment")
    profile = {"investment_wan": 20000, "stage": "洽谈"}
    r = verdict(tiny, code, profile)
    assert r["verdict"] == "if" and r["estimate_wan"] == pytest.approx(400)  # 2% × 20,000 < cap 500
    assert "20,000万元 × 2% = 400万元" in r["estimate_text"]
    bigger = dict(profile, investment_wan=30000)
    r = verdict(tiny, code, bigger)
    assert r["estimate_wan"] == pytest.approx(500) and "上限" in r["estimate_text"]  # 600 capped at 500


def test_rent_relief_estimate_uses_the_enterprises_leased_units(tiny, add_policy):
    park = tiny.execute(
        "INSERT INTO carriers (code, name, name_folded, kind) VALUES ('device-park', '器械园', '器械园', 'park')"
    ).lastrowid
    eid = tiny.execute(
        """INSERT INTO enterprises (name, name_folded, kind, industry_id, stage, carrier_id, created_at)
           VALUES ('某诊断公司', '某诊断公司', 'company', 3, '落地', ?, '2026-11-01')""",
        (park,),
    ).lastrowid
    tiny.execute(
        """INSERT INTO units (carrier_id, code, area_m2, rent, status, enterprise_id)
           VALUES (?, 'A-401', 450, 1.4, 'leased', ?)""",
        (park, eid),
    )
    code = add_policy(stages=["落地", "投产"], carriers=["device-park"], rate=0.5, cap=100, basis="annual_rent")
    profile = profile_for(tiny, "某诊断公司")  # 450 ㎡ at 1.40, 落地 in the park
    assert profile["annual_rent_wan"] == pytest.approx(450 * 1.4 * 365 / 10000)
    r = verdict(tiny, code, profile)
    assert r["verdict"] == "yes"
    assert r["estimate_wan"] == pytest.approx(0.5 * 450 * 1.4 * 365 / 10000)


def test_no_estimate_without_the_basis(tiny, add_policy, zh):
    code = add_policy(industries=["bio"], stages=["投产", "达效"], rate=0.1, cap=300, basis="rd_spend")
    r = verdict(tiny, code, {"industry": "drugs", "kind": "company", "stage": "投产"})
    assert r["verdict"] == "yes" and r["estimate_wan"] is None and "未知" in r["estimate_text"]
    r = verdict(tiny, code, {"industry": "drugs", "kind": "company", "stage": "投产", "rd_wan": 800})
    assert r["estimate_wan"] == pytest.approx(80)


def _oracle(conn, policy_code: str, profile: dict) -> bool:
    """Independent of the SQL: does every eligibility field plainly hold for the profile?"""
    row = conn.execute(
        """SELECT p.kind, p.start_date, p.end_date, e.* FROM policies p
           JOIN policy_eligibility e ON e.policy_id = p.id WHERE p.code = ?""",
        (policy_code,),
    ).fetchone()
    if row is None or row["kind"] == "规划":
        return False
    if (row["start_date"] and row["start_date"] > TODAY) or (row["end_date"] and row["end_date"] < TODAY):
        return False
    ancestors, node = set(), profile["industry_code"]
    while node:
        ancestors.add(node)
        node = conn.execute(
            "SELECT p.code FROM industries i LEFT JOIN industries p ON p.id = i.parent_id WHERE i.code = ?", (node,)
        ).fetchone()[0]
    checks = [
        (row["industries"], lambda v: bool(ancestors & set(v))),
        (row["enterprise_kinds"], lambda v: profile["kind"] in v),
        (row["stages"], lambda v: profile["stage"] in v),
        (row["carriers"], lambda v: profile["carrier_code"] in v),
        (
            row["countries"],
            lambda v: profile["country"] in v or ("境外" in v and profile["country"] not in (None, "中国")),
        ),
    ]
    if row["min_investment_wan"] is not None and (profile["investment_wan"] or -1) < row["min_investment_wan"]:
        return False
    return all(ok(json.loads(rules)) for rules, ok in checks if rules and json.loads(rules))


def test_every_policy_that_applies_to_any_enterprise_satisfies_every_field(conn):
    names = [r[0] for r in conn.execute("SELECT name FROM enterprises")]
    codes = [r[0] for r in conn.execute("SELECT code FROM policies")]
    checked = 0
    for name in names:
        profile = profile_for(conn, name)
        applies_now = {r["code"] for r in policies.applicable(conn, profile, on=TODAY) if r["verdict"] == "yes"}
        for code in codes:
            assert (code in applies_now) == _oracle(conn, code, profile), (name, code)
            checked += 1
    assert checked >= 300


def test_stages_are_the_pipeline_stages():
    assert policies.STAGES == STAGES


def test_list_filters(tiny, add_policy):
    settle = add_policy(kind="落户", industries=["imaging"])
    ended = add_policy(kind="研发", start="2025-01-01", end="2026-12-31", industries=["med"])
    running = add_policy(kind="租金", start="2025-01-01", end="2027-12-31", industries=["bio"])
    undated = add_policy(kind="人才")
    tiny.execute("UPDATE policies SET level = 'provincial' WHERE code = ?", (undated,))
    assert {r["kind"] for r in policies.list_policies(tiny, kind="落户")} == {"落户"}
    assert {r["code"] for r in policies.list_policies(tiny, kind="落户")} == {settle}
    assert {r["code"] for r in policies.list_policies(tiny, level="省级")} == {undated}
    active = {r["code"] for r in policies.list_policies(tiny, active_on="2027-06-30")}
    assert ended not in active and running in active  # the first ended 2026-12-31
    assert undated in active  # no dates on record: kept
    device = {r["code"] for r in policies.list_policies(tiny, industry="医学影像")}
    assert {settle, ended, undated} <= device and running not in device  # open to it, or to everyone


def test_seeded_eligibility_is_marked_sample(conn):
    rows = conn.execute("SELECT sample FROM policy_eligibility").fetchall()
    assert len(rows) >= 8 and all(r[0] == 1 for r in rows)


def test_hong_kong_macao_taiwan_are_said_to_count_as_overseas(tiny, add_policy, zh):
    code = add_policy(countries=["境外"])
    found = verdict(tiny, code, {"country": "中国香港"})
    assert "港澳台投资按境外计" in found["reason"]
    assert "港澳台" not in verdict(tiny, code, {"country": "以色列"})["reason"]


def test_an_overseas_investor_reads_as_counting_as_outside_the_mainland(tiny, add_policy, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "en")
    code = add_policy(countries=["境外"])
    why = verdict(tiny, code, {"country": "中国香港"})["reason"]
    assert "中国香港 counts as outside the mainland" in why and "is in outside" not in why
