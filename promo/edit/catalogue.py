"""招商目录: leading industries, their chains and chain links (上游/中游/下游) — add, rename, remove.

Writers run inside the caller's promo.db.write.
"""

from __future__ import annotations

import sqlite3

from promo.edit import parsers as p
from promo.edit.record import Field, insert, parse_record, refuse_if_used, require_write, update
from promo.errors import BadValue, Rejected
from promo.i18n import N_, _
from promo.lookup import find
from promo.summary import note as journal_note
from promo.text import fold

LEVELS = {"industry": "主导产业", "chain": "产业链", "link": "链环"}
PARENT_LEVEL = {"chain": "industry", "link": "chain"}


def _segment(conn, value, option):
    from promo.targets import parse_segment

    try:
        return parse_segment(str(value))
    except BadValue as exc:
        raise BadValue(option, value, exc.why) from None


NODE_FIELDS = (
    Field(
        "level",
        "LEVEL",
        p.choice(
            LEVELS, {"leading": "industry", "主导": "industry", "链": "chain", "环节": "link", "chain-link": "link"}
        ),
        required=True,
    ),
    Field("name", "NAME", p.name, required=True),
    Field("name_en", "--name-en", p.text(200)),
    Field("code", "--code", p.text(60)),
    Field("parent_id", "--under", p.lookup("industries", N_("industry"))),
    Field("segment", "--segment", _segment),
)


def _refuse_duplicate(conn, name: str, exclude: int | None = None) -> None:
    row = conn.execute(
        "SELECT name, level FROM industries WHERE name_folded = ? AND id IS NOT ?", (fold(name), exclude)
    ).fetchone()
    if row:
        raise Rejected(
            _("{level} {name!r} is in the catalogue already").format(level=LEVELS[row["level"]], name=row["name"]),
            _("give another name"),
        )


def add(conn: sqlite3.Connection, raw: dict, *, names: dict | None = None) -> dict:
    """Add a leading industry, a chain under an industry, or a link (with its segment) under a chain."""
    from promo.edit.carriers import new_code

    require_write(conn, "catalogue.add")
    v = parse_record(conn, raw, NODE_FIELDS, names=names)
    level = v["level"]
    under = (names or {}).get("parent_id", "--under")
    if level == "industry":
        if v.get("parent_id"):
            raise BadValue(under, raw.get("parent_id"), _("a leading industry is under nothing; leave --under out"))
        if v.get("segment"):
            raise BadValue("--segment", raw.get("segment"), _("only a chain link has a segment"))
    else:
        if not v.get("parent_id"):
            if level == "chain":
                raise BadValue(under, "''", _("a chain goes under a leading industry: give --under NAME"))
            raise BadValue(under, "''", _("a chain link goes under a chain: give --under NAME"))
        parent = conn.execute("SELECT name, level FROM industries WHERE id = ?", (v["parent_id"],)).fetchone()
        if parent["level"] != PARENT_LEVEL[level]:
            raise BadValue(
                under,
                raw.get("parent_id"),
                _("{name} is {level}; a {child} goes under {parent}").format(
                    name=parent["name"],
                    level=LEVELS[parent["level"]],
                    child=LEVELS[level],
                    parent=LEVELS[PARENT_LEVEL[level]],
                ),
            )
        if level == "chain" and v.get("segment"):
            raise BadValue("--segment", raw.get("segment"), _("only a chain link has a segment"))
    _refuse_duplicate(conn, v["name"])
    if v.get("code") and conn.execute("SELECT 1 FROM industries WHERE code = ?", (v["code"],)).fetchone():
        raise Rejected(_("--code {code}: another {what} has this code").format(code=v["code"], what=_("industry")))
    v["code"] = v.get("code") or new_code(conn, "industries", v["name"], v.get("name_en"), level)
    v["name_folded"] = fold(v["name"])
    v["sort"] = (conn.execute("SELECT max(sort) FROM industries").fetchone()[0] or 0) + 1
    node_id = insert(conn, "industries", {k: x for k, x in v.items() if x is not None})
    row = dict(conn.execute("SELECT * FROM industries WHERE id = ?", (node_id,)).fetchone())
    return dict(row, summary=journal_note(N_("add {level} {name}"), level=level, name=row["name"]))


def rename(
    conn: sqlite3.Connection, name: str, new_name: str, *, name_en: str | None = None, segment: str | None = None
) -> dict:
    """Give an industry, chain or link a new name (and English name, or a link a new segment)."""
    require_write(conn, "catalogue.rename")
    row = find(conn, "industries", name, _("industry"))
    raw = {"name": new_name, "name_en": name_en, "segment": segment}
    v = parse_record(
        conn,
        {k: x for k, x in raw.items() if x is not None},
        [f for f in NODE_FIELDS if f.key in raw],
        partial=True,
        names={"name": "NEW_NAME"},
    )
    if "segment" in v and row["level"] != "link":
        raise BadValue("--segment", segment, _("only a chain link has a segment"))
    if "name" in v:
        _refuse_duplicate(conn, v["name"], row["id"])
        v["name_folded"] = fold(v["name"])
    update(conn, "industries", row["id"], v)
    new = dict(conn.execute("SELECT * FROM industries WHERE id = ?", (row["id"],)).fetchone())
    return dict(
        new,
        summary=journal_note(
            N_("rename {level} {name} → {new_name}"), level=row["level"], name=row["name"], new_name=new["name"]
        ),
    )


def move(conn: sqlite3.Connection, name: str, under: str, *, option: str = "--under") -> dict:
    """Put a chain under another leading industry, or a link under another chain; its level stays."""
    require_write(conn, "catalogue.move")
    row = find(conn, "industries", name, _("industry"))
    if row["level"] == "industry":
        raise BadValue(option, under, _("{name} is a leading industry, under nothing").format(name=row["name"]))
    parent = find(conn, "industries", under, _("industry"))
    if parent["level"] != PARENT_LEVEL[row["level"]]:
        raise BadValue(
            option,
            under,
            _("{name} is {level}; a {child} goes under {parent}").format(
                name=parent["name"],
                level=LEVELS[parent["level"]],
                child=LEVELS[row["level"]],
                parent=LEVELS[PARENT_LEVEL[row["level"]]],
            ),
        )
    update(conn, "industries", row["id"], {"parent_id": parent["id"]})
    return {
        "id": row["id"],
        "name": row["name"],
        "summary": journal_note(
            N_("move {level} {name} → {parent}"), level=row["level"], name=row["name"], parent=parent["name"]
        ),
    }


def users(conn: sqlite3.Connection, node: sqlite3.Row) -> list[tuple[str, list[str]]]:
    """What uses an industry, chain or link: the rows that would lose it, by kind."""
    i, code = node["id"], node["code"]

    def names(sql, params=(i,)):
        return [r[0] for r in conn.execute(sql, params)]

    return [
        (N_("below it"), names("SELECT name FROM industries WHERE parent_id = ? ORDER BY sort")),
        (N_("enterprises"), names("SELECT name FROM enterprises WHERE industry_id = ? ORDER BY name")),
        (N_("targets"), names("SELECT name FROM targets WHERE link_id = ? ORDER BY name")),
        (
            N_("carriers"),
            names(
                "SELECT c.name FROM carrier_industries ci JOIN carriers c ON c.id = ci.carrier_id "
                "WHERE ci.industry_id = ? ORDER BY c.name"
            ),
        ),
        (
            N_("policies"),
            names(
                "SELECT p.name FROM policies p JOIN policy_eligibility e ON e.policy_id = p.id, "
                "json_each(e.industries) j WHERE j.value = ? ORDER BY p.name",
                (code,),
            ),
        ),
        (N_("criteria"), names("SELECT name FROM criteria WHERE industry_id = ? ORDER BY name")),
        (N_("scenarios"), names("SELECT title FROM scenarios WHERE industry_id = ? ORDER BY title")),
        (
            N_("saved needs"),
            names(
                "SELECT e.name FROM needs n JOIN enterprises e ON e.id = n.enterprise_id "
                "WHERE n.industry_id = ? ORDER BY e.name"
            ),
        ),
    ]


def remove(conn: sqlite3.Connection, name: str) -> dict:
    """Remove an industry, chain or link nothing uses; refuses naming what does."""
    require_write(conn, "catalogue.remove")
    row = find(conn, "industries", name, _("industry"))
    refuse_if_used(
        LEVELS[row["level"]],
        row["name"],
        users(conn, row),
        N_("remove or move those first; a link with enterprises or targets stays until they move"),
    )
    conn.execute("DELETE FROM industries WHERE id = ?", (row["id"],))
    return dict(row, summary=journal_note(N_("remove {level} {name}"), level=row["level"], name=row["name"]))
