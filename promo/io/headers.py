"""Headers as people write them: each list's fields with their aliases, --map, and finding the header row
(below title rows, over two levels of merged headings) and the data under it (序号, totals and notes left out)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain

from promo.errors import BadValue
from promo.i18n import _
from promo.io.cells import one_line
from promo.text import fold

HEADER_ROWS_SEARCHED = 30
IGNORED = ("序号", "编号", "no", "no.", "#", "行号", "序", "原因")
_TOTALS = re.compile(r"^(合计|小计|总计|总合计|共计|累计|total|subtotal|grandtotal)($|[(:\d])")
_NOTE = re.compile(
    r"^((注|说明|备注|附注|填表说明|填报说明|note)[:\d一二三、.]|(填表人|填报人|制表人|审核人|制表|填报单位|填表单位|制表单位|"
    r"数据来源|资料来源|单位:|填报日期|制表日期)|[*※])"
)
_MARKERS = re.compile(r"^[*※★]+|[*※★]+$|[:：]$|\((必填|选填|required|optional)\)")
_UNIT = re.compile(r"\(([^()]*)\)$")


@dataclass(frozen=True)
class Field:
    """One column of a list: its key, the headers it is exported under and every alias it is read from."""

    key: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()
    kind: str = "text"  # text, name, code, phone, date, money, int, num, list, choice
    required: bool = False
    choices: tuple[str, ...] = ()
    note: str = ""


def header_key(text) -> str:
    """A header as compared: folded (script, width, spacing), without * and (必填) markers."""
    key = fold(str(text or ""))
    return _MARKERS.sub("", key).strip()


def alias_table(fields: list[Field]) -> dict[str, str]:
    table = {}
    for f in fields:
        for h in (f.key, f.zh, f.en, *f.aliases):
            table.setdefault(header_key(h), f.key)
    return table


def _listed(names: list[str], per_line: int = 6) -> str:
    """Names a few to a line: a long list on one line is cut at promo.terminal.MAX_LINE (the 20th field …)."""
    lines = [", ".join(names[i : i + per_line]) for i in range(0, len(names), per_line)]
    return ",\n    ".join(lines)


def parse_map(values: tuple[str, ...], fields: list[Field]) -> dict[str, str]:
    """--map 列名=field (or a file of such lines) as {folded header: field key}; '-' ignores a column."""
    from pathlib import Path

    known = {header_key(h): f.key for f in fields for h in (f.key, f.zh, f.en)}
    pairs = []
    for value in values:
        if "=" not in value and Path(value).is_file():
            from promo.io.read import decode

            text, _encoding = decode(Path(value).read_bytes(), Path(value))
            pairs += [(line, value) for line in text.splitlines() if line.strip() and not line.startswith("#")]
        else:
            pairs.append((value, "--map"))
    out = {}
    for item, where in pairs:
        column, sep, target = item.replace("＝", "=").partition("=")
        if not sep:
            sep_item = item.split(",", 1) if "," in item else item.split("\t", 1)
            if len(sep_item) != 2:
                raise BadValue("--map", item, _("write 列名=field ({where})").format(where=where))
            column, target = sep_item
        if not header_key(column):
            raise BadValue("--map", item, _("names no column"))
        if target.strip() in ("-", "ignore", "忽略"):
            out[header_key(column)] = "-"
            continue
        key = known.get(header_key(target))
        if key is None:
            raise BadValue(
                "--map",
                item,
                _("{field!r} is not a field of this list").format(field=target.strip()),
                _("fields: {fields}").format(fields=_listed([f"{f.key} ({f.zh})" for f in fields])),
            )
        out[header_key(column)] = key
    return out


@dataclass
class Table:
    """The data of a sheet: records (line, {field: cell}, raw cells), the header each field came from, notes."""

    headers: list[str]  # the raw header texts, as the rejects file repeats them
    columns: dict[int, str]  # column index → field key
    header_of: dict[str, str]  # field key → header as written
    units: dict[str, str]  # field key → unit written in its header, e.g. 亿元
    records: Iterable[tuple[int, dict, list]] = field(default_factory=list)  # read once, as the import goes
    unknown: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    header_lines: list[int] = field(default_factory=list)
    # (the column of the field whose cell, merged down over rows or left blank below, makes them one record;
    # {field: kind} joined from each)
    continued_by: tuple[int, dict[str, str]] | None = None


def _match(text, table: dict[str, str], mapping: dict[str, str]) -> str | None:
    key = header_key(text)
    if not key:
        return None
    if key in mapping:
        return mapping[key]
    if key in table:
        return table[key]
    base = _UNIT.sub("", key)
    if base != key and base in table:
        return table[base]
    if key in IGNORED:
        return "-"
    if "/" in key:  # a two-level header written back as 'group/sub' (a rejects file)
        group, sub = key.rsplit("/", 1)
        return _match(group + sub, table, mapping) or _match(sub, table, mapping)
    return None


def _header_texts(rows, i: int, two: bool) -> list[str]:
    top = rows[i][1]
    if not two:
        return [str(c).strip() if c is not None else "" for c in top]
    sub = rows[i + 1][1]
    out = []
    for c in range(max(len(top), len(sub))):
        g = str(top[c]).strip() if c < len(top) and top[c] is not None else ""
        s = str(sub[c]).strip() if c < len(sub) and sub[c] is not None else ""
        out.append(g if not s or s == g else (s if not g else f"{g}\x1f{s}"))
    return out


def _resolve(text: str, table, mapping) -> str | None:
    if "\x1f" in text:
        group, sub = text.split("\x1f")
        return _match(group + sub, table, mapping) or _match(sub, table, mapping)
    return _match(text, table, mapping)


def _groups(cells) -> bool:
    """Whether a row can be the upper level of a two-level header: a title merged across the whole sheet
    (one text in every cell) cannot."""
    return len({str(c).strip() for c in cells if c is not None and str(c).strip()}) > 1


def _score(texts, table, mapping) -> int:
    return len({k for t in texts if (k := _resolve(t, table, mapping)) and k != "-"})


def find_table(
    sheet,
    fields: list[Field],
    mapping: dict[str, str] | None = None,
    *,
    what: str = "list",
    continued_by: tuple[str, tuple[str, ...]] | None = None,
) -> Table:
    """The header row (or two) of `sheet` and the records below it; stops before any row is read when no
    column is known or a required field has no column. With `continued_by` (a field, and the fields joined),
    rows under that field's cell merged down over them are one record: a name with two contacts below it."""
    mapping = mapping or {}
    table = alias_table(fields)
    rows = sheet.head
    if not rows:
        raise BadValue("FILE", sheet.name, _("has no rows: the first row should hold the column headers"))
    best = (0, 0, False)
    for i in range(min(HEADER_ROWS_SEARCHED, len(rows))):
        for two in (False, True) if i + 1 < len(rows) and _groups(rows[i][1]) else (False,):
            score = _score(_header_texts(rows, i, two), table, mapping)
            if score > best[0]:
                best = (score, i, two)
    score, start, two = best
    if not score:
        seen = ", ".join(str(c) for c in rows[0][1] if c not in (None, ""))[:200]
        raise BadValue(
            "FILE",
            sheet.name,
            _("has no column promo knows for the list {what} (first row: {seen})").format(what=what, seen=seen),
            _("known headers: {headers}; or name columns with --map 列名=field").format(
                headers=", ".join(f.zh for f in fields)
            ),
        )
    texts = _header_texts(rows, start, two)
    columns, header_of, units, unknown = {}, {}, {}, []
    for c, text in enumerate(texts):
        key = _resolve(text, table, mapping)
        shown = one_line(text.replace("\x1f", "/"))  # a header typed over two lines (总投资⏎(万元)) on one
        if key is None:
            if text:
                unknown.append(shown)
            continue
        if key == "-":
            continue
        if key in header_of:
            raise BadValue(
                "FILE",
                sheet.name,
                _("two columns mean {key}: {first!r} and {second!r}").format(
                    key=key, first=header_of[key], second=shown
                ),
                _("drop one, or --map one of them to -"),
            )
        columns[c], header_of[key] = key, shown
        unit = _UNIT.search(header_key(text.split("\x1f")[-1]))
        if unit:
            units[key] = unit.group(1)
    missing = [f for f in fields if f.required and f.key not in header_of]
    if missing:
        raise BadValue(
            "FILE",
            sheet.name,
            _("has no column for {fields}").format(fields=", ".join(f"{f.key} ({f.zh})" for f in missing)),
            _("name it {names}, or use {option}").format(
                names=_(" or ").join(repr(a) for a in (missing[0].zh, *missing[0].aliases[:3])),
                option="--map 列名=" + missing[0].key,
            ),
        )
    header_lines = [rows[start][0]] + ([rows[start + 1][0]] if two else [])
    raw_headers = [t.replace("\x1f", "/") for t in texts]
    out = Table(raw_headers, columns, header_of, units, unknown=unknown, header_lines=header_lines)
    if continued_by and continued_by[0] in header_of:
        kinds = {f.key: f.kind for f in fields}
        column = next(c for c, k in columns.items() if k == continued_by[0])
        out.continued_by = (column, {k: kinds[k] for k in continued_by[1] if k in header_of})
    out.records = _records(chain(rows[start + (2 if two else 1) :], sheet.rest()), out, table, mapping, sheet.notes)
    return out


def _text(value) -> str:
    return str(value).strip() if value is not None else ""


def _plain(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _text(value)


_JOINED_BY = {"list": ";"}  # any other field's values are joined with 、, as 联系人 张三、李四


def _continues(out: Table, pending: tuple, cells) -> bool:
    """Whether `cells` carry on the record `pending`: the name's cell is merged down from `pending`'s row, or
    blank (a merged sheet saved as CSV keeps the name on the first row only), and every other cell is merged
    too, empty, the same as `pending`'s, or in a field that is joined — one of them filled."""
    if out.continued_by is None:
        return False
    column, joined = out.continued_by
    above = getattr(cells, "above", None) or {}
    if column in above:
        if above[column] > pending[0]:
            return False
    elif column < len(cells) and _plain(cells[column]):
        return False
    adds = False
    for c, k in out.columns.items():
        if c >= len(cells) or c in above or not (text := _plain(cells[c])):
            continue
        if k in joined:
            adds = True
        elif text != _plain(pending[1].get(k)):
            return False
    return adds or column in above


def _join(out: Table, pending: tuple, cells) -> tuple:
    """`pending` with the joined fields of its continuation row `cells` added to its own."""
    line, data, raw = pending
    data, raw = dict(data), list(raw)
    for c, k in out.columns.items():
        kind = out.continued_by[1].get(k)
        if kind is None or c >= len(cells) or c in getattr(cells, "above", ()) or not (text := _plain(cells[c])):
            continue
        first, sep = _plain(data.get(k)), _JOINED_BY.get(kind, "、")
        if not first or text not in first.split(sep):
            data[k] = f"{first}{sep}{text}" if first else text
            if c < len(raw):
                raw[c] = data[k]
    return line, data, raw


def _records(rows, out: Table, table, mapping, sheet_notes: list[str]) -> Iterator[tuple[int, dict, list]]:
    """The data rows, read as the import asks for them; what was skipped is noted once all are read."""
    pending, continued = None, []  # a record is held until the next row shows it is not carried on
    for record in _rows_of(rows, out, table, mapping, sheet_notes):
        if pending is not None and _continues(out, pending, record[2]):
            pending = _join(out, pending, record[2])
            continued.append(record[0])
            continue
        if pending is not None:
            yield pending
        pending = record
    if pending is not None:
        yield pending
    if continued:
        out.notes.append(
            _(
                "rows with no {column} of their own (merged down from the row above, or left blank) joined into the "
                "record above: line {lines}"
            ).format(column=out.header_of[out.columns[out.continued_by[0]]], lines=", ".join(map(str, continued)))
        )


def _rows_of(rows, out: Table, table, mapping, sheet_notes: list[str]) -> Iterator[tuple[int, dict, list]]:
    totals, notes, repeats = [], [], []
    ended = False
    first_header = {c: out.headers[c] for c in list(out.columns)[:1]}
    columns = list(out.columns.items())
    for line, cells in rows:
        texts = [c.strip() if type(c) is str else _text(c) for c in cells]
        filled = [t for t in texts if t]
        # folding is costly on 100,000 rows: only cells that could start a total are folded
        first = [header_key(t) for t in filled[:3] if t[:1] in "合小总共累合計總TtSsGg"]
        if any(_TOTALS.match(k) for k in first):
            totals.append(line)
            ended = True
            continue
        # a footnote is one text, in one cell or merged across the row
        if filled and len(set(filled)) == 1 and (ended or _NOTE.match(header_key(filled[0]))):
            notes.append(line)
            ended = True
            continue
        # the header printed again (pages pasted together); the first cell is compared before the whole row
        if all(c < len(cells) and texts[c] == h for c, h in first_header.items()) and all(
            _resolve(texts[c] if c < len(cells) else "", table, mapping) == key for c, key in columns
        ):
            repeats.append(line)
            continue
        width = len(cells)
        data = {key: cells[c] for c, key in columns if c < width}
        if not any(texts[c] for c, _key in columns if c < width):
            continue
        yield line, data, cells
    out.notes += sheet_notes  # hidden rows and columns, known once the sheet has been read
    if totals:
        out.notes.append(_("合计/小计 rows skipped: line {lines}").format(lines=", ".join(map(str, totals))))
    if notes:
        out.notes.append(_("notes below the data skipped: line {lines}").format(lines=", ".join(map(str, notes))))
    if repeats:
        out.notes.append(
            _("header rows repeated in the data skipped: line {lines}").format(lines=", ".join(map(str, repeats)))
        )
