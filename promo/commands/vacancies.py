"""promo vacancies: vacant units, filtered the way prospects ask."""

from __future__ import annotations

import click

from promo.commands.common import LIMIT, Words, catalogue, format_option, not_empty
from promo.commands.options import parse_space, space_options
from promo.i18n import _, ngettext


@click.command()
@space_options
@click.option("--kind", type=Words("space_kind"), help="Only rentable space, or land parcels (标准地).")
@click.option(
    "--min-mu",
    metavar="亩",
    callback=not_empty,
    help="Land: at least this many 亩 (1 亩 = 666.67 ㎡); implies --kind land.",
)
@click.option("--industry", help="Only carriers of this industry (name or code, any level of the chain).")
@click.option("--carrier", help="Only this carrier (name, part of it, or code).")
@click.option(
    "--sort",
    type=Words("sort", descending=True),
    default="carrier",
    show_default=True,
    help="area, rent, ready, floor, load or carrier; prefix - for descending (e.g. -area).",
)
@click.option("--limit", type=LIMIT, help="Show at most this many units (0 = all).")
@format_option
@click.pass_context
def vacancies(ctx, kind, min_mu, industry, carrier, sort, limit, fmt, **space):
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

    needs = parse_space(space)
    if min_mu is not None:
        from promo.commands.common import parse_or_usage
        from promo.fields import parse_mu

        if "min_area" in needs:
            raise click.BadParameter(_("give --min-area or --min-mu, not both"), param_hint="'--min-mu'")
        needs["min_area"] = parse_or_usage(parse_mu, min_mu, "--min-mu")
        kind = kind or "land"
    f = resources.VacancyFilter(**needs, kind=kind, industry=industry, carrier=carrier, sort=sort, limit=limit)
    f.check()  # bad values are usage errors: report them before touching the catalogue
    found = resources.iter_vacancies(catalogue(ctx), f)
    from promo import views

    # the caption's figures tallied as the rows are prepared, so a long table streams with nothing kept
    seen = {"n": 0, "area": 0, "sample": False}

    def prepare(rows) -> None:
        views.prepare_units(rows)
        seen["n"] += len(rows)
        for r in rows:
            seen["area"] += r["area_m2"]
        seen["sample"] = seen["sample"] or any(r["sample"] for r in rows)

    def summary() -> str:
        text = ngettext("{n} vacant unit, {area:,.0f} ㎡ in all", "{n} vacant units, {area:,.0f} ㎡ in all", seen["n"])
        text = text.format(n=seen["n"], area=seen["area"])
        if seen["sample"]:
            text += "\n" + _("※ unit-level figures are sample data, not from the source articles")
        return text

    views.VACANCIES.show(found, fmt, prepare=prepare, summary=summary)
