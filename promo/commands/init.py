"""promo init: build the catalogue from the seed files."""

from __future__ import annotations

import click

from promo.commands.common import KEEP, say


@click.command()
@click.option(
    "--force",
    is_flag=True,
    help="Rebuild an existing catalogue; the old one is kept as a dated backup (promo restore brings it back).",
)
@click.option("--keep", type=KEEP, default=None, help="Dated backups kept (default $PROMO_KEEP_BACKUPS, else 10).")
@click.option("--replace-foreign", is_flag=True, help="With --force: replace a file that is not a promo catalogue.")
@click.pass_context
def init(ctx, force, keep, replace_foreign):
    """Build the catalogue from the seed data (seeds/).

    Every other command builds the default catalogue by itself when it is missing; use init to
    start again from the seeds, or to make a catalogue at another path. A rebuild holds the
    catalogue's write lock throughout, so no one's change is lost in between.

    \b
    Examples:
      promo init --force
      promo --db /tmp/test.db init
    """
    from promo import rebuild
    from promo.db import resolve_path, stat_path
    from promo.seeds import build_catalogue

    path = resolve_path(ctx.find_root().obj.get("db_path"))
    if force and stat_path(path) is not None:
        summary, kept = rebuild.rebuild(path, keep=keep, replace_foreign=replace_foreign)
    else:
        summary, kept = build_catalogue(path), None
    say(f"built {path} from the seed data: {summary}", err=True)
    if kept:
        say(f"the previous catalogue is kept as {kept}; to go back: promo --db {path} restore {kept}", err=True)
