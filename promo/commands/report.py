"""promo report weekly: the week's report for the 招商工作群, as WeChat text or as the weekly sheet."""

from __future__ import annotations

import click

from promo.commands.common import Words, catalogue, no_pager_option, paged_when_table
from promo.i18n import _


@click.group()
def report():
    """Reports sent out of the office on a schedule.

    \b
    Examples:
      promo report weekly
      promo report weekly --format csv > 周报.csv
      promo report weekly -o 周报.xlsx
    """


@report.command("weekly")
@click.option("--date", "on", metavar="DATE", help="A day of the week reported (default today).")
@click.option(
    "--format",
    "fmt",
    type=Words("report_format"),
    default="wechat",
    show_default=True,
    callback=paged_when_table,
    help="wechat: short text for the group; table/csv/json/markdown: the weekly sheet, one row per item.",
)
@no_pager_option
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the weekly sheet to FILE.xlsx or FILE.csv."
)
@click.option("--force", is_flag=True, help="With -o: replace an existing file.")
@click.pass_context
def weekly(ctx, on, fmt, output, force):
    """The week's report: signed, started, completed and in production this week (Monday to Sunday),
    what is overdue (milestones, services, coordination), what needs a leader, and the year's ledger.

    \b
    Examples:
      promo report weekly
      promo report weekly --date 2026-11-20
      promo report weekly --format csv > 周报.csv
      promo report weekly -o 周报.xlsx
    """
    from promo import weekly as domain
    from promo.commands.common import parse_or_usage
    from promo.text import parse_date, today

    if on is not None and not on.strip():
        raise click.BadParameter(_("is empty; give a date or leave the option out"), param_hint="'--date'")
    on = parse_or_usage(parse_date, on, "--date")
    if on and domain.week_of(on)[0] > today():
        # a week to come has nothing signed or started yet, and its overdue list would be today's under its dates
        raise click.BadParameter(
            _("{date}: that week has not begun (today is {today}); give a day of this week or an earlier one").format(
                date=on, today=today()
            ),
            param_hint="'--date'",
        )
    conn = catalogue(ctx)
    # the text names the ten most overdue and counts the rest; the sheet lists every one
    found = domain.weekly(conn, on, overdue_limit=10 if fmt == "wechat" and not output else None)
    if output:
        from promo.io.export import write_report

        n = write_report(domain.weekly_sheet(found), output, force=force)
        click.echo(_("wrote {output}: {n:,} rows").format(output=output, n=n), err=True)
        return
    if fmt == "wechat":
        zone = conn.execute("SELECT name FROM zone ORDER BY id LIMIT 1").fetchone()
        click.echo(domain.wechat_text(found, zone[0] if zone else ""), nl=False)
        return
    from promo.views_after_signing import WEEKLY_SHEET

    title = _("Weekly report {start} – {end}").format(start=found["start"], end=found["end"])
    WEEKLY_SHEET.show(domain.weekly_rows(found), fmt, title=title)
