"""The zone's key figures for a brief: the ones an investor weighs, each in its latest year."""

from __future__ import annotations

import sqlite3

from promo.db import rows
from promo.vocabulary import sql_in

MAX_FIGURES = 8
# A key figure for an investor is an amount of money, space or land, or a count of projects, firms or people;
# a figure in another unit (roads named, 条) is the zone's own business, not a reason to invest.
INVESTOR_UNITS = ("亿元", "万元", "元", "万平方米", "平方米", "㎡", "亩", "个", "项", "家", "人", "万人", "%")


def key_figures(conn: sqlite3.Connection, zone_id: int, year: int | None) -> list[dict]:
    """The zone's figures an investor weighs, as of the brief's year: each figure (label) in its latest year
    only, in units of money, space, land, projects, firms or people; newest first, at most MAX_FIGURES."""
    units = sql_in(INVESTOR_UNITS)
    return rows(
        conn,
        f"""SELECT label, label_en, value, unit, unit_en, year FROM (
              SELECT *, row_number() OVER (PARTITION BY trim(label) ORDER BY year IS NULL, year DESC, id) AS latest
              FROM zone_figures
              WHERE zone_id = :zone AND (year IS NULL OR :year IS NULL OR year <= :year)
                AND (unit IS NULL OR trim(unit) IN {units}))
            WHERE latest = 1 ORDER BY year IS NULL, year DESC, id LIMIT {MAX_FIGURES}""",
        {"zone": zone_id, "year": year},
    )
