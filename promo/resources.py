"""资源清单: carriers, their units and facilities, platforms, and the vacancies view."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from promo.db import rows
from promo.errors import BadValue
from promo.i18n import _
from promo.industries import find_related
from promo.lookup import find
from promo.text import fold
from promo.vocabulary import POLICY_LEVELS, choices, labels, sql_order, words_to_code

KIND_LABELS = labels("carrier_kind")
STATUS_LABELS = labels("unit_status")


def parse_kind(value: str | None) -> str | None:
    """A carrier kind from its code, either label or an office's word (park / 产业园 / industrial park / 园区)."""
    if value is None:
        return None
    kind = words_to_code("carrier_kind").get(fold(value))
    if kind is None:
        raise BadValue(
            "--kind", value, _("not a carrier kind; use one of {choices}").format(choices=choices("carrier_kind"))
        )
    return kind


def _in(ids: list[int]) -> str:
    return "(" + ",".join(str(int(i)) for i in ids) + ")"


def carriers(
    conn: sqlite3.Connection,
    *,
    industry: str | None = None,
    kind: str | None = None,
    ids: list[int] | None = None,
) -> list[dict]:
    """Carriers with their industries, areas, vacancy and occupancy (leased or reserved share of area), and
    the rent range and first ready date of their vacant units; `ids` narrows them to those carriers."""
    if industry is not None and not industry.strip():
        raise BadValue("--industry", repr(industry), _("is empty; give an industry, or leave the option out"))
    where, params = ["1=1"], {}
    if ids is not None:
        where.append(f"c.id IN {_in(ids)}" if ids else "0")
    if industry:
        ids = find_related(conn, industry)
        where.append(f"c.id IN (SELECT carrier_id FROM carrier_industries WHERE industry_id IN {_in(ids)})")
    if kind:
        where.append("c.kind = :kind")
        params["kind"] = parse_kind(kind)
    sql = f"""
    SELECT c.id, c.code, c.name, c.name_en, c.kind, c.status, c.sample,
      (SELECT group_concat(name, '、') FROM (
         SELECT i.name FROM carrier_industries ci JOIN industries i ON i.id = ci.industry_id
         WHERE ci.carrier_id = c.id ORDER BY i.sort, i.id)) AS industries,
      count(u.id) AS units,
      sum(u.status = 'vacant') AS vacant_units,
      coalesce(sum(u.area_m2), 0) AS total_area_m2,
      coalesce(sum(CASE WHEN u.status = 'vacant' THEN u.area_m2 END), 0) AS vacant_area_m2,
      coalesce(sum(CASE WHEN u.status IN ('leased', 'reserved') THEN u.area_m2 END), 0) AS occupied_area_m2,
      max(u.sample) AS units_sample,
      min(CASE WHEN u.status = 'vacant' THEN u.rent END) AS rent_min,
      max(CASE WHEN u.status = 'vacant' THEN u.rent END) AS rent_max,
      min(CASE WHEN u.status = 'vacant' THEN coalesce(u.ready_date, '') END) AS ready_min
    FROM carriers c LEFT JOIN units u ON u.carrier_id = c.id
    WHERE {" AND ".join(where)}
    GROUP BY c.id
    ORDER BY c.id
    """
    out = rows(conn, sql, params)
    for r in out:
        r["kind_label"] = KIND_LABELS.get(r["kind"], r["kind"])
        r["industries"] = r["industries"].split("、") if r["industries"] else []
        r["vacant_units"] = r["vacant_units"] or 0
        total = r["total_area_m2"]
        r["occupancy"] = round(r.pop("occupied_area_m2") / total, 4) if total else None
        r["units_sample"] = bool(r["units_sample"])
        r["sample"] = bool(r["sample"])
    return out


def carrier(conn: sqlite3.Connection, name: str) -> dict:
    """One carrier with its units, tenants, facilities and platforms."""
    if not name.strip():
        raise BadValue("NAME", repr(name), _("is empty; give a carrier's name, part of it, or its code"))
    row = find(conn, "carriers", name, _("carrier"))
    detail = dict(row)
    detail["kind_label"] = KIND_LABELS.get(row["kind"], row["kind"])
    detail["sample"] = bool(row["sample"])
    from promo.schema_carrier_samples import is_sample

    detail["coordinates_sample"], detail["contact_sample"] = is_sample(row, "coordinates"), is_sample(row, "contact")
    detail["industries"] = [
        r["name"]
        for r in rows(
            conn,
            "SELECT i.name FROM carrier_industries ci JOIN industries i ON i.id = ci.industry_id "
            "WHERE ci.carrier_id = ? ORDER BY i.sort, i.id",
            (row["id"],),
        )
    ]
    detail["units"] = units(conn, carrier_id=row["id"])
    detail["tenants"] = rows(
        conn,
        """SELECT e.name, e.stage, e.stage_date, e.country, e.uscc_bad_check,
             (SELECT group_concat(code, ';') FROM units WHERE enterprise_id = e.id AND carrier_id = :c) AS units
           FROM enterprises e
           WHERE e.stage IN ('落地', '投产', '达效')
             AND (e.carrier_id = :c OR e.id IN (SELECT enterprise_id FROM units WHERE carrier_id = :c))
           ORDER BY e.stage_date, e.name""",
        {"c": row["id"]},
    )
    for t in detail["tenants"]:
        t["units"] = t["units"].split(";") if t["units"] else []
        t["uscc_bad_check"] = bool(t["uscc_bad_check"])
        t["name_shown"] = t["name"] + (" ⚠" if t["uscc_bad_check"] else "")
    detail["facilities"] = facilities(conn, row["id"])
    detail["platforms"] = rows(
        conn, "SELECT name, level, kind FROM platforms WHERE carrier_id = ? ORDER BY id", (row["id"],)
    )
    total = sum(u["area_m2"] for u in detail["units"])
    vacant = sum(u["area_m2"] for u in detail["units"] if u["status"] == "vacant")
    occupied = sum(u["area_m2"] for u in detail["units"] if u["status"] in ("leased", "reserved"))
    detail["total_area_m2"] = total
    detail["vacant_area_m2"] = vacant
    # 出租率: leased or reserved; units being fitted out or held back are neither let nor on offer
    detail["occupancy"] = round(occupied / total, 4) if total else None
    return detail


def platforms(
    conn: sqlite3.Connection, *, carrier_ids: list[int] | None = None, limit: int | None = None
) -> list[dict]:
    """The public service platforms, national first (then as added); `carrier_ids` keeps those in these carriers."""
    where = "1=1" if carrier_ids is None else f"p.carrier_id IN {_in(carrier_ids)}" if carrier_ids else "0"
    sql = f"""SELECT p.code, p.name, p.name_en, p.kind, p.level, p.description, p.description_en,
                     c.name AS carrier, c.name_en AS carrier_en
              FROM platforms p LEFT JOIN carriers c ON c.id = p.carrier_id
              WHERE {where} ORDER BY {sql_order("p.level", POLICY_LEVELS)}, p.id"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    return rows(conn, sql)


def facilities(conn: sqlite3.Connection, carrier_id: int, *, vacant_first: bool = False) -> list[dict]:
    """A carrier's facilities with how many of its units have each and how many of those are vacant; most
    common first, or (for a prospect) most vacant first."""
    order = "vacant_units DESC, units DESC, f.name, f.id" if vacant_first else "units DESC, f.name"
    return rows(
        conn,
        f"""SELECT f.name, f.name_en, count(*) AS units, sum(u.status = 'vacant') AS vacant_units
            FROM units u JOIN unit_facilities uf ON uf.unit_id = u.id JOIN facilities f ON f.id = uf.facility_id
            WHERE u.carrier_id = ? GROUP BY f.id ORDER BY {order}""",
        (carrier_id,),
    )


# A unit's facilities in name order, and every column of units (so a new one reaches the views without touching
# this query) with what a unit shows.
_FACILITIES_OF_UNIT = "unit_facilities uf JOIN facilities f ON f.id = uf.facility_id WHERE uf.unit_id = u.id"
FACILITY_NAMES = f"SELECT f.name AS name FROM {_FACILITIES_OF_UNIT} ORDER BY f.name"
UNIT_COLUMNS = f"""
    u.*, c.code AS carrier_code, c.name AS carrier, u.code AS unit,
    (SELECT name FROM enterprises WHERE id = u.enterprise_id) AS tenant,
    (SELECT group_concat(name, ';') FROM ({FACILITY_NAMES})) AS facilities
"""


# what finish_unit makes of stored values: a list (from ;-joined names) and a bool
UNIT_KINDS = {"facilities": "list", "sample": "bool"}


def finish_unit(r: dict) -> dict:
    """One row selected with UNIT_COLUMNS as unit listings show it."""
    r["facilities"] = sorted(r["facilities"].split(";")) if r["facilities"] else []
    r["sample"] = bool(r["sample"])
    r["status_label"] = STATUS_LABELS.get(r["status"], r["status"])
    # a lead holding a unit has reserved it; it is not (yet) a tenant
    r["reserved_for"] = r["tenant"] if r["status"] == "reserved" else None
    if r["status"] == "reserved":
        r["tenant"] = None
    r["holder"] = r["tenant"] or (f"预留 {r['reserved_for']}" if r["reserved_for"] else None)
    return r


def finish_units(out: list[dict]) -> list[dict]:
    """Rows selected with UNIT_COLUMNS as every unit listing shows them (facilities as a list, status labelled)."""
    for r in out:
        finish_unit(r)
    return out


def units(conn: sqlite3.Connection, *, carrier_id: int) -> list[dict]:
    """Every unit of one carrier, in building/floor order."""
    sql = f"""SELECT {UNIT_COLUMNS} FROM units u JOIN carriers c ON c.id = u.carrier_id
              WHERE u.carrier_id = ? ORDER BY u.building, u.floor, u.code"""
    return finish_units(rows(conn, sql, (carrier_id,)))


SORTS = {
    "area": "u.area_m2",
    "rent": "u.rent",
    "ready": "u.ready_date",
    "floor": "u.floor",
    "carrier": "u.carrier_id",
    "load": "u.floor_load_kn",
}
# Sort keys that are never empty need no `IS NULL` term, which would stop SQLite reading an index in order.
_NOT_NULL = ("area", "carrier")


@dataclass
class VacancyFilter:
    """What a prospect asks for; every field that is set must hold."""

    min_area: float | None = None
    max_area: float | None = None
    max_rent: float | None = None
    industry: str | None = None
    facilities: list[str] = field(default_factory=list)
    carrier: str | None = None
    carrier_id: int | None = None  # a carrier already found (the brief's), instead of a name to look up
    available_by: str | None = None
    min_floor_load: float | None = None
    kind: str | None = None  # space or land (标准地)
    sort: str = "carrier"
    limit: int | None = None

    def check(self) -> None:
        if self.min_area is not None and self.max_area is not None and self.max_area < self.min_area:
            raise BadValue(
                "--max-area", self.max_area, _("is below --min-area {minimum:g}").format(minimum=self.min_area)
            )
        key = self.sort[1:] if self.sort.startswith("-") else self.sort
        if key not in SORTS:
            raise BadValue(
                "--sort", self.sort, _("sort by one of {keys} (prefix - for descending)").format(keys=", ".join(SORTS))
            )
        if self.limit is not None and self.limit < 1:
            raise BadValue("--limit", self.limit, _("must be at least 1"))
        for option, value in (("--industry", self.industry), ("--carrier", self.carrier)):
            if value is not None and not value.strip():
                raise BadValue(option, repr(value), _("is empty; give a name, or leave the option out"))
        for value in self.facilities:
            if not value.strip():
                raise BadValue("--facility", repr(value), _("is empty; give a facility such as GMP洁净车间"))


def vacancies(conn: sqlite3.Connection, f: VacancyFilter) -> list[dict]:
    """Vacant units inside the filter, filtered and sorted in SQL."""
    return list(iter_vacancies(conn, f))


def vacancy_where(conn: sqlite3.Connection, f: VacancyFilter) -> tuple[list[str], dict]:
    """The filter as SQL conditions on units u (joined to carriers c) and their parameters; names looked up."""
    f.check()
    where, params = ["u.status = 'vacant'"], {}
    if f.min_area is not None:
        where.append("u.area_m2 >= :min_area")
        params["min_area"] = f.min_area
    if f.max_area is not None:
        where.append("u.area_m2 <= :max_area")
        params["max_area"] = f.max_area
    if f.max_rent is not None:
        where.append("u.rent <= :max_rent")
        params["max_rent"] = f.max_rent
    if f.min_floor_load is not None:
        where.append("u.floor_load_kn >= :min_load")
        params["min_load"] = f.min_floor_load
    if f.kind:
        where.append("u.kind = :unit_kind")
        params["unit_kind"] = f.kind
    if f.available_by:
        where.append("(u.ready_date IS NULL OR u.ready_date <= :ready)")
        params["ready"] = f.available_by
    if f.carrier or f.carrier_id is not None:
        where.append("u.carrier_id = :carrier")
        found = f.carrier_id if f.carrier_id is not None else find(conn, "carriers", f.carrier, _("carrier"))["id"]
        params["carrier"] = found
    if f.industry:
        ids = find_related(conn, f.industry)
        where.append(f"u.carrier_id IN (SELECT carrier_id FROM carrier_industries WHERE industry_id IN {_in(ids)})")
    for i, name in enumerate(dict.fromkeys(f.facilities)):
        facility = find(conn, "facilities", name, _("facility"))
        where.append(f"EXISTS (SELECT 1 FROM unit_facilities WHERE unit_id = u.id AND facility_id = :f{i})")
        params[f"f{i}"] = facility["id"]
    return where, params


def iter_vacancies(conn: sqlite3.Connection, f: VacancyFilter) -> Iterable[dict]:
    """vacancies() as the cursor gives them, for listings of any size (names are looked up before it returns);
    as JSON or CSV, SQLite writes the rows' lines."""
    from promo.listing_sql import COLUMNS, Keyed, Query

    template, params = vacancy_query(conn, f, columns=COLUMNS)
    exprs = unit_exprs(conn)
    # a carrier's cells written once per carrier
    keyed = dict.fromkeys(("carrier_code", "carrier"), Keyed("c.id", "carriers c WHERE c.id = :key"))
    return Query(
        conn, template, params, UNIT_COLUMNS, finish_unit, exprs=exprs, kinds=unit_kinds(conn, exprs), keyed=keyed
    )


def unit_exprs(conn: sqlite3.Connection) -> dict[str, str]:
    """What finish_unit gives each key of a unit, in SQL on units u joined to carriers c (keys it works out
    in Python, such as status_label or holder, are not here)."""
    out = {name: f"u.{name}" for (name,) in conn.execute("SELECT name FROM pragma_table_info('units')")}
    return out | {"carrier_code": "c.code", "carrier": "c.name", "unit": "u.code", "facilities": FACILITY_NAMES}


def unit_kinds(conn: sqlite3.Connection, exprs: dict[str, str]) -> dict:
    """What a unit's JSON and CSV lines know of each key beyond its SQL (promo.listing_sql.Query): the
    facilities as a list read through unit_facilities, the sample flag, the columns' affinities."""
    from promo.listing_sql import Linked, column_kinds

    facilities = Linked(f"SELECT f.id AS id FROM {_FACILITIES_OF_UNIT}", "facilities")
    return column_kinds(conn, exprs, {"u": "units", "c": "carriers"}) | UNIT_KINDS | {"facilities": facilities}


def vacancy_query(conn: sqlite3.Connection, f: VacancyFilter, columns: str = UNIT_COLUMNS) -> tuple[str, dict]:
    """The SQL and parameters of vacancies(), selecting `columns` (benchmarks give the same SQL to other tools)."""
    where, params = vacancy_where(conn, f)
    key = f.sort[1:] if f.sort.startswith("-") else f.sort
    direction = "DESC" if f.sort.startswith("-") else "ASC"
    # descending, SQLite puts empty values last by itself
    nulls_last = "" if key in _NOT_NULL or direction == "DESC" else f"{SORTS[key]} IS NULL, "
    # the key once: a repeated term (`u.carrier_id ASC, u.carrier_id`) stops SQLite reading the listing-order
    # index in order, and it would sort the whole vacant slice to pick the first few
    tiebreak = [c for c in ("u.carrier_id", "u.building", "u.floor", "u.code") if c != SORTS[key]]
    order = f"{nulls_last}{SORTS[key]} {direction}, {', '.join(tiebreak)}"
    sql = f"""SELECT {columns} FROM units u JOIN carriers c ON c.id = u.carrier_id
              WHERE {" AND ".join(where)} ORDER BY {order}"""
    if f.limit:
        # the first few picked from the index alone, and only they fetched whole
        pick = f"SELECT u.id FROM units u WHERE {' AND '.join(where)} ORDER BY {order} LIMIT {int(f.limit)}"
        sql = f"""SELECT {columns} FROM units u JOIN carriers c ON c.id = u.carrier_id
                  WHERE u.id IN ({pick}) ORDER BY {order}"""
    return sql, params
