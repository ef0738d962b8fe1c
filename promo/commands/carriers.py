"""promo carriers: the carriers (载体) of the zone, and one carrier in detail."""

from __future__ import annotations

import click

from promo.commands.common import catalogue, format_option

SAMPLE_NOTE = "※ 单元级数据为示例数据 (unit-level figures are sample data, not from the source articles)"


def _carrier_columns():
    from promo.render import Column

    return [
        Column("name", "载体", max_width=22),
        Column("kind_label", "类型", no_wrap=True),
        Column("industries", "产业", "list"),
        Column("total_area_m2", "总面积㎡", "area"),
        Column("vacant_area_m2", "空置㎡", "area"),
        Column("occupancy", "出租率", "bar"),
        Column("vacant_of_units", "空置/单元", justify="right"),
    ]


_JSON_KEYS = [
    "code",
    "name",
    "name_en",
    "kind",
    "industries",
    "units",
    "vacant_units",
    "total_area_m2",
    "vacant_area_m2",
    "occupancy",
    "status",
    "units_sample",
]


@click.group(invoke_without_command=True)
@click.option("--industry", help="Only carriers of this industry (name or code, any level of the chain).")
@click.option(
    "--kind", help="Only carriers of this kind: park, building, land, incubator, cluster (or 产业园, 楼宇 …)."
)
@format_option
@click.pass_context
def carriers(ctx, industry, kind, fmt):
    """List carriers with their area, vacancy and occupancy (occupied = leased or reserved).

    \b
    Examples:
      promo carriers
      promo carriers --industry 高端医疗器械
      promo carriers show 精准医学产业园
    """
    if ctx.invoked_subcommand:
        return
    from promo import resources
    from promo.render import Column, render

    found = resources.carriers(catalogue(ctx), industry=industry, kind=kind)
    for r in found:
        r["vacant_of_units"] = f"{r['vacant_units']}/{r['units']}"
    if fmt in ("json", "csv"):
        render(found, [Column(k, k) for k in _JSON_KEYS], fmt)
        return
    sample = any(r["units_sample"] for r in found)
    render(found, _carrier_columns(), fmt, title="载体 Carriers", caption=SAMPLE_NOTE if sample else None)


@carriers.command("show")
@click.argument("name")
@format_option
@click.pass_context
def show(ctx, name, fmt):
    """Show one carrier: details, units, tenants, facilities, platforms, contact.

    NAME may be written in traditional or simplified script, or be part of the name.

    \b
    Examples:
      promo carriers show 精準醫學產業園
      promo carriers show 海凭 --format json
    """
    from promo import resources

    detail = resources.carrier(catalogue(ctx), name)
    if fmt == "json":
        import json

        from promo.render import json_safe

        click.echo(json_safe(json.dumps(detail, ensure_ascii=False, indent=2)))
        return
    if fmt == "csv":
        from promo.render import render

        render(detail["units"], _unit_columns(raw=True), "csv")
        return
    _show_document(detail, fmt)


def _unit_columns(raw: bool = False):
    from promo.render import Column

    if raw:
        keys = [
            "carrier_code",
            "unit",
            "building",
            "floor",
            "area_m2",
            "rent",
            "status",
            "tenant",
            "reserved_for",
            "floor_load_kn",
            "ceiling_m",
            "ready_date",
            "facilities",
            "sample",
        ]
        return [Column(k, k) for k in keys]
    return [
        Column("unit", "单元", no_wrap=True),
        Column("floor", "楼层", "int"),
        Column("area_m2", "面积㎡", "area"),
        Column("rent", "元/㎡·天", "rent"),
        Column("status_label", "状态", no_wrap=True),
        Column("holder", "租户", max_width=20),
        Column("floor_load_kn", "荷载kN/㎡", "num"),
        Column("facilities", "设施", "list"),
        Column("ready_date", "可交付", "date"),
    ]


def _show_document(d: dict, fmt: str) -> None:
    from promo.render import Column, fmt_cell, render, render_facts
    from promo.vocabulary import BAD_CHECK_NOTE

    facts = [
        ("名称 Name", d["name"] + (f" ({d['name_en']})" if d.get("name_en") else "")),
        ("类型 Kind", f"{d['kind_label']} ({d['kind']})"),
        ("状态 Status", d.get("status")),
        ("产业 Industries", "、".join(d["industries"])),
        ("地址 Address", d.get("address")),
        ("坐标 WGS-84", f"{d['lat']:.5f}, {d['lon']:.5f}" if d.get("lat") is not None else None),
        ("运营方 Operator", d.get("operator")),
        (
            "面积 Area",
            f"{fmt_cell(Column('a', '', 'area'), d['total_area_m2'])} ㎡, "
            f"空置 {fmt_cell(Column('a', '', 'area'), d['vacant_area_m2'])} ㎡",
        ),
        ("出租率 Occupancy", fmt_cell(Column("o", "", "bar"), d["occupancy"]) if d["occupancy"] is not None else None),
        (
            "联系人 Contact",
            " ".join(x for x in (d.get("contact_name"), d.get("contact_phone")) if x)
            + (" (示例 sample)" if d.get("sample") and d.get("contact_name") else ""),
        ),
        ("简介 About", d.get("description")),
        ("来源 Source", d.get("source")),
    ]
    render_facts(facts, fmt, heading=d["name"])
    sample = any(u["sample"] for u in d["units"])
    render(
        d["units"],
        _unit_columns(),
        fmt,
        title=f"单元 Units ({len(d['units'])})",
        caption=SAMPLE_NOTE if sample else None,
        empty="no units recorded",
    )
    if d["tenants"]:
        render(
            d["tenants"],
            [
                Column("name_shown", "租户 Tenant"),
                Column("stage", "阶段 Stage"),
                Column("stage_date", "日期"),
                Column("units", "单元", "list"),
            ],
            fmt,
            title=f"入驻企业 Tenants ({len(d['tenants'])})",
            caption=BAD_CHECK_NOTE if any(t["uscc_bad_check"] for t in d["tenants"]) else None,
        )
    if d["facilities"]:
        render(
            d["facilities"],
            [Column("name", "设施 Facility"), Column("units", "单元数", "int"), Column("vacant_units", "空置", "int")],
            fmt,
            title="设施 Facilities",
        )
    if d["platforms"]:
        render(
            d["platforms"],
            [Column("name", "平台 Platform"), Column("level", "级别 Level"), Column("kind", "类型")],
            fmt,
            title="平台 Platforms",
        )
