"""The pipeline: enterprises, their stages and space, follow-up activities, and the first-report claim.

Functions that write expect to run inside `promo.db.write` (one transaction, one journal entry); they
re-check everything there, so two promo processes can never double-book a unit or add the same
enterprise twice. Values from the command line are parsed first (`parse_*`, BadValue = exit 2); checks
against the catalogue raise NotFound or Rejected (exit 1).
"""

from __future__ import annotations

import re
import shlex
import sqlite3
import unicodedata
from dataclasses import dataclass, field

from promo.db import now, rows
from promo.errors import Ambiguous, BadValue, NotFound, PromoError, Rejected
from promo.lookup import find, like_escape
from promo.schema import STAGES
from promo.terminal import CONTROL as CONTROL_CHARS
from promo.text import fold, parse_amount, parse_date, parse_number, today

STAGE_EN = {
    "意向": "lead",
    "洽谈": "negotiating",
    "签约": "signed",
    "注册": "registered",
    "落地": "landed",
    "投产": "producing",
    "达效": "achieved",
}
_STAGE_SYNONYMS = {
    "意向": ("intention", "intent", "prospect", "leads"),
    "洽谈": ("negotiation", "negotiate", "talks", "talking"),
    "签约": ("signing", "contract", "contracted", "sign"),
    "注册": ("registration", "register", "incorporated"),
    "落地": ("settled", "moved-in", "movedin", "land", "landing"),
    "投产": ("production", "in-production", "inproduction", "operating", "operation", "operational", "opened"),
    "达效": ("achieve", "reached", "on-target", "ontarget", "target-met", "targetmet", "effective"),
}
_STAGE_BY_KEY = (
    {fold(s): s for s in STAGES}
    | {en: s for s, en in STAGE_EN.items()}
    | {syn: s for s, syns in _STAGE_SYNONYMS.items() for syn in syns}
)

SOURCES = ("以商引商", "以会招商", "中介", "基金", "驻点招商", "网络招商", "委托招商", "自主招商")
_SOURCE_SYNONYMS = {
    "以商引商": ("tenant", "tenants", "referral", "via-tenant", "以商招商"),
    "以会招商": ("event", "events", "expo", "fair", "conference", "以展招商"),
    "中介": ("intermediary", "agent", "agency", "broker", "中介机构", "中介招商"),
    "基金": ("fund", "funds", "基金招商", "以资招商", "资本招商"),
    "驻点招商": ("office", "resident-office"),
    "网络招商": ("online", "internet"),
    "委托招商": ("commissioned", "outsourced"),
    "自主招商": ("direct", "own"),
}
_SOURCE_BY_KEY = {fold(s): s for s in SOURCES} | {fold(syn): s for s, syns in _SOURCE_SYNONYMS.items() for syn in syns}

ACTIVITY_KINDS = {"visit": "走访", "call": "电话", "meeting": "会谈", "event": "活动"}
_ACTIVITY_BY_KEY = {k: k for k in ACTIVITY_KINDS} | {
    fold(w): k
    for k, words in {
        "visit": ("走访", "拜访", "上门", "考察", "实地考察"),
        "call": ("电话", "通话", "phone", "视频", "video"),
        "meeting": ("会谈", "会议", "面谈", "洽谈", "meet"),
        "event": ("活动", "推介会", "展会", "招商会"),
    }.items()
    for w in words
}

KINDS = {"company": "企业", "hospital": "医院", "institute": "科研院所"}
_KIND_BY_KEY = {k: k for k in KINDS} | {
    fold(w): k
    for k, words in {
        "company": ("企业", "公司"),
        "hospital": ("医院", "医疗机构"),
        "institute": ("科研院所", "研究院", "研究所", "院所", "机构", "平台"),
    }.items()
    for w in words
}

BAD_CHECK_MARK = "⚠"
BAD_CHECK_NOTE = "⚠ 信用代码校验位不符 (credit code fails its check character; stored as given)"
_PHONE = re.compile(r"^\+?[\d(][\d\s()+\-/、,;#*转分机ext.]*$", re.IGNORECASE)
_CONTROL = CONTROL_CHARS  # C0, C1 and bidi overrides (promo.terminal)
MAX_NAME = 200


# -- parsing command-line values ---------------------------------------------------------------


def stage_index(stage: str) -> int:
    return STAGES.index(stage)


def parse_stage(value: str, field: str = "--stage") -> str:
    """A stage from its Chinese name (either script) or English name: 签约, 簽約, signed."""
    stage = _STAGE_BY_KEY.get(fold(value))
    if stage is None:
        names = ", ".join(f"{s} ({STAGE_EN[s]})" for s in STAGES)
        raise BadValue(field, value, f"not a stage; use one of {names}")
    return stage


def parse_stages(value: str | None, field: str = "--stage") -> list[str] | None:
    """A stage filter: one stage, several separated by commas, or 落地+ for that stage and later ones."""
    if not value:
        return None
    out: list[str] = []
    for part in re.split(r"[,，、]", value):
        part = part.strip()
        if not part:
            continue
        if part.endswith("+"):
            out.extend(STAGES[stage_index(parse_stage(part[:-1], field)) :])
        else:
            out.append(parse_stage(part, field))
    return list(dict.fromkeys(out))


def parse_source(value: str | None, field: str = "--source") -> str | None:
    """A promotion channel; the usual ones (以商引商, 以会招商, 中介, 基金 …) are spelled one way."""
    if value is None:
        return None
    text = " ".join(unicodedata.normalize("NFKC", value).split())
    if not text:
        return ""
    if _CONTROL.search(text):
        raise BadValue(field, value, "contains control characters")
    return _SOURCE_BY_KEY.get(fold(text), text)


def parse_activity_kind(value: str, field: str = "--kind") -> str:
    kind = _ACTIVITY_BY_KEY.get(fold(value))
    if kind is None:
        names = ", ".join(f"{k} ({v})" for k, v in ACTIVITY_KINDS.items())
        raise BadValue(field, value, f"not an activity kind; use one of {names}")
    return kind


def parse_kind(value: str | None, field: str = "--kind") -> str | None:
    if value is None:
        return None
    kind = _KIND_BY_KEY.get(fold(value))
    if kind is None:
        names = ", ".join(f"{k} ({v})" for k, v in KINDS.items())
        raise BadValue(field, value, f"not an enterprise kind; use one of {names}")
    return kind


def parse_text(value: str | None, field: str, *, max_len: int = 2000) -> str | None:
    """Free text as stored: outer spaces trimmed; '' means clear the field."""
    if value is None:
        return None
    text = value.strip()
    if _CONTROL.search(text.replace("\n", "").replace("\t", "")):
        raise BadValue(field, value, "contains control characters")
    if len(text) > max_len:
        raise BadValue(field, value, f"is {len(text)} characters long; at most {max_len}")
    return text


def parse_name(value: str | None, field: str = "NAME") -> str:
    """An enterprise name as entered (outer spaces trimmed); it must have something to match on."""
    name = parse_text(value, field, max_len=MAX_NAME) or ""
    if "\n" in name or "\t" in name:
        raise BadValue(field, value, "a name is one line")
    if not fold(name):
        raise BadValue(field, value, "is empty")
    return name


def parse_phone(value: str | None, field: str = "--phone") -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    if text and (not _PHONE.match(text) or sum(c.isdigit() for c in text) < 5):
        raise BadValue(field, value, "not a phone number (digits, spaces, + - ( ) and 转 for an extension)")
    return text


def parse_today_or_before(value: str | None, field: str, default: str | None = None) -> str | None:
    """A date that has happened: stages and activities record facts, not plans."""
    date = parse_date(value, field) if value not in (None, "") else default
    if date and date > today():
        raise BadValue(field, value, f"is in the future (today is {today()})")
    return date


@dataclass
class Fields:
    """An enterprise's fields as given on the command line or in an import row; None = not given, '' = clear."""

    name: str | None = None
    name_en: str | None = None
    uscc: str | None = None
    accept_bad_check: bool = False
    kind: str | None = None
    industry: str | None = None
    carrier: str | None = None
    stage: str | None = None
    date: str | None = None
    investment_wan: float | None | str = None
    jobs: int | None | str = None
    source_channel: str | None = None
    country: str | None = None
    owner: str | None = None
    contact: str | None = None
    phone: str | None = None
    note: str | None = None
    code_name: str | None = None
    units: list[str] = field(default_factory=list)
    release: list[str] = field(default_factory=list)
    uscc_bad_check: bool = False


class Problems(PromoError):
    """Every problem found in one record (a command line, an import row), each on its own line, so an
    officer fixes them all at once; exit 2 when all are bad values, else 1."""

    def __init__(self, problems: list[PromoError]):
        self.problems = problems
        self.exit_code = 2 if all(isinstance(p, BadValue) for p in problems) else 1
        # a 'did you mean' belongs to its own line; other hints would repeat the same advice
        lines = [p.message + (f" ({p.hint})" if isinstance(p, NotFound) and p.hint else "") for p in problems]
        super().__init__("\n  ".join(lines), problems[0].hint if len(problems) == 1 else None)


def raise_all(problems: list[PromoError]) -> None:
    """Raise the one problem as it is, several as Problems; nothing when the list is empty."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise Problems(problems)


def parse_fields(raw: dict, names: dict[str, str] | None = None, *, conn: sqlite3.Connection | None = None) -> Fields:
    """Typed fields from raw strings keyed like Fields; `names` maps a key to how the user wrote the field.

    Every field is parsed even after one fails, and all the bad ones are reported together; given `conn`,
    a record with a bad value also reports what the catalogue refuses in it (unknown industry, unit not
    vacant …), so one message lists every problem of the record.
    """
    from promo.countries import parse_country

    def n(key: str) -> str:
        option = "--unit" if key == "units" else "--" + key.replace("_wan", "").replace("_channel", "")
        return (names or {}).get(key) or option.replace("_", "-")

    f = Fields()
    problems: list[PromoError] = []

    def field(key: str, parse) -> None:
        try:
            setattr(f, key, parse())
        except BadValue as exc:
            problems.append(exc)

    if raw.get("name") is not None:
        field("name", lambda: parse_name(raw["name"], n("name")))
    field("name_en", lambda: parse_text(raw.get("name_en"), n("name_en"), max_len=MAX_NAME))
    if raw.get("uscc") not in (None, ""):
        from promo import uscc

        def code() -> str:
            checked = uscc.validate(raw["uscc"], n("uscc"), accept_bad_check=bool(raw.get("accept_bad_check")))
            f.uscc_bad_check = not checked.check_ok
            return checked.code

        field("uscc", code)
    elif raw.get("uscc") == "":
        f.uscc = ""
    f.accept_bad_check = bool(raw.get("accept_bad_check"))
    field("kind", lambda: parse_kind(raw.get("kind") or None, n("kind")))
    field("industry", lambda: parse_text(raw.get("industry"), n("industry")))
    field("carrier", lambda: parse_text(raw.get("carrier"), n("carrier")))
    if raw.get("stage") not in (None, ""):
        field("stage", lambda: parse_stage(raw["stage"], n("stage")))
    field("date", lambda: parse_today_or_before(raw.get("date"), n("date")))
    for key, parser in (
        ("investment_wan", lambda v: parse_amount(v, n("investment_wan"))),
        ("jobs", lambda v: parse_number(v, n("jobs"), integer=True)),
    ):
        value = raw.get(key)
        field(
            key, lambda value=value, parser=parser: "" if value == "" else parser(value) if value is not None else None
        )
    field("source_channel", lambda: parse_source(raw.get("source_channel"), n("source_channel")))
    for key in ("owner", "contact", "code_name"):
        field(key, lambda key=key: parse_text(raw.get(key), n(key), max_len=MAX_NAME))
    field(
        "country",
        lambda: parse_country(parse_text(raw.get("country"), n("country"), max_len=MAX_NAME), n("country")),
    )
    field("note", lambda: parse_text(raw.get("note"), n("note")))
    field("phone", lambda: parse_phone(raw.get("phone"), n("phone")))
    f.units = [u for u in (raw.get("units") or []) if u and u.strip()]
    f.release = [u for u in (raw.get("release") or []) if u and u.strip()]
    if problems and conn is not None:
        problems += catalogue_problems(conn, f, n("units"))
    raise_all(problems)
    return f


# -- finding -------------------------------------------------------------------------------------


def get(conn: sqlite3.Connection, name: str, *, exact: bool = False) -> sqlite3.Row:
    """The enterprise `name` designates: its name in any script, its credit code, its code name, its English
    name, or a unique part of any of these names (not with `exact`, used before destructive changes).

    `promo enterprises show omron` finds 欧姆龙(上海) by its English name Omron (Shanghai); a Chinese name,
    whole or part, is tried first, so adding English names never changes what a Chinese query finds.
    """
    from promo import uscc

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

        raise NotFound("enterprise", name, suggestions(conn, "enterprises", name) if key else [])
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
        raise Ambiguous("enterprise", name, [_shown_with_other_name(r, key) for r in found.values()])
    return find(conn, "enterprises", name, "enterprise")  # credit code as typed, else NotFound with suggestions


def _code_name_rows(conn: sqlite3.Connection, key: str, *, whole: bool = False) -> list[sqlite3.Row]:
    """Enterprises whose code name is `key` (whole) or contains it, compared folded."""
    if not key:
        return []
    rows_ = conn.execute("SELECT * FROM enterprises WHERE code_name IS NOT NULL").fetchall()
    return [r for r in rows_ if (fold(r["code_name"]) == key if whole else key in fold(r["code_name"]))]


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


def find_unit(conn: sqlite3.Connection, ref: str, field: str = "--unit") -> sqlite3.Row:
    """A unit from 'A1-402', '精准医学产业园/A1-402' or 'precision-med-park:A1-402'."""
    text = unicodedata.normalize("NFKC", ref).strip()
    carrier = None
    for sep in ("/", ":", " "):
        if sep in text:
            carrier_name, text = (p.strip() for p in text.rsplit(sep, 1))
            carrier = find(conn, "carriers", carrier_name, "carrier")
            break
    code = text.upper()
    sql = """SELECT u.*, c.name AS carrier_name, c.code AS carrier_code,
               (SELECT name FROM enterprises WHERE id = u.enterprise_id) AS holder
             FROM units u JOIN carriers c ON c.id = u.carrier_id WHERE upper(u.code) = ?"""
    params: list = [code]
    if carrier is not None:
        sql += " AND u.carrier_id = ?"
        params.append(carrier["id"])
    found = conn.execute(sql, params).fetchall()
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise Ambiguous("unit", ref, [f"{r['carrier_name']}/{r['code']}" for r in found])
    near = conn.execute(
        "SELECT u.code, c.name FROM units u JOIN carriers c ON c.id = u.carrier_id "
        "WHERE upper(u.code) LIKE ? ESCAPE '\\' ORDER BY u.status = 'vacant' DESC, u.id LIMIT 3",
        (f"%{like_escape(code[:2])}%",),
    ).fetchall()
    where = f" of {carrier['name']}" if carrier is not None else ""
    raise NotFound(f"unit{where}", ref, [f"{r[1]}/{r[0]}" for r in near])


def unit_label(unit: sqlite3.Row | dict) -> str:
    return f"{unit['carrier_name']}/{unit['code']}"


# -- duplicates and the first-report claim ---------------------------------------------------------


def _why_same(given: str, existing: str) -> str:
    """Which folding makes two names one: script, width, spacing, case, punctuation."""
    from promo.text import _PUNCT_FOLD, _SPACE, _t2s

    if given == existing:
        return "the same name"
    steps = {
        "full/half-width forms": lambda s: unicodedata.normalize("NFKC", s),
        "traditional/simplified script": lambda s: _t2s().convert(s),
        "letter case": lambda s: s.casefold(),
        "spaces": lambda s: _SPACE.sub("", s),
        "punctuation (·, quotes, brackets)": lambda s: s.translate(_PUNCT_FOLD),
    }

    def fold_with(s: str, skip: str | None) -> str:
        for label, step in steps.items():
            if label != skip:
                s = step(s)
        return s

    needed = [label for label in steps if fold_with(given, label) != fold_with(existing, label)]
    return "the same name after folding " + (" and ".join(needed) if needed else "how it is written")


def claim_text(row: sqlite3.Row | dict) -> str | None:
    """The first-report (首报首谈) claim on an enterprise: who holds it and since when."""
    if not row["owner"]:
        return None
    since = f" since {row['owner_since']}" if row["owner_since"] else ""
    return f"首报首谈: {row['owner']} holds the claim on {row['name']}{since}"


def duplicate_of(conn: sqlite3.Connection, name: str | None, code: str | None, *, exclude: int | None = None):
    """The enterprise a new name or credit code would duplicate, with why; (None, None) if none."""
    other = " AND id != :exclude" if exclude is not None else ""
    if code:
        row = conn.execute(
            f"SELECT * FROM enterprises WHERE uscc = :code{other}", {"code": code, "exclude": exclude}
        ).fetchone()
        if row:
            return row, f"the same credit code {code}"
    if name:
        row = conn.execute(
            f"SELECT * FROM enterprises WHERE name_folded = :key{other}", {"key": fold(name), "exclude": exclude}
        ).fetchone()
        if row:
            return row, _why_same(name, row["name"])
    return None, None


def _refuse_duplicate(row: sqlite3.Row, why: str, given: str, owner: str | None) -> Rejected:
    stage = f"{row['stage']} since {row['stage_date']}" if row["stage_date"] else row["stage"]
    message = f"{given} is already in the catalogue as {row['name']} (#{row['id']}, {stage}): {why}"
    claim = claim_text(row)
    if claim and owner and fold(owner) != fold(row["owner"]):
        message += f"\n  {claim}; {owner} cannot claim it again"
    elif claim:
        message += f"\n  {claim}"
    return Rejected(message, f"to correct its record: promo enterprises update {shlex.quote(row['name'])} …")


def _check_code_name(conn: sqlite3.Connection, code_name: str | None, exclude: int | None = None) -> None:
    if not code_name:
        return
    key = fold(code_name)
    for r in conn.execute("SELECT id, name, code_name FROM enterprises WHERE code_name IS NOT NULL"):
        if fold(r["code_name"]) == key and r["id"] != exclude:
            raise Rejected(f"code name {code_name!r} is already used by {r['name']} (#{r['id']})")
    clash = conn.execute("SELECT id, name FROM enterprises WHERE name_folded = ?", (key,)).fetchone()
    if clash and clash["id"] != exclude:
        raise Rejected(f"code name {code_name!r} is the real name of {clash['name']} (#{clash['id']})")


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


# -- writing ---------------------------------------------------------------------------------------


def _require_write(conn: sqlite3.Connection) -> None:
    if not conn.in_transaction:
        raise RuntimeError("enterprise changes must run inside promo.db.write(conn, summary)")


def _industry_id(conn: sqlite3.Connection, name: str | None) -> int | None:
    return find(conn, "industries", name, "industry")["id"] if name else None


def _carrier_id(conn: sqlite3.Connection, name: str | None) -> int | None:
    return find(conn, "carriers", name, "carrier")["id"] if name else None


def holds_as(stage: str) -> str:
    """How an enterprise at `stage` holds a unit: a lead (意向, 洽谈) reserves it, from 签约 on it leases it."""
    return "reserved" if stage_index(stage) < stage_index("签约") else "leased"


def catalogue_problems(conn: sqlite3.Connection, f: Fields, unit_field: str = "--unit") -> list[PromoError]:
    """What the catalogue refuses in a new record, all at once: a code name in use, an industry or carrier
    it does not know, a unit that is missing or not vacant."""
    problems: list[PromoError] = []
    for check in (
        lambda: _check_code_name(conn, f.code_name),
        lambda: _industry_id(conn, f.industry),
        lambda: _carrier_id(conn, f.carrier),
        *(lambda ref=ref: _check_vacant(conn, ref, unit_field) for ref in dict.fromkeys(f.units)),
    ):
        try:
            check()
        except PromoError as exc:
            problems.append(exc)
    return problems


def _check_vacant(conn: sqlite3.Connection, ref: str, field: str = "--unit") -> None:
    """Refuse a unit that does not exist or is not vacant before anything is written (take_unit still
    takes it conditionally, so a unit taken meanwhile by another process is refused there)."""
    unit = find_unit(conn, ref, field)
    if unit["status"] != "vacant":
        who = f" for {unit['holder']}" if unit["status"] == "reserved" and unit["holder"] else ""
        to = f" to {unit['holder']}" if unit["status"] == "leased" and unit["holder"] else ""
        raise Rejected(
            f"{field} {ref}: unit {unit_label(unit)} is not vacant: {unit['status']}{who}{to}",
            "see what is free with: promo vacancies --carrier " + unit["carrier_code"],
        )


def take_unit(conn: sqlite3.Connection, enterprise: sqlite3.Row, ref: str, field: str = "--unit") -> dict:
    """Give a vacant unit to the enterprise: reserved for a lead, leased from 签约 on; refused if anyone
    else holds it or it is reserved for someone.

    The update is conditional on the unit still being vacant, inside the write transaction, so a
    second process that looked at the same unit a moment earlier cannot take it too. Returns the unit's
    label and what happened: 'leased', 'reserved', 'already' (it holds it so already) or 'lease' (its
    reservation became a lease now that it has signed).
    """
    unit = find_unit(conn, ref, field)
    want = holds_as(enterprise["stage"])
    if unit["enterprise_id"] == enterprise["id"]:
        if unit["status"] == want:
            return {"unit": unit_label(unit), "action": "already", "status": want}
        _set_holding(conn, enterprise, [unit["id"]], want)
        return {"unit": unit_label(unit), "action": "lease" if want == "leased" else "reservation", "status": want}
    taken = conn.execute(
        "UPDATE units SET status = ?, enterprise_id = ? WHERE id = ? AND status = 'vacant'",
        (want, enterprise["id"], unit["id"]),
    ).rowcount
    if not taken:
        unit = find_unit(conn, ref, field)
        if unit["holder"]:
            why = f"{'reserved for' if unit['status'] == 'reserved' else 'leased to'} {unit['holder']}"
        else:
            why = {"reserved": "reserved", "leased": "leased (tenant not on record)"}.get(
                unit["status"], unit["status"]
            )
        raise Rejected(
            f"{field} {ref}: unit {unit_label(unit)} is not vacant: {why}",
            "see what is free with: promo vacancies --carrier " + unit["carrier_code"],
        )
    if want == "leased" and enterprise["carrier_id"] is None:
        conn.execute("UPDATE enterprises SET carrier_id = ? WHERE id = ?", (unit["carrier_id"], enterprise["id"]))
    return {"unit": unit_label(unit), "area_m2": unit["area_m2"], "action": want, "status": want}


def take_units(conn: sqlite3.Connection, enterprise_id: int, refs: list[str], field: str = "--unit") -> list[dict]:
    """take_unit for each unit named, each unit once however it is written (A1-402, 精准医学产业园/A1-402)."""
    out, seen = [], set()
    for ref in refs:
        unit_id = find_unit(conn, ref, field)["id"]
        if unit_id in seen:
            continue
        seen.add(unit_id)
        out.append(take_unit(conn, _reload(conn, enterprise_id), ref, field))
    return out


def _set_holding(conn: sqlite3.Connection, enterprise: sqlite3.Row, unit_ids: list[int], status: str) -> None:
    marks = ",".join("?" * len(unit_ids))
    conn.execute(
        f"UPDATE units SET status = ? WHERE enterprise_id = ? AND id IN ({marks})",
        (status, enterprise["id"], *unit_ids),
    )
    if status == "leased" and enterprise["carrier_id"] is None:
        # a signed tenant is in the carrier of its space
        conn.execute(
            "UPDATE enterprises SET carrier_id = (SELECT carrier_id FROM units WHERE id = ?) WHERE id = ?",
            (unit_ids[0], enterprise["id"]),
        )


def settle_holdings(conn: sqlite3.Connection, enterprise_id: int) -> list[dict]:
    """After a move: a lead's leases become reservations, a signed enterprise's reservations become leases.

    Returns each unit whose holding changed, with action 'lease' or 'reservation'.
    """
    e = _reload(conn, enterprise_id)
    want = holds_as(e["stage"])
    changed = conn.execute(
        """SELECT u.id, c.name || '/' || u.code AS label FROM units u JOIN carriers c ON c.id = u.carrier_id
           WHERE u.enterprise_id = ? AND u.status != ? ORDER BY u.id""",
        (enterprise_id, want),
    ).fetchall()
    if changed:
        _set_holding(conn, e, [r["id"] for r in changed], want)
    action = "lease" if want == "leased" else "reservation"
    return [{"unit": r["label"], "action": action, "status": want} for r in changed]


def release_unit(conn: sqlite3.Connection, enterprise: sqlite3.Row, ref: str, field: str = "--release") -> list[str]:
    """Free a unit the enterprise holds (or all of them for 'all'); the unit becomes vacant."""
    if fold(ref) in ("all", "全部"):
        units = conn.execute(
            "SELECT u.*, c.name AS carrier_name FROM units u JOIN carriers c ON c.id = u.carrier_id "
            "WHERE u.enterprise_id = ? ORDER BY u.id",
            (enterprise["id"],),
        ).fetchall()
        if not units:
            raise Rejected(f"{field} all: {enterprise['name']} holds no unit")
    else:
        units = [find_unit(conn, ref, field)]
        if units[0]["enterprise_id"] != enterprise["id"]:
            holder = units[0]["holder"] or "nobody on record"
            raise Rejected(f"{field} {ref}: unit {unit_label(units[0])} is not held by {enterprise['name']} ({holder})")
    for unit in units:
        conn.execute(
            "UPDATE units SET status = 'vacant', enterprise_id = NULL WHERE id = ? AND enterprise_id = ?",
            (unit["id"], enterprise["id"]),
        )
    # the enterprise's carrier follows its space when it leaves the carrier altogether
    remaining = conn.execute(
        "SELECT carrier_id FROM units WHERE enterprise_id = ? ORDER BY id LIMIT 1", (enterprise["id"],)
    ).fetchone()
    if enterprise["carrier_id"] in {u["carrier_id"] for u in units}:
        still = conn.execute(
            "SELECT 1 FROM units WHERE enterprise_id = ? AND carrier_id = ?",
            (enterprise["id"], enterprise["carrier_id"]),
        ).fetchone()
        if not still:
            conn.execute(
                "UPDATE enterprises SET carrier_id = ? WHERE id = ?",
                (remaining[0] if remaining else None, enterprise["id"]),
            )
    return [unit_label(u) for u in units]


def _reload(conn: sqlite3.Connection, enterprise_id: int) -> sqlite3.Row:
    return conn.execute("SELECT * FROM enterprises WHERE id = ?", (enterprise_id,)).fetchone()


def add(conn: sqlite3.Connection, f: Fields, *, similar_warning: bool = True, unit_field: str = "--unit") -> dict:
    """Add a signed (or any-stage) enterprise with its space; refused on a duplicate name or credit code.

    Returns the new id, the units taken and warnings (similar names, a flagged credit code).
    """
    _require_write(conn)
    if not f.name:
        raise BadValue("NAME", "", "is empty")
    existing, why = duplicate_of(conn, f.name, f.uscc or None)
    if existing:
        raise _refuse_duplicate(existing, why, f.name, f.owner)
    raise_all(catalogue_problems(conn, f, unit_field))
    warnings = []
    if similar_warning:
        similar = similar_names(conn, f.name)
        if similar:
            warnings.append(
                f"similar names are in the catalogue: {', '.join(similar)}; if {f.name} is one of them, "
                "undo this with `promo undo` and update that record instead"
            )
    stage = f.stage or "签约"
    date = f.date or today()
    created = now()
    industry_id, carrier_id = _industry_id(conn, f.industry), _carrier_id(conn, f.carrier)
    try:
        eid = conn.execute(
            """INSERT INTO enterprises (name, name_en, name_folded, uscc, uscc_bad_check, kind, industry_id, carrier_id,
                 stage, stage_date, investment_wan, jobs, source_channel, country, owner, owner_since, contact, phone,
                 note, code_name, created_at)
               VALUES (:name, :name_en, :folded, :uscc, :bad, :kind, :industry, :carrier, :stage, :date, :inv, :jobs,
                 :source, :country, :owner, :owner_since, :contact, :phone, :note, :code_name, :created)""",
            {
                "name": f.name,
                "name_en": f.name_en or None,
                "folded": fold(f.name),
                "uscc": f.uscc or None,
                "bad": int(bool(f.uscc) and f.uscc_bad_check),
                "kind": f.kind or "company",
                "industry": industry_id,
                "carrier": carrier_id,
                "stage": stage,
                "date": date,
                "inv": f.investment_wan if f.investment_wan != "" else None,
                "jobs": f.jobs if f.jobs != "" else None,
                "source": f.source_channel or None,
                "country": f.country or "中国",
                "owner": f.owner or None,
                "owner_since": date if f.owner else None,
                "contact": f.contact or None,
                "phone": f.phone or None,
                "note": f.note or None,
                "code_name": f.code_name or None,
                "created": created,
            },
        ).lastrowid
    except sqlite3.IntegrityError as exc:  # a unique key the checks above did not foresee
        raise Rejected(f"{f.name} cannot be added: {exc}") from None
    conn.execute(
        "INSERT INTO stage_history (enterprise_id, stage, date, reason, recorded_at) VALUES (?, ?, ?, NULL, ?)",
        (eid, stage, date, created),
    )
    if f.uscc and f.uscc_bad_check:
        warnings.append(f"credit code {f.uscc} fails its check character; stored flagged {BAD_CHECK_MARK}")
    space = take_units(conn, eid, f.units, unit_field)
    return {
        "id": eid,
        "name": f.name,
        "stage": stage,
        "date": date,
        "units": [t["unit"] for t in space if t["action"] in ("leased", "reserved")],
        "space": space,
        "warnings": warnings,
    }


def update(conn: sqlite3.Connection, name: str, f: Fields, *, transfer: bool = False) -> dict:
    """Correct an enterprise's record; only the fields given change ('' clears one).

    A new name or credit code is checked for duplicates; handing the first-report claim to another
    officer needs `transfer`; `date` corrects the date of the current stage.
    """
    _require_write(conn)
    e = get(conn, name)
    changes: dict = {}
    warnings: list[str] = []
    if f.name is not None and f.name != e["name"]:
        dup, why = duplicate_of(conn, f.name, None, exclude=e["id"])
        if dup:
            raise _refuse_duplicate(dup, why, f.name, None)
        changes["name"], changes["name_folded"] = f.name, fold(f.name)
    if f.uscc is not None:
        if f.uscc:
            dup, why = duplicate_of(conn, None, f.uscc, exclude=e["id"])
            if dup:
                raise _refuse_duplicate(dup, why, f.uscc, None)
        changes["uscc"] = f.uscc or None
        changes["uscc_bad_check"] = int(bool(f.uscc) and f.uscc_bad_check)
        if f.uscc and f.uscc_bad_check:
            warnings.append(f"credit code {f.uscc} fails its check character; stored flagged {BAD_CHECK_MARK}")
    if f.code_name is not None:
        _check_code_name(conn, f.code_name, exclude=e["id"])
        changes["code_name"] = f.code_name or None
    if f.owner is not None and (f.owner or None) != e["owner"]:
        if e["owner"] and not transfer:
            raise Rejected(
                claim_text(e) + f"; {f.owner or 'nobody'} does not take it over by an update",
                "hand the claim over deliberately with --transfer",
            )
        if e["owner"] and f.owner:
            warnings.append(f"首报首谈: the claim on {e['name']} passes from {e['owner']} to {f.owner}")
        changes["owner"] = f.owner or None
        changes["owner_since"] = today() if f.owner else None
    if f.industry is not None:
        changes["industry_id"] = _industry_id(conn, f.industry)
    if f.carrier is not None:
        changes["carrier_id"] = _carrier_id(conn, f.carrier)
    for key in ("name_en", "source_channel", "country", "contact", "phone", "note", "kind"):
        value = getattr(f, key)
        if value is not None:
            changes[key] = value or None
    for key in ("investment_wan", "jobs"):
        value = getattr(f, key)
        if value is not None:
            changes[key] = None if value == "" else value
    if f.stage is not None and f.stage != e["stage"]:
        hint = f"promo enterprises move {shlex.quote(e['name'])} {f.stage}"
        raise BadValue("--stage", f.stage, "a stage changes by a move", hint)
    if f.date is not None and f.date != e["stage_date"]:
        _check_stage_date(conn, e, f.date, correcting=True)
        changes["stage_date"] = f.date
        last = _last_history(conn, e["id"])
        if last and last["stage"] == e["stage"]:
            conn.execute("UPDATE stage_history SET date = ? WHERE id = ?", (f.date, last["id"]))
        else:
            conn.execute(
                "INSERT INTO stage_history (enterprise_id, stage, date, reason, recorded_at) VALUES (?, ?, ?, ?, ?)",
                (e["id"], e["stage"], f.date, "date corrected", now()),
            )
    if changes:
        sets = ", ".join(f"{k} = :{k}" for k in changes)
        try:
            conn.execute(f"UPDATE enterprises SET {sets} WHERE id = :id", {**changes, "id": e["id"]})
        except sqlite3.IntegrityError as exc:
            raise Rejected(f"{e['name']} cannot be updated: {exc}") from None
    e = _reload(conn, e["id"])
    released = [label for ref in f.release for label in release_unit(conn, e, ref)]
    space = take_units(conn, e["id"], f.units)
    taken = [t["unit"] for t in space if t["action"] in ("leased", "reserved")]
    return {
        "id": e["id"],
        "name": e["name"],
        "changed": sorted(k for k in changes if not k.endswith("_folded")),
        "units": taken,
        "space": space,
        "released": released,
        "warnings": warnings,
    }


def _last_history(conn: sqlite3.Connection, enterprise_id: int) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT * FROM stage_history WHERE enterprise_id = ? ORDER BY date DESC, id DESC LIMIT 1", (enterprise_id,)
    ).fetchone()


def _check_stage_date(conn: sqlite3.Connection, e: sqlite3.Row, date: str, *, correcting: bool = False) -> None:
    """A stage date may not come before the date of the stage it follows."""
    if correcting:
        prev = conn.execute(
            """SELECT stage, date FROM stage_history WHERE enterprise_id = ?
               ORDER BY date DESC, id DESC LIMIT 1 OFFSET 1""",
            (e["id"],),
        ).fetchone()
        if prev and date < prev["date"]:
            raise Rejected(
                f"--date {date}: is before {prev['date']}, when {e['name']} entered {prev['stage']} "
                f"(the stage before {e['stage']})"
            )
        return
    if e["stage_date"] and date < e["stage_date"]:
        raise Rejected(
            f"--date {date}: is before {e['stage_date']}, when {e['name']} entered {e['stage']}",
            "a move is dated on or after the previous stage's date; correct that date with "
            f"promo enterprises update {shlex.quote(e['name'])} --date …",
        )


def move(
    conn: sqlite3.Connection,
    name: str,
    stage: str,
    *,
    date: str | None = None,
    reason: str | None = None,
    units: list[str] | None = None,
    release: list[str] | None = None,
) -> dict:
    """Move an enterprise to a stage on a date; a step back needs a reason. Records the move in its history."""
    _require_write(conn)
    e = get(conn, name)
    date = date or today()
    if stage == e["stage"]:
        since = f" since {e['stage_date']}" if e["stage_date"] else ""
        raise Rejected(f"{e['name']} is already at {stage}{since}")
    back = stage_index(stage) < stage_index(e["stage"])
    if back and not (reason and reason.strip()):
        raise BadValue("--reason", "(missing)", f"moving {e['name']} back from {e['stage']} to {stage} needs a reason")
    _check_stage_date(conn, e, date)
    conn.execute(
        "INSERT INTO stage_history (enterprise_id, stage, date, reason, recorded_at) VALUES (?, ?, ?, ?, ?)",
        (e["id"], stage, date, (reason or "").strip() or None, now()),
    )
    conn.execute("UPDATE enterprises SET stage = ?, stage_date = ? WHERE id = ?", (stage, date, e["id"]))
    released = [label for ref in release or [] for label in release_unit(conn, _reload(conn, e["id"]), ref)]
    # what it already holds follows the move (a reservation becomes a lease once it signs), then new units
    settled = settle_holdings(conn, e["id"])
    named = [t for t in take_units(conn, e["id"], units or []) if t["unit"] not in {s["unit"] for s in settled}]
    space = settled + named
    taken = [t["unit"] for t in space if t["action"] in ("leased", "reserved")]
    warnings = []
    held = [
        r[0]
        for r in conn.execute(
            "SELECT c.name || '/' || u.code FROM units u JOIN carriers c ON c.id = u.carrier_id "
            "WHERE u.enterprise_id = ?",
            (e["id"],),
        )
    ]
    landed = stage_index("落地")
    if stage_index(stage) < landed <= stage_index(e["stage"]) and held:
        warnings.append(f"{e['name']} still holds {', '.join(held)}; free it with --release if it moved out")
    if stage_index(stage) >= landed > stage_index(e["stage"]) and not held and not _reload(conn, e["id"])["carrier_id"]:
        warnings.append(f"no space is on record for {e['name']}; give it a unit with --unit")
    return {
        "id": e["id"],
        "name": e["name"],
        "from": e["stage"],
        "to": stage,
        "date": date,
        "back": back,
        "units": taken,
        "space": space,
        "released": released,
        "warnings": warnings,
    }


def log_activity(
    conn: sqlite3.Connection,
    name: str,
    kind: str,
    *,
    date: str | None = None,
    note: str | None = None,
    next_date: str | None = None,
    owner: str | None = None,
) -> dict:
    """Record a visit, call, meeting or event, with an optional follow-up date."""
    _require_write(conn)
    e = get(conn, name)
    date = date or today()
    if next_date and next_date < date:
        raise BadValue("--next", next_date, f"the follow-up comes before the activity itself ({date})")
    aid = conn.execute(
        "INSERT INTO activities (enterprise_id, kind, date, note, next_date, owner, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (e["id"], kind, date, note or None, next_date, owner or e["owner"], now()),
    ).lastrowid
    return {"id": aid, "name": e["name"], "kind": kind, "date": date, "next": next_date}


def remove(conn: sqlite3.Connection, name: str) -> dict:
    """Delete an enterprise named exactly (or by credit code), releasing its units; history and activities go too."""
    _require_write(conn)
    e = get(conn, name, exact=True)
    released = (
        release_unit(conn, e, "all")
        if conn.execute("SELECT 1 FROM units WHERE enterprise_id = ?", (e["id"],)).fetchone()
        else []
    )
    try:
        conn.execute("DELETE FROM enterprises WHERE id = ?", (e["id"],))
    except sqlite3.IntegrityError:
        raise Rejected(
            f"{e['name']} is referred to elsewhere in the catalogue (e.g. as a target of the 招商目录)",
            "unlink it there first",
        ) from None
    return {"id": e["id"], "name": e["name"], "released": released}


# -- reading -------------------------------------------------------------------------------------

_STAGE_ORDER = "CASE e.stage " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STAGES)) + " END"

_LIST_SQL = """
SELECT e.id, e.name, e.name_en, e.code_name, e.uscc, e.uscc_bad_check, e.kind,
       i.code AS industry_code, i.name AS industry, e.stage, e.stage_date,
       c.code AS carrier_code, c.name AS carrier,
       (SELECT group_concat(code, ';') FROM (SELECT u.code FROM units u WHERE u.enterprise_id = e.id ORDER BY u.code))
         AS units,
       (SELECT group_concat(code, ';') FROM (SELECT u.code FROM units u WHERE u.enterprise_id = e.id
          AND u.status = 'reserved' ORDER BY u.code)) AS reserved_units,
       (SELECT sum(area_m2) FROM units u WHERE u.enterprise_id = e.id) AS area_m2,
       e.investment_wan, e.jobs, e.source_channel, e.country, e.owner, e.owner_since, e.sample
FROM enterprises e
LEFT JOIN industries i ON i.id = e.industry_id
LEFT JOIN carriers c ON c.id = e.carrier_id
"""


def industry_subtree(conn: sqlite3.Connection, name: str) -> list[int]:
    """The industry `name` designates and everything below it in the chain."""
    industry = find(conn, "industries", name, "industry")
    sql = """WITH RECURSIVE down(id) AS (
               SELECT ? UNION SELECT i.id FROM industries i JOIN down ON i.parent_id = down.id)
             SELECT id FROM down"""
    return [r[0] for r in conn.execute(sql, (industry["id"],))]


def _finish(found: list[dict]) -> list[dict]:
    for r in found:
        r["units"] = r["units"].split(";") if r.get("units") else []
        r["reserved_units"] = r["reserved_units"].split(";") if r.get("reserved_units") else []
        r["uscc_bad_check"] = bool(r["uscc_bad_check"])
        r["sample"] = bool(r["sample"])
        r["stage_en"] = STAGE_EN[r["stage"]]
    return found


def listing(
    conn: sqlite3.Connection,
    *,
    stages: list[str] | None = None,
    industry: str | None = None,
    carrier: str | None = None,
    source: str | None = None,
    owner: str | None = None,
    since: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Enterprises inside every filter given, in pipeline order (lead first), newest move first within a stage."""
    where, params = ["1=1"], {}
    if stages:
        where.append("e.stage IN (" + ",".join(f":s{i}" for i in range(len(stages))) + ")")
        params |= {f"s{i}": s for i, s in enumerate(stages)}
    if industry:
        ids = industry_subtree(conn, industry)
        where.append("e.industry_id IN (" + ",".join(str(int(i)) for i in ids) + ")")
    if carrier:
        params["carrier"] = find(conn, "carriers", carrier, "carrier")["id"]
        where.append(
            "(e.carrier_id = :carrier OR EXISTS (SELECT 1 FROM units u WHERE u.enterprise_id = e.id "
            "AND u.carrier_id = :carrier))"
        )
    if source:
        params["source"] = source
        where.append("e.source_channel = :source")
    if owner:
        from promo.pipeline import find_owner

        params["owner"] = find_owner(conn, owner)
        where.append("e.owner = :owner")
    if since:
        params["since"] = since
        where.append("e.stage_date >= :since")
    sql = _LIST_SQL + f" WHERE {' AND '.join(where)} ORDER BY {_STAGE_ORDER}, e.stage_date DESC, e.id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return _finish(rows(conn, sql, params))


def detail(conn: sqlite3.Connection, name: str) -> dict:
    """One enterprise: record, stage history, space, activities, claim, and how long it has sat in its stage."""
    e = get(conn, name)
    d = _finish(rows(conn, _LIST_SQL + " WHERE e.id = ?", (e["id"],)))[0]
    for key in ("contact", "phone", "note", "created_at", "source", "name_folded"):
        d[key] = e[key]
    d["kind_label"] = KINDS.get(d["kind"], d["kind"])
    d["industry_path"] = [
        r[0]
        for r in conn.execute(
            """WITH RECURSIVE up(id, parent_id, name, depth) AS (
                 SELECT id, parent_id, name, 0 FROM industries WHERE id = ?
                 UNION ALL SELECT i.id, i.parent_id, i.name, up.depth + 1
                 FROM industries i JOIN up ON i.id = up.parent_id)
               SELECT name FROM up ORDER BY depth DESC""",
            (e["industry_id"],),
        )
    ]
    if d["uscc"]:
        from promo import uscc

        checked = uscc.check(d["uscc"])
        d["uscc_expected_check"] = checked.expected_check
    d["history"] = rows(
        conn,
        """SELECT stage, date, reason,
                  CAST(julianday(coalesce(LEAD(date) OVER w, :today)) - julianday(date) AS INTEGER) AS days
           FROM stage_history WHERE enterprise_id = :id WINDOW w AS (ORDER BY date, id) ORDER BY date, id""",
        {"id": e["id"], "today": today()},
    )
    for h in d["history"]:
        h["stage_en"] = STAGE_EN[h["stage"]]
    d["space"] = rows(
        conn,
        """SELECT c.name AS carrier, c.code AS carrier_code, u.code AS unit, u.building, u.floor, u.area_m2, u.rent,
                  u.status, u.sample
           FROM units u JOIN carriers c ON c.id = u.carrier_id WHERE u.enterprise_id = ? ORDER BY c.id, u.code""",
        (e["id"],),
    )
    d["activities"] = rows(
        conn,
        "SELECT kind, date, note, next_date, owner FROM activities WHERE enterprise_id = ? ORDER BY date DESC, id DESC",
        (e["id"],),
    )
    for u in d["space"]:
        u["status_label"] = {"reserved": "预留 reserved", "leased": "租用 leased"}.get(u["status"], u["status"])
    for a in d["activities"]:
        a["kind_label"] = ACTIVITY_KINDS.get(a["kind"], a["kind"])
    deadline = conn.execute("SELECT days FROM stage_deadlines WHERE stage = ?", (e["stage"],)).fetchone()
    d["stage_days"] = d["history"][-1]["days"] if d["history"] else None
    d["stage_deadline_days"] = deadline[0] if deadline else None
    d["claim"] = claim_text(e)
    return d


def display_name(row: dict | sqlite3.Row, *, public: bool = False) -> str:
    """How an enterprise is named on screen: ⚠ after a flagged credit code; its code name where the real
    name must not show (public), and no name at all for a lead without one."""
    keys = row.keys() if isinstance(row, sqlite3.Row) else row
    if public:
        if row["code_name"]:
            return row["code_name"]
        if stage_index(row["stage"]) < stage_index("签约"):
            return f"未公开项目 #{row['id']}"
    flagged = "uscc_bad_check" in keys and row["uscc_bad_check"]
    return row["name"] + (f" {BAD_CHECK_MARK}" if flagged else "")
