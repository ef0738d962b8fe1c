"""The rejected rows written back in the input's own format, unchanged, each with its 原因, so the office
fixes them in Excel and imports that file again."""

from __future__ import annotations

import json
from pathlib import Path

from promo.i18n import N_

REASON = "原因"


SUFFIXES = {"xlsx": (".xlsx", ".xlsm"), "json": (".json",), "csv": (".csv", ".txt", ".tsv")}


def check_format(path: str | Path, kind: str) -> None:
    """Refuse a rejects file named for another format than the input's, which it is written in: a workbook
    under .csv would not open as the CSV its name says, nor import again."""
    from promo.errors import BadValue
    from promo.i18n import _

    suffix = Path(path).suffix.lower()
    if suffix and suffix not in SUFFIXES[kind]:
        raise BadValue(
            "--rejects",
            str(path),
            _("the rejected rows are written in the format of the file imported ({suffix}), not as {other}").format(
                suffix=SUFFIXES[kind][0], other=suffix
            ),
            _("name it {name}").format(name=Path(path).with_suffix(SUFFIXES[kind][0]).name),
        )


def write_rejects(path: str | Path, parts: list[tuple], *, force: bool = False) -> None:
    """Write every rejected row of `parts` ([(sheet, table, report)]) to `path`, in the first sheet's format,
    through promo.files (owner-only, an existing file replaced only with `force`, whole or not at all)."""
    from promo import files

    path = Path(path)
    kind = parts[0][0].kind
    with files.output(path, force=force, what=N_("the rejected rows"), option="--rejects") as fh:
        if kind == "xlsx":
            _xlsx(fh, parts)
        elif kind == "json":
            _json(fh, parts)
        else:
            _csv(fh, parts)


def _csv(fh, parts) -> None:
    import csv
    import io

    from promo.render_csv import csv_safe

    sheet, table, report = parts[0]
    encoding = {"utf-8": "utf-8-sig", None: "utf-8-sig"}.get(sheet.encoding, sheet.encoding)
    out = io.TextIOWrapper(fh, encoding=encoding, newline="")
    try:
        writer = csv.writer(out, delimiter=sheet.delimiter, lineterminator="\r\n")
        writer.writerow([*table.headers, REASON])
        for o in report.rejected:
            # a formula in the office's file goes back inert ('=…); the import takes the ' off again
            writer.writerow([csv_safe(c) for c in (*_padded(o.cells, len(table.headers)), o.detail)])
    finally:
        out.flush()
        out.detach()  # fh stays open for promo.files to sync and publish


def _padded(cells, n: int) -> list:
    """The row's cells as written back, `n` wide: a link as the text it shows, as the import read it (written as
    a formula it would go back inert, '=HYPERLINK(…), and be read as that text next time)."""
    cells = ["" if c is None else _link_shown(c) for c in cells]
    return cells + [""] * (n - len(cells))


def _link_shown(cell):
    from promo.io.cells import link_text
    from promo.io.sheet import Uncalculated

    text = cell.formula if isinstance(cell, Uncalculated) else cell if isinstance(cell, str) else ""
    shown = link_text(text) if text[:1] == "=" else None
    return cell if shown is None else shown


def _json(fh, parts) -> None:
    sheet, table, report = parts[0]
    from promo.io.read import Nested

    records = [
        {h: c.value if isinstance(c, Nested) else c for h, c in zip(table.headers, o.cells, strict=False)}
        | {REASON: o.detail}
        for o in report.rejected
    ]
    fh.write(json.dumps(records, ensure_ascii=False, indent=1, default=str).encode("utf-8"))


def _xlsx(fh, parts) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from promo.io.export import cell_text
    from promo.io.read import Uncalculated
    from promo.render_csv import csv_safe

    book = Workbook(write_only=True)
    for sheet, table, report in parts:
        if not report.rejected:
            continue
        ws = book.create_sheet(sheet.name[:31])
        ws.append([*table.headers, REASON])
        for o in report.rejected:
            row = []
            for v in _padded(o.cells, len(table.headers)):
                v = csv_safe(str(v) if isinstance(v, Uncalculated) else v)
                c = WriteOnlyCell(ws, value=cell_text(v) if isinstance(v, str) else v)
                if isinstance(v, str):
                    c.data_type = "s"
                row.append(c)
            row.append(cell_text(csv_safe(o.detail)))
            ws.append(row)
    book.save(fh)
