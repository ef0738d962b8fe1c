"""The 帮办代办 desk in workbooks: departments, each project's services, coordination items (协调事项), promotion
events and what was signed at them; written by promo.services, promo.coordination and promo.events."""

from __future__ import annotations

from promo.i18n import N_, _
from promo.io.headers import Field
from promo.io.lists.linked import LinkedList, collect, date, enterprise_field, text, the_enterprise
from promo.text import fold
from promo.vocabulary import Shown

_DEPARTMENT = ("责任部门", "主管部门", "办理部门", "审批部门", "牵头部门", "协调部门", "部门", "department")


def service_item_field() -> Field:
    """事项: an approval or service the desk handles for a project (or on an industry's usual path)."""
    return Field(
        "item",
        "事项",
        "item",
        ("审批事项", "服务事项", "办理事项", "代办事项", "帮办事项", "事项名称", "item"),
        required=True,
    )


def department_field() -> Field:
    """责任部门: the department responsible, by its full or short name."""
    return Field("department", "责任部门", "department", _DEPARTMENT[1:], note="部门全称或简称, 如 住建局")


def _labels(kind: str) -> dict:
    from promo.vocabulary import labels

    return labels(kind)


def _department(conn, raw, names):
    from promo.services import department

    return lambda: department(conn, raw["department"], names["department"])["name"] if raw.get("department") else None


def _parse_department(conn, raw, names, options) -> dict:
    from promo.enterprise_fields import parse_name

    name, aliases = collect(lambda: parse_name(raw.get("name"), names["name"]), text(raw, names, "aliases", 500))
    split = [a.strip() for a in (aliases or "").replace("；", ";").replace("、", ";").replace("|", ";").split(";")]
    return {"label": name, "name": name, "aliases": ";".join(sorted({fold(a) for a in split if fold(a)})) or None}


def _department_record(conn, typed):
    """The department, its short names shown with the row's added: an import adds short names, never drops
    one (a sheet that lists 审批局 alone does not take 行政审批局 away from those who type it)."""
    r = conn.execute("SELECT * FROM departments WHERE name_folded = ?", (fold(typed["name"]),)).fetchone()
    if r is None:
        return None
    if typed["aliases"]:
        have = set((_aliases(r["aliases"]) or "").split(";")) - {""}
        typed["aliases"] = ";".join(sorted(have | set(typed["aliases"].split(";"))))
    return {"label": r["name"], "id": r["id"], "aliases": _aliases(r["aliases"])}


def _aliases(stored: str | None) -> str | None:
    return ";".join(sorted(a for a in (stored or "").split("|") if a)) or None


def _add_department(conn, typed) -> list[str]:
    from promo.services import add_department

    add_department(conn, typed["name"], (typed["aliases"] or "").split(";"))
    return []


def _update_department(conn, record, typed, changed) -> list[str]:
    from promo.services import set_department_aliases

    set_department_aliases(conn, record["id"], (typed["aliases"] or "").split(";"))
    return []


DEPARTMENTS = LinkedList(
    "部门",
    "departments",
    [
        Field(
            "name", "部门名称", "department", ("部门", "单位名称", "名称", "department", "name"), "name", required=True
        ),
        Field("aliases", "简称", "short names", ("别称", "简称/别名", "aliases"), "list", note="多个用 ; 分隔"),
    ],
    _parse_department,
    lambda t: ("folded name", fold(t["name"])),
    _department_record,
    _add_department,
    _update_department,
    lambda conn: (
        {"name": r["name"], "aliases": _aliases(r["aliases"])}
        for r in conn.execute("SELECT * FROM departments ORDER BY id")
    ),
    ("aliases",),
    {"name": "示例: 大数据局", "aliases": "数据局"},
    LABEL_COLUMN="name",
)


def _parse_service(conn, raw, names, options) -> dict:
    from promo import services

    e, item, dept, officer, status, asked, due, done, note = collect(
        lambda: the_enterprise(conn, raw, names),
        text(raw, names, "item", 200),
        _department(conn, raw, names),
        text(raw, names, "officer", 50),
        lambda: services.parse_status(raw["status"], names["status"]) if raw.get("status") else None,
        date(raw, names, "asked_date"),
        date(raw, names, "due_date"),
        date(raw, names, "done_date"),
        text(raw, names, "note"),
    )
    if done and status not in (None, "done"):
        from promo.errors import BadValue

        raise BadValue(
            names["status"],
            raw["status"],
            _("contradicts {column} {date} (a service done is 已办结)").format(column=names["done_date"], date=done),
        )
    return {
        "enterprise_id": e["id"],
        "name": e["name"],
        "label": f"{e['name']}: {item}",
        "item": item,
        "department": dept,
        "officer": officer,
        "status": "done" if done else status,
        "asked_date": asked,
        "due_date": due,
        "done_date": done,
        "note": note,
    }


def _service_record(conn, typed):
    r = conn.execute(
        """SELECT s.*, d.name AS department FROM services s JOIN departments d ON d.id = s.department_id
           WHERE s.enterprise_id = ? AND s.item_folded = ?""",
        (typed["enterprise_id"], fold(typed["item"])),
    ).fetchone()
    return None if r is None else {**dict(r), "label": typed["label"]}


def _add_service(conn, typed) -> list[str]:
    from promo import services

    if not typed["department"]:
        from promo.errors import Rejected

        raise Rejected(_("{label}: a new service names its department (责任部门)").format(label=typed["label"]))
    services.add_service(
        conn,
        typed["name"],
        typed["item"],
        typed["department"],
        officer=typed["officer"],
        asked=typed["asked_date"],
        due=typed["due_date"],
        note=typed["note"],
    )
    record = _service_record(conn, typed)
    if (typed["status"] and typed["status"] != record["status"]) or typed["done_date"]:
        services.update_service(conn, typed["name"], typed["item"], status=typed["status"], done=typed["done_date"])
    return []


def _update_service(conn, record, typed, changed) -> list[str]:
    from promo import services

    given = {k: typed[k] if k in changed else None for k in record if k in typed}
    services.update_service(
        conn,
        typed["name"],
        record["item"],
        status=given["status"],
        done=given["done_date"],
        asked=given["asked_date"],
        due=given["due_date"],
        officer=given["officer"],
        department_name=given["department"],
        note=given["note"],
    )
    return []


def _service_rows(conn):
    from promo.services import services

    for r in services(conn):
        yield {**r, "enterprise": r["name"], "status": r["status_label"]}


SERVICES = LinkedList(
    "帮办代办",
    "services",
    [
        enterprise_field(),
        service_item_field(),
        department_field(),
        Field("officer", "代办员", "officer", ("帮办人", "代办人", "经办人", "帮办代办员", "officer")),
        Field(
            "status",
            "状态",
            "status",
            ("办理状态", "进展", "status"),
            "choice",
            choices=tuple(_labels("service_status").values()),
        ),
        Field("asked_date", "申请日期", "asked", ("受理日期", "提交日期", "申报日期", "申请时间"), "date"),
        Field(
            "due_date", "要求完成日期", "due", ("时限", "办结时限", "计划完成日期", "要求完成时间", "截止日期"), "date"
        ),
        Field("done_date", "办结日期", "done", ("完成日期", "办结时间", "实际完成日期"), "date"),
        Field("note", "备注", "note", ("说明", "note")),
    ],
    _parse_service,
    lambda t: (N_("enterprise and item"), f"{t['enterprise_id']}\x1f{fold(t['item'])}"),
    _service_record,
    _add_service,
    _update_service,
    _service_rows,
    ("department", "officer", "status", "asked_date", "due_date", "done_date", "note"),
    {"enterprise": "济南示例医疗科技有限公司", "item": "环评", "department": "生态环境局", "status": "待办"},
    shown={"status": Shown("service_status")},
    options={"--asked": "asked_date", "--due": "due_date", "--done": "done_date", "--status": "status"},
)


def _parse_item(conn, raw, names, options) -> dict:
    from promo import coordination

    e, issue, dept, leader, status, raised, due, closed, note = collect(
        lambda: the_enterprise(conn, raw, names),
        text(raw, names, "issue", 500),
        _department(conn, raw, names),
        text(raw, names, "leader", 50),
        lambda: coordination.parse_status(raw["status"], names["status"]) if raw.get("status") else None,
        date(raw, names, "raised_date"),
        date(raw, names, "due_date"),
        date(raw, names, "closed_date"),
        text(raw, names, "note"),
    )
    if closed and status == "open":
        from promo.errors import BadValue

        raise BadValue(
            names["status"],
            raw["status"],
            _("contradicts {column} {date}").format(column=names["closed_date"], date=closed),
        )
    return {
        "enterprise_id": e["id"],
        "name": e["name"],
        "label": f"{e['name']}: {issue}",
        "issue": issue,
        "department": dept,
        "leader": leader,
        "status": "closed" if closed else status,
        "raised_date": raised,
        "due_date": due,
        "closed_date": closed,
        "note": note,
    }


def _item_record(conn, typed):
    found = [
        dict(r)
        for r in conn.execute(
            """SELECT c.*, d.name AS department FROM coordination c LEFT JOIN departments d ON d.id = c.department_id
               WHERE c.enterprise_id = ? ORDER BY c.id DESC""",
            (typed["enterprise_id"],),
        )
        if fold(r["issue"]) == fold(typed["issue"]) and typed["raised_date"] in (None, r["raised_date"])
    ]
    return {**found[0], "label": typed["label"]} if found else None


def _add_item(conn, typed) -> list[str]:
    from promo import coordination

    added = coordination.add_item(
        conn,
        typed["name"],
        typed["issue"],
        leader=typed["leader"],
        department_name=typed["department"],
        raised=typed["raised_date"],
        due=typed["due_date"],
        note=typed["note"],
    )
    if typed["status"] == "closed":
        coordination.close_item(conn, added["id"], date=typed["closed_date"])
    return []


def _update_item(conn, record, typed, changed) -> list[str]:
    from promo import coordination
    from promo.errors import Rejected

    if record["status"] == "closed" and changed & {"status", "closed_date"}:
        raise Rejected(
            _("{label}: closed on {date}; a closed item is not reopened or re-dated on import").format(
                label=typed["label"], date=record["closed_date"]
            ),
            _("raise it again as a new item (another 提出日期) if the problem came back"),
        )
    plain = {k: typed[k] for k in ("leader", "department", "due_date", "note") if k in changed}
    if plain:
        coordination.update_item(
            conn,
            record["id"],
            leader=plain.get("leader"),
            department_name=plain.get("department"),
            due=plain.get("due_date"),
            note=plain.get("note"),
        )
    if changed & {"status", "closed_date"}:
        coordination.close_item(conn, record["id"], date=typed["closed_date"])
    return []


def _item_rows(conn):
    from promo.coordination import items

    for r in sorted(items(conn, include_closed=True), key=lambda r: r["id"]):
        yield {**r, "enterprise": r["name"], "status": r["status_label"]}


COORDINATION = LinkedList(
    "协调事项",
    "coordination",
    [
        enterprise_field(),
        Field(
            "issue",
            "协调事项",
            "issue",
            ("问题", "事项", "问题描述", "存在问题", "困难问题", "诉求", "需协调事项", "issue"),
            required=True,
        ),
        Field("department", "责任部门", "department", _DEPARTMENT[1:]),
        Field("leader", "责任领导", "leader", ("包挂领导", "分管领导", "牵头领导", "协调领导", "领导", "leader")),
        Field(
            "status",
            "状态",
            "status",
            ("解决情况", "办理状态", "进展"),
            "choice",
            choices=tuple(_labels("coordination_status").values()),
        ),
        Field("raised_date", "提出日期", "raised", ("提出时间", "反映日期", "日期"), "date"),
        Field("due_date", "要求完成日期", "due", ("时限", "办结时限", "要求完成时间", "截止日期"), "date"),
        Field("closed_date", "解决日期", "closed", ("办结日期", "解决时间", "完成日期"), "date"),
        Field("note", "备注", "note", ("说明", "进展情况", "note")),
    ],
    _parse_item,
    lambda t: (N_("enterprise, issue and date"), f"{t['enterprise_id']}\x1f{fold(t['issue'])}\x1f{t['raised_date']}"),
    _item_record,
    _add_item,
    _update_item,
    _item_rows,
    ("department", "leader", "status", "due_date", "closed_date", "note"),
    {"enterprise": "济南示例医疗科技有限公司", "issue": "厂房双回路供电", "department": "供电公司", "leader": "王主任"},
    shown={"status": Shown("coordination_status")},
    options={"--date": "raised_date", "--due": "due_date"},
)
