"""How an import's outcome is shown: one view, machine keys beside the human columns (render.View)."""

from __future__ import annotations

from promo.render import Column, View
from promo.vocabulary import Shown

STATUS_LABELS = Shown("import_status")  # new, unchanged … → 新增 / new …, in the user's language

# headers are msgids, shown in the user's language like every listing's
REPORT = View(
    keys=("list", "line", "status", "name", "detail"),
    columns=(
        Column("line", "Line", "int"),
        Column("result", "Result", no_wrap=True),
        Column("name", "Name", max_width=30),
        Column("detail", "Description"),
    ),
    empty="no rows",
)
LIST_COLUMN = Column("list_shown", "List", no_wrap=True)  # the list as the reader's language names it
