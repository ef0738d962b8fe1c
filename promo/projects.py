"""A project after its signature: milestones (开工 → 竣工 → 投产 → 达效), investment, capital arrived, jobs, 亩均.

The planned total investment and planned jobs are the enterprise's own investment_wan and jobs (what it
signed for); reports add what happened, per year or quarter. Writers take a connection and parsed values
and run inside `promo.db.write`, so the CLI and an import adapter call the same functions.
"""

from __future__ import annotations

import sqlite3

from promo.db import now, require_write, rows
from promo.errors import BadValue, Rejected
from promo.i18n import N_, _
from promo.measures import trim
from promo.project_periods import quarter_of
from promo.summary import note as journal_note
from promo.text import fold, today
from promo.vocabulary import LABELS, MILESTONE_STAGES, MILESTONES, label, sql_in, stage_index, words_to_code
from promo.vocabulary import SIGNED as SIGNED_STAGES

_MILESTONE_SYNONYMS = {
    "开工": ("start", "started", "construction", "groundbreaking", "动工"),
    "竣工": ("completion", "complete", "built", "完工"),
    "投产": ("production", "producing", "operating", "运营"),
    "达效": ("achieved", "on-target", "target", "达产"),
}
# the labels too: what an English screen shows (construction started) is read back
_MILESTONE_BY_KEY = words_to_code({k: (*LABELS["milestone"][k], *words) for k, words in _MILESTONE_SYNONYMS.items()})
SIGNED = "签约"

REPORT_FIELDS = {
    # field → (column, option, kind)
    "completed_investment": ("completed_investment_wan", "--completed-investment", "amount"),
    "arrived": ("arrived_wan", "--arrived", "amount"),
    "jobs_created": ("jobs_created", "--jobs-created", "int"),
    "output": ("output_wan", "--output", "amount"),
    "tax": ("tax_wan", "--tax", "amount"),
    "land_mu": ("land_mu", "--land-mu", "area"),
    "floor_m2": ("floor_m2", "--floor-area", "area"),
}


def parse_milestone(value: str, field: str = "MILESTONE") -> str:
    """开工, 竣工, 投产 or 达效 (or English: start, completion, production, achieved)."""
    m = _MILESTONE_BY_KEY.get(fold(value))
    if not m:
        raise BadValue(
            field, value, _("not a milestone; use 开工, 竣工, 投产 or 达效 (start, completion, production, achieved)")
        )
    return m


def parse_year(value, field: str = "--year") -> int:
    """A calendar year, 1900 … 2200."""
    from promo.text import parse_number

    year = parse_number(value, field, minimum=1900, maximum=2200, integer=True, unit_suffixes=("年",))
    if year is None:
        raise BadValue(field, value, _("give a year such as 2026"))
    return year


def signing_date(conn: sqlite3.Connection, enterprise_id: int) -> str | None:
    """When the enterprise signed: its first stage entry at 签约 or later (one added at 落地 signed by then)."""
    row = conn.execute(
        f"SELECT min(date) FROM stage_history WHERE enterprise_id = ? AND stage IN {sql_in(SIGNED_STAGES)}",
        (enterprise_id,),
    ).fetchone()
    return row[0]


def set_signing_date(conn: sqlite3.Connection, name: str, date: str) -> dict:
    """Record when an enterprise added past 签约 signed (or correct its 签约 entry), so milestones, reports and the
    ledger count from the real signing and not from the stage it was entered at."""
    from promo.identity import get

    require_write(conn)
    e = get(conn, name, exact=True)
    if stage_index(e["stage"]) < stage_index(SIGNED):
        raise Rejected(
            _("{name} is at {stage}, not signed: it has no signing date").format(name=e["name"], stage=e["stage"])
        )
    if date > today():
        raise BadValue("--signed", date, _("is in the future (today is {today})").format(today=today()))
    later = conn.execute(
        f"""SELECT min(date) FROM stage_history WHERE enterprise_id = ? AND stage IN {sql_in(SIGNED_STAGES)}
              AND stage != ?""",
        (e["id"], SIGNED),
    ).fetchone()[0]
    first_milestone = conn.execute(
        "SELECT min(actual_date) FROM milestones WHERE enterprise_id = ?", (e["id"],)
    ).fetchone()[0]
    for what, when in ((_("a later stage"), later), (_("its first milestone"), first_milestone)):
        if when and date > when:
            raise Rejected(
                _("signing date {date} of {name}: after {what} ({when})").format(
                    date=date, name=e["name"], what=what, when=when
                )
            )
    entry = conn.execute(
        "SELECT id, date FROM stage_history WHERE enterprise_id = ? AND stage = ? ORDER BY date, id LIMIT 1",
        (e["id"], SIGNED),
    ).fetchone()
    old = signing_date(conn, e["id"])
    if entry is not None:
        conn.execute("UPDATE stage_history SET date = ? WHERE id = ?", (date, entry["id"]))
        if e["stage"] == SIGNED:
            conn.execute("UPDATE enterprises SET stage_date = ? WHERE id = ?", (date, e["id"]))
    else:
        conn.execute(
            "INSERT INTO stage_history (enterprise_id, stage, date, reason, recorded_at) VALUES (?, ?, ?, ?, ?)",
            (e["id"], SIGNED, date, "签约日期", now()),
        )
    summary = journal_note(N_("signed {name} {date}"), name=e["name"], date=date)
    return {"id": e["id"], "name": e["name"], "old": old, "date": date, "summary": summary}


def _require_signed(conn: sqlite3.Connection, e: sqlite3.Row) -> str | None:
    if stage_index(e["stage"]) < stage_index(SIGNED):
        raise Rejected(
            _("{name} is at {stage}, not signed: milestones and reports begin at {signed}").format(
                name=e["name"], stage=e["stage"], signed=SIGNED
            ),
            _("move it first: {command}").format(command=f"promo enterprises move {e['name']} {SIGNED} --date …"),
        )
    return signing_date(conn, e["id"]) or (e["stage_date"] if e["stage"] == SIGNED else None)


def _check_order(conn, e, milestone: str, column: str, date: str, option: str, signed: str | None) -> None:
    """`date` not before signing, not before an earlier milestone's, not after a later one's (same column)."""
    if signed and date < signed:
        raise Rejected(
            _("{option} {date}: {milestone} of {name} cannot come before its signing ({signed})").format(
                option=option, date=date, milestone=milestone, name=e["name"], signed=signed
            )
        )
    pos = MILESTONES.index(milestone)
    for other, other_date in conn.execute(
        f"SELECT milestone, {column} FROM milestones WHERE enterprise_id = ? AND {column} IS NOT NULL", (e["id"],)
    ):
        before = MILESTONES.index(other) < pos
        if other != milestone and ((before and date < other_date) or (not before and date > other_date)):
            if before:
                why = _("{option} {date}: {milestone} cannot come before {other} ({other_date}) of {name}")
            else:
                why = _("{option} {date}: {milestone} cannot come after {other} ({other_date}) of {name}")
            raise Rejected(
                why.format(
                    option=option, date=date, milestone=milestone, other=other, other_date=other_date, name=e["name"]
                ),
                _("milestones run {order}; correct {other} first if its date is wrong").format(
                    order=" → ".join(MILESTONES), other=other
                ),
            )


def set_milestone(
    conn: sqlite3.Connection,
    name: str,
    milestone: str,
    *,
    date: str | None = None,
    planned: str | None = None,
    note: str | None = None,
) -> dict:
    """Record a milestone's actual and/or planned date ('' clears one); 投产 and 达效 move the stage when it is
    behind. A milestone left with neither date is removed; clearing never moves the stage back."""
    from promo import enterprises
    from promo.identity import get

    require_write(conn)
    given = (("actual_date", "--date", date), ("planned_date", "--planned", planned))
    cleared = [(col, option) for col, option, value in given if value == ""]
    date, planned = date or None, planned or None
    if date is None and planned is None and not cleared:
        raise BadValue(
            "--date",
            _("(missing)"),
            _("give the date {milestone} happened (--date) or is planned (--planned)").format(milestone=milestone),
        )
    if date and date > today():
        raise BadValue(
            "--date", date, _("is in the future (today is {today}); a plan goes in --planned").format(today=today())
        )
    e = get(conn, name)
    signed = _require_signed(conn, e)
    if date:
        _check_order(conn, e, milestone, "actual_date", date, "--date", signed)
    if planned:
        _check_order(conn, e, milestone, "planned_date", planned, "--planned", signed)
    old = conn.execute(
        "SELECT * FROM milestones WHERE enterprise_id = ? AND milestone = ?", (e["id"], milestone)
    ).fetchone()
    for col, option in cleared:
        if old is None or old[col] is None:
            what = _("actual date") if col == "actual_date" else _("planned date")
            raise Rejected(
                _("{option} '': {milestone} of {name} has no {what} to clear").format(
                    option=option, milestone=milestone, name=e["name"], what=what
                )
            )
    if cleared:
        sets = ", ".join(f"{col} = NULL" for col, _option in cleared)
        conn.execute(f"UPDATE milestones SET {sets} WHERE id = ?", (old["id"],))
    if date or planned or note:
        conn.execute(
            """INSERT INTO milestones (enterprise_id, milestone, planned_date, actual_date, note, recorded_at)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (enterprise_id, milestone) DO UPDATE SET
                 planned_date = coalesce(excluded.planned_date, planned_date),
                 actual_date = coalesce(excluded.actual_date, actual_date),
                 note = coalesce(excluded.note, note)""",
            (e["id"], milestone, planned, date, note, now()),
        )
    conn.execute(  # neither planned nor done: no milestone at all
        "DELETE FROM milestones WHERE enterprise_id = ? AND milestone = ? AND planned_date IS NULL "
        "AND actual_date IS NULL",
        (e["id"], milestone),
    )
    kept = "SELECT planned_date, actual_date, note FROM milestones WHERE enterprise_id = ? AND milestone = ?"
    new = conn.execute(kept, (e["id"], milestone)).fetchone()
    before = (old["planned_date"], old["actual_date"], old["note"]) if old else None
    moved = None
    changed = [c for c, given in (("actual_date", date), ("planned_date", planned), ("note", note)) if given]
    changed += ["-" + col for col, _option in cleared]  # worded "… cleared" (promo.summary)
    stage = MILESTONE_STAGES.get(milestone)
    redated = None
    if date and stage and stage_index(e["stage"]) < stage_index(stage):
        moved = enterprises.move(conn, e["name"], stage, date=date)
    elif date and stage and old and old["actual_date"]:  # re-dated: the stage it moved to moves with it
        redated = enterprises.redate_stage(conn, e, stage, old["actual_date"], date)
    return {
        "id": e["id"],
        "name": e["name"],
        "milestone": milestone,
        "date": date,
        "planned": planned,
        "old": dict(old) if old else None,
        "moved": moved,
        "redated": redated,
        "changed": bool(moved) or before != (tuple(new) if new else None),
        "cleared": [option for _col, option in cleared],
        "summary": journal_note(
            N_("milestone {name} {milestone}: {fields}"), name=e["name"], milestone=milestone, fields=changed
        ),
    }


def milestones(conn: sqlite3.Connection, name: str) -> dict:
    """An enterprise's four milestones in order, planned and actual, with days late against plan."""
    from promo.identity import get

    e = get(conn, name)
    have = {
        r["milestone"]: dict(r) for r in conn.execute("SELECT * FROM milestones WHERE enterprise_id = ?", (e["id"],))
    }
    out = []
    for m in MILESTONES:
        r = have.get(m, {})
        planned, actual = r.get("planned_date"), r.get("actual_date")
        late = None
        if planned and (actual or today()) > planned:
            late = _days_between(planned, actual or today())
        out.append(
            {
                "milestone": m,
                "milestone_en": label("milestone", m, "en"),
                "planned_date": planned,
                "actual_date": actual,
                "days_late": late,
                "note": r.get("note"),
            }
        )
    return {"enterprise": dict(e), "signed": signing_date(conn, e["id"]), "milestones": out}


def _days_between(a: str, b: str) -> int:
    import datetime as dt

    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


def record_report(
    conn: sqlite3.Connection, name: str, year: int, quarter: int, values: dict, *, over_plan: bool = False
) -> dict:
    """Set the given figures of an enterprise's report for a year (quarter 0) or quarter; others are kept.

    Completed investment is cumulative (累计完成投资): it may not fall below an earlier period's figure, nor
    pass the planned total (the enterprise's investment) unless `over_plan`.
    """
    from promo.identity import get

    require_write(conn)
    unknown = set(values) - set(REPORT_FIELDS)
    if unknown:
        raise ValueError(f"unknown report fields {sorted(unknown)}")
    given = {k: v for k, v in values.items() if v is not None}
    if not given:
        raise BadValue(
            "--year",
            year,
            _("give at least one figure: {options}").format(
                options=", ".join(o for _c, o, _u in REPORT_FIELDS.values())
            ),
        )
    e = get(conn, name)
    signed = _require_signed(conn, e)
    if signed and year < int(signed[:4]):
        raise Rejected(
            _("--year {year}: {name} signed on {signed}; a report comes from its signing year on").format(
                year=year, name=e["name"], signed=signed
            )
        )
    if year > int(today()[:4]):
        raise BadValue(
            "--year", year, _("is in the future (today is {today}); report what has happened").format(today=today())
        )
    if quarter and (year, quarter) > quarter_of(today()):
        raise BadValue(
            "--quarter",
            quarter,
            _("{year} Q{quarter} has not begun (today is {today}); report what has happened").format(
                year=year, quarter=quarter, today=today()
            ),
        )
    if quarter and signed and (year, quarter) < quarter_of(signed):
        raise Rejected(
            _("--quarter {quarter}: {name} signed on {signed}; a report comes from its signing quarter on").format(
                quarter=quarter, name=e["name"], signed=signed
            )
        )
    done = given.get("completed_investment")
    if done is not None:
        planned = e["investment_wan"]
        if planned is not None and done > planned and not over_plan:
            raise Rejected(
                _("--completed-investment {done} 万元: more than the planned total of {name} ({planned} 万元)").format(
                    done=trim(done, 4), name=e["name"], planned=trim(planned, 4)
                ),
                _(
                    "an overrun is real but must be deliberate: add --over-plan, or correct the plan with {command}"
                ).format(command="promo enterprises update … --investment"),
            )
        # periods in time order: a year's quarters, then the year's own figure (its end)
        clash = conn.execute(
            """SELECT year, quarter, done, key > :mine AS later FROM (
                 SELECT year, quarter, completed_investment_wan AS done,
                        year * 10 + (CASE quarter WHEN 0 THEN 5 ELSE quarter END) AS key
                 FROM project_reports WHERE enterprise_id = :eid AND completed_investment_wan IS NOT NULL)
               WHERE (key < :mine AND done > :done) OR (key > :mine AND done < :done)
               LIMIT 1""",
            {"eid": e["id"], "mine": year * 10 + (quarter or 5), "done": done},
        ).fetchone()
        if clash:
            when = f"{clash['year']}" + (f" Q{clash['quarter']}" if clash["quarter"] else "")
            if clash["later"]:
                why = _(
                    "--completed-investment {done} 万元: more than the {reported} 万元 reported for the later "
                    "period {period}; completed investment is counted to date (累计) and does not fall"
                )
            else:
                why = _(
                    "--completed-investment {done} 万元: less than the {reported} 万元 reported for the earlier "
                    "period {period}; completed investment is counted to date (累计) and does not fall"
                )
            raise Rejected(why.format(done=trim(done, 4), reported=trim(clash["done"], 4), period=when))
    cols = {REPORT_FIELDS[k][0]: v for k, v in given.items()}
    names = ", ".join(cols)
    marks = ", ".join("?" * len(cols))
    updates = ", ".join(f"{c} = excluded.{c}" for c in cols)
    conn.execute(
        f"""INSERT INTO project_reports (enterprise_id, year, quarter, {names}, recorded_at)
            VALUES (?, ?, ?, {marks}, ?)
            ON CONFLICT (enterprise_id, year, quarter) DO UPDATE SET {updates}, recorded_at = excluded.recorded_at""",
        (e["id"], year, quarter, *cols.values(), now()),
    )
    from promo.ledger_facts import arrived_not_counted

    warnings = [w for w in [arrived_not_counted(conn, e, year, quarter) if "arrived" in given else None] if w]
    if any(k in given for k in ("output", "tax")) and stage_index(e["stage"]) < stage_index("投产"):
        warnings.append(
            _("{name} is at {stage}, not yet 投产; output and tax usually start with production").format(
                name=e["name"], stage=e["stage"]
            )
        )

    fields = sorted(REPORT_FIELDS[k][0] for k in given)
    report = N_("report {name} {year} Q{quarter}: {fields}") if quarter else N_("report {name} {year}: {fields}")
    return {
        "id": e["id"],
        "name": e["name"],
        "year": year,
        "quarter": quarter,
        "set": sorted(given),
        "warnings": warnings,
        "summary": journal_note(report, name=e["name"], year=year, quarter=quarter, fields=fields),
    }


PER_AREA_SQL = """
    r.output_wan / r.land_mu AS output_per_mu,
    r.tax_wan / r.land_mu AS tax_per_mu,
    r.output_wan * 10000.0 / coalesce(r.floor_m2, h.area) AS output_per_m2,
    r.tax_wan * 10000.0 / coalesce(r.floor_m2, h.area) AS tax_per_m2"""


def reports(conn: sqlite3.Connection, name: str | None = None, *, year: int | None = None) -> list[dict]:
    """Reports with 亩均 figures: output and tax per 亩 of land (万元/亩), per ㎡ of floor (元/㎡).

    A rented project that gives no --floor-area is measured on the area of the units it leases.
    """
    from promo.identity import get

    where, params = ["1=1"], {}
    if name is not None:
        where.append("r.enterprise_id = :eid")
        params["eid"] = get(conn, name)["id"]
    if year is not None:
        where.append("r.year = :year")
        params["year"] = year
    return rows(
        conn,
        f"""SELECT r.*, e.name, e.code_name, e.owner, e.investment_wan AS planned_investment_wan,
                   e.jobs AS planned_jobs, coalesce(r.floor_m2, h.area) AS measured_m2,
                   CASE WHEN r.completed_investment_wan IS NOT NULL AND e.investment_wan > 0
                        THEN r.completed_investment_wan / e.investment_wan END AS completed_share,
                   {PER_AREA_SQL}
            FROM project_reports r JOIN enterprises e ON e.id = r.enterprise_id
            LEFT JOIN (SELECT enterprise_id, sum(area_m2) AS area FROM units
                       WHERE status = 'leased' GROUP BY enterprise_id) h ON h.enterprise_id = r.enterprise_id
            WHERE {" AND ".join(where)} ORDER BY e.name, r.year, r.quarter""",
        params,
    )


def late_count(conn: sqlite3.Connection, on: str | None = None) -> int:
    """How many milestones are past their planned date with no actual date."""
    return conn.execute(
        "SELECT count(*) FROM milestones WHERE actual_date IS NULL AND planned_date < ?", (on or today(),)
    ).fetchone()[0]
