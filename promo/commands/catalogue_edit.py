"""promo catalogue add|rename|remove: the zone's own leading industries, chains and links."""

from __future__ import annotations

import click

from promo.commands.editing import fields_from, refuse_empty, said, write


@click.command("add")
@click.argument("level")
@click.argument("name")
@click.option("--under", "parent_id", help="The industry a chain goes under, or the chain a link goes under.")
@click.option("--segment", help="A link's place in the chain: 上游, 中游 or 下游.")
@click.option("--name-en", help="English name.")
@click.option("--code", help="A short code (default: from the English name).")
@click.pass_context
def add(ctx, level, name, **given):
    """Add a leading industry, a chain, or a chain link (LEVEL: industry, chain or link; 主导产业, 产业链, 链环).

    \b
    Examples:
      promo catalogue add industry 生物医药 --name-en Biomedicine
      promo catalogue add chain 创新药 --under 生物医药
      promo catalogue add link CRO研发外包 --under 创新药 --segment 上游
    """
    from promo.edit import catalogue

    raw = fields_from(dict(given, level=level, name=name))
    refuse_empty(raw, {"parent_id": "--under", "segment": "--segment", "name_en": "--name-en", "code": "--code"})
    row = write(ctx, f"add {level} {name}", catalogue.add, raw)
    said(f"added {catalogue.LEVELS[row['level']]} {row['name']} ({row['code']})")


@click.command("rename")
@click.argument("name")
@click.argument("new_name")
@click.option("--name-en", help="A new English name.")
@click.option("--segment", help="A link's new segment: 上游, 中游 or 下游.")
@click.pass_context
def rename(ctx, name, new_name, name_en, segment):
    """Give an industry, chain or link a new name.

    \b
    Example:
      promo catalogue rename CRO研发外包 CRO/CDMO研发外包
    """
    from promo.edit import catalogue

    row = write(ctx, f"rename {name} → {new_name}", catalogue.rename, name, new_name, name_en=name_en, segment=segment)
    said(f"renamed to {row['name']}")


@click.command("remove")
@click.argument("name")
@click.pass_context
def remove(ctx, name):
    """Remove an industry, chain or link; refused while enterprises, targets, carriers, policies or
    criteria use it, naming them."""
    from promo.edit import catalogue

    row = write(ctx, f"remove {name}", catalogue.remove, name)
    said(f"removed {catalogue.LEVELS[row['level']]} {row['name']}")


COMMANDS = (add, rename, remove)
