"""创新场景 scenarios in a workbook: matched by title and owner, added by promo.scenarios.add_scenario."""

from __future__ import annotations

import sqlite3

from promo.i18n import N_, _
from promo.io.headers import Field
from promo.io.lists import as_column
from promo.scenarios import OWNER_KINDS, STATUSES
from promo.text import fold
from promo.vocabulary import labels

_STATUS_ZH = labels("scenario_status")  # a workbook is in Chinese, whatever the interface

ZH, EN = "创新场景", "scenarios"
LABEL_COLUMN = "title"
FIELDS = [
    Field(
        "title",
        "场景名称",
        "title",
        ("场景", "名称", "机会名称", "场景机会", "应用场景", "项目名称", "title"),
        "name",
        required=True,
    ),
    Field(
        "owner", "发布单位", "owner", ("需求单位", "发布方", "场景单位", "单位名称", "牵头单位", "owner"), required=True
    ),
    Field(
        "owner_kind",
        "单位类型",
        "owner kind",
        ("发布单位类型", "类型", "owner_kind"),
        "choice",
        choices=tuple(OWNER_KINDS.values()),
    ),
    Field("industry", "所属产业", "industry", ("产业", "行业", "所属行业", "领域", "产业领域")),
    Field("need", "需求描述", "need", ("需求", "场景需求", "内容", "场景描述", "需求内容", "need")),
    Field("status", "状态", "status", ("对接状态", "进展"), "choice", choices=tuple(_STATUS_ZH.values())),
    Field("published", "发布日期", "published", ("发布时间", "发布"), "date"),
    Field("deadline", "截止日期", "deadline", ("截止时间", "截止", "有效期至"), "date"),
    Field("sample", "示例数据", "sample", ("示例",), "choice", choices=("是", "")),
]


class Scenario:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def parse(conn: sqlite3.Connection, raw: dict, names: dict, options: dict):
    from promo import scenarios
    from promo.enterprise_fields import parse_name, parse_text
    from promo.io.lists.linked import collect
    from promo.text import parse_date

    def industry():
        if not raw.get("industry"):
            return None
        from promo.lookup import find

        return as_column(names["industry"], find, conn, "industries", raw["industry"], _("industry"))["name"]

    # every problem of the row at once: an owner kind and a date both wrong are both said
    title, owner, owner_kind, industry_, need, status, published, deadline = collect(
        lambda: as_column(names["title"], parse_name, raw.get("title"), names["title"]),
        lambda: as_column(names["owner"], parse_name, raw.get("owner"), names["owner"]),
        lambda: as_column(names["owner_kind"], scenarios.parse_owner_kind, raw.get("owner_kind")),
        industry,
        lambda: parse_text(raw.get("need"), names["need"]),
        lambda: as_column(names["status"], scenarios.parse_status, raw.get("status"), names["status"]),
        lambda: parse_date(raw.get("published"), names["published"]),
        lambda: parse_date(raw.get("deadline"), names["deadline"], meaning="by"),
    )
    s = Scenario(
        title=title,
        owner=owner,
        owner_kind=owner_kind,
        industry=industry_,
        need=need,
        status=status,
        published=published,
        deadline=deadline,
        sample=(raw.get("sample") or "") in ("是", "※", "1", "yes", "true"),
    )
    if s.deadline and s.published and s.deadline < s.published:
        from promo.errors import BadValue

        raise BadValue(
            names["deadline"],
            s.deadline,
            _("is before {option} {date}").format(option=names["published"], date=s.published),
        )
    return s


def label(s) -> str:
    return s.title


def keys(s) -> list[tuple[str, str]]:
    return [(N_("folded title and owner"), fold(s.title) + "\x1f" + fold(s.owner))]


def existing(conn: sqlite3.Connection, s):
    row = conn.execute(
        """SELECT s.*, i.name AS industry FROM scenarios s LEFT JOIN industries i ON i.id = s.industry_id
           WHERE s.title_folded = ? AND s.owner_folded = ?""",
        (fold(s.title), fold(s.owner)),
    ).fetchone()
    return (row, _("the same {key}").format(key=_("title and owner"))) if row else (None, None)


def changes(conn: sqlite3.Connection, row, s) -> list[tuple]:
    out = []
    for key in ("title", "owner", "owner_kind", "industry", "need", "status", "published", "deadline"):
        value = getattr(s, key)
        if value not in (None, "") and value != row[key]:
            shown = {"status": STATUSES, "owner_kind": OWNER_KINDS}.get(key, {})
            out.append((key, shown.get(row[key], row[key]), shown.get(value, value)))
    return out


def add(conn: sqlite3.Connection, s, names: dict) -> list[str]:
    from promo import scenarios

    added = scenarios.add_scenario(
        conn,
        s.title,
        owner=s.owner,
        owner_kind=s.owner_kind,
        industry=s.industry,
        need=s.need,
        status=s.status,
        published=s.published,
        deadline=s.deadline,
    )
    if s.sample:
        conn.execute("UPDATE scenarios SET sample = 1 WHERE id = ?", (added["id"],))
    return []


def update(conn: sqlite3.Connection, row, s, changed: list) -> list[str]:
    from promo import scenarios

    scenarios.update_scenario(conn, str(row["id"]), **{k: getattr(s, k) for k, _v, _o in changed})
    return []


def export_rows(conn: sqlite3.Connection) -> list[dict]:
    from promo import scenarios

    return [
        {
            **{k: r[k] for k in ("title", "owner", "industry", "need", "published", "deadline")},
            "owner_kind": r["owner_kind_label"],
            "status": _STATUS_ZH.get(r["status"], r["status"]),
            "sample": "是" if r["sample"] else "",
        }
        for r in sorted(scenarios.list_scenarios(conn), key=lambda r: r["id"])
    ]


def example() -> dict:
    return {
        "title": "示例: 手术机器人临床验证场景",
        "owner": "示例医院",
        "owner_kind": "医院",
        "industry": "高端医疗器械",
        "need": "征集可开展临床验证的手术机器人企业",
        "status": "征集中",
        "published": "2026-01-15",
        "deadline": "2026-06-30",
        "sample": "是",
    }
