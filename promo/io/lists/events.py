"""以会招商 in workbooks: promotion events and the MOUs, intentions and contracts signed there, written by
promo.events."""

from __future__ import annotations

from promo.i18n import N_, _
from promo.io.headers import Field
from promo.io.lists.linked import LinkedList, amount, collect, date, enterprise_field, text, the_enterprise
from promo.text import fold
from promo.vocabulary import Shown


def _kinds() -> dict:
    from promo.vocabulary import labels

    return labels("deal_kind")


def _parse_event(conn, raw, names, options) -> dict:
    from promo.enterprise_fields import parse_name

    name, when, place, organiser = collect(
        lambda: parse_name(raw.get("name"), names["name"]),
        date(raw, names, "date"),
        text(raw, names, "place", 200),
        text(raw, names, "organiser", 200),
    )
    return {"label": name, "name": name, "date": when, "place": place, "organiser": organiser}


def _event_record(conn, typed):
    r = conn.execute("SELECT * FROM events WHERE name_folded = ?", (fold(typed["name"]),)).fetchone()
    return None if r is None else {**dict(r), "label": r["name"]}


def _add_event(conn, typed) -> list[str]:
    from promo.events import add_event

    add_event(conn, typed["name"], typed["date"], place=typed["place"], organiser=typed["organiser"])
    return []


def _update_event(conn, record, typed, changed) -> list[str]:
    from promo.events import update_event

    given = {k: typed[k] if k in changed else None for k in ("date", "place", "organiser")}
    update_event(conn, record["name"], **given)
    return []


EVENTS = LinkedList(
    "招商活动",
    "events",
    [
        Field(
            "name",
            "活动名称",
            "event",
            ("活动", "会议名称", "推介会名称", "名称", "event", "name"),
            "name",
            required=True,
        ),
        Field("date", "活动日期", "date", ("举办日期", "举办时间", "活动时间", "日期", "date"), "date", required=True),
        Field("place", "地点", "place", ("举办地点", "活动地点", "地址", "place")),
        Field("organiser", "主办单位", "organiser", ("主办方", "承办单位", "组织单位", "organiser", "organizer")),
    ],
    _parse_event,
    lambda t: ("folded name", fold(t["name"])),
    _event_record,
    _add_event,
    _update_event,
    lambda conn: (dict(r) for r in conn.execute("SELECT name, date, place, organiser FROM events ORDER BY date, id")),
    ("date", "place", "organiser"),
    {"name": "示例: 2026 医疗器械产业推介会", "date": "2026-05-20", "place": "济南", "organiser": "示例管委会"},
    LABEL_COLUMN="name",
)


def _parse_deal(conn, raw, names, options) -> dict:
    from promo import events
    from promo.lookup import find

    ev, e, kind, investment, note = collect(
        lambda: find(conn, "events", str(raw["event"]), _("event")),
        lambda: the_enterprise(conn, raw, names),
        lambda: events.parse_deal_kind(raw["kind"], names["kind"]),
        amount(raw, names, "investment_wan"),
        text(raw, names, "note"),
    )
    return {
        "event_id": ev["id"],
        "event": ev["name"],
        "enterprise_id": e["id"],
        "name": e["name"],
        "label": f"{ev['name']}: {e['name']}",
        "kind": kind,
        "investment_wan": investment,
        "note": note,
    }


def _deal_record(conn, typed):
    r = conn.execute(
        "SELECT * FROM event_deals WHERE event_id = ? AND enterprise_id = ?",
        (typed["event_id"], typed["enterprise_id"]),
    ).fetchone()
    return None if r is None else {**dict(r), "label": typed["label"]}


def _add_deal(conn, typed) -> list[str]:
    from promo.events import add_deal

    add_deal(conn, typed["event"], typed["name"], typed["kind"], investment=typed["investment_wan"], note=typed["note"])
    return []


def _update_deal(conn, record, typed, changed) -> list[str]:
    from promo.events import update_deal

    given = {k: typed[k] if k in changed else None for k in ("kind", "investment_wan", "note")}
    update_deal(
        conn, typed["event"], typed["name"], kind=given["kind"], investment=given["investment_wan"], note=given["note"]
    )
    return []


def _deal_rows(conn):
    kinds = _kinds()
    for r in conn.execute(
        """SELECT ev.name AS event, e.name AS enterprise, d.kind, d.investment_wan, d.note FROM event_deals d
           JOIN events ev ON ev.id = d.event_id JOIN enterprises e ON e.id = d.enterprise_id ORDER BY d.id"""
    ):
        yield {**dict(r), "kind": kinds.get(r["kind"], r["kind"])}


DEALS = LinkedList(
    "活动签约",
    "deals",
    [
        Field("event", "活动名称", "event", ("活动", "签约活动", "推介会", "event"), required=True),
        enterprise_field(),
        Field(
            "kind",
            "签约类型",
            "kind",
            ("协议类型", "签约形式", "类型", "kind"),
            "choice",
            required=True,
            choices=tuple(_kinds().values()),
        ),
        Field(
            "investment_wan",
            "意向投资(万元)",
            "intended investment (10k CNY)",
            ("投资额", "意向投资", "协议投资", "投资额(万元)", "签约金额"),
            "money",
        ),
        Field("note", "备注", "note", ("说明", "note")),
    ],
    _parse_deal,
    lambda t: (N_("event and enterprise"), f"{t['event_id']}\x1f{t['enterprise_id']}"),
    _deal_record,
    _add_deal,
    _update_deal,
    _deal_rows,
    ("kind", "investment_wan", "note"),
    {
        "event": "示例: 2026 医疗器械产业推介会",
        "enterprise": "济南示例医疗科技有限公司",
        "kind": "合作备忘录",
        "investment_wan": 5000,
    },
    shown={"kind": Shown("deal_kind")},  # in the user's language, as the other lists' coded cells
    options={"--kind": "kind", "--investment": "investment_wan"},
)
