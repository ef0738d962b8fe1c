"""promo backup, restore and doctor: copies of the catalogue, bringing one back, and checking it."""

from __future__ import annotations

import click

from promo.commands.common import KEEP, catalogue, format_option, say
from promo.i18n import N_, _, ngettext


def _path(ctx):
    from promo.db import resolve_path

    return resolve_path(ctx.find_root().obj.get("db_path"))


@click.command()
@click.argument("file", required=False, type=click.Path(dir_okay=True))
@click.option("--keep", type=KEEP, default=None, help="Dated backups kept (default $PROMO_KEEP_BACKUPS, else 10).")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.pass_context
def backup(ctx, file, keep, force):
    """Copy the catalogue, safely while others use it (SQLite's online backup).

    Without FILE, a dated copy goes beside the catalogue (CATALOGUE.2026-12-02T10-30-00.bak) and
    only the newest --keep are kept. The copy is readable by its owner only.

    \b
    Examples:
      promo backup
      promo backup /mnt/usb/catalogue-copy.db
    """
    from pathlib import Path

    from promo import rebuild

    if file is not None and not file.strip():
        raise click.BadParameter(
            _("is empty; give a file name, or leave FILE out for a dated copy"), param_hint=_("FILE")
        )
    path = _path(ctx)
    catalogue(ctx)  # a promo catalogue, migrated: refused otherwise before anything is written
    made = rebuild.backup(path, Path(file) if file else None, keep=keep, force=force)
    say(_("backed up {path} to {copy}").format(path=path, copy=made), err=True)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--keep", type=KEEP, default=None, help="Dated backups kept (default $PROMO_KEEP_BACKUPS, else 10).")
@click.option("--replace-foreign", is_flag=True, help="Replace a catalogue path holding another application's file.")
@click.pass_context
def restore(ctx, file, keep, replace_foreign):
    """Bring back a backup: the catalogue becomes a copy of FILE.

    FILE must be a promo catalogue. What the catalogue held is kept as a dated backup first, and
    stale -wal/-shm files of the catalogue are removed, so nothing old is replayed onto it.

    \b
    Examples:
      promo restore catalogue.2026-12-02T10-30-00.bak
      promo --db other.db restore /mnt/usb/catalogue-copy.db
    """
    from pathlib import Path

    from promo import rebuild

    if not file.strip():
        raise click.BadParameter(_("is empty; give the backup file to restore"), param_hint=_("FILE"))
    path = _path(ctx)
    kept = rebuild.restore(path, Path(file), keep=keep, replace_foreign=replace_foreign)
    say(_("restored {path} from {file}").format(path=path, file=file), err=True)
    if kept:
        say(
            _("what it held before is kept as {kept}; to go back: promo --db {path} restore {kept}").format(
                kept=kept, path=path
            ),
            err=True,
        )


@click.command()
@click.option("--reindex", is_flag=True, help="Rebuild the search index from the lists first, then check.")
@format_option
@click.pass_context
def doctor(ctx, reindex, fmt):
    """Check the catalogue: SQLite's integrity and foreign keys, promo's own rules and the search index.

    Exits 1 when something is wrong, listing what and where.

    \b
    Examples:
      promo doctor
      promo doctor --reindex
      promo doctor --format json
    """
    from promo.doctor import diagnose
    from promo.render import Column, render

    conn = catalogue(ctx)
    if reindex:
        from promo.search_index import reindex as rebuild_index

        say(_("search index rebuilt: {n:,} records").format(n=rebuild_index(conn)), err=True)
    problems = diagnose(conn)
    columns = [Column("check", N_("Check")), Column("where", N_("Where")), Column("problem", N_("Problem"))]
    if not problems:
        if fmt == "table":
            say(_("the catalogue is healthy: integrity, foreign keys and promo's rules all pass"))
        else:
            render([], columns, fmt)
        return
    title = ngettext("{n} problem found", "{n} problems found", len(problems)).format(n=len(problems))
    render(problems, columns, fmt, title=title)
    ctx.exit(1)
