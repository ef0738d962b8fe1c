"""Figures with a unit — area, rent, floor load, money, days: how people type each, and how a table or a brief
shows it. Option parsing, promo.render and the brief's numbers all use these, so the rules live here once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from promo.errors import BadValue
from promo.i18n import _

if TYPE_CHECKING:
    from decimal import Decimal

DAYS_PER_MONTH = 365 / 12

# No single project, area or count in a zone's catalogue comes near these; past them a value is a typo,
# and SQLite's 64-bit integers would overflow.
MAX_AMOUNT_WAN = 100_000_000  # 1万亿元
# a number typed without its unit past this (1,000 亿元) is read as yuan typed by mistake: the unit must be said
BARE_AMOUNT_WAN = 10_000_000
MAX_NUMBER = 1_000_000_000

_NUM = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"


def normalise_number_text(value: str) -> str:
    """A typed figure in half-width forms, without spaces, with an ASCII thousands separator."""
    s = unicodedata.normalize("NFKC", str(value)).strip()
    return s.replace("，", ",").replace(" ", "")


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
            raise BadValue(field, value, _("not a number"))
        number = float(s.replace(",", ""))
    if number != number or number in (float("inf"), float("-inf")):
        raise BadValue(field, value, _("not a finite number"))
    if minimum is not None and number < minimum:
        if minimum == 0:
            raise BadValue(field, value, _("must not be negative"))
        raise BadValue(field, value, _("must be at least {minimum:g}").format(minimum=minimum))
    if maximum is not None and number > maximum:
        raise BadValue(field, value, _("is too large (at most {maximum:,.0f})").format(maximum=maximum))
    if integer:
        if number != int(number):
            raise BadValue(field, value, _("must be a whole number"))
        return int(number)
    return number


def trim(value: float, digits: int = 2) -> str:
    """A number with thousands separators and at most `digits` decimals, trailing zeros dropped."""
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def area_text(m2: float | None) -> str:
    """Square metres as people write them: 1,200 (one decimal below 100 when needed)."""
    if m2 is None or m2 == "":
        return ""
    return trim(float(m2), 0 if float(m2) >= 100 else 1)


def mu_note(m2: float | None, lang: str = "zh") -> str:
    """A land parcel's area in 亩 after its ㎡ figure — land is offered in 亩: ' (35亩)', ' (35 mu)'."""
    if m2 is None or m2 == "":
        return ""
    return f" ({trim(float(m2) / M2_PER_MU)}{'亩' if lang == 'zh' else ' mu'})"


def land_area_text(m2: float | None, lang: str = "zh") -> str:
    """A parcel's area shown both ways, as in a ㎡ column: 23,333 (35亩)."""
    return area_text(m2) + mu_note(m2, lang) if m2 not in (None, "") else ""


def rent_text(per_day: float | None) -> str:
    """元/㎡·天 with two decimals."""
    return "" if per_day is None or per_day == "" else f"{float(per_day):.2f}"


def rent_month_text(per_day: float | None) -> str:
    """元/㎡·月 from 元/㎡·天 (× 365 ÷ 12)."""
    return "" if per_day is None else f"{per_day * DAYS_PER_MONTH:.2f}"


def load_text(kn: float | None) -> str:
    return "" if kn is None or kn == "" else trim(float(kn), 1)


@dataclass(frozen=True)
class Measure:
    """One kind of figure: the unit it is kept in, the suffixes people type (each with the factor that turns it
    into that unit: 元/㎡·月 ÷ 30.4 is 元/㎡·天), and how a table cell shows it."""

    unit: str
    suffixes: dict[str, float]
    cell: Callable[[float | None], str]
    integer: bool = False
    minimum: float = 0
    # a figure typed without its unit (or with a suffix in `vague`) above `bare_max` is likely in `likely_unit`:
    # it is read in `unit` as always, and the note says so and how to write the other
    bare_max: float | None = None
    likely_unit: str | None = None
    vague: tuple[str, ...] = ()

    def parse(self, value, field: str) -> float | int | None:
        """A figure typed on the command line or in an import, in this measure's unit; BadValue names `field`."""
        if value is None or value == "":
            return None
        if isinstance(value, (int, float)):
            return parse_number(value, field, integer=self.integer, minimum=self.minimum)
        text, factor, bare = normalise_number_text(value).casefold(), 1.0, True
        for suffix, f in sorted(self.suffixes.items(), key=lambda kv: -len(kv[0])):
            key = normalise_number_text(suffix).casefold()
            if text.endswith(key) and len(text) > len(key):
                text, factor, bare = text[: -len(key)], f, suffix in self.vague
                break
        try:
            number = parse_number(text, field, integer=self.integer and factor == 1.0, minimum=self.minimum)
        except BadValue as exc:
            raise BadValue(field, value, exc.why) from None
        if bare and self.bare_max is not None and number is not None and number > self.bare_max:
            self._unlikely(field, value, number)
        if factor == 1.0:
            return number
        stored = round(number * factor, 4)
        _CONVERTED.append(
            _("{field} {value}: read as {stored} {unit}").format(
                field=field, value=value, stored=trim(stored, 4), unit=self.unit
            )
        )
        return stored

    def _unlikely(self, field: str, value, number: float) -> None:
        factor = self.suffixes[self.likely_unit]
        _CONVERTED.append(
            _(
                "{field} {value}: read as {number} {unit}, more than {limit} {unit}, which is unusual; if it is in "
                "{likely}, write {number}{likely} (= {converted} {unit})"
            ).format(
                field=field,
                value=value,
                number=trim(number, 4),
                unit=self.unit,
                limit=trim(self.bare_max),
                likely=self.likely_unit,
                converted=trim(number * factor, 4),
            )
        )


_CONVERTED: list[str] = []


def conversions() -> list[str]:
    """The figures converted to their stored unit since the last call (45元/㎡·月 → 1.4795 元/㎡·天), for the
    command line to say what it did; emptied by the call."""
    out = list(dict.fromkeys(_CONVERTED))
    _CONVERTED.clear()
    return out


M2_PER_MU = 10000 / 15  # 1 亩 = 666.67 ㎡: land is offered in 亩
_SQM = ("㎡", "m²", "m2", "平方米", "平方", "平米", "平")  # how people write square metres
AREA = Measure("㎡", {**dict.fromkeys((*_SQM, "sqm"), 1), "亩": M2_PER_MU}, area_text)


def _rent_suffixes() -> dict[str, float]:
    """元/㎡·天, 元/平米/月, 元/月 (per ㎡: a rent is always per ㎡) …: every spelling with its factor to 元/㎡·天."""
    per = {"天": 1, "日": 1, "月": 1 / DAYS_PER_MONTH}
    out = {"元": 1}
    for period, factor in per.items():
        out[f"元/{period}"] = factor
        out[f"元每{period}"] = factor
        for sqm in _SQM:
            for sep in ("·", "/", "", "每"):
                out[f"元/{sqm}{sep}{period}"] = factor
                out[f"元每{sqm}每{period}"] = factor
    return out


# A rent typed without its period is per day, as it is kept. Above RENT_BARE_MAX per day it is more likely a
# monthly figure (industrial and office space in a zone lets for about 0.5-5 元/㎡·天, 15-150 元/㎡·月; a city's
# top offices stay below 20 元/㎡·天): the figure is still read per day, and the note says so and how to write a
# month (README, "Everyday input").
RENT_BARE_MAX = 20
RENT = Measure("元/㎡·天", _rent_suffixes(), rent_text, bare_max=RENT_BARE_MAX, likely_unit="元/㎡·月", vague=("元",))
LOAD = Measure("kN/㎡", {"kN/㎡": 1, "kN/m2": 1, "kn": 1}, load_text)
DAYS = Measure(
    "天", {"天": 1, "days": 1, "day": 1, "d": 1}, lambda d: "" if d is None else f"{int(d):,}", integer=True, minimum=1
)


_AMOUNT = re.compile(rf"^\s*(?P<num>{_NUM})\s*(?P<unit>亿元|亿|万元|万|元)?\s*$")
_PER_WAN = {None: 1, "万": 1, "万元": 1, "亿": 10000, "亿元": 10000, "元": 0.0001}

# Units an amount column of a brief may be in: (divisor from 万元, Chinese unit, English unit).
MONEY_UNITS = {
    "wan": (1, "万元", None),
    "yi": (10000, "亿元", None),
    "million": (100, None, "CNY million"),
    "billion": (100000, None, "CNY billion"),
}


def _figure(value, places: int = 2) -> str:
    """A decimal with thousands separators, at most `places` decimals (more for a small non-zero amount)."""
    from decimal import ROUND_HALF_UP, Decimal

    if value and abs(value) < Decimal(1).scaleb(-places):
        places = 4
    text = f"{value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):,}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


class Money:
    """Money, kept in 万元: typed as 1,200 / 1200万 / 1.2亿 / 500000元, shown in a table as 1,200, and worded
    in a brief as 1.2 亿元 or CNY 12 million, summed exactly (to the yuan)."""

    unit = "万元"

    def parse(
        self, value, field: str = "--investment", *, maximum: float = MAX_AMOUNT_WAN, one_project: bool = False
    ) -> float | None:
        """An amount in 万元 from what users write; BadValue names `field` and the value. `one_project`: a
        project's own figure, where a number typed without its unit past 1,000 亿元 is taken for yuan typed by
        mistake and refused with both readings (a zone's or a year's totals may be that large)."""
        if value is None or value == "":
            return None
        if isinstance(value, (int, float)):
            number, unit = float(value), None
        else:
            m = _AMOUNT.match(normalise_number_text(value))
            if not m:
                raise BadValue(field, value, _("not an amount; write 万元 as 1200, 1,200, 1200万 or 1.2亿"))
            number, unit = float(m["num"].replace(",", "")), m["unit"]
        if number != number or number in (float("inf"), float("-inf")):
            raise BadValue(field, value, _("not a finite number"))
        if number < 0:
            raise BadValue(field, value, _("must not be negative"))
        number *= _PER_WAN[unit]
        bare = unit is None and not isinstance(value, (int, float))  # 120000000 meant in yuan, likely
        if one_project and bare and BARE_AMOUNT_WAN < number <= maximum:
            raise BadValue(
                field,
                value,
                _("read in 万元 this is {yi} 亿元, more than any one project").format(yi=f"{number / 10000:,.0f}"),
                _("in yuan write {value}元; if you do mean {yi} 亿元, write {yi}亿").format(
                    value=value.strip(), yi=f"{number / 10000:.0f}"
                ),
            )
        if number > maximum:
            raise BadValue(
                field,
                value,
                _("is implausibly large (more than {maximum:,.0f} 万元)").format(maximum=maximum),
                _("a number without a unit is read in 万元 (10,000 yuan); in yuan write {value}元").format(
                    value=value.strip()
                )
                if bare
                else None,
            )

        return round(number, 4)

    @staticmethod
    def cell(wan: float | None) -> str:
        """万元 in a table: whole, or one decimal when there is a fraction."""
        if wan is None or wan == "":
            return ""
        return f"{wan:,.0f}" if float(wan) == int(wan) else f"{wan:,.1f}"

    @staticmethod
    def exact(value) -> Decimal | None:
        """An amount in 万元 as an exact decimal, to the yuan (4 places), so sums carry no float error."""
        from decimal import ROUND_HALF_UP, Decimal  # imported here: only briefs sum money exactly

        if value is None:
            return None
        yuan = Decimal("0.0001")  # amounts are kept in 万元
        if isinstance(value, Decimal):
            return value.quantize(yuan, ROUND_HALF_UP)
        return Decimal(repr(float(value))).quantize(yuan, ROUND_HALF_UP)

    def total(self, values) -> Decimal | None:
        """The exact sum of amounts in 万元 (None when there is none)."""
        found = [self.exact(v) for v in values if v is not None]
        return sum(found[1:], found[0]) if found else None

    def column_unit(self, values, lang: str) -> str:
        """The one unit for a column of amounts: 亿元 (or CNY billion) only when every amount in it is at
        least one, so no amount shows as 0.05 亿元; otherwise 万元 (CNY million)."""
        amounts = [abs(self.exact(v)) for v in values if v is not None and self.exact(v)]
        big = "yi" if lang == "zh" else "billion"
        if amounts and min(amounts) >= MONEY_UNITS[big][0]:
            return big
        return "wan" if lang == "zh" else "million"

    @staticmethod
    def label(unit: str) -> str:
        """万元, 亿元, CNY million or CNY billion."""
        _, zh, en = MONEY_UNITS[unit]
        return zh or en

    def figure_in(self, value, unit: str) -> str:
        """An amount in 万元 as a figure in `unit` (no unit text): for a column headed with the unit."""
        if value is None:
            return ""
        return _figure(self.exact(value) / MONEY_UNITS[unit][0])

    def with_unit(self, value, unit: str) -> str:
        """An amount in 万元 in `unit`, with the unit: 5,000 万元, CNY 50 million."""
        if value is None:
            return ""
        figure = self.figure_in(value, unit)
        _, zh, en = MONEY_UNITS[unit]
        return f"{figure} {zh}" if zh else f"CNY {figure} {en.split()[1]}"

    def words(self, value, lang: str) -> str:
        """One amount in the unit that reads best: 500 万元 / 1.2 亿元, or CNY 5 million / CNY 1.2 billion
        (CNY 5,000 below a million). Amounts in a column go through column_unit() instead."""
        if value is None:
            return ""
        amount = self.exact(value)
        if lang == "zh":
            return self.with_unit(amount, "yi" if abs(amount) >= 10000 else "wan")
        if abs(amount) >= 100000:
            return self.with_unit(amount, "billion")
        if abs(amount) >= 100:
            return self.with_unit(amount, "million")
        return f"CNY {amount * 10000:,.0f}"


MONEY = Money()

# The names money had before it was one type; kept so callers written against them still work.
parse_amount = MONEY.parse


def parse_project_amount(value, field: str = "--investment") -> float | None:
    """One project's amount (its investment, completed investment, arrived capital, output, tax, a deal's
    investment): as parse_amount, refusing a number past 1,000 亿元 typed without its unit (yuan by mistake)."""
    return MONEY.parse(value, field, one_project=True)


money_cell = MONEY.cell
