"""promo criteria add|update|remove, the negative list and 一事一议 exceptions."""

from __future__ import annotations

import click

from promo.commands.editing import fields_from, options, refuse_empty, said, write

CRITERION_OPTIONS = [
    ("--name-en", "name_en", "English name."),
    (
        "--metric",
        "metric",
        "investment_intensity, output_per_mu, tax_per_mu, rd_share, investment, output, tax, jobs, land_mu.",
    ),
    ("--op", "op", ">= (at least, default) or <= (at most)."),
    ("--threshold", "threshold", "The threshold, in the metric's unit (万元/亩, %, 万元, 人, 亩)."),
    ("--unit", "unit", "Unit shown with the threshold (default: the metric's)."),
    ("--carrier", "carrier_id", "Only for projects in this carrier."),
    ("--industry", "industry_id", "Only for projects of this industry."),
    ("--description", "description", "In words."),
]
_NAMES = {key: flag for flag, key, *_ in CRITERION_OPTIONS} | {"name": "NAME"}


@click.command("add")
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
    row = write(ctx, f"add criterion {name}", criteria.add, dict(raw, name=name), names=_NAMES)
    said(f"added criterion {row['name']} ({row['metric']} {row['op']} {row['threshold']:g} {row['unit'] or ''})")


@click.command("update")
@click.argument("name")
@click.option("--name", "new_name", help="A new name.")
@options(CRITERION_OPTIONS)
@click.pass_context
def update(ctx, name, new_name, **given):
    """Change a criterion's fields; '' clears one (e.g. --industry '' makes it zone-wide)."""
    from promo.edit import criteria

    raw = fields_from(dict(given, name=new_name))
    row = write(
        ctx, f"update criterion {name}", criteria.update_criterion, name, raw, names=_NAMES | {"name": "--name"}
    )
    said(f"updated criterion {row['name']}")


@click.command("remove")
@click.argument("name")
@click.pass_context
def remove(ctx, name):
    """Remove a criterion (with the exceptions granted to it)."""
    from promo.edit import criteria

    row = write(ctx, f"remove criterion {name}", criteria.remove, name)
    said(f"removed criterion {row['name']}")


@click.group("negative")
def negative():
    """The negative list: 禁止 (prohibited) and 限制 (restricted) items; list it with promo criteria --negative-list."""


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
    row = write(ctx, f"add negative-list item {item}", criteria.add_negative, raw)
    said(f"added {row['kind']} item {row['item']}")


@negative.command("remove")
@click.argument("item")
@click.pass_context
def negative_remove(ctx, item):
    """Take an item off the negative list."""
    from promo.edit import criteria

    row = write(ctx, f"remove negative-list item {item}", criteria.remove_negative, item)
    said(f"removed {row['kind']} item {row['item']}")


@click.group("exception")
def exception():
    """一事一议: a criterion an enterprise need not meet, decided case by case; promo check shows it."""


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

    r = write(ctx, f"exception {enterprise} {criterion}", criteria.add_exception, enterprise, criterion,
              approved_by=approved_by, approved_on=approved_on, note=note)  # fmt: skip
    said(f"{r['enterprise']} need not meet {r['criterion']} (一事一议, {r['approved_by']}, {r['approved_on']})")


@exception.command("remove")
@click.argument("enterprise")
@click.argument("criterion")
@click.pass_context
def exception_remove(ctx, enterprise, criterion):
    """Withdraw a 一事一议 exception."""
    from promo.edit import criteria

    r = write(ctx, f"withdraw exception {enterprise} {criterion}", criteria.remove_exception, enterprise, criterion)
    said(f"withdrew the exception of {r['enterprise']} to {r['criterion']}")


COMMANDS = (add, update, remove, negative, exception)
