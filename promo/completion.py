"""Shell completion of names from the catalogue: carriers, units, facilities, industries, enterprises, platforms.

Click calls these on every Tab; they read the catalogue read-only with plain sqlite3 (no migrations, no
build), answer in milliseconds, and return nothing — never an error — when there is no catalogue to read.
"""

from __future__ import annotations

import os
import sqlite3

import click

SHOWN = 50
_SQL = {  # kind → (the name shown, where it comes from)
    "carriers": ("name", "carriers"),
    "units": ("code", "units"),
    "unit_paths": ("c.name || '/' || u.code", "units u JOIN carriers c ON c.id = u.carrier_id"),
    "facilities": ("name", "facilities"),
    "industries": ("name", "industries"),
    "enterprises": ("name", "enterprises"),
    "platforms": ("name", "platforms"),
}
# (top-level command, parameter name) or parameter name alone → what it names; the first match wins
_BY_PARAM = {
    ("carriers", "name"): "carriers",
    ("enterprises", "name"): "enterprises",
    ("platforms", "name"): "platforms",
    ("units", "unit"): "unit_paths",
    ("criteria", "unit"): "unit_paths",
    "carrier": "carriers",
    "carriers": "carriers",
    "units": "units",
    "facilities": "facilities",
    "facility": "facilities",
    "industry": "industries",
    "enterprise": "enterprises",
    "for_name": "enterprises",
}


def names(kind: str, incomplete: str, path) -> list[str]:
    """Names of `kind` in the catalogue at `path` that start with (then contain) what was typed so far."""
    try:
        from pathlib import Path

        uri = Path(path).resolve().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=0.2)
    except (OSError, ValueError, sqlite3.Error):
        return []
    try:
        expr, source = _SQL[kind]
        found = conn.execute(
            f"SELECT DISTINCT {expr} AS v FROM {source} WHERE instr(v, ?) > 0 "
            "ORDER BY substr(v, 1, length(?)) != ?, v LIMIT ?",  # names starting with it first
            (incomplete, incomplete, incomplete, SHOWN),
        ).fetchall()
    except sqlite3.Error:
        return []
    finally:
        conn.close()
    return [v for (v,) in found if v]


# what bash reads as syntax in a word it is given back: a name holding one is inserted quoted
_BASH_SPECIAL = set(" \t\n!\"#$&'()*;<>?[\\]^`{|}~")


def shell_word(name: str) -> str:
    """`name` as bash must be given it: click's bash script inserts a completion as it is, so a name like
    国家健康医疗大数据中心(北方)产业园 was a syntax error, and one holding $(…) or `…` ran when Enter was pressed.
    (zsh and fish quote what they insert themselves.)"""
    import shlex

    return shlex.quote(name) if _BASH_SPECIAL & set(name) else name


def _complete(kind: str):
    def complete(ctx: click.Context, param: click.Parameter, incomplete: str):
        try:
            from promo.config import catalogue_choice

            root = ctx.find_root()
            path, _ = catalogue_choice(root.params.get("db_path"))
            if not path.is_file():
                return []
            found = names(kind, incomplete, path)
            if os.environ.get("_PROMO_COMPLETE", "").startswith("bash"):
                return [shell_word(v) for v in found]
            return found
        except Exception:  # a Tab must never print a traceback into the user's prompt
            return []

    return complete


def attach(cmd: click.Command, top: str | None) -> None:
    """Give a command's name arguments and options completion from the catalogue (where none is set)."""
    for param in cmd.params:
        kind = _BY_PARAM.get((top, param.name)) or _BY_PARAM.get(param.name)
        if kind and getattr(param, "_custom_shell_complete", None) is None:
            param._custom_shell_complete = _complete(kind)
