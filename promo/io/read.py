"""Files as sheets of typed cells: .xlsx (cached formula values, merged and hidden cells), CSV in the encodings
Excel writes (UTF-8, UTF-8 with BOM, GB18030/GBK, UTF-16 "Unicode text"), and JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from promo.errors import BadValue
from promo.i18n import _

MAX_BYTES = 100 * 1024 * 1024
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class Uncalculated:
    """A formula cell with no cached value: the workbook was written by a program that never calculated it."""

    def __init__(self, formula: str):
        self.formula = formula

    def __str__(self) -> str:
        return self.formula


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, list]]  # (line or Excel row number, cell values), blank rows kept out
    notes: list[str] = field(default_factory=list)
    kind: str = "csv"  # csv, xlsx, json
    encoding: str | None = None
    delimiter: str = ","


def read_sheets(path: str | Path) -> list[Sheet]:
    """Every sheet of the file; refuses files that are missing, empty, too big or not what their name says."""
    from promo.files import check_input

    path = check_input(path, option="FILE")  # missing, a folder, a pipe or device, a name too long: usage errors
    size = path.stat().st_size
    if size == 0:
        raise BadValue("FILE", str(path), _("is empty (0 bytes)"))
    if size > MAX_BYTES:
        raise BadValue(
            "FILE",
            str(path),
            _("is {size:,.0f} MB; promo imports files up to {limit} MB").format(
                size=size / 1024 / 1024, limit=MAX_BYTES // 2**20
            ),
            _("split it into several files and import each"),
        )
    with path.open("rb") as fh:
        head = fh.read(8)
    suffix = path.suffix.lower()
    if head.startswith(_CFB_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in path.read_bytes():
            raise BadValue(
                "FILE",
                str(path),
                _("is a password-protected workbook"),
                _(
                    "open it in Excel/WPS, remove the password (文件 → 信息 → 保护工作簿 → 用密码进行加密), "
                    "save, and import again"
                ),
            )
        raise _old_format(path)
    is_zip = head.startswith(b"PK\x03\x04")
    if suffix in (".xlsx", ".xlsm") or (is_zip and suffix in (".xls", ".et", ".ett", ".xltx")):
        # WPS and some systems save an .xlsx workbook under .et or .xls: it is read for what it is
        if not is_zip:
            raise BadValue(
                "FILE", str(path), _("is named .xlsx but is not an Excel workbook (perhaps CSV or text renamed)")
            )
        return _xlsx_sheets(path, size)
    if suffix in (".xls", ".et", ".ett"):
        raise _old_format(path)
    if is_zip:
        raise BadValue(
            "FILE",
            str(path),
            _("is a zip or Excel workbook, not {suffix}; name it .xlsx if it is a workbook").format(
                suffix=suffix or _("text")
            ),
        )
    raw = path.read_bytes()
    if suffix == ".json":
        return [_json_sheet(path, raw)]
    if suffix not in (".csv", ".txt", ".tsv", ""):
        raise BadValue(
            "FILE",
            str(path),
            _("has an extension promo does not read ({suffix}); use .xlsx, .csv or .json").format(suffix=suffix),
        )
    return [_csv_sheet(path, raw)]


def _old_format(path: Path) -> BadValue:
    return BadValue(
        "FILE",
        str(path),
        _("is an old-format (.xls/.et) workbook; save it as .xlsx or CSV and import that"),
        _("open it in Excel or WPS, 文件 → 另存为 → Excel 工作簿 (*.xlsx), and import the .xlsx"),
    )


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """The text of a CSV and the encoding it was in: a BOM decides, else UTF-8, else GB18030 (Chinese Excel)."""
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise BadValue("FILE", str(path), _("starts as UTF-16 text but cannot be read as such")) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise BadValue("FILE", str(path), _("has a UTF-8 mark but is not UTF-8 text")) from None
    if b"\x00" in raw[:4096]:
        raise BadValue("FILE", str(path), _("is not a text file (it holds binary data)"))
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise BadValue("FILE", str(path), _("is neither UTF-8, UTF-16 nor GB18030/GBK text")) from None


def _delimiter(text: str) -> str:
    head = [line for line in text.splitlines()[:20] if line.strip()]
    counts = {d: sum(line.count(d) for line in head) for d in ("\t", ",", ";")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _csv_sheet(path: Path, raw: bytes) -> Sheet:
    import csv
    import io

    text, encoding = decode(raw, path)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, start = [], 1
    try:
        for cells in reader:
            # a quoted cell may hold newlines: a record is reported by the line where it starts
            if any(c.strip() for c in cells):
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise BadValue(
            "FILE", str(path), _("line {line}: not readable as CSV ({error})").format(line=start, error=exc)
        ) from None
    return Sheet(path.name, rows, kind="csv", encoding=encoding, delimiter=delimiter)


def _json_sheet(path: Path, raw: bytes) -> Sheet:
    text, _encoding = decode(raw, path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadValue("FILE", str(path), _("is not valid JSON ({error})").format(error=exc)) from None
    except RecursionError:
        raise BadValue("FILE", str(path), _("is JSON nested too deeply; expected an array of objects")) from None
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise BadValue("FILE", str(path), _("JSON must be an array of objects, one per record"))
    if not data:
        raise BadValue("FILE", str(path), _("holds no records (an empty JSON array)"))
    headers = list(dict.fromkeys(str(k) for r in data for k in r))
    rows = [(0, headers)]
    try:
        for i, r in enumerate(data, start=1):
            rows.append((i, [_json_value(r.get(h)) for h in headers]))
    except RecursionError:  # an object nested just shallow enough to parse, too deep to write back as text
        raise BadValue("FILE", str(path), _("record {record} is JSON nested too deeply").format(record=i)) from None
    return Sheet(path.name, rows, kind="json")


def _json_value(value):
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _xlsx_sheets(path: Path, size: int) -> list[Sheet]:
    import warnings
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    # streamed whatever the size (memory stays flat); what streaming leaves out, merged ranges and hidden rows
    # and columns, comes from the sheet's XML (promo.io.layout)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about data validation and styles it ignores
            # opened from a file object, as openpyxl refuses a workbook named .et or .xls by its name
            values = load_workbook(path.open("rb"), read_only=True, data_only=True)
            formulas = load_workbook(path.open("rb"), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise BadValue(
            "FILE", str(path), _("cannot be read as an Excel workbook ({error})").format(error=exc)
        ) from None
    _cjk_dates(values)
    try:
        sheets = []
        for ws, wf in zip(values.worksheets, formulas.worksheets, strict=True):
            if getattr(ws, "sheet_state", "visible") != "visible" or not hasattr(ws, "iter_rows"):
                continue
            sheets.append(_xlsx_sheet(ws, wf))
        return sheets
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise BadValue(
            "FILE", str(path), _("cannot be read as an Excel workbook ({error})").format(error=exc)
        ) from None
    finally:
        values.close()
        formulas.close()


# number formats built into Chinese Excel and WPS (yyyy"年"m"月"d"日" is 31) that openpyxl does not know as dates
_CJK_DATE_FORMATS = {27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58}


def _cjk_dates(book) -> None:
    """Read cells styled with a Chinese built-in date format as dates, not as serial numbers."""
    try:
        for i, style in enumerate(book._cell_styles):
            if style.numFmtId in _CJK_DATE_FORMATS:
                book._date_formats.add(i)
    except (AttributeError, TypeError):
        pass  # another openpyxl: such cells then come as serial numbers, which promo.io.cells reads too


def _xlsx_sheet(ws, wf) -> Sheet:
    from promo.io.layout import Merged, read_layout

    layout = read_layout(ws.parent._archive, ws._worksheet_path)
    for sheet in (ws, wf):
        sheet.reset_dimensions()  # a wrong <dimension> (some programs write A1) would cut rows and columns short
    merged = Merged(layout.merged)
    rows, uncalculated, skipped_hidden, hidden_filled = [], [], [], set()
    for number, (vals, forms) in enumerate(
        zip(ws.iter_rows(values_only=True), wf.iter_rows(values_only=True), strict=False), start=1
    ):
        vals = merged.fill(number, list(vals))
        forms = list(forms) + [None] * (len(vals) - len(forms))
        cells = []
        for col, (v, f) in enumerate(zip(vals, forms, strict=False), start=1):
            if col in layout.hidden_cols:
                if _filled(v):
                    hidden_filled.add(col)
                continue
            if v is None and isinstance(f, str) and f.startswith("="):
                v = Uncalculated(f)
                uncalculated.append(f"{_col_letter(col)}{number}")
            cells.append(v)
        if not any(_filled(c) for c in cells):
            continue
        if number in layout.hidden_rows:
            skipped_hidden.append(number)
            continue
        rows.append((number, cells))
    sheet = Sheet(ws.title, rows, kind="xlsx")
    if skipped_hidden:
        sheet.notes.append(_("rows hidden in Excel were skipped: {rows}").format(rows=_ranges(skipped_hidden)))
    if hidden_filled:  # not the empty columns hidden past the data, as offices hide the rest of the sheet
        sheet.notes.append(
            _("columns hidden in Excel were skipped: {columns}").format(
                columns=", ".join(_col_letter(c) for c in sorted(hidden_filled))
            )
        )

    return sheet


def _filled(value) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _col_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _ranges(numbers: list[int]) -> str:
    """1, 2, 3, 7 → '1–3, 7'."""
    out, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            out.append(str(start) if start == n else f"{start}–{n}")
            start = None
    return ", ".join(out[:20]) + (" …" if len(out) > 20 else "")
