"""promo units: every unit with its state (空置/预留/已租/装修中/不可租), and its add/update/remove/set-status."""

from __future__ import annotations

import click

from promo.commands.common import (
    LIMIT,
    Words,
    catalogue,
    fields_from,
    format_option,
    journaled,
    not_empty,
    options,
    refuse_empty,
    say,
)
from promo.i18n import N_, _, ngettext

UNIT_OPTIONS = [
    ("--building", "building", N_("Building (楼栋), e.g. A1.")),
    ("--floor", "floor", N_("Floor number (negative for basements).")),
    ("--area", "area_m2", N_("Area: 1200, 1,200㎡, 1200平米, or for land 30亩 (1 亩 = 666.67 ㎡).")),
    ("--rent", "rent", N_("Rent: 1.5 (元/㎡·天) or 45元/㎡·月 (converted to per day: ÷ 365/12).")),
    ("--kind", "kind", N_("space (房源, default) or land (标准地; default for a land carrier).")),
    ("--floor-load", "floor_load_kn", N_("Floor load, kN/㎡.")),
    ("--ceiling", "ceiling_m", N_("Clear height, m.")),
    ("--ready", "ready_date", N_("Ready to hand over on this date; 现房 for now.")),
    ("--lease-start", "lease_start", N_("Lease start of a leased unit.")),
    ("--lease-end", "lease_end", N_("Lease end of a leased unit (shown in promo overdue as it nears).")),
    ("--until", "status_until", N_("When a 装修中/不可租/预留 state is expected to end.")),
    ("--reason", "status_reason", N_("Why the unit is in its state (e.g. 管委会自用).")),
    ("--plot-ratio", "plot_ratio", N_("Land: 容积率 (floor area ratio).")),
    ("--intensity", "intensity_wan_mu", N_("Land: 投资强度, 万元/亩.")),
    ("--tax-per-mu", "tax_wan_mu", N_("Land: 亩均税收, 万元/亩.")),
    ("--facility", "facilities", N_("A facility (GMP洁净车间, P2实验室 …); repeat for several; update adds."), True),
    ("--note", "note", N_("A note.")),
]
_NAMES = {key: flag for flag, key, *_ in UNIT_OPTIONS} | {"carrier_id": "CARRIER", "code": "CODE"}


def _parse_status(value):
    from promo.commands.common import parse_or_usage
    from promo.edit.units import parse_status

    return parse_or_usage(parse_status, None, value, "--status") if value else None


@click.group(invoke_without_command=True)
@click.option("--carrier", callback=not_empty, help="Only this carrier's units (name, part of it, or code).")
@click.option(
    "--status", callback=not_empty, help="Only units in this state: 空置 预留 已租 装修中 不可租 (or English)."
)
@click.option("--kind", type=Words("space_kind"), help="Only rentable space, or only land parcels.")
@click.option("--expiring", type=click.IntRange(0, 3650), metavar="DAYS", help="Only leases ending within DAYS.")
@click.option("--limit", type=LIMIT, help="Show at most this many units (0 = all).")
@format_option
@click.pass_context
def units(ctx, carrier, status, kind, expiring, limit, fmt):
    """List every unit with its state, lease and holder (not only vacant ones).

    \b
    Examples:
      promo units
      promo units --carrier 创新大厦 --status 已租
      promo units --expiring 90
      promo units add 创新大厦 A-101 --floor 1 --area 1200 --rent 1.5
    """
    if ctx.invoked_subcommand:
        return
    from promo import leasing, views

    found = leasing.iter_unit_list(
        catalogue(ctx), carrier=carrier, status=_parse_status(status), kind=kind, expiring=expiring, limit=limit
    )

    def caption(rows) -> str:
        if expiring is not None:
            text = ngettext("{n} lease ends within {days} days", "{n} leases end within {days} days", len(rows)).format(
                n=len(rows), days=expiring
            )
        else:
            area = f"{sum(r['area_m2'] for r in rows):,.0f}"
            text = ngettext("{n} unit, {area} ㎡ in all", "{n} units, {area} ㎡ in all", len(rows))
            text = text.format(n=f"{len(rows):,}", area=area)
        if any(r["sample"] for r in rows):
            text += "\n" + _(views.SAMPLE_UNITS)
        return text

    view = views.EXPIRING if expiring is not None else views.UNIT_LIST
    title = _("Leases ending") if expiring is not None else None
    view.show(found, fmt, prepare=views.prepare_unit_list, caption=caption, title=title)


@units.command("add")
@click.argument("carrier")
@click.argument("code")
@click.option("--status", "status", help="空置 (default), 预留, 已租, 装修中 or 不可租.")
@options(UNIT_OPTIONS)
@click.pass_context
def add(ctx, carrier, code, **given):
    """Add a unit (房源) or land parcel (标准地) to a carrier; CODE is unique within the carrier.

    \b
    Examples:
      promo units add 创新大厦 A-101 --building A --floor 1 --area 1200 --rent 45元/㎡·月 --facility 纯水系统
      promo units add 东区标准地 D-01 --area 30亩 --plot-ratio 1.2 --intensity 300 --tax-per-mu 30
      promo units add 创新大厦 A-301 --floor 3 --area 600 --status 已租 --lease-start 2026-01-01 --lease-end 2028-12-31
    """
    from promo.edit import units as domain

    raw = fields_from(given)
    refuse_empty(raw, _NAMES)
    row = journaled(ctx, domain.add, dict(raw, carrier_id=carrier, code=code), names=_NAMES)
    say(
        _("added unit {carrier_name}/{code} ({v2})").format(
            carrier_name=row["carrier_name"], code=row["code"], v2=_shown(row)
        )
    )


def _shown(row) -> str:
    from promo.fields import area_text
    from promo.vocabulary import shown

    area = area_text(row["area_m2"], land=row["kind"] == "land")
    return _("{area}, {status}").format(area=area, status=shown("unit_status", row["status"]))


@units.command("update")
@click.argument("unit")
@click.option("--code", "code", help="A new unit code.")
@options(UNIT_OPTIONS)
@click.option("--drop-facility", "drop", multiple=True, help="Remove a facility from the unit; repeat for several.")
@click.pass_context
def update(ctx, unit, drop, **given):
    """Change a unit's fields; only the options given change, and '' clears a field.

    UNIT is its code (A-101), or CARRIER/CODE where codes repeat. States change with set-status.

    \b
    Examples:
      promo units update A-101 --rent 1.8 --facility 双回路供电
      promo units update 创新大厦/A-101 --drop-facility 纯水系统
    """
    from promo.edit import units as domain

    raw = fields_from(given)
    row = journaled(ctx, domain.update_unit, unit, raw, names=_NAMES, drop_facilities=list(drop))
    say(
        _("updated unit {carrier_name}/{code} ({v2})").format(
            carrier_name=row["carrier_name"], code=row["code"], v2=_shown(row)
        )
    )


@units.command("set-status")
@click.argument("unit")
@click.argument("status")
@click.option("--until", metavar="DATE", help="已租: the lease end; otherwise when the state should end.")
@click.option("--start", metavar="DATE", help="已租: the lease start.")
@click.option("--reason", help="Why, e.g. 管委会自用 or 企业装修.")
@click.pass_context
def set_status(ctx, unit, status, until, start, reason):
    """Put a unit in a state: 空置 vacant, 预留 reserved, 已租 leased, 装修中 being fitted out, 不可租 held back.

    \b
    Examples:
      promo units set-status A-101 已租 --start 2026-01-01 --until 2028-12-31
      promo units set-status A-102 装修中 --until 2026-03-31
      promo units set-status A-103 不可租 --reason 管委会自用
    """
    from promo.edit import units as domain
    from promo.vocabulary import shown

    row = journaled(ctx, domain.set_status, unit, status, until=until, start=start, reason=reason)
    say(
        _("{carrier_name}/{code} is now {v2}").format(
            carrier_name=row["carrier_name"], code=row["code"], v2=shown("unit_status", row["status"])
        )
    )


@units.command("remove")
@click.argument("unit")
@click.pass_context
def remove(ctx, unit):
    """Remove a unit nobody holds.

    \b
    Example:
      promo units remove 创新大厦/A-101
    """
    from promo.edit import units as domain

    row = journaled(ctx, domain.remove, unit)
    say(_("removed unit {carrier_name}/{code}").format(carrier_name=row["carrier_name"], code=row["code"]))
