"""Writing a brief to a file, through promo.files: checked target, owner-only mode, atomic, no clobber."""

from __future__ import annotations

import os
from pathlib import Path

from promo import files


def write_file(path: str | os.PathLike, text: str, *, force: bool = False) -> Path | None:
    """Write the brief to `path` ("-" is standard output); without `force` an existing file is refused."""
    return files.write_output(path, text, force=force, what="the brief", option="-o")


def check_target(path: str | os.PathLike, *, force: bool = False) -> Path | None:
    """The path a brief may be written to (None for "-"), or Rejected saying why not (checked before any work)."""
    return files.check_output(path, force=force, what="the brief", option="-o")
