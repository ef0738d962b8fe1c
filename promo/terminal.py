"""Text from the catalogue made safe to print: control characters and bidi overrides shown escaped.

A name holding ESC could recolour or clear the officer's terminal, one holding U+202E could show a
different text than the one stored; printing it as \\x1b or \\u202e shows exactly what is there.
"""

from __future__ import annotations

import re

# C0 (but tab and newline), DEL, C1, the bidi embeddings, overrides and isolates, and lone surrogates (the bytes of
# an argument that is not UTF-8, as Python keeps them: printing one would fail)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # bytes that were not UTF-8, kept by surrogateescape
MAX_LINE = 300


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): shown as the byte it was
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: str, *, one_line: bool = False) -> str:
    """`text` with control characters shown as \\xNN / \\uNNNN; with one_line, newlines and tabs too."""
    return (_ONE_LINE if one_line else CONTROL).sub(_escaped, text)


def safe(value):
    """A value to print: strings escaped, anything else as it is."""
    return escape(value) if isinstance(value, str) else value


def has_control(text: str, *, multiline: bool = False) -> bool:
    """Whether `text` holds a character that must not be stored in a name (or, multiline, in free text)."""
    return bool((CONTROL if multiline else _ONE_LINE).search(text))


def printable(message: str) -> str:
    """A message safe for a terminal, long lines cut: error messages, notes, success lines."""
    lines = escape(message).split("\n")
    return "\n".join(line if len(line) <= MAX_LINE else line[:MAX_LINE] + "…" for line in lines)


def check_text(value: str | None, field: str, *, max_len: int = 200, one_line: bool = True) -> str | None:
    """Text typed for storing (a name, title, owner, reason), trimmed; BadValue when it holds control
    characters or is longer than `max_len`."""
    from promo.errors import BadValue
    from promo.i18n import _

    if value is None:
        return None
    text = value.strip()
    if _SURROGATE.search(text):
        raise BadValue(field, escape(value), _("is not valid text (bytes that are not UTF-8)"))
    if has_control(text, multiline=not one_line):
        raise BadValue(field, escape(value), _("contains control characters (ESC, BEL, bidi overrides …)"))
    if len(text) > max_len:
        why = _("is {length} characters long; at most {limit}")
        raise BadValue(field, value, why.format(length=f"{len(text):,}", limit=f"{max_len:,}"))
    return text


def fit_usage_error(exc) -> None:
    """click's usage error (错误：'--kind' 的值无效：…) said on a terminal like promo's own errors: wrapped by
    promo's rule under its lead, never inside an English word or a code (电话（cal / l）)."""
    import sys

    from promo.i18n import _

    if getattr(exc, "promo_fitted", False):  # raised through a subcommand's group and the root's
        return
    exc.promo_fitted = True
    plain = exc.format_message
    exc.format_message = lambda: fitted(plain(), sys.stderr, lead=_("Error: {message}").format(message=""))


def fitted(message: str, stream, *, lead: str = "") -> str:
    """A message for a terminal, each line wrapped to its width by promo's rule (between Chinese characters and at
    spaces, never inside a number, date or code) and continued two columns in; `lead` is printed before the first
    line (click's 错误：). As it is when `stream` is not a terminal: scripts and files get one line each."""
    from promo import screen

    return wrapped(message, screen.width(stream) if screen.is_terminal(stream) else None, lead=lead)


def wrapped(message: str, width: int | None, *, lead: str = "") -> str:
    """A message wrapped to `width` columns by promo's rule, as `fitted` wraps it for a terminal; as it is without
    a width (or under 20). For a line under a table, which follows the table's width (COLUMNS) even off a
    terminal."""
    from promo import screen
    from promo.errors import PromoError

    if not width or width < 20:
        return message
    try:
        measure = screen.Measure(screen.ambiguous_width())
    except PromoError:  # a wrong PROMO_AMBIGUOUS_WIDTH is said by the command; its messages still print
        measure = screen.Measure()
    out = []
    for line in message.split("\n"):
        own = line[: len(line) - len(line.lstrip(" "))]  # a line's own indent is kept, its continuation 2 more
        room = width - 1 - max(len(own) + 2, measure(lead) if not out else 0)
        parts = [line[s:e].strip() for s, e in screen.wrap(line, room, measure)] or [line.strip()]
        out.append(own + ("\n" + own + "  ").join(parts))
    return "\n".join(out)
