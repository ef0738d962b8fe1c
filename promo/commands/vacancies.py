"""promo vacancies: vacant units, filtered the way prospects ask."""

from __future__ import annotations

import click

from promo.commands.common import catalogue, format_option

_RAW_KEYS = [
    "id",
    "carrier_code",
    "carrier",
    "unit",
    "building",
    "floor",
    "area_m2",
    "rent",
    "floor_load_kn",
    "ceiling_m",
    "facilities",
    "ready_date",
    "kind",
    "plot_ratio",
    "intensity_wan_mu",
    "tax_wan_mu",
    "sample",
]


def _columns():
    from promo.render import Column

    return [
        Column("carrier", "载体", max_width=18),
        Column("unit", "单元", no_wrap=True),
        Column("where", "楼栋·层", no_wrap=True),
        Column("area", "面积㎡", justify="right", no_wrap=True),
        Column("rent", "元/㎡·天", "rent"),
        Column("floor_load_kn", "荷载 kN/㎡", "num"),
        Column("facilities", "设施", "list"),
        Column("ready", "可交付", "date"),
    ]


@click.command()
@click.option("--min-area", metavar="㎡", help="At least this many square metres.")
@click.option("--max-area", metavar="㎡", help="At most this many square metres.")
@click.option("--max-rent", metavar="元/㎡·天", help="Rent at most this, in 元 per ㎡ per day.")
@click.option("--min-floor-load", metavar="kN/㎡", help="Floor load at least this, in kN per ㎡.")
@click.option("--kind", type=click.Choice(["space", "land"]), help="Only rentable space, or land parcels (标准地).")
@click.option("--min-mu", metavar="亩", help="Land: at least this many 亩 (1 亩 = 666.67 ㎡).")
@click.option("--industry", help="Only carriers of this industry (name or code, any level of the chain).")
@click.option("--facility", "facilities", multiple=True, help="Required facility; repeat it, all must hold.")
@click.option("--carrier", help="Only this carrier (name, part of it, or code).")
@click.option("--available-by", metavar="DATE", help="Ready to move in on or before this date.")
@click.option(
    "--sort",
    default="carrier",
    show_default=True,
    help="area, rent, ready, floor, load or carrier; prefix - for descending (e.g. -area).",
)
@click.option("--limit", type=click.IntRange(1, 1_000_000), help="Show at most this many units.")
@format_option
@click.pass_context
def vacancies(
    ctx,
    min_area,
    max_area,
    max_rent,
    min_floor_load,
    kind,
    min_mu,
    industry,
    facilities,
    carrier,
    available_by,
    sort,
    limit,
    fmt,
):
    """List vacant units with carrier, building, floor, area, rent, facilities and ready date.

    Areas accept 1,200 or 1200㎡; dates accept 2026-03-05, 2026/3/5 or 2026年3月5日.
    Unit-level data in the seed catalogue is sample data and is marked as such.

    \b
    Examples:
      promo vacancies
      promo vacancies --min-area 500 --max-rent 1.5 --facility GMP洁净车间
      promo vacancies --industry 高端医疗器械 --available-by 2026-12-31 --sort rent
      promo vacancies --format json --limit 5
      promo vacancies --kind land --min-mu 30
    """
    from promo import resources
    from promo.commands.common import parse_or_usage
    from promo.fields import parse_mu
    from promo.text import parse_date, parse_number

    area_units = ("平方米", "m2", "㎡")
    least = parse_number(min_area, "--min-area", unit_suffixes=area_units)
    if min_mu is not None:
        if min_area is not None:
            raise click.BadParameter("give --min-area or --min-mu, not both", param_hint="'--min-mu'")
        least = parse_or_usage(parse_mu, min_mu, "--min-mu")
        kind = kind or "land"
    f = resources.VacancyFilter(
        min_area=least,
        kind=kind,
        max_area=parse_number(max_area, "--max-area", unit_suffixes=area_units),
        max_rent=parse_number(max_rent, "--max-rent", unit_suffixes=("元/㎡·天", "元")),
        min_floor_load=parse_number(min_floor_load, "--min-floor-load", unit_suffixes=("kN/㎡", "kn")),
        industry=industry,
        facilities=list(facilities),
        carrier=carrier,
        available_by=parse_date(available_by, "--available-by"),
        sort=sort,
        limit=limit,
    )
    f.check()  # bad values are usage errors: report them before touching the catalogue
    found = resources.vacancies(catalogue(ctx), f)
    from promo.render import Column, render

    if fmt in ("json", "csv"):
        render(found, [Column(k, k) for k in _RAW_KEYS], fmt)
        return
    from promo.fields import land_area
    from promo.render import fmt_cell
    from promo.text import today

    now = today()
    area = Column("area_m2", "", "area")
    for r in found:
        # a unit already ready is 现房 (move in now); a later date is when it can be handed over
        r["where"] = f"{r['building'] or ''}·{r['floor']}F" if r["floor"] is not None else r["building"]
        r["ready"] = "现房" if not r["ready_date"] or r["ready_date"] <= now else r["ready_date"]
        # land is offered in 亩: shown both ways; floor space keeps the plain ㎡ figure of its column
        r["area"] = land_area(r["area_m2"]) if r["kind"] == "land" else fmt_cell(area, r["area_m2"])
    total = sum(r["area_m2"] for r in found)
    sample = any(r["sample"] for r in found)
    caption = f"{len(found)} 个空置单元, 共 {total:,.0f} ㎡"
    if sample:
        caption += "\n※ 示例数据: unit-level figures are sample data, not from the source articles"
    render(found, _columns(), fmt, title="空置房源 Vacant units", caption=caption, empty="no vacant unit matches")
