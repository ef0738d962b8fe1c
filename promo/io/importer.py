"""One import: every row of a table parsed, matched and written through its list's adapter, inside the
caller's transaction; each row ends new, unchanged, changed, kept (a change not applied) or rejected."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from itertools import islice, repeat
from types import SimpleNamespace

from promo.errors import BadValue, PromoError, Rejected
from promo.i18n import _
from promo.io.cells import cell_text, code_damage_hint
from promo.io.changes import change_text, differs_text
from promo.io.outcomes import Keys, Lines, OfStatus, Outcome, Outcomes

MAX_ERRORS_SHOWN = 30
CHUNK = 1000  # rows checked against the catalogue and written together
CLEAN_LIMIT = 5000  # clean cell values remembered per column (a column of names stops growing there)
PROGRESS_EVERY = 64  # rows between two progress callbacks: a bar redrawn per row costs more than the row
_NOT_SEEN = object()


class Note(str):
    """What a list's writer says of a row that the report says once for all the rows it concerns, by their lines
    (a lead list with no dates: one note, not a warning a row)."""


@dataclass
class Report:
    list_name: str
    outcomes: list[Outcome] | Outcomes = field(default_factory=list)
    warnings: list[str] | Lines = field(default_factory=Lines)
    notes: list[str] = field(default_factory=list)
    noted: dict[str, list[list[int]]] = field(default_factory=dict)  # a Note → the runs of lines it concerns

    def note(self, text: str, line: int) -> None:
        runs = self.noted.setdefault(text, [])  # as promo.io.sheet.line_runs, a line at a time
        if runs and runs[-1][1] == line - 1:
            runs[-1][1] = line
        else:
            runs.append([line, line])

    def settle_notes(self) -> None:
        from promo.io.sheet import shown_runs

        for text, runs in self.noted.items():
            self.notes.append(_("line {lines}: {note}").format(note=text, lines=shown_runs(runs, _(", "))))
        self.noted = {}

    def count(self, status: str) -> int:
        if isinstance(self.outcomes, Outcomes):
            return self.outcomes.counts[status]
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def rejected(self) -> list[Outcome] | OfStatus:
        """The rejected rows in order: read from the outcomes' store each time when it has one."""
        if isinstance(self.outcomes, Outcomes):
            return OfStatus(self.outcomes, "rejected")
        return [o for o in self.outcomes if o.status == "rejected"]


class FieldNames(dict):
    """How a row's fields are named in messages ("line 12, 企业名称"), each formatted when a message asks."""

    def __init__(self, where: str, line: int, header_of: dict, fields) -> None:
        super().__init__()
        self.where, self.line, self.header_of, self.fields = where, line, header_of, fields

    def __missing__(self, key: str) -> str:
        if key not in self.fields:
            raise KeyError(key)
        column = self.header_of.get(key)
        if column is None:  # a field the file has no column for (a required one, said missing): its own header
            from promo.i18n import language

            f = self.fields[key]
            column = getattr(f, "zh" if language() == "zh" else "en", key)
        self[key] = text = self.where.format(line=self.line, column=column)
        return text

    def __contains__(self, key) -> bool:
        return key in self.fields

    def get(self, key, default=None):
        return self[key] if key in self.fields else default


def rejected_row(line: int, name: str, exc: PromoError | str, cells) -> Outcome:
    """A rejected row: its reason without line numbers for the table and the rejects file, and with them
    (one problem a line) for the refusal."""
    text = exc if isinstance(exc, str) else exc.message + (_(" ({hint})").format(hint=exc.hint) if exc.hint else "")
    prefix = _("line {line}, {column}").format(line=line, column="")  # how names[...] begin
    detail = text.replace(prefix, "").replace("\n  ", _("; "))
    if text.startswith(prefix):
        full = text
    elif name:
        full = _("line {line}: {name}: {problem}").format(line=line, name=name, problem=text)
    else:
        full = _("line {line}: {warning}").format(line=line, warning=text)

    return Outcome(line, "rejected", name, detail, cells, full.replace("\n  ", "\n    "))


def run(
    conn: sqlite3.Connection, adapter, table, *, update: bool = False, options: dict | None = None, progress=None
) -> Report:
    """Import `table` (from promo.io.headers.find_table) into `adapter`'s list; never raises for a bad row."""

    if not conn.in_transaction:
        raise RuntimeError("an import runs inside the caller's transaction")
    # "memo": one import's parsed values, each distinct one parsed once (see promo.enterprise_fields)
    options = {**(options or {}), "memo": {}}
    fields = {f.key: f for f in adapter.FIELDS}
    # the same list of notes: they come as the rows are read; the outcomes go to disk past a few thousand
    report = Report(adapter.EN, outcomes=Outcomes(), notes=table.notes)
    if table.unknown:
        report.warnings.append(_("columns not understood, ignored: {columns}").format(columns=", ".join(table.unknown)))
    # a list that can match and add many rows at once takes them a chunk at a time; any other list writes
    # each row before the next is parsed, as a row may name one added just above it (a chain's parent)
    size = CHUNK if hasattr(adapter, "existing_many") and hasattr(adapter, "add_many") else 1
    for chunk in _checked(conn, adapter, table, size, fields, options, Keys(), report, progress):
        if chunk:
            _write_chunk(conn, adapter, chunk, update, report)
        report.outcomes.settle()
    report.settle_notes()
    return report


def _checked(conn, adapter, table, size: int, fields: dict, options: dict, seen: Keys, report: Report, progress):
    """Each row parsed and checked on its own and against the rows before it, `size` rows at a time; a
    rejected row gets its outcome now, a good one a place in the report, and each batch's good rows are
    yielded together for writing (one batch in memory at a time)."""
    reading = SimpleNamespace(
        conn=conn,
        adapter=adapter,
        table=table,
        fields=fields,
        required=[f for f in fields.values() if f.required],
        options=options,
        report=report,
        where=_("line {line}, {column}"),  # looked up once: a row's field names are formatted only when shown
        # a cell's text for each distinct value of a column that read cleanly (no warning, no problem): columns
        # repeat their values (an industry, a stage, a date), and a clean value reads the same on every line
        clean={key: {} for key in fields},
        row_warnings=getattr(adapter, "row_warnings", None),
    )
    records = enumerate(table.records)
    while batch := list(islice(records, size)):
        read = []
        for n, record in batch:
            if progress and not n % PROGRESS_EVERY:
                progress(n)
            read.append(_read_row(reading, *record))
        seen.recall(key for *_row, keys in read for key, _mine in keys)  # what earlier rows said of these keys
        chunk = []
        for good, line, row, names, name_shown, raw_cells, keys in read:
            duplicate = _in_file_duplicate(seen, adapter, line, keys)
            if not good:
                if duplicate:
                    row.message += _("; ") + duplicate
                report.outcomes.append(rejected_row(line, name_shown, row, raw_cells))
            elif duplicate:
                report.outcomes.append(rejected_row(line, name_shown, duplicate, raw_cells))
            else:
                report.outcomes.append(None)
                chunk.append((len(report.outcomes) - 1, line, row, names, name_shown, raw_cells))
        del read
        yield chunk
        seen.settle()


def _read_row(reading: SimpleNamespace, line: int, cells: dict, raw_cells) -> tuple:
    """One row read: (True, line, parsed, names, name shown, cells, keys), or (False, line, why it was
    rejected, …, the keys of the row as written) when a cell or the row as a whole is wrong."""
    adapter, fields, table, report = reading.adapter, reading.fields, reading.table, reading.report
    names = FieldNames(reading.where, line, table.header_of, fields)
    problems, raw = [], {}
    for key, value in cells.items():
        known = reading.clean[key]
        text = known.get(value, _NOT_SEEN) if type(value) is str else _NOT_SEEN
        if text is _NOT_SEEN:
            f = fields[key]
            try:
                text, warns = cell_text(value, f.kind, names[key], required=f.required, unit=table.units.get(key))
            except BadValue as exc:
                problems.append(exc)
                continue
            if warns:
                report.warnings += warns  # named "line N, column" already
            elif type(value) is str and len(known) < CLEAN_LIMIT:
                known[value] = text
        if text is not None:
            raw[key] = text
    name_shown = str(raw.get(adapter.LABEL_COLUMN) or "")[:60]
    try:
        if problems:
            raise problems[0] if len(problems) == 1 else Rejected(_("; ").join(p.message for p in problems))
        for f in reading.required:
            if not raw.get(f.key):
                raise BadValue(names[f.key], "", _("is empty"))
        parsed = adapter.parse(reading.conn, raw, names, reading.options)
    except PromoError as exc:
        hint = code_damage_hint(raw.get("uscc", "")) if "uscc" in raw else None
        if hint and any(getattr(p, "check_character", False) for p in [exc, *getattr(exc, "problems", [])]):
            exc.message += _("; ") + hint
        for problem in (exc, *problems, *getattr(exc, "problems", ())):
            problem.__traceback__ = None  # its frames, and their cycles back to it, go now, not at the next gc
        return False, line, exc, names, name_shown, raw_cells, _keys(adapter, _as_written(adapter, raw))
    if reading.row_warnings:
        report.warnings += [
            _("line {line}: {warning}").format(line=line, warning=w) for w in reading.row_warnings(parsed)
        ]
    return True, line, parsed, names, adapter.label(parsed), raw_cells, _keys(adapter, parsed)


def _write_chunk(conn, adapter, pending: list, update: bool, report: Report) -> None:
    """Write a chunk's good rows: matched against the catalogue together where the list can (existing_many),
    and each run of new rows added together (add_many); a row that updates a record is written alone, in
    its place, after the new rows before it."""
    many = hasattr(adapter, "existing_many") and hasattr(adapter, "add_many")
    matches = adapter.existing_many(conn, [p[2] for p in pending]) if many else [None] * len(pending)
    run: list = []
    for item, match in zip(pending, matches, strict=True):
        at, line, parsed, names, name_shown, raw_cells = item
        if isinstance(match, PromoError):
            report.outcomes[at] = rejected_row(line, name_shown, match, raw_cells)
        elif many and match[0] is None:
            run.append(item)
        else:
            _add_run(conn, adapter, run, report)
            run = []
            report.outcomes[at] = _write(
                conn, adapter, parsed, names, line, name_shown, raw_cells, update, report, match
            )
    _add_run(conn, adapter, run, report)


def _add_run(conn, adapter, run: list, report: Report) -> None:
    if not run:
        return
    for (at, line, _parsed, _names, name_shown, raw_cells), result in zip(
        run, adapter.add_many(conn, [(p[2], p[3]) for p in run]), strict=True
    ):
        if isinstance(result, PromoError):
            report.outcomes[at] = rejected_row(line, name_shown, result, raw_cells)
        else:
            report.outcomes[at] = Outcome(line, "new", name_shown)
            for w in result:
                if isinstance(w, Note):
                    report.note(w, line)
                else:
                    report.warnings.append(_("line {line}: {warning}").format(line=line, warning=w))


class _AsWritten(SimpleNamespace):
    """A row that could not be parsed, as its cells read (a missing cell reads None): enough for its list's
    keys, as a folded name or a normalised code is the same whether the rest of the row is good or not."""

    def __getattr__(self, name: str):
        return None


def _as_written(adapter, raw: dict) -> _AsWritten | None:
    row = _AsWritten(**raw)
    row.typed = raw
    try:
        adapter.keys(row)
    except (AttributeError, KeyError, TypeError, ValueError):  # a key built from a typed value (a year, an id)
        return None
    return row


def _keys(adapter, row) -> list[tuple[tuple[str, str], tuple]]:
    """The row's keys, each with what a later row that repeats it is told about it (see _remembered)."""
    if row is None:
        return []
    keys = adapter.keys(row)
    mine = _remembered(adapter, row, keys)
    return [(key, mine) for key in keys]


_COMPARED = ("investment_wan", "date", "stage", "jobs", "deadline", "status", "planned", "actual")


def _remembered(adapter, row, keys: list) -> tuple:
    """What a repeat of `row` later in the file is told about it, kept instead of the row (a million rows'
    keys go to disk): its name, its folded names, whether it was read, and the fields a repeat may differ in."""
    try:
        label = adapter.label(row)
    except (AttributeError, KeyError, TypeError):  # a row as written, to a list that names rows as read
        label = None
    names = tuple(k for w, k in keys if w == "folded name")
    return label, names, isinstance(row, _AsWritten), tuple(map(getattr, repeat(row), _COMPARED, repeat(None)))


def _in_file_duplicate(seen: Keys, adapter, line: int, keys: list) -> str | None:
    """Whether this row repeats an earlier row of the file (or conflicts with it), saying how; a rejected row
    (given as written) is checked and remembered too, so its repeats name it whether or not it was good."""
    for (what, key), mine in keys:
        if (what, key) in seen:
            first_line, (label, names, as_written, values) = seen[(what, key)]
            # a name on both rows, and not the same: an earlier row whose name could not be read is no conflict
            if what == "credit code" and names and mine[1] and names != mine[1]:
                return _("conflict: credit code {code} is also on line {line} for {name}").format(
                    code=key, line=first_line, name=label
                )
            if as_written or mine[2]:  # a cell as written and as read
                return _("repeats line {line} (same {key})").format(line=first_line, key=_(what))
            fields = {f.key: f for f in adapter.FIELDS}
            differ = [
                differs_text(fields, k, first, second)
                for k, first, second in zip(_COMPARED, values, mine[3], strict=True)
                if first != second
            ]
            if differ:
                return _("repeats line {line} (same {key}); differs in {fields}").format(
                    line=first_line, key=_(what), fields=", ".join(differ)
                )
            return _("repeats line {line} (same {key})").format(line=first_line, key=_(what))
    if keys:
        remembered = (line, keys[0][1])  # one entry for all the row's keys: it goes to disk once
        for key, _mine in keys:
            seen[key] = remembered
    return None


def _write(
    conn, adapter, parsed, names, line, name_shown, raw_cells, update: bool, report: Report, match=None
) -> Outcome:
    conn.execute("SAVEPOINT import_row")
    try:
        row, why = match or adapter.existing(conn, parsed)
        if row is None:
            warnings = adapter.add(conn, parsed, names)
            outcome = Outcome(line, "new", name_shown)
        else:
            changed = adapter.changes(conn, row, parsed)
            fields = {f.key: f for f in adapter.FIELDS}
            detail = _("; ").join(change_text(fields, k, old, new) for k, old, new in changed)
            matched = _("matches {name} ({why})").format(name=row[adapter.LABEL_COLUMN], why=why)
            warnings = []
            if not changed:
                outcome = Outcome(line, "unchanged", name_shown, matched)
            elif update:
                warnings = adapter.update(conn, row, parsed, changed)
                outcome = Outcome(
                    line, "changed", name_shown, _("{matched}: {changes}").format(matched=matched, changes=detail)
                )
            else:
                outcome = Outcome(
                    line,
                    "kept",
                    name_shown,
                    _("{matched}: {changes} (not applied: use --update)").format(matched=matched, changes=detail),
                )
        report.warnings += [_("line {line}: {warning}").format(line=line, warning=w) for w in warnings]
    except PromoError as exc:
        conn.execute("ROLLBACK TO import_row")
        outcome = rejected_row(line, name_shown, exc, raw_cells)
        outcome.at_write = True
    except BaseException:
        conn.execute("ROLLBACK TO import_row")
        raise
    finally:
        conn.execute("RELEASE import_row")
    return outcome


def refuse(report: Report) -> Rejected:
    """The all-or-nothing refusal: every rejected row by line, and what else the file held."""
    bad = report.rejected
    shown = [o.full for o in bad[:MAX_ERRORS_SHOWN]]
    more = "\n  " + _("… and {count} more").format(count=len(bad) - len(shown)) if len(bad) > len(shown) else ""
    return Rejected(
        _("nothing was imported: {bad} of {total} rows have problems:").format(bad=len(bad), total=len(report.outcomes))
        + "\n  "
        + "\n  ".join(shown)
        + more,
        _(
            "fix those rows and import again, or import the good rows with --skip-invalid (--rejects FILE keeps the "
            "rest)"
        ),
    )
