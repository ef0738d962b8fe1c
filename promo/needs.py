"""An enterprise as a prospect: its profile (facts and saved needs), its saved needs themselves, and the match
memory that lets the next `promo match --for` name the units vacant since."""

from __future__ import annotations

import json
import sqlite3

from promo.db import now, require_write, rows
from promo.errors import BadValue
from promo.i18n import N_, _
from promo.lookup import find
from promo.profile import normalise
from promo.summary import note as journal_note

# Saved needs: profile key → needs column.
NEED_FIELDS = (
    "industry_id",
    "min_area",
    "max_area",
    "max_rent",
    "facilities",
    "investment_wan",
    "land_mu",
    "output_wan",
    "tax_wan",
    "rd_wan",
    "jobs",
    "min_floor_load",
    "available_by",
    "business",
)


def enterprise_row(conn: sqlite3.Connection, name: str) -> sqlite3.Row:
    """The enterprise a name designates, as `promo enterprises show` finds it (any script, code name,
    credit code, English name, or a unique part)."""
    from promo.identity import get

    return get(conn, name)


def profile_for(conn: sqlite3.Connection, enterprise_name: str) -> dict:
    """An enterprise's facts and saved needs as a profile dict (saved needs win over the enterprise record).

    The carrier is the enterprise's recorded carrier, else the one where it leases most space; the annual
    rent is what its leased units cost (area × rent × 365, in 万元).
    """
    e = enterprise_row(conn, enterprise_name)
    row = rows(
        conn,
        """
        SELECT e.id AS enterprise_id, e.name, e.kind, e.stage, e.country, e.sample,
          coalesce(n.industry_id, e.industry_id) AS industry_id,
          coalesce(e.carrier_id, (SELECT carrier_id FROM units WHERE enterprise_id = e.id
                                  GROUP BY carrier_id ORDER BY sum(area_m2) DESC LIMIT 1)) AS carrier_id,
          coalesce(n.investment_wan, e.investment_wan) AS investment_wan,
          coalesce(n.jobs, e.jobs) AS jobs,
          n.land_mu, n.output_wan, n.tax_wan, n.rd_wan, n.business,
          n.min_area, n.max_area, n.max_rent, n.facilities, n.available_by, n.min_floor_load,
          m.matched_at AS last_matched_at, m.vacant_units AS last_match_units,
          n.enterprise_id IS NOT NULL AS has_needs,
          (SELECT sum(area_m2) FROM units WHERE enterprise_id = e.id) AS leased_area_m2,
          (SELECT round(sum(area_m2 * rent) * 365 / 10000.0, 4) FROM units
            WHERE enterprise_id = e.id AND rent IS NOT NULL) AS annual_rent_wan
        FROM enterprises e LEFT JOIN needs n ON n.enterprise_id = e.id
        LEFT JOIN match_memory m ON m.enterprise_id = e.id AND m.enterprise_key = e.name_folded
        WHERE e.id = ?""",
        (e["id"],),
    )[0]
    row["facilities"] = json.loads(row["facilities"] or "[]")
    row["last_match_units"] = json.loads(row["last_match_units"]) if row["last_match_units"] else None
    row["sample"] = bool(row["sample"])
    return normalise(conn, row)


def needs_of(conn: sqlite3.Connection, enterprise_name: str) -> dict:
    """The saved needs of an enterprise (every needs field, None when not set)."""
    e = enterprise_row(conn, enterprise_name)
    row = conn.execute("SELECT * FROM needs WHERE enterprise_id = ?", (e["id"],)).fetchone()
    out = {"enterprise_id": e["id"], "name": e["name"], "saved": row is not None}
    for key in NEED_FIELDS + ("updated_at",):
        out[key] = row[key] if row is not None else None
    memory = conn.execute(
        "SELECT matched_at FROM match_memory WHERE enterprise_id = ? AND enterprise_key = ?",
        (e["id"], e["name_folded"]),
    ).fetchone()
    out["last_matched_at"] = memory[0] if memory else None
    out["facilities"] = json.loads(out["facilities"] or "[]")
    out["industry"] = None
    if out["industry_id"] is not None:
        out["industry"] = conn.execute("SELECT name FROM industries WHERE id = ?", (out["industry_id"],)).fetchone()[0]
    return out


def save_needs(
    conn: sqlite3.Connection,
    enterprise_name: str,
    changes: dict,
    *,
    clear: tuple[str, ...] = (),
    reset: bool = False,
) -> dict:
    """Set (or clear) fields of an enterprise's saved needs in one journaled write; returns the saved needs.

    `changes` uses profile keys (industry as a name or code, facilities as names); the merged needs are
    checked as a whole, so a new --max-area below the saved --min-area is refused and nothing is written.
    """
    require_write(conn)
    current = needs_of(conn, enterprise_name)
    merged = {k: (None if reset else current[k]) for k in NEED_FIELDS}
    if reset:
        merged["facilities"] = []
    unknown = set(clear) - set(NEED_FIELDS) - {"industry"}
    if unknown:
        raise BadValue("--clear", ", ".join(sorted(unknown)), _("not a need"))
    for key in clear:
        key = "industry_id" if key == "industry" else key
        merged[key] = [] if key == "facilities" else None
    changes = dict(changes)
    if changes.get("industry") is not None:
        merged["industry_id"] = find(conn, "industries", changes.pop("industry"), _("industry"))["id"]
    changes.pop("industry", None)
    if changes.get("facilities"):
        merged["facilities"] = [find(conn, "facilities", f, _("facility"))["name"] for f in changes.pop("facilities")]
    changes.pop("facilities", None)
    for key, value in changes.items():
        if key not in NEED_FIELDS:
            raise BadValue(key, value, _("not a need"))

        if value is not None:
            merged[key] = value
    if isinstance(merged.get("business"), str):
        from promo.terminal import check_text

        merged["business"] = check_text(merged["business"], "--business", max_len=2000) or None
    # the whole set must hold together (ranges, signs), whatever was saved before
    normalise(conn, {k: v for k, v in merged.items() if k not in ("available_by", "business")})
    columns = list(NEED_FIELDS)
    values = [json.dumps(merged[k], ensure_ascii=False) if k == "facilities" else merged[k] for k in columns]
    assignments = ", ".join(f"{c} = excluded.{c}" for c in columns + ["updated_at"])
    conn.execute(
        f"""INSERT INTO needs (enterprise_id, {", ".join(columns)}, updated_at)
            VALUES (?, {", ".join("?" * len(columns))}, ?)
            ON CONFLICT (enterprise_id) DO UPDATE SET {assignments}""",
        [current["enterprise_id"], *values, now()],
    )
    return needs_of(conn, current["name"]) | {"summary": journal_note(N_("needs of {name}"), name=current["name"])}


def remember(conn: sqlite3.Connection, enterprise_id: int, *, at: str | None = None) -> str | None:
    """Note the units vacant now, so the next match for this enterprise can say which are new.

    Deliberately outside the change journal (its own small transaction, its own table): a match changes
    nothing in the catalogue, and `promo undo` must undo the officer's last edit, not a lookup run after it.
    Best effort: a catalogue that cannot be written (read-only, or locked past the busy timeout) does not
    stop the match; the reason is returned instead of None.
    """
    try:
        _remember(conn, enterprise_id, at=at)
    except sqlite3.OperationalError as exc:
        from promo.journal import is_read_only

        if is_read_only(exc):
            return _("the catalogue is read-only")
        return _("the catalogue could not be written ({error})").format(error=exc)

    return None


def _remember(conn: sqlite3.Connection, enterprise_id: int, *, at: str | None = None) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            """INSERT INTO match_memory (enterprise_id, enterprise_key, matched_at, vacant_units)
               SELECT e.id, e.name_folded, ?, (SELECT json_group_array(id) FROM (
                        SELECT id FROM units WHERE status = 'vacant' ORDER BY id))
               FROM enterprises e WHERE e.id = ?
               ON CONFLICT (enterprise_id) DO UPDATE SET enterprise_key = excluded.enterprise_key,
                 matched_at = excluded.matched_at, vacant_units = excluded.vacant_units""",
            (at or now(), enterprise_id),
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
