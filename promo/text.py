"""Chinese text as users write it: script/width folding, amounts (1.2亿), dates (2024年3月5日), numbers."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from functools import lru_cache

from promo.errors import BadValue

# Characters that differ only in style between how people type a name: middle dots, dashes, quotes, brackets.
_PUNCT_FOLD = str.maketrans(
    {
        "·": "",
        "・": "",
        "•": "",
        "‧": "",
        "．": "",
        "“": "",
        "”": "",
        '"': "",
        "「": "",
        "」": "",
        "《": "",
        "》": "",
        "【": "(",
        "】": ")",
        "〔": "(",
        "〕": ")",
        "—": "-",
        "–": "-",
        "－": "-",
    }
)
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported here: only commands that fold names pay for it

    return opencc.OpenCC("t2s")


def fold_width(s: str) -> str:
    """Full-width forms to half width (ＡＢＣ１２３ → ABC123), and compatibility forms to their plain ones."""
    return unicodedata.normalize("NFKC", s)


def fold_script(s: str) -> str:
    """Traditional to simplified script (樹蘭 → 树兰)."""
    return s if s.isascii() else _t2s().convert(s)


def fold_case(s: str) -> str:
    return s.casefold()


def fold_spaces(s: str) -> str:
    return _SPACE.sub("", s)


def fold_punctuation(s: str) -> str:
    """Middle dots, quotes and title marks dropped; full-width brackets and dashes to one form."""
    return s.translate(_PUNCT_FOLD)


# The steps of fold(), named for messages that explain why two names are one.
FOLD_STEPS = {
    "full/half-width forms": fold_width,
    "traditional/simplified script": fold_script,
    "letter case": fold_case,
    "spaces": fold_spaces,
    "punctuation (·, quotes, brackets)": fold_punctuation,
}


@lru_cache(maxsize=4096)
def fold(text: str | None) -> str:
    """The matching key of a name: NFKC (full→half width), traditional→simplified, lower case, no spaces.

    Names are stored exactly as entered; this key is what comparison and search use, so
    樹蘭(濟南)醫院 and 树兰（济南）医院 fold to the same string.
    """
    if not text:
        return ""
    s = fold_spaces(fold_punctuation(fold_script(fold_width(text))))
    return fold_width(fold_case(s))


# -- numbers -------------------------------------------------------------------------------------

_NUM = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_AMOUNT = re.compile(rf"^\s*(?P<num>{_NUM})\s*(?P<unit>亿元|亿|万元|万|元)?\s*$")


def normalise_number_text(value: str) -> str:
    s = unicodedata.normalize("NFKC", str(value)).strip()
    return s.replace("，", ",").replace(" ", "")


# No single project, area or count in a zone's catalogue comes near these; past them a value is a typo,
# and SQLite's 64-bit integers would overflow.
MAX_AMOUNT_WAN = 100_000_000  # 1万亿元
MAX_NUMBER = 1_000_000_000


def parse_amount(
    value: str | float | None, field: str = "--investment", *, maximum: float = MAX_AMOUNT_WAN
) -> float | None:
    """An amount of money in 万元 from what users write: 1200, 1,200, 1200万, 1.2亿, 500000元."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        number, unit = float(value), None
    else:
        m = _AMOUNT.match(normalise_number_text(value))
        if not m:
            raise BadValue(field, value, "not an amount; write 万元 as 1200, 1,200, 1200万 or 1.2亿")
        number, unit = float(m["num"].replace(",", "")), m["unit"]
    if number < 0:
        raise BadValue(field, value, "must not be negative")
    if unit in ("亿", "亿元"):
        number *= 10000
    elif unit == "元":
        number /= 10000
    if number > maximum:
        raise BadValue(field, value, f"is implausibly large (more than {maximum:,.0f} 万元)")
    return round(number, 4)


def parse_number(
    value: str | float | None,
    field: str,
    *,
    minimum: float | None = 0,
    maximum: float | None = MAX_NUMBER,
    integer: bool = False,
    unit_suffixes: tuple[str, ...] = (),
) -> float | int | None:
    """A plain number from the command line, allowing thousands separators, full-width digits and a unit."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        s = normalise_number_text(value)
        for suffix in sorted(unit_suffixes, key=len, reverse=True):
            if s.endswith(suffix):
                s = s[: -len(suffix)]
                break
        if not re.fullmatch(_NUM, s):
            raise BadValue(field, value, "not a number")
        number = float(s.replace(",", ""))
    if number != number or number in (float("inf"), float("-inf")):
        raise BadValue(field, value, "not a finite number")
    if minimum is not None and number < minimum:
        raise BadValue(field, value, "must not be negative" if minimum == 0 else f"must be at least {minimum:g}")
    if maximum is not None and number > maximum:
        raise BadValue(field, value, f"is too large (at most {maximum:,.0f})")
    if integer:
        if number != int(number):
            raise BadValue(field, value, "must be a whole number")
        return int(number)
    return number


# -- dates ---------------------------------------------------------------------------------------

_DATE_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<y>\d{4})\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),
)


def parse_date(value: str | _dt.date | None, field: str = "--date") -> str | None:
    """An ISO date (YYYY-MM-DD) from 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日 or 20240305."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    s = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "")
    for pattern in _DATE_PATTERNS:
        m = pattern.match(s)
        if m:
            try:
                return _dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
            except ValueError as exc:
                raise BadValue(field, value, f"no such date ({exc})") from None
    raise BadValue(field, value, "not a date; write 2024-03-05, 2024/3/5 or 2024年3月5日")


def today() -> str:
    """Today's date, ISO; PROMO_TODAY overrides it so tests and briefs are reproducible."""
    import os

    return os.environ.get("PROMO_TODAY") or _dt.date.today().isoformat()
