"""Writing a brief to a file, through promo.files: checked target, owner-only mode, atomic, no clobber."""

from __future__ import annotations

import os
from pathlib import Path

from promo import files


def write_file(path: str | os.PathLike, text: str | bytes, *, force: bool = False) -> Path | None:
    """Write the brief (text as UTF-8, or bytes) to `path` ("-" is standard output) through promo.files;
    without `force` an existing file is refused."""
    return files.write_output(path, text, force=force, what="the brief", option="-o")


def check_target(path: str | os.PathLike, *, force: bool = False) -> Path | None:
    """The path a brief may be written to (None for "-"), or Rejected saying why not (checked before any work)."""
    return files.check_output(path, force=force, what="the brief", option="-o")


# The file extensions each format is written to; a name without an extension is taken as given.
EXTENSIONS = {
    "markdown": (".md", ".markdown", ".txt"),
    "wechat": (".txt",),
    "docx": (".docx",),
    "html": (".html", ".htm"),
}


def output_format(path: str | None, fmt: str | None) -> str:
    """The brief's format: --format if given, else the one -o's extension names (markdown by default); an
    extension that disagrees with --format is a usage error naming both."""
    from promo.errors import BadValue

    suffix = Path(path).suffix.lower() if path else ""
    named = [f for f, exts in EXTENSIONS.items() if suffix in exts]
    if fmt is None:
        if not suffix or named:
            return named[0] if named else "markdown"
        wanted = ", ".join(f"{exts[0]} ({f})" for f, exts in EXTENSIONS.items())
        raise BadValue("-o", path, f"a {suffix} file is none of the brief's formats; name it {wanted}")
    if suffix and fmt not in named:
        raise BadValue(
            "-o",
            path,
            f"does not match --format {fmt}: a {fmt} brief is written to a {EXTENSIONS[fmt][0]} file",
            f"use -o {Path(path).stem}{EXTENSIONS[fmt][0]}" + (f", or --format {named[0]}" if named else ""),
        )
    return fmt
