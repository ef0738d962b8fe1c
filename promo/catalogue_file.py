"""What a file on disk is, read only: missing, a SQLite file, a promo catalogue.

Kept apart from promo.db so that the user's configuration (promo.config), which promo.db reads to find the
catalogue, can check a path it is given without importing the connection code back.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from promo.errors import BadValue, CatalogueError, error_words
from promo.i18n import _

SQLITE_MAGIC = b"SQLite format 3\x00"
PROMO_TABLES = ("settings", "zone", "journal")  # every promo catalogue has them from migration 1: its marker


def stat_path(path: Path, option: str = "--db") -> os.stat_result | None:
    """os.stat of `path`, None when missing; a name the file system cannot hold is a usage error."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise BadValue(option, str(path), _("the file name is too long for the file system")) from None
        raise CatalogueError(
            _("cannot read catalogue {path}: {error}").format(path=path, error=error_words(exc))
        ) from None


def is_promo(conn: sqlite3.Connection) -> bool:
    """Whether an open SQLite file carries promo's schema (read only: nothing is written to find out)."""
    marks = ",".join("?" * len(PROMO_TABLES))
    found = conn.execute(
        f"SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name IN ({marks})", PROMO_TABLES
    ).fetchone()[0]
    return conn.execute("PRAGMA user_version").fetchone()[0] > 0 and found == len(PROMO_TABLES)
