"""promo config and promo where: the catalogue that follows the user, from any folder."""

from __future__ import annotations

import click

from promo.commands.common import format_option, say
from promo.i18n import N_, _


@click.group(invoke_without_command=True)
@click.pass_context
def config(ctx):
    """The user's settings, kept in the platform's config folder: which catalogue promo uses from any folder.

    \b
    Examples:
      promo config set db ~/招商/catalogue.db
      promo config show
      promo config unset db
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(show)


@config.command("show")
@format_option
def show(fmt):
    """Every setting with its value, and the file they are kept in.

    \b
    Examples:
      promo config show
      promo config show --format json
    """
    from promo import config as settings
    from promo.render import Column, render

    saved = settings.settings()
    rows = [{"key": k, "value": saved.get(k, ""), "meaning": _(meaning)} for k, meaning in settings.KEYS.items()]
    if fmt == "table":
        rows = [{**r, "value": settings.shown(r["value"]) if r["value"] else ""} for r in rows]
    render(
        rows,
        [Column("key", N_("Setting")), Column("value", N_("Value")), Column("meaning", N_("Meaning"))],
        fmt,
        caption=_("kept in {file}").format(file=settings.shown(settings.file())),
    )


@config.command("set")
@click.argument("key")
@click.argument("value")
def set_(key, value):
    """Save a setting: `db PATH` makes PATH the catalogue promo uses from any folder (--db and PROMO_DB still win).

    \b
    Examples:
      promo config set db ~/招商/catalogue.db
    """
    from promo import config as settings

    value, path = settings.set_value(key, value)  # a refusal keeps its hint (what to do instead)
    shown = settings.shown(value) if key == "db" else value
    say(_("{key} = {value} (saved in {file})").format(key=key, value=shown, file=settings.shown(path)))
    if key == "db":
        from pathlib import Path

        if not Path(value).exists():
            say(
                _("note: there is no catalogue at {path} yet; build it there with: promo init").format(
                    path=settings.shown(value)
                ),
                err=True,
            )


@config.command("unset")
@click.argument("key")
def unset(key):
    """Remove a setting: without `db`, promo uses ./catalogue.db in the current folder again.

    \b
    Examples:
      promo config unset db
    """
    from promo import config as settings
    from promo.commands.common import parse_or_usage

    was, path = parse_or_usage(settings.unset, key)
    if was:
        say(_("{key} removed (from {file})").format(key=key, file=settings.shown(path)))
    else:
        say(_("{key} was not set; nothing changed").format(key=key))


_WHY = {
    "--db": N_("given with --db"),
    "PROMO_DB": N_("from the PROMO_DB environment variable"),
    "config": N_("configured with promo config set db (in {file})"),  # file: shown()
    "default": N_("nothing configured: ./catalogue.db in the current folder (promo config set db PATH to change)"),
}


@click.command()
@format_option
@click.pass_context
def where(ctx, fmt):
    """Which catalogue promo uses here, and why: --db, PROMO_DB, the configuration or ./catalogue.db.

    \b
    Examples:
      promo where
      promo --db other.db where
    """
    from promo import config as settings
    from promo.db import stat_path

    root = ctx.find_root().obj or {}
    path, source = settings.catalogue_choice(root.get("db_path"), root.get("db_source"))
    exists = stat_path(path) is not None
    row = {
        "path": str(path.resolve()),
        "source": source,
        "why": _(_WHY[source]).format(file=settings.shown(settings.file())),
        "exists": exists,
        "config_file": str(settings.file()),
    }
    if fmt != "table":
        from promo.render import Column, render

        render([row], [Column(k, k) for k in row], fmt)
        return
    say(settings.shown(row["path"]))
    say(f"  {row['why']}")
    if not exists:
        say(
            "  "
            + (
                _("it does not exist yet: promo builds it on first use")
                if source == "default"
                else _("it does not exist yet: promo init")
            )
        )
