"""promo pipeline: the funnel per stage, by group or as a time series."""

from __future__ import annotations

import click

from promo.commands.common import Words, catalogue, format_option, not_empty
from promo.i18n import N_, _


@click.command()
@click.option(
    "--by", callback=not_empty, help="Split the funnel by industry (leading industry), source, owner or carrier."
)
@click.option("--period", type=Words("period"), help="A time series: stage entries per period.")
@click.option("--since", callback=not_empty, metavar="DATE", help="With --period: start the series at DATE.")
@format_option
@click.pass_context
def pipeline(ctx, by, period, since, fmt):
    """The funnel: enterprises and investment per stage, conversion between stages, median days in each.

    Conversion is read off current stages (an enterprise at 投产 has passed 签约); days in a stage
    come from the stage history, counting stays that have ended.

    \b
    Examples:
      promo pipeline
      promo pipeline --by industry
      promo pipeline --period quarter --since 2024-01-01
      promo pipeline --format json
    """
    from promo import pipeline as domain
    from promo import views_pipeline as views
    from promo.profile import fmt_num
    from promo.render import Column
    from promo.text import parse_date

    by = domain.parse_by(by)
    since = parse_date(since, "--since", meaning="from")
    if period and by:
        raise click.UsageError(_("--by and --period do not combine; choose one"))
    if since and not period:
        raise click.UsageError(_("--since applies to the time series: add --period month or quarter"))
    conn = catalogue(ctx)
    if period:
        from promo.pipeline import STAGE_EN

        found = domain.series(conn, period, since=since)
        views.series(STAGE_EN).show(
            found,
            fmt,
            title=_("Stage entries per month") if period == "month" else _("Stage entries per quarter"),
            caption=_("each cell: enterprises that entered the stage in the period (from the stage history)"),
        )
        return
    found = domain.funnel(conn, by)
    from promo.vocabulary import shown

    def prepare(rows) -> None:
        previous = None
        for r in rows:
            r["conversion_text"] = f"{r['conversion'] * 100:.0f}%" if r["conversion"] is not None else ""
            median = r["median_days"]
            r["median_text"] = (
                _("{days} (n={n:,})").format(days=fmt_num(median, 1), n=r["stays"]) if median is not None else ""
            )
            if by:
                group = shown("channel", r["group"]) if by == "source" else r["group"]
                r["group_shown"] = shown("placeholder", group) if r["group"] != previous else ""
                previous = r["group"]

    caption = None
    if not by:
        head = domain.headline(found)
        words = {"招引": _("attracted")}  # 招引 is no stage: signed or later; the others are stages
        caption = (
            " · ".join(f"{words.get(k) or shown('stage', k)} {v}" for k, v in head.items())
            + "  "
            + _("(attracted = signed and later; each includes the later stages)")
        )
    view = views.FUNNEL
    if by:
        group = {"industry": N_("Industry"), "source": N_("Source"), "owner": N_("Owner"), "carrier": N_("Carrier")}[by]
        view = view.with_columns(Column("group_shown", group, max_width=20), first=True)
    else:
        view = view.without("group")
    view.show(found, fmt, prepare=prepare, caption=caption)
