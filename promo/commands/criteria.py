"""promo criteria and promo check: access criteria (准入机制), the negative list, and checking a project."""

from __future__ import annotations

import click

from promo.commands.common import (
    catalogue,
    fields_from,
    format_option,
    journaled,
    not_empty,
    options,
    refuse_empty,
    say,
)
from promo.commands.options import parse_prospect, prospect_options
from promo.i18n import N_, _


@click.group(invoke_without_command=True)
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
    if ctx.invoked_subcommand:
        return
    from promo import criteria as domain
    from promo import views_criteria as views

    conn = catalogue(ctx)
    if negative:
        if industry or carrier:
            raise click.UsageError(_("--negative-list applies to every project; leave out --industry/--carrier"))
        found = domain.negative_list(conn)
        views.NEGATIVE.show(found, fmt, caption=_(views.SAMPLE_CRITERIA) if any(r["sample"] for r in found) else None)
        return
    found = domain.list_criteria(conn, industry=industry, carrier=carrier)
    caption = _("negative list: promo criteria --negative-list; check a project: promo check")
    sample = _(views.SAMPLE_CRITERIA) if any(r["sample"] for r in found) else ""
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

    Exits 1 when the verdict is 不通过 (fail), as promo doctor does when something is wrong, so a script can
    stop on it; 0 for 通过, 需审核 and 待补充 (pass, needs review, incomplete).

    \b
    Examples:
      promo check --industry 整机制造 --investment 2亿 --land-mu 50 --output 3亿 --tax 1500 --rd 900
      promo check 示例医学影像设备 --land-mu 50 --output 30000 --tax 1500
      promo check --industry IVD体外诊断试剂 --investment 3000 --business 原料药中间体 --format json
    """
    from promo import criteria as domain
    from promo import match
    from promo import views_criteria as views

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
            raise click.UsageError(_("give an enterprise NAME, or the project's figures (--industry, --investment …)"))
        profile = given
    result = domain.check(conn, profile)
    if fmt == "json":
        from promo.render import json_text

        click.echo(json_text(result))
        _exit_on_fail(ctx, result)
        return
    if fmt == "table":
        from promo.match import describe_needs

        p = result["profile"]
        facts = describe_needs(p)
        if p.get("carrier"):
            facts.append((_("Carrier"), p["carrier"]))
        from promo.render import render_facts

        render_facts(facts, fmt)  # label and value lines, wrapped to the terminal beside their label
    views.show_check(result, fmt)
    _exit_on_fail(ctx, result)


def _exit_on_fail(ctx: click.Context, result: dict) -> None:
    """A failing verdict is the criteria refusing the project: exit 1, after the whole result is shown."""
    if result["verdict"] == "fail":
        ctx.exit(1)


CRITERION_OPTIONS = [
    ("--name-en", "name_en", N_("English name.")),
    (
        "--metric",
        "metric",
        N_("investment_intensity, output_per_mu, tax_per_mu, rd_share, investment, output, tax, jobs, land_mu."),
    ),
    ("--op", "op", N_(">= (at least, default) or <= (at most).")),
    ("--threshold", "threshold", N_("The threshold, in the metric's unit (万元/亩, %, 万元, 人, 亩).")),
    ("--unit", "unit", N_("Unit shown with the threshold (default: the metric's).")),
    ("--carrier", "carrier_id", N_("Only for projects in this carrier.")),
    ("--industry", "industry_id", N_("Only for projects of this industry.")),
    ("--description", "description", N_("In words.")),
]
_NAMES = {key: flag for flag, key, *_ in CRITERION_OPTIONS} | {"name": "NAME"}


@criteria.command("add")
@click.argument("name")
@click.option("--code", help="A short code (default: from the English name).")
@options(CRITERION_OPTIONS)
@click.pass_context
def add(ctx, name, **given):
    """Add an access criterion that `promo check` and `promo match` apply.

    \b
    Examples:
      promo criteria add 投资强度 --metric investment_intensity --threshold 300
      promo criteria add 研发占比 --metric rd_share --threshold 5 --industry 生物医药
    """
    from promo.edit import criteria

    raw = fields_from(given)
    refuse_empty(raw, _NAMES)
    row = journaled(ctx, criteria.add, dict(raw, name=name), names=_NAMES)
    rule = _rule(row)
    say(_("added criterion {name} ({rule})").format(name=row["name"], rule=rule))


@criteria.command("update")
@click.argument("name")
@click.option("--name", "new_name", help="A new name.")
@options(CRITERION_OPTIONS)
@click.pass_context
def update(ctx, name, new_name, **given):
    """Change a criterion's fields; '' clears one (e.g. --industry '' makes it zone-wide).

    \b
    Example:
      promo criteria update 投资强度 --threshold 350
    """
    from promo.edit import criteria

    raw = fields_from(dict(given, name=new_name))
    row = journaled(ctx, criteria.update_criterion, name, raw, names=_NAMES | {"name": "--name"})
    say(_("updated criterion {name}").format(name=row["name"]))


@criteria.command("remove")
@click.argument("name")
@click.pass_context
def remove(ctx, name):
    """Remove a criterion (with the exceptions granted to it).

    \b
    Example:
      promo criteria remove 投资强度
    """
    from promo.edit import criteria

    row = journaled(ctx, criteria.remove, name)
    say(_("removed criterion {name}").format(name=row["name"]))


@criteria.group("negative")
def negative():
    """The negative list: 禁止 (prohibited) and 限制 (restricted) items.

    \b
    Examples:
      promo criteria --negative-list
      promo criteria negative add 化学原料药生产 --kind 禁止 --keyword 原料药
      promo criteria negative remove 化学原料药生产
    """


@negative.command("add")
@click.argument("item")
@click.option("--kind", required=True, help="禁止 (prohibited) or 限制 (restricted).")
@click.option("--keyword", "keywords", multiple=True, help="A word that flags a prospect's business; repeat.")
@click.option("--description", help="In words.")
@click.pass_context
def negative_add(ctx, item, kind, keywords, description):
    """Add an item to the negative list.

    \b
    Example:
      promo criteria negative add 化学原料药生产 --kind 禁止 --keyword 原料药 --keyword 发酵
    """
    from promo.edit import criteria

    raw = fields_from({"item": item, "kind": kind, "keywords": keywords, "description": description})
    refuse_empty(raw, {"item": "ITEM", "kind": "--kind", "keywords": "--keyword", "description": "--description"})
    row = journaled(ctx, criteria.add_negative, raw)
    say(_("added {kind} item {item}").format(kind=row["kind"], item=row["item"]))


@negative.command("remove")
@click.argument("item")
@click.pass_context
def negative_remove(ctx, item):
    """Take an item off the negative list.

    \b
    Example:
      promo criteria negative remove 化学原料药生产
    """
    from promo.edit import criteria

    row = journaled(ctx, criteria.remove_negative, item)
    say(_("removed {kind} item {item}").format(kind=row["kind"], item=row["item"]))


@criteria.group("exception")
def exception():
    """一事一议: a criterion an enterprise need not meet, decided case by case; promo check shows it.

    \b
    Examples:
      promo criteria exception add 某药业 投资强度 --approved-by 管委会主任办公会 --on 2026-05-01
      promo criteria exception remove 某药业 投资强度
    """


@exception.command("add")
@click.argument("enterprise")
@click.argument("criterion")
@click.option("--approved-by", required=True, help="Who decided it (e.g. 管委会主任办公会).")
@click.option("--on", "approved_on", metavar="DATE", help="When it was decided (default: today).")
@click.option("--note", help="The decision in words, or its minutes' number.")
@click.pass_context
def exception_add(ctx, enterprise, criterion, approved_by, approved_on, note):
    """Record that ENTERPRISE need not meet CRITERION.

    \b
    Example:
      promo criteria exception add 某药业 投资强度 --approved-by 管委会主任办公会 --on 2026-05-01
    """
    from promo.edit import criteria

    r = journaled(ctx, criteria.add_exception, enterprise, criterion,
              approved_by=approved_by, approved_on=approved_on, note=note)  # fmt: skip
    say(
        _("{enterprise} need not meet {criterion} (一事一议, {approved_by}, {approved_on})").format(
            enterprise=r["enterprise"],
            criterion=r["criterion"],
            approved_by=r["approved_by"],
            approved_on=r["approved_on"],
        )
    )


@exception.command("remove")
@click.argument("enterprise")
@click.argument("criterion")
@click.pass_context
def exception_remove(ctx, enterprise, criterion):
    """Withdraw a 一事一议 exception.

    \b
    Example:
      promo criteria exception remove 某药业 投资强度
    """
    from promo.edit import criteria

    r = journaled(ctx, criteria.remove_exception, enterprise, criterion)
    say(
        _("withdrew the exception of {enterprise} to {criterion}").format(
            enterprise=r["enterprise"], criterion=r["criterion"]
        )
    )


def _rule(row: dict) -> str:
    """A criterion's rule as the officer reads it: 年研发投入 ÷ 年产值 × 100% ≥ 5%, not rd_share >= 5 %."""
    from promo.criteria import OPS
    from promo.vocabulary import shown

    unit = row["unit"] or ""
    threshold = f"{row['threshold']:g}" + (unit if unit == "%" else f" {unit}").rstrip()
    return f"{shown('metric_formula', row['metric'])} {OPS.get(row['op'], row['op'])} {threshold}"
