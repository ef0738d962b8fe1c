"""The ledger's facts of a year, read in one pass: one row per signing, 开工, 投产 and project report.

Each measure is one SQL expression over a fact and its enterprise (`MEASURE_SQL`), so the ledger's totals
(count and sum of each expression, grouped in SQL) and its detail (one row per fact and measure) share a rule.
"""

from __future__ import annotations

import sqlite3

from promo.i18n import _
from promo.measures import trim
from promo.project_periods import PRODUCING_IN, SIGNED_IN, quarter_of

_QUARTER = "((CAST(substr({d}, 6, 2) AS INTEGER) + 2) / 3)"

# (enterprise_id, date, quarter, signed, started, producing, completed, arrived); a report has no date and its
# own quarter (0: a figure for the whole year). Completed investment is reported to date (累计): a period's
# share is its figure less the one before it. Arrived capital is per period: quarter figures when an
# enterprise gave any that year, else the year's.
FACTS = f"""{SIGNED_IN}, {PRODUCING_IN},
  reports AS (
    SELECT r.enterprise_id, r.quarter,
           -- cumulative figures never fall (promo.projects checks it), so the one before is the earlier maximum
           r.completed_investment_wan - coalesce((
               SELECT max(p.completed_investment_wan) FROM project_reports p
               WHERE p.enterprise_id = r.enterprise_id
                 AND (p.year < r.year OR (p.year = r.year AND r.quarter = 0 AND p.quarter > 0)
                      OR (p.year = r.year AND p.quarter > 0 AND p.quarter < r.quarter))), 0) AS completed,
           CASE WHEN r.quarter > 0 OR NOT EXISTS (
               SELECT 1 FROM project_reports q WHERE q.enterprise_id = r.enterprise_id AND q.year = r.year
                 AND q.quarter > 0 AND q.arrived_wan IS NOT NULL) THEN r.arrived_wan END AS arrived
    FROM project_reports r
    WHERE r.year = :year AND (r.completed_investment_wan IS NOT NULL OR r.arrived_wan IS NOT NULL)
      -- as of a day (a past week's report, a dated brief): the figures of its quarter and those before, and
      -- the year's own (a figure for the year so far: reports carry no date of their own)
      AND r.quarter <= :last_quarter),
  facts(enterprise_id, date, quarter, signed, started, producing, completed, arrived) AS (
    SELECT enterprise_id, date, {_QUARTER.format(d="date")}, 1, NULL, NULL, NULL, NULL FROM signed_in
    UNION ALL
    SELECT enterprise_id, actual_date, {_QUARTER.format(d="actual_date")}, NULL, 1, NULL, NULL, NULL
      FROM milestones WHERE milestone = '开工' AND actual_date BETWEEN :start AND :end
    UNION ALL
    SELECT enterprise_id, date, {_QUARTER.format(d="date")}, NULL, NULL, 1, NULL, NULL FROM producing_in
    UNION ALL
    SELECT enterprise_id, NULL, quarter, NULL, NULL, NULL, completed, arrived FROM reports)"""

_FOREIGN = "e.country IS NOT NULL AND e.country != '中国'"

# measure → its value for one fact `f` of enterprise `e`; NULL where the fact does not count for it. A counted
# measure has one fact per enterprise (its first signing, its 开工 …), so count() counts projects.
MEASURE_SQL = {
    "signed": "f.signed",
    "started": "f.started",
    "producing": "f.producing",
    "investment_signed": "CASE WHEN f.signed THEN e.investment_wan END",
    "investment_completed": "f.completed",
    "arrived": "f.arrived",
    "foreign": f"CASE WHEN {_FOREIGN} THEN f.arrived END",
}

# per measure: how many facts count for it (`<m>_n`) and their sum (`<m>_v`)
AGGREGATES = ",\n".join(f"count({sql}) AS {m}_n, sum({sql}) AS {m}_v" for m, sql in MEASURE_SQL.items())
# the same, summed again over groups of groups (enterprises' industries → their chain)
REAGGREGATES = ",\n".join(f"sum({m}_n) AS {m}_n, sum({m}_v) AS {m}_v" for m in MEASURE_SQL)

# one row per fact and measure it counts for, numbered in the ledger's order of measures
MEASURE_ROWS = "measures(pos, measure) AS (VALUES {})".format(
    ", ".join(f"({i}, '{m}')" for i, m in enumerate(MEASURE_SQL))
)
MEASURE_VALUE = "CASE m.measure " + " ".join(f"WHEN '{m}' THEN {sql}" for m, sql in MEASURE_SQL.items()) + " END"

# the chain an enterprise's industry belongs to: a link's parent, a chain itself; an enterprise placed in a leading
# industry but no chain of it counts for that industry as a whole (its own row, named by :whole_industry, a
# template with {industry}), not with the enterprises that have no industry at all
CHAIN_JOIN = """
  LEFT JOIN industries i ON i.id = {industry}
  LEFT JOIN industries ip ON ip.id = i.parent_id"""
CHAIN_CODE = "coalesce(CASE i.level WHEN 'link' THEN ip.code ELSE i.code END, '')"
CHAIN_NAME = (
    "coalesce(CASE i.level WHEN 'chain' THEN i.name WHEN 'link' THEN ip.name "
    "WHEN 'industry' THEN replace(:whole_industry, '{industry}', i.name) END, '')"
)


def chain_params() -> dict:
    """The query parameters CHAIN_NAME reads, in the user's language."""
    from promo.i18n import _

    return {"whole_industry": _("{industry} (the industry as a whole)")}


def bounds(year: int, until: str | None = None) -> dict:
    """The query parameters of a year: the year, its first and last day, the last quarter counted; `until` a
    day, the facts known by then: dated ones up to that day, reports of its quarter and before."""
    end = f"{year:04d}-12-31"
    if until is not None and until < end:
        end = until
    end_year, end_quarter = quarter_of(end)
    last_quarter = end_quarter if end_year == year else -1
    return {"year": year, "start": f"{year:04d}-01-01", "end": end, "last_quarter": last_quarter}


def totals_sql(by: str | None) -> str:
    """Per group (none, officer, chain or quarter): grp, grp_name and each measure's count and sum, grouped
    in SQL; chains are reached through the industries of the enterprises, grouped first by industry."""
    facts = "FROM facts f JOIN enterprises e ON e.id = f.enterprise_id"
    if by == "owner":
        return f"""WITH {FACTS} SELECT coalesce(e.owner, '') AS grp, coalesce(e.owner, '') AS grp_name, {AGGREGATES}
                   {facts} GROUP BY e.owner"""
    if by == "chain":
        return f"""WITH {FACTS}, per_industry AS (SELECT e.industry_id, {AGGREGATES} {facts} GROUP BY e.industry_id)
                   SELECT {CHAIN_CODE} AS grp, {CHAIN_NAME} AS grp_name, {REAGGREGATES}
                   FROM per_industry g {CHAIN_JOIN.format(industry="g.industry_id")} GROUP BY grp"""
    if by == "quarter":
        # a year's figure given for no quarter stands apart (未分季度)
        return f"""WITH {FACTS} SELECT CASE f.quarter WHEN 0 THEN 'u' ELSE CAST(f.quarter AS TEXT) END AS grp,
                   NULL AS grp_name, {AGGREGATES} {facts} GROUP BY f.quarter"""
    return f"WITH {FACTS} SELECT '' AS grp, '' AS grp_name, {AGGREGATES} {facts}"


def detail_sql(by: str | None) -> str:
    """One row per fact and measure it counts for, with the enterprise and the group, in the ledger's order."""
    quarter = "CASE f.quarter WHEN 0 THEN :no_quarter ELSE 'Q' || f.quarter END"
    # a fact of no officer or no chain under the ledger's own words for that group, after the named ones
    name = {
        "owner": "coalesce(e.owner, :no_group)",
        "chain": f"coalesce(nullif({CHAIN_NAME}, ''), :no_group)",
        "quarter": quarter,
    }.get(by or "", "''")
    chain = CHAIN_JOIN.format(industry="e.industry_id") if by == "chain" else ""
    return f"""WITH {FACTS}, {MEASURE_ROWS}
        SELECT * FROM (
          SELECT {name} AS group_name, m.measure, m.pos, e.id, e.name, e.code_name, e.owner, e.stage, f.date,
                 f.quarter, {MEASURE_VALUE} AS value
          FROM facts f JOIN enterprises e ON e.id = f.enterprise_id {chain} CROSS JOIN measures m
          WHERE :measure IS NULL OR m.measure = :measure)
        WHERE value IS NOT NULL
        ORDER BY group_name = :no_group, group_name, pos, coalesce(date, ''), name"""


def arrived_not_counted(conn: sqlite3.Connection, e: sqlite3.Row, year: int, quarter: int) -> str | None:
    """The warning for arrived capital that the ledger will not count: a year's figure beside quarter figures
    (FACTS), said whenever either is recorded beside the other; None when nothing is left out."""
    found = conn.execute(
        "SELECT sum(arrived_wan) FROM project_reports WHERE enterprise_id = ? AND year = ? AND arrived_wan IS NOT NULL"
        " AND (quarter > 0) = ?",
        (e["id"], year, quarter == 0),
    ).fetchone()[0]
    if found is None:
        return None
    why = (
        _("{name} {year}: its year's 到位资金 ({amount} 万元) no longer counts; the ledger adds the quarters")
        if quarter
        else _("{name} {year}: the ledger adds the quarters' 到位资金 ({amount} 万元), not this year's figure")
    )
    return why.format(name=e["name"], year=year, amount=trim(found, 4))
