"""How an import's outcome is shown: one view, machine keys beside the human columns (render.View)."""

from __future__ import annotations

from promo.render import Column, View
from promo.vocabulary import Shown

STATUS_LABELS = Shown("import_status")  # new, unchanged … → 新增 / new …, in the user's language

REPORT = View(
    keys=("list", "line", "status", "name", "detail"),
    columns=(
        Column("line", "行", "int"),
        Column("result", "结果", no_wrap=True),
        Column("name", "名称", max_width=30),
        Column("detail", "说明"),
    ),
    empty="no rows",
)
LIST_COLUMN = Column("list", "清单", no_wrap=True)
