"""Importing enterprises from an Excel workbook (.xlsx), a spreadsheet saved as CSV (UTF-8 or GBK), or JSON.

Column headers may be English keys or the Chinese headers officers use (企业名称, 统一社会信用代码, 阶段,
投资额(万元), 包保责任人 …). An import is all or nothing: every row is checked inside the one write
transaction, any bad row stops the whole import with every problem listed by line, and enterprises
already in the catalogue are skipped with the reason (and the first-report claim they carry).
"""

from __future__ import annotations

import csv
import io
import json
import shlex
import sqlite3
from pathlib import Path

from promo.errors import BadValue, PromoError, Rejected
from promo.text import fold

# field → the headers that mean it (folded when compared)
COLUMNS = {
    "name": ("name", "名称", "企业名称", "企业", "项目名称", "company", "enterprise"),
    "name_en": ("name_en", "英文名称", "english name", "name (en)"),
    "uscc": ("uscc", "统一社会信用代码", "社会信用代码", "信用代码", "credit code"),
    "kind": ("kind", "类型", "主体类型"),
    "industry": ("industry", "产业", "行业", "所属产业", "产业链环节"),
    "carrier": ("carrier", "载体", "园区"),
    "stage": ("stage", "阶段", "进度"),
    "date": ("date", "stage_date", "日期", "阶段日期"),
    "investment_wan": ("investment", "investment_wan", "投资", "投资额", "投资额(万元)", "总投资", "总投资(万元)"),
    "jobs": ("jobs", "就业", "就业人数", "岗位", "岗位数"),
    "source_channel": ("source", "source_channel", "来源", "招商方式", "招商渠道"),
    "country": ("country", "国家", "国别", "国家/地区", "国家(地区)"),
    "owner": ("owner", "包保责任人", "责任人", "负责人", "招商专员"),
    "units": ("unit", "units", "单元", "房源"),
    "contact": ("contact", "联系人"),
    "phone": ("phone", "电话", "联系电话"),
    "note": ("note", "备注", "说明"),
    "code_name": ("code_name", "code name", "代号", "项目代号"),
}
_FIELD_BY_HEADER = {fold(h): key for key, headers in COLUMNS.items() for h in headers}
MAX_ERRORS_SHOWN = 30


def read_file(path: str | Path) -> dict:
    """The file's rows as (line, {field: text}), the header each field came from, and headers not understood."""
    from promo.files import check_input

    path = check_input(path, option="FILE")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _map_headers(*_table(_xlsx_rows(path), path))
    if suffix in (".xls", ".et"):
        raise BadValue(
            "FILE", str(path), "is an old-format (.xls/.et) workbook; save it as .xlsx or CSV and import that"
        )
    raw = path.read_bytes()
    if suffix == ".json":
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BadValue("FILE", str(path), f"is not valid JSON ({exc})") from None
        except RecursionError:
            raise BadValue("FILE", str(path), "is JSON nested too deeply; expected an array of objects") from None
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise BadValue("FILE", str(path), "JSON must be an array of objects, one per enterprise")
        records = [(i + 1, {str(k): v for k, v in r.items()}) for i, r in enumerate(data)]
        return _map_headers(records, str(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # Excel in Chinese saves CSV in GBK unless told otherwise
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise BadValue("FILE", str(path), "is neither UTF-8 nor GBK text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _map_headers(*_table(((reader.line_num, cells) for cells in reader), path))
    except csv.Error as exc:  # e.g. a cell over the csv module's 128 KiB limit
        raise BadValue("FILE", str(path), f"line {reader.line_num} cannot be read as CSV ({exc})") from None


def _table(rows, path: Path) -> tuple[list, str, list[str]]:
    """Records (line, {header: text}) of a sheet or CSV: blank rows skipped, and the header row found below
    any title and notes above it (the first row with a name column; else the first row, so the missing
    name column is what gets reported)."""
    rows = [(line, cells) for line, cells in rows if any((c or "").strip() for c in cells)]
    if not rows:
        raise BadValue("FILE", str(path), "is empty: the first row should hold the column headers")
    start = next(
        (
            i
            for i, (_, cells) in enumerate(rows[:20])
            if any(_FIELD_BY_HEADER.get(fold(c or "")) == "name" for c in cells)
        ),
        0,
    )
    headers = [(c or "").strip() for c in rows[start][1]]
    records = []
    for line, cells in rows[start + 1 :]:
        if any((c or "").strip() for c in cells[len(headers) :]):
            raise BadValue("FILE", str(path), f"line {line} has more cells than there are headers")
        records.append((line, {h: c for h, c in zip(headers, cells, strict=False) if h}))
    return records, str(path), [h for h in headers if h]


def _cell_text(value) -> str | None:
    """A cell as the text an officer typed: 1200 not 1200.0, a date as YYYY-MM-DD, long codes intact."""
    import datetime as dt

    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _xlsx_rows(path: Path) -> list[tuple[int, list]]:
    """(Excel row number, cell texts) of the workbook's first sheet."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise BadValue("FILE", str(path), f"cannot be read as an Excel workbook ({exc})") from None
    try:
        return [
            (number, [_cell_text(v) for v in row])
            for number, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()


def _map_headers(records, path: str, headers: list[str] | None = None):
    headers = headers or list(dict.fromkeys(k for _, r in records for k in r))
    mapping, unknown = {}, []
    for h in headers:
        key = _FIELD_BY_HEADER.get(fold(h or ""))
        if key is None:
            unknown.append(h)
        elif key in mapping.values():
            raise BadValue("FILE", path, f"two columns mean {key}: {h!r} and another")
        else:
            mapping[h] = key
    if "name" not in mapping.values():
        raise BadValue("FILE", path, "has no name column (name, 名称 or 企业名称)")
    out = []
    header_of = {key: h for h, key in mapping.items()}
    for line, r in records:
        fields = {}
        for h, key in mapping.items():
            value = r.get(h)
            if value is None:
                continue
            if isinstance(value, list):
                value = ";".join(str(v) for v in value)
            text = value if isinstance(value, str) else str(value)
            text = text.strip()
            if key == "units":
                fields[key] = [u.strip() for u in text.replace("；", ";").replace("、", ";").split(";") if u.strip()]
            elif text:
                fields[key] = text
        out.append((line, fields))
    return {"records": out, "headers": header_of, "unknown": [h for h in unknown if h]}


def import_rows(
    conn: sqlite3.Connection,
    records: list[tuple[int, dict]],
    *,
    headers: dict[str, str] | None = None,
    owner: str | None = None,
    accept_bad_check: bool = False,
    source: str = "a file",
) -> dict:
    """Add every new enterprise of `records` (read from `source`) inside the caller's transaction; all or nothing.

    Returns what was added and what was skipped (already in the catalogue), with first-report warnings;
    raises Rejected listing every bad row.
    """
    from promo import enterprises, identity

    if not conn.in_transaction:
        raise RuntimeError("import_rows must run inside a transaction")
    added, skipped, errors, warnings = [], [], [], []
    seen: dict[str, int] = {}
    for line, raw in records:
        names = {key: f"line {line}, {(headers or {}).get(key) or key}" for key in COLUMNS}
        try:
            f = enterprises.parse_checked(conn, {**raw, "accept_bad_check": accept_bad_check}, names)
            if not f.name:
                raise BadValue(f"line {line}, name", "", "is empty")
            f.owner = f.owner or owner
            keys = [k for k in (fold(f.name), f.uscc) if k]
            for key in keys:
                if key in seen:
                    raise Rejected(f"line {line}: {f.name} repeats line {seen[key]}")
            seen.update({key: line for key in keys})
            existing, why = identity.duplicate_of(conn, f.name, f.uscc or None)
            if existing is not None:
                skipped.append({"line": line, "name": f.name, "existing": existing["name"], "why": why})
                claim = identity.claim_text(existing)
                if claim and f.owner and fold(f.owner) != fold(existing["owner"]):
                    warnings.append(f"line {line}: {f.name} — {claim}; not claimed for {f.owner}")
                elif not claim and f.owner:
                    warnings.append(
                        f"line {line}: {existing['name']} has no owner on record; {f.owner} can claim it with: "
                        f"promo enterprises update {shlex.quote(existing['name'])} --owner {shlex.quote(f.owner)}"
                    )
                continue
            # a row that fails half-way (its unit taken meanwhile) leaves nothing behind to confuse later rows
            conn.execute("SAVEPOINT import_row")
            try:
                result = enterprises.add(conn, f, similar_warning=False, unit_field=names["units"])
            except BaseException:
                conn.execute("ROLLBACK TO import_row")
                raise
            finally:
                conn.execute("RELEASE import_row")
            added.append({"line": line, "id": result["id"], "name": f.name})
            warnings.extend(f"line {line}: {w}" for w in result["warnings"])
        except PromoError as exc:
            message = exc.message if exc.message.startswith("line ") else f"line {line}: {exc.message}"
            errors.append(message)
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN]
        more = f"\n  … and {len(errors) - len(shown)} more" if len(errors) > len(shown) else ""
        raise Rejected(
            f"nothing was imported: {len(errors)} of {len(records)} rows have problems:\n  "
            + "\n  ".join(shown)
            + more,
            "fix those rows (or remove them) and import the file again",
        )
    n = len(added)
    summary = f"import {n:,} enterprise{'s' if n != 1 else ''} from {source}"
    return {"summary": summary, "rows": len(records), "added": added, "skipped": skipped, "warnings": warnings}
