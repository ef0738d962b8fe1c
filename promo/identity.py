"""Which enterprise a name means: lookup by name in any script, English name, code name or credit code; duplicates
(and why two names are one), similar names, and the first-report (首报首谈) claim."""

from __future__ import annotations

import re
import shlex
import sqlite3

from promo.errors import Ambiguous, NotFound, Rejected
from promo.i18n import _
from promo.lookup import find, like_escape
from promo.text import FOLD_STEPS, fold


def get(conn: sqlite3.Connection, name: str, *, exact: bool = False) -> sqlite3.Row:
    """The enterprise `name` designates: its name in any script, its credit code, its code name, its English
    name, or a unique part of any of these names (not with `exact`, used before destructive changes).

    `promo enterprises show omron` finds 欧姆龙(上海) by its English name Omron (Shanghai); a Chinese name,
    whole or part, is tried first, so adding English names never changes what a Chinese query finds.
    """
    from promo import uscc
    from promo.lookup import check_length

    check_length(name, "enterprise")
    if uscc.looks_like_uscc(name):
        row = conn.execute("SELECT * FROM enterprises WHERE uscc = ?", (uscc.normalise(name),)).fetchone()
        if row:
            return row
    key = fold(name)
    row = conn.execute("SELECT * FROM enterprises WHERE name_folded = ?", (key,)).fetchone()
    if row:
        return row
    coded = _code_name_rows(conn, key, whole=True)
    if len(coded) == 1:
        return coded[0]
    if exact or not key:
        from promo.lookup import suggestions

        raise NotFound(_("enterprise"), name, suggestions(conn, "enterprises", name) if key else [])
    english = _english_name_rows(conn, key, whole=True)
    if len(english) == 1:
        return english[0]
    found = {
        r["id"]: r
        for r in conn.execute(
            "SELECT * FROM enterprises WHERE name_folded LIKE ? ESCAPE '\\' ORDER BY length(name_folded) LIMIT 20",
            (f"%{like_escape(key)}%",),
        )
    }
    for r in _code_name_rows(conn, key) + _english_name_rows(conn, key):
        found.setdefault(r["id"], r)
    if len(found) == 1:
        return next(iter(found.values()))
    if found:
        raise Ambiguous(_("enterprise"), name, [_shown_with_other_name(r, key) for r in found.values()])
    return find(conn, "enterprises", name, _("enterprise"))  # credit code as typed, else NotFound with suggestions


def _code_name_rows(conn: sqlite3.Connection, key: str, *, whole: bool = False) -> list[sqlite3.Row]:
    """Enterprises whose code name is `key` (whole) or contains it, compared folded."""
    if not key:
        return []
    if whole:
        return conn.execute("SELECT * FROM enterprises WHERE code_name_folded = ? ORDER BY id", (key,)).fetchall()
    return conn.execute(
        "SELECT * FROM enterprises WHERE code_name_folded LIKE ? ESCAPE '\\' ORDER BY id", (f"%{like_escape(key)}%",)
    ).fetchall()


def _english_name_rows(conn: sqlite3.Connection, key: str, *, whole: bool = False) -> list[sqlite3.Row]:
    """Enterprises whose English name is `key` (whole) or contains it, compared folded (case, spaces,
    width). SQL narrows the rows to English names holding the query's letters; fold() decides."""
    if not key or not key.isascii():
        return []
    rows_ = conn.execute(
        "SELECT * FROM enterprises WHERE name_en IS NOT NULL AND replace(lower(name_en), ' ', '') LIKE ? ESCAPE '\\'"
        " LIMIT 200",
        (f"%{like_escape(key)}%",),
    ).fetchall()
    return [r for r in rows_ if (fold(r["name_en"]) == key if whole else key in fold(r["name_en"]))]


def _shown_with_other_name(row: sqlite3.Row, key: str) -> str:
    """A candidate in an 'ambiguous' message, with the English or code name that matched."""
    for other in ("name_en", "code_name"):
        if row[other] and key in fold(row[other]) and key not in row["name_folded"]:
            return f"{row['name']} ({row[other]})"
    return row["name"]


def _why_same(given: str, existing: str) -> str:
    """Which folding makes two names one: script, width, spacing, case, punctuation."""
    if given == existing:
        return _("the same name")
    steps = FOLD_STEPS

    def fold_with(s: str, skip: str | None) -> str:
        for label, step in steps.items():
            if label != skip:
                s = step(s)
        return s

    needed = [label for label in steps if fold_with(given, label) != fold_with(existing, label)]
    if not needed:
        return _("the same name after folding how it is written")
    return _("the same name after folding {steps}").format(steps=_(", ").join(_(step) for step in needed))


def claim_text(row: sqlite3.Row | dict) -> str | None:
    """The first-report (首报首谈) claim on an enterprise: who holds it and since when."""
    if not row["owner"]:
        return None
    if row["owner_since"]:
        return _("首报首谈 (first-report claim): {owner} holds the claim on {name} since {date}").format(
            owner=row["owner"], name=row["name"], date=row["owner_since"]
        )
    held = _("首报首谈 (first-report claim): {owner} holds the claim on {name}")
    return held.format(owner=row["owner"], name=row["name"])


class Known:
    """The enterprises a batch of new records could collide with, fetched in three indexed queries, so that
    checking a thousand rows does not query the catalogue a thousand times (promo.enterprises.add_many)."""

    def __init__(self, conn: sqlite3.Connection, names=(), codes=(), code_names=()):
        import json

        folded = sorted({fold(n) for n in (*names, *code_names) if n})
        self.by_uscc = self._fetch(conn, "uscc", sorted({c for c in codes if c}), json)
        self.by_name = self._fetch(conn, "name_folded", folded, json)
        self.by_code_name = self._fetch(conn, "code_name_folded", sorted({fold(n) for n in code_names if n}), json)

    @staticmethod
    def _fetch(conn: sqlite3.Connection, column: str, keys: list[str], json) -> dict:
        if not keys:
            return {}
        found = conn.execute(
            f"SELECT * FROM enterprises WHERE {column} IN (SELECT value FROM json_each(?)) ORDER BY id",
            (json.dumps(keys, ensure_ascii=False),),
        )
        out: dict = {}
        for row in found:
            out.setdefault(row[column], row)
        return out


def duplicate_of(
    conn: sqlite3.Connection,
    name: str | None,
    code: str | None,
    *,
    exclude: int | None = None,
    known: Known | None = None,
):
    """The enterprise a new name or credit code would duplicate, with why; (None, None) if none."""
    other = " AND id != :exclude" if exclude is not None else ""
    if code:
        if known is not None:
            row = known.by_uscc.get(code)
        else:
            row = conn.execute(
                f"SELECT * FROM enterprises WHERE uscc = :code{other}", {"code": code, "exclude": exclude}
            ).fetchone()
        if row:
            return row, _("the same credit code {code}").format(code=code)

    if name:
        if known is not None:
            row = known.by_name.get(fold(name))
        else:
            row = conn.execute(
                f"SELECT * FROM enterprises WHERE name_folded = :key{other}", {"key": fold(name), "exclude": exclude}
            ).fetchone()
        if row:
            return row, _why_same(name, row["name"])
    return None, None


def refuse_duplicate(row: sqlite3.Row, why: str, given: str, owner: str | None) -> Rejected:
    from promo.vocabulary import shown

    stage = shown("stage", row["stage"])
    if row["stage_date"]:
        stage = _("{stage} since {date}").format(stage=stage, date=row["stage_date"])
    message = _("{given} is already in the catalogue as {name} (#{id}, {stage}): {why}").format(
        given=given, name=row["name"], id=row["id"], stage=stage, why=why
    )
    claim = claim_text(row)
    if claim and owner and fold(owner) != fold(row["owner"]):
        message += "\n  " + _("{claim}; {owner} cannot claim it again").format(claim=claim, owner=owner)
    elif claim:
        message += f"\n  {claim}"
    return Rejected(
        message,
        _("to correct its record: {command}").format(command=f"promo enterprises update {shlex.quote(row['name'])} …"),
    )


def check_code_name(
    conn: sqlite3.Connection, code_name: str | None, exclude: int | None = None, *, known: Known | None = None
) -> None:
    """Refuse a code name another enterprise uses, or that is another enterprise's real name (folded)."""
    if not code_name:
        return
    key = fold(code_name)
    if known is not None:
        used, clash = known.by_code_name.get(key), known.by_name.get(key)
    else:
        used = conn.execute(
            "SELECT id, name FROM enterprises WHERE code_name_folded = ? AND id IS NOT ? ORDER BY id", (key, exclude)
        ).fetchone()
        clash = conn.execute("SELECT id, name FROM enterprises WHERE name_folded = ?", (key,)).fetchone()
    if used and used["id"] != exclude:
        raise Rejected(
            _("code name {code_name!r} is already used by {name} (#{id})").format(
                code_name=code_name, name=used["name"], id=used["id"]
            )
        )
    if clash and clash["id"] != exclude:
        raise Rejected(
            _("code name {code_name!r} is the real name of {name} (#{id})").format(
                code_name=code_name, name=clash["name"], id=clash["id"]
            )
        )


_LEGAL_FORMS = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团公司",
    "集团",
    "公司",
    "co.,ltd.",
    "co.,ltd",
    "ltd.",
    "ltd",
    "inc.",
)
_BRACKETED = re.compile(r"\([^)]*\)")


def core_name(name: str) -> str:
    """A name without its legal form and bracketed place: 山东示例(济南)有限公司 → 山东示例."""
    key = _BRACKETED.sub("", fold(name)).strip(",. ")
    stripped = True
    while stripped:
        stripped = False
        for form in _LEGAL_FORMS:
            if key.endswith(form) and len(key) > len(form):
                key, stripped = key[: -len(form)].strip(",. "), True
    return key


def similar_names(conn: sqlite3.Connection, name: str, limit: int = 3) -> list[str]:
    """Names that differ from `name` only by legal form or a bracketed place (树兰医院 vs 树兰(济南)医院), for a
    warning: such pairs are usually the same enterprise written two ways."""
    key, core = fold(name), core_name(name)
    if len(core) < 2:
        return []
    # the core's first and last characters narrow the scan; a bracketed place may sit between them
    candidates = conn.execute(
        """SELECT name FROM enterprises
           WHERE name_folded LIKE :head ESCAPE '\\' AND name_folded LIKE :tail ESCAPE '\\' AND name_folded != :key
           LIMIT 1000""",
        {"head": f"%{like_escape(core[:2])}%", "tail": f"%{like_escape(core[-2:])}%", "key": key},
    ).fetchall()
    return [r[0] for r in candidates if core_name(r[0]) == core][:limit]


def reload(conn: sqlite3.Connection, enterprise_id: int) -> sqlite3.Row:
    return conn.execute("SELECT * FROM enterprises WHERE id = ?", (enterprise_id,)).fetchone()
