"""Numbers as a brief shows them: areas in ㎡ and sq ft, rents per day, per month and in USD, money, dates."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from promo.brief.texts import MONTHS_EN
from promo.measures import area_text as area
from promo.measures import rent_text as rent
from promo.measures import trim

SQFT_PER_M2 = 10.763910416709722  # 1 m = 3.28084 ft, exactly 0.3048 m per ft
SQMI_PER_KM2 = 0.38610215854244584
HA_PER_MU = 1 / 15  # 1 亩 = 666.67 ㎡
_YUAN = Decimal("0.0001")  # amounts are kept in 万元; 0.0001 万元 is one yuan


def area_sqft(m2: float | None) -> str:
    """Square metres converted to square feet, whole."""
    if m2 is None:
        return ""
    return f"{m2 * SQFT_PER_M2:,.0f}"


def rent_usd_sqft_year(per_day: float | None, cny_per_usd: float | None) -> str:
    """USD per sq ft per year from 元/㎡·天 at a configured exchange rate."""
    if per_day is None or not cny_per_usd:
        return ""
    return f"{per_day * 365 / cny_per_usd / SQFT_PER_M2:.2f}"


def rent_range(low: float | None, high: float | None) -> str:
    """1.20–1.65, or one figure when they are equal."""
    if low is None:
        return ""
    if high is None or abs(high - low) < 0.005:
        return rent(low)
    return f"{rent(low)}–{rent(high)}"


def wan(value) -> Decimal | None:
    """An amount in 万元 as an exact decimal, to the yuan (4 places), so sums carry no float error."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value.quantize(_YUAN, ROUND_HALF_UP)
    return Decimal(repr(float(value))).quantize(_YUAN, ROUND_HALF_UP)


def total_wan(values) -> Decimal | None:
    """The exact sum of amounts in 万元 (None when there is none)."""
    found = [wan(v) for v in values if v is not None]
    return sum(found, Decimal(0)) if found else None


def _figure(value: Decimal, places: int = 2) -> str:
    """A decimal with thousands separators, at most `places` decimals (more for a small non-zero amount)."""
    if value and abs(value) < Decimal(1).scaleb(-places):
        places = 4
    text = f"{value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):,}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


# Units an amount column may be in: (divisor from 万元, Chinese unit, English unit).
MONEY_UNITS = {
    "wan": (Decimal(1), "万元", None),
    "yi": (Decimal(10000), "亿元", None),
    "million": (Decimal(100), None, "CNY million"),
    "billion": (Decimal(100000), None, "CNY billion"),
}


def money_unit(values, lang: str) -> str:
    """The one unit for a column of amounts in 万元: 亿元 (or CNY billion) only when every amount in it is
    at least one, so no amount shows as 0.05 亿元; otherwise 万元 (CNY million)."""
    amounts = [abs(wan(v)) for v in values if v is not None and wan(v)]
    big = "yi" if lang == "zh" else "billion"
    if amounts and min(amounts) >= MONEY_UNITS[big][0]:
        return big
    return "wan" if lang == "zh" else "million"


def money_label(unit: str) -> str:
    """万元, 亿元, CNY million or CNY billion."""
    _, zh, en = MONEY_UNITS[unit]
    return zh or en


def money_in(value, unit: str) -> str:
    """An amount in 万元 as a figure in `unit` (no unit text): for a column headed with the unit."""
    if value is None:
        return ""
    return _figure(wan(value) / MONEY_UNITS[unit][0])


def money_with(value, unit: str) -> str:
    """An amount in 万元 in `unit`, with the unit: 5,000 万元, CNY 50 million."""
    if value is None:
        return ""
    figure = money_in(value, unit)
    _, zh, en = MONEY_UNITS[unit]
    return f"{figure} {zh}" if zh else f"CNY {figure} {en.split()[1]}"


def money_wan(value, lang: str) -> str:
    """One amount held in 万元, in the unit that reads best: 500 万元 / 1.2 亿元, or CNY 5 million /
    CNY 1.2 billion (CNY 5,000 below a million). Amounts in a table go through money_unit() instead."""
    if value is None:
        return ""
    amount = wan(value)
    if lang == "zh":
        return money_with(amount, "yi" if abs(amount) >= 10000 else "wan")
    if abs(amount) >= 100000:
        return money_with(amount, "billion")
    if abs(amount) >= 100:
        return money_with(amount, "million")
    return f"CNY {amount * 10000:,.0f}"


def date_text(iso: str | None, lang: str) -> str:
    """2026年11月23日 or 23 November 2026; anything not a full ISO date is shown as it is."""
    if not iso:
        return ""
    parts = iso.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return iso
    y, m, d = (int(p) for p in parts)
    if not 1 <= m <= 12:
        return iso
    return f"{y}年{m}月{d}日" if lang == "zh" else f"{d} {MONTHS_EN[m - 1]} {y}"


def figure_value(value: float, unit: str | None, unit_en: str | None, lang: str) -> str:
    """A zone figure with its unit; English converts 亿元 and 万平方米 into words a foreign reader uses."""
    number = trim(value, 2)
    if lang == "zh":
        return f"{number} {unit}".strip() if unit else number
    if unit in ("亿元", "亿"):
        return money_wan(value * 10000, "en")
    if unit in ("万元",):
        return money_wan(value, "en")
    if unit in ("万平方米", "万㎡"):
        return f"{trim(value / 100, 2)} million m² ({trim(value * 10000 * SQFT_PER_M2 / 1e6, 1)} million sq ft)"
    if unit in ("平方米", "㎡"):
        return f"{area(value)} m² ({area_sqft(value)} sq ft)"
    if unit in ("平方公里",):
        return f"{number} km² ({trim(value * SQMI_PER_KM2, 1)} sq mi)"
    if unit_en:
        return f"{number} {unit_en}"
    return f"{number} {unit}".strip() if unit else number
