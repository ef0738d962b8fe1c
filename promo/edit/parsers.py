"""Parsers for list fields, each called as parse(conn, value, option): text, numbers, dates, choices and
names looked up in the catalogue (with "did you mean"); a multiple field's parser gets the list."""

from __future__ import annotations

import re

from promo.errors import BadValue, PromoError
from promo.i18n import _
from promo.text import fold
from promo.vocabulary import labels, words_to_code


def text(max_len: int = 2000):
    def parse(conn, value, option):
        from promo.enterprise_fields import parse_text

        return parse_text(str(value), option, max_len=max_len)

    return parse


def name(conn, value, option):
    from promo.enterprise_fields import parse_name

    return parse_name(str(value), option)


def phone(conn, value, option):
    from promo.enterprise_fields import parse_phone

    return parse_phone(str(value), option)


def email(conn, value, option):
    from promo.fields import parse_email

    return parse_email(str(value), option)


def date(conn, value, option):
    """The day something happened or happens: 2027-06-30, 今天, 3天后; a month or 年底 is refused."""
    from promo.dates import parse_date

    return parse_date(value, option)


def date_by(conn, value, option):
    """A deadline or an end: a month or a year stands for its last day (2027-06, 年底, 6个月内)."""
    from promo.dates import parse_date

    return parse_date(value, option, meaning="by")


# what an officer writes for a unit one can move into now, as the listings show it (可交付 现房)
READY_NOW = ("现房", "现楼", "即可入驻", "ready now", "now")
_READY_NOW = {fold(w) for w in READY_NOW}


def ready(conn, value, option):
    """When a unit can be handed over: a date as date_by reads it, or 现房 (ready now: today)."""
    from promo.dates import today

    if isinstance(value, str) and fold(value) in _READY_NOW:
        return today()
    return date_by(conn, value, option)


def date_from(conn, value, option):
    """The start of a period: a month would be a guess (its first day or its end?), so it is refused."""
    from promo.dates import parse_date

    return parse_date(value, option, meaning="from")


def number(
    *, minimum: float | None = 0, maximum: float | None = None, integer: bool = False, above: float | None = None
):
    def parse(conn, value, option):
        from promo.text import MAX_NUMBER, parse_number

        got = parse_number(value, option, minimum=minimum, maximum=maximum or MAX_NUMBER, integer=integer)
        if above is not None and got <= above:
            raise BadValue(option, value, _("must be more than {minimum:g}").format(minimum=above))
        return got

    return parse


_FLOOR = re.compile(r"(?P<under>地下|负|-|b)?\s*(?P<n>\d+)\s*(层|楼|f)?|f(?P<f>\d+)", re.IGNORECASE)


_CJK_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"两": 2}
_CJK_NUMBER = re.compile(r"[〇一二两三四五六七八九十]+")


def _cjk_number(m: re.Match) -> str:
    """一 … 九十九 in digits: 三 → 3, 十二 → 12, 二十 → 20, 二十三 → 23."""
    text = m.group(0)
    if "十" not in text:
        return "".join(str(_CJK_DIGITS[c]) for c in text)
    from promo.dates import cn_count

    n = cn_count(text)
    return text if n is None else str(n)  # not a number written so: left for the refusal to show


def floor(conn, value, option):
    """A floor as people write it: 3, 3层, 三层, 3楼, 3F, F3; below ground B1, -1F, 负1层, 地下一层 (→ -1)."""
    import unicodedata

    whole = number(minimum=-10, maximum=300, integer=True)
    text = None if isinstance(value, (int, float)) else unicodedata.normalize("NFKC", str(value)).strip()
    m = None if text is None else _FLOOR.fullmatch(_CJK_NUMBER.sub(_cjk_number, text))
    if m is None:
        return whole(conn, value, option)
    n = int(m.group("n") or m.group("f"))
    try:
        return whole(conn, str(-n if m.group("under") else n), option)
    except BadValue as exc:
        raise BadValue(option, value, exc.why, exc.hint) from None


def amount(conn, value, option):
    from promo.measures import MONEY

    return MONEY.parse(value, option)


NO_CAP = ("不限", "无上限", "不设上限", "上不封顶", "不封顶", "unlimited", "no cap", "uncapped")
_NO_CAP = {fold(w) for w in NO_CAP}


def cap(conn, value, option):
    """A ceiling in 万元, or 不限 (无上限, 不封顶, unlimited) for none: no cap is stored as no value, as when
    the ceiling is cleared (a policy's 最高奖补, typed on the command line or read from a sheet)."""
    if isinstance(value, str) and fold(value) in _NO_CAP:
        return None
    return amount(conn, value, option)


def area(conn, value, option):
    from promo.fields import parse_area

    return parse_area(value, option)


def rent(conn, value, option):
    from promo.fields import parse_rent

    return parse_rent(value, option)


def shown_choices(labels: dict[str, str]) -> str:
    """A coded vocabulary as a refusal lists it: its Chinese labels on a Chinese screen (产业园、楼宇 …), each code
    with its label in English, since both are accepted (park (产业园))."""
    from promo.i18n import language

    if language() == "zh":
        return "、".join(dict.fromkeys(labels.values()))
    return ", ".join(f"{k} ({v})" if k != v else k for k, v in labels.items())


def choice(labels: dict[str, str], synonyms: dict[str, str] | None = None):
    """One of a coded vocabulary, typed as its code, its Chinese label or a synonym."""
    keys = words_to_code({k: (v,) for k, v in labels.items()}) | {fold(s): k for s, k in (synonyms or {}).items()}

    def parse(conn, value, option):
        code = keys.get(fold(str(value)))
        if code is None:
            raise BadValue(option, value, _("use one of {choices}").format(choices=shown_choices(labels)))

        return code

    return parse


def coded(kind: str):
    """One of a coded kind of the vocabulary (promo.vocabulary.LABELS), typed as its code, either label or a
    synonym: what an English screen shows (being fitted out) is read back as what a Chinese one does (装修中)."""

    def parse(conn, value, option):
        code = words_to_code(kind).get(fold(str(value)))
        if code is None:
            raise BadValue(option, value, _("use one of {choices}").format(choices=shown_choices(labels(kind))))
        return code

    return parse


def lookup(table: str, what: str, where: str = ""):
    """A record's id from its name, code or part of its name (traditional/simplified, any width)."""

    def parse(conn, value, option):
        from promo.lookup import find

        return find(conn, table, str(value), _(what), where=where)["id"]

    return parse


def each(parser):
    """A multiple field: every item parsed, every bad item reported, duplicates dropped."""

    def parse(conn, values, option):
        from promo.edit.record import problems_error

        out, problems = [], []
        for v in values:
            try:
                got = parser(conn, v, option)
            except PromoError as exc:
                problems.append(exc)
                continue
            if got not in out:
                out.append(got)
        problems_error(problems)
        return out

    return parse


def country(conn, value, option):
    from promo.countries import parse_country

    if fold(str(value)) in ("境外", "overseas", "abroad", "foreign"):
        return "境外"
    return parse_country(str(value), option)


def stage(conn, value, option):
    from promo.enterprise_fields import parse_stage

    return parse_stage(str(value), option)
