"""Dated backups, restore and rebuild of a catalogue, each under the catalogue's write lock.

A catalogue is never copied as a file (a -wal beside it would be left out) and never swapped by a
rename while someone may write to it (their write would land in the old file and be lost): backups go
through SQLite's online backup API, and a rebuild or restore replaces the contents of the live file in
one transaction that holds the write lock from the backup of the old contents to the commit of the new.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import sqlite3
import stat
from pathlib import Path

from promo import files
from promo.errors import BadValue, CatalogueError, Rejected, error_words
from promo.files import glob_escape, remove_sidecars, temp_name
from promo.i18n import N_, _

KEEP_DEFAULT = 10
KEEP_ENV = "PROMO_KEEP_BACKUPS"


def keep_count(value: int | None = None) -> int:
    """How many dated backups are kept: --keep, else $PROMO_KEEP_BACKUPS, else 10."""
    if value is not None:
        return value
    raw = os.environ.get(KEEP_ENV, "")
    if not raw.strip():
        return KEEP_DEFAULT
    try:
        n = int(raw)
    except ValueError:
        n = 0
    if n < 1:
        raise BadValue(KEEP_ENV, raw, _("not a whole number of at least 1"))
    return n


def dated_name(path: Path, when: _dt.datetime | None = None) -> Path:
    """CATALOGUE.2026-12-02T10-30-00.bak beside the catalogue; -2, -3 … when that second is taken."""
    from promo.db import now

    stamp = (when or _dt.datetime.fromisoformat(now())).strftime("%Y-%m-%dT%H-%M-%S")
    base = path.stem if path.suffix else path.name
    candidate = path.with_name(f"{base}.{stamp}.bak")
    n = 2
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{base}.{stamp}-{n}.bak")
        n += 1
    return candidate


def dated_backups(path: Path) -> list[Path]:
    """The dated backups of catalogue `path`, oldest first."""
    base = path.stem if path.suffix else path.name
    pattern = re.compile(rf"^{re.escape(base)}\.(\d{{4}}-\d\d-\d\dT\d\d-\d\d-\d\d)(?:-(\d+))?\.bak$")
    found = []
    for p in path.parent.glob(f"{glob_escape(base)}.*.bak"):
        m = pattern.match(p.name)
        if m:
            found.append(((m.group(1), int(m.group(2) or 1)), p))
    return [p for _, p in sorted(found)]


def prune(path: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` dated backups of `path`; returns those deleted."""
    old = dated_backups(path)[:-keep] if keep > 0 else []
    for p in old:
        p.unlink(missing_ok=True)
    return old


def copy_to(source: Path, target: Path, *, force: bool = False) -> Path:
    """Copy catalogue `source` to a new file `target` through the backup API (its -wal included); 0600."""
    files.check_output(target, force=force, what=N_("the backup"), option="FILE", database=True)
    tmp = temp_name(target, "backup")
    remove_sidecars(tmp, including_file=True)
    try:
        files.create_private(tmp)
        src = _reader(source)
        try:
            dest = sqlite3.connect(tmp)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                dest.close()
        finally:
            src.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        files.publish(tmp, target, force=force, what=N_("the backup"))
    except sqlite3.DatabaseError as exc:
        raise CatalogueError(
            _("could not copy {source} to {target}: {error}").format(source=source, target=target, error=exc)
        ) from None
    except OSError as exc:
        raise Rejected(
            _("could not write the backup {target}: {error}").format(target=target, error=error_words(exc))
        ) from None
    finally:
        remove_sidecars(tmp, including_file=True)
    return target


def _reader(path: Path) -> sqlite3.Connection:
    from promo.db import connect, connect_read_only, writable_folder

    return connect(path) if writable_folder(path) else connect_read_only(path)


def backup(path: Path, target: Path | None = None, *, keep: int | None = None, force: bool = False) -> Path:
    """`promo backup`: a dated copy beside the catalogue (older ones pruned to `keep`), or a copy to `target`."""
    if target is not None and files.same_file(target, path):
        raise BadValue("FILE", str(target), _("is the catalogue itself; give another file for the copy"))
    made = copy_to(path, target if target is not None else dated_name(path), force=force)
    if not _healthy(made):
        # a copy of a damaged catalogue must not push the last good backups out of the --keep window
        raise CatalogueError(
            _(
                "the catalogue {path} is damaged (SQLite's integrity check fails): the copy {copy} was made, "
                "but no older backup was removed"
            ).format(path=path, copy=made),
            _("promo doctor says what is wrong; promo restore brings back an older backup"),
        )
    if target is None:
        prune(path, keep_count(keep))
    return made


def replace_contents(path: Path, source: Path, *, keep: int | None = None) -> Path:
    """Make the catalogue at `path` hold what `source` holds, keeping a dated backup of what it held.

    One transaction on the live file: the write lock is taken first, the backup is read while it is held
    (no one can commit in between), and the new contents are committed with it released only at the end.
    A promo command that waited meanwhile is refused (db.write sees the schema changed under it).
    """
    from promo.db import connect

    keep = keep_count(keep)
    live = connect(path)
    try:
        live.execute("PRAGMA foreign_keys = OFF")  # tables are dropped and filled in any order
        live.execute("ATTACH DATABASE ? AS fresh", (str(source),))
        live.execute("BEGIN IMMEDIATE")
        try:
            kept = copy_to(path, dated_name(path))
            _swap(live)
            live.execute("COMMIT")
        except BaseException:
            live.execute("ROLLBACK")
            raise
        live.execute("DETACH DATABASE fresh")
        live.execute("PRAGMA wal_checkpoint(PASSIVE)")
    except sqlite3.DatabaseError as exc:
        raise CatalogueError(
            _("could not replace the contents of {path}: {error}").format(path=path, error=exc)
        ) from None
    finally:
        live.close()
    prune(path, keep)
    return kept


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _swap(live: sqlite3.Connection) -> None:
    """Inside the caller's transaction: drop everything in main, recreate and fill it from `fresh`."""
    for kind in ("view", "trigger"):
        for (name,) in live.execute(f"SELECT name FROM main.sqlite_master WHERE type = '{kind}'").fetchall():
            live.execute(f"DROP {kind.upper()} main.{_q(name)}")
    virtual = "type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
    for (name,) in live.execute(f"SELECT name FROM main.sqlite_master WHERE {virtual}").fetchall():
        live.execute(f"DROP TABLE main.{_q(name)}")
    tables = "type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    for (name,) in live.execute(f"SELECT name FROM main.sqlite_master WHERE {tables}").fetchall():
        live.execute(f"DROP TABLE main.{_q(name)}")
    made = live.execute(
        f"SELECT name, sql FROM fresh.sqlite_master WHERE {tables} ORDER BY sql LIKE 'CREATE VIRTUAL%' DESC, rowid"
    ).fetchall()
    for name, sql in made:
        exists = live.execute("SELECT 1 FROM main.sqlite_master WHERE name = ?", (name,)).fetchone()
        if not exists:  # shadow tables of a virtual table exist once the virtual table does
            live.execute(sql)
    for name, sql in made:
        if sql.upper().startswith("CREATE VIRTUAL"):
            continue
        cols = ", ".join(_q(r[1]) for r in live.execute(f"PRAGMA fresh.table_xinfo({_q(name)})") if r[6] == 0)
        live.execute(f"DELETE FROM main.{_q(name)}")
        live.execute(f"INSERT INTO main.{_q(name)} ({cols}) SELECT {cols} FROM fresh.{_q(name)}")
    if live.execute("SELECT 1 FROM fresh.sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        live.execute("DELETE FROM main.sqlite_sequence")
        live.execute("INSERT INTO main.sqlite_sequence SELECT * FROM fresh.sqlite_sequence")
    for (sql,) in live.execute(
        "SELECT sql FROM fresh.sqlite_master WHERE type IN ('index', 'trigger', 'view') AND sql IS NOT NULL "
        "ORDER BY type = 'view' DESC, rowid"
    ).fetchall():
        live.execute(sql)
    version = live.execute("PRAGMA fresh.user_version").fetchone()[0]
    live.execute(f"PRAGMA main.user_version = {int(version)}")


def set_aside(path: Path) -> Path:
    """Rename a file promo cannot open as a database (damaged) to a dated name, with its -wal/-shm."""
    aside = dated_name(path)
    os.replace(path, aside)
    for s in files.SIDECARS:
        side = Path(f"{path}{s}")
        if side.exists():
            os.replace(side, Path(f"{aside}{s}"))
    files.fsync_dir(path.parent)
    return aside


def check_source(source: Path) -> int:
    """A file `promo restore` may take: a promo catalogue this promo can read; returns its schema version."""
    from promo.db import check_file, connect_read_only, is_promo
    from promo.schema import latest_version

    check_file(source)
    try:
        conn = connect_read_only(source)
        try:
            promo, version = is_promo(conn), conn.execute("PRAGMA user_version").fetchone()[0]
            healthy = promo and conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CatalogueError(
            _("{path} cannot be read as a promo catalogue: {error}").format(path=source, error=exc)
        ) from None
    if not promo:
        raise CatalogueError(
            _("{path} is a SQLite database but not a promo catalogue; nothing was restored").format(path=source)
        )
    if not healthy:
        raise CatalogueError(
            _("{path} is damaged (SQLite's integrity check fails); nothing was restored").format(path=source),
            _("restore an older backup; promo --db {path} doctor says what is wrong").format(path=source),
        )
    if version > latest_version():
        raise CatalogueError(
            _("{path} was made by a newer promo (schema version {version}); nothing was restored").format(
                path=source, version=version
            )
        )
    return version


def check_replaceable(path: Path, *, replace_foreign: bool = False) -> bool:
    """Whether the file at `path` is a promo catalogue; Rejected when it may not be replaced at all."""
    from promo.db import SQLITE_MAGIC, connect_read_only, is_promo, stat_path

    st = stat_path(path)
    if st is None or not stat.S_ISREG(st.st_mode):
        raise CatalogueError(_("{path} is not a regular file; promo will not replace it").format(path=path))
    if not os.access(path, os.W_OK):
        raise CatalogueError(_("{path} is read-only; promo will not replace it, even with --force").format(path=path))
    if not os.access(path.parent, os.W_OK | os.X_OK):  # the new catalogue is built beside it, then renamed over it
        raise CatalogueError(
            _("{path} is in a read-only folder; promo will not replace it, even with --force").format(path=path)
        )
    with open(path, "rb") as fh:
        sqlite = fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    promo = False
    if sqlite:
        try:
            conn = connect_read_only(path)
            try:
                promo = is_promo(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            promo = True  # a damaged catalogue is what a rebuild or restore is for
    if not promo and not replace_foreign:
        if sqlite:
            why = _(
                "{path} is a SQLite database of another application, not a promo catalogue; promo will not replace it"
            )
        else:
            why = _("{path} is not a SQLite database, not a promo catalogue; promo will not replace it")
        raise CatalogueError(
            why.format(path=path),
            _("to replace it all the same (it is kept as a dated .bak): add --replace-foreign"),
        )
    return promo


def install(path: Path, new: Path, *, keep: int | None = None, replace_foreign: bool = False) -> Path | None:
    """Put the catalogue file `new` (promo's own temporary file) in place at `path`; returns the backup kept.

    An existing catalogue gets the new contents under its write lock; a damaged or foreign file is
    renamed aside with its -wal/-shm; where there is nothing, stale -wal/-shm go before `new` moves in.
    """
    from promo.db import stat_path

    if stat_path(path) is not None:
        check_replaceable(path, replace_foreign=replace_foreign)
        try:
            return replace_contents(path, new, keep=keep)
        except CatalogueError:
            if _healthy(path):
                raise
        kept = set_aside(path)
    else:
        kept = None
        remove_sidecars(path)
    try:
        os.link(new, path)
    except FileExistsError:
        raise Rejected(
            _("{path} appeared while promo was writing it; nothing was replaced").format(path=path)
        ) from None
    files.fsync_dir(path.parent)
    return kept


def _healthy(path: Path) -> bool:
    from promo.db import connect

    try:
        conn = connect(path)
        try:
            return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def restore(path: Path, source: Path, *, keep: int | None = None, replace_foreign: bool = False) -> Path | None:
    """`promo restore`: the catalogue at `path` becomes a copy of `source`; returns the backup of what it held."""
    check_source(source)
    files.clean_leftovers(path)
    if path.exists() and source.resolve() == path.resolve():
        raise Rejected(_("{path} is the catalogue itself; nothing to restore").format(path=source))
    if path.exists():
        check_replaceable(path, replace_foreign=replace_foreign)  # a read-only file or folder: said before the copy
    snapshot = temp_name(path, "restore")
    remove_sidecars(snapshot, including_file=True)
    try:
        copy_to(source, snapshot)
        return install(path, snapshot, keep=keep, replace_foreign=replace_foreign)
    finally:
        remove_sidecars(snapshot, including_file=True)


def rebuild(
    path: Path, *, keep: int | None = None, replace_foreign: bool = False, loader=None
) -> tuple[str, Path | None]:
    """`promo init --force`: the seed catalogue at `path`, keeping a dated backup of what was there."""
    from promo.seeds import build_file

    files.clean_leftovers(path)
    if path.exists():
        check_replaceable(path, replace_foreign=replace_foreign)  # before the build, not after it
    tmp = temp_name(path, "building")
    remove_sidecars(tmp, including_file=True)
    try:
        summary = build_file(tmp, loader=loader)
        return summary, install(path, tmp, keep=keep, replace_foreign=replace_foreign)
    finally:
        remove_sidecars(tmp, including_file=True)
