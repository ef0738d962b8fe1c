"""promo events: 以会招商 — promotion events and the MOUs and intentions signed there."""

from __future__ import annotations

import click

from promo.commands.common import Words, catalogue, date_option, format_option, named, parse_or_usage
from promo.i18n import _
from promo.vocabulary import shown


@click.group(invoke_without_command=True)
@click.option("--year", metavar="YEAR", help="Only events of this year.")
@format_option
@click.pass_context
def events(ctx, year, fmt):
    """以会招商: promotion events and what was signed there; `promo ledger --by event` shows what became of it.

    \b
    Examples:
      promo events add 2026中韩医疗器械对接会 --date 2026-04-18 --place 首尔 --organiser 管委会
      promo events sign 中韩医疗器械对接会 晨生医疗 --kind mou --investment 1.2亿
      promo events show 中韩医疗器械对接会
    """
    if ctx.invoked_subcommand:
        return
    from promo import events as domain
    from promo.projects import parse_year
    from promo.views_after_signing import EVENTS

    year = parse_or_usage(parse_year, year) if year is not None else None
    EVENTS.show(domain.events(catalogue(ctx), year=year), fmt)


@events.command("add")
@click.argument("name", callback=named)
@click.option("--date", metavar="DATE", required=True, help="When it took place (or will).")
@click.option("--place", help="Where.")
@click.option("--organiser", help="Who organised it.")
@click.pass_context
def add(ctx, name, date, place, organiser):
    """Record a promotion event.

    \b
    Examples:
      promo events add 2026中韩医疗器械对接会 --date 2026-04-18 --place 首尔
    """
    from promo import events as domain
    from promo.db import change
    from promo.enterprise_fields import parse_name, parse_text

    name = parse_or_usage(parse_name, name, "NAME")
    date = date_option(date, "--date")
    place, organiser = (
        parse_or_usage(parse_text, place, "--place"),
        parse_or_usage(parse_text, organiser, "--organiser"),
    )
    conn = catalogue(ctx)
    r = change(conn, domain.add_event, name, date, place=place or None, organiser=organiser or None)
    click.echo(_("event #{id}: {name} on {date}").format(id=r["id"], name=r["name"], date=r["date"]))


@events.command("sign")
@click.argument("event", callback=named)
@click.argument("enterprise", callback=named)
@click.option("--kind", type=Words("deal_kind"), default="mou", show_default=True, help="What was signed there.")
@click.option("--investment", metavar="万元", help="Investment named in it, 万元 (1.2亿, 1,200).")
@click.option("--note", help="A remark.")
@click.pass_context
def sign(ctx, event, enterprise, kind, investment, note):
    """Link an enterprise to the event where it signed (add the enterprise first with promo enterprises add).

    \b
    Examples:
      promo events sign 中韩医疗器械对接会 晨生医疗 --kind mou --investment 1.2亿
    """
    from promo import events as domain
    from promo.db import change
    from promo.enterprise_fields import parse_text
    from promo.text import parse_project_amount

    kind = parse_or_usage(domain.parse_deal_kind, kind)
    investment = parse_or_usage(parse_project_amount, investment, "--investment")
    conn = catalogue(ctx)
    note = parse_or_usage(parse_text, note, "--note") or None
    r = change(conn, domain.add_deal, event, enterprise, kind, investment=investment, note=note)
    click.echo(
        _("{name} linked to {event} ({v2})").format(name=r["name"], event=r["event"], v2=shown("deal_kind", r["kind"]))
    )


@events.command("show")
@click.argument("event", callback=named)
@format_option
@click.pass_context
def show(ctx, event, fmt):
    """What one event brought: each enterprise, what it signed there and where it is now.

    \b
    Examples:
      promo events show 中韩医疗器械对接会
    """
    from promo import events as domain
    from promo.views_after_signing import EVENT_DEALS

    found = domain.deals(catalogue(ctx), event)
    EVENT_DEALS.show(
        found, fmt, title=_("{event}: what it brought").format(event=found[0]["event"] if found else event)
    )
