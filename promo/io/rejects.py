"""The rejected rows written back in the input's own format, unchanged, each with its 原因, so the office
fixes them in Excel and imports that file again."""

from __future__ import annotations

import json
from pathlib import Path

from promo.errors import BadValue

REASON = "原因"


def write_rejects(path: str | Path, parts: list[tuple]) -> None:
    """Write every rejected row of `parts` ([(sheet, table, report)]) to `path`, in the first sheet's format."""
    path = Path(path)
    if path.parent and not path.parent.exists():
        raise BadValue("--rejects", str(path), "its folder does not exist")
    kind = parts[0][0].kind
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if kind == "xlsx":
            _xlsx(tmp, parts)
        elif kind == "json":
            _json(tmp, parts)
        else:
            _csv(tmp, parts)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def _csv(tmp: Path, parts) -> None:
    import csv

    from promo.csvtext import csv_safe

    sheet, table, report = parts[0]
    encoding = {"utf-8": "utf-8-sig", None: "utf-8-sig"}.get(sheet.encoding, sheet.encoding)
    with tmp.open("w", encoding=encoding, newline="") as out:
        writer = csv.writer(out, delimiter=sheet.delimiter, lineterminator="\r\n")
        writer.writerow([*table.headers, REASON])
        for o in report.rejected:
            # a formula in the office's file goes back inert ('=…); the import takes the ' off again
            writer.writerow([csv_safe(c) for c in (*_padded(o.cells, len(table.headers)), o.detail)])


def _padded(cells, n: int) -> list:
    cells = ["" if c is None else c for c in cells]
    return cells + [""] * (n - len(cells))


def _json(tmp: Path, parts) -> None:
    sheet, table, report = parts[0]
    records = [dict(zip(table.headers, o.cells, strict=False)) | {REASON: o.detail} for o in report.rejected]
    tmp.write_text(json.dumps(records, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def _xlsx(tmp: Path, parts) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from promo.csvtext import csv_safe
    from promo.io.read import Uncalculated

    book = Workbook(write_only=True)
    for sheet, table, report in parts:
        if not report.rejected:
            continue
        ws = book.create_sheet(sheet.name[:31])
        ws.append([*table.headers, REASON])
        for o in report.rejected:
            row = []
            for v in _padded(o.cells, len(table.headers)):
                c = WriteOnlyCell(ws, value=csv_safe(str(v) if isinstance(v, Uncalculated) else v))
                if isinstance(v, str):
                    c.data_type = "s"
                row.append(c)
            row.append(o.detail)
            ws.append(row)
    book.save(tmp)
