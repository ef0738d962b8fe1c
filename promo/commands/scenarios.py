"""promo scenarios: the scenario-opportunity list (创新场景机会清单) that hospitals and platforms open."""

from __future__ import annotations

import click

from promo.commands.common import Words, catalogue, format_option, not_empty, say
from promo.i18n import _


@click.group(invoke_without_command=True)
@click.option(
    "--industry", callback=not_empty, help="Only scenarios on this industry's chain (name or code, any level)."
)
@click.option("--status", type=Words("scenario_status"), help="Only scenarios in this state.")
@click.option("--owner", callback=not_empty, help="Only scenarios of this owner (part of the name is enough).")
@click.option(
    "--owner-kind",
    type=Words("owner_kind"),
    help="Only scenarios opened by this kind of owner.",
)
@format_option
@click.pass_context
def scenarios(ctx, industry, status, owner, owner_kind, fmt):
    """List scenario opportunities: owner, industry, need, status, deadline (open ones first).

    \b
    Examples:
      promo scenarios
      promo scenarios --industry 数字医疗 --status open
      promo scenarios add 手术机器人临床验证 --owner 示例综合医院 --industry 手术与康复机器人整机
      promo scenarios status 3 matched
    """
    if ctx.invoked_subcommand:
        return
    from promo import scenarios as domain
    from promo import views_catalogue as views

    found = domain.list_scenarios(catalogue(ctx), industry=industry, status=status, owner=owner, owner_kind=owner_kind)
    views.show_scenarios(found, fmt)


@scenarios.command("add")
@click.argument("title")
@click.option("--owner", required=True, help="The hospital or platform that opens the scenario.")
@click.option("--owner-kind", type=Words("owner_kind"), help="What kind of owner opens it.")
@click.option("--industry", help="Industry, chain or link the scenario is for (name or code).")
@click.option("--need", help="What the owner needs from an enterprise.")
@click.option("--status", type=Words("scenario_status"), default="open", show_default=True, help="Its state.")
@click.option("--published", metavar="DATE", help="Date it was published (default today).")
@click.option("--deadline", metavar="DATE", help="Last day to apply.")
@format_option
@click.pass_context
def add(ctx, title, owner, owner_kind, industry, need, status, published, deadline, fmt):
    """Add a scenario opportunity.

    \b
    Examples:
      promo scenarios add 手术机器人临床验证 --owner 示例综合医院 --owner-kind hospital \\
        --industry 手术与康复机器人整机 --need "开放骨科手术机器人临床验证" --deadline 2027-06-30
    """
    from promo import scenarios as domain
    from promo import views_catalogue as views
    from promo.db import change
    from promo.text import parse_date

    published = parse_date(published, "--published")
    deadline = parse_date(deadline, "--deadline", meaning="by")
    done = change(
        catalogue(ctx),
        domain.add_scenario,
        title,
        owner=owner,
        owner_kind=owner_kind,
        industry=industry,
        need=need,
        status=status,
        published=published,
        deadline=deadline,
    )
    if fmt == "table":
        say(
            _("added scenario #{id} {title} ({owner}, {status_label})").format(
                id=done["id"], title=done["title"], owner=done["owner"], status_label=done["status_label"]
            )
        )
    else:
        views.show_scenarios([done], fmt)


@scenarios.command("status")
@click.argument("scenario")
@click.argument("status")
@click.option("--deadline", metavar="DATE", help="Move the deadline as well.")
@format_option
@click.pass_context
def status_(ctx, scenario, status, deadline, fmt):
    """Mark a scenario (by # or title) open, matched (已对接) or closed (已关闭).

    \b
    Examples:
      promo scenarios status 6 closed
      promo scenarios status 康复机器人临床验证合作 matched
      promo scenarios status 2 open --deadline 2027-06-30
    """
    from promo import scenarios as domain
    from promo import views_catalogue as views
    from promo.db import change
    from promo.text import parse_date

    done = change(
        catalogue(ctx), domain.set_status, scenario, status, deadline=parse_date(deadline, "--deadline", meaning="by")
    )
    if fmt == "table":
        say(
            _("scenario #{id} {title} is now {status_label}").format(
                id=done["id"], title=done["title"], status_label=done["status_label"]
            )
        )
    else:
        views.show_scenarios([done], fmt)
