"""Prospect matching: "this prospect needs X; what can we offer, does it qualify, and what support does it get?"

Every need the prospect states is a hard filter on vacant units (the same filters as `promo vacancies`);
the units that pass are ranked by a score whose parts are spelled out (area fit, rent, readiness, tenants of
the same chain in the carrier, carrier-specific policies, carrier-specific criteria), so an officer can see
why a unit ranks where it does. Policies and the criteria verdict come from promo.policies and
promo.criteria, judged as if the prospect settled in each unit's carrier.
"""

from __future__ import annotations

import json
import sqlite3

from promo import criteria as criteria_mod
from promo import policies as policies_mod
from promo.db import rows
from promo.errors import BadValue
from promo.i18n import N_, _
from promo.industries import chain_of, down

# saved needs and the profile moved to promo.needs; callers still reach them here
from promo.needs import NEED_FIELDS, enterprise_row, needs_of, profile_for, remember, save_needs  # noqa: F401
from promo.policy_estimate import RATE_BASES
from promo.profile import fmt_num, fmt_wan, normalise
from promo.text import today
from promo.vocabulary import PRESENT, sql_in

# Parts of the score, and the most each can add.
WEIGHTS = {"area": 30, "rent": 25, "ready": 15, "cluster": 20, "policy": 10}
CRITERIA_PENALTY = 30

_IN_PRESENT = sql_in(PRESENT)


def _funnel(conn: sqlite3.Connection, p: dict) -> list[dict]:
    """How many vacant units remain after each need in turn: shows which need empties the list."""
    from promo.resources import VacancyFilter

    steps = [(_("vacant units"), {})]
    if p["industry_id"] is not None:
        steps.append((f"--industry {p['industry']}", {"industry": p["industry_code"]}))
    if p["min_area"] is not None:
        steps.append((f"--min-area {fmt_num(p['min_area'])}", {"min_area": p["min_area"]}))
    if p["max_area"] is not None:
        steps.append((f"--max-area {fmt_num(p['max_area'])}", {"max_area": p["max_area"]}))
    if p["max_rent"] is not None:
        steps.append((f"--max-rent {fmt_num(p['max_rent'])}", {"max_rent": p["max_rent"]}))
    if p["min_floor_load"] is not None:
        steps.append((f"--min-floor-load {fmt_num(p['min_floor_load'])}", {"min_floor_load": p["min_floor_load"]}))
    if p["available_by"]:
        steps.append((f"--available-by {p['available_by']}", {"available_by": p["available_by"]}))
    for name in p["facilities"]:
        steps.append((f"--facility {name}", {"facilities": [name]}))
    from promo import match_sql

    out, acc = [], {"facilities": []}
    for label, extra in steps:
        for k, v in extra.items():
            acc[k] = acc[k] + v if k == "facilities" else v
        out.append((label, VacancyFilter(**dict(acc, facilities=list(acc["facilities"])))))
    return match_sql.funnel(conn, out)


def _same_chain(
    conn: sqlite3.Connection, p: dict, carrier_ids: list[int], *, names: bool = True
) -> dict[int, list[str]] | dict[int, int]:
    """Per carrier id, the enterprises of the prospect's chain present there (落地 or later): their names,
    or without `names` how many (at most 3, all the score counts), from indexes alone."""
    if p["industry_id"] is None or not carrier_ids:
        return {}
    # a link's neighbours are the other links of its chain; a chain or industry stands for itself
    root = chain_of(conn, p["industry_id"], p["industry_level"])
    # two indexed joins (the enterprise's own carrier, the carriers of the units it holds), not one OR-join:
    # with 100,000 enterprises the OR forces a scan per carrier. Counted for many carriers, the units come
    # from the present enterprises' side (`+carrier_id` keeps SQLite from seeking every (enterprise,
    # carrier) pair in units_enterprise); named for the few carriers shown, from those carriers' side.
    held = "SELECT carrier_id, enterprise_id FROM units WHERE " + (
        "enterprise_id IN (SELECT id FROM present) AND +carrier_id IN wanted"
        if not names
        else "carrier_id IN wanted AND +enterprise_id IN (SELECT id FROM present)"
    )
    pairs = f"""
    WITH RECURSIVE {down(":root")},
    present AS (
      SELECT id, carrier_id FROM enterprises
      WHERE industry_id IN (SELECT id FROM down) AND stage IN {_IN_PRESENT} AND id IS NOT :me),
    wanted AS (SELECT value AS cid FROM json_each(:ids)),
    pairs AS (
      SELECT carrier_id AS cid, id AS eid FROM present WHERE carrier_id IN wanted
      {"UNION ALL" if not names else "UNION"}
      {held})"""
    params = {"root": root, "me": p["enterprise_id"], "ids": json.dumps(carrier_ids)}
    if not names:
        sql = f"{pairs} SELECT cid, min(count(DISTINCT eid), 3) FROM pairs GROUP BY cid"
        return dict(conn.execute(sql, params).fetchall())
    sql = f"""{pairs}
    SELECT cid, json_group_array(name) AS names FROM (
      SELECT pairs.cid, e.name FROM pairs JOIN enterprises e ON e.id = pairs.eid ORDER BY pairs.cid, e.name)
    GROUP BY cid"""
    return {r["cid"]: json.loads(r["names"]) for r in rows(conn, sql, params)}


def _days(a: str, b: str) -> int:
    import datetime as dt

    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


def match(conn: sqlite3.Connection, needs: dict, *, on: str | None = None, limit: int | None = None) -> dict:
    """Rank the vacant units that meet every need, with why, policies and the criteria verdict.

    `needs` is a profile dict (see promo.profile; profile_for gives one for an enterprise). Returns
    {profile, on, funnel, total, units, policies, policies_unknown, policies_at, criteria, scenarios,
    new_units, last_matched_at, cheapest_rent, cheapest_annual_rent_wan, score_formula}; each unit has
    rank, score, why, parts, new, annual_rent_wan, policies, criteria_verdict. `policies` are judged as if
    the prospect settled in the top-ranked unit (`policies_at`), or in no carrier when no unit matches.
    """
    from promo import match_sql
    from promo.resources import VacancyFilter
    from promo.scenarios import for_industry

    p = normalise(conn, needs)
    on = on or today()
    if limit is not None and limit < 1:
        raise BadValue("--limit", limit, _("must be at least 1"))

    filt = VacancyFilter(
        min_area=p["min_area"],
        max_area=p["max_area"],
        max_rent=p["max_rent"],
        industry=p["industry_code"],
        facilities=p["facilities"],
        available_by=p["available_by"],
        min_floor_load=p["min_floor_load"],
    )
    low = match_sql.cheapest(conn, filt)
    renting = p["land_mu"] is None
    # as if the prospect settled here: not in any carrier yet, no rent yet
    hyp = dict(p, carrier_id=None, carrier=None, carrier_code=None, annual_rent_wan=None, leased_area_m2=None)
    general_all = policies_mod.applicable(conn, hyp, on=on, include_all=True)
    general = [r for r in general_all if r["verdict"] in ("yes", "if")]
    unknown = [r for r in general_all if r["verdict"] == "unknown"]
    general_check = criteria_mod.check(conn, hyp, renting=renting)

    code_of = dict(
        conn.execute(
            "SELECT id, code FROM carriers WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(low["carrier_ids"]),),
        )
    )
    carrier_codes = [code_of[i] for i in low["carrier_ids"]]
    neighbours = _same_chain(conn, p, low["carrier_ids"], names=False)
    # Only a carrier named in some policy's eligibility or in some criterion changes the verdicts; every
    # other carrier gets the general answer minus the carrier-bound policies (judging each of thousands
    # of carriers separately would take seconds on a large catalogue).
    special = {
        r[0]
        for r in conn.execute(
            """SELECT j.value FROM policy_eligibility e, json_each(e.carriers) j
               UNION SELECT c.code FROM criteria k JOIN carriers c ON c.id = k.carrier_id"""
        )
    }
    plain = (
        [r for r in general if not (r["eligibility"] and r["eligibility"]["carriers"])],
        dict(general_check, criteria=[c for c in general_check["criteria"] if c["scope"] != "carrier"]),
        [],
    )
    per_carrier = {}
    for code in carrier_codes:
        if code not in special:
            per_carrier[code] = plain
            continue
        here = dict(hyp, carrier=code)
        pols = policies_mod.applicable(conn, here, on=on)
        checked = criteria_mod.check(conn, here, renting=renting)
        local_fail = [
            c for c in checked["criteria"] if c["binding"] and c["scope"] == "carrier" and c["status"] == "fail"
        ]
        per_carrier[code] = (pols, checked, local_fail)

    # each carrier's points (same chain, its own policies, its criteria) are the same for all its units
    bonus = {}
    for carrier_id, code in code_of.items():
        pols, checked, local_fail = per_carrier[code]
        points = -CRITERIA_PENALTY if local_fail else 0
        if any(_carrier_specific(pol) for pol in pols):
            points += WEIGHTS["policy"]
        if p["industry_id"] is not None:
            points += round(WEIGHTS["cluster"] * neighbours.get(carrier_id, 0) / 3)
        bonus[carrier_id] = points
    cheapest = {"rent": low["rent"], "annual": low["annual"], "annual_raw": low["annual_raw"]}
    last = set(p["last_match_units"]) if p["last_match_units"] is not None else None
    ids = match_sql.ranked_ids(conn, filt, p, low, bonus, on, limit=limit)
    found = _units_by_id(conn, ids)
    chain = _same_chain(conn, p, sorted({u["carrier_id"] for u in found}))  # named only where units are shown
    for u in found:
        u["annual_rent_wan"] = round(u["area_m2"] * u["rent"] * 365 / 10000, 4) if u["rent"] is not None else None
    units = []
    for u in found:
        pols, checked, local_fail = per_carrier[u["carrier_code"]]
        at_unit = dict(hyp, annual_rent_wan=u["annual_rent_wan"])
        u["policies"] = []
        for pol in pols:
            amount, text = policies_mod.estimate(pol, at_unit)
            local = _carrier_specific(pol)
            u["policies"].append(
                {
                    "code": pol["code"],
                    "name": pol["name"],
                    "kind": pol["kind"],
                    "verdict": pol["verdict"],
                    "carrier_specific": local,
                    "estimate_wan": amount,
                    "estimate_text": text,
                    "period": RATE_BASES.get(pol.get("rate_basis") or "", ("", "", ""))[2],  # '/年' or '', as stored
                    "sample": pol["sample"],
                }
            )
        u["criteria_verdict"] = checked["verdict"]
        u["criteria_failing"] = [f"{c['name']} {c['value_text']} {c['threshold_text']}" for c in local_fail]
        u["same_chain"] = chain.get(u["carrier_id"], [])
        u["parts"] = _score(u, p, cheapest, on, local_fail)
        u["score"] = sum(part["points"] for part in u["parts"])
        u["why"] = " · ".join(
            f"{part['text']} {part['points']:+.0f}" + (f" ({part['detail']})" if part.get("detail") else "")
            for part in u["parts"]
        )
        u["new"] = last is not None and u["id"] not in last
        u.pop("status_label", None)
        units.append(u)
    for i, u in enumerate(units, 1):
        u["rank"] = i
    # The policy section answers "what support if it settles here": judged in the top-ranked unit, with
    # that unit's carrier and rent, so nothing in it is 'rent unknown' or 'once it settles in a carrier'.
    # With no unit to settle in, it stays the general answer.
    policies_at = None
    if units:
        top = units[0]
        at_top = dict(hyp, carrier=top["carrier_code"], annual_rent_wan=top["annual_rent_wan"])
        top_all = policies_mod.applicable(conn, at_top, on=on, include_all=True)
        general = [r for r in top_all if r["verdict"] in ("yes", "if")]
        unknown = [r for r in top_all if r["verdict"] == "unknown"]
        policies_at = {
            "rank": 1,
            "carrier": top["carrier"],
            "carrier_code": top["carrier_code"],
            "unit": top["unit"],
            "annual_rent_wan": top["annual_rent_wan"],
        }
    new_units = []
    if last is not None:
        new_ids = match_sql.ranked_ids(conn, filt, p, low, bonus, on, not_in=sorted(last))
        from promo.views import place

        new_units = [place(u["carrier"], [u["unit"]]) for u in _units_by_id(conn, new_ids, brief=True)]
    return {
        "profile": p,
        "on": on,
        "funnel": _funnel(conn, p),
        "total": low["count"],
        "units": units,
        "policies": general,
        "policies_unknown": unknown,
        "policies_at": policies_at,
        "criteria": general_check,
        "scenarios": for_industry(conn, p["industry_id"], on=on),
        "new_units": new_units,
        "last_matched_at": p["last_matched_at"],
        "cheapest_rent": cheapest["rent"],
        "cheapest_annual_rent_wan": cheapest["annual"],
        "score_formula": score_formula(p),
    }


def _carrier_specific(pol: dict) -> bool:
    """A policy that applies because of the carrier (named in its eligibility), not to the prospect anywhere."""
    return any(c["field"] == "carrier" and c["status"] == "yes" for c in pol["checks"])


def _units_by_id(conn: sqlite3.Connection, ids: list[int], *, brief: bool = False) -> list[dict]:
    """The units with these ids, in the order given: whole (as vacancies lists them) or only carrier and code."""
    from promo.resources import UNIT_COLUMNS, finish_unit

    columns = "u.id, c.name AS carrier, u.code AS unit" if brief else UNIT_COLUMNS
    got = {}
    for at in range(0, len(ids), 10000):  # a bounded number of parameters per statement
        chunk = json.dumps(ids[at : at + 10000])
        sql = f"""SELECT {columns} FROM units u JOIN carriers c ON c.id = u.carrier_id
                  WHERE u.id IN (SELECT value FROM json_each(?))"""
        for r in rows(conn, sql, (chunk,)):
            got[r["id"]] = r if brief else finish_unit(r)
    return [got[i] for i in ids]


def _score(u: dict, p: dict, cheapest: dict, on: str, local_fail: list[dict]) -> list[dict]:
    """The parts of a unit's score, each with the whole points it adds and the fact behind them.

    Space beyond what was asked is rent paid for nothing, so with an asked area the area part falls with
    the excess (asked ÷ area: 1,000 ㎡ for 500 asked earns half) and the rent part compares what the unit
    costs in a year (area × rent), not its price per ㎡: a 2,300 ㎡ unit at 0.90 costs more than an 820 ㎡
    one at 1.45. Parts are whole points, so the score is exactly the sum of the parts shown.
    """
    parts = []
    area, asked = u["area_m2"], p["min_area"]
    if asked:
        over = (area - asked) / asked
        points = WEIGHTS["area"] * min(1.0, asked / area)
        pct = f"{over * 100:,.0f}"
        if p["max_area"] is not None:
            text = _("area within the need, {pct}% over its minimum") if over > 0.005 else _("area within the need")
        else:
            text = _("area {pct}% over the need") if over > 0.005 else _("area fits the need")
        text = text.format(pct=pct)
        parts.append({"part": "area", "points": round(points), "text": text})
    elif p["max_area"] is not None:
        parts.append(
            {
                "part": "area",
                "points": WEIGHTS["area"],
                "text": _("area ≤ {area}㎡").format(area=fmt_num(p["max_area"])),
            }
        )
    if u["rent"] is not None and asked and cheapest.get("annual_raw"):
        annual = u["annual_rent_wan"]
        # points from the unrounded yearly rents, as promo.match_sql ranks them
        raw = u["area_m2"] * u["rent"] * 365 / 10000
        points = WEIGHTS["rent"] * cheapest["annual_raw"] / raw if raw else WEIGHTS["rent"]
        text = _("yearly rent {rent}万, the lowest") if annual == cheapest["annual"] else _("yearly rent {rent}万")
        text = text.format(rent=fmt_wan(annual))
        parts.append({"part": "rent", "points": round(points), "text": text})
    elif u["rent"] is not None and cheapest.get("rent"):
        points = WEIGHTS["rent"] * cheapest["rent"] / u["rent"] if u["rent"] else WEIGHTS["rent"]
        text = _("rent {rent}, the lowest") if u["rent"] == cheapest["rent"] else _("rent {rent}")
        text = text.format(rent=f"{u['rent']:.2f}")
        parts.append({"part": "rent", "points": round(points), "text": text})
    else:
        parts.append({"part": "rent", "points": 0, "text": _("rent not set")})
    ready = u["ready_date"]
    if not ready or ready <= on:
        parts.append({"part": "ready", "points": WEIGHTS["ready"], "text": _("ready now")})
    else:
        wait = _days(on, ready)
        points = WEIGHTS["ready"] * max(0.0, 1 - wait / 365)
        parts.append(
            {"part": "ready", "points": round(points), "text": _("ready in {days} days").format(days=f"{wait:,}")}
        )
    if p["industry_id"] is not None:
        n = len(u["same_chain"])
        points = WEIGHTS["cluster"] * min(n, 3) / 3
        names = _(", ").join(u["same_chain"][:3]) + (" …" if n > 3 else "")
        text = _("{n} on the same chain").format(n=f"{n:,}")
        parts.append({"part": "cluster", "points": round(points), "text": text, "detail": names})
    local = [x for x in u["policies"] if x["carrier_specific"]]
    if local:
        parts.append({"part": "policy", "points": WEIGHTS["policy"], "text": _("carrier's own policy")})
    if local_fail:
        names = _(", ").join(c["name"] for c in local_fail)
        text = _("carrier criteria not met")
        parts.append({"part": "criteria", "points": -CRITERIA_PENALTY, "text": text, "detail": names})
    return parts


def score_formula(p: dict) -> str:
    """How the score is made, for the caption under the ranked units (it depends on whether an area was asked)."""
    if p.get("min_area"):
        area = _("area fit 30 × area needed ÷ area")
        rent = _("yearly rent 25 × lowest yearly rent ÷ yearly rent")
    else:
        area = _("area 30 (≤ the maximum)") if p.get("max_area") is not None else ""
        rent = _("rent 25 × lowest rent ÷ rent")
    parts = [
        area,
        rent,
        _("ready 15 (full if ready now, 0 a year away)"),
        _("tenants on the same chain 20 (full at 3)"),
    ]
    parts.append(_("carrier's own policy 10"))
    return _("score = {parts} − carrier criteria not met 30").format(parts=" + ".join(x for x in parts if x))


def describe_needs(p: dict) -> list[tuple[str, str]]:
    """The needs and facts of a profile as (label, value) pairs, for the head of a match or check."""
    from promo.vocabulary import shown

    out = []
    if p.get("name"):
        out.append((N_("Enterprise"), f"{p['name']} ({shown('stage', p['stage']) or '—'})"))
    if p.get("industry"):
        out.append((N_("Industry"), p["industry"]))
    if p.get("min_area") is not None or p.get("max_area") is not None:
        lo = fmt_num(p["min_area"]) if p.get("min_area") is not None else ""
        hi = fmt_num(p["max_area"]) if p.get("max_area") is not None else ""
        out.append((N_("Area"), f"{lo}–{hi} ㎡" if lo and hi else f"≥ {lo} ㎡" if lo else f"≤ {hi} ㎡"))
    if p.get("max_rent") is not None:
        out.append((N_("Rent"), f"≤ {p['max_rent']:.2f} 元/㎡·天"))
    if p.get("facilities"):
        out.append((N_("Facilities"), _(", ").join(p["facilities"])))
    if p.get("min_floor_load") is not None:
        out.append((N_("Floor load"), f"≥ {fmt_num(p['min_floor_load'])} kN/㎡"))
    if p.get("available_by"):
        out.append((N_("Ready by"), p["available_by"]))
    figures = {
        "investment_wan": _("investment {n}万元"),
        "land_mu": _("land {n}亩"),
        "output_wan": _("yearly output {n}万元"),
        "tax_wan": _("yearly tax {n}万元"),
        "rd_wan": _("yearly R&D {n}万元"),
        "jobs": _("jobs {n}"),
    }
    given = [text.format(n=fmt_wan(p[k])) for k, text in figures.items() if p.get(k) is not None]
    if given:
        out.append((N_("Project"), " · ".join(given)))
    if p.get("business"):
        out.append((N_("Business"), p["business"]))
    return out
