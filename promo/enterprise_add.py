"""Adding enterprises, one (`promo enterprises add`) or a file's worth (an import), by the same checks.

Rows are checked in runs against the catalogue in a few indexed queries per run (promo.identity.Known)
and written by multi-row INSERTs (promo.bulk), so an import costs a handful of statements per thousand
rows. Two rows of a run never touch the same name, credit code, code name or unit: such a row starts a new
run, checked once the rows before it are in the catalogue, exactly as if each row were added alone.
"""

from __future__ import annotations

import sqlite3

from promo import bulk
from promo.db import now, require_write
from promo.enterprise_fields import Fields
from promo.errors import BadValue, PromoError, Rejected, raise_all
from promo.holding import check_vacant, take_units
from promo.i18n import N_, _
from promo.identity import Known, check_code_name, duplicate_of, refuse_duplicate, similar_names
from promo.lookup import find
from promo.summary import note as journal_note
from promo.text import fold, today
from promo.vocabulary import BAD_CHECK_MARK

RUN = 1000


def industry_id_of(conn: sqlite3.Connection, name: str | None, memo: dict | None = None) -> int | None:
    """The id of the industry an enterprise names (any form `find` takes), or None when it names none."""
    return _found(conn, "industries", name, N_("industry"), memo)


def carrier_id_of(conn: sqlite3.Connection, name: str | None, memo: dict | None = None) -> int | None:
    """The id of the carrier an enterprise names, or None when it names none."""
    return _found(conn, "carriers", name, N_("carrier"), memo)


def _found(conn: sqlite3.Connection, table: str, name: str | None, what: str, memo: dict | None) -> int | None:
    """find()'s id for a name, asked once per distinct name of a run (a file names few industries); `what` is
    translated only when find() is asked."""
    if not name:
        return None
    if memo is None:
        return find(conn, table, name, _(what))["id"]
    key = (table, name)
    if key not in memo:
        try:
            memo[key] = find(conn, table, name, _(what))["id"]
        except PromoError as exc:
            memo[key] = exc
    if isinstance(memo[key], PromoError):
        raise memo[key]
    return memo[key]


def catalogue_problems(
    conn: sqlite3.Connection, f: Fields, unit_field: str = "--unit", *, known: Known | None = None, memo=None
) -> list[PromoError]:
    """What the catalogue refuses in a new record, all at once: a code name in use, an industry or carrier
    it does not know, a unit that is missing or not vacant."""
    problems: list[PromoError] = []
    try:
        check_code_name(conn, f.code_name, known=known)
    except PromoError as exc:
        problems.append(exc)
    try:
        industry_id_of(conn, f.industry, memo)
    except PromoError as exc:
        problems.append(exc)
    try:
        carrier_id_of(conn, f.carrier, memo)
    except PromoError as exc:
        problems.append(exc)
    for ref in dict.fromkeys(f.units):
        try:
            check_vacant(conn, ref, unit_field)
        except PromoError as exc:
            problems.append(exc)
    return problems


def add(conn: sqlite3.Connection, f: Fields, *, similar_warning: bool = True, unit_field: str = "--unit") -> dict:
    """Add a signed (or any-stage) enterprise with its space; refused on a duplicate name or credit code.

    Returns the new id, the units taken and warnings (similar names, a flagged credit code).
    """
    if not f.name:
        raise BadValue("NAME", "", _("is empty"))
    result = add_many(conn, [f], unit_field=unit_field)[0]
    if isinstance(result, PromoError):
        raise result
    similar = similar_names(conn, f.name) if similar_warning else []
    similar = [n for n in similar if n != f.name]
    if similar:
        result["warnings"].insert(
            0,
            _(
                "similar names are in the catalogue: {names}; if {name} is one of them, "
                "undo this with `promo undo` and update that record instead"
            ).format(names=_(", ").join(similar), name=f.name),
        )
    return result


def _keys(f: Fields) -> set[str]:
    """What two rows of one run must not share: folded names and code names, credit codes, units."""
    keys = {"n:" + fold(n) for n in (f.name, f.code_name) if n}
    keys |= {"c:" + f.uscc} if f.uscc else set()
    return keys | {"u:" + fold(u) for u in f.units}


def add_many(
    conn: sqlite3.Connection,
    records: list[Fields],
    *,
    samples: list[bool] | None = None,
    unit_field: str | list[str] = "--unit",
) -> list[dict | PromoError]:
    """Add each record, or say why not: a result dict (as `add` returns) or the PromoError, per record.
    `unit_field` names the units field in messages, one for all records or one per record."""
    require_write(conn)
    fields = unit_field if isinstance(unit_field, list) else [unit_field] * len(records)
    out: list[dict | PromoError] = []
    run: list[int] = []
    taken: set[str] = set()
    memo: dict = {}
    for i, f in enumerate(records):
        keys = _keys(f)
        # a row naming a unit goes alone: taking it writes more than the enterprise row
        if run and (keys & taken or len(run) >= RUN or f.units or records[run[-1]].units):
            out += _add_run(
                conn,
                [records[j] for j in run],
                [bool(samples and samples[j]) for j in run],
                [fields[j] for j in run],
                memo,
            )
            run, taken = [], set()
        run.append(i)
        taken |= keys
    if run:
        out += _add_run(
            conn, [records[j] for j in run], [bool(samples and samples[j]) for j in run], [fields[j] for j in run], memo
        )
    return out


def _add_run(conn, records: list[Fields], samples: list[bool], unit_fields: list[str], memo: dict) -> list:
    known = Known(
        conn, [f.name for f in records], [f.uscc for f in records], [f.code_name for f in records if f.code_name]
    )
    out: list = []
    rows: list[dict] = []
    created = now()  # the run's rows are written by one statement
    for f, sample, unit_field in zip(records, samples, unit_fields, strict=True):
        try:
            if not f.name:
                raise BadValue("NAME", "", _("is empty"))
            existing, why = duplicate_of(conn, f.name, f.uscc or None, known=known)
            if existing:
                raise refuse_duplicate(existing, why, f.name, f.owner)
            raise_all(catalogue_problems(conn, f, unit_field, known=known, memo=memo))
            rows.append(_row(conn, f, sample, memo, created))
            out.append(None)
        except PromoError as exc:
            out.append(exc)
    if not rows:
        return out
    if len(records) == 1 and records[0].units:
        conn.execute("SAVEPOINT add_units")  # a unit taken meanwhile leaves nothing of the record behind
        try:
            results = _insert(conn, rows, unit_fields[0], [records[0].units])
        except PromoError as exc:
            conn.execute("ROLLBACK TO add_units")
            results = [exc]
        finally:
            conn.execute("RELEASE add_units")
    else:
        results = _insert(conn, rows, unit_fields[0], [[] for _ in rows])
    it = iter(results)
    return [next(it) if o is None else o for o in out]


def _row(conn: sqlite3.Connection, f: Fields, sample: bool, memo: dict, created: str) -> dict:
    stage, date = f.stage or "签约", f.date or today()
    return {
        "name": f.name,
        "name_en": f.name_en or None,
        "name_folded": fold(f.name),
        "uscc": f.uscc or None,
        "uscc_bad_check": int(bool(f.uscc) and f.uscc_bad_check),
        "kind": f.kind or "company",
        "industry_id": industry_id_of(conn, f.industry, memo),
        "carrier_id": carrier_id_of(conn, f.carrier, memo),
        "stage": stage,
        "stage_date": date,
        "investment_wan": f.investment_wan if f.investment_wan != "" else None,
        "jobs": f.jobs if f.jobs != "" else None,
        "source_channel": f.source_channel or None,
        "country": f.country or "中国",
        "owner": f.owner or None,
        "owner_since": (f.owner_since or date) if f.owner else None,
        "contact": f.contact or None,
        "phone": f.phone or None,
        "note": f.note or None,
        "code_name": f.code_name or None,
        "code_name_folded": fold(f.code_name) if f.code_name else None,
        "created_at": created,
        "sample": int(sample),
    }


def _insert(conn, rows: list[dict], unit_field: str, units: list[list[str]]) -> list[dict]:
    try:
        ids = bulk.insert(conn, "enterprises", rows)
    except sqlite3.IntegrityError as exc:  # a unique key the checks above did not foresee
        if len(rows) == 1:
            raise Rejected(_("{name} cannot be added: {error}").format(name=rows[0]["name"], error=exc)) from None
        return [_alone(conn, r, unit_field, refs) for r, refs in zip(rows, units, strict=True)]
    bulk.insert(
        conn,
        "stage_history",
        [
            {
                "enterprise_id": eid,
                "stage": r["stage"],
                "date": r["stage_date"],
                "reason": None,
                "recorded_at": r["created_at"],
            }
            for eid, r in zip(ids, rows, strict=True)
        ],
    )
    out = []
    alone = len(rows) == 1  # one add is a journal entry of its own; a file's rows are worded by its import
    add_note = N_("add {name} ({stage})")
    for eid, r, refs in zip(ids, rows, units, strict=True):
        warnings = []
        if r["uscc_bad_check"]:
            warnings.append(bad_check_warning(r["uscc"]))
        space = take_units(conn, eid, refs, unit_field) if refs else []
        out.append(
            {
                "summary": journal_note(add_note, name=r["name"], stage=r["stage"]) if alone else None,
                "id": eid,
                "name": r["name"],
                "stage": r["stage"],
                "date": r["stage_date"],
                "units": [t["unit"] for t in space if t["action"] in ("leased", "reserved")],
                "space": space,
                "warnings": warnings,
            }
        )
    return out


def _alone(conn, row: dict, unit_field: str, refs: list[str]) -> dict | PromoError:
    """One row of a run SQLite refused as a whole, added by itself so the others still go in."""
    conn.execute("SAVEPOINT add_alone")
    try:
        return _insert(conn, [row], unit_field, [refs])[0]
    except PromoError as exc:
        conn.execute("ROLLBACK TO add_alone")
        return exc
    finally:
        conn.execute("RELEASE add_alone")


def bad_check_warning(code: str) -> str:
    return _("credit code {code} fails its check character; stored flagged {mark}").format(
        code=code, mark=BAD_CHECK_MARK
    )


def add_signing_dates(conn: sqlite3.Connection, signed: list[tuple[int, str]]) -> None:
    """The 签约 entries of enterprises just added past 签约 (an import), in one insert: what set_signing_date
    writes for a record with no 签约 entry and no milestones yet. Each date is no later than its stage date.
    No reason is noted, as for a move: an exported 阶段记录 sheet brought back then finds each entry as it was."""
    require_write(conn)
    recorded = now()
    bulk.insert(
        conn,
        "stage_history",
        [
            {"enterprise_id": eid, "stage": "签约", "date": date, "reason": None, "recorded_at": recorded}
            for eid, date in signed
        ],
    )
