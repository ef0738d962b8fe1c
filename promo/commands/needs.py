"""promo enterprises need: a prospect's saved needs (space, figures), which promo match --for uses."""

from __future__ import annotations

import click

from promo.commands.common import catalogue, format_option, not_empty, say
from promo.commands.options import parse_prospect, parse_space, space_options
from promo.i18n import _

CLEARABLE = (
    "industry",
    "min_area",
    "max_area",
    "max_rent",
    "facilities",
    "min_floor_load",
    "available_by",
    "investment_wan",
    "land_mu",
    "output_wan",
    "tax_wan",
    "rd_wan",
    "jobs",
    "business",
)
# --clear takes the option names users know
_CLEAR_OPTIONS = {
    "industry": "industry",
    "min-area": "min_area",
    "max-area": "max_area",
    "max-rent": "max_rent",
    "facility": "facilities",
    "min-floor-load": "min_floor_load",
    "available-by": "available_by",
    "investment": "investment_wan",
    "land-mu": "land_mu",
    "output": "output_wan",
    "tax": "tax_wan",
    "rd": "rd_wan",
    "jobs": "jobs",
    "business": "business",
}


@click.command("need")
@click.argument("name")
@click.option("--industry", callback=not_empty, help="Industry, chain or link of the project (name or code).")
@space_options
@click.option("--investment", metavar="万元", help="Planned investment in 万元 (1,200 / 1200万 / 1.2亿).")
@click.option("--land-mu", metavar="亩", help="Land the project needs, in 亩.")
@click.option("--output", metavar="万元", help="Annual output (revenue) at full production, in 万元.")
@click.option("--tax", metavar="万元", help="Annual tax at full production, in 万元.")
@click.option("--rd", metavar="万元", help="Annual R&D spending, in 万元.")
@click.option("--jobs", metavar="N", help="Jobs the project creates.")
@click.option(
    "--business",
    callback=not_empty,
    metavar="TEXT",
    help="What the project makes or does (checked against the negative list).",
)
@click.option(
    "--clear",
    "clear",
    multiple=True,
    type=click.Choice(list(_CLEAR_OPTIONS)),
    help="Forget one saved need (repeat it), e.g. --clear max-rent.",
)
@click.option("--reset", is_flag=True, help="Forget every saved need first, then save what is given.")
@format_option
@click.pass_context
def need(ctx, name, clear, reset, fmt, **values):
    """Save what an enterprise needs (space, facilities, investment, land, output …) for promo match.

    Options given are saved; the others keep their saved value. With no option, shows the saved needs.
    A new value that contradicts a saved one (e.g. --max-area below the saved --min-area) is refused,
    and nothing is written.

    \b
    Examples:
      promo enterprises need 示例生物制药 --min-area 800 --max-area 1200 --facility GMP洁净车间 --investment 8000
      promo enterprises need 示例生物制药 --max-rent 1.5 --clear max-area
      promo enterprises need 示例生物制药
      promo match --for 示例生物制药
    """
    from promo import match as domain
    from promo.db import change

    conn = catalogue(ctx)
    changes = parse_space(values) | parse_prospect(values)
    if changes or clear or reset:
        saved = change(
            conn, domain.save_needs, name, changes, clear=tuple(_CLEAR_OPTIONS[c] for c in clear), reset=reset
        )
        verb = _("saved")
    else:
        saved = domain.needs_of(conn, name)
        verb = _("saved") if saved["saved"] else _("none saved")
    if fmt in ("json", "csv"):
        from promo import views_pipeline as views

        views.NEEDS.show([saved], fmt)
        return
    from promo.match import describe_needs

    facts = describe_needs({k: v for k, v in saved.items() if k != "name"})
    if saved.get("last_matched_at"):
        facts.append((_("Last match"), saved["last_matched_at"]))
    say(_("needs of {name} ({verb})").format(name=saved["name"], verb=verb))
    if not facts:
        say(
            _("  nothing saved yet; e.g. promo enterprises need {name} --min-area 500 --facility …").format(
                name=saved["name"]
            )
        )
        return
    facts = [(_(k), v) for k, v in facts]  # describe_needs's labels are marked, translated where shown
    width = max(_width(k) for k, _v in facts)
    for k, v in facts:
        say(f"  {k}{' ' * (width - _width(k))}  {v}")
    say(_("next: promo match --for {name}").format(name=saved["name"]))


def _width(text: str) -> int:
    from wcwidth import wcswidth

    return max(wcswidth(text), 0)
