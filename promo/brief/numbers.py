"""Numbers as a brief shows them: areas in ㎡ and sq ft, rents per day, per month and in USD, money, dates."""

from __future__ import annotations

import sqlite3

from promo.brief.texts import MONTHS_EN
from promo.errors import Rejected
from promo.i18n import _
from promo.measures import MONEY, MONEY_UNITS, trim  # noqa: F401 (MONEY_UNITS: the charts read it here)
from promo.measures import area_text as area
from promo.measures import rent_text as rent

SQFT_PER_M2 = 10.763910416709722  # 1 m = 3.28084 ft, exactly 0.3048 m per ft
SQMI_PER_KM2 = 0.38610215854244584
HA_PER_MU = 1 / 15  # 1 亩 = 666.67 ㎡


def count(n: int | None) -> str:
    """A number of firms, people or items: 1,234, and 0 when there are none; blank when it is not known, so
    an unknown figure never reads as 0."""
    return "" if n is None else f"{n:,}"


def known_total(values) -> int | None:
    """The sum of the figures that are known; None when none is (a total of unknowns is unknown, not 0)."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


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


# Money is one field type (promo.measures.MONEY); these are the names the brief's code knew it by.
wan = MONEY.exact
total_wan = MONEY.total
money_label = MONEY.label
money_in = MONEY.figure_in
money_with = MONEY.with_unit
money_wan = MONEY.words
money_unit = MONEY.column_unit


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
        return MONEY.words(value * 10000, "en")
    if unit in ("万元",):
        return MONEY.words(value, "en")
    if unit in ("万平方米", "万㎡"):
        return f"{trim(value / 100, 2)} million m² ({trim(value * 10000 * SQFT_PER_M2 / 1e6, 1)} million sq ft)"
    if unit in ("平方米", "㎡"):
        return f"{area(value)} m² ({area_sqft(value)} sq ft)"
    if unit in ("平方公里",):
        return f"{number} km² ({trim(value * SQMI_PER_KM2, 1)} sq mi)"
    if unit_en:
        return f"{number} {unit_en}"
    return f"{number} {unit}".strip() if unit else number


def usd_rate(conn: sqlite3.Connection) -> dict:
    """The configured CNY per USD rate (settings usd_cny_rate), its date and whether it is a sample value."""
    found = dict(
        conn.execute(
            "SELECT key, value FROM settings WHERE key IN ('usd_cny_rate', 'usd_cny_rate_date', 'usd_cny_rate_sample')"
        )
    )
    raw = found.get("usd_cny_rate")
    if raw is None or not str(raw).strip():
        return {"usd_rate": None, "usd_rate_date": None, "usd_rate_sample": False}
    try:
        rate = float(raw)
    except ValueError:
        rate = -1.0
    if not rate > 0 or rate != rate or rate == float("inf"):
        raise Rejected(
            _("setting usd_cny_rate {value!r} is not a positive number of CNY per USD").format(value=raw),
            _("fix it in the settings table (e.g. 7.10), or delete it to leave USD out of English briefs"),
        )
    return {
        "usd_rate": rate,
        "usd_rate_date": found.get("usd_cny_rate_date"),
        "usd_rate_sample": str(found.get("usd_cny_rate_sample", "")).strip().lower() in ("1", "true", "yes"),
    }
