"""promo carriers add|update|remove: the office's own carriers (载体)."""

from __future__ import annotations

import click

from promo.commands.editing import fields_from, options, refuse_empty, said, write

CARRIER_OPTIONS = [
    ("--name-en", "name_en", "English name."),
    ("--kind", "kind", "park, building, land, incubator, cluster (or 产业园, 楼宇, 地块, 孵化器, 组团)."),
    ("--address", "address", "Address."),
    ("--lat", "lat", "Latitude, WGS-84 (e.g. 36.65)."),
    ("--lon", "lon", "Longitude, WGS-84 (e.g. 116.84)."),
    ("--operator", "operator", "Operating company."),
    ("--contact", "contact_name", "Contact person (internal: never in public briefs)."),
    ("--phone", "contact_phone", "Contact phone (internal)."),
    ("--industry", "industries", "An industry it hosts; repeat for several (update: replaces the list).", True),
    ("--status", "status", "Status in words, e.g. 运营中, 建设中."),
    ("--description", "description", "A short description."),
    ("--description-en", "description_en", "The description in English."),
]
_NAMES = {key: flag for flag, key, *_ in CARRIER_OPTIONS}


@click.command("add")
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
    """
    from promo.edit import carriers

    raw = fields_from(given)
    refuse_empty(raw, _NAMES)
    row = write(ctx, f"add carrier {name}", carriers.add_carrier, dict(raw, name=name), names={"name": "NAME"})
    said(f"added carrier {row['name']} ({row['code']})")


@click.command("update")
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
    row = write(ctx, f"update carrier {name}", carriers.update_carrier, name, raw)
    said(f"updated carrier {row['name']}")


@click.command("remove")
@click.argument("name")
@click.pass_context
def remove(ctx, name):
    """Remove a carrier; refused while units, enterprises, platforms, criteria or policies refer to it.

    \b
    Example:
      promo carriers remove 创新大厦
    """
    from promo.edit import carriers

    row = write(ctx, f"remove carrier {name}", carriers.remove_carrier, name)
    said(f"removed carrier {row['name']}")
