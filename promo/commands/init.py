"""promo init: build the catalogue from the seed files, or an empty one for a zone of one's own."""

from __future__ import annotations

import click

from promo.commands.common import KEEP, confirm, say, yes_option
from promo.i18n import _


@click.command()
@click.option(
    "--force",
    is_flag=True,
    help="Rebuild an existing catalogue; the old one is kept as a dated backup (promo restore brings it back).",
)
@click.option("--empty", is_flag=True, help="Start a zone of your own: no carriers, units, policies or chain.")
@click.option("--zone", "zone_name", metavar="NAME", help="With --empty: the zone's name, e.g. 某某高新区.")
@click.option("--zone-en", metavar="NAME", help="With --empty: the zone's English name.")
@click.option("--keep", type=KEEP, default=None, help="Dated backups kept (default $PROMO_KEEP_BACKUPS, else 10).")
@click.option("--replace-foreign", is_flag=True, help="With --force: replace a file that is not a promo catalogue.")
@yes_option
@click.pass_context
def init(ctx, force, empty, zone_name, zone_en, keep, replace_foreign, yes):
    """Build the catalogue from the seed data (seeds/), or with --empty a zone of your own.

    Every other command builds the default catalogue by itself when it is missing; use init to
    start again from the seeds, or to make a catalogue at another path. An --empty catalogue has the
    reference lists (stages, facility kinds, countries) and nothing of the seed zone. A rebuild holds the
    catalogue's write lock throughout and keeps a dated backup, so no one's change is lost.

    \b
    Examples:
      promo init --force          (asks first on a terminal; --yes in scripts)
      promo --db /tmp/test.db init
      promo --db mine.db init --empty --zone 示例高新区
    """
    from promo import rebuild
    from promo.db import resolve_path, stat_path
    from promo.seeds import build_catalogue

    loader = None
    if empty:
        if zone_name is None or not zone_name.strip():
            raise click.BadParameter(_("give the zone's name, e.g. --zone 示例高新区"), param_hint="'--zone'")
        from promo.commands.common import parse_or_usage
        from promo.edit.zone import empty_loader

        loader = parse_or_usage(empty_loader, zone_name.strip(), zone_en.strip() if zone_en else None)
    elif zone_name is not None or zone_en is not None:
        raise click.BadParameter(_("names the zone of an --empty catalogue; add --empty"), param_hint="'--zone'")
    path = resolve_path(ctx.find_root().obj.get("db_path"))
    if force and stat_path(path) is not None:
        question = (
            _(
                "Replace the catalogue {path} with an empty catalogue for {zone}? "
                "(the current one is kept as a dated backup)"
            )
            if empty
            else _(
                "Replace the catalogue {path} with a fresh one from the seed data? "
                "(the current one is kept as a dated backup)"
            )
        )
        confirm(
            question.format(path=path, zone=zone_name.strip() if empty else ""),
            yes=yes,
            command="promo init --force",
        )
        summary, kept = rebuild.rebuild(path, keep=keep, replace_foreign=replace_foreign, loader=loader)
    else:
        summary, kept = build_catalogue(path, loader=loader), None
    if empty:
        say(
            _("built {path}, an empty catalogue for {v1}: {summary}").format(
                path=path, v1=zone_name.strip(), summary=summary
            ),
            err=True,
        )
    else:
        say(_("built {path} from the seed data: {summary}").format(path=path, summary=summary), err=True)
    if kept:
        say(
            _("the previous catalogue is kept as {kept}; to go back: promo --db {path} restore {kept}").format(
                kept=kept, path=path
            ),
            err=True,
        )
