"""The figures behind a brief's charts that the rest of the brief does not read already: investment and
jobs per industry, and signings and move-ins per quarter; counted in SQL on the brief's date and focus.

Only enterprises from 签约 on are counted, in every audience: a chart never carries a lead's amount.
"""

from __future__ import annotations

import sqlite3

from promo.brief.content import SIGNED, as_of_sql
from promo.db import rows
from promo.project_periods import quarter_of

QUARTERS = 8  # the last two years, the brief's quarter included


def gather_charts(conn: sqlite3.Connection, req, scope, industry: dict | None) -> dict:
    """Per industry (leading industries, or the parts of the industry briefed on) and per quarter."""
    return {
        "industries": _by_industry(conn, scope, req.date, industry),
        "quarters": _per_quarter(conn, scope, req.date),
    }


def _groups(conn: sqlite3.Connection, focus_id: int | None) -> dict[int, dict]:
    """Each industry id → the industry it is counted under: its leading industry, or, inside the focus,
    the focus's child it belongs to (the focus itself for firms filed directly under it)."""
    from promo.industries import ROOTS, descendants

    names = {r["id"]: r for r in rows(conn, "SELECT id, name, name_en, sort FROM industries")}
    if focus_id is None:
        return {r["id"]: names[r["root_id"]] for r in rows(conn, f"WITH RECURSIVE {ROOTS} SELECT * FROM roots")}
    out = {focus_id: names[focus_id]}
    for (child,) in conn.execute("SELECT id FROM industries WHERE parent_id = ?", (focus_id,)).fetchall():
        out.update({d: names[child] for d in descendants(conn, child)})
    return out


def _by_industry(conn: sqlite3.Connection, scope, date: str, industry: dict | None) -> list[dict]:
    per_industry = rows(
        conn,
        f"""{as_of_sql(scope.enterprises, SIGNED, ", e.industry_id, e.investment_wan, e.jobs")}
            SELECT industry_id, count(*) AS firms, sum(investment_wan) AS investment_wan, sum(jobs) AS jobs,
                   count(investment_wan) AS investment_known, count(jobs) AS jobs_known
            FROM a WHERE industry_id IS NOT NULL GROUP BY industry_id""",
        {"date": date},
    )
    groups = _groups(conn, industry["node"]["id"] if industry else None)
    totals: dict[int, dict] = {}
    for r in per_industry:  # one row per industry: a few dozen at most
        group = groups.get(r["industry_id"])
        if group is None:
            continue
        t = totals.setdefault(
            group["id"],
            {
                "name": group["name"],
                "name_en": group["name_en"],
                "sort": group["sort"] or 0,
                "id": group["id"],
                "firms": 0,
                "investment_wan": None,
                "jobs": None,
                "investment_unknown": 0,
                "jobs_unknown": 0,
            },
        )
        t["firms"] += r["firms"]
        # a sum of the firms that gave a figure; None while none has: not known, which is not 0
        for key, known in (("investment_wan", "investment_known"), ("jobs", "jobs_known")):
            if r[known]:
                t[key] = (t[key] or 0) + r[key]
        t["investment_unknown"] += r["firms"] - r["investment_known"]
        t["jobs_unknown"] += r["firms"] - r["jobs_known"]
    return sorted(totals.values(), key=lambda t: (-(t["investment_wan"] or -1), -(t["jobs"] or -1), t["sort"], t["id"]))


def _per_quarter(conn: sqlite3.Connection, scope, date: str) -> list[dict]:
    """Firms that reached 签约 and 落地 in each of the last QUARTERS quarters up to the brief's date."""
    from promo.pipeline import series
    from promo.vocabulary import label

    year, q = quarter_of(date)
    first = (year * 4 + q - 1) - (QUARTERS - 1)
    labels = [f"{n // 4}-Q{n % 4 + 1}" for n in range(first, first + QUARTERS)]
    since = f"{first // 4:04d}-{(first % 4) * 3 + 1:02d}-01"
    found = {r["period"]: r for r in series(conn, "quarter", since=since, until=date, where=scope.enterprises)}
    signed, landed = label("stage", "签约", "en"), label("stage", "落地", "en")  # series' keys
    return [
        {"quarter": label, "signed": found.get(label, {}).get(signed, 0), "landed": found.get(label, {}).get(landed, 0)}
        for label in labels
    ]
