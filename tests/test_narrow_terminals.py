"""Every listing at 60, 80 and 120 columns: no column dropped, no value cropped, headers whole, numbers and dates
never split across lines, captions wrapped to the terminal without losing a word."""

from __future__ import annotations

import re

import pytest
from wcwidth import wcswidth

from promo import render_table

CHECK = (
    "check",
    "--industry",
    "整机制造",
    "--investment",
    "2亿",
    "--land-mu",
    "50",
    "--output",
    "3亿",
    "--tax",
    "1500",
)
MATCH = (
    "match",
    "--industry",
    "高端医疗器械",
    "--min-area",
    "500平",
    "--investment",
    "8000万",
    "--facility",
    "GMP洁净车间",
)
LISTINGS = [
    ("vacancies",),
    ("carriers",),
    ("carriers", "show", "精准医学产业园"),
    ("carriers", "show", "精准医学产业园", "--grid"),
    ("units",),
    ("platforms",),
    ("enterprises",),
    ("enterprises", "show", "沃克海思"),
    ("pipeline",),
    ("pipeline", "--by", "industry"),
    ("ledger",),
    ("overdue",),
    ("catalogue",),
    ("targets",),
    ("policies",),
    ("policies", "--for", "示例生物制药"),
    ("criteria",),
    ("criteria", "--negative-list"),
    CHECK,
    ("scenarios",),
    ("match", "--for", "示例生物制药", "--limit", "3"),
    MATCH,
    ("map",),
    ("search", "眼科"),
    ("zone",),
    ("services", "templates"),
    ("services", "departments"),
]
NUMBER = re.compile(r"\d[\d,.:%/-]*\d|\d")
# an amount with its unit, written here apart from promo.screen's rule: 17.08万元/年, 300 万元/亩, 1 家
UNIT = r"(?:万元|亿元|万|亿|元|亩|㎡|家|天|个|人|%)(?:/(?:㎡|亩|年|月|天|year)(?:·[天月年])?)?"
AMOUNT = re.compile(r"[≈~约+\-−]?\d[\d,]*(?:\.\d+)?(?: ?" + UNIT + ")")


def cells(text: str) -> int:
    return wcswidth(text)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def tables(monkeypatch):
    """Every table the renderer writes: its headers, the texts of its cells, its caption, its printed lines and
    the column widths it chose (None: stacked)."""
    import io
    import sys

    seen, layouts = [], []
    show = render_table.show

    class Recorded(render_table.Layout):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            layouts.append(self)

    def recording(rows, columns, cell, *, title=None, caption=None, stream=None):
        rows = list(rows)
        out = io.StringIO()
        show(rows, columns, cell, title=title, caption=caption, stream=out)
        if callable(caption):  # worked out once the rows are written (a streamed listing's tally)
            caption = caption()
        shown = [render_table._shown(c) for c in columns]
        seen.append(
            {
                "headers": [c.header for c in shown],
                "texts": render_table.cells_of(rows, shown, cell),
                "caption": caption,
                "lines": out.getvalue().split("\n"),
                "widths": layouts[-1].widths,
                "gap": layouts[-1].gap,
            }
        )
        sys.stdout.write(out.getvalue())

    monkeypatch.setattr(render_table, "Layout", Recorded)
    monkeypatch.setattr(render_table, "show", recording)
    return seen


def slice_cells(line: str, start: int, end: int) -> str:
    """The part of `line` between display cells start and end."""
    out, at = [], 0
    for ch in line:
        w = max(wcswidth(ch), 0)
        if start <= at and at + w <= end:
            out.append(ch)
        at += w
    return "".join(out)


def columns_of_table(table: dict, widths: list[int]) -> list[str]:
    """Each column's text read back from the printed lines (between the rule and the blank line after the rows)."""
    lines = table["lines"]
    rule = next(i for i, line in enumerate(lines) if line.startswith(" ─"))
    return columns_read(lines[rule + 1 : lines.index("", rule + 1)], widths, gap=table["gap"])


def columns_read(lines: list[str], widths: list[int], joint: str = "", gap: int = render_table.GAP) -> list[str]:
    read = []
    at = render_table.MARGIN
    for w in widths:
        read.append(joint.join(slice_cells(line, at, at + w).strip() for line in lines))
        at += w + gap
    return read


def columns_of_stack(table: dict) -> dict[str, str]:
    """Each label's values read back from the stacked blocks."""
    label_cells = max(cells(h) for h in table["headers"])
    read: dict[str, str] = {h: "" for h in table["headers"]}
    current = None
    for line in table["lines"]:
        head = slice_cells(line, 0, label_cells).rstrip()
        if head in read and line[: len(head)] == head:
            current = head
            read[current] += slice_cells(line, label_cells + 2, 10_000)
        elif line.startswith(" " * (label_cells + 2)) and current:
            read[current] += line.strip()
        elif not line.strip():
            current = None
    return read


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: " ".join(a))
def test_every_column_and_value_shown_whole(run, monkeypatch, tables, width, args):
    monkeypatch.setenv("COLUMNS", str(width))
    if args[0] == "overdue":
        monkeypatch.setenv("PROMO_TODAY", "2029-01-01")  # stage deadlines long passed
    if args[0] == "ledger":
        run("ledger", "targets", "set", "--year", "2026", "--signed", "12", "--signed-investment", "30亿")
    result = run(*args)
    assert result.exit_code == (1 if args is CHECK else 0), result.output  # CHECK's verdict is fail: exit 1
    assert tables, "the command printed no table"
    for table in tables:
        lines, headers, texts = table["lines"], table["headers"], table["texts"]
        assert all(cells(line) <= width for line in lines), [line for line in lines if cells(line) > width]
        for row in texts:
            for value in row:  # numbers, dates and codes each on one line
                for number in NUMBER.findall(value) + [m.group() for m in AMOUNT.finditer(value)]:
                    assert any(number in line for line in lines), (number, value)
        if table["caption"]:  # every word of the caption, in order
            assert squeeze(table["caption"]) in squeeze("\n".join(lines))
        if table["widths"]:
            rule = next(i for i, line in enumerate(lines) if line.startswith(" ─"))
            top = max(i for i in range(rule) if not lines[i].strip()) + 1
            shown = columns_read(lines[top:rule], table["widths"], " ", table["gap"])
            assert [" ".join(h.split()) for h in shown] == headers  # whole, or broken only between its words
            read = columns_of_table(table, table["widths"])
            for i, header in enumerate(headers):
                assert squeeze(read[i]) == squeeze("".join(r[i] for r in texts)), header
        else:
            read = columns_of_stack(table)
            for i, header in enumerate(headers):
                assert squeeze(read[header]) == squeeze("".join(r[i] for r in texts)), header


@pytest.mark.parametrize("args", [("enterprises",), CHECK, ("match", "--for", "示例生物制药")])
def test_the_main_listings_stay_tables_at_80_columns(run, monkeypatch, tables, args):
    monkeypatch.setenv("COLUMNS", "80")
    assert run(*args).exit_code == (1 if args is CHECK else 0)  # CHECK's verdict is fail: exit 1
    assert all(t["widths"] for t in tables if len(t["headers"]) > 2)


def test_a_table_too_wide_for_the_terminal_becomes_blocks_of_label_and_value(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    out = run("vacancies", "--carrier", "精准医学产业园", "--limit", "2").output
    blocks = out.split("\n\n")
    assert re.search(r"\nCarrier +精准医学产业园\n", out) and re.search(r"\nRent 元/㎡·天 +1\.80\n", out)
    assert sum(bool(re.search(r"\nUnit +A", b)) for b in blocks) == 2
    assert "sample data, not from the" in out  # the note keeps its "not" at 60 columns


def test_a_table_that_would_split_an_amount_from_its_unit_becomes_blocks(run, monkeypatch, tables):
    monkeypatch.setenv("PROMO_LANG", "zh")
    monkeypatch.setenv("COLUMNS", "60")
    out = run(*MATCH).output
    units = tables[0]
    assert units["widths"] is None  # stacked: ≈17.08万元/年 (13 cells) does not fit the policies' column
    assert re.search(r"\n载体专属政策 · 预计支持 +载体租金减免（示例） ≈17\.08万元/年\n", out)
    assert re.search(r"\n +同链 1 家 \+7\n", out)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_table_a_few_cells_too_wide_keeps_its_shape_with_narrower_gaps(run, monkeypatch, tables, lang):
    monkeypatch.setenv("PROMO_LANG", lang)
    monkeypatch.setenv("COLUMNS", "80")
    run("pipeline")
    assert tables[-1]["gap"] == render_table.GAP  # where it fits, the usual two cells between columns
    monkeypatch.setenv("COLUMNS", "60")
    out = run("pipeline").output
    funnel = tables[-1]
    assert funnel["widths"] and funnel["gap"] == 1, out  # the funnel, not a block per stage
    assert all(cells(line) <= 60 for line in funnel["lines"])
    assert re.search(r"\n (意向|lead) +4 +30 +87%\n", out)


def test_a_table_is_stacked_rather_than_squeezed_to_fit_with_narrower_gaps(run, monkeypatch, tables):
    monkeypatch.setenv("COLUMNS", "80")  # vacancies in English: one-cell gaps would fit only by wrapping its values
    run("vacancies")
    assert tables[-1]["widths"] is None
