"""Lists out to Excel: one sheet per list (streamed, openpyxl write-only), or one list as CSV with a BOM;
codes and phones as text, dates as dates, amounts as numbers with their unit in the header, every text
neutralised against formulas."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from promo.errors import BadValue
from promo.i18n import N_, _

SAMPLE_FILL = "FFF2CC"
HEADER_FILL = "DDEBF7"
MAX_WIDTH = 40
CELL_LIMIT = 32767  # the most characters an Excel cell holds; a longer text makes Excel "repair" the file


@cache
def _illegal():
    """openpyxl's pattern of the characters XML forbids, looked up once (cell_text runs for every text cell);
    openpyxl is imported only when a workbook is written, not for a CSV."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE


def cell_text(value: str, cut: list | None = None) -> str:
    """A text as a workbook can hold it: without the control characters XML forbids (openpyxl refuses them,
    and the import removes them anyway), and cut to Excel's 32,767 characters (noted in `cut`)."""
    value = _illegal().sub("", value)
    if len(value) > CELL_LIMIT:
        if cut is not None:
            cut.append(len(value))
        value = value[:CELL_LIMIT]
    return value


def header(f, lang: str) -> str:
    return f.en if lang == "en" else f.zh


def _value(f, value):
    """A cell value of the field's type: numbers as numbers, dates as dates, everything else as text."""
    from promo.render_csv import csv_safe

    if value is None or value == "":
        return None
    if f.kind in ("money", "int", "num") and isinstance(value, (int, float)):
        return value
    if f.kind == "date":
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            pass
    return csv_safe(str(value))


def _width(f, rows: list[dict], lang: str) -> int:
    from wcwidth import wcswidth

    sample = [header(f, lang)] + [str(r.get(f.key) or "") for r in rows[:200]]
    return min(MAX_WIDTH, max(8, *(max(wcswidth(s), len(s)) + 2 for s in sample)))


def validation_list(f) -> str | None:
    """The drop-down formula of a choice field ("意向,洽谈,…"), or None."""
    choices = [c for c in f.choices if c]
    return '"' + ",".join(choices) + '"' if f.kind == "choice" and choices else None


def write_sheet(
    book, adapter, rows, lang: str, *, total: int, progress=None, title: str | None = None, warnings=None
) -> int:
    """One list as a sheet of a write-only workbook: styled header, frozen, widths, drop-downs, samples marked;
    a text too long for a cell is cut, with a line in `warnings`.

    `rows` may be a generator: only the first rows are held (to size the columns), so memory stays flat."""
    import itertools

    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = book.create_sheet(title or (adapter.EN if lang == "en" else adapter.ZH))
    fields = adapter.FIELDS
    rows = iter(rows)
    head = list(itertools.islice(rows, 200))
    for i, f in enumerate(fields, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _width(f, head, lang)
    ws.freeze_panes = "A2"
    last = max(total + 1, 2) + 500  # room to add rows in Excel with the same drop-downs
    for i, f in enumerate(fields, start=1):
        formula = validation_list(f)
        if formula and len(formula) < 255:
            dv = DataValidation(type="list", formula1=formula, allow_blank=True)
            dv.add(f"{get_column_letter(i)}2:{get_column_letter(i)}{last}")
            ws.data_validations.append(dv)
    bold, head_fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    sample_fill = PatternFill("solid", fgColor=SAMPLE_FILL)
    cells = []
    for f in fields:
        c = WriteOnlyCell(ws, value=header(f, lang))
        c.font, c.fill = bold, head_fill
        cells.append(c)
    ws.append(cells)
    n = 0
    for n, r in enumerate(itertools.chain(head, rows), start=1):
        if progress and n % 1000 == 0:
            progress(n)
        sample = bool(r.get("sample"))
        line = []
        for f in fields:
            value = _value(f, r.get(f.key))
            if value is None and not sample:
                line.append(None)
                continue
            if isinstance(value, str):
                cut: list[int] = []
                value = cell_text(value, cut)
                if cut and warnings is not None:
                    warnings.append(
                        _(
                            "{list} row {row}, {field}: {length:,} characters, cut to Excel's limit of {limit:,}; "
                            "export to .csv to keep it whole"
                        ).format(list=ws.title, row=n + 1, field=header(f, lang), length=cut[0], limit=CELL_LIMIT)
                    )
            c = WriteOnlyCell(ws, value=value)
            if isinstance(value, str):
                c.data_type = "s"  # text, never a formula, whatever it starts with
                if f.kind in ("code", "phone"):
                    c.number_format = "@"
            elif isinstance(value, dt.date):
                c.number_format = "yyyy-mm-dd"
            elif f.kind == "money":
                c.number_format = "#,##0.####"
            if sample:
                c.fill = sample_fill
            line.append(c)
        ws.append(line)
    return n


def export(
    conn, adapters: list, path: str | Path, *, lang: str = "zh", force: bool = False, progress=None, warnings=None
) -> dict:
    """Write the lists to `path` (.xlsx: one sheet each; .csv or "-" for standard output: one list); returns rows
    written per list; what a workbook could not hold whole goes to `warnings`. The file goes through
    promo.files: an existing file replaced only with `force` (keeping its mode), owner-only, whole or not at
    all, and never through a symlink, device or pipe.

    `progress(total, what)` may return (bar, tick) to show a bar while a sheet is written."""
    from promo import files

    to_stdout = str(path) == files.STDOUT
    path = Path(path)
    suffix = ".csv" if to_stdout else path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise BadValue("-o", str(path), _("write .xlsx (a workbook, one sheet per list) or .csv (one list)"))
    if suffix == ".csv" and len(adapters) != 1:
        raise BadValue("-o", str(path), _("a CSV holds one list; name one list, or write .xlsx for several"))
    files.check_output(path, force=force, what=N_("the export"), option="-o")  # before any sheet is built
    counts = {a.EN: None for a in adapters}
    with files.output(path, force=force, what=N_("the export"), option="-o") as fh:
        if suffix == ".csv":
            counts[adapters[0].EN] = _csv_to(fh, adapters[0], adapters[0].export_rows(conn), lang, to_stdout)
        else:
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            for a in adapters:
                rows = a.export_rows(conn)
                total = len(rows) if hasattr(rows, "__len__") else a.count(conn)
                bar, tick = progress(total, a.EN) if progress else (None, None)
                try:
                    counts[a.EN] = write_sheet(book, a, rows, lang, total=total, progress=tick, warnings=warnings)
                finally:
                    if bar:
                        bar.stop()
            book.save(fh)
    return counts


def _csv_to(fh, adapter, rows, lang: str, to_stdout: bool) -> int:
    """The CSV into binary `fh`: a file gets the BOM Excel needs; standard output gets one only when it is a
    file, and control characters escaped when it is a terminal."""
    import io

    from promo.render_csv import to_file_needs_bom

    bom = not to_stdout or to_file_needs_bom(fh)
    printed = to_stdout and hasattr(fh, "isatty") and fh.isatty()
    out = io.TextIOWrapper(fh, encoding="utf-8-sig" if bom else "utf-8", newline="")
    try:
        return write_csv(out, adapter, rows, lang, printed=printed)
    finally:
        out.flush()
        out.detach()  # fh stays open for promo.files to sync and publish


def write_csv(out, adapter, rows, lang: str, *, printed: bool = False) -> int:
    """One list as CSV (rows may be a generator); returns the number of rows written. `printed`: to a terminal,
    control characters escaped (promo.terminal)."""
    from promo.render_csv import write_csv_rows
    from promo.terminal import safe

    fields = adapter.FIELDS
    count = 0

    def lines():
        nonlocal count
        yield [header(f, lang) for f in fields]
        for r in rows:
            count += 1
            yield [safe(r.get(f.key)) if printed else r.get(f.key) for f in fields]

    write_csv_rows(lines(), out)
    return count


class Sheet:
    """A report written as one sheet (the weekly sheet, the ledger by officer): its fields and rows given, so
    it goes through the same cells, widths and neutralising as the lists."""

    def __init__(self, zh: str, en: str, fields: list, rows: list[dict]):
        self.ZH, self.EN, self.FIELDS, self.rows = zh, en, fields, rows

    def export_rows(self, conn) -> list[dict]:
        return self.rows

    def count(self, conn) -> int:
        return len(self.rows)


def write_report(sheet: Sheet, path: str | Path, *, force: bool = False, lang: str = "zh") -> int:
    """Write a report sheet to `path` (.xlsx, or .csv with a BOM); an existing file only with `force`."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise BadValue("-o", str(path), _("write .xlsx (a workbook) or .csv"))
    from promo import files

    files.check_output(path, force=force, what=N_("the sheet"), option="-o")
    return export(None, [sheet], path, lang=lang, force=force)[sheet.EN]
