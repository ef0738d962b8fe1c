"""Options several commands share: the space a prospect asks for, and the facts of a project."""

from __future__ import annotations

import click

from promo.commands.common import Words, not_empty
from promo.i18n import _


def space_options(fn):
    """The space a prospect asks for, as `promo vacancies` takes it."""
    for option in reversed(
        [
            click.option("--min-area", callback=not_empty, metavar="㎡", help="At least this many square metres."),
            click.option("--max-area", callback=not_empty, metavar="㎡", help="At most this many square metres."),
            click.option(
                "--max-rent", callback=not_empty, metavar="元/㎡·天", help="Rent at most this, in 元 per ㎡ per day."
            ),
            click.option(
                "--facility", "facilities", multiple=True, help="Required facility; repeat it, all must hold."
            ),
            click.option(
                "--min-floor-load", callback=not_empty, metavar="kN/㎡", help="Floor load at least this, in kN per ㎡."
            ),
            click.option(
                "--available-by",
                callback=not_empty,
                metavar="DATE",
                help="Ready to move in on or before this date (2027-06 = by its end, 年底, 6个月内).",
            ),
        ]
    ):
        fn = option(fn)
    return fn


def parse_space(values: dict) -> dict:
    """Space needs from the command line (only what was given); bad values name their option."""
    from promo.measures import AREA, LOAD, RENT
    from promo.text import parse_date

    out = {}
    for key, measure in (("min_area", AREA), ("max_area", AREA), ("max_rent", RENT), ("min_floor_load", LOAD)):
        if values.get(key) is not None:
            out[key] = measure.parse(values[key], "--" + key.replace("_", "-"))
    if values.get("facilities"):
        out["facilities"] = list(values["facilities"])
    if values.get("available_by"):
        out["available_by"] = parse_date(values["available_by"], "--available-by", meaning="by")
    from promo.resources import VacancyFilter

    VacancyFilter(min_area=out.get("min_area"), max_area=out.get("max_area")).check()  # the filter's own checks
    return out


def prospect_options(fn):
    """The facts of a project, as `promo check` and `promo match` take them."""
    options = [
        click.option("--industry", callback=not_empty, help="Industry, chain or chain link (name or code)."),
        click.option(
            "--investment",
            callback=not_empty,
            metavar="万元",
            help="Total investment in 万元 (1,200 / 1200万 / 1.2亿).",
        ),
        click.option(
            "--land-mu",
            callback=not_empty,
            metavar="亩",
            help="Land the project takes, in 亩 (leave out when it rents space).",
        ),
        click.option(
            "--output", callback=not_empty, metavar="万元", help="Annual output (revenue) at full production, in 万元."
        ),
        click.option("--tax", callback=not_empty, metavar="万元", help="Annual tax at full production, in 万元."),
        click.option("--rd", callback=not_empty, metavar="万元", help="Annual R&D spending, in 万元."),
        click.option("--jobs", callback=not_empty, metavar="N", help="Jobs created."),
        click.option(
            "--business",
            callback=not_empty,
            metavar="TEXT",
            help="What the project makes or does (checked against the negative list).",
        ),
        click.option(
            "--kind",
            type=Words("enterprise_kind"),
            help="Kind of enterprise (for policy eligibility); default company for a prospect.",
        ),
        click.option(
            "--country",
            callback=not_empty,
            help="Investor's country (for policy eligibility), e.g. 中国, 以色列, 中国香港.",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def parse_prospect(values: dict) -> dict:
    """Command-line figures as a partial profile (only what was given); bad values name their option."""
    from promo.measures import parse_number, parse_project_amount

    out = {}
    if values.get("industry"):
        out["industry"] = values["industry"]
    for key, option, field in (
        ("investment", "investment_wan", "--investment"),
        ("output", "output_wan", "--output"),
        ("tax", "tax_wan", "--tax"),
        ("rd", "rd_wan", "--rd"),
    ):
        if values.get(key) is not None:
            out[option] = parse_project_amount(values[key], field)
    if values.get("land_mu") is not None:
        out["land_mu"] = parse_number(values["land_mu"], "--land-mu", unit_suffixes=("亩", "mu"))
        if out["land_mu"] == 0:
            from promo.errors import BadValue

            raise BadValue(
                "--land-mu", values["land_mu"], _("must be more than 0 (leave it out when no land is taken)")
            )
    if values.get("jobs") is not None:
        out["jobs"] = parse_number(values["jobs"], "--jobs", integer=True, unit_suffixes=("人",))
    for key in ("business", "kind"):
        if values.get(key):
            out[key] = values[key].strip()
    if values.get("country") is not None:
        from promo.countries import parse_country

        out["country"] = parse_country(values["country"], "--country")
    return out
