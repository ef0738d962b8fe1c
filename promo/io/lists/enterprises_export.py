"""The enterprises sheet of an export, streamed from the listing's own query."""

from __future__ import annotations

import sqlite3


def export_rows(conn: sqlite3.Connection):
    """Every enterprise as its sheet shows it, in the pipeline's listing order, streamed from the listing's
    own query (a 100,000-row export holds one row at a time, not the whole listing)."""
    from promo.enterprise_fields import KINDS
    from promo.enterprise_listing import iter_listing
    from promo.vocabulary import SIGNED, sql_in

    extra = {r[0]: r[1:] for r in conn.execute("SELECT id, contact, phone, note FROM enterprises")}
    signed = dict(
        conn.execute(
            f"""SELECT h.enterprise_id, min(h.date) FROM stage_history h JOIN enterprises e ON e.id = h.enterprise_id
                WHERE h.stage IN {sql_in(SIGNED)} AND e.stage IN {sql_in(SIGNED)} GROUP BY h.enterprise_id"""
        )
    )
    held: dict[int, list[str]] = {}
    for eid, label in conn.execute(
        "SELECT u.enterprise_id, c.name || '/' || u.code FROM units u JOIN carriers c ON c.id = u.carrier_id "
        "WHERE u.enterprise_id IS NOT NULL ORDER BY c.name, u.code"
    ):
        held.setdefault(eid, []).append(label)
    for r in iter_listing(conn):
        contact, phone, note = extra[r["id"]]
        yield {
            **{
                k: r.get(k)
                for k in (
                    "name",
                    "uscc",
                    "name_en",
                    "code_name",
                    "industry",
                    "carrier",
                    "stage",
                    "investment_wan",
                    "jobs",
                    "source_channel",
                    "country",
                    "owner",
                    "owner_since",
                )
            },
            "kind": KINDS.get(r["kind"], r["kind"]),
            "date": r["stage_date"],
            "signed": signed.get(r["id"]),
            "units": "; ".join(held.get(r["id"], [])),
            "contact": contact,
            "phone": phone,
            "note": note,
            "sample": "是" if r["sample"] else "",
        }
