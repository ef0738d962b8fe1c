"""`promo import`: a file's sheets to lists, one transaction and journal entry, dry run, all or nothing or
--skip-invalid with a rejects file."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager

from promo.errors import BadValue, Rejected
from promo.i18n import N_, _
from promo.summary import note as journal_note


def _table(sheet, adapter, maps: tuple):
    """(adapter, table) for `sheet`: the list's layout whose headers the sheet matches best (milestones come
    one row per project or one row per milestone); the first layout's refusal when none matches."""
    from promo.io.headers import find_table, parse_map
    from promo.io.lists import layouts

    found, first_error = [], None
    for a in layouts(adapter):
        try:
            mapping, continued_by = parse_map(maps, a.FIELDS), getattr(a, "CONTINUED_BY", None)
            found.append((a, find_table(sheet, a.FIELDS, mapping, what=_list_name(a), continued_by=continued_by)))
        except BadValue as exc:
            first_error = first_error or exc
    if not found:
        raise first_error
    return max(found, key=lambda f: len(f[1].columns))  # the first layout on a tie


def _pick_sheet(sheets, adapter, maps: tuple, sheet_name: str | None, path=None):
    """The sheet to import: the one --sheet names (even one hidden in Excel), else the list's own sheet or the
    first visible sheet whose header fits. Hidden sheets (drop-down lists, old versions) are not read unasked."""
    from promo.text import fold

    if sheet_name:
        chosen = [s for s in sheets if fold(s.name) == fold(sheet_name)]
        if not chosen:
            names = [_("{sheet} (hidden)").format(sheet=s.name) if s.hidden else s.name for s in sheets]
            raise BadValue(
                "--sheet", sheet_name, _("no such sheet; the file has: {sheets}").format(sheets=", ".join(names))
            )
        if chosen[0].hidden:
            chosen[0].notes.append(
                _("the sheet {sheet} is hidden in Excel; read as --sheet asked").format(sheet=chosen[0].name)
            )
        return (chosen[0], *_table(chosen[0], adapter, maps))
    first_error = None
    visible = [s for s in sheets if not s.hidden]
    # a workbook of several lists (promo's export): the sheet named after the list, before the first that fits
    named = [s for s in visible if fold(s.name) in (fold(adapter.ZH), fold(adapter.EN))]
    ordered = [*named, *(s for s in visible if s not in named)]
    for i, s in enumerate(ordered):
        if not s.head:
            continue
        try:
            chosen = (s, *_table(s, adapter, maps))
        except BadValue as exc:
            first_error = first_error or exc
            continue
        if not named:  # a workbook of promo's, one sheet a list, says by its names which sheet is which
            _note_other_sheets(s, ordered[i + 1 :], adapter, maps)
        return chosen
    where = str(path) if path is not None else sheets[0].name if sheets else ""
    hidden = [s.name for s in sheets if s.hidden and s.head]
    if hidden:
        raise BadValue(
            "FILE",
            where,
            _("has no visible sheet with the list's columns; sheets hidden in Excel hold data: {sheets}").format(
                sheets=", ".join(hidden)
            ),
            _("unhide the sheet in Excel, or name it: --sheet {sheet}").format(sheet=hidden[0]),
        )
    if first_error:
        raise first_error
    if sheets and sheets[0].kind != "xlsx":
        raise BadValue("FILE", where, _("holds no data: every line is empty"))
    raise BadValue("FILE", where, _("has no sheet with data"))


def _note_other_sheets(chosen, others, adapter, maps: tuple) -> None:
    """Say which sheet was read when later sheets have the list's columns too (a workbook of one sheet a
    year): the office may have meant another."""
    fits = []
    for s in others:
        if not s.head:
            continue
        try:
            _table(s, adapter, maps)
        except BadValue:
            continue
        fits.append(s.name)
    if fits:
        chosen.notes.append(
            _("read the sheet {sheet}; {others} have the list's columns too (--sheet NAME reads another)").format(
                sheet=chosen.name, others=", ".join(fits)
            )
        )


def _plan(sheets, list_name: str, maps: tuple, sheet_name: str | None, path=None) -> list[tuple]:
    """(adapter, sheet, table) for each list to import, in dependency order."""
    from promo.io.lists import adapter, all_adapters
    from promo.text import fold

    if fold(list_name) not in ("all", "全部"):
        sheet, a, table = _pick_sheet(sheets, adapter(list_name), maps, sheet_name, path)
        return [(a, sheet, table)]
    if maps:
        raise BadValue("--map", maps[0], _("applies to one list; import the lists one by one to map columns"))
    if sheet_name:
        raise BadValue(
            "--sheet", sheet_name, _("import all reads every sheet named after a list; name the list instead")
        )
    plan = []
    for a in all_adapters():
        for s in sheets:
            if fold(s.name) in (fold(a.ZH), fold(a.EN)) and s.head and not s.hidden:
                chosen, table = _table(s, a, ())
                plan.append((chosen, s, table))
    if not plan:
        raise BadValue(
            "FILE",
            sheets[0].name if sheets else "",
            _("has no sheet named after a list ({lists})").format(
                lists=", ".join(f"{a.ZH}/{a.EN}" for a in all_adapters())
            ),
            _("name the list to import one sheet: promo import enterprises FILE --sheet NAME"),
        )
    return plan


def import_file(
    conn: sqlite3.Connection,
    list_name,
    path,
    *,
    sheet=None,
    maps=(),
    skip_invalid=False,
    rejects=None,
    update=False,
    dry_run=False,
    options=None,
    progress=None,
    force=False,
) -> list:
    """Import `path` into a list (or every list, `all`); returns one Report per list imported."""
    from promo.db import change
    from promo.io import importer
    from promo.io.read import open_sheets

    if rejects:
        _check_writable(rejects, path, force)  # before the import: a rejects file refused is known now
    reports = []
    with open_sheets(path) as sheets:  # rows are read as they are imported, a thousand at a time
        plan = _plan(sheets, list_name, tuple(maps or ()), sheet, path)
        if rejects:
            from promo.io.rejects import check_format

            check_format(rejects, plan[0][1].kind)

        def run_all(conn: sqlite3.Connection) -> dict:
            # stage entries past this one are the import's own (a 阶段记录 sheet completes them: promo.io.lists
            # .stage_history)
            (last_entry,) = conn.execute("SELECT coalesce(max(id), 0) FROM stage_history").fetchone()
            for a, s, table in plan:
                bar, tick = progress(s.size_hint or 0, a.EN) if progress else (None, None)
                try:
                    kwargs = {"update": update, "options": {**(options or {}), "last_entry": last_entry}}
                    kwargs["progress"] = tick
                    if hasattr(a, "import_table"):  # a layout with its own way through the rows
                        reports.append(a.import_table(conn, table, **kwargs))
                    else:
                        reports.append(importer.run(conn, a, table, **kwargs))
                finally:
                    if bar:
                        bar.stop()
            rejected = [r for r in reports if r.rejected]
            if rejected and not skip_invalid:
                refusal = importer.refuse(rejected[0] if len(rejected) == 1 else _merged(rejected))
                refusal.reports = reports  # the command still shows every row's outcome, notes and warnings
                raise refusal
            added = sum(r.count("new") for r in reports)
            changed = sum(r.count("changed") for r in reports)
            what = [{"zh": a.ZH, "en": a.EN} for a, _sheet, _table in plan]  # worded in the reader's language
            return {
                "summary": journal_note(
                    N_("import {added:,} new, {changed:,} changed ({lists}) from {path}"),
                    added=added,
                    changed=changed,
                    lists=what,
                    path=str(path),
                )
            }

        with _page_cache(conn):
            if dry_run:
                _dry_run(conn, lambda: run_all(conn), path)
            else:
                change(conn, run_all)  # one transaction, one journal entry, one `promo undo`
    if rejects and any(r.rejected for r in reports):
        from promo.io.rejects import write_rejects

        write_rejects(rejects, [(s, t, r) for (a, s, t), r in zip(plan, reports, strict=True)], force=force)
    return reports


IMPORT_CACHE_KIB = 65536


@contextmanager
def _page_cache(conn: sqlite3.Connection):
    """A larger page cache while an import writes: new rows land all over the credit-code, name and search
    indexes, and past SQLite's default 2 MiB each page is read again (7% of a 100,000-row import's CPU)."""
    before = conn.execute("PRAGMA cache_size").fetchone()[0]
    if -before >= IMPORT_CACHE_KIB or before * 4 >= IMPORT_CACHE_KIB:  # already as large (KiB, or 4 KiB pages)
        yield
        return
    conn.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(before)}")


def _merged(reports):
    """Several lists' refusal as one report: every row's outcome, each rejected one saying its sheet, in an
    outcomes store as each list's own are (past a few thousand rows on disk: memory stays flat)."""
    from dataclasses import replace

    from promo.io.importer import Report
    from promo.io.lists import shown
    from promo.io.outcomes import Outcomes

    out = Report("+".join(r.list_name for r in reports), outcomes=Outcomes())
    for r in reports:  # each problem says its sheet: line 3 of one sheet is not line 3 of the next
        for o in r.outcomes:
            out.outcomes.append(replace(o, full=f"{shown(r.list_name)}: {o.full}"))
            out.outcomes.settle()
    return out


def _dry_run(conn: sqlite3.Connection, run_all, path) -> None:
    from promo.journal import is_read_only

    conn.execute("BEGIN")  # every row is tried, then everything is rolled back
    try:
        run_all()
    except sqlite3.OperationalError as exc:
        if not is_read_only(exc):
            raise
        raise Rejected(
            _(
                "the catalogue is read-only: a dry run tries each row in a transaction it then rolls back, and "
                "cannot here"
            ),
            _(
                "run the dry run on a writable copy: cp catalogue.db /tmp/check.db; promo --db /tmp/check.db import "
                "… {path} --dry-run"
            ).format(path=path),
        ) from None
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def _check_writable(path, source, force: bool) -> None:
    """The rejects file as every -o is checked (an existing file only with --force), and never the file read:
    `import x 退回.xlsx --skip-invalid --rejects 退回.xlsx`, an office's natural retry, would destroy it."""
    from promo import files

    if str(path) == files.STDOUT:
        raise BadValue("--rejects", str(path), _("give a file name: standard output carries the import report"))
    files.check_output(path, force=force, what=N_("the rejected rows"), option="--rejects", reading=source)


def _list_name(adapter) -> str:
    """A list as the user's language names it: 企业清单's sheet is 企业 in Chinese, enterprises in English."""
    from promo.i18n import language

    return adapter.ZH if language() == "zh" else adapter.EN
