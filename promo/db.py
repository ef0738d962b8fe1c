"""Opening a catalogue: checks, pragmas, forward migrations, and the one-transaction write."""

from __future__ import annotations

import datetime as _dt
import getpass
import os
import shlex
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from promo.errors import CatalogueError
from promo.schema import MIGRATIONS, latest_version
from promo.schema_own import m005_own_lists  # noqa: F401 - registers migration 5
from promo.schema_after_signing import m006_after_signing  # noqa: F401, I001 - registers migration 6, after 5
from promo import search_index  # noqa: I001 - registers migration 7, after 6
from promo.schema_min_jobs import m008_min_jobs  # noqa: F401, I001 - registers migration 8, after 7
from promo.schema_carrier_samples import m009_carrier_sample_fields  # noqa: F401, I001 - migration 9, after 8

DEFAULT_PATH = "catalogue.db"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000


def resolve_path(path: str | os.PathLike | None) -> Path:
    """The catalogue path: --db, else $PROMO_DB, else ./catalogue.db."""
    return Path(path or os.environ.get("PROMO_DB") or DEFAULT_PATH)


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise CatalogueError(f"{path} is a directory, not a promo catalogue", "pass a file with --db")
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise CatalogueError(f"cannot read catalogue {path}: {exc.strerror}") from None
    if head != SQLITE_MAGIC:
        what = "an empty file" if not head else "not a SQLite database"
        raise CatalogueError(
            f"{path} is {what}, not a promo catalogue; it was left untouched",
            "point --db at a catalogue, or build a new one with: promo --db NEW.db init",
        )


def connect(path: str | os.PathLike) -> sqlite3.Connection:
    """A raw connection with promo's pragmas: foreign keys, WAL, busy timeout; no schema checks."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def open_catalogue(path: str | os.PathLike | None = None) -> sqlite3.Connection:
    """Open (and if needed migrate) the existing catalogue at `path`; a missing one is refused.

    Building the default ./catalogue.db from the seeds is promo.opening.open_or_build's job, so a mistyped
    --db or PROMO_DB never quietly becomes a new catalogue that the next command writes to.
    """
    path = resolve_path(path)
    if not path.exists():
        raise CatalogueError(
            f"no catalogue at {path}",
            f"check the path; to start a new catalogue there from the seed data: promo --db {path} init",
        )
    _check_file(path)
    try:
        conn = connect(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise CatalogueError(f"{path} cannot be opened as a promo catalogue: {exc}") from None
    if version == 0:
        conn.close()
        raise CatalogueError(
            f"{path} is a SQLite database but not a promo catalogue (schema version 0); it was left untouched",
            "build a new catalogue with: promo --db NEW.db init",
        )
    newest = latest_version()
    if version > newest:
        conn.close()
        raise CatalogueError(
            f"{path} was made by a newer promo (schema version {version}; this promo knows up to {newest}); "
            "it was left untouched",
            "install the newer promo that wrote it (pip install --upgrade from its source), then try again",
        )
    try:
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError:
        pass  # a read-only file or directory: reads still work in the journal mode it has
    if version < newest:
        migrate(conn)
    return conn


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration newer than the catalogue, each in one transaction with its version bump."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for number in sorted(n for n in MIGRATIONS if n > version):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the lock.
            if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                conn.execute("ROLLBACK")
                continue
            MIGRATIONS[number](conn)
            conn.execute(f"PRAGMA user_version = {int(number)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = number
    return version


def now() -> str:
    """The current local time, to the second, ISO 8601; PROMO_NOW fixes it (README examples, tests)."""
    return os.environ.get("PROMO_NOW") or _dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return str(os.getuid()) if hasattr(os, "getuid") else "unknown"


def command_line() -> str:
    """The command as the user typed it, for the change journal."""
    argv = list(sys.argv)
    if argv:
        argv[0] = Path(argv[0]).name
    return shlex.join(argv)


@contextmanager
def write(conn: sqlite3.Connection, summary: str) -> Iterator[int]:
    """One writing command = one transaction = one journal entry; yields the journal id.

    BEGIN IMMEDIATE takes the write lock up front, so two promo processes serialise instead of
    failing half-way; anything raised inside rolls the whole command back. Every row the command
    changes is recorded under its journal entry (promo.journal), which is what `promo undo` reverts.
    """
    from promo import journal

    journal.install_capture(conn)
    search_index.install(conn)
    conn.execute("BEGIN IMMEDIATE")
    try:
        journal_id = conn.execute(
            "INSERT INTO journal (at, user, command, summary) VALUES (?, ?, ?, ?)",
            (now(), current_user(), command_line(), summary),
        ).lastrowid
        journal.begin_capture(conn, journal_id)
        yield journal_id
        journal.end_capture(conn, journal_id)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def require_write(conn: sqlite3.Connection) -> None:
    """Refuse to change the catalogue outside `write`: every change is one transaction and one journal entry."""
    if not conn.in_transaction:
        raise RuntimeError("catalogue changes run inside promo.db.change (or write)")


def change(conn: sqlite3.Connection, fn, *args, **kwargs) -> dict:
    """Run the domain change `fn(conn, *args, **kwargs)` as one transaction and one journal entry, named by
    the 'summary' its result carries (it knows what it matched and did). The one transaction convention:
    domain functions that write never open a transaction (so they compose: an import adds many), commands
    run them through here."""
    with write(conn, getattr(fn, "__name__", "change")) as journal_id:
        result = fn(conn, *args, **kwargs)
        conn.execute("UPDATE journal SET summary = ? WHERE id = ?", (result["summary"], journal_id))
    return result


def rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    """Run a query and return plain dicts."""
    return [dict(r) for r in conn.execute(sql, params)]
