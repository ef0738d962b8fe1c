"""Writing a brief to a file, through promo.files: checked target, owner-only mode, atomic, no clobber."""

from __future__ import annotations

import os
from pathlib import Path

from promo import files
from promo.i18n import N_, _


def write_file(path: str | os.PathLike, text: str | bytes, *, force: bool = False) -> Path | None:
    """Write the brief (text as UTF-8, or bytes) to `path` ("-" is standard output) through promo.files;
    without `force` an existing file is refused."""
    return files.write_output(path, text, force=force, what=N_("the brief"), option="-o")


def check_target(path: str | os.PathLike, *, force: bool = False) -> Path | None:
    """The path a brief may be written to (None for "-"), or Rejected saying why not (checked before any work)."""
    return files.check_output(path, force=force, what=N_("the brief"), option="-o")


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
        raise BadValue(
            "-o",
            path,
            _("a {suffix} file is none of the brief's formats; name it {wanted}").format(suffix=suffix, wanted=wanted),
        )
    if suffix and fmt not in named:
        better = f"-o {Path(path).stem}{EXTENSIONS[fmt][0]}"
        raise BadValue(
            "-o",
            path,
            _("does not match --format {format}: a {format} brief is written to a {extension} file").format(
                format=fmt, extension=EXTENSIONS[fmt][0]
            ),
            _("use {option}, or --format {format}").format(option=better, format=named[0])
            if named
            else _("use {option}").format(option=better),
        )

    return fmt
