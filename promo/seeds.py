"""Build a fresh catalogue from the plain seed files in seeds/.

The catalogue is built in a temporary file beside the target and moved into place in one step, so an
interrupted or failed build never leaves a half-built catalogue behind.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from promo.errors import CatalogueError
from promo.seed_loaders import SeedError, load, read_csv, seeds_dir  # noqa: F401 (the seeds API)


def build_catalogue(path: str | os.PathLike, *, force=False, directory: Path | None = None, loader=None) -> str:
    """Build the seed catalogue (or with `loader(conn, directory)` another) at `path` atomically; returns a summary."""
    from promo.db import connect, migrate

    path = Path(path)
    if path.exists():
        if not force:
            raise CatalogueExists(f"{path} exists already", "use promo init --force to rebuild it from the seeds")
        check_replaceable(path)
    if path.parent and not path.parent.exists():
        raise CatalogueError(f"cannot create {path}: folder {path.parent} does not exist")
    tmp = path.with_name(f".{path.name}.building-{os.getpid()}")
    try:
        conn = connect(tmp)
        try:
            migrate(conn)
            counts = (loader or load)(conn, directory)
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        if force and path.exists():
            _retire(path)
            os.replace(tmp, path)
        else:
            _publish_new(tmp, path)
    except PermissionError as exc:
        raise CatalogueError(f"cannot write the catalogue at {path}: {exc.strerror}") from None
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
            if leftover.exists():
                leftover.unlink()
    return ", ".join(f"{n} {k}" for k, n in counts.items())


def check_replaceable(path: Path) -> None:
    """Refuse to replace anything but a writable SQLite file: --force rebuilds catalogues, nothing else."""
    if path.is_dir():
        raise CatalogueError(f"{path} is a directory, not a promo catalogue")
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise CatalogueError(f"{path} is not a SQLite catalogue; promo will not overwrite it, even with --force")
    if not os.access(path, os.W_OK):
        raise CatalogueError(f"{path} is read-only; promo will not replace it, even with --force")


def backup_catalogue(path: str | os.PathLike) -> Path:
    """Copy a catalogue to PATH.bak (through SQLite's backup API, so a WAL in use is included); returns it.

    `promo init --force` keeps the catalogue it replaces this way: it cannot be undone otherwise.
    """
    from promo.db import connect

    path = Path(path)
    target = path.with_name(path.name + ".bak")
    tmp = path.with_name(f".{target.name}.{os.getpid()}")
    source = connect(path)
    try:
        dest = sqlite3.connect(tmp)
        try:
            source.backup(dest)
        finally:
            dest.close()
        os.replace(tmp, target)
    except (sqlite3.DatabaseError, OSError) as exc:
        raise CatalogueError(f"could not keep a copy of {path} before rebuilding it: {exc}") from None
    finally:
        source.close()
        if tmp.exists():
            tmp.unlink()
    return target


class CatalogueExists(CatalogueError):
    """The catalogue to build is there already (perhaps another promo process built it a moment ago)."""


def _publish_new(tmp: Path, path: Path) -> None:
    """Move a freshly built catalogue into place only if there is still nothing there.

    Two promo processes started at once on a missing catalogue both build one; a plain rename would let
    the second replace the first after the first had already written to it. A hard link fails instead
    when the name is taken, and the loser uses the winner's catalogue.
    """
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise CatalogueExists(f"{path} exists already", "use promo init --force to rebuild it from the seeds") from None
    except OSError:  # a file system without hard links: the narrow race is back, but the build still works
        if path.exists():
            raise CatalogueExists(f"{path} exists already") from None
        os.replace(tmp, path)


def _retire(path: Path) -> None:
    """Checkpoint an old catalogue so its -wal file cannot be replayed onto the new one."""
    from promo.db import connect

    try:
        old = connect(path)
        old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        old.close()
    except sqlite3.DatabaseError:
        pass
    for side in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        if side.exists():
            side.unlink()
