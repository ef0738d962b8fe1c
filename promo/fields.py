"""How people type the resource list's quantities: areas in ㎡ or 亩, rents per day or per month.

Each parser takes what was typed (text, or a number from a spreadsheet) and the field's name for messages,
and returns the stored value; each formatter words a stored value back the way the desk reads it.
"""

from __future__ import annotations

import re
import unicodedata

from promo.errors import BadValue
from promo.i18n import _
from promo.measures import AREA, M2_PER_MU, RENT
from promo.text import parse_number

MAX_AREA_M2 = 100_000_000  # 100 km²: past it an area is a typo


def parse_area(value: str | float | None, field: str = "--area") -> float | None:
    """An area in ㎡ from 1200, 1,200㎡, 1200平米 or 30亩 (measures.AREA); a unit's area is more than 0."""
    area = AREA.parse(value, field)
    if area is None:
        return None
    if area <= 0:
        raise BadValue(field, value, _("an area must be more than 0"))
    if area > MAX_AREA_M2:
        raise BadValue(field, value, _("is implausibly large (more than 100 km²)"))
    return round(area, 2)


def parse_rent(value: str | float | None, field: str = "--rent") -> float | None:
    """A rent in 元/㎡·天 from 1.5 or 45元/㎡·月 (measures.RENT); 0 is rent-free."""
    rent = RENT.parse(value, field)
    if rent is not None and rent > 100_000:
        raise BadValue(field, value, _("is too large for a rent per ㎡ and day"))
    return rent


def mu(area_m2: float | None) -> float | None:
    """An area in 亩, to two decimals."""
    return None if area_m2 is None else round(area_m2 / M2_PER_MU, 2)


def area_text(area_m2: float | None, *, land: bool = False) -> str:
    """An area as the desk reads it: 1,200 ㎡; land in 亩 as well (30 亩 / 20,000 ㎡)."""
    if area_m2 is None:
        return ""
    if land:
        return f"{mu(area_m2):g} 亩 / {area_m2:,.0f} ㎡"
    return f"{area_m2:,.0f} ㎡" if area_m2 == int(area_m2) else f"{area_m2:,.2f} ㎡"


def land_area(area_m2: float) -> str:
    """A parcel's area in a ㎡ column, with its 亩: 23,333 (35亩)."""
    from promo.measures import land_area_text

    return land_area_text(area_m2)


def land_text(unit: dict, *, short: bool = False) -> str | list[str]:
    """A land parcel's published indicators: 容积率 1.5 · 投资强度 300万元/亩 · 亩均税收 30万元/亩
    (short: a list of 容积率 1.5, 投资强度 300万/亩 … for a table cell)."""
    per_mu = "万/亩" if short else "万元/亩"
    parts = []
    if unit.get("plot_ratio") is not None:
        parts.append(f"容积率 {unit['plot_ratio']:g}")
    if unit.get("intensity_wan_mu") is not None:
        parts.append(f"投资强度 {unit['intensity_wan_mu']:g}{per_mu}")
    if unit.get("tax_wan_mu") is not None:
        parts.append(f"亩均税收 {unit['tax_wan_mu']:g}{per_mu}")
    return parts if short else " · ".join(parts)


def parse_mu(value: str | float | None, field: str = "--min-mu") -> float | None:
    """A number of 亩 (30, 30亩); returned in ㎡ for comparing with stored areas."""
    if value is None or value == "":
        return None
    try:
        number = parse_number(value, field, unit_suffixes=("亩",))  # '亩' alone is not a number
    except BadValue as exc:
        raise BadValue(field, value, exc.why) from None
    return number * M2_PER_MU


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def parse_email(value: str | None, field: str = "--email") -> str | None:
    """An e-mail address, trimmed."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    if text and not _EMAIL.match(text):
        raise BadValue(field, value, _("not an e-mail address"))

    return text
