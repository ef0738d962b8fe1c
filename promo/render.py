"""The one place that turns rows into rich tables, CSV, JSON or Markdown.

Commands hand over plain dicts and a list of Columns; JSON and CSV use the columns' stable English
keys and raw values, tables and Markdown use the headers and formatted values.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

# CSV cells and files have their own module; render still offers them to its callers
from promo.i18n import N_, _
from promo.render_csv import csv_safe, to_file_needs_bom, write_csv, write_csv_rows  # noqa: F401
from promo.render_stream import (  # noqa: F401
    byte_writer,
    json_array,
    json_chunks,
    json_safe,
    json_text,
    markdown_lines,
    prepared,
    spill,
    write_json_batches,
)
from promo.terminal import escape

# what an empty listing says when its command names nothing more helpful (translated where it is shown)
NOTHING = N_("nothing matches")

FORMATS = ("table", "csv", "json", "markdown")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text, int, num, area, money, rent, pct, bar, list, bool, date
    justify: str | None = None
    no_wrap: bool = False  # codes and dates stay on one line
    min_width: int | None = None  # lists keep room for a few items on a narrow terminal
    max_width: int | None = None  # long names wrap rather than squeeze every other column
    marks: str | None = None  # key of [(start, end), …] spans shown emphasised on a terminal (search hits)
    tone: Callable[[dict], str | None] | None = None  # a row's colour for this cell on a terminal ('red', …)
    coded: str | None = None  # a coded value (promo.vocabulary kind): shown by its label in the user's language
    labels: dict | None = field(default=None, compare=False)  # code → label, set where the table is shown

    @property
    def align(self) -> str:
        if self.justify:
            return self.justify
        return "right" if self.kind in ("int", "num", "area", "money", "rent", "pct") else "left"


@dataclass(frozen=True)
class View:
    """A listing declared once: its machine keys (JSON/CSV: stable names, raw values) beside its human columns
    (table/Markdown: headers, formatted values, often derived fields). A new column is one line in each."""

    keys: tuple[str, ...]
    columns: tuple[Column, ...]
    title: str | None = None
    empty: str = NOTHING
    optional: tuple[str, ...] = ()  # columns shown only when some row has a value in them

    def without(self, *keys: str) -> View:
        """The same view less some keys and columns (a listing where they say nothing, e.g. all one carrier)."""
        return View(
            tuple(k for k in self.keys if k not in keys),
            tuple(c for c in self.columns if c.key not in keys),
            self.title,
            self.empty,
            self.optional,
        )

    def hide(self, *keys: str) -> View:
        """The same machine keys, less some human columns."""
        return View(
            self.keys, tuple(c for c in self.columns if c.key not in keys), self.title, self.empty, self.optional
        )

    def with_columns(self, *columns: Column, first: bool = False) -> View:
        """The same view with more human columns (e.g. the group a split listing is split by)."""
        shown = (*columns, *self.columns) if first else (*self.columns, *columns)
        return View(self.keys, shown, self.title, self.empty, self.optional)

    def show(
        self,
        rows: Iterable[dict],
        fmt: str,
        *,
        prepare: Callable[[Sequence[dict]], None] | None = None,
        caption: str | Callable[[Sequence[dict]], str | None] | None = None,
        notes: bool = False,
        title: str | None = None,
        empty: str | None = None,
        keys: Sequence[str] | None = None,
        summary: Callable[[], str | None] | None = None,
    ) -> None:
        """Print `rows`: JSON/CSV by the machine keys; a table or Markdown by the columns, after `prepare`
        derives the shown fields and the caption (text, or a function of the rows) is worked out.
        With `notes`, each caption line is its own paragraph in Markdown. JSON and CSV are written as the
        rows come; a cursor's rows for a table or Markdown wait in a temporary file, not in memory.
        `summary`, instead of a caption, works it out from what `prepare` saw: a table (written before its
        caption) then streams its rows from the cursor with nothing kept for a second look."""
        if fmt in ("json", "csv"):
            render(rows, [Column(k, k) for k in (keys or self.keys)], fmt)
            return
        if summary is not None:
            if fmt == "table" and not notes and not any(c.key in self.optional for c in self.columns):
                title, empty = title or self.title, empty or self.empty
                render(prepared(rows, prepare), list(self.columns), fmt, title=title, caption=summary, empty=empty)
                return
            caption = lambda rows: summary()  # noqa: E731  (the rows prepared, and so tallied, first)
        rows = spill(rows, prepare)
        text = caption(rows) if callable(caption) else caption
        columns = [c for c in self.columns if c.key not in self.optional or any(r.get(c.key) for r in rows)]
        if notes:
            render_with_notes(
                rows,
                columns,
                fmt,
                title=title or self.title,
                notes=(text or "").split("\n"),
                empty=empty or self.empty,
            )
        else:
            render(rows, columns, fmt, title=title or self.title, caption=text, empty=empty or self.empty)


def fmt_number(value: Any, digits: int = 0) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float) and digits == 0 and value != int(value):
        digits = 1
    return f"{value:,.{digits}f}"


def fmt_cell(column: Column, value: Any, list_sep: str = "、") -> str:
    """A value as a person reads it in a table or document, control characters escaped."""
    text = _fmt_cell(column, value, list_sep)
    return text if text.isprintable() else escape(text)  # most text has nothing to escape: skip the regex


def _fmt_cell(column: Column, value: Any, list_sep: str) -> str:
    if value is None or value == "":
        return ""
    if column.labels is not None:
        value = column.labels.get(value, value)
    kind = column.kind
    if kind == "text":
        return value if isinstance(value, str) else str(value)
    if kind == "int":
        return fmt_number(value)
    if kind == "num":
        return fmt_number(value, 1 if isinstance(value, float) and value != int(value) else 0)
    if kind in ("area", "money", "rent"):
        return _measure(kind).cell(value)
    if kind == "pct":
        return f"{float(value) * 100:.0f}%"
    if kind == "bar":
        return bar(float(value))
    if kind == "list":
        return list_sep.join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)
    if kind == "bool":
        return "✓" if value else ""
    return str(value)


def _measure(kind: str):
    from promo.measures import AREA, MONEY, RENT

    return AREA if kind == "area" else RENT if kind == "rent" else MONEY


def bar(fraction: float, width: int = 10) -> str:
    """An occupancy bar with the percentage, e.g. ███████░░░  70%."""
    fraction = min(max(fraction, 0.0), 1.0)
    filled = round(fraction * width)
    return "█" * filled + "░" * (width - filled) + f" {fraction * 100:3.0f}%"


def md_escape(text: Any) -> str:
    """Text from the catalogue made inert in Markdown: no table breaks, no emphasis, no raw HTML."""
    if text is None:
        return ""
    s = str(text)
    s = s.replace("\\", "\\\\")
    for ch in "`*_[]<>|#~&!":
        s = s.replace(ch, "\\" + ch)
    return " ".join(s.split())


def to_json(rows: Iterable[dict], columns: Sequence[Column]) -> str:
    """A JSON array with one object per line: readable, diff-friendly, and encoded by json's C encoder
    (indent= would switch to the pure-Python one, several times slower on large listings)."""
    return "".join(json_chunks(rows, [c.key for c in columns]))


def to_markdown(rows: Iterable[dict], columns: Sequence[Column]) -> str:
    """A GitHub-flavoured Markdown table (tabulate's github format); every cell escaped."""
    return "\n".join(_markdown_lines(rows if isinstance(rows, Sequence) else list(rows), columns))


def _markdown_lines(rows: Sequence[dict], columns: Sequence[Column]):
    return markdown_lines(
        lambda: ([md_escape(fmt_cell(c, r.get(c.key))) for c in columns] for r in rows),
        [md_escape(escape(c.header)) for c in columns],
        [c.align for c in columns],
    )


def peeked(rows: Iterable[dict]) -> Iterable[dict] | None:
    """The rows as they are, or None when there are none (a cursor is read one row ahead, not listed)."""
    if isinstance(rows, Sequence):
        return rows or None
    from itertools import chain

    source = iter(rows)
    for first in source:
        return chain((first,), source)
    return None


def console(stderr: bool = False):
    """A rich Console: colour as promo.screen.colour says; wide enough not to wrap when piped."""
    import os

    from rich.console import Console

    from promo import screen

    stream = sys.stderr if stderr else sys.stdout
    coloured = screen.colour(stream)
    width = None
    if not stream.isatty() and not os.environ.get("COLUMNS"):
        # piped (`promo vacancies | less`): the terminal still on stderr knows the width the reader sees;
        # with no terminal at all (a file, a script), wide enough never to wrap
        width = screen.width(stream) or 240
    # markup off: a name like "[link=http://…]x" must print as typed, not become a terminal hyperlink
    return Console(
        file=stream,
        width=width,
        force_terminal=coloured or None,
        no_color=not coloured,
        highlight=False,
        soft_wrap=False,
        markup=False,
    )


def render_table(
    rows: Iterable[dict],
    columns: Sequence[Column],
    *,
    title: str | None = None,
    caption: str | Callable[[], str | None] | None = None,
) -> None:
    """A table for people, laid out for the terminal (promo.render_table): stacked when it cannot fit, paged
    when taller than the screen, streamed when long."""
    from promo.render_table import show

    show(rows, columns, fmt_cell, title=title, caption=caption)


def render(
    rows: Iterable[dict],
    columns: Sequence[Column],
    fmt: str = "table",
    *,
    title: str | None = None,
    caption: str | Callable[[], str | None] | None = None,
    empty: str = NOTHING,
) -> None:
    """Print `rows` in the chosen format; tables and Markdown carry the title and caption (a table's may be a
    function, called once the rows are written).

    Headers, title, caption and `empty` are looked up in the message catalogue (the user's language)."""
    if fmt in ("table", "markdown"):
        columns = translated(columns)
        if callable(caption):  # a table's caption worked out once its rows are written
            caption = _translated_later(caption)
        title, caption, empty = (_(text) if text and not callable(text) else text for text in (title, caption, empty))
    write = sys.stdout.write
    # a listing still in SQLite (promo.listing_sql.Query) has its JSON and CSV lines written by SQLite, as bytes
    batches = (
        rows.batches([c.key for c in columns], fmt) if fmt in ("json", "csv") and hasattr(rows, "batches") else None
    )
    if fmt == "json":
        if batches is None:
            for text in json_chunks(rows, [c.key for c in columns]):
                write(text)
            write("\n")
        else:
            write_json_batches(batches, byte_writer(sys.stdout))
    elif fmt == "csv":
        if to_file_needs_bom(sys.stdout):
            write("\ufeff")
        if batches is None:
            write_csv(rows, columns, sys.stdout)
        else:
            write_csv_rows([[c.key for c in columns]], sys.stdout)
            write = byte_writer(sys.stdout)
            for batch in batches:
                write(b"\n".join(batch) + b"\n")
    elif fmt == "markdown":
        if title:
            write(f"### {md_escape(escape(title))}\n\n")
        for line in _markdown_lines(spill(rows), columns):
            write(line + "\n")
        if caption:
            # each caption line its own paragraph: md_escape folds whitespace, so escape line by line
            lines = escape(caption).splitlines()
            write("\n" + "\n\n".join(md_escape(line) for line in lines if line.strip()) + "\n")
    elif fmt == "table":
        rows = peeked(rows)
        if rows is None:
            print(escape(_("{title}: {empty}").format(title=title, empty=empty) if title else empty), file=sys.stderr)
            return
        render_table(rows, columns, title=title, caption=caption)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def _translated_later(caption: Callable[[], str | None]) -> Callable[[], str | None]:
    def later() -> str | None:
        text = caption()
        return _(text) if text else text

    return later


def translated(columns: Sequence[Column]) -> list[Column]:
    """The columns with their headers, and the labels of their coded values, in the user's language."""
    from dataclasses import replace

    from promo.i18n import language
    from promo.vocabulary import labels

    lang = language()
    return [
        replace(c, header=_(c.header) if c.header else c.header, labels=labels(c.coded, lang) if c.coded else None)
        for c in columns
    ]


def render_facts(facts: Sequence[tuple[str, Any]], fmt: str = "table", *, heading: str | None = None) -> None:
    """A record as label/value lines: an aligned grid on a terminal, a bullet list in Markdown.

    Empty values are left out, so callers can list every field a record may have.
    """
    shown = [(escape(_(k) if k else ""), escape(str(v))) for k, v in facts if v not in (None, "")]
    if fmt == "markdown":
        lines = [f"## {md_escape(escape(heading))}", ""] if heading else []
        lines += [f"- **{md_escape(k)}**: {md_escape(v)}" for k, v in shown]
        sys.stdout.write("\n".join(lines) + "\n\n")
        return
    from promo.render_table import show_record

    columns = [Column(str(i), label) for i, (label, _) in enumerate(shown)]
    show_record({str(i): value for i, (_, value) in enumerate(shown)}, columns, fmt_cell)


def render_with_notes(
    rows: list[dict],
    columns: list,
    fmt: str,
    *,
    title: str | None = None,
    notes: list[str] | None = None,
    empty: str = NOTHING,
) -> None:
    """promo.render.render with its caption given as lines; in Markdown each note is its own paragraph.

    render() writes a Markdown caption as one escaped paragraph, which runs a legend and a sample-data
    mark together; a table for people keeps the lines under the table as they are.
    """
    notes = [n for n in (notes or []) if n]
    if fmt != "markdown":
        render(rows, columns, fmt, title=title, caption="\n".join(notes) or None, empty=empty)
        return
    render(rows, columns, fmt, title=title, empty=empty)
    for note in notes:
        print("\n" + md_escape(note))


def render_grid(
    rows: Sequence[dict], fmt: str = "table", *, title: str | None = None, caption: str | None = None
) -> None:
    """A 租控表: one line per building floor, its cells {text, letter, colour} coloured on a terminal and
    followed by their letter when piped (or in Markdown), with the floor's occupancy."""
    if fmt in ("json", "csv"):
        flat = [
            {"building": r["building"], "floor": r["floor"], "occupancy": r["occupancy"], **cell}
            for r in rows
            for cell in r["cells"]
        ]
        keys = ("building", "floor", "unit", "status", "letter", "area_m2", "holder", "occupancy")
        render(flat, [Column(k, k) for k in keys], fmt)
        return
    from promo import screen

    coloured = fmt == "table" and screen.colour()
    shown = []
    for r in rows:
        marks = []
        if coloured:  # each unit a patch of its status colour; piped or in Markdown, its letter after it
            parts, at = [], 0
            for cell in r["cells"]:
                parts.append(f" {cell['unit']} ")
                marks.append((at, at + len(parts[-1]), f"black on_{cell['colour']}"))
                at += len(parts[-1]) + 1
            line = " ".join(parts)
        else:
            line = " ".join(f"{c['unit']}[{c['letter']}]" for c in r["cells"])
        shown.append({**r, "line": line, "line_marks": marks})
    columns = [
        Column("building", "Building", no_wrap=True),
        Column("floor", "Floor", "int"),
        Column("line", "Units", marks="line_marks"),
        Column("occupancy", "Occupancy", "bar"),
    ]
    render(shown, columns, fmt, title=title, caption=caption)
