"""The year's task ledger (任务台账): targets per year, officer, chain or quarter, against what happened.

What happened is read from the catalogue, set-based: signings and stage entries from the stage history,
开工 from the milestones, investment completed and capital arrived from the project reports.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from promo import ledger_facts as facts
from promo.db import require_write, rows, stream
from promo.errors import BadValue, Rejected
from promo.i18n import N_, _, language
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
# unit kind → (the unit a figure is in, the kind of its column in a file)
UNITS = {"count": ("个", "int"), "amount": ("万元", "money")}
BY = ("owner", "chain", "quarter", "event")


def parse_by(value: str | None) -> str | None:
    if value is None:
        return None
    key = value.strip().lower()
    aliases = {"officer": "owner", "负责人": "owner", "产业链": "chain", "季度": "quarter", "活动": "event"}
    key = aliases.get(key, key)
    if key not in BY:
        raise BadValue("--by", value, _("use owner, chain, quarter or event"))
    return key


def parse_measure(value: str | None) -> str | None:
    """A measure as typed: its code (signed), its name in either language (签约项目, projects signed) or an
    officer's word for it (签约, 到资), in either script and any width."""
    if value is None:
        return None
    from promo.text import fold
    from promo.vocabulary import choices, words_to_code

    found = words_to_code("measure").get(fold(value))
    if found is None:
        raise BadValue("--measure", value, _("use one of {choices}").format(choices=choices("measure")))
    return found


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
        r["unit"] = UNITS[MEASURES[r["measure"]][1]][0]
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
            from promo.terminal import check_text

            name = " ".join(check_text(owner, "--owner").split())  # a new officer's name is stored: checked as typed
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
    return "zone", "", _("zone"), []


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
                named = label("measure", measure, language())
                if scope_value:
                    raise Rejected(
                        _("there is no {measure} target of {whom} for {period} to clear").format(
                            measure=named, whom=scope_value, period=period
                        )
                    )
                raise Rejected(
                    _("there is no {measure} target for {period} to clear").format(measure=named, period=period)
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


def ledger(
    conn: sqlite3.Connection, year: int, *, by: str | None = None, on: str | None = None, known_by: bool = False
) -> list[dict]:
    """Plan against actual per group and measure: target, actual, completion rate, and whether it is behind
    the share of the target the elapsed part of the period calls for; with `known_by`, the actuals as they
    stood on `on` (a past week's report, a dated brief) rather than all the year's recorded so far."""
    if by == "event":
        raise ValueError("use event_yield for --by event")
    _require_targets(conn, year)
    names: dict[str, str] = {}
    actual: dict[tuple[str, str], tuple[int, float]] = {}
    for g in rows(conn, facts.totals_sql(by), facts.bounds(year, on if known_by else None) | facts.chain_params()):
        names[g["grp"]] = g["grp_name"]
        for m in MEASURES:
            if g[f"{m}_n"]:
                actual[g["grp"], m] = (g[f"{m}_n"], g[f"{m}_v"] or 0)
    if by:
        # the groups part the facts (an enterprise has one owner and chain, a fact one quarter), so the whole is
        # the sum of the groups' few rows
        whole = "year" if by == "quarter" else ZONE
        for (_grp, m), (n, v) in list(actual.items()):
            total = actual.get((whole, m), (0, 0.0))
            actual[whole, m] = (total[0] + n, total[1] + v)
    scope = {None: "zone", "owner": "owner", "chain": "chain", "quarter": "zone"}[by]
    grp = "CASE t.quarter WHEN 0 THEN 'year' ELSE CAST(t.quarter AS TEXT) END" if by == "quarter" else "t.scope_value"
    target_rows = rows(
        conn,
        f"""SELECT t.measure, t.value, {grp} AS grp, coalesce(i.name, t.scope_value) AS grp_name
            FROM ledger_targets t LEFT JOIN industries i ON t.scope = 'chain' AND i.code = t.scope_value
            WHERE t.year = :year AND t.scope = :scope AND (:by_quarter OR t.quarter = 0)""",
        {"year": year, "scope": scope, "by_quarter": by == "quarter"},
    )
    if by in ("owner", "chain"):
        target_rows += rows(
            conn,
            "SELECT measure, value, ? AS grp, '' AS grp_name FROM ledger_targets "
            "WHERE year = ? AND scope = 'zone' AND quarter = 0",
            (ZONE, year),
        )
    target = {}
    for t in target_rows:
        target[t["grp"], t["measure"]] = t["value"]
        names.setdefault(t["grp"], t["grp_name"])
    order = list(MEASURES)
    out = []
    for grp, measure in sorted(actual.keys() | target.keys(), key=lambda k: (_group_sort(by, k[0]), order.index(k[1]))):
        n, value = actual.get((grp, measure), (0, 0.0))
        got = n if MEASURES[measure][1] == "count" else round(value, 4)
        goal = target.get((grp, measure))
        share = elapsed_share(year, int(grp) if by == "quarter" and grp.isdigit() else 0, on)
        out.append(
            {
                "group": None if grp == ZONE else grp,
                "group_name": _group_name(by, grp, names.get(grp)),
                "measure": measure,
                "label": MEASURES[measure][0],
                "measure_en": label("measure", measure, "en"),
                "unit": UNITS[MEASURES[measure][1]][0],
                "target": goal,
                "actual": got,
                "rate": got / goal if goal else None,
                "expected": round(goal * share, 4) if goal is not None else None,
                "behind": bool(goal and got < goal * share),
            }
        )
    return out


ZONE = "\0zone"  # the zone's own row in a ledger split by officer or chain: sorts first, never an officer's name


def _group_name(by: str | None, grp: str, name: str | None) -> str:
    """A group as the reader names it, in the user's language where promo names it."""
    if grp == ZONE:
        return _("zone")
    if by == "quarter":
        return {"year": _("whole year"), "u": _("no quarter")}.get(grp) or f"Q{grp}"
    if name:
        return name
    return {"owner": _("(no officer)"), "chain": _("(no chain)")}.get(by or "", "")


def _group_sort(by: str | None, grp: str):
    if by == "quarter":
        return int(grp) if grp.isdigit() else {"year": 0, "u": 9}[grp]
    return (grp == "", grp)


def detail(conn: sqlite3.Connection, year: int, *, by: str | None = None, measure: str | None = None) -> Iterator[dict]:
    """The projects behind each figure of the ledger: one row per enterprise and measure, with date and amount,
    handed over as the query yields them."""
    found = stream(
        conn,
        facts.detail_sql(by if by != "event" else None),
        facts.bounds(year)
        | facts.chain_params()
        | {"measure": measure, "no_quarter": _("no quarter"), "no_group": _group_name(by, "", None)},
    )
    return _detail_rows(found, _("whole year"))


def _detail_rows(found: Iterator[dict], whole_year: str) -> Iterator[dict]:
    for r in found:
        del r["pos"]
        r["label"] = MEASURES[r["measure"]][0]
        r["period"] = f"Q{r['quarter']}" if r["quarter"] else whole_year
        del r["quarter"]
        if MEASURES[r["measure"]][1] == "count":
            r["value"] = None
        yield r


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
        facts.bounds(year),
    )


def ledger_sheet(found: list[dict], year: int, by: str | None):
    """The ledger as the office's sheet for a file: one row per officer, chain or quarter (or the zone), for each
    measure its actual, target and rate as numbers, the unit in the header; 落后 names the measures behind."""
    from promo.io.export import Sheet
    from promo.io.headers import Field

    group = {"owner": "负责人", "chain": "产业链", "quarter": "季度"}.get(by or "", "范围")
    fields = [Field("group_name", group, by or "scope")]
    for m, (name, kind) in MEASURES.items():
        unit, k = UNITS[kind]
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
