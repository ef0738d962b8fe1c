"""What the screen promo writes to can show: its size, whether colour is wanted, how wide a character is.

See docs/terminal.md for the rules (NO_COLOR, FORCE_COLOR, COLUMNS, PROMO_AMBIGUOUS_WIDTH) and why.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata


def is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def colour(stream=None) -> bool:
    """Colour only on a terminal; NO_COLOR (any value) turns it off and wins over FORCE_COLOR, which turns it on
    when output is piped (no-color.org, force-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return is_terminal(stream or sys.stdout) and os.environ.get("TERM") != "dumb"


def width(stream=None) -> int | None:
    """Columns to lay a table out in: COLUMNS, else the terminal's (stdout's, or stderr's when piped into a
    pager or head), else None: a file or a script gets every table at its natural width."""
    given = os.environ.get("COLUMNS", "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    for s in (stream or sys.stdout, sys.stderr):
        if is_terminal(s):
            try:
                return os.get_terminal_size(s.fileno()).columns or None
            except (OSError, ValueError):
                continue
    return None


def height(stream=None) -> int:
    """Lines on the screen: LINES, else the terminal's, else 24."""
    given = os.environ.get("LINES", "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    try:
        return os.get_terminal_size((stream or sys.stdout).fileno()).lines or 24
    except (OSError, ValueError, AttributeError):
        return 24


def ambiguous_width() -> int:
    """How many cells a character of East Asian ambiguous width (※ · → — █ ─) takes: 1, as glibc, rich and the
    usual terminals (Windows Terminal included) draw it, unless PROMO_AMBIGUOUS_WIDTH says 2 or the legacy
    Windows console runs a Chinese, Japanese or Korean code page. No terminal reports this setting."""
    from promo.errors import BadValue
    from promo.i18n import _

    given = os.environ.get("PROMO_AMBIGUOUS_WIDTH", "").strip().lower()
    if given in ("1", "narrow"):
        return 1
    if given in ("2", "wide"):
        return 2
    if given:
        raise BadValue("PROMO_AMBIGUOUS_WIDTH", given, _("is 1 (narrow, the default) or 2 (wide)"))
    return 2 if _legacy_cjk_console() else 1


CJK_CODE_PAGES = (932, 936, 949, 950)


def _legacy_cjk_console() -> bool:
    # conhost draws ambiguous characters two cells wide under a CJK code page; Windows Terminal (WT_SESSION) does not
    if sys.platform != "win32" or os.environ.get("WT_SESSION"):
        return False
    try:
        import ctypes

        return ctypes.windll.kernel32.GetConsoleOutputCP() in CJK_CODE_PAGES
    except (AttributeError, OSError):
        return False


class Measure:
    """Display width of text in terminal cells (wide characters 2, ambiguous ones by `ambiguous`), cached."""

    def __init__(self, ambiguous: int = 1):
        from wcwidth import wcswidth

        self.ambiguous = ambiguous
        self._wcswidth = wcswidth
        self._cache: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        if text.isascii():  # printed text has its control characters escaped: ASCII is one cell a character
            return len(text)
        found = self._cache.get(text)
        if found is None:
            found = self._wcswidth(text, ambiguous_width=self.ambiguous)
            if found < 0:  # a control character left in: count what prints
                found = sum(max(self._wcswidth(c, ambiguous_width=self.ambiguous), 0) for c in text)
            if len(self._cache) < 100_000:
                self._cache[text] = found
        return found

    def pad(self, text: str, cells: int, align: str = "left") -> str:
        gap = cells - self(text)
        if gap <= 0:
            return text
        return " " * gap + text if align == "right" else text + " " * gap


def _wide(c: str) -> bool:
    return c >= "\u1100" and unicodedata.east_asian_width(c) in "WF"


_OPENING = "([{（［｛《〈「『【〔“‘"
_CLOSING = ")]}）］｝》〉」』】〕”’，。、；：！？,.;:!?%％"


def _breaks(a: str, b: str) -> bool:
    """Whether a line may break between a and b: at spaces, and between Chinese characters, but never inside a
    number, date or code (digits and Latin letters hold together), before a closing or after an opening mark."""
    if a.isspace() or b.isspace():
        return a.isspace() != b.isspace()
    if not (_wide(a) or _wide(b)):
        return False
    if a.isdigit() or b.isdigit() or b in _CLOSING or a in _OPENING:
        return False
    return True


def _in_run(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c in ",.-%/:")


def _loosely(a: str, b: str) -> bool:
    """Where a piece too wide for its line may still break before it is folded: at any Chinese character, and
    where a number or code meets anything else."""
    if a.isspace() or b.isspace():
        return a.isspace() != b.isspace()
    return _wide(a) or _wide(b) or _in_run(a) != _in_run(b)


# an amount and its unit read as one word: 17.08万元/年, 1.20元/㎡·天, 同链 1 家, 209 天后, ≥ 300 万元/亩
_UNIT = r"(?:万元|亿元|万|亿|元|亩|㎡|m²|平方米|平米|平|kN|kW|家|天|个|项|人|年|月|日|次|倍|%|％)"
_PER = r"(?:/(?:㎡|m²|亩|年|月|天|人|year|month|day)(?:·(?:天|月|年|day|month))?)"
_AMOUNT = re.compile(rf"(?:[≥≤<>] ?)?[≈~约+\-−]?\d[\d,]*(?:\.\d+)?(?: ?{_UNIT}{_PER}?|{_PER})")


def _held(text: str) -> set[int]:
    """Positions a line may not break before because they are inside an amount with its unit."""
    if not any(c.isdigit() for c in text):
        return set()
    return {i for m in _AMOUNT.finditer(text) for i in range(m.start() + 1, m.end())}


def pieces(text: str, words: bool = False, loose: bool = False) -> list[tuple[int, int]]:
    """`text` cut into the pieces a line may not break inside, as (start, end); runs of spaces are pieces too.
    With `words`, only spaces part pieces (a list's items stay whole); with `loose`, see _loosely. An amount with
    its unit (17.08万元/年, 1 家) is one piece, except loosely (it alone is wider than the line)."""
    out, start = [], 0
    rule = _loosely if loose else _breaks
    held = () if loose else _held(text)
    for i in range(1, len(text)):
        a, b = text[i - 1], text[i]
        if i in held:
            continue
        if a.isspace() != b.isspace() if words else rule(a, b):
            out.append((start, i))
            start = i
    if text:
        out.append((start, len(text)))
    return out


def longest_piece(text: str, measure: Measure, words: bool = False) -> int:
    """The widest piece of `text` that a line cannot break inside (its narrowest possible column)."""
    return max((measure(text[s:e]) for s, e in pieces(text, words) if not text[s:e].isspace()), default=0)


def wrap(text: str, cells: int, measure: Measure, mode: str = "text") -> list[tuple[int, int]]:
    """Lines of `text` at most `cells` wide, as (start, end) slices of it; newlines kept. By `mode`:
    text breaks at spaces and between Chinese characters, never inside a number or code unless that alone is
    wider than the line; list breaks between items (at spaces), and inside an item only when it alone is wider;
    words breaks only at spaces, and a word wider than the line runs past it rather than split."""
    lines: list[tuple[int, int]] = []
    offset = 0
    for para in text.split("\n"):
        lines.extend((offset + s, offset + e) for s, e in _wrap_line(para, cells, measure, mode))
        offset += len(para) + 1
    return lines


def _wrap_line(text: str, cells: int, measure: Measure, mode: str) -> list[tuple[int, int]]:
    if measure(text) <= cells:
        return [(0, len(text))]
    lines: list[tuple[int, int]] = []
    start = end = None
    used = 0
    for s, e in pieces(text, mode in ("list", "words"), mode == "loose"):
        piece = text[s:e]
        if piece.isspace():
            continue
        w = measure(piece)
        gap = measure(text[end:s]) if start is not None else 0
        if start is not None and used + gap + w <= cells:
            end, used = e, used + gap + w
            continue
        if start is not None:
            lines.append((start, end))
        if w > cells and mode in ("list", "text"):  # too wide: a list item broken as text, text more loosely
            *whole, (s2, e2) = _wrap_line(piece, cells, measure, "text" if mode == "list" else "loose")
            lines.extend((s + a, s + b) for a, b in whole)
            s, w = s + s2, measure(text[s + s2 : e])
        while w > cells and mode == "loose":  # still too wide: folded, as nothing else shows it whole
            cut = s
            while cut < e and measure(text[s : cut + 1]) <= cells:
                cut += 1
            cut = max(cut, s + 1)
            lines.append((s, cut))
            s = cut
            w = measure(text[s:e])
        start, end, used = s, e, w
    if start is not None:
        lines.append((start, end))
    return lines or [(0, 0)]
