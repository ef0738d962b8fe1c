"""Opening a catalogue: checks, pragmas, forward migrations, and the one-transaction write."""

from __future__ import annotations

import datetime as _dt
import getpass
import os
import shlex
import sqlite3
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

# each migration module imports the one before it, so importing the latest registers 2 to 17 in number order
from promo import schema_enterprise_refs, search_index  # noqa: F401
from promo.catalogue_file import PROMO_TABLES, SQLITE_MAGIC, is_promo, stat_path  # noqa: F401
from promo.errors import CatalogueError, Rejected, error_words
from promo.i18n import _
from promo.schema import MIGRATIONS, latest_version

DEFAULT_PATH = "catalogue.db"
BUSY_TIMEOUT_MS = 30_000


def resolve_path(path: str | os.PathLike | None) -> Path:
    """The catalogue path: --db, else $PROMO_DB, else the configured one (promo config), else ./catalogue.db."""
    from promo.config import catalogue_choice

    return catalogue_choice(str(path) if path else None)[0]


def check_file(path: Path) -> None:
    """Refuse a folder given as the catalogue, before anything tries to open it."""
    st = stat_path(path)
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise CatalogueError(
            _("{path} is a directory, not a promo catalogue").format(path=path), _("pass a file with --db")
        )
    if st is not None and not stat.S_ISREG(st.st_mode):
        # reading a FIFO would wait forever for a writer; a device is nobody's catalogue
        raise CatalogueError(
            _("{path} is not a regular file (a pipe or a device), not a promo catalogue").format(path=path)
        )
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise CatalogueError(
            _("cannot read catalogue {path}: {error}").format(path=path, error=error_words(exc))
        ) from None
    if head != SQLITE_MAGIC:
        if head:
            why = _("{path} is not a SQLite database, not a promo catalogue; it was left untouched")
        else:
            why = _("{path} is an empty file, not a promo catalogue; it was left untouched")
        raise CatalogueError(
            why.format(path=path),
            _("point --db at a catalogue, or build a new one with: {command}").format(command="promo --db NEW.db init"),
        )


def _foreign(path: Path) -> CatalogueError:
    return CatalogueError(
        _("{path} is a SQLite database but not a promo catalogue; it was left untouched").format(path=path),
        _("build a new catalogue with: {command}").format(command="promo --db NEW.db init"),
    )


class Connection(sqlite3.Connection):
    """A catalogue connection; remembers the schema it was opened with (see write())."""

    promo_read_only = False
    promo_dry_run = False  # --dry-run: every write() is tried in full, then rolled back
    promo_committed = False  # set once a write() has committed (what a Ctrl-C afterwards must say)
    opened_schema: int | None = None


def connect(path: str | os.PathLike) -> sqlite3.Connection:
    """A raw connection with promo's pragmas: foreign keys, WAL, busy timeout; no schema checks."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, factory=Connection)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # a commit is on disk when promo says so: WAL's default NORMAL may lose the last commits at a power cut
    conn.execute("PRAGMA synchronous = FULL")
    return conn


class ReadOnlyConnection(Connection):
    """A catalogue opened read-only because its folder cannot be written."""

    promo_read_only = True


def connect_read_only(path: str | os.PathLike) -> sqlite3.Connection:
    """A connection that never writes, for a catalogue whose folder cannot be written.

    Without a -wal file nobody can have changed the file in WAL mode (no one can create one there), so
    it is opened immutable; with one, read-only, using the -shm beside it.
    """
    from urllib.parse import quote

    wal = Path(f"{path}-wal")
    flags = "mode=ro&immutable=1" if not wal.exists() or wal.stat().st_size == 0 else "mode=ro"
    uri = f"file:{quote(str(Path(path).absolute()))}?{flags}"
    conn = sqlite3.connect(
        uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, factory=ReadOnlyConnection
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def writable_folder(path: Path) -> bool:
    """Whether the catalogue's folder takes new files (SQLite's -wal and -shm); if not it is opened read-only."""
    return os.access(path.parent if str(path.parent) else Path("."), os.W_OK | os.X_OK)


def open_catalogue(path: str | os.PathLike | None = None) -> sqlite3.Connection:
    """Open (and if needed migrate) the existing catalogue at `path`; a missing one is refused.

    Building the default ./catalogue.db from the seeds is promo.opening.open_or_build's job, so a mistyped
    --db or PROMO_DB never quietly becomes a new catalogue that the next command writes to.
    """
    path = resolve_path(path)
    if stat_path(path) is None:
        raise CatalogueError(
            _("no catalogue at {path}").format(path=path),
            _("check the path; to start a new catalogue there from the seed data: {command}").format(
                command=f"promo --db {path} init"
            ),
        )
    check_file(path)
    conn, version = _open(path)
    if version == 0 or not is_promo(conn):
        conn.close()
        raise _foreign(path)
    newest = latest_version()
    if version > newest:
        conn.close()
        raise CatalogueError(
            _(
                "{path} was made by a newer promo (schema version {version}; this promo knows up to {newest}); "
                "it was left untouched"
            ).format(path=path, version=version, newest=newest),
            _("install the newer promo that wrote it (pip install --upgrade from its source), then try again"),
        )
    if conn.promo_read_only:
        return conn
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")  # again: the journal mode resets nothing, but be explicit
    except sqlite3.OperationalError:
        pass  # a read-only file: reads still work in the journal mode it has
    if version < newest:
        migrate(conn)
    from promo.files import clean_leftovers

    clean_leftovers(path)
    conn.opened_schema = conn.execute("PRAGMA schema_version").fetchone()[0]
    return conn


def _open(path: Path) -> tuple[sqlite3.Connection, int]:
    """Open for writing where the folder allows it, else read-only with a note; returns the schema version."""
    if writable_folder(path):
        try:
            conn = connect(path)
            return conn, conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "unable to open" not in str(exc) and "readonly" not in str(exc):
                raise CatalogueError(
                    _("{path} cannot be opened as a promo catalogue: {error}").format(path=path, error=exc)
                ) from None
        except sqlite3.DatabaseError as exc:
            raise CatalogueError(
                _("{path} cannot be opened as a promo catalogue: {error}").format(path=path, error=exc)
            ) from None
    try:
        conn = connect_read_only(path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise CatalogueError(
            _("{path} cannot be opened, even read-only: {error}").format(path=path, error=exc),
            _(
                "its folder cannot be written and its -wal needs a -shm file beside it; copy the catalogue with its "
                "-wal to a folder you can write, and open it there"
            ),
        ) from None
    print(
        _(
            "promo: the folder of {path} cannot be written; the catalogue is opened read-only "
            "(listings and briefs work, changes cannot be saved)"
        ).format(path=path),
        file=sys.stderr,
    )
    return conn, version


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
        # `python -m promo` runs promo/__main__.py: the journal names the program, not the file
        argv[0] = "promo" if Path(argv[0]).name == "__main__.py" else Path(argv[0]).name
    return shlex.join(argv)


@contextmanager
def write(conn: sqlite3.Connection, summary: str) -> Iterator[int]:
    """One writing command = one transaction = one journal entry; yields the journal id.

    BEGIN IMMEDIATE takes the write lock up front, so two promo processes serialise instead of
    failing half-way; anything raised inside rolls the whole command back. Every row the command
    changes is recorded under its journal entry (promo.journal), which is what `promo undo` reverts.
    """
    from promo import journal

    if getattr(conn, "promo_read_only", False):
        raise Rejected(
            _("the catalogue is open read-only (promo cannot write in its folder); nothing was written"),
            _("copy it somewhere you can write, or ask for write access to its folder"),
        )
    journal.install_capture(conn)
    search_index.install(conn)
    conn.execute("BEGIN IMMEDIATE")
    opened = getattr(conn, "opened_schema", None)
    if opened is not None and conn.execute("PRAGMA schema_version").fetchone()[0] != opened:
        conn.execute("ROLLBACK")
        raise Rejected(
            _(
                "the catalogue was rebuilt or restored by another promo command while this one waited; "
                "nothing was written"
            ),
            _("run the command again"),
        )
    try:
        journal_id = conn.execute(
            "INSERT INTO journal (at, user, command, summary) VALUES (?, ?, ?, ?)",
            (now(), current_user(), command_line(), str(summary)),
        ).lastrowid
        if getattr(summary, "msg", None):  # a promo.summary.Summary: kept as its message and values too
            from promo.summary import store

            store(conn, journal_id, summary)
        journal.begin_capture(conn, journal_id)
        yield journal_id
        journal.end_capture(conn, journal_id)
        # a dry run is the real command — every check, every refusal, the same lines — minus the commit
        conn.execute("ROLLBACK" if conn.promo_dry_run else "COMMIT")
        conn.promo_committed = not conn.promo_dry_run  # a Ctrl-C from here on comes after the change was saved
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
    from promo.summary import store

    with write(conn, getattr(fn, "__name__", "change")) as journal_id:
        result = fn(conn, *args, **kwargs)
        store(conn, journal_id, result["summary"])
    return result


def trial(conn: sqlite3.Connection, fn, *args, **kwargs) -> dict:
    """Run a domain change as `change` does, then roll it back: what it would do, with every check it makes."""
    before = conn.promo_dry_run
    conn.promo_dry_run = True
    try:
        return change(conn, fn, *args, **kwargs)
    finally:
        conn.promo_dry_run = before


def rows(conn: sqlite3.Connection, sql: str, params=()) -> list[dict]:
    """Run a query and return plain dicts (built as `stream` builds them, without sqlite3.Row's lookups)."""
    return list(stream(conn, sql, params))


def stream(conn: sqlite3.Connection, sql: str, params=()) -> Iterator[dict]:
    """Run a query now (a bad one fails here) and hand its rows over as plain dicts one at a time."""
    # plain tuples zipped with the column names: dict(sqlite3.Row) looks each name up again (a third of the time
    # of a long listing's rows at 1M units)
    cursor = conn.cursor()
    cursor.row_factory = None
    cursor.execute(sql, params)
    if cursor.description is None:
        return iter(())
    names = [d[0] for d in cursor.description]
    first: dict[str, int] = {}
    for i, name in enumerate(names):
        first.setdefault(name.lower(), i)
    if len(first) == len(names):
        return map(dict, map(partial(zip, names), cursor))
    # a repeated name keeps the first column's value, as dict(sqlite3.Row) gives it
    picks = [first[name.lower()] for name in names]
    return ({name: row[i] for name, i in zip(names, picks, strict=True)} for row in cursor)
