"""promo enterprises milestone / report: a project's life after signing, its investment and 亩均 figures."""

from __future__ import annotations

import click

from promo.commands.common import catalogue, format_option, named, parse_or_usage, quarter_option, say
from promo.i18n import N_, _


@click.command("milestone")
@click.argument("name", callback=named)
@click.argument("milestone", required=False)
@click.option("--date", metavar="DATE", help="When it happened (not before signing, not in the future); '' clears it.")
@click.option(
    "--planned", metavar="DATE", help="When it is planned; `promo overdue` lists it once it passes; '' clears it."
)
@click.option("--note", help="A remark kept with the milestone.")
@format_option
@click.pass_context
def milestone(ctx, name, milestone, date, planned, note, fmt):
    """A project's milestones 开工 竣工 投产 达效: record one, or list all four with plan and actual.

    Dates run in that order and not before the signing; 投产 and 达效 also move the enterprise to that
    stage. A rented project with no construction may skip 开工 and 竣工. A date given as '' is cleared (the stage
    a milestone moved stays where it is); a milestone left with no date is removed.

    \b
    Examples:
      promo enterprises milestone 晨生医疗 开工 --planned 2026-03-01
      promo enterprises milestone 晨生医疗 开工 --date 2026-03-10
      promo enterprises milestone 晨生医疗 竣工 --planned ''
      promo enterprises milestone 晨生医疗
    """
    from promo import projects
    from promo.text import parse_date

    conn = catalogue(ctx)
    if milestone is None:
        if date is not None or planned is not None or note is not None:
            raise click.UsageError(_("name the MILESTONE to date: 开工, 竣工, 投产 or 达效"))
        _show_milestones(projects.milestones(conn, name), fmt)
        return
    from promo.db import change

    milestone = parse_or_usage(projects.parse_milestone, milestone, "MILESTONE")
    # '' (or blanks) is the clearing value, as in `units update`; anything else must be a date
    date = "" if date is not None and not date.strip() else parse_or_usage(parse_date, date, "--date")
    if planned is not None and not planned.strip():
        planned = ""
    else:
        planned = parse_or_usage(parse_date, planned, "--planned", meaning="by")
    from promo.enterprise_fields import parse_text

    note = parse_or_usage(parse_text, note, "--note", max_len=500) or None
    r = change(conn, projects.set_milestone, name, milestone, date=date, planned=planned, note=note)
    if not r["changed"]:
        say(_("{milestone} of {name}: already recorded so; nothing changed").format(**r))
        return
    said = [f"{r['milestone']} {r['name']}"]
    if r["date"]:
        said.append(_("on {date}").format(date=r["date"]))
    if r["planned"]:
        said.append(_("planned {date}").format(date=r["planned"]))
    said += [_("cleared {option}").format(option=option) for option in r["cleared"]]
    say(" ".join(said))
    if r["moved"]:
        click.echo(
            _("moved {name} from {old} to {new} on {date}").format(
                name=r["name"], old=r["moved"]["from"], new=r["moved"]["to"], date=r["moved"]["date"]
            )
        )
        for w in r["moved"]["warnings"]:
            click.echo(_("warning: {w}").format(w=w), err=True)
    if r["redated"]:
        click.echo(
            _("{name} entered {stage} on {new} (was {old}) in its stage history").format(
                name=r["name"], stage=r["redated"]["stage"], new=r["redated"]["to"], old=r["redated"]["from"]
            )
        )


def _show_milestones(d: dict, fmt: str) -> None:
    from promo.views_after_signing import MILESTONES

    title = _("Milestones of {name} (signed {date})").format(name=d["enterprise"]["name"], date=d["signed"] or "?")
    MILESTONES.show(d["milestones"], fmt, title=title)


_FIGURES = {
    "completed_investment": ("--completed-investment", N_("Investment completed to date (累计完成投资), 万元.")),
    "arrived": ("--arrived", N_("Capital arrived in the period (到位资金), 万元.")),
    "jobs_created": ("--jobs-created", N_("Jobs created to date.")),
    "output": ("--output", N_("Output (产值) of the year, 万元.")),
    "tax": ("--tax", N_("Tax paid in the year, 万元.")),
    "land_mu": ("--land-mu", N_("Land the project uses, 亩 (for 亩均).")),
    "floor_m2": ("--floor-area", N_("Floor area it uses, ㎡ (default: the units it leases).")),
}


def _figure_options(fn):
    for key, (option, text) in reversed(_FIGURES.items()):
        fn = click.option(option, key, metavar="VALUE", help=text)(fn)
    return fn


@click.command("report")
@click.argument("name", callback=named)
@click.option("--year", metavar="YEAR", help="The year reported (2026); without figures, list that year only.")
@click.option(
    "--quarter", metavar="N", callback=quarter_option, help="A quarter of the year (1-4) instead of the whole year."
)
@_figure_options
@click.option("--over-plan", is_flag=True, help="Accept completed investment above the planned total.")
@format_option
@click.pass_context
def report(ctx, name, year, quarter, over_plan, fmt, **figures):
    """A project's figures by year or quarter: investment completed, capital arrived, jobs, output, tax, 亩均.

    Amounts in 万元 as people write them (1,200 / 1200万 / 1.2亿). The planned total is the enterprise's
    --investment; completed investment above it needs --over-plan. 亩均 figures divide the year's output
    and tax by the land (万元/亩) or the floor area (元/㎡). Without figures, lists the reports.

    \b
    Examples:
      promo enterprises report 晨生医疗 --year 2026 --completed-investment 8000 --arrived 0.5亿
      promo enterprises report 晨生医疗 --year 2026 --output 1.2亿 --tax 800 --land-mu 40
      promo enterprises report 晨生医疗
    """
    from promo import projects
    from promo.text import parse_number, parse_project_amount

    parsed = {}
    for key, (option, _text) in _FIGURES.items():
        kind = projects.REPORT_FIELDS[key][2]
        value = figures[key]
        if value is not None and not str(value).strip():
            raise click.BadParameter(_("is empty; give a figure or leave the option out"), param_hint=f"'{option}'")
        if kind == "amount":
            parsed[key] = parse_or_usage(parse_project_amount, value, option)
        elif kind == "int":
            parsed[key] = parse_or_usage(parse_number, value, option, integer=True, unit_suffixes=("人",))
        else:
            parsed[key] = parse_or_usage(
                parse_number, value, option, minimum=0.0001, unit_suffixes=("亩", "㎡", "平方米", "平米", "m2")
            )
    year = parse_or_usage(projects.parse_year, year) if year is not None else None
    conn = catalogue(ctx)
    if all(v is None for v in parsed.values()):
        if quarter or over_plan:
            raise click.UsageError(_("--quarter and --over-plan go with figures to record"))
        _show_reports(projects.reports(conn, name, year=year), fmt)
        return
    if year is None:
        raise click.UsageError(_("give the --year the figures are for"))
    from promo.db import change

    r = change(conn, projects.record_report, name, year, quarter or 0, parsed, over_plan=over_plan)
    period = f"{r['year']}" + (f" Q{r['quarter']}" if r["quarter"] else "")
    from promo.field_labels import label

    figures = _(", ").join(label(projects.REPORT_FIELDS[k][0]) for k in r["set"])
    click.echo(_("reported {name} {period}: {figures}").format(name=r["name"], period=period, figures=figures))
    for w in r["warnings"]:
        click.echo(_("warning: {w}").format(w=w), err=True)


def _show_reports(found: list[dict], fmt: str) -> None:
    from promo.measures import trim
    from promo.views_after_signing import REPORTS, REPORTS_CAPTION

    names = {r["name"] for r in found}
    one = len(names) == 1
    view = REPORTS.hide("name") if one else REPORTS  # one enterprise: its name is in the title
    title = None
    if one:
        planned = found[0]["planned_investment_wan"]
        name = next(iter(names))
        title = _("Project reports: {name}").format(name=name)
        if planned:
            title = _("Project reports: {name} (planned investment {amount} 万元)").format(
                name=name, amount=trim(planned, 4)
            )
    view.show(found, fmt, prepare=_periods, caption=_(REPORTS_CAPTION), title=title)


def _periods(found: list[dict]) -> None:
    for r in found:
        r["period"] = f"{r['year']}" + (f" Q{r['quarter']}" if r["quarter"] else "")
