"""A sheet as the import reads it: its first rows held (where the header is), the rest read once, as needed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from promo.i18n import N_

DAMAGED = N_("open it in Excel or WPS; if it opens, save it again and import that")


class Uncalculated:
    """A formula cell with no cached value: the workbook was written by a program that never calculated it."""

    def __init__(self, formula: str):
        self.formula = formula

    def __str__(self) -> str:
        return self.formula


class Cells(list):
    """A workbook row's cells; `above` maps each (0-based) cell filled from a merged range that starts on an
    earlier row to that row, so a name merged down over two rows can be read as one record (promo.io.headers)."""

    above: dict[int, int] = {}


class Number1904(float):
    """A number from a workbook on the 1904 date system (old Excel for Mac): as a date serial, its day is
    counted from 1904-01-01, not from 1899-12-30."""


class Nested:
    """A JSON value that is an object (or holds one): no field takes it, and its text is no name."""

    def __init__(self, value):
        self.value = value

    def __str__(self) -> str:
        import json

        return json.dumps(self.value, ensure_ascii=False)


HEAD = 32  # rows held to find the header in: promo.io.headers looks through 30, two rows deep


class Sheet:
    """A sheet's rows as (line or Excel row number, cell values), blank rows kept out: `head` held, the rest
    read once, as the import goes (`rest`). `notes` fills as the rows are read (hidden rows skipped …)."""

    def __init__(
        self,
        name: str,
        rows: Iterable[tuple[int, list]],
        *,
        notes: list[str] | None = None,
        kind: str = "csv",
        encoding: str | None = None,
        delimiter: str = ",",
        size_hint: int | None = None,
        hidden: bool = False,
    ):
        self.name, self.kind, self.encoding, self.delimiter = name, kind, encoding, delimiter
        self.hidden = hidden  # a sheet hidden in Excel: read only when --sheet names it
        self.notes = notes if notes is not None else []
        self._rows = iter(rows)
        self.head: list[tuple[int, list]] = list(islice(self._rows, HEAD))
        self.size_hint = size_hint  # about how many rows, for a progress bar; None when unknown

    def rest(self) -> Iterator[tuple[int, list]]:
        """The rows after `head`, read from the file as they are asked for (once)."""
        return self._rows


def line_runs(numbers: Iterable[int]) -> list[list[int]]:
    """1, 2, 3, 7 → [[1, 3], [7, 7]]: runs of consecutive numbers, in order."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return runs


def shown_runs(runs: list[list[int]], sep: str = ", ") -> str:
    """[[1, 3], [7, 7]] → '1–3, 7', the first twenty runs and … for more."""
    shown = [str(a) if a == b else f"{a}–{b}" for a, b in runs]
    return sep.join(shown[:20]) + (" …" if len(shown) > 20 else "")
