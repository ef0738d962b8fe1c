"""How an import's outcome is shown: one view, machine keys beside the human columns (render.View)."""

from __future__ import annotations

from promo.render import Column, View

STATUS_LABELS = {"new": "新增", "unchanged": "不变", "changed": "更新", "kept": "未更新", "rejected": "拒绝"}

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
