"""招商目录: leading industries → chains → chain links, their tenants and targets, and the chain gaps.

A link's tenants are the enterprises filed under that link that have signed (签约) or gone further; a link
without one is a gap (延链补链). Targets are enterprises the zone wants on a link; promoting one files it in
the pipeline as a new lead.
"""

from __future__ import annotations

import difflib
import json
import sqlite3

from promo.db import now, require_write, rows
from promo.errors import Ambiguous, BadValue, NotFound, Rejected
from promo.i18n import N_, _
from promo.industries import down, find_related
from promo.summary import note as journal_note
from promo.text import fold, today
from promo.vocabulary import LEADS, SIGNED, Shown, choices, sql_in, stage_order, words_to_code

REASONS = ("头部企业", "关键配套", "补链", "延链", "强链", "技术领先", "以商引商")
STATUSES = Shown("target_status")  # open, promoted, dropped → 待招引 / open …, in the user's language

_IN_SIGNED = sql_in(SIGNED)
_IN_LEADS = sql_in(LEADS)


def parse_segment(value: str | None) -> str | None:
    """上游 / 中游 / 下游, also written up / mid / down."""
    if value is None:
        return None
    seg = words_to_code("segment").get(fold(value))
    if seg is None:
        raise BadValue("--segment", value, _("use 上游, 中游 or 下游"))
    return seg


def parse_priority(value: str | None) -> str | None:
    """高 / 中 / 低 (also high/medium/low, A/B/C, 1/2/3)."""
    if value is None:
        return None
    priority = words_to_code("priority").get(fold(value))
    if priority is None:
        raise BadValue("--priority", value, _("use 高, 中 or 低 (or high/medium/low, A/B/C, 1/2/3)"))
    return priority


def parse_reason(value: str | None) -> str | None:
    """Why the zone wants a target: 头部企业, 关键配套, 补链 …"""
    if value is None:
        return None
    for reason in REASONS:
        if fold(reason) == fold(value):
            return reason
    raise BadValue("--reason", value, _("use one of {choices}").format(choices="、".join(REASONS)))


def find_link(conn: sqlite3.Connection, name: str, field: str = "--link") -> sqlite3.Row:
    """The chain link `name` designates; a chain or industry is refused with its links listed."""
    from promo.lookup import find

    try:
        return find(conn, "industries", name, _("chain link"), where="level = 'link'")
    except NotFound:
        pass
    try:
        other = find(conn, "industries", name, _("industry"))
    except (NotFound, Ambiguous):
        other = None
    if other is not None:
        links = [
            r[0]
            for r in conn.execute(
                f"""WITH RECURSIVE {down("?")}
                   SELECT name FROM industries WHERE level = 'link' AND id IN (SELECT id FROM down) ORDER BY sort""",
                (other["id"],),
            )
        ]
        if other["level"] == "industry":
            why = _("{name} is a leading industry, not a chain link; its links: {links}")
        else:
            why = _("{name} is a chain, not a chain link; its links: {links}")
        raise BadValue(field, name, why.format(name=other["name"], links="、".join(links)))
    names = {r[1]: r[0] for r in conn.execute("SELECT name, name_folded FROM industries WHERE level = 'link'")}
    key = fold(name)
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.4)
    close += [f for f in names if (key in f or f in key) and f not in close]
    raise NotFound(_("chain link"), name, [names[f] for f in close[:3]])


def catalogue(
    conn: sqlite3.Connection, *, industry: str | None = None, segment: str | None = None, gaps: bool = False
) -> list[dict]:
    """Every chain link with its industry, chain, tenants (签约 or later), leads (意向/洽谈) and open targets."""
    where, params = ["l.level = 'link'"], {}
    if industry:
        ids = ",".join(str(int(i)) for i in find_related(conn, industry))
        where.append(f"l.id IN ({ids})")
    if segment:
        where.append("l.segment = :segment")
        params["segment"] = parse_segment(segment)
    sql = f"""
    WITH linked AS (
      SELECT l.id, l.code, l.name AS link, l.name_en AS link_en, l.segment, l.sample,
             c.name AS chain, c.code AS chain_code, ind.name AS industry, ind.code AS industry_code,
             ind.sort AS ind_sort, c.sort AS chain_sort, l.sort AS link_sort,
        (SELECT json_group_array(name) FROM (
           SELECT e.name FROM enterprises e WHERE e.industry_id = l.id AND e.stage IN {_IN_SIGNED}
           ORDER BY {stage_order("e.stage")} DESC, e.name)) AS tenants,
        (SELECT json_group_array(name) FROM (
           SELECT e.name FROM enterprises e WHERE e.industry_id = l.id AND e.stage IN {_IN_LEADS}
           ORDER BY {stage_order("e.stage")} DESC, e.name)) AS leads,
        (SELECT json_group_array(json_object('name', name, 'priority', priority, 'reason', reason, 'sample', sample))
         FROM (SELECT t.name, t.priority, t.reason, t.sample FROM targets t WHERE t.link_id = l.id AND t.status = 'open'
           ORDER BY CASE t.priority WHEN '高' THEN 0 WHEN '中' THEN 1 ELSE 2 END, t.name)) AS targets
      FROM industries l
      JOIN industries c ON c.id = l.parent_id
      JOIN industries ind ON ind.id = c.parent_id
      WHERE {" AND ".join(where)})
    SELECT * FROM linked
    {"WHERE tenants = '[]'" if gaps else ""}
    ORDER BY ind_sort, chain_sort, CASE segment WHEN '上游' THEN 0 WHEN '中游' THEN 1 ELSE 2 END, link_sort
    """
    out = rows(conn, sql, params)
    for r in out:
        for key in ("ind_sort", "chain_sort", "link_sort"):
            r.pop(key)
        r["tenants"] = json.loads(r["tenants"])
        r["leads"] = json.loads(r["leads"])
        r["targets"] = json.loads(r["targets"])
        r["gap"] = not r["tenants"]
        r["sample"] = bool(r["sample"])
    return out


def unplaced(conn: sqlite3.Connection, *, industry: str | None = None) -> list[dict]:
    """Signed enterprises filed under a leading industry or chain, not a link: they fill no link yet."""
    extra = ""
    if industry:
        extra = "AND i.id IN (" + ",".join(str(int(x)) for x in find_related(conn, industry)) + ")"
    return rows(
        conn,
        f"""SELECT e.name, e.stage, i.name AS filed_under, i.level
            FROM enterprises e JOIN industries i ON i.id = e.industry_id
            WHERE i.level <> 'link' AND e.stage IN {_IN_SIGNED} {extra}
            ORDER BY i.sort, e.name""",
    )


def linkless(conn: sqlite3.Connection, *, industry: str | None = None) -> list[dict]:
    """Leading industries and chains with nothing under them yet: the catalogue is a list of links, so they
    show in none of its rows (a new zone's 医疗服务 › 智慧医疗 just added)."""
    from promo.industries import find_subtree

    extra = ""
    if industry:
        extra = "AND i.id IN (" + ",".join(str(int(x)) for x in find_subtree(conn, industry)) + ")"
    return rows(
        conn,
        f"""SELECT i.name, i.level, p.name AS parent FROM industries i LEFT JOIN industries p ON p.id = i.parent_id
            WHERE i.level IN ('industry', 'chain') AND NOT EXISTS (SELECT 1 FROM industries c WHERE c.parent_id = i.id)
            {extra} ORDER BY i.sort, i.id""",
    )


_TARGET_SELECT = f"""
SELECT t.id, t.name, t.priority, t.reason, t.status, t.note, t.created_at, t.sample,
       l.name AS link, l.code AS link_code, l.segment, c.name AS chain, ind.name AS industry,
       e.name AS enterprise, e.stage AS enterprise_stage,
       (SELECT count(*) FROM enterprises x WHERE x.industry_id = l.id AND x.stage IN {_IN_SIGNED}) AS link_tenants
FROM targets t
JOIN industries l ON l.id = t.link_id
LEFT JOIN industries c ON c.id = l.parent_id
LEFT JOIN industries ind ON ind.id = c.parent_id
LEFT JOIN enterprises e ON e.id = t.enterprise_id
"""


def _finish_target(r: dict) -> dict:
    r["status_label"] = STATUSES.get(r["status"], r["status"])
    r["gap"] = r.pop("link_tenants") == 0
    r["sample"] = bool(r["sample"])
    return r


def list_targets(
    conn: sqlite3.Connection,
    *,
    link: str | None = None,
    industry: str | None = None,
    priority: str | None = None,
    status: str | None = "open",
) -> list[dict]:
    """Targets inside the filters, highest priority first; status None lists every status."""
    where, params = ["1=1"], {}
    if link:
        where.append("t.link_id = :link")
        params["link"] = find_link(conn, link)["id"]
    if industry:
        where.append("t.link_id IN (" + ",".join(str(int(i)) for i in find_related(conn, industry)) + ")")
    if priority:
        where.append("t.priority = :priority")
        params["priority"] = parse_priority(priority)
    if status:
        if status not in STATUSES:
            raise BadValue(
                "--status",
                status,
                _("use one of {choices}").format(choices=choices("target_status")),
            )
        where.append("t.status = :status")
        params["status"] = status
    sql = f"""{_TARGET_SELECT} WHERE {" AND ".join(where)}
              ORDER BY CASE t.priority WHEN '高' THEN 0 WHEN '中' THEN 1 WHEN '低' THEN 2 ELSE 3 END,
                       ind.sort, c.sort, l.sort, t.name"""
    return [_finish_target(r) for r in rows(conn, sql, params)]


def find_target(conn: sqlite3.Connection, name: str) -> sqlite3.Row:
    """The target row `name` designates (any script, or a unique part), else NotFound with suggestions."""
    from promo.lookup import find

    return find(conn, "targets", name, _("target"))


def target(conn: sqlite3.Connection, name: str) -> dict:
    """One target with its link, chain, industry, gap flag and, once promoted, its enterprise and stage."""
    row = find_target(conn, name)
    return _finish_target(rows(conn, f"{_TARGET_SELECT} WHERE t.id = ?", (row["id"],))[0])


def add_target(
    conn: sqlite3.Connection,
    name: str,
    *,
    link: str,
    priority: str | None = None,
    reason: str | None = None,
    note: str | None = None,
) -> dict:
    """Add a target enterprise on a chain link; refuses a duplicate or an enterprise already in the pipeline."""
    require_write(conn)
    from promo.terminal import check_text

    name = check_text(name or "", "NAME") or ""
    if not fold(name):
        raise BadValue("NAME", name, _("a target needs a name"))
    note = check_text(note, "--note", max_len=2000, one_line=False)
    link_row = find_link(conn, link)
    priority, reason = parse_priority(priority) or "中", parse_reason(reason)
    key = fold(name)
    # checked under the write lock, so two officers adding the same target at once get one row and a message
    same = conn.execute(
        "SELECT t.name, l.name FROM targets t JOIN industries l ON l.id = t.link_id WHERE t.name_folded = ?",
        (key,),
    ).fetchone()
    if same:
        raise Rejected(
            _("{name} is already a target (on {link})").format(name=same[0], link=same[1]),
            _("see it with: {command}").format(command="promo targets --status all"),
        )
    known = conn.execute("SELECT name, stage FROM enterprises WHERE name_folded = ?", (key,)).fetchone()
    if known:
        raise Rejected(
            _("{name} is already in the pipeline (stage {stage}); a target is an enterprise not yet in it").format(
                name=known[0], stage=known[1]
            ),
            _("see it with: {command}").format(command="promo enterprises show " + known[0]),
        )
    target_id = conn.execute(
        """INSERT INTO targets (name, name_folded, link_id, priority, reason, status, note, created_at, sample)
           VALUES (?, ?, ?, ?, ?, 'open', ?, ?, 0)""",
        (name, key, link_row["id"], priority, reason, note, now()),
    ).lastrowid
    added = _finish_target(rows(conn, f"{_TARGET_SELECT} WHERE t.id = ?", (target_id,))[0])
    return added | {"summary": journal_note(N_("add target {name} on {link}"), name=name, link=link_row["name"])}


def update_target(
    conn: sqlite3.Connection,
    name: str,
    *,
    new_name: str | None = None,
    link: str | None = None,
    priority: str | None = None,
    reason: str | None = None,
    note: str | None = None,
    reopen: bool = False,
) -> dict:
    """Correct a target's name, link, priority, reason or note (only what is given); `reopen` puts a dropped
    target back on the open list. A promoted target is the pipeline's now: its link and name stay."""
    require_write(conn)
    row = find_target(conn, name)
    changes: dict = {}
    if new_name is not None and new_name.strip() != row["name"]:
        if row["status"] == "promoted":
            raise Rejected(
                _("target {name} is in the pipeline; rename the enterprise instead").format(name=row["name"])
            )
        same = conn.execute(
            "SELECT name FROM targets WHERE name_folded = ? AND id != ?", (fold(new_name), row["id"])
        ).fetchone()
        if same:
            raise Rejected(_("{name} is already a target").format(name=same[0]))
        changes |= {"name": new_name.strip(), "name_folded": fold(new_name)}
    if link is not None:
        changes["link_id"] = find_link(conn, link)["id"]
    if priority is not None:
        changes["priority"] = parse_priority(priority)
    if reason is not None:
        changes["reason"] = parse_reason(reason)
    if note is not None:
        changes["note"] = note or None
    if reopen:
        if row["status"] != "dropped":
            raise Rejected(
                _("target {name} is {status}, not dropped").format(
                    name=row["name"], status=STATUSES.get(row["status"], row["status"])
                )
            )
        changes["status"] = "open"
    if changes:
        sets = ", ".join(f"{k} = :{k}" for k in changes)
        conn.execute(f"UPDATE targets SET {sets} WHERE id = :id", {**changes, "id": row["id"]})
    done = rows(conn, f"{_TARGET_SELECT} WHERE t.id = ?", (row["id"],))[0]
    return _finish_target(done) | {
        "summary": journal_note(N_("update target {name}: {fields}"), name=done["name"], fields=sorted(changes))
    }


def promote(
    conn: sqlite3.Connection,
    name: str,
    *,
    stage: str = "意向",
    date: str | None = None,
    owner: str | None = None,
    channel: str | None = None,
    code_name: str | None = None,
    country: str | None = None,
) -> dict:
    """File an open target in the pipeline as a lead (意向 or 洽谈) on its link, in one transaction.

    The enterprise is added by promo.enterprises.add, so the pipeline's own checks hold (a duplicate name,
    a code name already in use, a date in the future); returns the target with `warnings` from that add.
    """
    require_write(conn)
    from promo import enterprises as pipeline
    from promo.enterprise_fields import parse_fields

    row = find_target(conn, name)
    if row["status"] != "open":
        raise _not_open(row)
    if stage not in LEADS:
        raise BadValue(
            "--stage", stage, _("a promoted target starts as a lead: use {stages}").format(stages=_(" or ").join(LEADS))
        )
    link = conn.execute("SELECT code, name FROM industries WHERE id = ?", (row["link_id"],)).fetchone()
    note = (
        "由招商目录目标转入"
        + (f" ({row['reason']})" if row["reason"] else "")
        + (f"; {row['note']}" if row["note"] else "")
    )
    fields = parse_fields(
        {
            "name": row["name"],
            "kind": "company",
            "industry": link["code"],
            "stage": stage,
            "date": date or today(),
            "source_channel": channel,
            "owner": owner,
            "code_name": code_name,
            "country": country,
            "note": note,
        },
        {"source_channel": "--channel"},  # promote's own option, not enterprises add's --source
    )
    added = pipeline.add(conn, fields)
    conn.execute(
        "UPDATE stage_history SET reason = ? WHERE enterprise_id = ?",
        (f"由招商目录目标转入 ({link['name']})", added["id"]),
    )
    conn.execute("UPDATE targets SET status = 'promoted', enterprise_id = ? WHERE id = ?", (added["id"], row["id"]))
    done = target(conn, row["name"])
    done["warnings"] = added["warnings"]
    return done | {"summary": journal_note(N_("promote target {name} to {stage}"), name=row["name"], stage=stage)}


def drop(conn: sqlite3.Connection, name: str, *, why: str | None = None) -> dict:
    """Mark an open target as dropped (kept for the record, no longer listed as open)."""
    require_write(conn)
    from promo.terminal import check_text

    why = check_text(why, "--why", max_len=2000, one_line=False)
    row = find_target(conn, name)
    if row["status"] != "open":
        raise _not_open(row)
    note = "; ".join(x for x in (row["note"], f"放弃: {why}" if why else "放弃") if x)
    conn.execute("UPDATE targets SET status = 'dropped', note = ? WHERE id = ?", (note, row["id"]))
    return target(conn, row["name"]) | {"summary": journal_note(N_("drop target {name}"), name=row["name"])}


def _not_open(row: sqlite3.Row) -> Rejected:
    status = STATUSES.get(row["status"], row["status"])
    return Rejected(_("target {name} is {status}, not open").format(name=row["name"], status=status))
