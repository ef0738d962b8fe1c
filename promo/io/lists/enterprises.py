"""The pipeline's enterprises in a workbook: matched by credit code or folded name, written by promo.enterprises."""

from __future__ import annotations

import sqlite3

from promo.errors import BadValue, PromoError, Rejected, raise_all
from promo.i18n import N_, _
from promo.io.lists.enterprise_columns import FIELDS  # noqa: F401  (the adapter's columns)
from promo.io.lists.enterprises_export import export_rows  # noqa: F401  (the adapter's export)
from promo.text import fold
from promo.vocabulary import stage_index

ZH, EN = "企业", "enterprises"


def parse(conn: sqlite3.Connection, raw: dict, names: dict, options: dict):
    """A row's typed fields through the pipeline's own parser (every problem of the row at once)."""
    from promo.enterprises import parse_checked

    raw = {**raw, "accept_bad_check": options.get("accept_bad_check")}
    signed_text, problems, signed = raw.pop("signed", None), [], None
    memo = options.get("memo")
    try:
        signed = _signing_date(signed_text, names, memo) if signed_text else None
    except BadValue as exc:
        problems.append(exc)
    if raw.get("units"):
        raw["units"] = [u.strip() for u in raw["units"].replace("；", ";").replace("、", ";").split(";") if u.strip()]
    try:
        f = parse_checked(conn, raw, names, memo=memo)
    except PromoError as exc:
        raise_all(problems + getattr(exc, "problems", [exc]))
    raise_all(problems)
    f.signed = _signed(f, signed, signed_text, names)
    f.default_owner = options.get("owner")  # for new rows only: an existing record keeps its claim
    f.sample_flag = (raw.get("sample") or "").strip() in ("是", "※", "1", "yes", "true", "sample")
    f.uscc_as_written = raw.get("uscc")
    return f


def _signing_date(text, names: dict, memo: dict | None) -> str | None:
    """The signing date a cell gives, each distinct good one parsed once an import (as promo.enterprise_fields
    parses a row's other dates); a bad one is read again on its own line."""
    from promo.enterprise_fields import MEMO_LIMIT, parse_today_or_before

    seen = memo.setdefault("signed", {}) if memo is not None and type(text) is str else None
    if seen is not None and text in seen:
        return seen[text]
    date = parse_today_or_before(text, names["signed"])
    if seen is not None and len(seen) < MEMO_LIMIT:
        seen[text] = date
    return date


def _signed(f, signed: str | None, written, names: dict) -> str | None:
    """The signing date a row gives, checked against the stage and stage date the row gives."""

    if signed is None or not f.stage:
        return signed  # no stage in the row: checked against the record's (or 签约 for a new one) when written
    if stage_index(f.stage) < stage_index("签约"):
        raise BadValue(names["signed"], written, _("an enterprise at {stage} has not signed yet").format(stage=f.stage))
    if f.stage == "签约" and f.date and f.date != signed:
        raise BadValue(
            names["signed"],
            written,
            _("differs from {column} {date}; at 签约 they are one date").format(column=names["date"], date=f.date),
        )
    if f.date and signed > f.date:
        raise BadValue(
            names["signed"],
            written,
            _("is after {column} {date}, when it entered {stage}").format(
                column=names["date"], date=f.date, stage=f.stage
            ),
        )
    if f.stage == "签约":
        f.date = signed  # at 签约 the stage date is the signing
    return signed


def row_warnings(f) -> list[str]:
    """What is worth a look but does not block: a code changed by normalising, a failing organisation code."""
    from promo.uscc import organisation_code_ok

    out = []
    if f.uscc and f.uscc_as_written and f.uscc_as_written.strip() != f.uscc:
        out.append(
            _("credit code {given!r} stored as {code} (spaces, width or case normalised)").format(
                given=f.uscc_as_written.strip(), code=f.uscc
            )
        )
    if f.uscc and not organisation_code_ok(f.uscc):
        out.append(
            _(
                "credit code {code}: the organisation code inside it (positions 9–17, GB 11714) fails its own check; "
                "worth reading again from the licence"
            ).format(code=f.uscc)
        )
    return out


def label(f) -> str:
    return f.name


def keys(f) -> list[tuple[str, str]]:
    from promo.uscc import normalise

    code = normalise(f.uscc) if f.uscc else None  # a row rejected before its code was read gives it as written
    return [(k, v) for k, v in ((N_("folded name"), fold(f.name or "")), (N_("credit code"), code)) if v]


def existing_many(conn: sqlite3.Connection, rows: list) -> list:
    """existing() for each row, against the catalogue's records fetched for all of them at once."""
    from promo.errors import PromoError
    from promo.identity import Known

    known = Known(conn, [f.name for f in rows], [f.uscc for f in rows])
    out = []
    for f in rows:
        try:
            out.append(existing(conn, f, known))
        except PromoError as exc:
            out.append(exc)
    return out


def existing(conn: sqlite3.Connection, f, known=None):
    """The catalogue's record this row names, or None; a credit code held by another name is a conflict."""
    from promo.identity import duplicate_of

    by_code = duplicate_of(conn, None, f.uscc, known=known)[0] if f.uscc else None
    by_name, why = duplicate_of(conn, f.name, None, known=known)
    if by_code is not None and (by_name is None or by_name["id"] != by_code["id"]):
        raise Rejected(
            _("conflict: credit code {uscc} belongs to {name} in the catalogue, not {given}").format(
                uscc=f.uscc, name=by_code["name"], given=f.name
            )
        )
    if by_name is not None and f.uscc and by_name["uscc"] and by_name["uscc"] != f.uscc:
        raise Rejected(
            _("conflict: {name} is in the catalogue with credit code {uscc}, this row gives {given}").format(
                name=by_name["name"], uscc=by_name["uscc"], given=f.uscc
            )
        )
    if by_name is None:
        return None, None
    return by_name, (_("the same {key}").format(key=_("credit code")) if by_code is not None else why)


def _held(conn: sqlite3.Connection, enterprise_id: int) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT c.name || '/' || u.code FROM units u JOIN carriers c ON c.id = u.carrier_id "
            "WHERE u.enterprise_id = ? ORDER BY c.name, u.code",
            (enterprise_id,),
        )
    ]


def _named(conn: sqlite3.Connection, table: str, row_id) -> str | None:
    if row_id is None:
        return None
    row = conn.execute(f"SELECT name FROM {table} WHERE id = ?", (row_id,)).fetchone()
    return row[0] if row else None


def changes(conn: sqlite3.Connection, row, f) -> list[tuple[str, object, object]]:
    """(field, old, new) for every field the row gives that differs from the record; empty cells change nothing."""
    from promo.enterprise_add import carrier_id_of, industry_id_of
    from promo.enterprise_fields import KINDS
    from promo.holding import find_unit, unit_label
    from promo.io.cells import zero_lost
    from promo.vocabulary import stage_index

    out = []
    plain = ("name_en", "code_name", "source_channel", "country", "owner", "contact", "phone", "note")
    if f.uscc and f.uscc != row["uscc"]:
        out.append(("uscc", row["uscc"], f.uscc))
    for key in plain:
        value = getattr(f, key)
        if value not in (None, "") and value != row[key] and not (key == "phone" and zero_lost(row[key], value)):
            out.append((key, row[key], value))
    if row["owner"] and f.owner and f.owner != row["owner"]:
        from promo.identity import claim_text

        out.append(("claim", claim_text(row), f"{f.owner} takes it over only by: promo enterprises update --transfer"))
    if f.owner_since and f.owner_since != row["owner_since"]:
        if not (f.owner or row["owner"]):
            raise Rejected(_claimless(f))
        if f.owner in (None, "", row["owner"]) or not row["owner"]:  # not a claim another officer would take over
            out.append(("owner_since", row["owner_since"], f.owner_since))
    if f.kind and f.kind != row["kind"]:
        out.append(("kind", KINDS.get(row["kind"]), KINDS.get(f.kind)))
    for key, table, lookup in (("industry", "industries", industry_id_of), ("carrier", "carriers", carrier_id_of)):
        value = getattr(f, key)
        if value and lookup(conn, value) != row[f"{key}_id"]:
            out.append((key, _named(conn, table, row[f"{key}_id"]), _named(conn, table, lookup(conn, value))))
    for key in ("investment_wan", "jobs"):
        value = getattr(f, key)
        if value not in (None, "") and (row[key] is None or float(value) != float(row[key])):
            out.append((key, row[key], value))
    if f.stage and f.stage != row["stage"]:
        out.append(("stage", row["stage"], f.stage))
        if f.date and f.date != row["stage_date"]:
            out.append(("date", row["stage_date"], f.date))
    elif f.date and f.date != row["stage_date"]:
        out.append(("date", row["stage_date"], f.date))
    if f.signed and stage_index(f.stage or row["stage"]) >= stage_index("签约"):
        from promo.projects import signing_date

        on_record = signing_date(conn, row["id"])
        if on_record != f.signed and not (f.stage == "签约" and f.date == f.signed):  # the move carries it
            out.append(("signed", on_record, f.signed))
    held = _held(conn, row["id"])
    new = [r for r in f.units if unit_label(find_unit(conn, r)) not in held]
    if new:
        out.append(("units", "; ".join(held), "; ".join(held + new)))
    return out


def add_many(conn: sqlite3.Connection, rows: list) -> list:
    """New rows (parsed, names) through the pipeline's add_many: per row its warnings, or why it was refused."""
    from promo import enterprises
    from promo.errors import PromoError

    records, out = [], []
    for f, names in rows:
        f.owner = f.owner or f.default_owner
        if f.owner_since and not f.owner:
            out.append(Rejected(_claimless(f)))
            continue
        if f.signed and (f.stage or "签约") == "签约":
            if f.date and f.date != f.signed:
                out.append(
                    Rejected(
                        _("签约日期 {signed} differs from 阶段日期 {date}; at 签约 they are one date").format(
                            signed=f.signed, date=f.date
                        )
                    )
                )
                continue
            f.date = f.signed  # a new enterprise at 签约 entered it the day it signed
        records.append((f, names))
        out.append(None)
    results = iter(
        enterprises.add_many(
            conn,
            [f for f, _names in records],
            samples=[getattr(f, "sample_flag", False) for f, _names in records],
            unit_field=[names.get("units", "units") for _f, names in records],
        )
    )
    fields = iter(f for f, _names in records)
    signed = []
    for i, o in enumerate(out):
        if o is not None:
            continue
        f, r = next(fields), next(results)
        if isinstance(r, PromoError):
            out[i] = r
            continue
        if f.signed and f.signed != r["date"]:
            signed.append((r["id"], f.signed))  # parse() checked it against the row's stage and stage date
        out[i] = r["warnings"]
        if not f.date:  # said once for all such rows, by their lines: a lead list often has no dates
            from promo.io.importer import Note

            undated = _("no stage date (阶段日期): in its stage from today, {day}").format(day=r["date"])
            out[i] = [*out[i], Note(undated)]
    if signed:
        from promo.enterprise_add import add_signing_dates

        add_signing_dates(conn, signed)
    return out


def update(conn: sqlite3.Connection, row, f, changed: list) -> list[str]:
    """Apply a row's changes by the pipeline's update (fields) and move (a new stage)."""
    from promo import enterprises
    from promo.enterprise_fields import Fields
    from promo.vocabulary import stage_index

    keys = {c[0] for c in changed}
    fields = Fields(
        **{
            k: getattr(f, k)
            for k in (
                "name",
                "uscc",
                "uscc_bad_check",
                "kind",
                "industry",
                "carrier",
                "investment_wan",
                "jobs",
                "source_channel",
                "country",
                "owner",
                "owner_since",
                "contact",
                "phone",
                "note",
                "code_name",
                "name_en",
            )
            if k in keys
        }
    )
    if "uscc" in keys:
        fields.uscc_bad_check = f.uscc_bad_check  # a new code stored with --accept-bad-check keeps its ⚠
    if "date" in keys and "stage" not in keys:
        fields.date = f.date
    if "units" in keys and "stage" not in keys:
        fields.units = f.units
    result = enterprises.update(conn, row["name"], fields)
    warnings = list(result["warnings"])
    if "stage" in keys:
        moved = enterprises.move(
            conn,
            result["name"],
            f.stage,
            date=f.date,
            units=f.units,
            reason="导入更新" if stage_index(f.stage) < stage_index(row["stage"]) else None,
        )
        warnings += moved["warnings"]
    if "signed" in keys:
        from promo.projects import set_signing_date

        set_signing_date(conn, result["name"], f.signed)
    return warnings


def _claimless(f) -> str:
    return _("claim date {date}: no owner (包保责任人) holds a 首报首谈 claim").format(date=f.owner_since)


def count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM enterprises").fetchone()[0]


def example() -> dict:
    return {
        "name": "济南示例医疗科技有限公司",
        "uscc": "91370100MA3C5T8N5L",
        "kind": "企业",
        "industry": "高端医疗器械",
        "stage": "签约",
        "date": "2026-03-05",
        "investment_wan": 5000,
        "jobs": 80,
        "source_channel": "以商引商",
        "country": "中国",
        "owner": "张伟",
        "contact": "王经理",
        "phone": "0531-88888888",
        "sample": "是",
    }


LABEL_COLUMN = "name"
# one enterprise over several rows, its name merged down over them: each row adds a contact (and its phone)
CONTINUED_BY = ("name", ("contact", "phone", "units"))
