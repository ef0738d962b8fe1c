"""创新场景机会清单: pilot scenarios that hospitals and platforms open to enterprises."""

from __future__ import annotations

import sqlite3

from promo.db import require_write, rows
from promo.errors import Ambiguous, BadValue, NotFound, Rejected
from promo.i18n import N_, _
from promo.industries import chain_of, family, find_related
from promo.summary import note as journal_note
from promo.text import fold, today
from promo.vocabulary import Shown, by_label, choices, words_to_code

STATUSES = Shown("scenario_status")  # open, matched, closed → 征集中 / open …, in the user's language
OWNER_KINDS = {
    "hospital": "医院",
    "platform": "平台",
    "institute": "科研院所",
    "enterprise": "企业",
    "government": "政府部门",
}
MAX_ID = 2**63 - 1  # SQLite's largest integer: no record number is larger
_OWNER_WORDS = {  # how a 场景清单 names its owners besides the labels
    "hospital": ("三甲医院", "医疗机构", "卫生院"),
    "institute": ("高校", "大学", "研究院", "研究所", "科研机构"),
    "enterprise": ("公司", "企业单位"),
    "government": ("政府", "政府机关", "委办局", "部门"),
}
_OWNER_KIND_BY_FOLDED = words_to_code({k: (v, *_OWNER_WORDS.get(k, ())) for k, v in OWNER_KINDS.items()})
_STATUS_BY_FOLDED = by_label("scenario_status")


def parse_status(value: str | None, field: str = "--status") -> str | None:
    """open / matched / closed, also written 征集中 / 已对接 / 已关闭."""
    if value is None:
        return None
    status = _STATUS_BY_FOLDED.get(fold(value))
    if status is None:
        raise BadValue(field, value, _("use one of {choices}").format(choices=choices("scenario_status")))
    return status


def parse_owner_kind(value: str | None) -> str | None:
    """hospital / platform / institute / enterprise / government, or the Chinese label (医院, 平台 …)."""
    if value is None:
        return None
    kind = _OWNER_KIND_BY_FOLDED.get(fold(value))
    if kind is None:
        from promo.edit.parsers import shown_choices

        raise BadValue(
            "--owner-kind",
            value,
            _("use one of {choices}").format(choices=shown_choices(OWNER_KINDS)),
        )
    return kind


_SELECT = """
SELECT s.id, s.title, s.owner, s.owner_kind, i.name AS industry, i.code AS industry_code, s.need, s.status,
       s.published, s.deadline, s.sample
FROM scenarios s LEFT JOIN industries i ON i.id = s.industry_id
"""


def _finish(r: dict, on: str) -> dict:
    r["status_label"] = STATUSES.get(r["status"], r["status"])
    r["owner_kind_label"] = OWNER_KINDS.get(r["owner_kind"], r["owner_kind"])
    # an open call whose deadline has passed is shown as such: the officer should close or extend it
    r["overdue"] = r["status"] == "open" and bool(r["deadline"]) and r["deadline"] < on
    r["sample"] = bool(r["sample"])
    return r


def list_scenarios(
    conn: sqlite3.Connection,
    *,
    industry: str | None = None,
    status: str | None = None,
    owner: str | None = None,
    owner_kind: str | None = None,
) -> list[dict]:
    """Scenarios inside the filters; --industry covers the whole chain above and below it."""
    where, params = ["1=1"], {}
    if industry:
        where.append("s.industry_id IN (" + ",".join(str(int(i)) for i in find_related(conn, industry)) + ")")
    if status:
        where.append("s.status = :status")
        params["status"] = parse_status(status)
    if owner:
        from promo.lookup import like_escape

        where.append("s.owner_folded LIKE :owner ESCAPE '\\'")
        params["owner"] = f"%{like_escape(fold(owner))}%"
    if owner_kind:
        where.append("s.owner_kind = :owner_kind")
        params["owner_kind"] = parse_owner_kind(owner_kind)
    sql = f"""{_SELECT}
              WHERE {" AND ".join(where)}
              ORDER BY CASE s.status WHEN 'open' THEN 0 WHEN 'matched' THEN 1 ELSE 2 END,
                       s.deadline IS NULL, s.deadline, s.id"""
    on = today()
    return [_finish(r, on) for r in rows(conn, sql, params)]


def for_industry(conn: sqlite3.Connection, industry_id: int | None, *, on: str | None = None) -> list[dict]:
    """Open scenarios on the industry's chain still taking applications.

    For a chain link that is every link of its chain (a hospital piloting microbiome therapies is a
    prospect for a microbiome-drug maker too), the chain and the leading industry above it.
    """
    if industry_id is None:
        return []
    on = on or today()
    level = conn.execute("SELECT level FROM industries WHERE id = ?", (industry_id,)).fetchone()
    root = chain_of(conn, industry_id, level[0] if level else None)
    sql = f"""
    WITH RECURSIVE {family(":id")}
    {_SELECT}
    WHERE s.status = 'open' AND (s.deadline IS NULL OR s.deadline >= :on)
      AND (s.industry_id IN (SELECT id FROM up) OR s.industry_id IN (SELECT id FROM down))
    ORDER BY s.deadline IS NULL, s.deadline, s.id"""
    return [_finish(r, on) for r in rows(conn, sql, {"id": root, "on": on})]


def find_scenario(conn: sqlite3.Connection, ref: str) -> dict:
    """A scenario by its number (as listed) or by its title, whole or a unique part."""
    ref = (ref or "").strip()
    if ref.lstrip("#").isascii() and ref.lstrip("#").isdigit():  # not ² or ①: str.isdigit() says yes to those
        number = int(ref.lstrip("#"))
        if number > MAX_ID:
            raise BadValue(
                "SCENARIO",
                ref,
                _("is not a scenario number (too large); see them with: {command}").format(command="promo scenarios"),
            )
        row = conn.execute("SELECT id FROM scenarios WHERE id = ?", (number,)).fetchone()
        if row is None:
            raise NotFound(_("scenario"), ref)
        ids = [row[0]]
    else:
        from promo.lookup import like_escape

        key = fold(ref)
        ids = [r[0] for r in conn.execute("SELECT id FROM scenarios WHERE title_folded = ?", (key,))]
        if not ids:
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM scenarios WHERE title_folded LIKE ? ESCAPE '\\'", (f"%{like_escape(key)}%",)
                )
            ]
        if not ids:
            import difflib

            titles = {r[1]: r[0] for r in conn.execute("SELECT title, title_folded FROM scenarios")}
            close = difflib.get_close_matches(key, list(titles), n=3, cutoff=0.4)
            raise NotFound(_("scenario"), ref, [titles[f] for f in close])
        if len(ids) > 1:
            titles = [
                r[0] for r in conn.execute(f"SELECT title FROM scenarios WHERE id IN ({','.join(map(str, ids))})")
            ]
            raise Ambiguous(_("scenario"), ref, titles)
    return _finish(rows(conn, f"{_SELECT} WHERE s.id = ?", (ids[0],))[0], today())


def add_scenario(
    conn: sqlite3.Connection,
    title: str,
    *,
    owner: str,
    owner_kind: str | None = None,
    industry: str | None = None,
    need: str | None = None,
    status: str | None = None,
    published: str | None = None,
    deadline: str | None = None,
) -> dict:
    """Add a scenario; the owner is the hospital or platform that opens it."""
    from promo.terminal import check_text

    require_write(conn)
    title = check_text(title or "", "TITLE") or ""
    owner = check_text(owner or "", "--owner") or ""
    need = check_text(need, "--need", max_len=2000, one_line=False)
    if not fold(title):
        raise BadValue("TITLE", title, _("a scenario needs a title"))
    if not fold(owner):
        raise BadValue("--owner", owner, _("name the hospital or platform that opens the scenario"))
    owner_kind = parse_owner_kind(owner_kind)
    status = parse_status(status) or "open"
    published = published or today()
    if deadline and deadline < published:
        raise BadValue("--deadline", deadline, _("is before --published {date}").format(date=published))
    industry_id = None
    if industry:
        from promo.lookup import find

        industry_id = find(conn, "industries", industry, _("industry"))["id"]
    key = fold(title)
    # under the write lock: a second identical call waits, then sees the first
    same = conn.execute(
        "SELECT id FROM scenarios WHERE title_folded = ? AND owner_folded = ?", (key, fold(owner))
    ).fetchone()
    if same:
        raise Rejected(
            _("{owner} already has a scenario titled {title!r} (#{id})").format(owner=owner, title=title, id=same[0])
        )
    scenario_id = conn.execute(
        """INSERT INTO scenarios (title, title_folded, owner, owner_folded, owner_kind, industry_id, need, status,
             published, deadline, sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""",
        (title, key, owner, fold(owner), owner_kind, industry_id, need, status, published, deadline),
    ).lastrowid
    return find_scenario(conn, str(scenario_id)) | {
        "summary": journal_note(N_("add scenario {title} ({owner})"), title=title, owner=owner)
    }


def set_status(conn: sqlite3.Connection, ref: str, status: str, *, deadline: str | None = None) -> dict:
    """Mark a scenario open, matched or closed (and optionally move its deadline)."""
    require_write(conn)
    row = find_scenario(conn, ref)
    status = parse_status(status, "STATUS")
    if deadline and row["published"] and deadline < row["published"]:
        raise BadValue(
            "--deadline", deadline, _("is before the scenario was published ({date})").format(date=row["published"])
        )
    if status == row["status"] and not deadline:
        raise Rejected(_("scenario #{id} is already {status}").format(id=row["id"], status=STATUSES[status]))

    conn.execute(
        "UPDATE scenarios SET status = ?, deadline = coalesce(?, deadline) WHERE id = ?",
        (status, deadline, row["id"]),
    )
    return find_scenario(conn, str(row["id"])) | {
        "summary": journal_note(N_("scenario #{id} → {scenario_status}"), id=row["id"], scenario_status=status)
    }


def update_scenario(conn: sqlite3.Connection, ref: str, **given) -> dict:
    """Correct a scenario's title, owner, owner kind, industry, need, dates or status (only what is given)."""
    from promo.terminal import check_text

    require_write(conn)
    row = find_scenario(conn, ref)
    changes: dict = {}
    for key, option in (("title", "TITLE"), ("owner", "--owner")):
        value = given.get(key)
        if value is not None:
            value = check_text(value, option) or ""
            if not fold(value):
                raise BadValue(option, value, _("is empty"))
            changes |= {key: value, f"{key}_folded": fold(value)}
    if given.get("need") is not None:
        changes["need"] = check_text(given["need"], "--need", max_len=2000, one_line=False) or None
    if given.get("owner_kind") is not None:
        changes["owner_kind"] = parse_owner_kind(given["owner_kind"])
    if given.get("status") is not None:
        changes["status"] = parse_status(given["status"])
    if given.get("industry") is not None:
        from promo.lookup import find

        changes["industry_id"] = find(conn, "industries", given["industry"], _("industry"))["id"]
    for key in ("published", "deadline"):
        if given.get(key) is not None:
            changes[key] = given[key]
    published, deadline = changes.get("published", row["published"]), changes.get("deadline", row["deadline"])
    if deadline and published and deadline < published:
        raise BadValue("--deadline", deadline, _("is before --published {date}").format(date=published))
    title, owner = changes.get("title_folded", fold(row["title"])), changes.get("owner_folded", fold(row["owner"]))
    same = conn.execute(
        "SELECT id FROM scenarios WHERE title_folded = ? AND owner_folded = ? AND id != ?", (title, owner, row["id"])
    ).fetchone()
    if same:
        raise Rejected(_("the owner already has a scenario of that title (#{id})").format(id=same[0]))
    if changes:
        sets = ", ".join(f"{k} = :{k}" for k in changes)
        conn.execute(f"UPDATE scenarios SET {sets} WHERE id = :id", {**changes, "id": row["id"]})
    changed = sorted(k for k in changes if not k.endswith("_folded"))
    return find_scenario(conn, str(row["id"])) | {
        "summary": journal_note(N_("scenario #{id}: {fields}"), id=row["id"], fields=changed)
    }
