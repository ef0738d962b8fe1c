"""Every listing's view: its machine keys (JSON/CSV) beside its human columns (table/Markdown), declared once.

A new column of a listing is one line here (plus the schema); commands hand rows to `VIEW.show(rows, fmt)`.
"""

from __future__ import annotations

from collections.abc import Sequence

from promo.render import Column as C
from promo.render import View, fmt_cell


def tone(key: str, tones: dict) -> object:
    """A cell's colour from a row's coded value (e.g. status pass → green, fail → red), for Column(tone=…)."""
    return lambda row: tones.get(row.get(key))


def split(names: str) -> tuple[str, ...]:
    """Machine keys written as one line: 'id code name' → ('id', 'code', 'name')."""
    return tuple(names.split())


SAMPLE_UNITS = "※ 单元级数据为示例数据 (unit-level figures are sample data, not from the source articles)"

# Units, in `promo vacancies` (less status and holder: all vacant) and `promo carriers show` (less the carrier).
UNITS = View(
    keys=split(
        "id carrier_code carrier unit building floor area_m2 rent status tenant reserved_for floor_load_kn "
        "ceiling_m facilities ready_date kind plot_ratio intensity_wan_mu tax_wan_mu sample"
    ),
    columns=(
        C("carrier", "载体", max_width=18),
        C("unit", "单元", no_wrap=True),
        C("where", "楼栋·层", no_wrap=True),
        C("floor", "楼层", "int"),
        C("area", "面积㎡", justify="right", no_wrap=True),
        C("rent", "元/㎡·天", "rent"),
        C("status_label", "状态", no_wrap=True),
        C("holder", "租户", max_width=20),
        C("floor_load_kn", "荷载 kN/㎡", "num"),
        C("facilities", "设施", "list"),
        C("ready", "可交付", "date"),
    ),
    title="Vacant units",  # translated where shown (render.py)
    empty="no vacant unit matches",
)
AREA = C("area_m2", "面积㎡", "area")
VACANCIES = UNITS.without("status", "tenant", "reserved_for").hide("floor", "status_label", "holder")
CARRIER_UNITS = UNITS.without("id", "carrier", "where")


def prepare_units(rows: Sequence[dict]) -> None:
    """Where a unit is (building·floor) and when it is ready: a vacant unit ready now is 现房 (move in now),
    else its hand-over date."""
    from promo.fields import land_area
    from promo.text import today

    now = today()
    for r in rows:
        r["where"] = f"{r['building'] or ''}·{r['floor']}F" if r["floor"] is not None else r["building"]
        # land is offered in 亩: shown both ways; floor space keeps the plain ㎡ figure of its column
        r["area"] = land_area(r["area_m2"]) if r.get("kind") == "land" else fmt_cell(AREA, r["area_m2"])
        ready_now = not r["ready_date"] or r["ready_date"] <= now
        r["ready"] = "现房" if ready_now and r.get("status", "vacant") == "vacant" else r["ready_date"]


# Every unit with its state (promo units), and the leases ending soon (promo units --expiring).
UNIT_LIST = View(
    keys=split(
        "id carrier_code carrier unit kind building floor area_m2 area_mu rent status status_label tenant "
        "reserved_for lease_start lease_end days_left status_until status_reason floor_load_kn ceiling_m "
        "ready_date plot_ratio intensity_wan_mu tax_wan_mu facilities sample"
    ),
    columns=(
        C("carrier", "载体", max_width=12),
        C("unit", "单元", no_wrap=True),
        C("where", "楼栋·层", no_wrap=True),
        C("area", "面积㎡", justify="right", no_wrap=True),
        C("rent", "元/㎡·天", "rent"),
        C("state", "状态", no_wrap=True),
        C("holder", "租户/说明", max_width=12),
        C("features", "设施/指标", "list", max_width=16),
        C("days_left", "剩余天数", "int", tone=lambda r: "red" if (r.get("days_left") or 0) < 0 else "yellow"),
    ),
    title="单元 Units",
    empty="no unit matches",
)
EXPIRING = UNIT_LIST.hide("features")


def prepare_unit_list(rows: Sequence[dict]) -> None:
    """A unit's state with the date it ends (lease end, end of fit-out or hold), who holds it or why, and its
    facilities (a land parcel: its published indicators)."""
    from promo.fields import land_text

    prepare_units(rows)
    for r in rows:
        until = r["lease_end"] or r["status_until"]
        r["state"] = r["status_label"] + (f" 至 {until}" if until else "")
        r["holder"] = r["holder"] or r["status_reason"]
        r["features"] = land_text(r, short=True) if r["kind"] == "land" else r["facilities"]


UNIT_LIST = UNIT_LIST.hide("days_left")
PLATFORMS = View(
    keys=split("code name name_en kind level carrier description"),
    columns=(C("name", "平台 Platform", max_width=30), C("kind", "类型"), C("level", "级别"), C("carrier", "载体")),
    title="公共服务平台 Platforms",
    empty="no platforms recorded",
)
ZONE = View(
    keys=split("field value sample"),
    columns=(C("label", "项目 Field", no_wrap=True), C("shown", "内容 Value")),
    title="园区 Zone",
)


CARRIERS = View(
    keys=split(
        "code name name_en kind industries units vacant_units total_area_m2 vacant_area_m2 occupancy status "
        "units_sample"
    ),
    columns=(
        C("name", "载体", max_width=22),
        C("kind_label", "类型", no_wrap=True),
        C("industries", "产业", "list"),
        C("total_area_m2", "总面积㎡", "area"),
        C("vacant_area_m2", "空置㎡", "area"),
        C("occupancy", "出租率", "bar"),
        C("vacant_of_units", "空置/单元", justify="right"),
    ),
    title="载体 Carriers",
)

JOURNAL = View(
    keys=split("id at user command summary tally undone_by undoes changes"),
    columns=(
        C("id", "#", "int"),
        C("at", "时间 When"),
        C("user", "用户 Who"),
        C("summary", "摘要 What"),
        C("command", "命令 Command"),
        C("tally", "变更 Changes", "list"),
        C("status", "状态"),
    ),
    title="变更日志 Change journal",
)
