"""Help texts in the user's language: command docstrings and help= texts are translated when help is shown.

click keeps them as the English written in the source (evaluated at import); the language is chosen per run,
so they are looked up in the catalogue only while help is formatted.
"""

from __future__ import annotations

from contextlib import contextmanager

import click

from promo.i18n import _, help_key, language

HELP_OPTION = "Show this message and exit."


def _shown(text: str | None) -> str | None:
    return _(help_key(text)) if text else text


@contextmanager
def _translated(cmd: click.Command, ctx: click.Context):
    saved = [(cmd, "help", cmd.help), (cmd, "short_help", cmd.short_help), (cmd, "epilog", cmd.epilog)]
    for param in cmd.get_params(ctx):
        saved.append((param, "help", getattr(param, "help", None)))
    try:
        for obj, attr, value in saved:
            if obj is cmd._help_option:  # created once, in the language of its first use
                setattr(obj, attr, _(HELP_OPTION))
            else:
                setattr(obj, attr, _shown(value))
        yield
    finally:
        for obj, attr, value in saved:
            setattr(obj, attr, value)


class Translated:
    """Mixed into every promo command and group (see `translated`)."""

    def format_help(self, ctx, formatter):
        with _translated(self, ctx):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        if self.short_help:
            return _shorten(_shown(self.short_help), limit)
        if language() == "en":  # click's own shortening reads English sentences
            return super().get_short_help_str(limit)
        return _shorten(_first_sentence(_shown(self.help) or ""), limit)

    def get_command(self, ctx, cmd_name):
        return translated(super().get_command(ctx, cmd_name))


def _first_sentence(text: str) -> str:
    first = text.strip().partition("\n\n")[0].replace("\b", "").strip()
    for end in ("。", ". "):
        if end in first:
            first = first.partition(end)[0] + end.strip()
            break
    return " ".join(first.split())


def _shorten(text: str, limit: int) -> str:
    """Cut to `limit` terminal columns (a Chinese character takes two), ending with … when cut."""
    from wcwidth import wcswidth

    if wcswidth(text) <= limit:
        return text
    while text and wcswidth(text) > limit - 1:
        text = text[:-1]
    return text + "…"


_classes: dict[type, type] = {}


def translated(cmd):
    """The same command, its help shown in the user's language (subcommands too, as they are loaded)."""
    if cmd is None or isinstance(cmd, Translated):
        return cmd
    cls = type(cmd)
    if cls not in _classes:
        _classes[cls] = type(cls.__name__, (Translated, cls), {"__module__": cls.__module__})
    cmd.__class__ = _classes[cls]
    return cmd
