"""The year's task ledger (任务台账): targets per year, officer, chain or quarter, against what happened.

What happened is read from the catalogue, set-based: signings and stage entries from the stage history,
开工 from the milestones, investment completed and capital arrived from the project reports.
"""

from __future__ import annotations

import sqlite3

from promo.db import require_write, rows
from promo.errors import BadValue, Rejected
from promo.i18n import N_, _
from promo.projects import PRODUCING_IN, SIGNED_IN
from promo.summary import note as journal_note
from promo.text import today
from promo.vocabulary import SIGNED, label, sql_in

# measure → (label, unit kind); labels from the vocabulary
_KINDS = {
    "signed": "count",
    "started": "count",
    "producing": "count",
    "investment_signed": "amount",
    "investment_completed": "amount",
    "arrived": "amount",
    "foreign": "amount",
}
MEASURES = {m: (label("measure", m), kind) for m, kind in _KINDS.items()}
BY = ("owner", "chain", "quarter", "event")

_QUARTER = "((CAST(substr({d}, 6, 2) AS INTEGER) + 2) / 3)"
_PERIOD_KEY = "(year * 10 + CASE quarter WHEN 0 THEN 5 ELSE quarter END)"

# Every fact of the year, one row per enterprise and measure: (enterprise_id, measure, date, quarter, value).
# Completed investment is reported to date (累计): a period's share is its figure less the one before it.
# Arrived capital is per period: quarter figures when an enterprise gave any that year, else the year's.
FACTS = f"""{SIGNED_IN}, {PRODUCING_IN},
  completed AS (
    SELECT r.enterprise_id, r.quarter,
           -- cumulative figures never fall (promo.projects checks it), so the one before is the earlier maximum
           r.completed_investment_wan - coalesce((
               SELECT max(p.completed_investment_wan) FROM project_reports p
               WHERE p.enterprise_id = r.enterprise_id
                 AND (p.year < r.year OR (p.year = r.year AND r.quarter = 0 AND p.quarter > 0)
                      OR (p.year = r.year AND p.quarter > 0 AND p.quarter < r.quarter))), 0) AS delta
    FROM project_reports r WHERE r.year = :year AND r.completed_investment_wan IS NOT NULL),
  arrived AS (
    SELECT r.enterprise_id, r.quarter, r.arrived_wan AS value FROM project_reports r
    WHERE r.year = :year AND r.arrived_wan IS NOT NULL
      AND (r.quarter > 0 OR NOT EXISTS (
          SELECT 1 FROM project_reports q WHERE q.enterprise_id = r.enterprise_id AND q.year = r.year
            AND q.quarter > 0 AND q.arrived_wan IS NOT NULL))),
  facts(enterprise_id, measure, date, quarter, value) AS (
    SELECT enterprise_id, 'signed', date, {_QUARTER.format(d="date")}, 1.0 FROM signed_in
    UNION ALL
    SELECT s.enterprise_id, 'investment_signed', s.date, {_QUARTER.format(d="s.date")}, e.investment_wan
      FROM signed_in s JOIN enterprises e ON e.id = s.enterprise_id WHERE e.investment_wan IS NOT NULL
    UNION ALL
    SELECT enterprise_id, 'started', actual_date, {_QUARTER.format(d="actual_date")}, 1.0
      FROM milestones WHERE milestone = '开工' AND actual_date BETWEEN :start AND :end
    UNION ALL
    SELECT enterprise_id, 'producing', date, {_QUARTER.format(d="date")}, 1.0 FROM producing_in
    UNION ALL
    SELECT enterprise_id, 'investment_completed', NULL, quarter, delta FROM completed
    UNION ALL
    SELECT enterprise_id, 'arrived', NULL, quarter, value FROM arrived
    UNION ALL
    SELECT a.enterprise_id, 'foreign', NULL, a.quarter, a.value FROM arrived a
      JOIN enterprises e ON e.id = a.enterprise_id WHERE e.country IS NOT NULL AND e.country != '中国')"""

# the chain an enterprise's industry belongs to (a link's parent, a chain itself; none for a leading industry)
_CHAIN_JOIN = """
  LEFT JOIN industries i ON i.id = e.industry_id
  LEFT JOIN industries ip ON ip.id = i.parent_id"""
_CHAIN_CODE = "CASE i.level WHEN 'chain' THEN i.code WHEN 'link' THEN ip.code END"
_CHAIN_NAME = "CASE i.level WHEN 'chain' THEN i.name WHEN 'link' THEN ip.name END"

_GROUP = {
    None: ("''", "''"),
    "owner": ("coalesce(e.owner, '')", "coalesce(e.owner, '')"),
    "chain": (f"coalesce({_CHAIN_CODE}, '')", f"coalesce({_CHAIN_NAME}, '')"),
    # a year's figure given for no quarter stands apart (未分季度); the year's totals are their own group
    "quarter": (
        "CASE f.quarter WHEN 0 THEN 'u' ELSE CAST(f.quarter AS TEXT) END",
        "CASE f.quarter WHEN 0 THEN '未分季度' ELSE 'Q' || f.quarter END",
    ),
}


def parse_by(value: str | None) -> str | None:
    if value is None:
        return None
    key = value.strip().lower()
    aliases = {"officer": "owner", "负责人": "owner", "产业链": "chain", "季度": "quarter", "活动": "event"}
    key = aliases.get(key, key)
    if key not in BY:
        raise BadValue("--by", value, _("use owner, chain, quarter or event"))
    return key


def _bounds(year: int) -> dict:
    return {"year": year, "start": f"{year:04d}-01-01", "end": f"{year:04d}-12-31"}


def elapsed_share(year: int, quarter: int = 0, on: str | None = None) -> float:
    """How much of the year (or quarter) has passed on `on` (today): the share of a target due by now."""
    import datetime as dt

    on_date = dt.date.fromisoformat(on or today())
    if quarter:
        start = dt.date(year, 3 * quarter - 2, 1)
        end = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1)
    else:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if on_date < start:
        return 0.0
    if on_date >= end:
        return 1.0
    return ((on_date - start).days + 1) / ((end - start).days + 1)


def targets(conn: sqlite3.Connection, year: int) -> list[dict]:
    """The year's targets, zone first, then per officer and chain, by quarter."""
    found = rows(
        conn,
        """SELECT t.*, coalesce(i.name, t.scope_value) AS scope_name FROM ledger_targets t
           LEFT JOIN industries i ON t.scope = 'chain' AND i.code = t.scope_value
           WHERE t.year = ? ORDER BY CASE t.scope WHEN 'zone' THEN 0 WHEN 'owner' THEN 1 ELSE 2 END,
                 t.scope_value, t.quarter, t.id""",
        (year,),
    )
    order = list(MEASURES)
    found.sort(
        key=lambda r: (r["scope"] != "zone", r["scope"], r["scope_value"], r["quarter"], order.index(r["measure"]))
    )
    for r in found:
        r["label"] = MEASURES[r["measure"]][0]
    return found


def resolve_scope(conn: sqlite3.Connection, owner: str | None, chain: str | None) -> tuple[str, str, str, list[str]]:
    """(scope, stored value, shown name, warnings) for targets of the zone, an officer or a chain."""
    if owner and chain:
        raise BadValue("--owner", owner, _("a target is for the zone, an officer or a chain: give --owner or --chain"))
    if owner:
        from promo.errors import NotFound
        from promo.pipeline import find_owner

        try:
            known = find_owner(conn, owner)
            return "owner", known, known, []
        except NotFound:
            name = " ".join(owner.split())
            return (
                "owner",
                name,
                name,
                [
                    _("no enterprise is owned by {name} yet; the target counts theirs once they have some").format(
                        name=name
                    )
                ],
            )
    if chain:
        from promo.lookup import find

        row = find(conn, "industries", chain, _("chain"))
        if row["level"] != "chain":
            if row["level"] == "industry":
                why = _("--chain {value}: {name} is a leading industry, not a chain; ledger targets go per chain")
            else:
                why = _("--chain {value}: {name} is a chain link, not a chain; ledger targets go per chain")
            raise Rejected(
                why.format(value=chain, name=row["name"]),
                _("list the chains with: {command}").format(command="promo catalogue"),
            )
        return "chain", row["code"], row["name"], []
    return "zone", "", "全区 zone", []


def set_targets(
    conn: sqlite3.Connection, year: int, scope: str, scope_value: str, quarter: int, values: dict[str, float]
) -> dict:
    """Set targets (measure → value; None clears it) for one scope and period; returns each one's old and new
    value. Clearing a target that is not set is refused, so a typo in the period or scope does not pass."""
    require_write(conn)
    changed = []
    for measure, value in values.items():
        if measure not in MEASURES:
            raise ValueError(f"unknown measure {measure!r}")
        old = conn.execute(
            "SELECT value FROM ledger_targets WHERE year = ? AND scope = ? AND scope_value = ? AND quarter = ? "
            "AND measure = ?",
            (year, scope, scope_value, quarter, measure),
        ).fetchone()
        if value is None:
            if old is None:
                period = f"{year}" + (f" Q{quarter}" if quarter else "")
                if scope_value:
                    raise Rejected(
                        _("there is no {measure} target of {whom} for {period} to clear").format(
                            measure=MEASURES[measure][0], whom=scope_value, period=period
                        )
                    )
                raise Rejected(
                    _("there is no {measure} target for {period} to clear").format(
                        measure=MEASURES[measure][0], period=period
                    )
                )
            conn.execute(
                "DELETE FROM ledger_targets WHERE year = ? AND scope = ? AND scope_value = ? AND quarter = ? "
                "AND measure = ?",
                (year, scope, scope_value, quarter, measure),
            )
            changed.append({"measure": measure, "old": old[0], "new": None})
            continue
        conn.execute(
            """INSERT INTO ledger_targets (year, scope, scope_value, quarter, measure, value) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (year, scope, scope_value, quarter, measure) DO UPDATE SET value = excluded.value""",
            (year, scope, scope_value, quarter, measure, value),
        )
        changed.append({"measure": measure, "old": old[0] if old else None, "new": value})
    return {"changed": changed, "summary": _targets_note(year, quarter, scope, scope_value)}


def _targets_note(year: int, quarter: int, scope: str, whom: str):
    if scope == "zone":
        if quarter:
            return journal_note(
                N_("ledger targets {year} Q{quarter}: {scope}"), year=year, quarter=quarter, scope=scope
            )
        return journal_note(N_("ledger targets {year}: {scope}"), year=year, scope=scope)
    if quarter:
        return journal_note(
            N_("ledger targets {year} Q{quarter}: {scope} {whom}"), year=year, quarter=quarter, scope=scope, whom=whom
        )
    return journal_note(N_("ledger targets {year}: {scope} {whom}"), year=year, scope=scope, whom=whom)


def _require_targets(conn: sqlite3.Connection, year: int) -> None:
    if not conn.execute("SELECT 1 FROM ledger_targets WHERE year = ? LIMIT 1", (year,)).fetchone():
        raise Rejected(
            _("--year {year}: no targets are set for {year}").format(year=year),
            _("set the year's targets first, e.g.: {command} (add --owner, --chain or --quarter for theirs)").format(
                command=f"promo ledger targets set --year {year} --signed 20 --started 12 "
                "--producing 8 --signed-investment 50亿 --arrived 20亿"
            ),
        )


def ledger(conn: sqlite3.Connection, year: int, *, by: str | None = None, on: str | None = None) -> list[dict]:
    """Plan against actual per group and measure: target, actual, completion rate, and whether it is behind
    the share of the target the elapsed part of the period calls for."""
    if by == "event":
        raise ValueError("use event_yield for --by event")
    _require_targets(conn, year)
    key, name = _GROUP[by]
    chain_join = _CHAIN_JOIN if by == "chain" else ""
    # a counted measure has one fact per enterprise (its first signing, its 开工 …), so count(*) counts projects;
    # the zone's own figures need no enterprise columns, so no join
    join = f"JOIN enterprises e ON e.id = f.enterprise_id {chain_join}" if by in ("owner", "chain") else ""
    sql = f"""WITH {FACTS}
            SELECT {{key}} AS grp, {{name}} AS grp_name, f.measure, count(*) AS projects, sum(f.value) AS value
            FROM facts f {join}
            GROUP BY grp, f.measure"""
    actual = rows(conn, sql.format(key=key, name=name), _bounds(year))
    if by in ("quarter", "owner", "chain"):
        # groups part the facts (an enterprise has one owner, chain and date per measure): the whole is their sum
        whole: dict[str, dict] = {}
        for r in actual:
            w = whole.setdefault(
                r["measure"], {"grp": "year", "grp_name": "全年", "measure": r["measure"], "projects": 0, "value": 0.0}
            )
            w["projects"] += r["projects"]
            w["value"] += r["value"] or 0
        if by != "quarter":
            for w in whole.values():
                w["grp"], w["grp_name"] = "\0zone", "全区 zone"
        actual += whole.values()
    scope = {None: "zone", "owner": "owner", "chain": "chain", "quarter": "zone"}[by]
    target_rows = rows(
        conn,
        f"""SELECT t.measure, t.value,
                   {
            "CASE t.quarter WHEN 0 THEN 'year' ELSE CAST(t.quarter AS TEXT) END" if by == "quarter" else "t.scope_value"
        } AS grp,
                   {
            "CASE t.quarter WHEN 0 THEN '全年' ELSE 'Q' || t.quarter END"
            if by == "quarter"
            else "coalesce(i.name, t.scope_value)"
        } AS grp_name
            FROM ledger_targets t LEFT JOIN industries i ON t.scope = 'chain' AND i.code = t.scope_value
            WHERE t.year = :year AND t.scope = :scope AND (:by_quarter OR t.quarter = 0)""",
        {"year": year, "scope": scope, "by_quarter": by == "quarter"},
    )
    if by in ("owner", "chain"):
        target_rows += rows(
            conn,
            """SELECT measure, value, char(0) || 'zone' AS grp, '全区 zone' AS grp_name FROM ledger_targets
               WHERE year = ? AND scope = 'zone' AND quarter = 0""",
            (year,),
        )
    cells: dict[tuple[str, str], dict] = {}
    for r in actual:
        cell = cells.setdefault(
            (r["grp"], r["measure"]), {"grp": r["grp"], "grp_name": r["grp_name"], "measure": r["measure"]}
        )
        kind = MEASURES[r["measure"]][1]
        cell["actual"] = r["projects"] if kind == "count" else round(r["value"] or 0, 4)
    for t in target_rows:
        cell = cells.setdefault(
            (t["grp"], t["measure"]), {"grp": t["grp"], "grp_name": t["grp_name"], "measure": t["measure"]}
        )
        cell["target"] = t["value"]
    order = list(MEASURES)
    out = []
    for (grp, measure), cell in sorted(
        cells.items(), key=lambda kv: (_group_sort(by, kv[0][0]), order.index(kv[0][1]))
    ):
        target, got = cell.get("target"), cell.get("actual", 0)
        quarter = int(grp) if by == "quarter" and grp.isdigit() else 0
        share = elapsed_share(year, quarter, on)
        rate = got / target if target else None
        out.append(
            {
                "group": None if grp == "\0zone" else grp,
                "group_name": cell["grp_name"]
                or ("(无负责人)" if by == "owner" else "(未归链)" if by == "chain" else ""),
                "measure": measure,
                "label": MEASURES[measure][0],
                "measure_en": label("measure", measure, "en"),
                "unit": "个" if MEASURES[measure][1] == "count" else "万元",
                "target": target,
                "actual": got,
                "rate": rate,
                "expected": round(target * share, 4) if target is not None else None,
                "behind": bool(target and got < target * share),
            }
        )
    return out


def _group_sort(by: str | None, grp: str):
    if by == "quarter":
        return int(grp) if grp.isdigit() else {"year": 0, "u": 9}[grp]
    return (grp == "", grp)


def detail(conn: sqlite3.Connection, year: int, *, by: str | None = None, measure: str | None = None) -> list[dict]:
    """The projects behind each figure of the ledger: one row per enterprise and measure, with date and amount."""
    _, name = _GROUP[by if by != "event" else None]
    chain_join = _CHAIN_JOIN if by == "chain" else ""
    params = _bounds(year) | {"measure": measure}
    found = rows(
        conn,
        f"""WITH {FACTS}
            SELECT {name} AS group_name, f.measure, e.id, e.name, e.code_name, e.owner, e.stage, f.date,
                   CASE f.quarter WHEN 0 THEN '全年' ELSE 'Q' || f.quarter END AS period, f.value
            FROM facts f JOIN enterprises e ON e.id = f.enterprise_id {chain_join}
            WHERE :measure IS NULL OR f.measure = :measure
            ORDER BY group_name, f.measure, f.date, e.name""",
        params,
    )
    order = list(MEASURES)
    found.sort(key=lambda r: (r["group_name"], order.index(r["measure"]), r["date"] or "", r["name"]))
    for r in found:
        r["label"] = MEASURES[r["measure"]][0]
        if MEASURES[r["measure"]][1] == "count":
            r["value"] = None
    return found


def event_yield(conn: sqlite3.Connection, year: int) -> list[dict]:
    """What each event of the year brought: its MOUs and intentions, and how far those projects have got."""
    signed_stages = sql_in(SIGNED)
    return rows(
        conn,
        f"""SELECT ev.id, ev.name, ev.date, ev.place, ev.organiser,
                   count(d.id) AS deals,
                   sum(d.kind = 'mou') AS mous,
                   sum(d.investment_wan) AS intended_wan,
                   sum(e.stage IN {signed_stages}) AS signed,
                   sum(EXISTS (SELECT 1 FROM milestones m WHERE m.enterprise_id = e.id AND m.milestone = '开工'
                                 AND m.actual_date IS NOT NULL)) AS started,
                   sum(e.stage IN ('投产', '达效') OR EXISTS (SELECT 1 FROM milestones m WHERE m.enterprise_id = e.id
                                 AND m.milestone = '投产' AND m.actual_date IS NOT NULL)) AS producing,
                   sum(CASE WHEN e.stage IN {signed_stages} THEN e.investment_wan END) AS signed_investment_wan
            FROM events ev
            LEFT JOIN event_deals d ON d.event_id = ev.id
            LEFT JOIN enterprises e ON e.id = d.enterprise_id
            WHERE ev.date BETWEEN :start AND :end
            GROUP BY ev.id ORDER BY ev.date, ev.name""",
        _bounds(year),
    )


def ledger_sheet(found: list[dict], year: int, by: str | None):
    """The ledger as the office's sheet for a file: one row per officer, chain or quarter (or the zone), for each
    measure its actual, target and rate as numbers, the unit in the header; 落后 names the measures behind."""
    from promo.io.export import Sheet
    from promo.io.headers import Field

    group = {"owner": "负责人", "chain": "产业链", "quarter": "季度"}.get(by or "", "范围")
    fields = [Field("group_name", group, by or "scope")]
    for m, (name, kind) in MEASURES.items():
        unit, k = ("个", "int") if kind == "count" else ("万元", "money")
        fields += [
            Field(f"{m}_actual", f"{name}完成({unit})", f"{m} actual", kind=k),
            Field(f"{m}_target", f"{name}目标({unit})", f"{m} target", kind=k),
            Field(f"{m}_rate", f"{name}完成率(%)", f"{m} rate (%)", kind="num"),
        ]
    fields.append(Field("behind", "落后", "Behind"))
    groups: dict = {}
    for r in found:
        key = r.get("group_name") or "全区"
        row = groups.setdefault(key, {"group_name": str(key), "behind": []})
        row[f"{r['measure']}_actual"] = r["actual"]
        row[f"{r['measure']}_target"] = r["target"]
        row[f"{r['measure']}_rate"] = round(r["rate"] * 100, 1) if r["rate"] is not None else None
        if r["behind"]:
            row["behind"].append(MEASURES[r["measure"]][0])
    for row in groups.values():
        row["behind"] = "、".join(row["behind"])
    return Sheet(f"{year}台账", f"Ledger {year}", fields, list(groups.values()))
