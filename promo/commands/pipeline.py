"""promo pipeline: the funnel per stage, by group or as a time series."""

from __future__ import annotations

import click

from promo.commands.common import catalogue, format_option, not_empty

_KEYS = ["stage", "stage_en", "count", "reached", "investment_wan", "conversion", "median_days", "stays"]


def _columns(by: str | None):
    from promo.render import Column

    columns = [
        Column("stage", "阶段", no_wrap=True),
        Column("stage_en", "Stage", no_wrap=True),
        Column("count", "企业数", "int"),
        Column("reached", "累计到达", "int"),
        Column("investment_wan", "投资万元", "money"),
        Column("conversion_text", "转化→下一阶段", justify="right", no_wrap=True),
        Column("median_text", "停留中位天数", justify="right", no_wrap=True),
    ]
    if by:
        columns.insert(
            0,
            Column(
                "group_shown",
                {"industry": "产业", "source": "来源", "owner": "负责人", "carrier": "载体"}[by],
                max_width=20,
            ),
        )
    return columns


@click.command()
@click.option(
    "--by", callback=not_empty, help="Split the funnel by industry (leading industry), source, owner or carrier."
)
@click.option("--period", type=click.Choice(["month", "quarter"]), help="A time series: stage entries per period.")
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
    from promo.profile import fmt_num
    from promo.render import Column, render
    from promo.text import parse_date

    by = domain.parse_by(by)
    since = parse_date(since, "--since")
    if period and by:
        raise click.UsageError("--by and --period do not combine; choose one")
    if since and not period:
        raise click.UsageError("--since applies to the time series: add --period month or quarter")
    conn = catalogue(ctx)
    if period:
        from promo.pipeline import STAGE_EN

        found = domain.series(conn, period, since=since)
        keys = ["period", *STAGE_EN.values(), "signed_investment_wan"]
        if fmt in ("json", "csv"):
            render(found, [Column(k, k) for k in keys], fmt)
            return
        columns = [Column("period", "期间", no_wrap=True)]
        columns += [Column(en, zh, "int") for zh, en in STAGE_EN.items()]
        columns.append(Column("signed_investment_wan", "签约投资万元", "money"))
        render(
            found,
            columns,
            fmt,
            title=f"阶段进入数 Stage entries per {period}",
            caption="每格: 该期间进入该阶段的企业数 (from the stage history)",
            empty="no stage history",
        )
        return
    found = domain.funnel(conn, by)
    if fmt in ("json", "csv"):
        render(found, [Column(k, k) for k in (["group"] if by else []) + _KEYS], fmt)
        return
    previous = None
    for r in found:
        r["conversion_text"] = f"{r['conversion'] * 100:.0f}%" if r["conversion"] is not None else ""
        r["median_text"] = f"{fmt_num(r['median_days'], 1)} (n={r['stays']:,})" if r["median_days"] is not None else ""
        if by:
            r["group_shown"] = r["group"] if r["group"] != previous else ""
            previous = r["group"]
    caption = None
    if not by:
        head = domain.headline(found)
        caption = " · ".join(f"{k} {v}" for k, v in head.items()) + "  (招引 = 签约及以后; 各项含其后阶段)"
    render(found, _columns(by), fmt, title="招商漏斗 Pipeline", caption=caption, empty="no enterprises")
