"""资源清单 units (房源) and land parcels (标准地): add, update, set-status, remove, facilities.

A unit's state is one of STATUS_LABELS; a leased unit may carry its lease start and end, the other
states an until-date and a reason. Writers run inside the caller's promo.db.write.
"""

from __future__ import annotations

import sqlite3
import unicodedata

from promo.edit import parsers as p
from promo.edit.record import Field, insert, parse_record, problems_error, require_write, update
from promo.errors import BadValue, PromoError, Rejected
from promo.i18n import N_, _
from promo.summary import note as journal_note

STATUS_LETTERS = {"vacant": "V", "reserved": "R", "leased": "L", "fitout": "F", "held": "H"}
UNIT_KINDS = {"space": "房源", "land": "标准地"}
parse_status = p.coded("unit_status")

UNIT_FIELDS = (
    Field("carrier_id", "--carrier", p.lookup("carriers", N_("carrier")), required=True),
    Field("code", "--code", p.text(60), required=True),
    Field(
        "kind",
        "--kind",
        p.choice(UNIT_KINDS, {"地块": "land", "土地": "land", "房": "space", "unit": "space"}),
        clearable=False,
    ),
    Field("building", "--building", p.text(60)),
    Field("floor", "--floor", p.floor),
    Field("area_m2", "--area", p.area, required=True),
    Field("rent", "--rent", p.rent),
    Field("status", "--status", parse_status),
    Field("floor_load_kn", "--floor-load", p.number(above=0, maximum=1000)),
    Field("ceiling_m", "--ceiling", p.number(above=0, maximum=100)),
    Field("ready_date", "--ready", p.ready),
    Field("lease_start", "--lease-start", p.date_from),
    Field("lease_end", "--lease-end", p.date_by),
    Field("status_until", "--until", p.date_by),
    Field("status_reason", "--reason", p.text(300)),
    Field("plot_ratio", "--plot-ratio", p.number(above=0, maximum=50)),
    Field("intensity_wan_mu", "--intensity", p.amount),
    Field("tax_wan_mu", "--tax-per-mu", p.amount),
    Field("facilities", "--facility", p.each(p.lookup("facilities", N_("facility"))), multiple=True),
    Field("note", "--note", p.text()),
)
_OPTION = {f.key: f.option for f in UNIT_FIELDS}


def find_unit(conn: sqlite3.Connection, ref: str, field: str = "UNIT") -> sqlite3.Row:
    """A unit from 'A1-402', 'CARRIER/A1-402' or 'carrier-code:A1-402'."""
    from promo.holding import find_unit as find_any

    if not str(ref).strip():
        raise BadValue(field, repr(ref), _("is empty; give a unit code such as A1-402 or CARRIER/A1-402"))
    return find_any(conn, ref, field)


def _code(text: str) -> str:
    # a code is typed many ways (Ａ-101, a-101) and found by its NFKC, upper-case form: store that
    code = unicodedata.normalize("NFKC", text).strip().upper()
    if not code or any(c.isspace() for c in code) or "/" in code or ":" in code:
        raise BadValue("CODE", text, _("a unit code is one word without / or : (e.g. A-101)"))
    return code


def _check(conn, v: dict, unit_id: int | None, names: dict | None) -> None:
    """The rules between fields, every broken one at once."""

    def opt(key):
        return (names or {}).get(key, _OPTION[key])

    problems: list[PromoError] = []
    start, end = v.get("lease_start"), v.get("lease_end")
    if start and end and end < start:
        problems.append(
            BadValue(
                opt("lease_end"), end, _("is before {option} {date}").format(option=opt("lease_start"), date=start)
            )
        )
    if (start or end) and v.get("status") not in ("leased", "reserved"):
        problems.append(
            BadValue(
                opt("lease_end" if end else "lease_start"),
                end or start,
                _("a lease date belongs to a leased unit; give --status 已租"),
            )
        )
    if v.get("kind") != "land":
        for key in ("plot_ratio", "intensity_wan_mu", "tax_wan_mu"):
            if v.get(key) is not None:
                problems.append(BadValue(opt(key), v[key], _("is an indicator of a land parcel; give --kind land")))
    code = v.get("code")
    if code and v.get("carrier_id"):
        other = conn.execute(
            "SELECT code FROM units WHERE carrier_id = ? AND upper(code) = upper(?) AND id IS NOT ?",
            (v["carrier_id"], code, unit_id),
        ).fetchone()
        if other:
            carrier = conn.execute("SELECT name FROM carriers WHERE id = ?", (v["carrier_id"],)).fetchone()[0]
            problems.append(
                Rejected(
                    _("{option} {code}: {carrier} has a unit {other} already").format(
                        option=opt("code"), code=code, carrier=carrier, other=other[0]
                    )
                )
            )
    problems_error(problems)


def _set_facilities(conn, unit_id: int, ids: list[int], *, replace: bool) -> None:
    if replace:
        conn.execute("DELETE FROM unit_facilities WHERE unit_id = ?", (unit_id,))
    for facility_id in ids:
        conn.execute(
            "INSERT OR IGNORE INTO unit_facilities (unit_id, facility_id) VALUES (?, ?)", (unit_id, facility_id)
        )


def _row(conn, unit_id: int) -> dict:
    return dict(
        conn.execute(
            "SELECT u.*, c.name AS carrier_name, c.code AS carrier_code FROM units u "
            "JOIN carriers c ON c.id = u.carrier_id WHERE u.id = ?",
            (unit_id,),
        ).fetchone()
    )


def add(conn: sqlite3.Connection, raw: dict, *, names: dict | None = None) -> dict:
    """Add a unit (carrier, code and area required; vacant unless --status says otherwise); returns it."""
    require_write(conn, "units.add")
    v = parse_record(conn, raw, UNIT_FIELDS, names=names)
    v["code"] = _code(v["code"])
    v.setdefault("status", "vacant")
    if v.get("kind") is None:
        # a parcel is land by its carrier, or by the indicators only land has (容积率, 投资强度, 亩均税收)
        carrier_kind = conn.execute("SELECT kind FROM carriers WHERE id = ?", (v["carrier_id"],)).fetchone()[0]
        indicators = any(v.get(k) is not None for k in ("plot_ratio", "intensity_wan_mu", "tax_wan_mu"))
        v["kind"] = "land" if carrier_kind == "land" or indicators else "space"
    _check(conn, v, None, names)
    facilities = v.pop("facilities", [])
    unit_id = insert(conn, "units", {k: x for k, x in v.items() if x is not None})
    _set_facilities(conn, unit_id, facilities, replace=False)
    row = _row(conn, unit_id)
    return dict(
        row, summary=journal_note(N_("add unit {carrier}/{code}"), carrier=row["carrier_name"], code=row["code"])
    )


def update_unit(
    conn: sqlite3.Connection, ref: str, raw: dict, *, names: dict | None = None, drop_facilities: list | None = None
) -> dict:
    """Change the fields given of a unit ('' clears one); --facility adds, drop_facilities removes."""
    require_write(conn, "units.update")
    row = find_unit(conn, ref)
    v = parse_record(conn, raw, UNIT_FIELDS, partial=True, names=names)
    drop = (
        p.each(p.lookup("facilities", N_("facility")))(conn, drop_facilities, "--drop-facility")
        if drop_facilities
        else []
    )
    if "status" in v:
        _check_holder(row, v["status"])
    if "code" in v:
        v["code"] = _code(v["code"])
    merged = {k: row[k] for k in row.keys() if k in _OPTION} | v
    _check(conn, merged, row["id"], names)
    if v.get("status") == "vacant":
        v.update(lease_start=None, lease_end=None, status_until=None, status_reason=None)
    _set_facilities(conn, row["id"], v.pop("facilities", []) or [], replace=False)
    if drop:
        conn.execute(
            f"DELETE FROM unit_facilities WHERE unit_id = ? AND facility_id IN ({','.join('?' * len(drop))})",
            [row["id"], *drop],
        )
    update(conn, "units", row["id"], v)
    new = _row(conn, row["id"])
    return dict(
        new, summary=journal_note(N_("update unit {carrier}/{code}"), carrier=new["carrier_name"], code=new["code"])
    )


def _held(row) -> Rejected:
    from promo.i18n import language
    from promo.vocabulary import label

    return Rejected(
        _("{unit} is held by {holder} ({status})").format(
            unit=f"{row['carrier_name']}/{row['code']}",
            holder=row["holder"],
            status=label("unit_status", row["status"], language()),
        ),
        _("release it first: {command}").format(
            command=f"promo enterprises update {row['holder']} --release {row['code']}"
        ),
    )


def _check_holder(row, status: str) -> None:

    # a named enterprise's hold is the pipeline's to change: its stage decides reserved or leased
    if row["enterprise_id"] is not None and status != row["status"]:
        raise _held(row)


def set_status(
    conn: sqlite3.Connection,
    ref: str,
    status: str,
    *,
    until: str | None = None,
    start: str | None = None,
    reason: str | None = None,
) -> dict:
    """Put a unit in a state; for 已租 `until` is the lease end (and `start` its start), else the date the
    state is expected to end (装修 done, hold lifted). 空置 clears every date and reason."""
    require_write(conn, "units.set_status")
    row = find_unit(conn, ref)
    problems: list[PromoError] = []
    values = {}
    for key, option, value, parser in (
        ("status", "STATUS", status, parse_status),
        ("until", "--until", until, p.date_by),
        ("start", "--start", start, p.date_from),
        ("reason", "--reason", reason, p.text(300)),
    ):
        if value not in (None, "") or key == "status":  # STATUS is required: '' is a bad state, not none given
            try:
                values[key] = parser(conn, value, option)
            except PromoError as exc:
                problems.append(exc)
    problems_error(problems)
    new = values["status"]
    _check_holder(row, new)
    if new == "vacant":
        if values.get("until") or values.get("start"):
            raise BadValue("--until", until or start, _("a vacant unit has no dates; leave --until and --start out"))
        v = {
            "status": new,
            "lease_start": None,
            "lease_end": None,
            "status_until": None,
            "status_reason": values.get("reason"),
            "enterprise_id": None,
        }
    elif new == "leased":
        v = {
            "status": new,
            "lease_start": values.get("start"),
            "lease_end": values.get("until"),
            "status_until": None,
            "status_reason": values.get("reason"),
        }
        if v["lease_start"] and v["lease_end"] and v["lease_end"] < v["lease_start"]:
            raise BadValue(
                "--until", v["lease_end"], _("is before the lease start {date}").format(date=v["lease_start"])
            )
    else:
        if values.get("start"):
            raise BadValue("--start", start, _("a lease start belongs to a leased unit (STATUS 已租)"))
        v = {
            "status": new,
            "lease_start": None,
            "lease_end": None,
            "status_until": values.get("until"),
            "status_reason": values.get("reason"),
        }
    update(conn, "units", row["id"], v)
    new = _row(conn, row["id"])
    return dict(
        new,
        summary=journal_note(
            N_("unit {carrier}/{code} → {unit_status}"),
            carrier=new["carrier_name"],
            code=new["code"],
            unit_status=new["status"],
        ),
    )


def remove(conn: sqlite3.Connection, ref: str) -> dict:
    """Remove a unit nobody holds; refuses naming its tenant or reserver."""
    require_write(conn, "units.remove")
    row = find_unit(conn, ref)
    if row["enterprise_id"] is not None:
        raise _held(row)
    conn.execute("DELETE FROM units WHERE id = ?", (row["id"],))
    return dict(
        row, summary=journal_note(N_("remove unit {carrier}/{code}"), carrier=row["carrier_name"], code=row["code"])
    )
