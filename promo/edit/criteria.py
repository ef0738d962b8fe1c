"""准入机制: access criteria, the negative list, and 一事一议 exceptions recorded on an enterprise.

Writers run inside the caller's promo.db.write.
"""

from __future__ import annotations

import difflib
import json
import sqlite3

from promo.edit import parsers as p
from promo.edit.record import Field, insert, parse_record, require_write, update
from promo.errors import BadValue, NotFound, Rejected
from promo.i18n import N_, _
from promo.summary import note as journal_note
from promo.text import fold

_OPS = {
    ">=": ">=",
    "≥": ">=",
    "=>": ">=",
    "min": ">=",
    "at-least": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "<=": "<=",
    "≤": "<=",
    "=<": "<=",
    "max": "<=",
    "at-most": "<=",
    "不高于": "<=",
    "不超过": "<=",
    "大于等于": ">=",
    "不小于": ">=",
    "小于等于": "<=",
    "不大于": "<=",
}
NEGATIVE_KINDS = {"禁止": "禁止", "限制": "限制"}
# the names zone sheets and published indicators (标准地 "3+N" 指标) give the metrics
METRIC_SYNONYMS = {
    "投资强度": "investment_intensity",
    "亩均投资": "investment_intensity",
    "亩均投资强度": "investment_intensity",
    "亩均产值": "output_per_mu",
    "亩均营收": "output_per_mu",
    "亩均营业收入": "output_per_mu",
    "亩均税收贡献": "tax_per_mu",
    "研发投入占比": "rd_share",
    "研发投入强度": "rd_share",
    "研发强度": "rd_share",
    "总投资": "investment",
    "投资总额": "investment",
    "产值": "output",
    "达产产值": "output",
    "税收": "tax",
    "就业": "jobs",
    "用地": "land_mu",
    "用地规模": "land_mu",
}


def _metric(conn, value, option):
    from promo.criteria import METRICS

    labels = {k: m.label for k, m in METRICS.items()}
    return p.choice(labels, METRIC_SYNONYMS)(conn, value, option)


def _op(conn, value, option):
    op = _OPS.get(fold(str(value)))
    if op is None:
        raise BadValue(option, value, _("use >= (at least, 不低于) or <= (at most, 不超过)"))
    return op


CRITERION_FIELDS = (
    Field("name", "--name", p.name, required=True),
    Field("name_en", "--name-en", p.text(200)),
    Field("code", "--code", p.text(60)),
    Field("metric", "--metric", _metric, required=True),
    Field("op", "--op", _op, clearable=False),
    Field("threshold", "--threshold", p.number(minimum=None), required=True),
    Field("unit", "--unit", p.text(20)),
    Field("carrier_id", "--carrier", p.lookup("carriers", N_("carrier"))),
    Field("industry_id", "--industry", p.lookup("industries", N_("industry"))),
    Field("description", "--description", p.text()),
)

NEGATIVE_FIELDS = (
    Field(
        "kind",
        "--kind",
        p.choice(NEGATIVE_KINDS, {"prohibited": "禁止", "forbidden": "禁止", "restricted": "限制", "limited": "限制"}),
        required=True,
    ),
    Field("item", "ITEM", p.name, required=True),
    Field("keywords", "--keyword", p.each(p.text(60)), multiple=True),
    Field("description", "--description", p.text()),
)


def find_criterion(conn: sqlite3.Connection, name: str) -> sqlite3.Row:
    """A criterion by its code or name (any script); NotFound says which are close."""
    key = fold(name)
    found = [
        r
        for r in conn.execute("SELECT * FROM criteria ORDER BY id")
        if fold(r["name"]) == key or r["code"] == name.strip()
    ]
    if not found:
        found = [r for r in conn.execute("SELECT * FROM criteria ORDER BY id") if key and key in fold(r["name"])]
    if len(found) == 1:
        return found[0]
    names = [r["name"] for r in conn.execute("SELECT name FROM criteria ORDER BY id")]
    if len(found) > 1:
        from promo.errors import Ambiguous

        raise Ambiguous(_("criterion"), name, [r["name"] for r in found])
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.4)
    raise NotFound(_("criterion"), name, close)


def add(conn: sqlite3.Connection, raw: dict, *, names: dict | None = None) -> dict:
    """Add an access criterion (name, metric, threshold required; >= unless --op says otherwise)."""
    from promo.criteria import METRICS
    from promo.edit.carriers import new_code

    require_write(conn, "criteria.add")
    v = parse_record(conn, raw, CRITERION_FIELDS, names=names)
    if any(fold(r[0]) == fold(v["name"]) for r in conn.execute("SELECT name FROM criteria")):
        raise Rejected(
            _("a {what} named {name!r} is already in the catalogue").format(what=_("criterion"), name=v["name"]),
            _("update it instead"),
        )
    v.setdefault("op", ">=")
    v["unit"] = v.get("unit") or METRICS[v["metric"]].unit
    v["code"] = v.get("code") or new_code(conn, "criteria", v["name"], v.get("name_en"), "criterion")
    v["sample"] = 0
    criterion_id = insert(conn, "criteria", {k: x for k, x in v.items() if x is not None})
    row = dict(conn.execute("SELECT * FROM criteria WHERE id = ?", (criterion_id,)).fetchone())
    return dict(row, summary=journal_note(N_("add criterion {name}"), name=row["name"]))


def update_criterion(conn: sqlite3.Connection, name: str, raw: dict, *, names: dict | None = None) -> dict:
    """Change the fields given of a criterion; an edited criterion is the office's own (no ※)."""
    require_write(conn, "criteria.update")
    row = find_criterion(conn, name)
    v = parse_record(conn, raw, CRITERION_FIELDS, partial=True, names=names)
    if v.get("code") not in (None, row["code"]):
        raise BadValue(
            "--code",
            v["code"],
            _("a code is kept for good ({name} is {code})").format(name=row["name"], code=row["code"]),
        )
    v.pop("code", None)
    update(conn, "criteria", row["id"], dict(v, sample=0))
    new = dict(conn.execute("SELECT * FROM criteria WHERE id = ?", (row["id"],)).fetchone())
    return dict(new, summary=journal_note(N_("update criterion {name}"), name=row["name"]))


def remove(conn: sqlite3.Connection, name: str) -> dict:
    """Remove a criterion (its 一事一议 exceptions go with it)."""
    require_write(conn, "criteria.remove")
    row = find_criterion(conn, name)
    conn.execute("DELETE FROM criteria WHERE id = ?", (row["id"],))
    return dict(row, summary=journal_note(N_("remove criterion {name}"), name=row["name"]))


def add_negative(conn: sqlite3.Connection, raw: dict, *, names: dict | None = None) -> dict:
    """Add an item to the negative list (禁止 or 限制), with keywords that flag a prospect."""
    require_write(conn, "criteria.add_negative")
    v = parse_record(conn, raw, NEGATIVE_FIELDS, names=names)
    if any(fold(r[0]) == fold(v["item"]) for r in conn.execute("SELECT item FROM negative_list")):
        raise Rejected(_("{item!r} is on the negative list already").format(item=v["item"]))
    # stored folded, so a prospect's description matches however it is written; the item itself is a keyword
    keywords = list(dict.fromkeys(fold(k) for k in [v["item"], *v.get("keywords", [])] if fold(k)))
    v["keywords"] = json.dumps(keywords, ensure_ascii=False)
    v["sample"] = 0
    item_id = insert(conn, "negative_list", {k: x for k, x in v.items() if x is not None})
    row = dict(conn.execute("SELECT * FROM negative_list WHERE id = ?", (item_id,)).fetchone())
    return dict(row, summary=journal_note(N_("add {negative} item {item}"), negative=row["kind"], item=row["item"]))


def remove_negative(conn: sqlite3.Connection, item: str) -> dict:
    """Take an item off the negative list."""
    require_write(conn, "criteria.remove_negative")
    items = conn.execute("SELECT * FROM negative_list ORDER BY id").fetchall()
    found = [r for r in items if fold(r["item"]) == fold(item)] or [
        r for r in items if fold(item) and fold(item) in fold(r["item"])
    ]
    if len(found) != 1:
        if found:
            from promo.errors import Ambiguous

            raise Ambiguous(_("negative-list item"), item, [r["item"] for r in found])
        raise NotFound(
            _("negative-list item"), item, difflib.get_close_matches(item, [r["item"] for r in items], n=3, cutoff=0.4)
        )
    conn.execute("DELETE FROM negative_list WHERE id = ?", (found[0]["id"],))
    return dict(
        found[0],
        summary=journal_note(N_("remove {negative} item {item}"), negative=found[0]["kind"], item=found[0]["item"]),
    )


def add_exception(
    conn: sqlite3.Connection,
    enterprise: str,
    criterion: str,
    *,
    approved_by: str,
    approved_on: str | None = None,
    note: str | None = None,
) -> dict:
    """Record a 一事一议 decision: `enterprise` need not meet `criterion`, approved by whom and when."""
    from promo import identity
    from promo.edit.record import problems_error
    from promo.text import today

    require_write(conn, "criteria.add_exception")
    problems, v = [], {}
    for key, option, value, parser in (
        ("approved_by", "--approved-by", approved_by, p.text(200)),
        ("approved_on", "--on", approved_on, p.date),
        ("note", "--note", note, p.text()),
    ):
        try:
            v[key] = parser(conn, value, option) if value not in (None, "") else None
        except BadValue as exc:
            problems.append(exc)
    if not v.get("approved_by") and not any(getattr(x, "field", "") == "--approved-by" for x in problems):
        problems.append(BadValue("--approved-by", repr(approved_by or ""), _("say who approved the exception")))
    row, crit = None, None
    for finder in ("enterprise", "criterion"):
        try:
            if finder == "enterprise":
                row = identity.get(conn, enterprise)
            else:
                crit = find_criterion(conn, criterion)
        except (NotFound, Rejected) as exc:
            problems.append(exc)
    problems_error(problems)
    v["approved_on"] = v.get("approved_on") or today()
    if conn.execute(
        "SELECT 1 FROM criteria_exceptions WHERE enterprise_id = ? AND criterion_id = ?", (row["id"], crit["id"])
    ).fetchone():
        raise Rejected(
            _("{name} has an exception to {criterion} already").format(name=row["name"], criterion=crit["name"])
        )
    exception_id = insert(conn, "criteria_exceptions", dict(v, enterprise_id=row["id"], criterion_id=crit["id"]))
    summary = journal_note(N_("exception {name}: {criterion} (case by case)"), name=row["name"], criterion=crit["name"])
    return {"id": exception_id, "enterprise": row["name"], "criterion": crit["name"], **v, "summary": summary}


def remove_exception(conn: sqlite3.Connection, enterprise: str, criterion: str) -> dict:
    """Withdraw a 一事一议 exception."""
    from promo import identity

    require_write(conn, "criteria.remove_exception")
    row = identity.get(conn, enterprise)
    crit = find_criterion(conn, criterion)
    found = conn.execute(
        "SELECT id FROM criteria_exceptions WHERE enterprise_id = ? AND criterion_id = ?", (row["id"], crit["id"])
    ).fetchone()
    if found is None:
        raise Rejected(_("{name} has no exception to {criterion}").format(name=row["name"], criterion=crit["name"]))

    conn.execute("DELETE FROM criteria_exceptions WHERE id = ?", (found[0],))
    summary = journal_note(N_("withdraw exception {name}: {criterion}"), name=row["name"], criterion=crit["name"])
    return {"enterprise": row["name"], "criterion": crit["name"], "summary": summary}
