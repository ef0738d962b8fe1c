"""Workbooks as sheets, streamed: openpyxl's read-only reader gives the cells row by row (cached formula values);
what it leaves out — merged ranges, hidden rows and columns, formulas never calculated — comes from one pass
over the sheet's XML (promo.io.layout), so memory stays flat whatever the number of rows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

from promo.errors import BadValue
from promo.i18n import _
from promo.io.sheet import DAMAGED, HEAD, Cells, Number1904, Sheet, Uncalculated, line_runs, shown_runs

# number formats built into Chinese Excel and WPS (yyyy"年"m"月"d"日" is 31) that openpyxl does not know as dates
_CJK_DATE_FORMATS = {27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58}


def _unreadable(path: Path, exc: Exception) -> BadValue:
    return BadValue("FILE", str(path), _("cannot be read as an Excel workbook ({error})").format(error=exc), _(DAMAGED))


def xlsx_sheets(path: Path, stack: ExitStack) -> list[Sheet]:
    """The sheets of the workbook at `path` (those hidden in Excel marked so), open until `stack` closes."""
    import warnings
    import zipfile
    from xml.etree.ElementTree import ParseError

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from promo.io.layout import read_layout

    errors = (InvalidFileException, zipfile.BadZipFile, ParseError, KeyError, OSError, ValueError, TypeError)
    fh = stack.enter_context(path.open("rb"))  # a file object: openpyxl refuses a workbook named .et by its name
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about data validation and styles it ignores
            book = load_workbook(fh, read_only=True, data_only=True)
    except errors as exc:
        raise _unreadable(path, exc) from None
    stack.callback(book.close)
    _cjk_dates(book)
    sheets = []
    try:
        for ws in book.worksheets:
            if not hasattr(ws, "iter_rows"):  # a chart sheet
                continue
            layout = read_layout(book._archive, ws._worksheet_path)
            hint = ws.max_row if (ws.max_row or 0) > HEAD else None  # from <dimension>, which may say A1
            notes: list[str] = []
            rows = _rows(ws, layout, notes, path, errors)
            stack.callback(rows.close)
            hidden = getattr(ws, "sheet_state", "visible") != "visible"
            sheets.append(Sheet(ws.title, rows, notes=notes, kind="xlsx", size_hint=hint, hidden=hidden))
    except errors as exc:
        raise _unreadable(path, exc) from None
    return sheets


def _cjk_dates(book) -> None:
    """Read cells styled with a Chinese built-in date format as dates, not as serial numbers."""
    try:
        for i, style in enumerate(book._cell_styles):
            if style.numFmtId in _CJK_DATE_FORMATS:
                book._date_formats.add(i)
    except (AttributeError, TypeError):
        pass  # another openpyxl: such cells then come as serial numbers, which promo.io.cells reads too


def _rows(ws, layout, notes: list[str], path: Path, errors) -> Iterator[tuple[int, list]]:
    """The sheet's rows with merged cells filled in, hidden rows and columns left out (and noted at the end)."""
    from promo.io.layout import Merged

    merged = Merged(layout.merged)
    skipped_hidden, hidden_filled = [], set()
    try:
        for number, vals in _values(ws):
            vals = merged.fill(number, vals)
            formulas = layout.uncalculated.get(number, {})
            if formulas and max(formulas) > len(vals):
                vals += [None] * (max(formulas) - len(vals))
            cells, above = Cells(), {}
            for col, v in enumerate(vals, start=1):
                if col in layout.hidden_cols:
                    if _filled(v):
                        hidden_filled.add(col)
                    continue
                if v is None and col in formulas:
                    v = Uncalculated(formulas[col])
                if col in merged.above:
                    above[len(cells)] = merged.above[col]
                cells.append(v)
            if above:
                cells.above = above
            if not any(_filled(c) for c in cells):
                continue
            if number in layout.hidden_rows:
                skipped_hidden.append(number)
                continue
            yield number, cells
    except errors as exc:
        raise _unreadable(path, exc) from None
    if skipped_hidden:
        notes.append(_("rows hidden in Excel were skipped: {rows}").format(rows=shown_runs(line_runs(skipped_hidden))))
    if hidden_filled:  # not the empty columns hidden past the data, as offices hide the rest of the sheet
        notes.append(
            _("columns hidden in Excel were skipped: {columns}").format(
                columns=", ".join(_col_letter(c) for c in sorted(hidden_filled))
            )
        )


class _Forgotten(dict):
    """What openpyxl's parser keeps of every row with a style or a height until the sheet ends: nothing. A
    sheet formatted down to row 1,048,576 took 480 MB that way."""

    def __setitem__(self, key, value) -> None:
        pass


def _values(ws) -> Iterator[tuple[int, list]]:
    """The rows the sheet's XML holds, as (row number, values up to the last one filled): not the rows a wrong
    <dimension> claims (A1, or A1:XFD1048576), nor the empty cells a formatted row is full of."""
    from openpyxl.worksheet._reader import WorkSheetParser

    from promo.io.layout import WithoutEmptyCells

    book = ws.parent
    mac = getattr(book.epoch, "year", 1899) == 1904  # a number there, read as a date, counts from 1904
    with WithoutEmptyCells(ws._get_source()) as src:
        parser = WorkSheetParser(
            src,
            ws._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        parser.row_dimensions = _Forgotten()
        for number, cells in parser.parse():
            filled = [c for c in cells if c["value"] is not None]
            if not filled:
                yield number, []
                continue
            vals = [None] * max(c["column"] for c in filled)
            for c in filled:
                v = c["value"]
                vals[c["column"] - 1] = Number1904(v) if mac and type(v) in (int, float) else v
            yield number, vals


def _filled(value) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _col_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)
