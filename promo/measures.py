"""Figures with a unit — area, rent, floor load, money, days: how people type each, and how a table or a brief
shows it. Option parsing, promo.render and the brief's numbers all use these, so the rules live here once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

DAYS_PER_MONTH = 365 / 12


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


def money_cell(wan: float | None) -> str:
    """万元 in a table: whole, or one decimal when there is a fraction."""
    if wan is None or wan == "":
        return ""
    return f"{wan:,.0f}" if float(wan) == int(wan) else f"{wan:,.1f}"


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

    def parse(self, value, field: str) -> float | int | None:
        """A figure typed on the command line or in an import, in this measure's unit; BadValue names `field`."""
        from promo.errors import BadValue
        from promo.text import normalise_number_text, parse_number

        if value is None or value == "":
            return None
        if isinstance(value, (int, float)):
            return parse_number(value, field, integer=self.integer, minimum=self.minimum)
        text, factor = normalise_number_text(value).casefold(), 1.0
        for suffix, f in sorted(self.suffixes.items(), key=lambda kv: -len(kv[0])):
            key = normalise_number_text(suffix).casefold()
            if text.endswith(key) and len(text) > len(key):
                text, factor = text[: -len(key)], f
                break
        try:
            number = parse_number(text, field, integer=self.integer and factor == 1.0, minimum=self.minimum)
        except BadValue as exc:
            raise BadValue(field, value, exc.why) from None
        return number if factor == 1.0 else round(number * factor, 4)


M2_PER_MU = 10000 / 15  # 1 亩 = 666.67 ㎡: land is offered in 亩
AREA = Measure("㎡", {"㎡": 1, "m²": 1, "m2": 1, "平方米": 1, "平米": 1, "sqm": 1, "亩": M2_PER_MU}, area_text)
RENT = Measure(
    "元/㎡·天",
    {
        "元/㎡·天": 1,
        "元/平方米·天": 1,
        "元/平米·天": 1,
        "元/㎡/天": 1,
        "元/㎡·月": 1 / DAYS_PER_MONTH,
        "元/平方米·月": 1 / DAYS_PER_MONTH,
        "元/平米·月": 1 / DAYS_PER_MONTH,
        "元/㎡/月": 1 / DAYS_PER_MONTH,
        "元": 1,
    },
    rent_text,
)
LOAD = Measure("kN/㎡", {"kN/㎡": 1, "kN/m2": 1, "kn": 1}, load_text)
DAYS = Measure(
    "天", {"天": 1, "days": 1, "day": 1, "d": 1}, lambda d: "" if d is None else f"{int(d):,}", integer=True, minimum=1
)


def parse_money(value, field: str) -> float | None:
    """An amount in 万元 from 1,200 / 1200万 / 1.2亿 / 500000元."""
    from promo.text import parse_amount

    return parse_amount(value, field)
