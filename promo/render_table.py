"""Tables for people, laid out for the terminal they are read on, and streamed.

Every column keeps its header whole, numbers, dates, codes and amounts with their units (17.08万元/年, 1 家) never
split across lines, text wraps between words and Chinese characters. When the columns cannot all fit (a wrapped
column would get fewer than FLOOR cells, or less than its widest number or amount), each row becomes a block of
`label  value` lines (the stacked view) rather than losing a column; a table a few cells too wide first closes its
gaps to one cell, if that keeps every value as wide as on the widest screen. Widths are measured on the first rows,
so a long listing is written chunk by chunk as it is read, through the pager when it is taller than the screen.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from itertools import islice

from promo.render_paint import SAMPLE_MARK, Painter
from promo.screen import Measure, longest_piece, wrap

# Columns are promo.render.Column and cell texts come from its fmt_cell, handed in by render (which imports this
# module): one rule for how a value reads, and no import loop.

CHUNK = 500  # rows measured before the first line is written, and written per batch
CACHED = 4096  # a column's distinct cells kept laid out, so memory stays flat
SLACK = 3  # cells added to each column of a streamed table, whose later rows were not measured
FLOOR = 8  # a wrapped text column keeps at least four Chinese characters a line
# numbers, amounts and dates break only at a space (50亩 (33,334㎡)), an occupancy bar not at all
WORD_KINDS = frozenset(("int", "num", "area", "money", "rent", "pct", "date"))
ONE_LINE_KINDS = frozenset(("bar", "bool"))
MARGIN, GAP = 1, 2  # cells before the first column and between two columns
NARROW_GAP = 1  # between two columns of a table that would not fit otherwise
PAD, SEP = " " * MARGIN, " " * GAP


class Layout:
    """Column widths for the rows seen so far, or None when they cannot fit side by side."""

    def __init__(self, columns: Sequence, cells: list[list[str]], total: int | None, measure: Measure):
        self.columns = list(columns)
        self.widths: list[int] | None = None
        n = len(columns)
        headers = [measure(c.header) for c in columns]
        natural, minimum, preferred, values, whole = [], [], [], [], []
        for i, c in enumerate(columns):
            texts = [row[i] for row in cells]
            widest = max((max(measure(t) for t in s.split("\n")) for s in texts if s), default=0)
            nat = max(headers[i], widest)
            if c.kind in ONE_LINE_KINDS:
                low = widest
            else:
                pieces = max((longest_piece(t, measure, _mode(c) == "words") for t in texts if t), default=0)
                low = max(pieces, min(nat, FLOOR))
            values.append(low)
            whole.append(max(low, min(widest, c.max_width or widest)))  # its values as on the widest screen
            natural.append(nat)
            minimum.append(max(low, headers[i]))
            preferred.append(max(minimum[i], min(nat, c.max_width or nat)))
        # min_width is the view's wish for a wrapped column: kept while there is room, given up before a column is
        wished = [
            max(m, min(natural[i], c.min_width or 0)) for i, (m, c) in enumerate(zip(minimum, columns, strict=True))
        ]
        self.minimum = minimum
        self.gap = GAP
        if total is None:
            self.widths = preferred
            return
        room = total - MARGIN - GAP * (n - 1)
        if sum(minimum) > room:
            # then a two-word header (荷载 kN/㎡, 准入条件 Criterion) on two lines
            words = [longest_piece(c.header, measure, True) for c in columns]
            minimum = [max(v, w) for v, w in zip(values, words, strict=True)]
            if sum(minimum) > room:
                # a table a few cells too wide (the funnel at 60 columns) keeps its shape with one-cell gaps, as
                # long as its values are laid out as on the widest screen (only headers may break); else stacked
                room = total - MARGIN - NARROW_GAP * (n - 1)
                wished = minimum = [max(v, w) for v, w in zip(whole, words, strict=True)]
                if sum(minimum) > room:
                    return
                self.gap = NARROW_GAP
        widths = list(preferred)
        excess = sum(widths) - room
        for floor in (wished, minimum):  # narrow the widest wrappable column first, as far as the floor
            while excess > 0 and any(widths[j] > floor[j] for j in range(n)):
                i = max((j for j in range(n) if widths[j] > floor[j]), key=lambda j: widths[j])
                widths[i] -= 1
                excess -= 1
        self.widths = widths

    def leave_room(self, total: int | None, most: int = SLACK) -> None:
        """Widen every column by up to `most` cells, as far as the terminal allows."""
        n = len(self.widths)
        spare = most * n if total is None else total - MARGIN - self.gap * (n - 1) - sum(self.widths)
        for i in range(n):
            extra = min(most, spare // (n - i)) if spare > 0 else 0
            self.widths[i] += extra
            spare -= extra


def _mode(column) -> str:
    """How a column's cells wrap (promo.screen.wrap): codes, dates and numbers break only at spaces, a list
    between its items, other text also between Chinese characters."""
    if column.no_wrap or column.kind in WORD_KINDS:
        return "words"
    return "list" if column.kind == "list" else "text"


def cells_of(rows: Iterable[dict], columns: Sequence, cell, ambiguous: int = 1) -> list[list[str]]:
    """Rows as the texts a person reads (`cell`: promo.render.fmt_cell); list items spaced so a line breaks
    between items."""
    return Texts(columns, cell, ambiguous)(rows)


class Texts:
    """cells_of for one table, its values' texts remembered per column: a long listing repeats its rents,
    loads, dates and names, and each is formatted once."""

    def __init__(self, columns: Sequence, cell, ambiguous: int = 1):
        self.columns, self.cell = list(columns), cell
        # █ is ambiguous but ░ is not: ▒ keeps a bar's length the same whatever it shows
        self.bars = [ambiguous == 2 and c.kind == "bar" for c in self.columns]
        self.cached: list[dict] = [{} for _ in self.columns]

    def __call__(self, rows: Iterable[dict]) -> list[list[str]]:
        keys = [c.key for c in self.columns]
        work = list(zip(range(len(keys)), keys, self.cached, strict=True))
        # text, most cells, looked up here; other values by their key in text()
        return [
            [
                found if (v := r.get(k)).__class__ is str and (found := cache.get(v)) is not None else self.text(i, v)
                for i, k, cache in work
            ]
            for r in rows
        ]

    def text(self, i: int, value) -> str:
        key, cache = _memo_key(value), self.cached[i]
        found = cache.get(key)
        if found is not None:
            return found
        text = self.formatted(i, value)
        if key is not _NOT_KEPT:
            if len(cache) >= CACHED:
                cache.clear()
            cache[key] = text
        return text

    def formatted(self, i: int, value) -> str:
        """Column i's value as its text, not remembered."""
        text = self.cell(self.columns[i], value, list_sep=" ").replace("\t", " ")
        return text.replace("░", "▒") if self.bars[i] else text


_NOT_KEPT = object()


def _memo_key(value):
    """What a value's text is remembered by: itself for text and None; for a number its type beside it (1, 1.0
    and True are equal keys but read differently); _NOT_KEPT for zero (0.0 == -0.0 but reads -0) and the rest."""
    kind = value.__class__
    if kind is str or value is None:
        return value
    if (kind is float or kind is int) and value:
        return (kind, value)
    if kind is list and all(x.__class__ is str for x in value):
        return (list, *value)
    return _NOT_KEPT


def show(
    rows: Iterable[dict],
    columns: Sequence,
    cell,
    *,
    title: str | None = None,
    caption: str | Callable[[], str | None] | None = None,
    stream=None,
) -> None:
    """Write `rows` as a table (or stacked records) for the terminal `stream` is, paged when taller than it;
    `caption` may be a function, called once the rows are written."""
    from promo import pager, screen
    from promo.terminal import escape

    stream = stream or sys.stdout
    measure = Measure(screen.ambiguous_width())
    total = screen.width(stream)
    painter = Painter(screen.colour(stream))
    columns = [_shown(c) for c in columns]
    source = iter(rows)
    first = list(islice(source, CHUNK))
    texts_of = Texts(columns, cell, measure.ambiguous)
    texts = texts_of(first)
    layout = Layout(columns, texts, total, measure)
    if len(first) == CHUNK and layout.widths:
        layout.leave_room(total)  # more rows follow, measured by none: room for a longer name or number
    if layout.widths:
        writer = _Table(layout, measure, painter, texts_of)
    else:
        writer = _Stacked(columns, total, measure, painter)
    with pager.output(stream) as out:
        if title:
            out.write(_block(escape(title), total, measure, painter, "bold") + "\n")
        out.write(writer.head())
        batch = first
        while batch and not out.closed:
            out.write(writer.rows(batch, texts_of))
            batch = list(islice(source, CHUNK))
        out.write("\n")
        if callable(caption):
            caption = caption()
        if caption:
            out.write(_block(escape(caption), total, measure, painter) + "\n\n")


def _shown(column):
    from dataclasses import replace

    from promo.terminal import escape

    return replace(column, header=escape(column.header))


def _block(text: str, total: int | None, measure: Measure, painter: Painter, style: str | None = None) -> str:
    """A title or caption wrapped to the terminal's width (not the table's); sample notes dimmed."""
    out = []
    for line in text.split("\n"):
        parts = [line[s:e] for s, e in wrap(line, total, measure)] if total else [line]
        for part in parts:
            tone = style or ("dim" if part.startswith(SAMPLE_MARK) else None)
            out.append(painter.line(part, tone) if tone else part)
    return "\n".join(out)


class _Table:
    def __init__(self, layout: Layout, measure: Measure, painter: Painter, texts_of: Texts):
        self.columns, self.widths = layout.columns, layout.widths
        self.sep = " " * layout.gap
        self.measure, self.painter = measure, painter
        self.aligns = [c.align for c in self.columns]
        self.one_line = [c.kind in ONE_LINE_KINDS for c in self.columns]
        self.modes = [_mode(c) for c in self.columns]
        self.blank = [" " * w for w in self.widths]
        self.cached: list[dict] = [{} for _ in self.columns]  # by text (and styles)
        self.by_value: list[dict] = [{} for _ in self.columns]  # by text or float, when nothing is styled
        self.by_other: list[dict] = [{} for _ in self.columns]  # by _memo_key, the other values
        self.texts_of = texts_of

    def head(self) -> str:
        """The headers, each whole on one line, or at a narrow column broken between its words; then the rule."""
        measure, painter, widths = self.measure, self.painter, self.widths
        split = [
            [c.header[s:e] for s, e in wrap(c.header, w, measure, "words")]
            for c, w in zip(self.columns, widths, strict=True)
        ]
        lines = []
        for k in range(max(len(h) for h in split)):
            parts = [
                painter.line(measure.pad(h[k] if k < len(h) else "", w, a), "bold")
                for h, w, a in zip(split, widths, self.aligns, strict=True)
            ]
            lines.append((PAD + self.sep.join(parts)).rstrip())
        rule_cells = sum(widths) + len(self.sep) * (len(widths) - 1)
        rule = "─" * (rule_cells // measure("─"))
        return "\n" + "\n".join(lines) + "\n" + PAD + rule + "\n"

    def rows(self, rows: list[dict], texts_of: Texts) -> str:
        if self.painter.on:
            return self._styled(rows, texts_of(rows))
        # no styles: a cell's lines depend on its value alone, looked up by it; text and floats inline (the one
        # dict holds no other keys, so 1 and True cannot meet 1.0), the rest in plain()
        cached = self.by_value
        work = list(zip(range(len(cached)), [c.key for c in self.columns], cached, strict=True))
        shown = (
            [
                found
                if ((t := (v := r.get(k)).__class__) is str or t is float) and (found := cache.get(v)) is not None
                else self.plain(i, v)
                for i, k, cache in work
            ]
            for r in rows
        )
        return self._joined(shown)

    def plain(self, i: int, value) -> tuple[str, ...]:
        kind = value.__class__
        if kind is str or kind is float:  # looked up in rows() already
            key, cache = value, self.by_value[i]
            kept = kind is str or (value and value == value)  # not zero (0.0 == -0.0, which reads -0), not NaN
        else:
            key, cache = _memo_key(value), self.by_other[i]
            found = cache.get(key)
            if found is not None:
                return found
            kept = key is not _NOT_KEPT
        lines = self.lay(i, self.texts_of.formatted(i, value), None)
        if kept:
            if len(cache) >= CACHED:  # a column of codes seen once each: start again rather than grow
                cache.clear()
            cache[key] = lines
        return lines

    def _styled(self, rows: list[dict], texts: list[list[str]]) -> str:
        painter, cached, columns = self.painter, self.cached, self.columns

        def shown(row, cells):
            spans = [painter.spans(c, row, t) for c, t in zip(columns, cells, strict=True)]
            keys = [(t, tuple(sp)) if sp else t for t, sp in zip(cells, spans, strict=True)]
            return [
                found if (found := cache.get(key)) is not None else self.cell(i, t, spans[i], key)
                for i, (cache, key, t) in enumerate(zip(cached, keys, cells, strict=True))
            ]

        return self._joined(shown(row, cells) for row, cells in zip(rows, texts, strict=True))

    def _joined(self, rows: Iterable[list[tuple[str, ...]]]) -> str:
        """Rows of cells' lines as the table's lines: a cell with fewer lines than its row blank below them."""
        out, blank, sep = [], self.blank, self.sep
        for shown in rows:
            tallest = max(map(len, shown))
            if tallest == 1:  # the common case: every cell one line
                out.append((PAD + sep.join([lines[0] for lines in shown])).rstrip())
                continue
            for k in range(tallest):
                parts = [lines[k] if k < len(lines) else b for lines, b in zip(shown, blank, strict=True)]
                out.append((PAD + sep.join(parts)).rstrip())
        return "\n".join(out) + "\n" if out else ""

    def cell(self, i: int, text: str, spans, key) -> tuple[str, ...]:
        """lay(), remembered by `key` (the text, with its spans), as a long listing repeats its names, places
        and facilities."""
        lines = self.lay(i, text, spans)
        cache = self.cached[i]
        if len(cache) >= CACHED:
            cache.clear()
        cache[key] = lines
        return lines

    def lay(self, i: int, text: str, spans) -> tuple[str, ...]:
        """Column i's cell as its lines, each styled and padded to the column's width."""
        measure, width = self.measure, self.widths[i]
        # a later row's number or code wider than its column pushes the line right rather than split
        if "\n" not in text and (self.one_line[i] or measure(text) <= width):
            if not spans:
                return (_padded(text, measure(text), width, self.aligns[i]),)
            pieces = [(0, len(text))]
        else:
            pieces = wrap(text, width, measure, self.modes[i])
        paint, align = self.painter.paint, self.aligns[i]
        return tuple(
            _padded(paint(text, s, e, spans) if spans else text[s:e], measure(text[s:e]), width, align)
            for s, e in pieces
        )


def _padded(shown: str, cells: int, width: int, align: str) -> str:
    gap = max(width - cells, 0)
    return " " * gap + shown if align == "right" else shown + " " * gap


class _Stacked:
    """One block per row: `label  value` lines, labels aligned, values wrapped beside them."""

    def __init__(self, columns: Sequence, total: int | None, measure: Measure, painter: Painter):
        self.columns, self.measure, self.painter = list(columns), measure, painter
        self.label = max(measure(c.header) for c in columns)
        self.room = max((total or 0) - self.label - 2, FLOOR) if total else None
        self.started = False

    def head(self) -> str:
        return "\n"

    def rows(self, rows: list[dict], texts_of) -> str:
        out = []
        measure, painter = self.measure, self.painter
        texts = texts_of(rows)
        indent = " " * (self.label + 2)
        for row, cells in zip(rows, texts, strict=True):
            if self.started:
                out.append("")
            self.started = True
            for c, t in zip(self.columns, cells, strict=True):
                if not t:
                    continue
                spans = painter.spans(c, row, t)
                label = painter.line(measure.pad(c.header, self.label), "bold")
                lines = wrap(t, self.room, measure, _mode(c)) if self.room else [(0, len(t))]
                for k, (s, e) in enumerate(lines):
                    out.append(((label + "  ") if k == 0 else indent) + painter.paint(t, s, e, spans))
        return "\n".join(out) + "\n" if out else ""


def show_record(row: dict, columns: Sequence, cell, stream=None) -> None:
    """One record as `label  value` lines (a carrier's or an enterprise's facts), values wrapped to the terminal."""
    from promo import pager, screen

    stream = stream or sys.stdout
    measure = Measure(screen.ambiguous_width())
    if not columns:
        return
    writer = _Stacked(columns, screen.width(stream), measure, Painter(screen.colour(stream)))
    with pager.output(stream) as out:  # a record's page and the tables after it: one pager
        out.write(writer.rows([row], Texts(columns, cell)) + "\n")
