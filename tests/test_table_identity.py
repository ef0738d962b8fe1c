"""A long table's fast path writes exactly what the plain one did: each cell laid out once and remembered, the
row joined from what was remembered. Compared here, byte for byte, with the row-by-row layout it replaced
(kept below as the reference) on rows chosen to be awkward: wide and ambiguous-width characters, empty cells,
text that wraps, codes wider than their column, numbers, search hits and colours."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from promo import render_table, screen
from promo.render import Column, fmt_cell
from promo.render_table import PAD, _padded
from promo.screen import wrap


def reference_rows(self, rows: list[dict], texts_of) -> str:
    """promo.render_table._Table.rows as it was before cells were remembered (at c314b53), between columns the gap
    the layout chose (two cells, or one for a table a few cells too wide)."""
    sep = self.sep
    texts = texts_of(rows)
    out = []
    measure, painter, widths, aligns = self.measure, self.painter, self.widths, self.aligns
    right = [a == "right" for a in aligns]
    for row, cells in zip(rows, texts, strict=True):
        spans = [painter.spans(c, row, t) for c, t in zip(self.columns, cells, strict=True)] if painter.on else None
        if spans is None:
            parts = []
            for t, w, r in zip(cells, widths, right, strict=True):
                gap = w - measure(t)
                if gap < 0 or "\n" in t:
                    break
                parts.append(" " * gap + t if r else t + " " * gap)
            else:
                out.append((PAD + sep.join(parts)).rstrip())
                continue
        elif all("\n" not in t and measure(t) <= w for t, w in zip(cells, widths, strict=True)):
            parts = [
                _padded(painter.paint(t, 0, len(t), sp), measure(t), w, a)
                for t, w, a, sp in zip(cells, widths, aligns, spans, strict=True)
            ]
            out.append((PAD + sep.join(parts)).rstrip())
            continue
        lines = [
            [(0, len(t))] if one and "\n" not in t else wrap(t, w, measure, mode)
            for t, w, one, mode in zip(cells, widths, self.one_line, self.modes, strict=True)
        ]
        for k in range(max(len(x) for x in lines)):
            parts = []
            for i, t in enumerate(cells):
                s, e = lines[i][k] if k < len(lines[i]) else (0, 0)
                shown = painter.paint(t, s, e, spans[i]) if spans else t[s:e]
                parts.append(_padded(shown, measure(t[s:e]), widths[i], aligns[i]))
            out.append((PAD + sep.join(parts)).rstrip())
    return "\n".join(out) + "\n" if out else ""


class ReferenceTexts:
    """promo.render_table.cells_of as it was at c314b53, each cell formatted as it comes."""

    def __init__(self, columns, cell, ambiguous=1):
        self.columns, self.cell, self.ambiguous = columns, cell, ambiguous

    def __call__(self, rows):
        texts = [[self.cell(c, r.get(c.key), list_sep=" ").replace("\t", " ") for c in self.columns] for r in rows]
        if self.ambiguous == 2:
            for i in (i for i, c in enumerate(self.columns) if c.kind == "bar"):
                for row in texts:
                    row[i] = row[i].replace("░", "▒")
        return texts


COLUMNS = [
    Column("carrier", "载体", max_width=12, tone=lambda r: "red" if r.get("late") else None),
    Column("unit", "单元", no_wrap=True),
    Column("where", "楼栋·层", no_wrap=True, marks="where_marks"),
    Column("area", "面积㎡", justify="right", no_wrap=True),
    Column("m2", "占地㎡", "area"),
    Column("rent", "元/㎡·天", "rent"),
    Column("load", "荷载 kN/㎡", "num"),
    Column("facilities", "设施", "list", max_width=16),
    Column("occupancy", "出租率", "bar"),
    Column("ok", "可用", "bool"),
    Column("ready", "可交付", "date"),
]
AWKWARD = [
    "精准医学产业园",
    "基准载体000092号",
    "海凭国际·济南医疗器械产业园 ※",
    "※ 示例数据",
    "A·B·C ※※ ─── █░",
    "",
    None,
    "x" * 14,
    "很长很长的一段中文文字，中间没有空格，应该在汉字之间折行，而不是在数字123456789中间",
    "Zhejiang Medical Park Phase II (north) 北区",
    "第一行\n第二行 second line",
    "tab\there",
    "控制\x1b[31m字符",
    "ＡＢＣ全角１２３",
    "（括号）《书名》、顿号，逗号。",
]
ROWS = [
    {
        "carrier": AWKWARD[i % len(AWKWARD)],
        "unit": ["A1-101", "B34-1106-66092", "", "单元一", None][i % 5],
        "where": ["A1·4F", "B12·11F", None, "地块·—"][i % 4],
        "where_marks": [(0, 2)] if i % 3 == 0 else [(1, 3, "bold")] if i % 7 == 0 else [],
        "area": ["1,200", "35.5", "0", None, "1,234,567", "50亩 (33,334㎡)"][i % 6],
        "m2": [1200, 35.5, 0, None, 1234567.25][i % 5],
        "rent": [1.8, 0.83, None, 12, 3.045][i % 5],
        # equal as keys, not as text: 0.0 and -0.0 (-0), 1 and 1.0 and True
        "load": [5, 3.5, None, 12.25, 100000, 0.0, -0.0, 1, 1.0, True, 0][i % 11],
        "facilities": [["GMP洁净车间", "独立排风", "纯水系统"], [], ["办公精装"], ["P2实验室", "冷链仓储 ※"]][i % 4],
        "occupancy": [0.7, 0.0, 1.0, 0.333, None, 1, 0, -0.0][i % 8],
        "ok": [True, False, 1, 0, None, "yes", 1.0][i % 7],
        "ready": ["现房", "2027-03-24", None, "2026年3月5日", 1, 1.0, True, 2.0, 2][i % 9],  # 1, 1.0, True
        "late": i % 4 == 1,
    }
    for i in range(90)
]


def table(monkeypatch, rows, columns, width, colour, ambiguous, reference=False) -> str:
    monkeypatch.setattr(screen, "width", lambda stream=None: width)
    monkeypatch.setenv("PROMO_AMBIGUOUS_WIDTH", ambiguous)
    monkeypatch.delenv("NO_COLOR", raising=False)
    if colour:
        monkeypatch.setenv("FORCE_COLOR", "1")
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    with monkeypatch.context() as m:
        if reference:
            m.setattr(render_table._Table, "rows", reference_rows)
            m.setattr(render_table, "Texts", ReferenceTexts)
        out = io.StringIO()
        render_table.show(iter(rows), columns, fmt_cell, title="空置房源 ※", caption="共 3 个\n※ 示例", stream=out)
    return out.getvalue()


@pytest.mark.parametrize("width", [None, 200, 150, 140, 130, 80])
@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("ambiguous", ["1", "2"])
def test_the_table_is_what_the_row_by_row_layout_wrote(monkeypatch, width, colour, ambiguous):
    fast = table(monkeypatch, ROWS, COLUMNS, width, colour, ambiguous)
    assert fast == table(monkeypatch, ROWS, COLUMNS, width, colour, ambiguous, reference=True)
    assert ("\x1b[" in fast) == colour
    if width is None or width >= 150:  # side by side (narrower, some become stacked blocks)
        assert any("载体" in line and "单元" in line for line in fast.splitlines())


def test_the_same_when_the_remembered_cells_are_forgotten_along_the_way(monkeypatch):
    monkeypatch.setattr(render_table, "CACHED", 3)  # cleared every few distinct cells
    rows = ROWS * 3
    for width in (None, 80):
        assert table(monkeypatch, rows, COLUMNS, width, True, "1") == table(
            monkeypatch, rows, COLUMNS, width, True, "1", reference=True
        )


def test_the_same_across_chunks_of_a_long_listing(monkeypatch):
    # past two chunks; later rows' codes and numbers wider than the columns measured on the first
    rows = [dict(r, unit=f"{r['unit'] or 'U'}-{i}") for i, r in enumerate(ROWS * 13)]
    for r in rows[render_table.CHUNK :: 7]:
        r.update(unit=r["unit"] + "-EXTRA-LONG-CODE-99999", m2=123456789.5, where="B12·11F-North-Wing")
    assert len(rows) > 2 * render_table.CHUNK
    fast = table(monkeypatch, rows, COLUMNS, 100, False, "1")
    assert fast == table(monkeypatch, rows, COLUMNS, 100, False, "1", reference=True)


AWKWARD_CHARACTERS = st.sampled_from(list("精准医学产业园AB12,.- ·（）、※█░─—\n全"))
TEXT = st.one_of(st.none(), st.text(alphabet=AWKWARD_CHARACTERS, max_size=30))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(TEXT, TEXT, TEXT, st.none() | st.floats(0, 1e7, allow_nan=False)), min_size=1, max_size=8),
    st.sampled_from([None, 40, 70, 100]),
    st.booleans(),
)
def test_any_rows_at_any_width(rows, width, colour):
    columns = [
        Column("a", "名称", max_width=10),
        Column("b", "代码", no_wrap=True),
        Column("c", "设施", "list", max_width=8),
        Column("d", "面积㎡", "area"),
    ]
    shown = [{"a": a, "b": b, "c": c.split() if c else c, "d": d} for a, b, c, d in rows]
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast = table(monkeypatch, shown, columns, width, colour, "1")
        assert fast == table(monkeypatch, shown, columns, width, colour, "1", reference=True)


def test_the_same_with_one_cell_gaps(monkeypatch):
    """A table a few cells too wide for two-cell gaps (found by the test above at 40 columns)."""
    columns = [
        Column("a", "名称", max_width=10),
        Column("b", "代码", no_wrap=True),
        Column("c", "设施", "list", max_width=8),
        Column("d", "面积㎡", "area"),
    ]
    rows = [{"a": None, "b": None, "c": ["11111111、、、、、、"], "d": None}]
    fast = table(monkeypatch, rows, columns, 40, False, "1")
    assert fast == table(monkeypatch, rows, columns, 40, False, "1", reference=True)
    assert "\n 名称 代码 设施" in fast, fast  # one cell between the columns
