"""promo init: build the catalogue from the seed files."""

from __future__ import annotations

import click


@click.command()
@click.option(
    "--force",
    is_flag=True,
    help="Rebuild an existing catalogue; the old one is kept as CATALOGUE.bak (undo cannot bring it back).",
)
@click.pass_context
def init(ctx, force):
    """Build the catalogue from the seed data (seeds/).

    Every other command builds the default catalogue by itself when it is missing; use init to
    start again from the seeds, or to make a catalogue at another path.

    \b
    Examples:
      promo init --force
      promo --db /tmp/test.db init
    """
    from promo.db import resolve_path
    from promo.seeds import backup_catalogue, build_catalogue, check_replaceable

    path = resolve_path(ctx.find_root().obj.get("db_path"))
    kept = None
    if force and path.is_file():
        check_replaceable(path)
        kept = backup_catalogue(path)
    summary = build_catalogue(path, force=force)
    click.echo(f"built {path} from the seed data: {summary}", err=True)
    if kept:
        click.echo(f"the previous catalogue is kept as {kept}; to go back: mv {kept} {path}", err=True)
