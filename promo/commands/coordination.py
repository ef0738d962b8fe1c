"""promo coordination: 协调事项 — problems a project raises, with the department and leader who must solve them."""

from __future__ import annotations

import click

from promo.commands.common import ROW_ID, catalogue, date_option, format_option, given, named, not_empty, parse_or_usage
from promo.i18n import _


@click.group(invoke_without_command=True)
@click.option("--leader", callback=not_empty, help="Only this leader's items.")
@click.option("--enterprise", callback=not_empty, help="Only this enterprise's items.")
@click.option("--all", "include_closed", is_flag=True, help="Closed items too.")
@format_option
@click.pass_context
def coordination(ctx, leader, enterprise, include_closed, fmt):
    """协调事项: open problems per leader, for the weekly meeting (power, road, permits, staff housing …).

    \b
    Examples:
      promo coordination add 晨生医疗 "双回路供电未接入" --department 供电公司 --leader 王主任 --due 2026-12-15
      promo coordination --leader 王主任
      promo coordination close 1 --date 2026-12-10
    """
    if ctx.invoked_subcommand:
        return
    from promo import coordination as domain
    from promo.views_after_signing import COORDINATION

    found = domain.items(catalogue(ctx), leader=leader, enterprise=enterprise, include_closed=include_closed)
    COORDINATION.show(found, fmt, prepare=_leaders)


def _leaders(found: list[dict]) -> None:
    """Each leader's name once, above their items (the list is sorted by leader)."""
    previous = None
    for r in found:
        r["leader_shown"] = (r["leader"] or "(未定)") if r["leader"] != previous else ""
        previous = r["leader"]


@coordination.command("add")
@click.argument("enterprise", callback=named)
@click.argument("issue")
@click.option("--leader", callback=given, help="The leader who coordinates it (牵头领导).")
@click.option("--department", callback=given, help="The department responsible (see promo services departments).")
@click.option("--date", metavar="DATE", help="When it was raised (default today).")
@click.option("--due", metavar="DATE", help="When it should be solved.")
@click.option("--note", help="A remark.")
@click.pass_context
def add(ctx, enterprise, issue, leader, department, date, due, note):
    """Record a problem a project needs coordinated.

    \b
    Examples:
      promo coordination add 晨生医疗 "人才公寓不足" --department 人力资源和社会保障局 --leader 李书记
    """
    from promo import coordination as domain
    from promo.db import change
    from promo.enterprise_fields import parse_text

    issue = parse_or_usage(parse_text, issue, _("ISSUE"), max_len=500)
    if not issue:
        raise click.BadParameter(_("is empty"), param_hint=f"'{_('ISSUE')}'")
    date, due = date_option(date, "--date"), date_option(due, "--due", meaning="by")
    leader = parse_or_usage(parse_text, leader, "--leader", max_len=50)
    conn = catalogue(ctx)
    note = parse_or_usage(parse_text, note, "--note")
    r = change(
        conn,
        domain.add_item,
        enterprise,
        issue,
        leader=leader,
        department_name=department,
        raised=date,
        due=due,
        note=note,
    )
    who = " · ".join(x for x in (r["department"], r["leader"]) if x)
    said = {"id": r["id"], "name": r["name"], "issue": r["issue"], "who": who}
    if who:
        click.echo(_("coordination item #{id} for {name}: {issue} ({who})").format(**said))
    else:
        click.echo(_("coordination item #{id} for {name}: {issue}").format(**said))


@coordination.command("close")
@click.argument("item_id", metavar="ID", type=ROW_ID)
@click.option("--date", metavar="DATE", help="When it was solved (default today).")
@click.option("--note", help="How it was solved.")
@click.pass_context
def close(ctx, item_id, date, note):
    """Mark a coordination item solved.

    \b
    Examples:
      promo coordination close 1 --date 2026-12-10 --note 已接入双回路
    """
    from promo import coordination as domain
    from promo.db import change
    from promo.enterprise_fields import parse_text

    date = date_option(date, "--date")
    conn = catalogue(ctx)
    r = change(conn, domain.close_item, item_id, date=date, note=parse_or_usage(parse_text, note, "--note"))
    click.echo(
        _("closed #{id} ({name}: {issue}) on {date}").format(
            id=r["id"], name=r["name"], issue=r["issue"], date=r["date"]
        )
    )
