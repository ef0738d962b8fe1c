"""promo overdue: follow-ups past due and enterprises past their stage deadline; the deadlines themselves."""

from __future__ import annotations

import click

from promo.commands.common import Words, catalogue, format_option, not_empty, say
from promo.i18n import _, ngettext


@click.group(invoke_without_command=True)
@click.option("--owner", callback=not_empty, help="Only this officer's follow-ups and enterprises.")
@click.option(
    "--kind",
    type=Words("overdue_kind"),
    help="Only one kind: follow-ups, stage deadlines, leases ending within 90 days, milestones, services "
    "(帮办代办) or coordination items.",
)
@click.option("--public", is_flag=True, help="Code names for real names.")
@format_option
@click.pass_context
def overdue(ctx, owner, kind, public, fmt):
    """What is late: follow-ups past their date, enterprises in a stage longer than its deadline, and after
    signing, milestones past their planned date, services past due and coordination items past due.

    A follow-up is the --next date of an enterprise's latest activity; logging a new activity settles
    it. Stage deadlines are set per stage with `promo overdue deadlines`; a stay in a stage is judged
    only from the day its deadline rule came into force, and sample rules are marked ※. Leases ending
    within 90 days are listed too (promo units --expiring DAYS for another window).

    \b
    Examples:
      promo overdue
      promo overdue --owner 张伟 --kind 跟进
      promo overdue --kind 帮办代办
      promo overdue deadlines
      promo overdue deadlines 签约 90
    """
    if ctx.invoked_subcommand:
        return
    from promo import pipeline, weekly
    from promo import views_pipeline as views
    from promo.text import today
    from promo.vocabulary import BAD_CHECK_NOTE, display_name, label

    conn = catalogue(ctx)
    found = pipeline.overdue(conn, owner=owner, kind=kind) if kind in (None, "follow-up", "stage", "lease") else []
    if kind in (None, *weekly.OVERDUE_KINDS):
        officer = pipeline.find_owner(conn, owner) if owner else None
        found += weekly.overdue_after_signing(conn, owner=officer, kinds=(kind,) if kind else weekly.OVERDUE_KINDS)
        found.sort(key=lambda r: (-(r["days_overdue"] or 0), r["name"]))
    for r in found:
        r["shown_name"] = display_name(r, public=public)
        if public:
            r["name"] = r["shown_name"]
            r["owner"] = r["detail"] = None
        r["uscc_bad_check"] = bool(r["uscc_bad_check"])
        r.setdefault("stage_en", label("stage", r["stage"], "en"))
    caption = ngettext("{n} item overdue (today {today})", "{n} items overdue (today {today})", len(found))
    caption = caption.format(n=f"{len(found):,}", today=today())
    if any(r["uscc_bad_check"] for r in found) and not public:
        caption += "\n" + BAD_CHECK_NOTE
    views.OVERDUE.show(found, fmt, caption=caption)


@overdue.command("deadlines")
@click.argument("stage", required=False)
@click.argument("days", required=False)
@click.option("--remove", is_flag=True, help="Remove STAGE's deadline.")
@click.option("--since", metavar="DATE", help="The day the rule came into force (default: today for a new rule).")
@format_option
@click.pass_context
def deadlines(ctx, stage, days, remove, since, fmt):
    """Show the stage deadlines (days an enterprise may stay in a stage), or set one.

    \b
    Examples:
      promo overdue deadlines
      promo overdue deadlines 签约 90
      promo overdue deadlines 签约 90 --since 2026-01-01
      promo overdue deadlines 投产 --remove
    """
    from promo import pipeline
    from promo.enterprise_fields import parse_stage
    from promo.render import Column, render

    if stage:
        from promo.db import change

        stage = parse_stage(stage, "STAGE")
        days = days.strip() if days else days  # blank DAYS is missing DAYS, asked for as such
        if remove and days:
            raise click.UsageError(_("give DAYS or --remove, not both"))
        if not remove and not days:
            raise click.UsageError(_("give the number of days for {stage}, or --remove").format(stage=stage))
        value = None if remove else pipeline.parse_deadline_days(days, stage)
        from promo.commands.common import parse_or_usage
        from promo.text import parse_date

        since = parse_or_usage(parse_date, since, "--since", meaning="from") if since else None
        conn = catalogue(ctx)
        r = change(conn, pipeline.set_deadline, stage, value, since=since)
        if not r["changed"]:
            say(_("deadline for {stage} is already {value:,} days; unchanged").format(stage=stage, value=value))
            return
        old = _("{n:,} days").format(n=r["old"]) if r["old"] else _("none")
        new = _("{n:,} days").format(n=value) if value else _("none")
        say(_("deadline for {stage}: {old} → {new}").format(stage=stage, old=old, new=new))
        return
    conn = catalogue(ctx)
    found = pipeline.deadlines(conn)
    for r in found:
        r["days_shown"] = f"{r['days']:,}" + (" ※" if r["sample"] else "") if r["days"] else None
    sample = any(r["sample"] for r in found)
    render(
        found,
        [
            Column("stage", "Stage", no_wrap=True),
            Column("days_shown", "Deadline days", justify="right"),
            Column("since", "Since", no_wrap=True),
            Column("enterprises", "Count", "int"),
            Column("overdue", "Overdue", "int"),
        ],
        fmt,
        title=_("Stage deadlines"),
        caption=_("※ sample rule: set your own with promo overdue deadlines STAGE DAYS") if sample else None,
    )
