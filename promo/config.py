"""The user's configuration: which catalogue promo uses when no --db or PROMO_DB says, kept in the platform's
config folder (platformdirs; PROMO_CONFIG_DIR overrides it, so tests never touch the user's own)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from promo.errors import BadValue, Rejected, error_words
from promo.i18n import N_, _

KEYS = {"db": N_("the catalogue promo uses when neither --db nor PROMO_DB is given")}
DEFAULT_PATH = "catalogue.db"


def folder() -> Path:
    """The folder holding config.json: $PROMO_CONFIG_DIR, else the platform's user config folder for promo."""
    if os.environ.get("PROMO_CONFIG_DIR"):
        return Path(os.environ["PROMO_CONFIG_DIR"])
    import platformdirs

    return Path(platformdirs.user_config_dir("promo", appauthor=False, roaming=True))


def file() -> Path:
    return folder() / "config.json"


def settings() -> dict[str, str]:
    """The saved settings; an unreadable or damaged file is said so (never silently ignored)."""
    path = file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise Rejected(
            _("the configuration {path} cannot be read: {error}").format(path=path, error=error_words(exc))
        ) from None
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise Rejected(
            _("the configuration {path} is damaged").format(path=path),
            _("fix or delete it, then: promo config set db PATH"),
        )
    return {k: v for k, v in data.items() if k in KEYS}


def _check_key(key: str) -> None:
    if key not in KEYS:
        raise BadValue("KEY", key, _("not a setting; the settings are: {keys}").format(keys=", ".join(KEYS)))


def _save(data: dict[str, str]) -> Path:
    from promo.files import write_output

    path = file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Rejected(
            _("cannot create the config folder {path}: {error}").format(path=path.parent, error=error_words(exc))
        ) from None
    write_output(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", force=True, what=_("the configuration"))
    return path


def set_value(key: str, value: str) -> tuple[str, Path]:
    """Save a setting; a catalogue path is kept absolute, so it holds from any folder. Returns (value, file)."""
    _check_key(key)
    if not value.strip():
        raise BadValue("VALUE", value, _("is empty; to remove the setting: promo config unset {key}").format(key=key))
    if key == "db":
        value = str(_catalogue_path(value))
    data = settings()
    data[key] = value
    return value, _save(data)


def _catalogue_path(value: str) -> Path:
    """The absolute path a `db` setting may hold: a promo catalogue, or a file not there yet in a folder that
    is; a folder, a missing folder or another kind of file is refused (exit 2), naming the value."""
    from promo.catalogue_file import stat_path

    path = Path(value).expanduser().absolute()
    st = stat_path(path, "db")
    if st is None:
        if not path.parent.is_dir():
            missing = not path.parent.exists()
            why = _("the folder {folder} does not exist") if missing else _("{folder} is not a folder")
            raise BadValue(
                "db",
                value,
                why.format(folder=shown(path.parent)),
                _("create the folder first, or give a catalogue in a folder that exists"),
            )
        return path.resolve()
    if path.is_dir():
        raise BadValue(
            "db", value, _("is a folder; give the catalogue file, e.g. {path}").format(path=path / DEFAULT_PATH)
        )
    why = _not_a_catalogue(path)
    if why:
        raise BadValue(
            "db", value, why, _("give a promo catalogue, or a new file name and then build it with: promo init")
        )
    return path.resolve()


def _not_a_catalogue(path: Path) -> str | None:
    """Why the existing file at `path` is not a promo catalogue (read only), or None when it is one."""
    import sqlite3
    import stat

    from promo.catalogue_file import SQLITE_MAGIC, is_promo

    if not stat.S_ISREG(path.stat().st_mode):
        return _("is not a regular file (a pipe or a device), not a promo catalogue")
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        return _("cannot be read: {error}").format(error=error_words(exc))
    if head != SQLITE_MAGIC:
        return _("is not a SQLite database, not a promo catalogue") if head else _("is an empty file, not a catalogue")
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            found = is_promo(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return _("cannot be read as a catalogue: {error}").format(error=exc)
    return None if found else _("is a SQLite database but not a promo catalogue")


def unset(key: str) -> tuple[bool, Path]:
    """Remove a setting; returns whether it was set, and the file."""
    _check_key(key)
    data = settings()
    was = data.pop(key, None) is not None
    if was:
        _save(data)
    return was, file()


def shown(path) -> str:
    """A path as the user reads it: under the home folder as ~/…, so a config path is short and familiar."""
    path = Path(path)
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except (ValueError, RuntimeError):  # elsewhere, or no home folder known
        return str(path)


def catalogue_choice(flag: str | None = None, source: str | None = None) -> tuple[Path, str]:
    """Which catalogue is in use and why: (path, source) with source '--db', 'PROMO_DB', 'config' or 'default'
    (./catalogue.db, the only one promo builds from the seeds by itself)."""
    if flag:
        return Path(flag), source or "--db"
    if os.environ.get("PROMO_DB"):
        return Path(os.environ["PROMO_DB"]), "PROMO_DB"
    configured = settings().get("db")
    if configured:
        return Path(configured), "config"
    return Path(DEFAULT_PATH), "default"
