"""The views of 招商地图 and search: `promo map` and `promo search` — machine keys (JSON/CSV) beside human
columns (table/Markdown), declared once."""

from __future__ import annotations

from promo.render import Column as C
from promo.render import View
from promo.views import split

# 招商地图, `promo map`: carriers and parcels by area.
MAP = View(
    keys=split(
        "id code name kind area lat lon industries units vacant_units total_area_m2 vacant_area_m2 occupancy "
        "rent_min rent_max platforms sample"
    ),
    columns=(
        C("area", "District/park", max_width=16),
        C("name", "Carrier", max_width=22),
        C("kind", "Kind", no_wrap=True, coded="carrier_kind"),
        C("industries", "Industry", "list", max_width=18),
        C("free", "Vacant/units", justify="right", no_wrap=True),
        C("vacant_area_m2", "Vacant ㎡", "area"),
        C("occupancy", "Occupancy", "pct"),
        C("rent_range", "Rent", no_wrap=True),
        C("platforms", "Platforms nearby", "list", max_width=20),
        C("where", "Coordinates (WGS-84)", no_wrap=True),
    ),
    title="Investment map",
    empty="no carrier matches",
)

# `promo search`: one table per list, the matched part of a name marked on a terminal.
SEARCH = View(
    keys=split("list table id name detail matched snippet score"),
    columns=(
        C("name", "Name", marks="marks", max_width=40),
        C("detail_shown", "Kind/stage", no_wrap=True),
        C("matched_shown", "Matched"),
    ),
)
