"""An enterprise's fields as officers type them (command line or import row): stages, channels, kinds, names,
phones, dates, amounts; every bad value of a record reported at once (BadValue = exit 2)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from promo.errors import BadValue, PromoError, raise_all
from promo.i18n import _
from promo.measures import parse_number, parse_project_amount
from promo.terminal import check_text
from promo.text import fold, parse_date, today
from promo.vocabulary import CHANNELS, STAGES, choices, labels, stage_index, words_to_code

STAGE_EN = labels("stage", "en")
SOURCES = CHANNELS
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
ACTIVITY_KINDS = labels("activity_kind")
KINDS = labels("enterprise_kind")


@cache
def _source_by_key() -> dict[str, str]:
    # built on first use: folding loads OpenCC's tables (some 6 MiB), which a listing never needs. Only the
    # channels' own spellings, not their English labels: "direct" labels both 自主招商 and 直接
    return words_to_code({s: _SOURCE_SYNONYMS.get(s, ()) for s in SOURCES})


_PHONE = re.compile(r"^\+?[\d(](?:[\d\s()+\-/.、,;#*转分机]|ext)*$", re.IGNORECASE)  # not 1.38123E+10
MAX_NAME = 200


def parse_stage(value: str, field: str = "--stage") -> str:
    """A stage from its Chinese name (either script) or English name: 签约, 簽約, signed."""
    stage = words_to_code("stage").get(fold(value))
    if stage is None:
        raise BadValue(field, value, _("not a stage; use one of {names}").format(names=choices("stage")))
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
    check_text(text, field, one_line=False)
    return _source_by_key().get(fold(text), text)


def parse_activity_kind(value: str, field: str = "--kind") -> str:
    kind = words_to_code("activity_kind").get(fold(value))
    if kind is None:
        raise BadValue(
            field, value, _("not an activity kind; use one of {names}").format(names=choices("activity_kind"))
        )
    return kind


def parse_kind(value: str | None, field: str = "--kind") -> str | None:
    if value is None:
        return None
    kind = words_to_code("enterprise_kind").get(fold(value))
    if kind is None:
        raise BadValue(
            field, value, _("not an enterprise kind; use one of {names}").format(names=choices("enterprise_kind"))
        )
    return kind


def parse_text(value: str | None, field: str, *, max_len: int = 2000) -> str | None:
    """Free text as stored: outer spaces trimmed; '' means clear the field."""
    return check_text(value, field, max_len=max_len, one_line=False)


def parse_name(value: str | None, field: str = "NAME") -> str:
    """An enterprise name as entered (outer spaces trimmed); it must have something to match on."""
    name = parse_text(value, field, max_len=MAX_NAME) or ""
    if "\n" in name or "\t" in name:
        raise BadValue(field, value, _("a name is one line"))
    if not fold(name):
        raise BadValue(field, value, _("is empty"))
    return name


def parse_phone(value: str | None, field: str = "--phone") -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    if text and (not _PHONE.match(text) or sum(map(str.isdigit, text)) < 5):
        raise BadValue(field, value, _("not a phone number (digits, spaces, + - ( ) and 转 for an extension)"))
    return text


def parse_today_or_before(value: str | None, field: str, default: str | None = None) -> str | None:
    """A date that has happened: stages and activities record facts, not plans."""
    date = parse_date(value, field) if value not in (None, "") else default
    if date and date > today():
        raise BadValue(field, value, _("is in the future (today is {today})").format(today=today()))
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
    owner_since: str | None = None  # the 首报首谈 claim's date; None = the stage date (new) or today (a new owner)
    contact: str | None = None
    phone: str | None = None
    note: str | None = None
    code_name: str | None = None
    units: list[str] = field(default_factory=list)
    release: list[str] = field(default_factory=list)
    uscc_bad_check: bool = False


MEMO_LIMIT = 5000  # values remembered per field: a column of names or codes, all different, stops growing there
_NOT_SEEN = object()


def _country(value: str, name: str) -> str | None:
    from promo.countries import parse_country

    return parse_country(parse_text(value, name, max_len=MAX_NAME), name)


# The fields after the credit code (the English name: before it), in the order their problems are reported,
# each with its parser (value, field name → typed value). Each one's value alone decides what it parses to
# (no side effect on other fields, no catalogue lookup): an import parses each distinct value of these once
# (a file repeats its industries, stages, dates …). The stage is parsed only when given (empty is no stage).
_PARSERS: tuple[tuple[str, Callable[[str, str], object]], ...] = (
    ("kind", lambda v, name: parse_kind(v or None, name)),
    ("industry", parse_text),
    ("carrier", parse_text),
    ("stage", parse_stage),
    ("date", parse_today_or_before),
    ("owner_since", parse_today_or_before),
    ("investment_wan", lambda v, name: "" if v == "" else parse_project_amount(v, name)),
    ("jobs", lambda v, name: "" if v == "" else parse_number(v, name, integer=True)),
    ("source_channel", parse_source),
    ("owner", lambda v, name: parse_text(v, name, max_len=MAX_NAME)),
    ("contact", lambda v, name: parse_text(v, name, max_len=MAX_NAME)),
    ("code_name", lambda v, name: parse_text(v, name, max_len=MAX_NAME)),
    ("country", _country),
    ("note", parse_text),
    ("phone", parse_phone),
)
_NAME_EN = (("name_en", lambda v, name: parse_text(v, name, max_len=MAX_NAME)),)  # parsed before the code


def _option(key: str) -> str:
    option = "--unit" if key == "units" else "--" + key.replace("_wan", "").replace("_channel", "")
    return option.replace("_", "-")


def parse_fields(
    raw: dict,
    names: dict[str, str] | None = None,
    *,
    check: Callable[[Fields, str], list[PromoError]] | None = None,
    memo: dict | None = None,
) -> Fields:
    """Typed fields from raw strings keyed like Fields; `names` maps a key to how the user wrote the field.

    Every field is parsed even after one fails, and all the bad ones are reported together; given `check`
    (enterprises.catalogue_problems), a record with a bad value also reports what the catalogue refuses in it
    (unknown industry, unit not vacant …), so one message lists every problem of the record. `memo` (one dict
    for the rows of one import) keeps what each distinct good value parsed to; a bad value is parsed again
    each time, so its message names its own row.
    """

    def n(key: str) -> str:
        # `is not None`: an import's names are formatted as asked, so none may be there yet (an empty dict)
        given = names.get(key) if names is not None else None
        return given if given else _option(key)

    f = Fields()
    problems: list[PromoError] = []
    get = raw.get
    value = get("name")
    if value is not None:
        try:
            f.name = parse_name(value, n("name"))
        except BadValue as exc:
            problems.append(exc)
    _parse_each(f, _NAME_EN, get, n, memo, problems)
    value = get("uscc")
    if value not in (None, ""):
        from promo import uscc

        try:
            checked = uscc.validate(value, n("uscc"), accept_bad_check=bool(get("accept_bad_check")))
            f.uscc_bad_check = not checked.check_ok
            f.uscc = checked.code
        except BadValue as exc:
            problems.append(exc)
    elif value == "":
        f.uscc = ""
    f.accept_bad_check = bool(get("accept_bad_check"))
    _parse_each(f, _PARSERS, get, n, memo, problems)
    f.units = [u for u in (get("units") or []) if u and u.strip()]
    f.release = [u for u in (get("release") or []) if u and u.strip()]
    if problems and check is not None:
        problems += check(f, n("units"))
    raise_all(problems)
    return f


def _parse_each(f: Fields, parsers, get, n, memo: dict | None, problems: list) -> None:
    """Each field of `parsers` the row gives, parsed into `f` (a good text value parsed once per `memo`)."""
    for key, parse in parsers:
        value = get(key)
        if value is None or (value == "" and key == "stage"):
            continue  # not given: every parser keeps None as None, so it is not asked
        seen = None
        if memo is not None and type(value) is str:
            seen = memo.get(key)
            if seen is None:
                seen = memo[key] = {}
            parsed = seen.get(value, _NOT_SEEN)
            if parsed is not _NOT_SEEN:
                setattr(f, key, parsed)
                continue
        try:
            parsed = parse(value, n(key))
        except BadValue as exc:
            problems.append(exc)
            continue
        setattr(f, key, parsed)
        if seen is not None and len(seen) < MEMO_LIMIT:
            seen[value] = parsed
