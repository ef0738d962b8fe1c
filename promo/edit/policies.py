"""产业政策: add, update, expire and remove policies, with their eligibility edited as fields.

Eligibility is stored as lists of codes (industries, carriers), stages, countries and enterprise kinds; a
field left empty means no restriction. Writers run inside the caller's promo.db.write.
"""

from __future__ import annotations

import sqlite3

from promo.edit import parsers as p
from promo.edit.carriers import new_code
from promo.edit.record import Field, as_json, insert, parse_record, problems_error, require_write, update
from promo.errors import BadValue, PromoError, Rejected
from promo.i18n import N_, _
from promo.lookup import find
from promo.summary import note as journal_note
from promo.text import fold


def _code_of(table: str, what: str):
    def parse(conn, value, option):
        from promo.lookup import find

        return find(conn, table, str(value), _(what))["code"]

    return parse


def _levels():
    from promo.policies import LEVELS

    return LEVELS


def _rate(conn, value, option):
    """A rate as a share: 2%, 0.02 or 50％."""
    from promo.text import parse_number

    text = str(value).strip().replace("％", "%")
    if text.endswith("%"):
        return parse_number(text, option, maximum=1000, unit_suffixes=("%",)) / 100  # '%' alone: not a number
    return parse_number(text, option, maximum=10)


def _rate_basis(conn, value, option):
    from promo.policies import RATE_BASES

    labels = {k: v[0] for k, v in RATE_BASES.items()}
    return p.choice(labels, {"投资": "investment", "租金": "annual_rent", "rent": "annual_rent", "研发": "rd_spend"})(
        conn, value, option
    )


def _kinds(conn, value, option):
    from promo.profile import KIND_LABELS

    return p.choice(KIND_LABELS)(conn, value, option)


POLICY_FIELDS = (
    Field("name", "--name", p.name, required=True),
    Field("name_en", "--name-en", p.text(300)),
    Field("code", "--code", p.text(60)),
    Field("doc_no", "--doc-no", p.text(100)),
    Field("issuer", "--issuer", p.text(200)),
    Field("issuer_en", "--issuer-en", p.text(200)),
    Field(
        "level",
        "--level",
        lambda conn, v, o: p.choice(
            _levels(),
            {"国家": "national", "省": "provincial", "市": "municipal", "区": "zone", "园区级": "zone", "区级": "zone"},
        )(conn, v, o),
    ),
    Field("kind", "--kind", p.text(40)),
    Field("start_date", "--start", p.date_from),
    Field("end_date", "--end", p.date_by),
    Field("cap_wan", "--cap", p.cap),
    Field("rate", "--rate", _rate),
    Field("description", "--terms", p.text()),
    Field("description_en", "--terms-en", p.text()),
    Field("source", "--source", p.text()),
)

ELIGIBILITY_FIELDS = (
    Field("industries", "--for-industry", p.each(_code_of("industries", N_("industry"))), multiple=True),
    Field("carriers", "--for-carrier", p.each(_code_of("carriers", N_("carrier"))), multiple=True),
    Field("stages", "--for-stage", p.each(p.stage), multiple=True),
    Field("countries", "--for-country", p.each(p.country), multiple=True),
    Field("enterprise_kinds", "--for-kind", p.each(_kinds), multiple=True),
    Field("min_investment_wan", "--min-investment", p.amount),
    Field("min_jobs", "--min-jobs", p.number(integer=True)),
    Field("rate_basis", "--rate-basis", _rate_basis),
    Field("note", "--eligibility-note", p.text()),
)
_LISTS = ("industries", "carriers", "stages", "countries", "enterprise_kinds")


def _split_raw(raw: dict) -> tuple[dict, dict]:
    keys = {f.key for f in ELIGIBILITY_FIELDS}
    return {k: v for k, v in raw.items() if k not in keys}, {k: v for k, v in raw.items() if k in keys}


def _parse(conn, raw: dict, partial: bool, names: dict | None) -> tuple[dict, dict]:
    policy_raw, el_raw = _split_raw(raw)
    problems = []
    out = []
    for part, fields in ((policy_raw, POLICY_FIELDS), (el_raw, ELIGIBILITY_FIELDS)):
        try:
            out.append(parse_record(conn, part, fields, partial=partial or fields is ELIGIBILITY_FIELDS, names=names))
        except PromoError as exc:  # the policy's and the eligibility's problems, reported together
            problems += getattr(exc, "problems", [exc])
    problems_error(problems)
    return out[0], out[1]


def _check_dates(v: dict, names: dict | None) -> None:
    start, end = v.get("start_date"), v.get("end_date")
    if start and end and end < start:
        option = (names or {}).get("end_date", "--end")
        raise BadValue(option, end, _("is before the policy's start {date}").format(date=start))


def _write_eligibility(conn, policy_id: int, el: dict) -> None:
    if not el:
        return
    values = {k: (as_json(v) if k in _LISTS else v) for k, v in el.items()}
    have = conn.execute("SELECT 1 FROM policy_eligibility WHERE policy_id = ?", (policy_id,)).fetchone()
    if have:
        update_sql = ", ".join(f"{k} = ?" for k in values)
        conn.execute(
            f"UPDATE policy_eligibility SET {update_sql}, sample = 0 WHERE policy_id = ?", [*values.values(), policy_id]
        )
    else:
        insert(conn, "policy_eligibility", dict(values, policy_id=policy_id, sample=0))


def add(conn: sqlite3.Connection, raw: dict, *, names: dict | None = None) -> dict:
    """Add a policy (name required) with its eligibility fields; returns its row."""
    require_write(conn, "policies.add")
    v, el = _parse(conn, raw, False, names)
    _check_dates(v, names)
    if conn.execute("SELECT 1 FROM policies WHERE name_folded = ?", (fold(v["name"]),)).fetchone():
        raise Rejected(
            _("a {what} named {name!r} is already in the catalogue").format(what=_("policy"), name=v["name"]),
            _("update it instead"),
        )
    if v.get("code") and conn.execute("SELECT 1 FROM policies WHERE code = ?", (v["code"],)).fetchone():
        raise Rejected(_("--code {code}: another {what} has this code").format(code=v["code"], what=_("policy")))
    v["code"] = v.get("code") or new_code(conn, "policies", v["name"], v.get("name_en"), "policy")
    v["name_folded"] = fold(v["name"])
    policy_id = insert(conn, "policies", {k: x for k, x in v.items() if x is not None})
    # a policy entered by the office always has its eligibility on record, even when it is open to all
    _write_eligibility(conn, policy_id, el or {"note": None})
    row = dict(conn.execute("SELECT * FROM policies WHERE id = ?", (policy_id,)).fetchone())
    return dict(row, summary=journal_note(N_("add policy {name}"), name=row["name"]))


def update_policy(conn: sqlite3.Connection, name: str, raw: dict, *, names: dict | None = None) -> dict:
    """Change the fields given of a policy and of its eligibility ('' clears one, i.e. no restriction)."""
    require_write(conn, "policies.update")
    row = find(conn, "policies", name, _("policy"))
    v, el = _parse(conn, raw, True, names)
    if v.get("code") not in (None, row["code"]):
        raise BadValue(
            "--code",
            v["code"],
            _("a code is kept for good ({name} is {code})").format(name=row["name"], code=row["code"]),
        )
    v.pop("code", None)
    _check_dates({"start_date": row["start_date"], "end_date": row["end_date"]} | v, names)
    if "name" in v:
        other = conn.execute(
            "SELECT name FROM policies WHERE name_folded = ? AND id != ?", (fold(v["name"]), row["id"])
        ).fetchone()
        if other:
            raise Rejected(
                _("a {what} named {name!r} is already in the catalogue").format(what=_("policy"), name=other[0])
            )
        v["name_folded"] = fold(v["name"])
    update(conn, "policies", row["id"], v)
    _write_eligibility(conn, row["id"], el)
    new = dict(conn.execute("SELECT * FROM policies WHERE id = ?", (row["id"],)).fetchone())
    return dict(new, summary=journal_note(N_("update policy {name}"), name=row["name"]))


def expire(conn: sqlite3.Connection, name: str, on: str | None = None) -> dict:
    """End a policy on a date (default today): it leaves listings and briefs after it, and stays on record."""
    from promo.text import today

    require_write(conn, "policies.expire")
    row = find(conn, "policies", name, _("policy"))
    end = p.date(conn, on, "--on") if on else today()
    if row["start_date"] and end < row["start_date"]:
        raise BadValue("--on", on or end, _("is before the policy's start {date}").format(date=row["start_date"]))

    update(conn, "policies", row["id"], {"end_date": end})
    new = dict(conn.execute("SELECT * FROM policies WHERE id = ?", (row["id"],)).fetchone())
    return dict(new, summary=journal_note(N_("expire policy {name} on {date}"), name=row["name"], date=end))


def remove(conn: sqlite3.Connection, name: str) -> dict:
    """Remove a policy and its eligibility (an expired one is better kept: use expire)."""
    require_write(conn, "policies.remove")
    row = find(conn, "policies", name, _("policy"))
    conn.execute("DELETE FROM policies WHERE id = ?", (row["id"],))
    return dict(row, summary=journal_note(N_("remove policy {name}"), name=row["name"]))
