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
        C("area", "片区/园区", max_width=16),
        C("name", "载体", max_width=22),
        C("kind_label", "类型", no_wrap=True),
        C("industries", "产业", "list", max_width=18),
        C("free", "空置/单元", justify="right", no_wrap=True),
        C("vacant_area_m2", "空置㎡", "area"),
        C("occupancy", "出租率", "pct"),
        C("rent_range", "租金", no_wrap=True),
        C("platforms", "周边平台", "list", max_width=20),
        C("where", "坐标 (WGS-84)", no_wrap=True),
    ),
    title="招商地图 Investment map",
    empty="no carrier matches",
)

# `promo search`: one table per list, the matched part of a name marked on a terminal.
SEARCH = View(
    keys=split("list table id name detail matched snippet score"),
    columns=(
        C("name", "名称", marks="marks", max_width=40),
        C("detail", "类别/阶段", no_wrap=True),
        C("matched_shown", "匹配"),
    ),
)
