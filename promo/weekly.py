"""The weekly report for the 招商工作群: what was signed, started and completed this week, what is overdue,
and what needs a leader's coordination; and the after-signing part of `promo overdue`."""

from __future__ import annotations

import datetime as _dt
import sqlite3

from promo import vocabulary
from promo.db import rows
from promo.i18n import N_, _, language
from promo.measures import MONEY, trim
from promo.open_items import overdue_where
from promo.project_periods import SIGNED_IN
from promo.text import today

OVERDUE_KINDS = ("milestone", "service", "coordination")


# each kind in the row shape of `promo overdue`, most overdue first once united
_OVERDUE_SQL = {
    "milestone": """
    SELECT 'milestone' AS kind, e.id, e.name, e.code_name, e.uscc_bad_check, e.stage, e.stage_date, e.owner,
           m.planned_date AS due, CAST(julianday(:today) - julianday(m.planned_date) AS INTEGER) AS days_overdue,
           m.milestone AS detail
    FROM milestones m JOIN enterprises e ON e.id = m.enterprise_id
    WHERE {overdue} AND (:owner IS NULL OR e.owner = :owner)""",
    "service": """
    SELECT 'service' AS kind, e.id, e.name, e.code_name, e.uscc_bad_check, e.stage, e.stage_date,
           coalesce(s.officer, e.owner) AS owner, s.due_date AS due,
           CAST(julianday(:today) - julianday(s.due_date) AS INTEGER) AS days_overdue,
           s.item || ' · ' || d.name AS detail
    FROM services s JOIN enterprises e ON e.id = s.enterprise_id JOIN departments d ON d.id = s.department_id
    WHERE {overdue} AND (:owner IS NULL OR coalesce(s.officer, e.owner) = :owner)""",
    "coordination": """
    SELECT 'coordination' AS kind, e.id, e.name, e.code_name, e.uscc_bad_check, e.stage, e.stage_date,
           e.owner, c.due_date AS due, CAST(julianday(:today) - julianday(c.due_date) AS INTEGER) AS days_overdue,
           c.issue || coalesce(' · ' || d.name, '') || coalesce(' · ' || c.leader, '') AS detail
    FROM coordination c JOIN enterprises e ON e.id = c.enterprise_id LEFT JOIN departments d ON d.id = c.department_id
    WHERE {overdue} AND (:owner IS NULL OR e.owner = :owner)""",
}


def _overdue_sql(kind: str, on: str | None) -> str:
    return _OVERDUE_SQL[kind].format(overdue=overdue_where(kind, on))


def overdue_after_signing(
    conn: sqlite3.Connection,
    *,
    owner: str | None = None,
    kinds: tuple[str, ...] = OVERDUE_KINDS,
    on: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Milestones past their planned date, services past due and coordination items past due, most overdue
    first, in the shape of `promo overdue`'s rows (kind, name, stage, owner, due, days_overdue, detail)."""
    if limit is None:
        union = " UNION ALL ".join(_overdue_sql(k, on) for k in kinds)
    else:
        # the most overdue of each kind first (the oldest due dates, read off their indexes), then of them all
        union = " UNION ALL ".join(
            f"SELECT * FROM ({_overdue_sql(k, on)} ORDER BY due LIMIT {int(limit)})" for k in kinds
        )
    sql = f"SELECT * FROM ({union}) ORDER BY days_overdue DESC, name"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    found = rows(conn, sql, {"today": on or today(), "owner": owner})
    for r in found:
        if r["kind"] == "milestone":
            r["detail"] = _("{milestone}: planned for {date}, not reached").format(
                milestone=vocabulary.shown("milestone", r["detail"]), date=r["due"]
            )
    return found


def overdue_count(conn: sqlite3.Connection, *, on: str | None = None) -> int:
    """How many milestones, services and coordination items are overdue (each counted on its own index)."""
    m, s, c = (overdue_where(k, on) for k in OVERDUE_KINDS)
    return conn.execute(
        f"""SELECT (SELECT count(*) FROM milestones m WHERE {m})
                 + (SELECT count(*) FROM services s WHERE {s})
                 + (SELECT count(*) FROM coordination c WHERE {c})""",
        {"today": on or today()},
    ).fetchone()[0]


def week_of(date: str) -> tuple[str, str]:
    """Monday and Sunday of the week holding `date`."""
    d = _dt.date.fromisoformat(date)
    monday = d - _dt.timedelta(days=d.weekday())
    return monday.isoformat(), (monday + _dt.timedelta(days=6)).isoformat()


def weekly(conn: sqlite3.Connection, on: str | None = None, *, overdue_limit: int | None = None) -> dict:
    """The week's report: signed, started, completed and in production this week; overdue (the most overdue
    `overdue_limit`, with the total); open coordination per leader; and the year's ledger where targets are set."""
    on = on or today()
    start, end = week_of(on)
    events = rows(
        conn,
        f"""WITH {SIGNED_IN}
            SELECT 'signed' AS what, e.id, e.name, e.owner, s.date, e.investment_wan
              FROM signed_in s JOIN enterprises e ON e.id = s.enterprise_id
            UNION ALL
            SELECT CASE m.milestone WHEN '开工' THEN 'started' WHEN '竣工' THEN 'completed'
                                    WHEN '投产' THEN 'producing' ELSE 'achieved' END,
                   e.id, e.name, e.owner, m.actual_date, e.investment_wan
              FROM milestones m JOIN enterprises e ON e.id = m.enterprise_id
              WHERE m.actual_date BETWEEN :start AND :end
            ORDER BY date, name""",
        {"start": start, "end": end},
    )
    sections = {
        k: [r for r in events if r["what"] == k] for k in ("signed", "started", "completed", "producing", "achieved")
    }
    # what was overdue, and the ledger, as they stood at the end of the week (today for this week's report)
    as_of = min(end, today())
    overdue = overdue_after_signing(conn, on=as_of, limit=overdue_limit)
    overdue_total = overdue_count(conn, on=as_of) if overdue_limit is not None else len(overdue)
    from promo import coordination

    open_items = coordination.items(conn, raised_by=end)
    headline = None
    year = int(as_of[:4])
    if conn.execute(
        "SELECT 1 FROM ledger_targets WHERE year = ? AND scope = 'zone' AND quarter = 0", (year,)
    ).fetchone():
        from promo import ledger

        found = ledger.ledger(conn, year, on=as_of, known_by=True)
        headline = [r for r in found if r["target"] is not None]
    return {
        "start": start,
        "end": end,
        "on": on,
        **sections,
        "overdue": overdue,
        "overdue_total": overdue_total,
        "coordination": open_items,
        "ledger": headline,
    }


_SECTION_TITLES = {
    "signed": N_("Signed this week"),
    "started": N_("Started this week"),
    "completed": N_("Completed this week"),
    "producing": N_("In production this week"),
    "achieved": N_("On target this week"),
}


def _wan(value) -> str:
    """An amount in 万元 as the report words it: 3,000万元 or 2亿元 in Chinese; in English as the brief words
    amounts (CNY 30 million, CNY 2 billion), never with Chinese units."""
    if value is None:
        return ""
    if language() == "en":
        return MONEY.words(value, "en")
    if value >= 10000:
        return f"{value / 10000:,.2f}".rstrip("0").rstrip(".") + "亿元"
    return f"{value:,.0f}万元"


def _overdue_detail(r: dict) -> str:
    return _("{detail} ({days} days overdue)").format(detail=r["detail"], days=f"{r['days_overdue']:,}")


def wechat_text(report: dict, zone_name: str = "") -> str:
    """The report as a short plain-text message for a WeChat group: numbered lines, no tables, in the
    reader's language (Chinese by default, as the group reads it)."""
    head = (
        _("【{zone} weekly promotion report】{start} to {end}")
        if zone_name
        else _("【Weekly promotion report】{start} to {end}")
    )
    lines = [head.format(zone=zone_name, start=report["start"], end=report["end"])]
    for key, title in _SECTION_TITLES.items():
        found = report[key]
        if not found:
            continue
        lines.append(_("{title}, {n}:").format(title=_(title), n=len(found)))
        for i, r in enumerate(found, 1):
            amount = (
                _(", {amount}").format(amount=_wan(r["investment_wan"]))
                if key == "signed" and r["investment_wan"]
                else ""
            )
            lines.append(
                _("{i}. {name} ({date}{amount})").format(i=i, name=r["name"], date=r["date"][5:], amount=amount)
            )
    if not any(report[k] for k in _SECTION_TITLES):
        lines.append(_("Nothing signed, started, completed or put into production this week."))
    if report["overdue"]:
        lines.append(_("Overdue, {n}:").format(n=f"{report['overdue_total']:,}"))
        for i, r in enumerate(report["overdue"][:10], 1):
            kind = vocabulary.shown("overdue_kind", r["kind"])
            lines.append(
                _("{i}. [{kind}] {name}: {detail}").format(i=i, kind=kind, name=r["name"], detail=_overdue_detail(r))
            )
        if report["overdue_total"] > 10:
            lines.append(_("… {n} more in promo overdue").format(n=f"{report['overdue_total'] - 10:,}"))
    if report["coordination"]:
        lines.append(_("For a leader to coordinate, {n}:").format(n=len(report["coordination"])))
        for i, r in enumerate(report["coordination"], 1):
            who = r["leader"] or _("to be decided")
            dept = _(", {department}").format(department=r["department"]) if r["department"] else ""
            due = _(", due {date}").format(date=r["due_date"]) if r["due_date"] else ""
            lines.append(
                _("{i}. {who}: {name} {issue}{department}{due}").format(
                    i=i, who=who, name=r["name"], issue=r["issue"], department=dept, due=due
                )
            )
    if report["ledger"]:
        parts = []
        for r in report["ledger"]:
            shown = (
                f"{trim(r['actual'], 4)}/{trim(r['target'], 4)}"
                if r["unit"] == "个"
                else f"{_wan(r['actual'])}/{_wan(r['target'])}"
            )
            parts.append(
                f"{vocabulary.shown('measure', r['measure'])} {shown}" + (_(" (behind)") if r["behind"] else "")
            )
        lines.append(_("The year's tasks: {parts}").format(parts=_("; ").join(parts)))
    return "\n".join(lines) + "\n"


def weekly_rows(report: dict) -> list[dict]:
    """The report as rows (section, enterprise, date, detail) for a table, CSV, JSON or the weekly sheet."""
    out = []
    for key, title in _SECTION_TITLES.items():
        for r in report[key]:
            out.append(
                {
                    "section": key,
                    "section_label": _(title),
                    "name": r["name"],
                    "owner": r["owner"],
                    "date": r["date"],
                    "detail": _wan(r["investment_wan"]) if key == "signed" else "",
                    "leader": None,
                    "investment_wan": r["investment_wan"] if key == "signed" else None,
                }
            )
    for r in report["overdue"]:
        out.append(
            {
                "section": f"overdue_{r['kind']}",
                "section_label": _("Overdue"),
                "name": r["name"],
                "owner": r["owner"],
                "date": r["due"],
                "detail": _overdue_detail(r),
                "leader": None,
                "investment_wan": None,
            }
        )
    for r in report["coordination"]:
        out.append(
            {
                "section": "coordination",
                "section_label": _("For a leader to coordinate"),
                "name": r["name"],
                "owner": None,
                "date": r["due_date"],
                "detail": r["issue"] + (f" · {r['department']}" if r["department"] else ""),
                "leader": r["leader"],
                "investment_wan": None,
            }
        )
    return out


def weekly_sheet(report: dict):
    """The weekly sheet for a file (.xlsx or .csv): the rows of `weekly_rows`, the signed amount a number."""
    from promo.io.export import Sheet
    from promo.io.headers import Field

    fields = [
        Field("section_label", "类别", "Section"),
        Field("name", "企业名称", "Enterprise"),
        Field("owner", "负责人", "Owner"),
        Field("leader", "牵头领导", "Leader"),
        Field("date", "日期", "Date", kind="date"),
        Field("investment_wan", "投资额(万元)", "Investment (10k CNY)", kind="money"),
        Field("detail", "详情", "Detail"),
    ]
    return Sheet(f"周报 {report['start']}", f"Weekly {report['start']}", fields, weekly_rows(report))
