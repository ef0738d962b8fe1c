"""Opening the catalogue a command works on: the default ./catalogue.db is built from the seeds when missing."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from promo import db


def open_or_build(
    path: str | os.PathLike | None = None, *, build: bool | None = None
) -> tuple[sqlite3.Connection, Path, str | None]:
    """Open the catalogue at `path`, building it from the seeds first when missing and it is the default
    ./catalogue.db (or `build` is True). Returns the connection, the path, and what was built (None: it existed)."""
    from promo.config import catalogue_choice

    target, source = catalogue_choice(str(path) if path else None)
    built = None
    default = source == "default"  # only where nothing is configured: a configured catalogue is never replaced
    if source == "config" and build is None and db.stat_path(target) is None:
        from promo.config import file
        from promo.errors import CatalogueError
        from promo.i18n import _

        raise CatalogueError(
            _("no catalogue at {path}, the catalogue configured in {config}").format(path=target, config=file()),
            _("build it there: promo init; or choose another: promo config set db PATH (promo where says more)"),
        )
    if (build if build is not None else default) and db.stat_path(target) is None:
        from promo.seeds import CatalogueExists, build_catalogue  # only when there is one to build: seeds is big

        try:
            built = build_catalogue(target)
        except CatalogueExists:
            pass  # another promo process built it while this one was building: use theirs
    return db.open_catalogue(target), target, built
