"""Writing files that hold personal data: checked targets, owner-only modes, atomic replace, fsync.

Every writer of files (briefs, exports, rejects, backups, the catalogue itself) goes through here:

    with output(path, force=force, what="the export") as fh:   # path "-" is standard output
        fh.write(data)                                          # bytes

A new file is created 0600 (narrower if the umask says so); a replaced file keeps its own mode, so a
file the user narrowed is never widened. A symlink, device, FIFO or folder as target is refused, the
file appears complete or not at all, and the folder is fsynced so the rename survives a power cut.

One rule for a refused destination, whichever option named it (-o, --rejects, a backup FILE): a path that
cannot be written as given — its folder missing, a part of it not a folder, a folder, a symbolic link, a
device or FIFO, a name too long, an existing file without --force — is a usage error (BadValue, exit 2)
naming the option and the path: the user changes the command. The system refusing a proper path is exit 1
(Rejected): no permission in the folder, a full disk, a file replaced by a link between check and write.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from promo.errors import BadValue, Rejected, error_words
from promo.i18n import N_, _

STDOUT = "-"
SIDECARS = ("-wal", "-shm", "-journal")
_TEMP = re.compile(r"^\.(?P<name>.+)\.promo-(?P<what>building|backup|restore)-(?P<pid>\d+)(-wal|-shm|-journal)?$")
PRIVATE = 0o600


def umask() -> int:
    """The process umask (reading it means setting it; put straight back)."""
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """Owner read/write, or less when the umask is stricter."""
    return PRIVATE & ~umask()


def _lstat(path: Path, what: str, option: str = "FILE") -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise BadValue(option, str(path), _("the file name is too long for the file system")) from None
        if exc.errno == errno.ENOTDIR:
            raise BadValue(
                option, str(path), _("a part of the path is not a folder; {what} was not written").format(what=_(what))
            ) from None
        raise Rejected(
            _("cannot write {what} to {path}: {error}").format(what=_(what), path=path, error=error_words(exc))
        ) from None


def check_output(
    path: str | os.PathLike,
    *,
    force: bool = False,
    what: str = N_("the file"),
    option: str = "FILE",
    database: bool = False,
    reading: str | os.PathLike | None = None,
) -> Path | None:
    """The path `what` may be written to (None for "-", standard output), or Rejected saying why not;
    `reading` is the file the command reads, which it must never write over, --force or not.

    Called before the work, so a refused target costs nothing; output() checks again at the write. Only a
    `database` (a backup) may replace a SQLite file: a brief, map or export written over the catalogue (or
    one of its backups) would destroy it, --force or not.
    """
    if str(path) == STDOUT:
        return None
    target = Path(path)
    if len(target.name.encode("utf-8", "surrogateescape")) > 255:
        raise BadValue(option, str(path), _("the file name is too long for the file system"))
    st = _lstat(target, what, option)
    if reading is not None and same_file(target, reading):
        raise BadValue(
            option,
            str(path),
            _("is the file being read; writing {what} there would destroy it").format(what=_(what)),
            _("give another file name"),
        )
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise BadValue(
                option,
                str(path),
                _("is a symbolic link; promo writes {what} only to a regular file").format(what=_(what)),
            )
        if stat.S_ISDIR(st.st_mode):
            raise BadValue(
                option, str(path), _("is a folder; {what} was not written").format(what=_(what)), _("give a file name")
            )
        if not stat.S_ISREG(st.st_mode):
            raise BadValue(
                option,
                str(path),
                _("is not a regular file (a device or a pipe); promo will not write {what} there").format(what=_(what)),
            )
        if not database and _is_sqlite(target):
            why = _("is a SQLite database (a catalogue or a backup of one); promo will not replace it with {what}")
            raise BadValue(option, str(path), why.format(what=_(what)), _("give another file name"))
        if not force:
            raise BadValue(
                option,
                str(path),
                _("exists already; {what} was not written").format(what=_(what)),
                _("use --force to replace it"),
            )
    folder = target.parent
    if not folder.is_dir():
        raise BadValue(
            option,
            str(path),
            _("its folder {folder} does not exist; {what} was not written").format(folder=folder, what=_(what)),
            _("create the folder first"),
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise Rejected(
            _("cannot write {what} to {path}: no permission to write in {folder}").format(
                what=_(what), path=target, folder=folder
            )
        )
    return target


def _is_sqlite(path: Path) -> bool:
    from promo.catalogue_file import SQLITE_MAGIC

    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two paths name one file (through symbolic links, hard links, a case-insensitive file system);
    False when either is missing or unreadable."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_input(path: str | os.PathLike, *, option: str = "FILE") -> Path:
    """A file to read: it exists and is a regular file (a FIFO would block the read), else a usage error."""
    target = Path(path)
    try:
        st = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        raise BadValue(option, str(path), _("no such file")) from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise BadValue(option, str(path), _("the file name is too long for the file system")) from None
        raise BadValue(option, str(path), _("cannot be read ({error})").format(error=error_words(exc))) from None
    if not stat.S_ISREG(st.st_mode):
        raise BadValue(option, str(path), _("is not a regular file (a folder, a device or a pipe)"))
    return target


def fsync_dir(folder: str | os.PathLike) -> None:
    """Make a rename in `folder` durable (a no-op where folders cannot be opened, as on Windows)."""
    try:
        fd = os.open(folder or ".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the data itself was synced
    finally:
        os.close(fd)


def create_private(path: str | os.PathLike) -> None:
    """Create an empty file that must not exist yet, owner-only (SQLite then gives its -wal/-shm the same)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), new_file_mode()))


def replace_mode(target: Path) -> int:
    """The mode for a file about to become `target`: the replaced file's own, else owner-only."""
    try:
        st = os.lstat(target)
    except OSError:
        return new_file_mode()
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else new_file_mode()


def publish(tmp: Path, target: Path, *, force: bool, what: str = N_("the file")) -> None:
    """Move a finished temporary file to `target` (without `force` never over an existing file), durably."""
    os.chmod(tmp, replace_mode(target) if force else new_file_mode())
    try:
        if force:
            st = _lstat(target, what)
            if st is not None and not stat.S_ISREG(st.st_mode):
                raise Rejected(
                    _("{path} is not a regular file; promo will not write {what} there").format(
                        path=target, what=_(what)
                    )
                )
            os.replace(tmp, target)
        else:
            _link_no_clobber(tmp, target)
    except FileExistsError:
        raise Rejected(
            _("{path} exists already; {what} was not written").format(path=target, what=_(what)),
            _("use --force to replace it"),
        ) from None
    fsync_dir(target.parent)


@contextmanager
def output(
    path: str | os.PathLike, *, force: bool = False, what: str = N_("the file"), option: str = "FILE"
) -> Iterator:
    """A binary file to write `what` into: standard output for "-", else a temporary file published on success."""
    target = check_output(path, force=force, what=what, option=option)
    if target is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    try:
        import tempfile  # here: it pulls shutil, random, bz2, lzma into every catalogue opening otherwise

        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:200]}.", suffix=".tmp")
    except OSError as exc:
        raise Rejected(
            _("cannot write {what} to {path}: {error}").format(what=_(what), path=target, error=error_words(exc))
        ) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        publish(tmp, target, force=force, what=what)
    except OSError as exc:
        raise Rejected(
            _("cannot write {what} to {path}: {error}").format(what=_(what), path=target, error=error_words(exc))
        ) from None
    finally:
        if tmp.exists():
            tmp.unlink()


def write_output(
    path: str | os.PathLike, data: bytes | str, *, force: bool = False, what: str = N_("the file"), option: str = "FILE"
) -> Path | None:
    """Write `data` whole to `path` (or standard output for "-"); returns the path written."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    with output(path, force=force, what=what, option=option) as fh:
        fh.write(data)
    return None if str(path) == STDOUT else Path(path)


def _link_no_clobber(tmp: Path, target: Path) -> None:
    try:
        os.link(tmp, target)  # fails with FileExistsError if the target appeared meanwhile
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if os.path.lexists(target):  # a file system without hard links: check, then rename
            raise FileExistsError(str(target)) from None
        os.replace(tmp, target)


def temp_name(path: Path, what: str) -> Path:
    """A hidden temporary file beside `path`, named so a later start can recognise and clean it."""
    return path.with_name(f".{path.name}.promo-{what}-{os.getpid()}")


def remove_sidecars(path: Path, *, including_file: bool = False) -> None:
    """Delete `path`'s -wal/-shm/-journal (and `path` itself if asked); only for files nobody uses."""
    for p in ([path] if including_file else []) + [Path(f"{path}{s}") for s in SIDECARS]:
        try:
            p.unlink()
        except FileNotFoundError:
            pass


def clean_leftovers(path: Path) -> list[Path]:
    """Remove the temporary files of promo processes that died beside catalogue `path` (by name, dead pids only)."""
    removed = []
    try:
        candidates = [p for p in path.parent.glob(f".{glob_escape(path.name)}.promo-*")]
    except OSError:
        return removed
    for p in candidates:
        m = _TEMP.match(p.name)
        if not m or m["name"] != path.name or _alive(int(m["pid"])):
            continue
        try:
            p.unlink()
            removed.append(p)
        except OSError:
            pass
    return removed


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True
