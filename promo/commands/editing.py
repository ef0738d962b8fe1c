"""What every add/update/remove command shares: typed options to a writer's field dict, one journaled write."""

from __future__ import annotations

import click


def fields_from(options: dict, renames: dict[str, str] | None = None) -> dict:
    """Click's options as a writer's raw fields: not given → left out; a repeated option → its list."""
    out = {}
    for key, value in options.items():
        if value is None or value == ():
            continue
        out[(renames or {}).get(key, key)] = list(value) if isinstance(value, tuple) else value
    return out


def refuse_empty(raw: dict, options: dict[str, str]) -> None:
    """On add, an option given as '' is a slip (there is nothing to clear): a usage error naming it."""
    for key, value in raw.items():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and not v.strip() for v in values):
            raise click.BadParameter("is empty; leave the option out instead", param_hint=f"'{options.get(key, key)}'")


def write(ctx: click.Context, summary: str, fn, *args, **kwargs):
    """Run a writer in one transaction and one journal entry (undone with promo undo); returns its result."""
    from promo.commands.common import catalogue
    from promo.db import write as transaction

    conn = catalogue(ctx)
    with transaction(conn, summary):
        return fn(conn, *args, **kwargs)


def options(specs):
    """Decorate a command with (flag, key, help[, multiple]) options, in order."""

    def wrap(fn):
        for spec in reversed(specs):
            flag, key, text, *rest = spec
            multiple = bool(rest and rest[0])
            fn = click.option(flag, key, multiple=multiple, help=text)(fn)
        return fn

    return wrap


def said(message: str) -> None:
    click.echo(message)
