"""promo targets: target enterprises on chain links (招商目录), and promoting one into the pipeline."""

from __future__ import annotations

import click

from promo.commands.common import Words, catalogue, format_option, not_empty, say
from promo.i18n import _
from promo.option_words import ALL
from promo.vocabulary import shown


def _list_options(fn):
    for option in reversed(
        [
            click.option("--link", callback=not_empty, help="Only targets on this chain link."),
            click.option("--industry", callback=not_empty, help="Only targets under this leading industry or chain."),
            click.option("--priority", callback=not_empty, help="Only this priority: 高, 中, 低."),
            click.option(
                "--status",
                type=Words("target_status", also=ALL),
                default="open",
                show_default=True,
                help="Only targets in this state, or all of them.",
            ),
            format_option,
        ]
    ):
        fn = option(fn)
    return fn


def _render_list(ctx, link, industry, priority, status, fmt) -> None:
    from promo import targets as domain
    from promo import views_catalogue as views
    from promo.vocabulary import shown

    found = domain.list_targets(
        catalogue(ctx), link=link, industry=industry, priority=priority, status=None if status == "all" else status
    )

    def prepare(rows) -> None:
        for r in rows:
            r["where"] = " › ".join(x for x in (r["industry"], r["chain"]) if x)
            r["link_shown"] = f"{r['link']} ({shown('segment', r['segment'])})" if r["segment"] else r["link"]
            r["gap_shown"] = _("gap") if r["gap"] else ""
            stage = shown("stage", r["enterprise_stage"])
            r["pipeline"] = f"{r['enterprise']} · {stage}" if r["enterprise"] else ""

    def caption(rows) -> str | None:
        if any(r["sample"] for r in rows):
            return _("(示例) targets are sample data, not from the source articles")
        return None

    views.TARGETS.show(found, fmt, prepare=prepare, caption=caption)


@click.group(invoke_without_command=True)
@_list_options
@click.pass_context
def targets(ctx, link, industry, priority, status, fmt):
    """List target enterprises (招商目标) by priority: link, chain, reason, whether the link is a gap.

    \b
    Examples:
      promo targets
      promo targets --industry 高端医疗器械 --priority 高
      promo targets add 示例骨科机器人公司 --link 手术与康复机器人整机 --priority 高 --reason 头部企业
      promo targets promote 示例骨科机器人公司 --owner 李四
    """
    if ctx.invoked_subcommand:
        return
    _render_list(ctx, link, industry, priority, status, fmt)


@targets.command("list")
@_list_options
@click.pass_context
def list_(ctx, link, industry, priority, status, fmt):
    """List target enterprises (the same as `promo targets`).

    \b
    Examples:
      promo targets list --link 医疗人工智能
      promo targets list --status all --format csv
    """
    _render_list(ctx, link, industry, priority, status, fmt)


@targets.command("add")
@click.argument("name")
@click.option("--link", required=True, help="The chain link it would fill (name or code; a link, not a chain).")
@click.option("--priority", help="高, 中 or 低 (also high/medium/low, A/B/C, 1/2/3); default 中.")
@click.option("--reason", help="头部企业, 关键配套, 补链, 延链, 强链, 技术领先 or 以商引商.")
@click.option("--note", help="Free text: where it is, who knows it, what it makes.")
@format_option
@click.pass_context
def add(ctx, name, link, priority, reason, note, fmt):
    """Add a target enterprise on a chain link.

    \b
    Examples:
      promo targets add 示例骨科机器人公司 --link 手术与康复机器人整机 --priority 高 --reason 头部企业
      promo targets add 示例冷链物流公司 --link 医疗设备与药品耗材供应 --reason 关键配套 --note "上海, 经中介介绍"
    """
    from promo import targets as domain
    from promo.db import change

    done = change(catalogue(ctx), domain.add_target, name, link=link, priority=priority, reason=reason, note=note)
    added = _("added target {name} on {link} ({chain}), priority {priority}")
    priority = shown("priority", done["priority"])
    _say(done, fmt, added.format(name=done["name"], link=done["link"], chain=done["chain"], priority=priority))
    if done["gap"] and fmt == "table":
        say(
            _("{link} has no tenant yet: it is a chain gap (promo catalogue --gaps)").format(link=done["link"]),
            err=True,
        )


@targets.command("promote")
@click.argument("name")
@click.option(
    "--stage",
    type=Words("stage", ("意向", "洽谈")),
    default="意向",
    show_default=True,
    help="Stage it enters the pipeline at.",
)
@click.option("--date", metavar="DATE", help="Date of the first contact (default today).")
@click.option("--owner", help="Officer who follows it up.")
@click.option("--channel", help="Source channel, e.g. 以商引商, 以会招商, 中介, 基金, 自主招商.")
@click.option("--code-name", help="Code name used in documents before it signs (e.g. 项目F-机器人).")
@click.option("--country", help="Investor's country, e.g. 中国, 以色列.")
@format_option
@click.pass_context
def promote(ctx, name, stage, date, owner, channel, code_name, country, fmt):
    """File a target in the pipeline as a lead on its chain link; the target is marked promoted.

    \b
    Examples:
      promo targets promote 示例手术机器人企业 --owner 李四 --code-name 项目F-机器人
      promo targets promote 示例医疗人工智能企业 --stage 洽谈 --date 2026-11-20
    """
    from promo import targets as domain
    from promo.db import change
    from promo.text import parse_date

    date = parse_date(date, "--date")
    done = change(
        catalogue(ctx),
        domain.promote,
        name,
        stage=stage,
        date=date,
        owner=owner,
        channel=channel,
        code_name=code_name,
        country=country,
    )
    promoted = _("promoted {name} into the pipeline at {stage} ({link})")
    stage = shown("stage", done["enterprise_stage"])
    _say(done, fmt, promoted.format(name=done["name"], stage=stage, link=done["link"]))
    for warning in done["warnings"]:
        say(_("note: {warning}").format(warning=warning), err=True)


@targets.command("drop")
@click.argument("name")
@click.option("--why", help="Why it is dropped (kept in the target's note).")
@format_option
@click.pass_context
def drop(ctx, name, why, fmt):
    """Drop a target the zone no longer pursues (it stays on record, no longer listed as open).

    \b
    Examples:
      promo targets drop 示例生化原料企业 --why "已在苏州落地"
    """
    from promo import targets as domain
    from promo.db import change

    done = change(catalogue(ctx), domain.drop, name, why=why)
    _say(done, fmt, _("dropped target {name}").format(name=done["name"]))


def _say(done: dict, fmt: str, message: str) -> None:
    if fmt in ("json", "csv"):
        from promo import views_catalogue as views

        views.TARGETS.show([done], fmt)
    else:
        say(message)
