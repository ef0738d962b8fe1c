"""promo import / export / template: every list in and out of Excel workbooks, CSV and JSON."""

from __future__ import annotations

import click

from promo.commands.common import Words, catalogue, format_option, not_empty
from promo.i18n import _

PROGRESS_FROM = 2000


def _progress(total: int, what: str):
    """A progress bar on a terminal for long runs; a no-op callback (or None) otherwise."""
    import sys

    if total < PROGRESS_FROM or not sys.stderr.isatty():
        return None, None
    from rich.progress import Progress

    from promo.render import console

    bar = Progress(transient=True, console=console(stderr=True))
    task = bar.add_task(what, total=total)
    bar.start()
    return bar, lambda n: bar.update(task, completed=n)


@click.command("import")
@click.argument("list_name", metavar="LIST")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--sheet", callback=not_empty, help="The sheet to read (default: the first with a known header).")
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="列名=field|FILE",
    help="Read a column as a field; '-' ignores it. Repeatable.",
)
@click.option(
    "--skip-invalid", is_flag=True, help="Import the good rows; report (and with --rejects, write out) the rest."
)
@click.option(
    "--rejects",
    type=click.Path(dir_okay=False),
    help="With --skip-invalid: write rejected rows here, unchanged, with a 原因 column.",
)
@click.option("--force", is_flag=True, help="With --rejects: replace FILE if it exists.")
@click.option(
    "--update", is_flag=True, help="Apply changes to records already in the catalogue (else reported, not applied)."
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Show what each row would do (new, unchanged, changed, rejected); the catalogue is not changed "
    "(a --rejects file is still written, to fix first).",
)
@click.option("--owner", callback=not_empty, help="Enterprises: owner for rows that name none.")
@click.option(
    "--accept-bad-check", is_flag=True, help="Enterprises: store credit codes with a wrong check character, flagged ⚠."
)
@click.option(
    "--over-plan", is_flag=True, help="Reports: accept completed investment above the project's planned total."
)
@format_option
@click.pass_context
def import_(
    ctx,
    list_name,
    file,
    sheet,
    maps,
    skip_invalid,
    rejects,
    force,
    update,
    dry_run,
    owner,
    accept_bad_check,
    over_plan,
    fmt,
):
    """Import a list (enterprises, milestones, services … or all) from .xlsx, CSV or JSON; one undoable step.

    All or nothing unless --skip-invalid. Headers are matched through a wide alias table (公司名称, 所属行业,
    签约日期, 投资额(万元), 联系电话 …); title rows, two-level headers, 序号, 合计 and note rows, hidden rows
    and columns are handled. CSV may be UTF-8 (with or without BOM), GB18030/GBK or UTF-16.

    \b
    Examples:
      promo import enterprises 签约项目.xlsx --dry-run
      promo import enterprises leads.csv --skip-invalid --rejects 退回.csv
      promo import enterprises 台账.xlsx --sheet 2026年 --map 企业联系人=contact --update
      promo import all promo-export.xlsx
    """
    from promo.errors import Rejected
    from promo.io import session

    if rejects and not skip_invalid:
        raise click.BadParameter(_("rejected rows are only written with --skip-invalid"), param_hint="'--rejects'")
    from promo.terminal import check_text

    owner = check_text(owner, "--owner")  # stored on every row that names none: checked as a row's own owner is
    options = {"owner": owner, "accept_bad_check": accept_bad_check, "over_plan": over_plan}
    try:
        reports = session.import_file(
            catalogue(ctx),
            list_name,
            file,
            sheet=sheet,
            maps=maps,
            skip_invalid=skip_invalid,
            rejects=rejects,
            update=update,
            dry_run=dry_run,
            options=options,
            progress=_progress,
            force=force,
        )
    except Rejected as exc:
        if getattr(exc, "reports", None):
            _show(exc.reports, fmt, dry_run=True, file=file, rejects=None, refused=True)
        raise
    _show(reports, fmt, dry_run=dry_run, file=file, rejects=rejects)


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--owner", callback=not_empty, help="Owner for rows that name none.")
@click.option("--accept-bad-check", is_flag=True, help="Store credit codes with a wrong check character, flagged ⚠.")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Check every row and report; the catalogue is not changed (a --rejects file is still written).",
)
@click.option("--skip-invalid", is_flag=True, help="Import the good rows; report the rest.")
@click.option("--rejects", type=click.Path(dir_okay=False), help="With --skip-invalid: rejected rows here, with 原因.")
@click.option("--force", is_flag=True, help="With --rejects: replace FILE if it exists.")
@click.option("--update", is_flag=True, help="Apply changes to enterprises already in the catalogue.")
@click.option("--sheet", callback=not_empty, help="The workbook sheet to read.")
@click.option("--map", "maps", multiple=True, metavar="列名=field|FILE", help="Read a column as a field.")
@format_option
@click.pass_context
def enterprises_import(ctx, file, **options):
    """Import enterprises from .xlsx, CSV or JSON, all or nothing, as one undoable step: `promo import enterprises`.

    Headers may be English (name, uscc, industry, stage, date, investment, jobs, source, country, owner,
    unit, carrier, contact, phone, note, code_name) or Chinese (企业名称, 统一社会信用代码, 阶段, 投资额(万元),
    包保责任人 …). Enterprises already in the catalogue are matched and reported; --update applies changes.

    \b
    Examples:
      promo enterprises import 线索.xlsx --owner 张伟 --dry-run
      promo enterprises import leads.csv --owner 张伟
    """
    ctx.invoke(import_, list_name="enterprises", file=file, **options)


def _show(reports, fmt: str, *, dry_run: bool, file: str, rejects: str | None, refused: bool = False) -> None:
    from pathlib import Path

    from promo.io.lists import shown
    from promo.io.report import LIST_COLUMN, REPORT, STATUS_LABELS
    from promo.render import peeked

    for r in reports:
        for note in r.notes:
            click.echo(_("note: {list_name}: {note}").format(list_name=shown(r.list_name), note=note), err=True)
        for w in r.warnings:
            click.echo(_("warning: {w}").format(w=w), err=True)
    # one row at a time from the outcomes' store: JSON and CSV stream, a table spills to a temporary file, so a
    # million-row --dry-run holds no list of every row
    lists = {r.list_name: shown(r.list_name) for r in reports}  # 企业 for enterprises on a Chinese screen
    rows = (
        {
            "list": r.list_name,
            "list_shown": lists[r.list_name],
            "line": o.line,
            "status": o.status,
            "result": STATUS_LABELS[o.status],
            "name": o.name,
            "detail": o.detail,
        }
        for r in reports
        for o in r.outcomes
        if dry_run or fmt != "table" or o.status in ("changed", "kept", "rejected")
    )
    view = REPORT.with_columns(LIST_COLUMN, first=True) if len(reports) > 1 else REPORT
    rows = peeked(rows)
    if rows is not None:
        view.show(rows, fmt, title=_("Import {file}").format(file=Path(file).name))
    if refused:
        return
    if dry_run:
        outcome = _("{list_name}: would import {new:,} of {n:,} rows ({counts})")
    else:
        outcome = _("{list_name}: imported {new:,} of {n:,} rows ({counts})")
    for r in reports:
        counts = _(", ").join(f"{r.count(s):,} {label}" for s, label in STATUS_LABELS.items() if r.count(s))
        # the outcome on stdout after a table; beside machine-readable output, on stderr
        click.echo(
            outcome.format(
                list_name=shown(r.list_name), new=r.count("new"), n=len(r.outcomes), counts=counts or _("no rows")
            ),
            err=fmt != "table",
        )
    if rejects and any(r.rejected for r in reports):
        click.echo(_("rejected rows written to {rejects}, each with its 原因").format(rejects=rejects), err=True)


@click.command("export")
@click.argument("lists", nargs=-1, metavar="[LIST]...")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="FILE.xlsx (one sheet per list), FILE.csv (one list), or - for CSV on standard output.",
)
@click.option("--lang", type=Words("language"), default="zh", show_default=True, help="Header language.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.pass_context
def export(ctx, lists, output, lang, force):
    """Export lists (all by default) to an Excel workbook or a CSV that `promo import` reads back exactly.

    \b
    Examples:
      promo export -o 清单.xlsx
      promo export enterprises -o 企业.csv
      promo export targets scenarios -o lists.xlsx --lang en
    """
    from promo.io import export as out
    from promo.io.lists import adapter, all_adapters
    from promo.io.lists import shown as list_shown

    chosen = [adapter(n) for n in dict.fromkeys(lists)] if lists and list(lists) != ["all"] else all_adapters()
    warnings: list[str] = []
    counts = out.export(catalogue(ctx), chosen, output, lang=lang, force=force, progress=_progress, warnings=warnings)
    for w in warnings:
        click.echo(_("warning: {w}").format(w=w), err=True)
    shown = _("standard output") if output == "-" else output
    lists = ", ".join(_("{list} {n:,} rows").format(list=list_shown(k), n=v) for k, v in counts.items())
    click.echo(_("wrote {path}: {lists}").format(path=shown, lists=lists), err=True)


@click.command("template")
@click.argument("list_name", metavar="LIST")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="FILE.xlsx to write.")
@click.option("--lang", type=Words("language"), default="zh", show_default=True, help="Header language.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def template(list_name, output, lang, force):
    """Write an empty workbook for a list: headers, one marked example row, drop-downs and a notes sheet.

    \b
    Examples:
      promo template enterprises -o 企业模板.xlsx
    """
    from promo.io.lists import adapter
    from promo.io.template import template as write

    write(adapter(list_name), output, lang=lang, force=force)
    click.echo(_("wrote {output}").format(output=output), err=True)
