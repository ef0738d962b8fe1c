"""帮办代办路径 in workbooks: the services each industry's projects usually need (every project's when no industry
is named), with the department and the usual days; written by promo.services (add_template, update_template)."""

from __future__ import annotations

from promo.i18n import N_, _
from promo.io.headers import Field
from promo.io.lists.desk import department_field, service_item_field
from promo.io.lists.linked import LinkedList, collect, text
from promo.text import fold

EVERY_PROJECT = ("所有项目", "(所有项目)", "全部", "全部项目", "通用", "all", "every project")


def _industry(conn, value, field: str):
    """The industry a row names exactly (its name in any script, or its code); None for every project."""
    from promo.errors import BadValue
    from promo.lookup import suggestions

    if not value or fold(value) in {fold(w) for w in EVERY_PROJECT}:
        return None
    row = conn.execute(
        "SELECT code, name FROM industries WHERE name_folded = ? OR upper(code) = upper(?)",
        (fold(value), value.strip()),
    ).fetchone()
    if row is None:
        close = suggestions(conn, "industries", value)
        raise BadValue(
            field,
            value,
            _("no industry of that name or code"),
            _("did you mean: {names}").format(names=", ".join(close)) if close else _("see: promo catalogue"),
        )
    return row


def _parse(conn, raw, names, options) -> dict:
    from promo.io.lists import as_column
    from promo.measures import parse_number

    industry, item, dept, days = collect(
        lambda: _industry(conn, raw.get("industry"), names["industry"]),
        text(raw, names, "item", 200),
        lambda: _department(conn, raw.get("department"), names["department"]),
        lambda: (
            as_column(
                names["days"],
                parse_number,
                raw["days"],
                names["days"],
                minimum=1,
                integer=True,
                unit_suffixes=("个工作日", "工作日", "天", "日"),
            )
            if raw.get("days")
            else None
        ),
    )
    where = industry["name"] if industry else _("every project")
    return {
        "label": f"{where}: {item}",
        "industry_code": industry["code"] if industry else None,
        "item": item,
        "department": dept,
        "days": int(days) if days is not None else None,
    }


def _department(conn, value, field: str):
    from promo.services import department

    return department(conn, value, field)["name"] if value else None


def _record(conn, typed) -> dict | None:
    for r in conn.execute(
        """SELECT t.id, t.item, t.days, d.name AS department FROM service_templates t
           JOIN departments d ON d.id = t.department_id WHERE t.industry_code IS ? ORDER BY t.sort, t.id""",
        (typed["industry_code"],),
    ):
        if fold(r["item"]) == fold(typed["item"]):
            return {**dict(r), "label": typed["label"]}
    return None


def _add(conn, typed) -> list[str]:
    from promo.errors import Rejected
    from promo.services import add_template

    if not typed["department"]:
        why = _("{label}: a new service on a path names its department (责任部门)")
        raise Rejected(why.format(label=typed["label"]))
    add_template(conn, typed["item"], typed["department"], industry=typed["industry_code"], days=typed["days"])
    return []


def _update(conn, record, typed, changed) -> list[str]:
    from promo.services import update_template

    update_template(
        conn,
        record["id"],
        department_name=typed["department"] if "department" in changed else None,
        days=typed["days"] if "days" in changed else None,
    )
    return []


def _rows(conn):
    from promo.services import templates

    for t in templates(conn):
        yield {"industry": t["industry"] if t["industry_code"] else "", **{k: t[k] for k in ("item", "department")},
               "days": t["days"]}  # fmt: skip


SERVICE_PATHS = LinkedList(
    "帮办代办路径",
    "service templates",
    [
        Field(
            "industry",
            "适用行业",
            "industry",
            ("行业", "产业", "所属行业", "适用产业", "产业链", "industry"),
            note="行业名称或代码; 空 (或 所有项目) 则每个项目都要办",
        ),
        service_item_field(),
        department_field(),
        Field("days", "通常天数", "days", ("时限", "办理时限", "天数", "时限(天)", "办理天数", "工作日"), "int"),
    ],
    _parse,
    lambda t: (N_("industry and item"), f"{t['industry_code'] or ''}\x1f{fold(t['item'])}"),
    _record,
    _add,
    _update,
    _rows,
    ("department", "days"),
    {"industry": "高端医疗器械", "item": "医疗器械注册证", "department": "药监局", "days": 60},
    LABEL_COLUMN="item",
)
