"""promo carriers: the carriers (载体) of the zone, and one carrier in detail."""

from __future__ import annotations

import click

from promo.commands.common import (
    Words,
    catalogue,
    fields_from,
    format_option,
    journaled,
    options,
    refuse_empty,
    say,
)
from promo.i18n import N_, _

SAMPLE_NOTE = N_("※ unit-level figures are sample data, not from the source articles")


@click.group(invoke_without_command=True)
@click.option("--industry", help="Only carriers of this industry (name or code, any level of the chain).")
@click.option(
    "--kind",
    type=Words("carrier_kind"),
    help="Only carriers of this kind.",
)
@format_option
@click.pass_context
def carriers(ctx, industry, kind, fmt):
    """List carriers with their area, vacancy and occupancy (occupied = leased or reserved).

    \b
    Examples:
      promo carriers
      promo carriers --industry 高端医疗器械
      promo carriers show 精准医学产业园
    """
    if ctx.invoked_subcommand:
        return
    from promo import resources, views

    found = resources.carriers(catalogue(ctx), industry=industry, kind=kind)
    for r in found:
        r["vacant_of_units"] = f"{r['vacant_units']}/{r['units']}"
    sample = any(r["units_sample"] for r in found)
    views.CARRIERS.show(found, fmt, caption=_(SAMPLE_NOTE) if sample else None)


@carriers.command("show")
@click.argument("name")
@click.option("--grid", is_flag=True, help="Draw the 租控表: building × floor × unit, each unit's state, occupancy.")
@format_option
@click.pass_context
def show(ctx, name, grid, fmt):
    """Show one carrier: details, units, tenants, facilities, platforms, contact.

    NAME may be written in traditional or simplified script, or be part of the name.

    \b
    Examples:
      promo carriers show 精準醫學產業園
      promo carriers show 海凭 --format json
      promo carriers show 精准医学产业园 --grid
    """
    if grid:
        _show_grid(ctx, name, fmt)
        return
    from promo import resources

    detail = resources.carrier(catalogue(ctx), name)
    if fmt == "json":
        from promo.render import json_text

        click.echo(json_text(detail))
        return
    if fmt == "csv":
        from promo import views

        views.CARRIER_UNITS.show(detail["units"], "csv")
        return
    _show_document(detail, fmt)


def _show_document(d: dict, fmt: str) -> None:
    from promo import views
    from promo.render import Column, fmt_cell, render, render_facts
    from promo.vocabulary import BAD_CHECK_NOTE, shown

    facts = [
        (_("Name"), d["name"] + (f" ({d['name_en']})" if d.get("name_en") else "")),
        (_("Kind"), shown("carrier_kind", d["kind"])),
        (_("Status"), shown("carrier_status", d.get("status"))),
        (_("Industries"), _(", ").join(d["industries"])),
        (_("Address"), d.get("address")),
        (_("Coordinates (WGS-84)"), f"{d['lat']:.5f}, {d['lon']:.5f}" if d.get("lat") is not None else None),
        (_("Operator"), d.get("operator")),
        (
            _("Area"),
            _("{total} ㎡, vacant {vacant} ㎡").format(
                total=fmt_cell(Column("a", "", "area"), d["total_area_m2"]),
                vacant=fmt_cell(Column("a", "", "area"), d["vacant_area_m2"]),
            ),
        ),
        (_("Occupancy"), fmt_cell(Column("o", "", "bar"), d["occupancy"]) if d["occupancy"] is not None else None),
        (
            _("Contact"),
            " ".join(x for x in (d.get("contact_name"), d.get("contact_phone")) if x)
            + (" " + _("(sample)") if d.get("contact_sample") and d.get("contact_name") else ""),
        ),
        (_("About"), d.get("description")),
        (_("Source"), d.get("source")),
    ]
    render_facts(facts, fmt, heading=d["name"])
    sample = any(u["sample"] for u in d["units"])
    views.CARRIER_UNITS.show(
        d["units"],
        fmt,
        prepare=views.prepare_units,
        title=_("Units ({n})").format(n=len(d["units"])),
        caption=_(SAMPLE_NOTE) if sample else None,
        empty=_("no units recorded"),
    )
    if d["tenants"]:
        render(
            d["tenants"],
            [
                Column("name_shown", N_("Tenant")),
                Column("stage", N_("Stage"), coded="stage"),
                Column("stage_date", N_("Date")),
                Column("units", N_("Units"), "list"),
            ],
            fmt,
            title=_("Tenants ({n})").format(n=len(d["tenants"])),
            caption=BAD_CHECK_NOTE if any(t["uscc_bad_check"] for t in d["tenants"]) else None,
        )
    if d["facilities"]:
        render(
            d["facilities"],
            [
                Column("name", N_("Facility")),
                Column("units", N_("Units"), "int"),
                Column("vacant_units", N_("Vacant"), "int"),
            ],
            fmt,
            title=_("Facilities"),
        )
    if d["platforms"]:
        render(
            d["platforms"],
            [Column("name", N_("Platform")), Column("level", N_("Level")), Column("kind", N_("Kind"))],
            fmt,
            title=_("Platforms"),
        )


def _show_grid(ctx, name: str, fmt: str) -> None:
    from promo import leasing
    from promo.render import render_grid
    from promo.vocabulary import UNIT_STATUSES as STATUSES
    from promo.vocabulary import shown

    if not name.strip():
        raise click.BadParameter(
            _("is empty; give a carrier's name, part of it, or its code"), param_hint=f"'{_('NAME')}'"
        )
    g = leasing.grid(catalogue(ctx), name)
    rows = [
        {
            "building": r["building"],
            "floor": r["floor"],
            "occupancy": r["occupancy"],
            "cells": [
                {
                    "unit": u["unit"],
                    "status": u["status"],
                    "letter": leasing.STATUS_LETTERS[u["status"]],
                    "colour": leasing.STATUS_COLOURS[u["status"]],
                    "area_m2": u["area_m2"],
                    "holder": u["holder"],
                }
                for u in r["units"]
            ],
        }
        for r in g["rows"]
    ]
    legend = "  ".join(f"{leasing.STATUS_LETTERS[s]} {shown('unit_status', s)} {g['counts'][s]}" for s in STATUSES)
    occupancy = f"{g['occupancy'] * 100:.0f}%" if g["occupancy"] is not None else "—"
    caption = legend + "\n" + _("occupancy {occupancy} (leased + reserved, by area)").format(occupancy=occupancy)
    render_grid(rows, fmt, title=_("Leasing grid: {carrier}").format(carrier=g["carrier"]), caption=caption)


CARRIER_OPTIONS = [
    ("--name-en", "name_en", N_("English name.")),
    ("--kind", "kind", N_("park, building, land, incubator, cluster (or 产业园, 楼宇, 地块, 孵化器, 组团).")),
    ("--address", "address", N_("Address.")),
    ("--lat", "lat", N_("Latitude (e.g. 36.65), in --crs.")),
    ("--lon", "lon", N_("Longitude (e.g. 116.84), in --crs.")),
    (
        "--crs",
        "crs",
        N_("What --lat/--lon were copied from: wgs84 (GPS, default), gcj02 (高德/腾讯), bd09 (百度)."),
        Words("crs"),
    ),
    ("--operator", "operator", N_("Operating company.")),
    ("--contact", "contact_name", N_("Contact person (internal: never in public briefs).")),
    ("--phone", "contact_phone", N_("Contact phone (internal).")),
    ("--industry", "industries", N_("An industry it hosts; repeat for several (update: replaces the list)."), True),
    ("--status", "status", N_("Status in words, e.g. 运营中, 建设中.")),
    ("--description", "description", N_("A short description.")),
    ("--description-en", "description_en", N_("The description in English.")),
]
_NAMES = {key: flag for flag, key, *_ in CARRIER_OPTIONS}


@carriers.command("add")
@click.argument("name")
@click.option("--code", help="A short code (default: from the English name).")
@options(CARRIER_OPTIONS)
@click.pass_context
def add(ctx, name, **given):
    """Add a carrier: a park, building, land plot, incubator or cluster.

    \b
    Examples:
      promo carriers add 创新大厦 --kind 楼宇 --industry 生物医药 --address 高新路1号
      promo carriers add 东区标准地 --kind land --lat 36.65 --lon 116.84
      promo carriers add 西区标准地 --kind land --lat 36.6511 --lon 116.8468 --crs gcj02
    """
    from promo.edit import carriers

    raw = fields_from(given)
    refuse_empty(raw, _NAMES)
    row = journaled(ctx, carriers.add_carrier, dict(raw, name=name), names={"name": "NAME"})
    _warn(row)
    say(_("added carrier {name} ({code})").format(name=row["name"], code=row["code"]))


@carriers.command("update")
@click.argument("name")
@click.option("--name", "new_name", help="A new name.")
@options(CARRIER_OPTIONS)
@click.pass_context
def update(ctx, name, new_name, **given):
    """Change a carrier's fields; only the options given change, and '' clears a field.

    \b
    Examples:
      promo carriers update 创新大厦 --status 运营中 --phone 0531-12345678
      promo carriers update 创新大厦 --industry 生物医药 --industry 医疗器械
    """
    from promo.edit import carriers

    raw = fields_from(dict(given, name=new_name))
    row = journaled(ctx, carriers.update_carrier, name, raw)
    _warn(row)
    say(_("updated carrier {name}").format(name=row["name"]))


def _warn(row: dict) -> None:
    for line in row.get("warnings") or []:
        click.echo(
            _("warning: {name} {problem}; stored as given, check it on a map").format(name=row["name"], problem=line),
            err=True,
        )


@carriers.command("remove")
@click.argument("name")
@click.pass_context
def remove(ctx, name):
    """Remove a carrier; refused while units, enterprises, platforms, criteria or policies refer to it.

    \b
    Example:
      promo carriers remove 创新大厦
    """
    from promo.edit import carriers

    row = journaled(ctx, carriers.remove_carrier, name)
    say(_("removed carrier {name}").format(name=row["name"]))
