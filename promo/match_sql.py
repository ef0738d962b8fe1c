"""The set-based half of `promo match`: the funnel's counts in one pass, the filtered set's cheapest rents, and
the units ranked by their score in SQL, so only the units shown are fetched and judged in Python.

The score's arithmetic is written in the same order as promo.match._score and rounded half to even, as
Python's round() does, so SQL ranks exactly as the Python parts add up.
"""

from __future__ import annotations

import json
import sqlite3

from promo.resources import VacancyFilter, vacancy_where

FROM = "FROM units u"  # every filter is on the unit: counted from the units_status index alone
ANNUAL = "(u.area_m2 * u.rent * 365 / 10000.0)"  # 万元 a year, as match computes annual_rent_wan


def funnel(conn: sqlite3.Connection, steps: list[tuple[str, VacancyFilter]]) -> list[dict]:
    """How many vacant units remain after each step's filter (each step adds to the one before).

    The first step (every vacant unit) is counted from the units_status index alone; the others in one pass
    over the units the second step keeps (an indexed range of carriers for --industry), each later step
    testing only the conditions it adds to the second's."""
    if not steps:
        return []
    conditions, params = [], {}
    for _, f in steps:
        where, more = vacancy_where(conn, f)
        params |= more
        conditions.append(where)
    counts = [conn.execute(f"SELECT count(*) FROM units u WHERE {' AND '.join(conditions[0])}", params).fetchone()[0]]
    if len(steps) > 1:
        base = conditions[1]
        sums = ["count(*)"]
        for where in conditions[2:]:
            test = " AND ".join(c for c in where if c not in base) or "1"
            sums.append(f"coalesce(sum(CASE WHEN {test} THEN 1 ELSE 0 END), 0)")
        sql = f"SELECT {', '.join(sums)} FROM units u WHERE {' AND '.join(base)}"
        counts += conn.execute(sql, params).fetchone()
    return [{"step": label, "remaining": n} for (label, _), n in zip(steps, counts, strict=True)]


def cheapest(conn: sqlite3.Connection, f: VacancyFilter) -> dict:
    """How many units are inside the filter, their carriers, the lowest rent and the lowest yearly rent
    (unrounded and rounded)."""
    where, params = vacancy_where(conn, f)
    count, rent, annual, carriers = conn.execute(
        f"""SELECT count(*), min(CASE WHEN u.rent <> 0 THEN u.rent END), min(CASE WHEN {ANNUAL} <> 0 THEN {ANNUAL} END),
                   json_group_array(DISTINCT u.carrier_id)
            {FROM} WHERE {" AND ".join(where)}""",
        params,
    ).fetchone()
    return {
        "count": count,
        "rent": rent,
        "annual_raw": annual,
        "annual": round(annual, 4) if annual is not None else None,
        "carrier_ids": json.loads(carriers),
    }


def _half_even(x: str) -> str:
    """round(x) for x ≥ 0 as Python rounds it (half to even); SQLite's round() goes half away from zero."""
    t = f"CAST({x} AS INTEGER)"
    return f"({t} + CASE WHEN {x} - {t} > 0.5 THEN 1 WHEN {x} - {t} < 0.5 THEN 0 ELSE {t} % 2 END)"


def ranked_ids(
    conn: sqlite3.Connection,
    f: VacancyFilter,
    p: dict,
    low: dict,
    bonus: dict[int, int],
    on: str,
    *,
    limit: int | None = None,
    not_in: list[int] | None = None,
) -> list[int]:
    """Ids of the units inside the filter, best score first (ties: cheaper, smaller, older id), as
    promo.match ranks them; `bonus` gives each carrier's points (same chain, carrier policy, criteria)."""
    where, params = vacancy_where(conn, f)
    asked = p["min_area"]
    if asked:
        params["asked"] = float(asked)
        area = _half_even("(30 * min(1.0, :asked / u.area_m2))")
    elif p["max_area"] is not None:
        area = "30"
    else:
        area = "0"
    params |= {"on": on, "ca": low["annual_raw"], "cr": low["rent"]}
    by_rent = "CASE WHEN u.rent THEN " + _half_even("(25 * :cr / u.rent)") + " ELSE 25 END"
    if asked and low["annual_raw"]:
        rent = f"CASE WHEN {ANNUAL} THEN " + _half_even(f"(25 * :ca / {ANNUAL})") + " ELSE 25 END"
        rent = f"CASE WHEN u.rent IS NULL THEN 0 ELSE {rent} END"
    elif low["rent"]:
        rent = f"CASE WHEN u.rent IS NULL THEN 0 ELSE {by_rent} END"
    else:
        rent = "0"
    wait = "(julianday(u.ready_date) - julianday(:on))"
    ready = (
        "CASE WHEN u.ready_date IS NULL OR u.ready_date = '' OR u.ready_date <= :on THEN 15 ELSE "
        + _half_even(f"(15 * max(0.0, 1 - {wait} / 365.0))")
        + " END"
    )
    by_points: dict[int, list[int]] = {}
    for carrier_id, points in bonus.items():
        if points:
            by_points.setdefault(points, []).append(carrier_id)
    extra = " ".join(
        f"WHEN u.carrier_id IN (SELECT value FROM json_each(:b{i})) THEN {points}" for i, points in enumerate(by_points)
    )
    params |= {f"b{i}": json.dumps(ids) for i, ids in enumerate(by_points.values())}
    carrier_points = f"CASE {extra} ELSE 0 END" if extra else "0"
    if not_in is not None:
        where.append("u.id NOT IN (SELECT value FROM json_each(:not_in))")
        params["not_in"] = json.dumps(not_in)
    sql = f"""SELECT u.id, {area} + {rent} + {ready} + {carrier_points} AS score
              {FROM} WHERE {" AND ".join(where)}
              ORDER BY score DESC, coalesce(u.rent, 1e9), u.area_m2, u.id"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [r[0] for r in conn.execute(sql, params)]
