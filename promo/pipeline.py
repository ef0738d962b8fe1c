"""Pipeline reports: the funnel per stage, its time series, follow-ups and stage deadlines that are overdue.

Everything is counted in SQL. Conversion between consecutive stages is read off the current stages:
an enterprise at 投产 has passed 签约, 注册 and 落地 even when a stage was skipped, so
conversion(签约 → 注册) = enterprises at 注册 or later / enterprises at 签约 or later.
Days in a stage come from the stage history: the time between entering a stage and the next move.
"""

from __future__ import annotations

import sqlite3

from promo.db import require_write, rows
from promo.errors import BadValue, Rejected
from promo.i18n import N_, _
from promo.industries import ROOTS
from promo.summary import note as journal_note
from promo.text import today
from promo.vocabulary import STAGES, labels, stage_values

_STAGE_VALUES = stage_values()
STAGE_EN = labels("stage", "en")

# --by: the group each enterprise counts in; NULLs get a label so they are counted, not dropped
GROUPS = {
    "industry": "coalesce(root.name, '(产业未填)')",
    "source": "coalesce(e.source_channel, '(来源未填)')",
    "owner": "coalesce(e.owner, '(未分配)')",
    "carrier": "coalesce(c.name, '(无载体)')",
}
_GROUP_JOINS = f"""
LEFT JOIN carriers c ON c.id = e.carrier_id
LEFT JOIN (
  WITH RECURSIVE {ROOTS}
  SELECT roots.id, i.name FROM roots JOIN industries i ON i.id = roots.root_id) root ON root.id = e.industry_id
"""
PERIODS = {
    "month": "strftime('%Y-%m', {d})",
    "quarter": "strftime('%Y', {d}) || '-Q' || ((CAST(strftime('%m', {d}) AS INTEGER) + 2) / 3)",
}


def parse_by(value: str | None) -> str | None:
    if value is None:
        return None
    key = value.strip().lower()
    if key not in GROUPS:
        raise BadValue("--by", value, _("group by one of {choices}").format(choices=", ".join(GROUPS)))
    return key


def funnel(conn: sqlite3.Connection, by: str | None = None) -> list[dict]:
    """Per stage (and group): enterprises at it, at it or later, their investment, conversion to the next
    stage and the median days spent in it."""
    group = GROUPS[by] if by else "''"
    sql = f"""
    WITH st(stage, pos) AS (VALUES {_STAGE_VALUES}),
    g AS (SELECT {group} AS grp, e.id, e.stage, e.investment_wan FROM enterprises e {_GROUP_JOINS}),
    counts AS (SELECT grp, stage, count(*) AS n, sum(investment_wan) AS inv FROM g GROUP BY grp, stage),
    groups AS (SELECT grp, count(*) AS total FROM g GROUP BY grp),
    grid AS (
      SELECT groups.grp, groups.total, st.stage, st.pos, coalesce(counts.n, 0) AS n, counts.inv
      FROM groups CROSS JOIN st LEFT JOIN counts ON counts.grp = groups.grp AND counts.stage = st.stage),
    reached AS (
      SELECT *, sum(n) OVER (PARTITION BY grp ORDER BY pos DESC) AS reached FROM grid),
    stays AS (
      SELECT g.grp, h.stage,
             julianday(LEAD(h.date) OVER (PARTITION BY h.enterprise_id ORDER BY h.date, h.id)) - julianday(h.date)
               AS days
      FROM stage_history h JOIN g ON g.id = h.enterprise_id),
    ranked AS (
      SELECT grp, stage, days,
             ROW_NUMBER() OVER (PARTITION BY grp, stage ORDER BY days) AS rn,
             count(*) OVER (PARTITION BY grp, stage) AS cnt
      FROM stays WHERE days IS NOT NULL),
    medians AS (
      SELECT grp, stage, avg(days) AS median_days, max(cnt) AS stays
      FROM ranked WHERE rn IN ((cnt + 1) / 2, (cnt + 2) / 2) GROUP BY grp, stage)
    SELECT r.grp AS "group", r.stage, r.n AS count, r.reached, r.inv AS investment_wan,
           LEAD(r.reached) OVER (PARTITION BY r.grp ORDER BY r.pos) AS next_reached,
           m.median_days, coalesce(m.stays, 0) AS stays, r.total
    FROM reached r LEFT JOIN medians m ON m.grp = r.grp AND m.stage = r.stage
    ORDER BY r.total DESC, r.grp, r.pos
    """
    out = rows(conn, sql)
    for r in out:
        r["stage_en"] = STAGE_EN[r["stage"]]
        nxt = r.pop("next_reached")
        r["conversion"] = round(nxt / r["reached"], 4) if nxt is not None and r["reached"] else None
        # None (shown blank) when no enterprise at the stage has an investment on record: unknown is not 0
        if r["median_days"] is not None:
            r["median_days"] = round(r["median_days"], 1)
        if not by:
            r.pop("group")
        r.pop("total")
    return out


def headline(found: list[dict]) -> dict[str, int]:
    """The four figures a manager quotes: 招引 (signed or later), 落地, 投产, 达效 (each: that stage or later)."""
    reached = {r["stage"]: r["reached"] for r in found if "group" not in r}
    return {
        "招引": reached.get("签约", 0),
        "落地": reached.get("落地", 0),
        "投产": reached.get("投产", 0),
        "达效": reached.get("达效", 0),
    }


def _next_period(label: str, period: str) -> str:
    year = int(label[:4])
    if period == "month":
        month = int(label[5:]) + 1
        return f"{year + (month > 12)}-{(month - 1) % 12 + 1:02d}"
    quarter = int(label[-1]) + 1
    return f"{year + (quarter > 4)}-Q{(quarter - 1) % 4 + 1}"


def series(
    conn: sqlite3.Connection, period: str, *, since: str | None = None, until: str | None = None, where: str = "1=1"
) -> list[dict]:
    """Per month or quarter: how many enterprises entered each stage, and the investment that signed; from
    `since` to `until` (dates), for the enterprises e that the SQL condition `where` keeps (the brief's focus)."""
    if period not in PERIODS:
        raise BadValue("--period", period, _("use month or quarter"))
    label = PERIODS[period].format(d="h.date")
    found = rows(
        conn,
        f"""SELECT {label} AS period, h.stage, count(DISTINCT h.enterprise_id) AS n,
                   sum(CASE WHEN h.stage = '签约' THEN e.investment_wan END) AS signed_wan
            FROM stage_history h JOIN enterprises e ON e.id = h.enterprise_id
            WHERE h.date >= :since AND h.date <= :until AND {where} GROUP BY period, h.stage ORDER BY period""",
        {"since": since or "0000", "until": until or "9999"},
    )
    if not found:
        return []
    by_period: dict[str, dict] = {}
    for r in found:
        row = by_period.setdefault(r["period"], {"period": r["period"], "signed_investment_wan": None})
        row[STAGE_EN[r["stage"]]] = r["n"]
        if r["signed_wan"] is not None:  # signings whose investment is not on record add nothing, not 0
            row["signed_investment_wan"] = (row["signed_investment_wan"] or 0) + r["signed_wan"]
    # a time series has every period, quiet ones included
    out, current, last = [], found[0]["period"], found[-1]["period"]
    while current <= last:
        row = by_period.get(current, {"period": current, "signed_investment_wan": None})
        for en in STAGE_EN.values():
            row.setdefault(en, 0)
        out.append(row)
        current = _next_period(current, period)
    return out


# -- overdue --------------------------------------------------------------------------------------


# Each enterprise with its stage's deadline rule and the day its stay is judged from: the later of reaching the
# stage and the rule coming into force (a stay before a rule existed broke no rule).
JUDGED = """SELECT e.*, d.days, d.since, d.sample AS rule_sample,
                   max(e.stage_date, coalesce(d.since, e.stage_date)) AS start
            FROM enterprises e JOIN stage_deadlines d ON d.stage = e.stage"""


def stage_deadline(conn: sqlite3.Connection, enterprise_id: int) -> dict | None:
    """An enterprise's stage deadline: {days, since, sample, overdue_days} (overdue_days ≤ 0 when in time)."""
    found = rows(
        conn,
        f"""SELECT days, since, rule_sample AS sample,
                   CAST(julianday(:today) - julianday(start) AS INTEGER) - days AS overdue_days
            FROM ({JUDGED}) WHERE id = :id""",
        {"today": today(), "id": enterprise_id},
    )
    return found[0] if found else None


def overdue(conn: sqlite3.Connection, *, owner: str | None = None, kind: str | None = None) -> list[dict]:
    """Follow-ups past their date (the latest activity's --next) and enterprises past their stage deadline."""
    if kind not in (None, "follow-up", "stage", "lease"):
        raise BadValue("--kind", kind, _("use follow-up, stage or lease"))
    params = {"today": today(), "owner": find_owner(conn, owner) if owner else None}
    parts = []
    if kind in (None, "follow-up"):
        parts.append(
            """SELECT 'follow-up' AS kind, e.id, e.name, e.code_name, e.uscc_bad_check, e.stage, e.stage_date,
                      coalesce(a.owner, e.owner) AS owner, a.next_date AS due,
                      CAST(julianday(:today) - julianday(a.next_date) AS INTEGER) AS days_overdue,
                      a.kind || ' ' || a.date || coalesce(': ' || a.note, '') AS detail
               FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY enterprise_id ORDER BY date DESC, id DESC) AS rn
                     FROM activities) a
               JOIN enterprises e ON e.id = a.enterprise_id
               WHERE a.rn = 1 AND a.next_date < :today
                 AND (:owner IS NULL OR coalesce(a.owner, e.owner) = :owner)"""
        )
    if kind in (None, "stage"):
        parts.append(
            # a stay is judged from the day the deadline rule came into force, never from before it
            f"""SELECT 'stage' AS kind, e.id, e.name, e.code_name, e.uscc_bad_check, e.stage, e.stage_date, e.owner,
                      date(e.start, '+' || e.days || ' days') AS due,
                      CAST(julianday(:today) - julianday(e.start) AS INTEGER) - e.days AS days_overdue,
                      -- the detail is worded in Python, where the day counts get thousands separators
                      printf('%d|%d|%s|%d', CAST(julianday(:today) - julianday(e.stage_date) AS INTEGER), e.days,
                             coalesce(e.since, ''), e.rule_sample) AS detail
               FROM ({JUDGED}) e
               WHERE e.stage_date IS NOT NULL AND julianday(:today) - julianday(e.start) > e.days
                 AND (:owner IS NULL OR e.owner = :owner)"""
        )
    if kind in (None, "lease") and owner is None:
        # a lease about to end is the next prospect's offer: it shows LEASE_NOTICE_DAYS ahead
        parts.append(
            """SELECT 'lease' AS kind, u.id, c.name || '/' || u.code AS name, NULL AS code_name, 0 AS uscc_bad_check,
                      NULL AS stage, u.lease_start AS stage_date, NULL AS owner, u.lease_end AS due,
                      CAST(julianday(:today) - julianday(u.lease_end) AS INTEGER) AS days_overdue,
                      coalesce((SELECT name FROM enterprises WHERE id = u.enterprise_id), '') AS detail
               FROM units u JOIN carriers c ON c.id = u.carrier_id
               WHERE u.status = 'leased' AND u.lease_end <= date(:today, :notice)"""
        )
        params["notice"] = f"+{LEASE_NOTICE_DAYS} days"
    found = rows(conn, " UNION ALL ".join(parts) + " ORDER BY days_overdue DESC, name", params)
    for r in found:
        r["uscc_bad_check"] = bool(r["uscc_bad_check"])
        r["stage_en"] = STAGE_EN.get(r["stage"])
        if r["kind"] == "stage":
            stay, limit, since, sample = r["detail"].split("|")
            detail = _("in {stage} for {days:,} days; deadline {limit:,}").format(
                stage=r["stage"], days=int(stay), limit=int(limit)
            )
            if since and since > r["stage_date"]:
                detail += _(" (rule in force since {date})").format(date=since)
            r["detail"] = detail + (" ※" if sample == "1" else "")
        elif r["kind"] == "lease":
            left = -r["days_overdue"]
            if left < 0:
                ends = _("lease ended {days:,} days ago").format(days=-left)
            else:
                ends = _("lease ends in {days:,} days").format(days=left)
            r["detail"] = ends + (_("; tenant {name}").format(name=r["detail"]) if r["detail"] else "")

    return found


def deadlines(conn: sqlite3.Connection) -> list[dict]:
    """Each stage's deadline in days, with how many enterprises are at it and how many are past it."""
    return rows(
        conn,
        f"""WITH st(stage, pos) AS (VALUES {_STAGE_VALUES})
            SELECT st.stage, d.days, d.since, d.sample,
                   (SELECT count(*) FROM enterprises e WHERE e.stage = st.stage) AS enterprises,
                   (SELECT count(*) FROM enterprises e WHERE e.stage = st.stage AND d.days IS NOT NULL
                      AND julianday(:today) - julianday(e.stage_date) > d.days) AS overdue
            FROM st LEFT JOIN stage_deadlines d ON d.stage = st.stage ORDER BY st.pos""",
        {"today": today()},
    )


LEASE_NOTICE_DAYS = 90
MAX_DEADLINE_DAYS = 3650  # ten years: a longer stay in one stage is no deadline at all


def parse_deadline_days(value: str, stage: str, field: str = "DAYS") -> int:
    """The days an enterprise may stay in `stage`: a whole number of days, 1 … 3,650; 达效 has no deadline."""
    from promo.measures import DAYS

    if stage == STAGES[-1]:
        raise BadValue(
            "STAGE",
            stage,
            _("{stage} is the last stage: no stage follows it, so it has no deadline to move on by").format(
                stage=stage
            ),
            _("set deadlines for {stages}").format(stages=_(", ").join(STAGES[:-1])),
        )
    days = DAYS.parse(value, field)
    if days > MAX_DEADLINE_DAYS:
        raise BadValue(
            field,
            value,
            _("is more than {limit:,} days (ten years); give a real deadline").format(limit=MAX_DEADLINE_DAYS),
        )
    return days


def set_deadline(conn: sqlite3.Connection, stage: str, days: int | None, *, since: str | None = None) -> dict:
    """Set (or with None remove) how many days an enterprise may stay in a stage.

    The rule judges stays from `since` (default: today for a new rule; an existing rule keeps its date), and
    is the office's own from then on (no ※). Returns {stage, old, new, changed, summary}; the same value
    changes nothing.
    """
    require_write(conn)
    summary = journal_note(N_("deadline of {stage} → {days}"), stage=stage, days=days)
    if days is not None and stage == STAGES[-1]:
        raise BadValue(
            "STAGE",
            stage,
            _("{stage} is the last stage: no stage follows it, so it has no deadline").format(stage=stage),
        )
    old = conn.execute("SELECT days, since FROM stage_deadlines WHERE stage = ?", (stage,)).fetchone()
    if days is not None and old is not None and old[0] == days and since in (None, old[1]):
        return {"stage": stage, "old": days, "new": days, "changed": False, "summary": summary}
    if days is None:
        if old is None:
            raise Rejected(_("{stage} has no deadline to remove").format(stage=stage))
        conn.execute("DELETE FROM stage_deadlines WHERE stage = ?", (stage,))
    else:
        conn.execute(
            "INSERT INTO stage_deadlines (stage, days, since, sample) VALUES (?, ?, ?, 0) "
            "ON CONFLICT (stage) DO UPDATE SET days = excluded.days, sample = 0, "
            "since = coalesce(?, stage_deadlines.since, excluded.since)",
            (stage, days, since or today(), since),
        )
    return {"stage": stage, "old": old[0] if old else None, "new": days, "changed": True, "summary": summary}


def owners(conn: sqlite3.Connection) -> list[str]:
    """Every officer on record: owners of enterprises and officers who logged an activity."""
    return [
        r[0]
        for r in conn.execute(
            """SELECT owner FROM enterprises WHERE owner IS NOT NULL
               UNION SELECT owner FROM activities WHERE owner IS NOT NULL ORDER BY 1"""
        )
    ]


def find_owner(conn: sqlite3.Connection, name: str) -> str:
    """The officer `name` designates, as recorded (script, width and spacing folded); NotFound with the
    officers whose names are close, so a typo is not taken for an officer with nothing to do."""
    import difflib

    from promo.errors import NotFound
    from promo.text import fold

    known = owners(conn)
    key = fold(name)
    by_key = {fold(o): o for o in known}
    if key in by_key:
        return by_key[key]
    close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.4)
    close += [k for k in by_key if key and (key in k or k in key) and k not in close]
    found = NotFound(_("officer"), name, [by_key[k] for k in close[:3]])
    if not found.suggestions:
        found.hint = (
            _("officers on record: {names}").format(names="、".join(known[:12]) + (" …" if len(known) > 12 else ""))
            if known
            else _("no officer is on record yet; enterprises get one with --owner")
        )

    raise found
