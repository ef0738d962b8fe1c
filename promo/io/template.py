"""An empty workbook for an office starting a list from scratch: headers, one marked example row,
drop-downs, and a notes sheet explaining each column."""

from __future__ import annotations

from pathlib import Path

from promo.errors import BadValue
from promo.i18n import N_, _


def template(adapter, path: str | Path, *, lang: str = "zh", force: bool = False) -> None:
    """Write the template of `adapter`'s list to `path` (.xlsx); an existing file only with `force`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from promo import files
    from promo.io.export import header, write_sheet

    path = Path(path)
    to_stdout = str(path) == files.STDOUT
    if not to_stdout and path.suffix.lower() != ".xlsx":
        raise BadValue("-o", str(path), _("a template is an Excel workbook: name it .xlsx"))
    files.check_output(path, force=force, what=N_("the template"), option="-o")  # before the workbook is built
    book = Workbook(write_only=True)
    write_sheet(book, adapter, [adapter.example()], lang, total=1)
    notes = book.create_sheet("说明" if lang == "zh" else "notes")
    bold = Font(bold=True)
    from openpyxl.cell import WriteOnlyCell

    titles = (
        ("列", "字段", "必填", "说明", "可选值")
        if lang == "zh"
        else ("column", "field", "required", "notes", "choices")
    )
    notes.append([_bold(WriteOnlyCell(notes, value=t), bold) for t in titles])
    for f in adapter.FIELDS:
        aliases = "、".join(f.aliases[:6])
        explain = f.note + (f"; 也认: {aliases}" if aliases else "")
        notes.append(
            [header(f, lang), f.key, "是" if f.required else "", explain, "、".join(c for c in f.choices if c)]
        )
    notes.append([])
    notes.append(
        ["第 2 行是示例 (黄色, 示例数据=是): 填写前请删除或覆盖。导入: promo import " + adapter.EN + " 文件.xlsx"]
    )
    with files.output(path, force=force, what=N_("the template"), option="-o") as fh:
        book.save(fh)


def _bold(cell, font):
    cell.font = font
    return cell
