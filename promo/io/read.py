"""Files as sheets of typed cells: .xlsx (cached formula values, merged and hidden cells), CSV in the encodings
Excel writes (UTF-8, UTF-8 with BOM, GB18030/GBK, UTF-16 "Unicode text"), and JSON.

A sheet's rows are read as an import uses them: only the first rows (where the header is) are held, so a
100,000-row file is imported in the memory of a small one."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from promo.errors import BadValue
from promo.i18n import N_, _, ngettext
from promo.io.sheet import Nested, Sheet, Uncalculated

__all__ = ["Nested", "Sheet", "Uncalculated", "decode", "open_sheets"]

MAX_BYTES = 100 * 1024 * 1024
MAX_CELL = 1 << 20  # a CSV cell no one typed: past it the file is refused as not readable
MAX_UNPACKED = 2048 * 1024 * 1024  # a 100 MB workbook unpacks to about 1 GB
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@contextmanager
def open_sheets(path: str | Path) -> Iterator[list[Sheet]]:
    """Every sheet of the file, readable until the block ends; refuses files that are missing, empty, too big
    or not what their name says before any row is read."""
    with ExitStack() as stack:
        yield _sheets(path, stack)


def _sheets(path: str | Path, stack: ExitStack) -> list[Sheet]:
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
    if is_zip and (other := _other_zip(path)):
        raise other
    if suffix in (".xlsx", ".xlsm") or (is_zip and suffix in (".xls", ".et", ".ett", ".xltx")):
        # WPS and some systems save an .xlsx workbook under .et or .xls: it is read for what it is
        if not is_zip:
            raise BadValue(
                "FILE", str(path), _("is named .xlsx but is not an Excel workbook (perhaps CSV or text renamed)")
            )
        from promo.io.read_xlsx import xlsx_sheets

        return xlsx_sheets(path, stack)
    if suffix in (".xls", ".et", ".ett"):
        return [_text_saved_as_xls(path, size, stack)]
    if is_zip:
        raise BadValue(
            "FILE",
            str(path),
            _("is a zip or Excel workbook, not {suffix}; name it .xlsx if it is a workbook").format(
                suffix=suffix or _("text")
            ),
        )
    if suffix == ".json":
        return _json_sheets(path, path.read_bytes())
    if suffix not in (".csv", ".txt", ".tsv", ""):
        raise BadValue(
            "FILE",
            str(path),
            _("has an extension promo does not read ({suffix}); use .xlsx, .csv or .json").format(suffix=suffix),
        )
    return [_csv_sheet(path, size, stack)]


_SAVE_AS_XLSX = N_("open it in Excel or WPS, 文件 → 另存为 → Excel 工作簿 (*.xlsx), and import the .xlsx")


def _other_zip(path: Path) -> BadValue | None:
    """What a zip file is when it is no Excel workbook (an OpenDocument or Numbers spreadsheet, a Word file),
    as a refusal; None for a workbook, or a zip too damaged to tell."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            unpacked = sum(i.file_size for i in z.infolist())
            mimetype = z.read("mimetype")[:100].decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError):
        return None  # damaged: said as a workbook that cannot be read, or a zip under another name
    if unpacked > MAX_UNPACKED:  # a zip bomb, or a workbook no office makes: openpyxl holds its strings whole
        return BadValue(
            "FILE",
            str(path),
            _("unpacks to {size:,.0f} MB; promo reads workbooks of up to {limit:,} MB unpacked").format(
                size=unpacked / 2**20, limit=MAX_UNPACKED // 2**20
            ),
            _("split it into several files and import each"),
        )
    if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
        return None
    hint = _(_SAVE_AS_XLSX)
    if "opendocument.spreadsheet" in mimetype:
        kind = _("an OpenDocument spreadsheet (.ods, LibreOffice or WPS)")
    elif any(n.startswith("Index/") and n.endswith(".iwa") for n in names):
        kind = _("an Apple Numbers document")
    elif any(n.startswith("word/") for n in names) or "opendocument.text" in mimetype:
        kind, hint = _("a text document (Word), not a spreadsheet"), None
    else:
        kind = _("a zip archive, not a workbook")
    return BadValue("FILE", str(path), _("is {kind}").format(kind=kind), hint)


def _text_saved_as_xls(path: Path, size: int, stack: ExitStack) -> Sheet:
    """A file named .xls that is no old workbook: many systems export their tables as text or as a web page
    under that name. Text is read as the CSV it is (noted); a web page or an XML spreadsheet is refused."""
    with path.open("rb") as fh:
        head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        kind = _("an XML spreadsheet (Excel 2003)") if b"urn:schemas-microsoft-com:office:spreadsheet" in head else None
        raise BadValue(
            "FILE",
            str(path),
            _("is {kind} saved under {suffix}, not a workbook").format(
                kind=kind or _("a web page (HTML)"), suffix=path.suffix
            ),
            _(_SAVE_AS_XLSX),
        )
    try:
        encoding = _encoding(path, [])
    except BadValue:
        encoding = None
    if encoding is None or encoding[1] != "strict" or re.search(rb"[\x00-\x08\x0e-\x1f]", head):
        raise _old_format(path)  # binary: an old workbook, damaged or cut short
    sheet = _csv_sheet(path, size, stack, encoding)  # the file was decoded once, to tell: not again
    sheet.notes.append(_("{suffix} file read as text: it is no workbook").format(suffix=path.suffix))
    return sheet


def _old_format(path: Path) -> BadValue:
    return BadValue(
        "FILE",
        str(path),
        _("is an old-format (.xls/.et) workbook; save it as .xlsx or CSV and import that"),
        _(_SAVE_AS_XLSX),
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
    """The delimiter that splits the first records into the same number of cells, read as CSV (quoted cells
    may hold commas and newlines): a list of aliases (审批局;政务服务中心) in a comma-separated file has more
    semicolons than commas, but not the same number in every record."""
    import csv
    import io
    from collections import Counter
    from itertools import islice

    def score(d: str) -> tuple[int, int]:
        try:
            rows = [r for r in islice(csv.reader(io.StringIO(text), delimiter=d), 20) if any(c.strip() for c in r)]
        except csv.Error:
            return (0, 0)
        widths = Counter(len(r) for r in rows if len(r) > 1)
        if not widths:
            return (0, 0)
        width, times = widths.most_common(1)[0]
        return (times, width)

    best = max(("\t", ",", ";"), key=score)  # on a tie, the first: tab, then comma
    return best if score(best)[0] else ","


def _encoding(path: Path, notes: list[str]) -> tuple[str, str]:
    """The encoding a CSV is in and how to read it, checked over the whole file without holding it: a BOM
    decides, else UTF-8, else GB18030 (Chinese Excel). A file that is GB18030 (or UTF-8) but for a few bytes
    is read with those bytes as �, noted with their lines, and the rows holding them are refused (cells.py)."""
    import codecs

    with path.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates, failure = ["utf-16"], _("starts as UTF-16 text but cannot be read as such")
    elif head.startswith(b"\xef\xbb\xbf"):
        candidates, failure = ["utf-8-sig"], _("has a UTF-8 mark but is not UTF-8 text")
    elif b"\x00" in head:
        raise BadValue("FILE", str(path), _("is not a text file (it holds binary data)"))
    else:
        candidates, failure = ["utf-8", "gb18030"], _("is neither UTF-8, UTF-16 nor GB18030/GBK text")
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return encoding, "strict"
        except UnicodeDecodeError:
            continue
    damage = {encoding: _unreadable_lines(path, encoding) for encoding in candidates}
    encoding = min(candidates, key=lambda e: damage[e][0])  # on a tie, the first: UTF-8
    count, lines, chars = damage[encoding]
    if count > max(10, chars // 200):  # more than a few stray bytes: not text in any of them
        raise BadValue("FILE", str(path), failure)
    notes.append(
        ngettext(
            "{count} byte is not {encoding} text (line {lines}): it reads as �, and the row holding it is refused; "
            "retype that cell, or save the file again from Excel/WPS",
            "{count} bytes are not {encoding} text (line {lines}): they read as �, and the rows holding them are "
            "refused; retype those cells, or save the file again from Excel/WPS",
            count,
        ).format(count=count, encoding=encoding.upper(), lines=", ".join(map(str, lines[:20])))
    )
    return encoding, "replace"


def _unreadable_lines(path: Path, encoding: str) -> tuple[int, list[int], int]:
    """(bytes not readable as `encoding`, the lines they are on, characters read) for a file read with
    replacement."""
    count, lines, chars, line = 0, [], 0, 1
    with path.open(encoding=encoding, errors="replace", newline="") as fh:
        for text in fh:
            chars += len(text)
            if "\ufffd" in text:
                count += text.count("\ufffd")
                lines.append(line)
            line += 1
    return count, lines, chars


def _csv_sheet(path: Path, size: int, stack: ExitStack, encoding: tuple[str, str] | None = None) -> Sheet:
    """A CSV file as a sheet; `encoding` is (encoding, errors) when already known."""
    notes: list[str] = []
    encoding, errors = encoding or _encoding(path, notes)
    with path.open(encoding=encoding, errors=errors, newline="") as fh:
        sample = fh.read(1 << 16)
    lines, delimiter = max(1, sample.count("\n")), _delimiter(sample)
    rows = _csv_rows(path, encoding, delimiter, errors)
    stack.callback(rows.close)  # the file is closed when the import ends, read to the end or not
    hint = int(size / max(1, len(sample.encode(encoding, "replace"))) * lines)
    return Sheet(path.name, rows, notes=notes, kind="csv", encoding=encoding, delimiter=delimiter, size_hint=hint)


def _csv_rows(path: Path, encoding: str, delimiter: str, errors: str = "strict") -> Iterator[tuple[int, list]]:
    import csv

    # a cell past csv's 128 KiB default (a note pasted whole) is read, and refused in its field for its length
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL))
    with path.open(encoding=encoding, errors=errors, newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        start, width, spanning = 1, 0, None
        try:
            for cells in reader:
                # a quoted cell may hold newlines: a record is reported by the line where it starts
                if any(c.strip() for c in cells):
                    if reader.line_num > start:
                        _check_quotes(path, cells, start, reader.line_num, width, delimiter)
                        spanning = (start, reader.line_num, len(cells))
                    width = max(width, len(cells))
                    yield start, cells
                start = reader.line_num + 1
        except csv.Error as exc:
            raise BadValue(
                "FILE", str(path), _("line {line}: not readable as CSV ({error})").format(line=start, error=exc)
            ) from None
    if spanning and spanning[1] == start - 1:
        _check_last_quote(path, encoding, errors, *spanning)


def _check_last_quote(path: Path, encoding: str, errors: str, first: int, last: int, column: int) -> None:
    """Refuse a file whose last record runs to its end inside a quote: what a quote never closed reads as
    one cell, however few delimiters the lines after it hold (the check above needs whole rows)."""
    with path.open(encoding=encoding, errors=errors, newline="") as fh:
        quotes = sum(line.count('"') for n, line in enumerate(fh, start=1) if n >= first)
    if quotes % 2:
        raise BadValue(
            "FILE",
            str(path),
            _(
                'line {line}: the quote (") that opens cell {column} is never closed, so the rest of the file, to '
                "line {last}, was read into that one cell"
            ).format(line=first, column=column, last=last),
            _('close the quote where the cell ends, or take it out (a " in a cell is written ""), and import again'),
        )


def _check_quotes(path: Path, cells: list[str], start: int, end: int, width: int, delimiter: str) -> None:
    """Refuse a record whose quoted cell swallowed the lines after it: a quote (") opened and never closed
    where the cell ends reads every following line, delimiters and all, as that one cell, and those rows would
    silently go missing. A line inside a cell with as many delimiters as a whole record is such a row."""
    if width < 3:
        return
    hint = _('close the quote where the cell ends, or take it out (a " in a cell is written ""), and import again')
    for column, cell in enumerate(cells, start=1):
        for text in cell.splitlines()[1:]:
            if text.count(delimiter) >= width - 1:
                raise BadValue(
                    "FILE",
                    str(path),
                    _(
                        'line {line}: the quote (") that opens cell {column} is not closed where the cell ends, so '
                        "the lines after it, to line {last}, were read into that one cell: {text!r}"
                    ).format(line=start, column=column, last=end, text=text[:60]),
                    hint,
                )


def _json_sheets(path: Path, raw: bytes) -> list[Sheet]:
    """The JSON file as sheets: an array of records is one; an object holding arrays of records (as
    {"企业": […], "载体": […]}, one per list) is one sheet per array, named by its key."""
    text, _encoding = decode(raw, path)
    try:
        parts = _json_parts(path, json.loads(text))
    except json.JSONDecodeError as exc:
        if not exc.msg.startswith("Extra data"):
            raise BadValue("FILE", str(path), _("is not valid JSON ({error})").format(error=exc)) from None
        parts = [(path.name, _json_lines(path, text), [])]  # JSON Lines: one object a line, each by its line
    except RecursionError:
        raise BadValue("FILE", str(path), _("is JSON nested too deeply; expected an array of objects")) from None
    except ValueError:  # Python refuses a number of more than 4,300 digits
        raise BadValue("FILE", str(path), _("holds a number too long to be any field's value")) from None
    return [_json_sheet(path, name, records, notes) for name, records, notes in parts]


def _json_sheet(path: Path, name: str, records: list[tuple[int, dict]], notes: list[str]) -> Sheet:
    if not records:
        raise BadValue("FILE", str(path), _("holds no records (an empty JSON array)"))
    headers = list(dict.fromkeys(str(k) for _line, r in records for k in r))
    rows = [(0, headers)]
    for line, r in records:
        try:
            rows.append((line, [_json_value(r.get(h)) for h in headers]))
        except RecursionError:  # an object nested just shallow enough to parse, too deep to write back as text
            too_deep = _("record {record} is JSON nested too deeply").format(record=line)
            raise BadValue("FILE", str(path), too_deep) from None
    return Sheet(name, rows, notes=notes, kind="json", size_hint=len(rows))


def _json_parts(path: Path, data) -> list[tuple[str, list[tuple[int, dict]], list[str]]]:
    """(sheet name, numbered records, notes) for each array of records in a JSON document: the document
    itself; each array of objects an object holds (as {"data": […]} of a system's export, or one per list);
    or one object of plain values, one record."""
    if isinstance(data, dict):
        arrays = [k for k, v in data.items() if isinstance(v, list) and v and all(isinstance(r, dict) for r in v)]
        if arrays:
            note = N_("the records were read from the JSON object's {key!r}")
            return [(str(k), list(enumerate(data[k], start=1)), [_(note).format(key=k)]) for k in arrays]
        if data and not any(isinstance(v, (dict, list)) for v in data.values()):
            return [(path.name, [(1, data)], [])]
        raise BadValue(
            "FILE",
            str(path),
            _("is a JSON object ({keys}), not an array of records").format(keys=", ".join(map(str, data))[:120]),
            _('give an array of objects, one per record: [{"企业名称": "…"}, …]'),
        )
    if not isinstance(data, list):
        raise BadValue("FILE", str(path), _("JSON must be an array of objects, one per record"))
    for i, r in enumerate(data, start=1):
        if not isinstance(r, dict):
            raise BadValue(
                "FILE",
                str(path),
                _("record {record} is {value}, not an object; JSON must be an array of objects, one per record").format(
                    record=i, value=json.dumps(r, ensure_ascii=False)[:60]
                ),
            )
    return [(path.name, list(enumerate(data, start=1)), [])]


def _json_lines(path: Path, text: str) -> list[tuple[int, dict]]:
    records = []
    for line, part in enumerate(text.splitlines(), start=1):
        if not part.strip():
            continue
        try:
            record = json.loads(part)
        except (json.JSONDecodeError, RecursionError, ValueError):
            raise BadValue("FILE", str(path), _("line {line}: not valid JSON").format(line=line)) from None
        if not isinstance(record, dict):
            raise BadValue("FILE", str(path), _("line {line}: a JSON line must be one object").format(line=line))
        records.append((line, record))
    return records


def _json_value(value):
    if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value)):
        return Nested(value)
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if type(value) is int and abs(value) >= 10**15:
        return str(value)  # a JSON integer is exact, unlike Excel's numbers: an all-digit credit code as written
    return value
