"""Writing a brief to a file: never over an existing file unless asked, never half-written."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from promo.errors import Rejected


def write_file(path: str | os.PathLike, text: str | bytes, *, force: bool = False) -> Path:
    """Write `text` (UTF-8) or bytes to `path` atomically (a temporary file beside it, then a rename).

    Without `force` an existing file is refused; the no-clobber check and the rename are one step
    (a hard link), so a file created meanwhile by someone else is not overwritten either.
    """
    target = check_target(path, force=force)
    folder = target.parent
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise Rejected(f"cannot write the brief to {target}: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        if force:
            os.replace(tmp, target)
        else:
            _link_no_clobber(tmp, target)
    except FileExistsError:
        raise Rejected(f"{target} exists already; the brief was not written", "use --force to replace it") from None
    except OSError as exc:
        raise Rejected(f"cannot write the brief to {target}: {exc.strerror or exc}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


def check_target(path: str | os.PathLike, *, force: bool = False) -> Path:
    """The path a brief may be written to, or Rejected saying why not (checked before any work)."""
    target = Path(path)
    if target.is_dir():
        raise Rejected(f"cannot write the brief to {target}: it is a folder", "give a file name, e.g. -o brief.md")
    if (target.exists() or target.is_symlink()) and not force:
        raise Rejected(f"{target} exists already; the brief was not written", "use --force to replace it")
    folder = target.parent
    if not folder.is_dir():
        raise Rejected(f"cannot write the brief to {target}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise Rejected(f"cannot write the brief to {target}: no permission to write in {folder}")
    return target


def _link_no_clobber(tmp: Path, target: Path) -> None:
    try:
        os.link(tmp, target)  # fails with FileExistsError if the target appeared meanwhile
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # a filesystem without hard links: fall back to check-then-rename
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(tmp, target)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
