"""CSV as promo writes it: cells a spreadsheet will not run as formulas, codes kept as text, a BOM for Excel.

Listings (render), exports, templates and rejects files all write CSV cells through here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

_SIGNED_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)*|\d*\.\d+)(?:[eE][+-]?\d+)?%?$")
# what starts a formula: the ASCII signs, and their full-width forms, which an input method types and which
# Excel and WPS may take for the ASCII ones; spaces before them do not make a cell safe
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_SPACES = " \u00a0\u3000"
_AFTER_SEPARATOR = re.compile(r";[ \u00a0\u3000]*[=+\-@＝＋－＠]")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could run `text` as a formula; a signed number (-5, +3.2%) is a number."""
    if not text or text[0] in "\t\r":
        return bool(text)
    bare = text.lstrip(_SPACES)
    if bare[:1] not in FORMULA_START:
        return False
    return not (bare[:1] in "+-" and _SIGNED_NUMBER.match(bare))


def csv_safe(value: Any) -> Any:
    """A text cell that a spreadsheet will not run as a formula (=, +, -, @, tab or CR first, full-width or
    after spaces): prefixed with '. A text that starts with ' before such a formula gets a second ', as the
    import takes one off (promo.io.cells). Only a whole signed number written as text keeps its sign
    (`-1+HYPERLINK(…)` does not); numbers stay numbers."""
    if isinstance(value, str) and (formula_like(value) or (value[:1] == "'" and formula_like(value[1:]))):
        return "'" + value
    return value


WHOLE_BELOW = 1e15  # a whole float below this is written as the integer it is (exact in a double, and in SQLite)


def _csv_field(value: Any) -> str:
    """One CSV field; all-digit text (codes, phones) is quoted so Excel is told it is text, not a number; a
    whole number kept as a float (8000.0 万元, 320.0 ㎡) is written as the table shows it, 8000."""
    if isinstance(value, float) and value.is_integer() and abs(value) < WHOLE_BELOW:
        return str(int(value))
    text = "" if value is None else str(value)
    # a ;-separated list is quoted when a formula follows a ;: Excel set to ; as separator would split it there
    if (
        (isinstance(value, str) and text.isdigit())
        or any(c in text for c in ',"\r\n')
        or (";" in text and _AFTER_SEPARATOR.search(text))
    ):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv_rows(rows: Iterable[Sequence[Any]], out) -> None:
    """Write rows of cells as CSV, each text neutralised against formulas (csv_safe)."""
    for row in rows:
        out.write(",".join(_csv_field(csv_safe(v)) for v in row) + "\n")


def csv_cell(value: Any) -> str:
    """One value of a listing as its CSV cell: control characters escaped as a table's, formulas defused,
    all-digit text quoted."""
    from promo.terminal import safe

    return _csv_field(csv_safe(safe(value)))


def write_csv(rows: Iterable[dict], columns: Sequence, out) -> None:
    """A listing's rows as CSV under the columns' stable keys: lists joined with ;, booleans as 0/1."""
    from promo.terminal import safe

    def lines():
        yield [c.key for c in columns]
        for r in rows:
            line = []
            for c in columns:
                v = r.get(c.key)
                if isinstance(v, (list, tuple)):
                    v = ";".join(str(x) for x in v)
                elif isinstance(v, bool):
                    v = int(v)
                line.append(safe(v))  # a listing is printed: control characters escaped like a table's
            yield line

    write_csv_rows(lines(), out)


def to_file_needs_bom(stream) -> bool:
    """True when `stream` is an empty regular file: Excel on Chinese Windows reads UTF-8 CSV only with a BOM;
    a pipe or terminal gets plain UTF-8."""
    import os
    import stat

    try:
        info = os.fstat(stream.fileno())
        return stat.S_ISREG(info.st_mode) and stream.tell() == 0
    except (OSError, ValueError, AttributeError):
        return False
