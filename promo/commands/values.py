"""Option types and checks shared by the pipeline and list commands: bounded counts and ids, no empty filters."""

from __future__ import annotations

import click

# SQLite stores integers in 64 bits: a larger number cannot be an id, and binding one fails with an
# OverflowError instead of a message. A count or id past it is a typo, said so as a usage error.
SQLITE_MAX_INT = 2**63 - 1

ROW_ID = click.IntRange(1, SQLITE_MAX_INT)
"""A journal entry or record number: 1 … 2^63-1."""

COUNT = click.IntRange(1, SQLITE_MAX_INT)
"""A --limit: at least one row."""

COUNT_OR_ALL = click.IntRange(0, SQLITE_MAX_INT)
"""A --limit where 0 means all."""


def not_empty(ctx: click.Context, param: click.Parameter, value):
    """A click callback: an option given as '' (or only spaces) is a usage error, never a filter that is
    silently dropped. Multiple options are checked item by item."""
    values = value if isinstance(value, tuple) else (value,)
    for v in values:
        if isinstance(v, str) and not v.strip():
            name = param.opts[0] if param.opts else param.name
            raise click.BadParameter("is empty; leave the option out to not filter by it", param_hint=f"'{name}'")
    return value
