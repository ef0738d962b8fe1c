"""Help texts in the user's language: command docstrings and help= texts are translated when help is shown.

click keeps them as the English written in the source (evaluated at import); the language is chosen per run,
so they are looked up in the catalogue only while help is formatted.
"""

from __future__ import annotations

from contextlib import contextmanager

import click

from promo.command_line import Forgiving
from promo.help_format import Argument, Option, placeholders
from promo.help_format import Context as HelpContext
from promo.i18n import _, help_key, language

HELP_OPTION = "Show this message and exit."


def _shown(text: str | None) -> str | None:
    return placeholders(_(help_key(text))) if text else text


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


class Translated(Forgiving):
    """Mixed into every promo command and group (see `translated`); help laid out by promo.help_format."""

    context_class = HelpContext

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


def _width(ch: str) -> int:
    """Terminal columns of one character: wide and full-width take two, combining marks none.

    unicodedata is built in; wcwidth (used for tables) costs `promo --help` about a fifth of its start-up."""
    import unicodedata

    return 0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _shorten(text: str, limit: int) -> str:
    """Cut to `limit` terminal columns (a Chinese character takes two), ending with … when cut."""
    widths = [_width(ch) for ch in text]
    if sum(widths) <= limit:
        return text
    used, end = 0, 0
    while end < len(text) and used + widths[end] <= limit - 1:
        used += widths[end]
        end += 1
    return text[:end] + "…"


_classes: dict[type, type] = {}


def translated(cmd):
    """The same command, its help shown in the user's language (subcommands too, as they are loaded)."""
    if cmd is None:
        return cmd
    cls = type(cmd)
    if not isinstance(cmd, Translated):  # a group made with cls=LazyGroup is one already: only its params to do
        if cls not in _classes:
            _classes[cls] = type(cls.__name__, (Translated, cls), {"__module__": cls.__module__})
        cmd.__class__ = _classes[cls]
    for param in cmd.params:
        if type(param) is click.Argument:
            param.__class__ = Argument
        elif type(param) is click.Option:
            param.__class__ = Option
    return cmd
