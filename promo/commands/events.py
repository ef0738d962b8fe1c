"""promo events: 以会招商 — promotion events and the MOUs and intentions signed there."""

from __future__ import annotations

import click

from promo.commands.common import catalogue, format_option, parse_or_usage

_KEYS = ["id", "name", "date", "place", "organiser", "deals", "intended_wan"]
_DEAL_KEYS = ["event", "name", "kind", "investment_wan", "stage", "stage_date", "signed_investment_wan", "note"]


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
    from promo.render import Column, render

    year = parse_or_usage(parse_year, year) if year is not None else None
    found = domain.events(catalogue(ctx), year=year)
    if fmt in ("json", "csv"):
        render(found, [Column(k, k) for k in _KEYS], fmt)
        return
    render(
        found,
        [
            Column("name", "活动 Event", max_width=28),
            Column("date", "日期", no_wrap=True),
            Column("place", "地点", max_width=14),
            Column("organiser", "主办", max_width=14),
            Column("deals", "签约/意向", "int"),
            Column("intended_wan", "意向投资万元", "money"),
        ],
        fmt,
        title="招商活动 Events",
        empty="no events; add one with promo events add NAME --date …",
    )


@events.command("add")
@click.argument("name")
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
    from promo.db import write
    from promo.enterprise_fields import parse_name, parse_text
    from promo.text import parse_date

    name = parse_or_usage(parse_name, name, "NAME")
    date = parse_or_usage(parse_date, date, "--date")
    place, organiser = parse_or_usage(parse_text, place, "--place"), parse_or_usage(parse_text, organiser, "--organiser")
    conn = catalogue(ctx)
    with write(conn, f"event {name}"):
        r = domain.add_event(conn, name, date, place=place or None, organiser=organiser or None)
    click.echo(f"event #{r['id']}: {r['name']} on {r['date']}")


@events.command("sign")
@click.argument("event")
@click.argument("enterprise")
@click.option("--kind", default="mou", show_default=True, help="mou (合作备忘录), intent (意向协议) or contract (正式合同).")
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
    from promo.db import write
    from promo.enterprise_fields import parse_text
    from promo.text import parse_amount

    kind = parse_or_usage(domain.parse_deal_kind, kind)
    investment = parse_or_usage(parse_amount, investment, "--investment")
    conn = catalogue(ctx)
    with write(conn, f"event {event}: {enterprise}"):
        r = domain.add_deal(conn, event, enterprise, kind, investment=investment,
                            note=parse_or_usage(parse_text, note, "--note") or None)
    click.echo(f"{r['name']} linked to {r['event']} ({domain.DEAL_KINDS[r['kind']]})")


@events.command("show")
@click.argument("event")
@format_option
@click.pass_context
def show(ctx, event, fmt):
    """What one event brought: each enterprise, what it signed there and where it is now.

    \b
    Examples:
      promo events show 中韩医疗器械对接会
    """
    from promo import events as domain
    from promo.render import Column, render

    found = domain.deals(catalogue(ctx), event)
    if fmt in ("json", "csv"):
        render(found, [Column(k, k) for k in _DEAL_KEYS], fmt)
        return
    render(
        found,
        [
            Column("name", "企业 Enterprise", max_width=24),
            Column("kind_label", "签署", no_wrap=True),
            Column("investment_wan", "意向投资万元", "money"),
            Column("stage", "现阶段", no_wrap=True),
            Column("stage_date", "日期", no_wrap=True),
            Column("signed_investment_wan", "签约投资万元", "money"),
        ],
        fmt,
        title=f"{found[0]['event'] if found else event} 成果 What it brought",
        empty="nothing linked to this event yet; promo events sign EVENT ENTERPRISE",
    )
