"""promo platforms: public service platforms (公共服务平台), and their add/update/remove."""

from __future__ import annotations

import click

from promo.commands.common import catalogue, fields_from, format_option, journaled, options, refuse_empty, say
from promo.i18n import N_, _

PLATFORM_OPTIONS = [
    ("--name-en", "name_en", N_("English name.")),
    ("--kind", "kind", N_("What it is, e.g. 公共实验室, 中试平台.")),
    ("--level", "level", N_("national, provincial, municipal or zone (国家级, 省级, 市级, 园区级).")),
    ("--carrier", "carrier_id", N_("The carrier it is in.")),
    ("--description", "description", N_("A short description.")),
    ("--description-en", "description_en", N_("The description in English.")),
]
_NAMES = {key: flag for flag, key, *_ in PLATFORM_OPTIONS} | {"name": "NAME"}


@click.group(invoke_without_command=True)
@format_option
@click.pass_context
def platforms(ctx, fmt):
    """List the public service platforms.

    \b
    Examples:
      promo platforms
      promo platforms add 公共检测平台 --level 园区级 --carrier 创新大厦
    """
    if ctx.invoked_subcommand:
        return
    from promo import resources, views

    views.PLATFORMS.show(resources.platforms(catalogue(ctx)), fmt)


@platforms.command("add")
@click.argument("name")
@click.option("--code", help="A short code (default: from the English name).")
@options(PLATFORM_OPTIONS)
@click.pass_context
def add(ctx, name, **given):
    """Add a public service platform.

    \b
    Example:
      promo platforms add 公共检测平台 --kind 检测 --level 园区级 --carrier 创新大厦
    """
    from promo.edit import carriers

    raw = fields_from(given)
    refuse_empty(raw, _NAMES)
    row = journaled(ctx, carriers.add_platform, dict(raw, name=name), names=_NAMES)
    say(_("added platform {name} ({code})").format(name=row["name"], code=row["code"]))


@platforms.command("update")
@click.argument("name")
@click.option("--name", "new_name", help="A new name.")
@options(PLATFORM_OPTIONS)
@click.pass_context
def update(ctx, name, new_name, **given):
    """Change a platform's fields; '' clears one.

    \b
    Example:
      promo platforms update 公共检测平台 --level 市级
    """
    from promo.edit import carriers

    raw = fields_from(dict(given, name=new_name))
    row = journaled(ctx, carriers.update_platform, name, raw, names=_NAMES | {"name": "--name"})
    say(_("updated platform {name}").format(name=row["name"]))


@platforms.command("remove")
@click.argument("name")
@click.pass_context
def remove(ctx, name):
    """Remove a platform.

    \b
    Example:
      promo platforms remove 公共检测平台
    """
    from promo.edit import carriers

    row = journaled(ctx, carriers.remove_platform, name)
    say(_("removed platform {name}").format(name=row["name"]))
