"""promo ledger: the year's task ledger (任务台账) — targets against what happened, per officer, chain, quarter."""

from __future__ import annotations

import click

from promo.commands.common import catalogue, format_option, not_empty, parse_or_usage, quarter_option
from promo.i18n import N_, _, ngettext


def _year(value) -> int:
    from promo.projects import parse_year
    from promo.text import today

    return parse_or_usage(parse_year, value) if value is not None else int(today()[:4])


@click.group(invoke_without_command=True)
@click.option("--year", metavar="YEAR", help="The ledger's year (default this year).")
@click.option("--by", callback=not_empty, help="Split by owner (officer), chain, quarter, or event (以会招商).")
@click.option("--detail", is_flag=True, help="The projects behind each figure, one row each.")
@click.option(
    "--measure", callback=not_empty, help="With --detail: only this measure: 签约项目 (signed), 到位资金 (arrived) …"
)
@format_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the ledger sheet to FILE.xlsx or .csv.")
@click.option("--force", is_flag=True, help="With -o: replace an existing file.")
@click.pass_context
def ledger(ctx, year, by, detail, measure, fmt, output, force):
    """The year's task ledger: targets against actuals, completion rates, and what is behind plan.

    Actuals come from the catalogue: 签约 from the stage history, 开工 from milestones, 投产 from the
    milestone or the stage, completed investment and arrived capital from the project reports. A figure is
    behind (落后) when it is below the share of its target the elapsed part of the year calls for.

    \b
    Examples:
      promo ledger targets set --year 2026 --signed 20 --signed-investment 50亿
      promo ledger --year 2026
      promo ledger --year 2026 --by owner
      promo ledger --year 2026 --detail --measure signed
      promo ledger --year 2026 --by event
      promo ledger --year 2026 --format csv > 台账.csv
      promo ledger --year 2026 --by owner -o 台账.xlsx
    """
    if ctx.invoked_subcommand:
        return
    from dataclasses import replace

    from promo import ledger as domain
    from promo import views_after_signing as views
    from promo.render import Column, render
    from promo.text import today

    year = _year(year)
    by = parse_or_usage(domain.parse_by, by)
    if output and (detail or by == "event"):
        raise click.UsageError(_("-o writes the ledger sheet; leave out --detail and --by event"))
    if measure and not detail:
        raise click.UsageError(_("--measure selects the rows of --detail: add --detail"))
    measure = parse_or_usage(domain.parse_measure, measure)
    conn = catalogue(ctx)
    if by == "event":
        views.EVENT_YIELD.show(
            domain.event_yield(conn, year),
            fmt,
            title=_("{year}: what each event brought").format(year=year),
            empty=_("no events in {year}; add one with promo events add NAME --date …").format(year=year),
        )
        return
    if detail:
        view = views.LEDGER_DETAIL
        if by:
            # the group stands first; the column it repeats (the owner, or the period of --by quarter) goes from the
            # table, not from CSV or JSON, whose keys stay the same
            repeated = {"owner": "owner", "quarter": "period"}.get(by)
            view = replace(view, columns=tuple(c for c in view.columns if c.key != repeated))
            view = view.with_columns(Column("group_name", views.GROUP_HEADERS[by]), first=True)
        view.show(
            domain.detail(conn, year, by=by, measure=measure),
            fmt,
            title=_("{year} ledger detail").format(year=year),
            empty=_("nothing happened in {year} yet").format(year=year),
        )
        return
    found = domain.ledger(conn, year, by=by)
    if output:
        from promo.io.export import write_report

        n = write_report(domain.ledger_sheet(found, year, by), output, force=force)
        click.echo(_("wrote {path}: {n:,} rows").format(path=output, n=n), err=True)
        return
    for r in found:
        r["rate_text"] = f"{r['rate'] * 100:.0f}%" if r["rate"] is not None else ""
        r["flag"] = _("behind") if r["behind"] else ""
    share = domain.elapsed_share(year)
    from promo.projects import late_count

    late = late_count(conn)
    elapsed = f"{share * 100:.0f}%"
    caption = _("{elapsed} of {year} elapsed on {day}; due by now = target × time elapsed").format(
        elapsed=elapsed, year=year, day=today()
    )
    if by:
        caption = _(
            "done/target, amounts in 亿元; ↓ behind: below the target's share due by now ({elapsed} of {year} on {day})"
        )
        caption = caption.format(elapsed=elapsed, year=year, day=today())
    if late:
        from promo.vocabulary import shown

        late_line = ngettext(
            "{n:,} milestone late: promo overdue --kind {kind}",
            "{n:,} milestones late: promo overdue --kind {kind}",
            late,
        )
        caption += "\n" + late_line.format(n=late, kind=shown("overdue_kind", "milestone"))
    title = _("{year} task ledger").format(year=year)
    if by and fmt not in ("json", "csv"):
        rows, columns = _pivot(found, by)
        render(rows, columns, fmt, title=title, caption=caption)
        return
    views.LEDGER.show(found, fmt, title=title, caption=caption)


def _pivot(found: list[dict], by: str):
    """The ledger as the office's sheet: one row per officer, chain or quarter, one column per measure,
    each cell 完成/目标 with ↓ where it is behind."""
    from promo import ledger as domain
    from promo.measures import trim
    from promo.render import Column
    from promo.views_after_signing import GROUP_HEADERS
    from promo.vocabulary import shown as worded

    def amount(v):
        if v is None:
            return ""
        if 0 < v < 50:  # under 0.005 亿: "0" would say none came, and some did
            return "<0.01"
        return trim(v / 10000)

    groups: dict[str, dict] = {}
    for r in found:
        row = groups.setdefault(r["group_name"], {"group_name": worded("placeholder", r["group_name"])})
        shown = (lambda v: trim(v, 4) if v is not None else "") if r["unit"] == "个" else amount
        cell = shown(r["actual"]) + (f"/{shown(r['target'])}" if r["target"] is not None else "")
        row[r["measure"]] = cell + (" ↓" if r["behind"] else "")
    columns = [Column("group_name", GROUP_HEADERS[by], max_width=16)]
    columns += [Column(m, worded("measure", m), justify="right", no_wrap=True) for m in domain.MEASURES]
    return list(groups.values()), columns


_TARGET_OPTIONS = {
    "signed": ("--signed", N_("Projects to sign (个).")),
    "started": ("--started", N_("Projects to start construction (开工, 个).")),
    "producing": ("--producing", N_("Projects to bring into production (投产, 个).")),
    "investment_signed": ("--signed-investment", N_("Investment to sign, 万元 (50亿, 1,200).")),
    "investment_completed": ("--completed-investment", N_("Investment to complete in the year, 万元.")),
    "arrived": ("--arrived", N_("Capital to arrive (到位资金), 万元.")),
    "foreign": ("--foreign", N_("Foreign capital to arrive (外资), 万元.")),
}


def _target_options(fn):
    for measure, (option, text) in reversed(_TARGET_OPTIONS.items()):
        fn = click.option(option, measure, metavar="VALUE", help=text)(fn)
    return fn


@ledger.group("targets", invoke_without_command=True)
@click.option("--year", metavar="YEAR", help="The year (default this year).")
@format_option
@click.pass_context
def targets(ctx, year, fmt):
    """The year's targets; `promo ledger targets set` sets them.

    \b
    Examples:
      promo ledger targets --year 2026
    """
    if ctx.invoked_subcommand:
        return
    from promo import ledger as domain
    from promo.views_after_signing import TARGETS

    year = _year(year)
    found = domain.targets(catalogue(ctx), year)
    for r in found:
        r["period"] = f"Q{r['quarter']}" if r["quarter"] else _("whole year")
        r["scope_shown"] = {"zone": _("zone"), "owner": _("owner"), "chain": _("chain")}[r["scope"]]
    TARGETS.show(
        found,
        fmt,
        title=_("{year} targets").format(year=year),
        empty=_("no targets for {year}; set them with promo ledger targets set --year {year} --signed …").format(
            year=year
        ),
    )


@targets.command("set")
@click.option("--year", metavar="YEAR", required=True, help="The year the targets are for.")
@click.option("--owner", callback=not_empty, help="Targets of this officer (包保责任人) instead of the zone's.")
@click.option("--chain", callback=not_empty, help="Targets of this industry chain instead of the zone's.")
@click.option(
    "--quarter", metavar="N", callback=quarter_option, help="A quarter's targets (1-4) instead of the year's."
)
@_target_options
@click.pass_context
def set_(ctx, year, owner, chain, quarter, **values):
    """Set targets for a year: the zone's, an officer's or a chain's, for the year or a quarter.

    Counts are whole numbers of projects; amounts are 万元 as people write them (50亿, 1,200万). A target
    given as '' is cleared (that figure has no target any more).

    \b
    Examples:
      promo ledger targets set --year 2026 --signed 20 --started 12 --producing 8 --signed-investment 50亿
      promo ledger targets set --year 2026 --owner 张伟 --signed 5 --arrived 3亿
      promo ledger targets set --year 2026 --quarter 1 --signed 4
      promo ledger targets set --year 2026 --quarter 1 --signed ''
    """
    from promo import ledger as domain
    from promo import vocabulary
    from promo.db import change
    from promo.i18n import language
    from promo.measures import trim
    from promo.text import parse_amount, parse_number

    year = _year(year)
    parsed = {}
    for measure, (option, _text) in _TARGET_OPTIONS.items():
        value = values[measure]
        if value is None:
            continue
        if not str(value).strip():
            parsed[measure] = None  # '' clears, as in `units update`
        elif domain.MEASURES[measure][1] == "count":
            parsed[measure] = parse_or_usage(parse_number, value, option, integer=True, unit_suffixes=("个", "家"))
        else:
            parsed[measure] = parse_or_usage(parse_amount, value, option)
    if not parsed:
        raise click.UsageError(
            _("give at least one target: {options}").format(options=", ".join(o for o, _t in _TARGET_OPTIONS.values()))
        )
    conn = catalogue(ctx)
    scope, value, shown, warnings = domain.resolve_scope(conn, owner, chain)
    period = f"{year}" + (f" Q{quarter}" if quarter else "")
    changed = change(conn, domain.set_targets, year, scope, value, quarter or 0, parsed)["changed"]
    for c in changed:
        label = vocabulary.label("measure", c["measure"], language())
        unit = vocabulary.label("unit_of_measure", domain.UNITS[domain.MEASURES[c["measure"]][1]][0], language())
        old = f"{trim(c['old'], 4)} {unit} → " if c["old"] is not None else ""
        new = f"{trim(c['new'], 4)} {unit}" if c["new"] is not None else _("cleared")
        if c["old"] == c["new"]:  # set again as it was: nothing is written or journaled
            old, new = "", _("{value} (unchanged)").format(value=new)
        click.echo(
            _("{period} {whom} {measure}: {value}").format(period=period, whom=shown, measure=label, value=old + new)
        )
    for w in warnings:
        click.echo(_("warning: {problem}").format(problem=w), err=True)
