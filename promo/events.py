"""以会招商: promotion events (name, date, place, organiser) and the MOUs and intentions signed there."""

from __future__ import annotations

import sqlite3

from promo.db import now, require_write, rows
from promo.errors import BadValue, Rejected
from promo.i18n import N_, _
from promo.lookup import find
from promo.summary import note as journal_note
from promo.text import fold
from promo.vocabulary import labels, words_to_code

DEAL_KINDS = labels("deal_kind")


def parse_deal_kind(value: str, field: str = "--kind") -> str:
    kind = words_to_code("deal_kind").get(fold(value))
    if not kind:
        raise BadValue(field, value, _("use mou (合作备忘录), intent (意向协议) or contract (正式合同)"))
    return kind


def add_event(
    conn: sqlite3.Connection, name: str, date: str, *, place: str | None = None, organiser: str | None = None
) -> dict:
    """Record a promotion event; its name is its key (folded, like every name)."""
    require_write(conn)
    clash = conn.execute("SELECT name, date FROM events WHERE name_folded = ?", (fold(name),)).fetchone()
    if clash:
        raise Rejected(
            _("an event named {name} ({date}) is already on record").format(name=clash["name"], date=clash["date"]),
            _("give the year or place in the name"),
        )
    eid = conn.execute(
        "INSERT INTO events (name, name_folded, date, place, organiser, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
        (name, fold(name), date, place, organiser, now()),
    ).lastrowid
    return {
        "id": eid,
        "name": name,
        "date": date,
        "summary": journal_note(N_("add event {name} ({date})"), name=name, date=date),
    }


def add_deal(
    conn: sqlite3.Connection,
    event: str,
    enterprise: str,
    kind: str,
    *,
    investment: float | None = None,
    note: str | None = None,
) -> dict:
    """Link an enterprise to the event where it signed an MOU, an intention or a contract."""
    from promo.identity import get

    require_write(conn)
    ev = find(conn, "events", event, _("event"))
    e = get(conn, enterprise)
    if conn.execute(
        "SELECT 1 FROM event_deals WHERE event_id = ? AND enterprise_id = ?", (ev["id"], e["id"])
    ).fetchone():
        raise Rejected(_("{name} is already linked to {event}").format(name=e["name"], event=ev["name"]))

    did = conn.execute(
        "INSERT INTO event_deals (event_id, enterprise_id, kind, investment_wan, note, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (ev["id"], e["id"], kind, investment, note, now()),
    ).lastrowid
    return {
        "id": did,
        "event": ev["name"],
        "name": e["name"],
        "kind": kind,
        "summary": journal_note(N_("event {event}: {name} ({deal})"), event=ev["name"], name=e["name"], deal=kind),
    }


def update_event(
    conn: sqlite3.Connection,
    event: str,
    *,
    date: str | None = None,
    place: str | None = None,
    organiser: str | None = None,
) -> dict:
    """Correct an event's date, place or organiser; only the values given change."""
    require_write(conn)
    ev = find(conn, "events", event, _("event"))
    new = {"date": date or ev["date"], "place": place or ev["place"], "organiser": organiser or ev["organiser"]}
    conn.execute("UPDATE events SET date = ?, place = ?, organiser = ? WHERE id = ?", (*new.values(), ev["id"]))
    return {"id": ev["id"], "name": ev["name"], "summary": journal_note(N_("update event {name}"), name=ev["name"])}


def update_deal(
    conn: sqlite3.Connection,
    event: str,
    enterprise: str,
    *,
    kind: str | None = None,
    investment: float | None = None,
    note: str | None = None,
) -> dict:
    """Correct what an enterprise signed at an event (kind, intended investment, note)."""
    from promo.identity import get

    require_write(conn)
    ev = find(conn, "events", event, _("event"))
    e = get(conn, enterprise)
    deal = conn.execute(
        "SELECT * FROM event_deals WHERE event_id = ? AND enterprise_id = ?", (ev["id"], e["id"])
    ).fetchone()
    if deal is None:
        raise Rejected(
            _("{name} is not linked to {event}").format(name=e["name"], event=ev["name"]),
            _("link it with: {command}").format(command=f"promo events deal {ev['name']} …"),
        )
    new = {
        "kind": kind or deal["kind"],
        "investment_wan": investment if investment is not None else deal["investment_wan"],
        "note": note if note is not None else deal["note"],
    }
    conn.execute(
        "UPDATE event_deals SET kind = ?, investment_wan = ?, note = ? WHERE id = ?", (*new.values(), deal["id"])
    )
    return {
        "id": deal["id"],
        "event": ev["name"],
        "name": e["name"],
        "summary": journal_note(N_("update deal {event}: {name}"), event=ev["name"], name=e["name"]),
    }


def events(conn: sqlite3.Connection, *, year: int | None = None) -> list[dict]:
    """Events with how many deals each brought and their intended investment."""
    return rows(
        conn,
        """SELECT ev.id, ev.name, ev.date, ev.place, ev.organiser, count(d.id) AS deals,
                  sum(d.investment_wan) AS intended_wan
           FROM events ev LEFT JOIN event_deals d ON d.event_id = ev.id
           WHERE :year IS NULL OR substr(ev.date, 1, 4) = printf('%04d', :year)
           GROUP BY ev.id ORDER BY ev.date DESC, ev.name""",
        {"year": year},
    )


def deals(conn: sqlite3.Connection, event: str) -> list[dict]:
    """The enterprises an event brought, what they signed there and where they are now."""
    ev = find(conn, "events", event, _("event"))
    found = rows(
        conn,
        """SELECT d.id, e.id AS enterprise_id, e.name, e.code_name, e.uscc_bad_check, d.kind, d.investment_wan,
                  e.stage, e.stage_date, e.investment_wan AS signed_investment_wan, d.note
           FROM event_deals d JOIN enterprises e ON e.id = d.enterprise_id WHERE d.event_id = ? ORDER BY e.name""",
        (ev["id"],),
    )
    for r in found:
        r["kind_label"] = DEAL_KINDS[r["kind"]]
        r["event"] = ev["name"]
    return found
