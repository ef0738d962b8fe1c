"""招商目录 targets in a workbook: matched by folded name, added by promo.targets.add_target."""

from __future__ import annotations

import sqlite3

from promo.errors import Rejected
from promo.i18n import N_, _
from promo.io.headers import Field
from promo.io.lists import as_column
from promo.targets import REASONS
from promo.text import fold
from promo.vocabulary import by_label, labels

ZH, EN = "目标企业", "targets"
LABEL_COLUMN = "name"

_STATUS_ZH = labels("target_status")  # a workbook is in Chinese, whatever the interface
_STATUS_LABELS = tuple(_STATUS_ZH.values())
FIELDS = [
    Field(
        "name",
        "目标企业",
        "target",
        ("企业名称", "名称", "公司名称", "目标企业名称", "name", "target name"),
        "name",
        required=True,
    ),
    Field(
        "link",
        "产业链环节",
        "chain link",
        ("环节", "链条环节", "产业环节", "所属环节", "link"),
        required=True,
        note="招商目录中的环节名称, 如 影像设备",
    ),
    Field(
        "priority", "优先级", "priority", ("优先", "级别", "重要程度"), "choice", choices=("高", "中", "低")
    ),  # targets.parse_priority's own three
    Field("reason", "招引理由", "reason", ("理由", "招引原因", "类别", "目标类型"), "choice", choices=REASONS),
    Field("status", "状态", "status", ("招引状态", "进展"), "choice", choices=_STATUS_LABELS),
    Field("note", "备注", "note", ("说明",)),
    Field("sample", "示例数据", "sample", ("示例",), "choice", choices=("是", "")),
]


class Target:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def parse(conn: sqlite3.Connection, raw: dict, names: dict, options: dict):
    """A target row, every problem of it at once (a status and a link both wrong are both said)."""
    from promo import targets
    from promo.enterprise_fields import parse_name, parse_text
    from promo.io.lists.linked import collect

    def status():
        if not raw.get("status"):
            return None
        code = by_label("target_status").get(fold(raw["status"]))
        if code is None:
            from promo.errors import BadValue

            raise BadValue(names["status"], raw["status"], _("use {choices}").format(choices="、".join(_STATUS_LABELS)))
        return code

    name, link, priority, reason, status_, note = collect(
        lambda: as_column(names["name"], parse_name, raw.get("name"), names["name"]),
        lambda: as_column(names["link"], lambda: targets.find_link(conn, raw["link"], names["link"])["name"]),
        lambda: as_column(names["priority"], targets.parse_priority, raw.get("priority")),
        lambda: as_column(names["reason"], targets.parse_reason, raw.get("reason")),
        status,
        lambda: parse_text(raw.get("note"), names["note"]),
    )
    return Target(
        name=name,
        link=link,
        priority=priority,
        reason=reason,
        status=status_,
        note=note,
        sample=(raw.get("sample") or "") in ("是", "※", "1", "yes", "true"),
    )


def label(t) -> str:
    return t.name


def keys(t) -> list[tuple[str, str]]:
    return [(N_("folded name"), fold(t.name))]


def existing(conn: sqlite3.Connection, t):
    row = conn.execute(
        "SELECT t.*, l.name AS link FROM targets t JOIN industries l ON l.id = t.link_id WHERE t.name_folded = ?",
        (fold(t.name),),
    ).fetchone()
    return (
        (row, _("the same name") if row and row["name"] == t.name else _("the same {key}").format(key=_("folded name")))
        if row
        else (None, None)
    )


def changes(conn: sqlite3.Connection, row, t) -> list[tuple]:
    from promo import targets

    out = []
    for key in ("name", "link", "priority", "reason", "note", "status"):
        value = getattr(t, key)
        if value not in (None, "") and value != row[key]:
            shown = targets.STATUSES if key == "status" else {}
            out.append((key, shown.get(row[key], row[key]), shown.get(value, value)))
    return out


def add(conn: sqlite3.Connection, t, names: dict) -> list[str]:
    from promo import targets

    if t.status == "promoted":
        return _add_promoted(conn, t)
    added = targets.add_target(conn, t.name, link=t.link, priority=t.priority, reason=t.reason, note=t.note)
    if t.status == "dropped":
        targets.drop(conn, added["name"])
        conn.execute("UPDATE targets SET note = ? WHERE id = ?", (t.note, added["id"]))  # drop's own note aside
    if t.sample:
        conn.execute("UPDATE targets SET sample = 1 WHERE id = ?", (added["id"],))
    return []


def _add_promoted(conn: sqlite3.Connection, t) -> list[str]:
    """A target already promoted points at its enterprise (imported before it: the enterprises sheet comes
    first). add_target refuses names in the pipeline, rightly for a new target, so this one row is written
    here, and only when that enterprise is there."""
    from promo import targets
    from promo.db import now
    from promo.identity import duplicate_of

    enterprise = duplicate_of(conn, t.name, None)[0]
    if enterprise is None:
        raise Rejected(
            _("{name} is marked 已转入流程, but no enterprise of that name is in the catalogue").format(name=t.name),
            _("import the enterprise first (promo import all does: the enterprises sheet comes before the targets)"),
        )
    link = targets.find_link(conn, t.link)
    conn.execute(
        """INSERT INTO targets (name, name_folded, link_id, priority, reason, status, enterprise_id, note, created_at,
             sample) VALUES (?, ?, ?, ?, ?, 'promoted', ?, ?, ?, ?)""",
        (
            t.name,
            fold(t.name),
            link["id"],
            t.priority or "中",
            t.reason,
            enterprise["id"],
            t.note,
            now(),
            int(t.sample),
        ),
    )
    return []


def update(conn: sqlite3.Connection, row, t, changed: list) -> list[str]:
    """A row's changes by promo.targets' own update; 已放弃 drops, 待招引 reopens a dropped target."""
    from promo import targets

    keys = {c[0] for c in changed}
    if "status" in keys and t.status not in ("dropped", "open"):
        raise Rejected(
            _("{name}: 状态 becomes 已转入流程 only by promoting the target").format(name=t.name),
            _("promote it: {command}").format(command=f"promo targets promote {row['name']}"),
        )
    given = {k: getattr(t, k) for k in ("link", "priority", "reason", "note") if k in keys}
    reopen = "status" in keys and t.status == "open"
    if given or "name" in keys or reopen:
        targets.update_target(conn, row["name"], new_name=t.name if "name" in keys else None, reopen=reopen, **given)
    if "status" in keys and t.status == "dropped":
        targets.drop(conn, t.name)
        if t.note is not None:  # the file's note as written, not with drop's own 放弃 added
            conn.execute("UPDATE targets SET note = ? WHERE id = ?", (t.note, row["id"]))
    return []


def export_rows(conn: sqlite3.Connection) -> list[dict]:
    from promo import targets

    return [
        {
            **{k: r[k] for k in ("name", "link", "priority", "reason", "note")},
            "status": _STATUS_ZH.get(r["status"], r["status"]),
            "sample": "是" if r["sample"] else "",
        }
        for r in targets.list_targets(conn, status=None)
    ]


def example() -> dict:
    return {
        "name": "示例影像设备股份有限公司",
        "link": "整机制造",
        "priority": "高",
        "reason": "头部企业",
        "status": "待招引",
        "sample": "是",
    }
