"""Build a fresh catalogue from the plain seed files in seeds/.

The catalogue is built in a temporary file beside the target and moved into place in one step, so an
interrupted or failed build never leaves a half-built catalogue behind. Rebuilding or restoring an existing
catalogue is promo.rebuild's work.
"""

from __future__ import annotations

import os
from pathlib import Path

from promo.errors import CatalogueError, error_words
from promo.i18n import _, ngettext
from promo.seed_loaders import SeedError, load, read_csv, seeds_dir  # noqa: F401 (the seeds API)


def build_file(tmp: Path, directory: Path | None = None, loader=None) -> str:
    """Build the seed catalogue (or with `loader(conn, directory)` another) into the new file `tmp`,
    owner-only; returns a one-line summary."""
    from promo.db import connect, migrate
    from promo.files import create_private

    create_private(tmp)  # SQLite gives the -wal and -shm the mode of the file they belong to
    conn = connect(tmp)
    try:
        migrate(conn)
        counts = (loader or load)(conn, directory)
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    return _(", ").join(_count(table, n) for table, n in counts.items())


def _count(table: str, n: int) -> str:
    """'10 carriers' in the user's language; a table without a wording is shown by its name."""
    if table == "carriers":
        return ngettext("{n} carrier", "{n} carriers", n).format(n=n)
    if table == "units":
        return ngettext("{n} unit", "{n} units", n).format(n=n)
    if table == "enterprises":
        return ngettext("{n} enterprise", "{n} enterprises", n).format(n=n)
    if table == "policies":
        return ngettext("{n} policy", "{n} policies", n).format(n=n)
    if table == "facility kinds":
        return ngettext("{n} facility kind", "{n} facility kinds", n).format(n=n)

    return f"{n} {table}"


def build_catalogue(path: str | os.PathLike, *, directory: Path | None = None, loader=None) -> str:
    """Build the seed catalogue at a path where there is none yet, atomically; returns a summary."""
    from promo.files import fsync_dir, remove_sidecars, temp_name

    path = Path(path)
    if path.exists():
        raise _exists(path)
    if path.parent and not path.parent.exists():
        raise CatalogueError(
            _("cannot create {path}: folder {folder} does not exist").format(path=path, folder=path.parent)
        )
    tmp = temp_name(path, "building")
    try:
        summary = build_file(tmp, directory, loader)
        if not path.exists():  # a -wal left by a catalogue deleted by hand must not be replayed onto this one
            remove_sidecars(path)
        _publish_new(tmp, path)
        fsync_dir(path.parent)
    except PermissionError as exc:
        raise CatalogueError(
            _("cannot write the catalogue at {path}: {error}").format(path=path, error=error_words(exc))
        ) from None
    finally:
        remove_sidecars(tmp, including_file=True)
    return summary


class CatalogueExists(CatalogueError):
    """The catalogue to build is there already (perhaps another promo process built it a moment ago)."""


def _exists(path: Path) -> CatalogueExists:
    return CatalogueExists(
        _("{path} exists already").format(path=path),
        _("use {command} to rebuild it from the seeds").format(command="promo init --force"),
    )


def _publish_new(tmp: Path, path: Path) -> None:
    """Move a freshly built catalogue into place only if there is still nothing there.

    Two promo processes started at once on a missing catalogue both build one; a plain rename would let
    the second replace the first after the first had already written to it. A hard link fails instead
    when the name is taken, and the loser uses the winner's catalogue.
    """
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise _exists(path) from None
    except OSError:  # a file system without hard links: the narrow race is back, but the build still works
        if path.exists():
            raise CatalogueExists(_("{path} exists already").format(path=path)) from None
        os.replace(tmp, path)
