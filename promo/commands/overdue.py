"""promo overdue: follow-ups past due and enterprises past their stage deadline; the deadlines themselves."""

from __future__ import annotations

import click

from promo.commands.common import catalogue, format_option, not_empty, say


@click.group(invoke_without_command=True)
@click.option("--owner", callback=not_empty, help="Only this officer's follow-ups and enterprises.")
@click.option("--kind", type=click.Choice(["follow-up", "stage"]), help="Only follow-ups, or only stage deadlines.")
@click.option("--public", is_flag=True, help="Code names for real names.")
@format_option
@click.pass_context
def overdue(ctx, owner, kind, public, fmt):
    """What is late: follow-ups past their date, and enterprises in a stage longer than its deadline.

    A follow-up is the --next date of an enterprise's latest activity; logging a new activity settles
    it. Stage deadlines are set per stage with `promo overdue deadlines`.

    \b
    Examples:
      promo overdue
      promo overdue --owner 张伟 --kind follow-up
      promo overdue deadlines
      promo overdue deadlines 签约 90
    """
    if ctx.invoked_subcommand:
        return
    from promo import pipeline, views
    from promo.text import today
    from promo.vocabulary import BAD_CHECK_NOTE, display_name

    found = pipeline.overdue(catalogue(ctx), owner=owner, kind=kind)
    for r in found:
        r["shown_name"] = display_name(r, public=public)
        if public:
            r["name"] = r["shown_name"]
            r["owner"] = r["detail"] = None
        r["kind_label"] = "跟进 follow-up" if r["kind"] == "follow-up" else "阶段 stage"
    caption = f"{len(found):,} 项逾期 overdue (today {today()})"
    if any(r["uscc_bad_check"] for r in found) and not public:
        caption += "\n" + BAD_CHECK_NOTE
    views.OVERDUE.show(found, fmt, caption=caption)


@overdue.command("deadlines")
@click.argument("stage", required=False)
@click.argument("days", required=False)
@click.option("--remove", is_flag=True, help="Remove STAGE's deadline.")
@format_option
@click.pass_context
def deadlines(ctx, stage, days, remove, fmt):
    """Show the stage deadlines (days an enterprise may stay in a stage), or set one.

    \b
    Examples:
      promo overdue deadlines
      promo overdue deadlines 签约 90
      promo overdue deadlines 投产 --remove
    """
    from promo import pipeline
    from promo.enterprise_fields import parse_stage
    from promo.render import Column, render

    if stage:
        from promo.db import change

        stage = parse_stage(stage, "STAGE")
        if remove and days:
            raise click.UsageError("give DAYS or --remove, not both")
        if not remove and not days:
            raise click.UsageError(f"give the number of days for {stage}, or --remove")
        value = None if remove else pipeline.parse_deadline_days(days, stage)
        conn = catalogue(ctx)
        r = change(conn, pipeline.set_deadline, stage, value)
        if not r["changed"]:
            say(f"deadline for {stage} is already {value:,} 天; unchanged")
            return
        old = f"{r['old']:,} 天" if r["old"] else "none"
        say(f"deadline for {stage}: {old} → {f'{value:,} 天' if value else 'none'}")
        return
    conn = catalogue(ctx)
    render(
        pipeline.deadlines(conn),
        [
            Column("stage", "阶段", no_wrap=True),
            Column("days", "时限天数", "int"),
            Column("enterprises", "企业数", "int"),
            Column("overdue", "超期", "int"),
        ],
        fmt,
        title="阶段时限 Stage deadlines",
    )
