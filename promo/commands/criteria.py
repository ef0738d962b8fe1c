"""promo criteria and promo check: access criteria (准入机制), the negative list, and checking a project."""

from __future__ import annotations

import click

from promo.commands.common import catalogue, format_option, not_empty, say
from promo.commands.options import parse_prospect, prospect_options


@click.command()
@click.option("--industry", callback=not_empty, help="Only criteria that bind this industry (zone-wide ones included).")
@click.option(
    "--carrier", callback=not_empty, help="Only criteria that bind a project in this carrier (zone-wide ones included)."
)
@click.option("--negative-list", "negative", is_flag=True, help="List the negative list (禁止/限制 items) instead.")
@format_option
@click.pass_context
def criteria(ctx, industry, carrier, negative, fmt):
    """List the access criteria (准入机制): thresholds for the zone, an industry or a carrier.

    Metrics: investment_intensity (投资 万元 ÷ 用地 亩), output_per_mu, tax_per_mu, rd_share (研发 ÷ 产值),
    investment, output, tax, jobs, land_mu. Per-亩 criteria bind projects that take land.

    \b
    Examples:
      promo criteria
      promo criteria --industry 高端医疗器械 --carrier 海凭
      promo criteria --negative-list
    """
    from promo import criteria as domain
    from promo import views

    conn = catalogue(ctx)
    if negative:
        if industry or carrier:
            raise click.UsageError("--negative-list applies to every project; leave out --industry/--carrier")
        found = domain.negative_list(conn)
        views.NEGATIVE.show(found, fmt, caption=views.SAMPLE_CRITERIA if any(r["sample"] for r in found) else None)
        return
    found = domain.list_criteria(conn, industry=industry, carrier=carrier)
    caption = "负面清单: promo criteria --negative-list; 检查一个项目: promo check"
    sample = views.SAMPLE_CRITERIA if any(r["sample"] for r in found) else ""
    views.CRITERIA.show(found, fmt, caption=f"{caption}\n{sample}", notes=True)


@click.command()
@click.argument("name", required=False)
@prospect_options
@click.option(
    "--carrier", callback=not_empty, help="The carrier the project would settle in (applies that carrier's criteria)."
)
@format_option
@click.pass_context
def check(ctx, name, carrier, fmt, **values):
    """Check a project against the access criteria and the negative list.

    Give an enterprise NAME (its record and saved needs), or the project's figures; options given with
    NAME override what is on record. Each criterion is 达标 / 未达标 / 缺数据 / 不适用, with the figure and
    how it was computed (e.g. 20,000万元 ÷ 50亩 = 400 万元/亩) against its threshold.

    \b
    Examples:
      promo check --industry 整机制造 --investment 2亿 --land-mu 50 --output 3亿 --tax 1500 --rd 900
      promo check 示例医学影像设备 --land-mu 50 --output 30000 --tax 1500
      promo check --industry IVD体外诊断试剂 --investment 3000 --business 原料药中间体 --format json
    """
    from promo import criteria as domain
    from promo import match, views

    conn = catalogue(ctx)
    given = parse_prospect(values)
    if carrier:
        given["carrier"] = carrier
    if name:
        profile = match.profile_for(conn, name)
        if carrier:
            profile.update(carrier_id=None, carrier_code=None)
        profile.update(given)
    else:
        if not given:
            raise click.UsageError("give an enterprise NAME, or the project's figures (--industry, --investment …)")
        profile = given
    result = domain.check(conn, profile)
    if fmt == "json":
        import json

        from promo.render import json_safe

        click.echo(json_safe(json.dumps(result, ensure_ascii=False, indent=2)))
        return
    if fmt == "table":
        from promo.match import describe_needs

        p = result["profile"]
        facts = describe_needs(p)
        if p.get("carrier"):
            facts.append(("载体 Carrier", p["carrier"]))
        width = max((_width(k) for k, _ in facts), default=0)
        for k, v in facts:
            say(f"{k}{' ' * (width - _width(k))}  {v}")
        click.echo()
    views.show_check(result, fmt)


def _width(text: str) -> int:
    from wcwidth import wcswidth

    return max(wcswidth(text), 0)
