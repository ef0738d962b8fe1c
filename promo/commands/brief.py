"""promo brief: the promotion material (招商推介材料) an officer sends out: Markdown, chat text, Word or HTML."""

from __future__ import annotations

import click

from promo.commands.common import Words, catalogue, parse_or_usage, reject_empty
from promo.i18n import N_, _, ngettext


def _given(ctx: click.Context, param: click.Parameter, value):
    """An option given as '' (or spaces) is a usage error: it must not quietly mean 'the whole zone' or 'stdout'."""
    hint = {
        "output": N_("give a file name, or leave -o out to print the brief"),
        "charts": N_("give a folder for the chart images, or leave --charts out"),
        "date": N_("give a date, or leave --date out for today"),
    }.get(param.name, N_("give a name or code"))
    return reject_empty(param, value, _(hint))


@click.command()
@click.option("--industry", callback=_given, help="A brief on one industry, chain or chain link (name or code).")
@click.option(
    "--carrier",
    callback=_given,
    help="A brief on one carrier: its units, facilities and tenants (name, part of it, or code).",
)
@click.option(
    "--for",
    "prospect",
    metavar="ENTERPRISE",
    callback=_given,
    help="A proposal sent to one prospect, addressed to it by its own name: needs, units, policies.",
)
@click.option(
    "--about",
    metavar="ENTERPRISE",
    callback=_given,
    help="The same on a prospect, for third parties: a lead before 签约 is named only by its code name.",
)
@click.option(
    "--lang",
    type=Words("language"),
    default="zh",
    show_default=True,
    help="Chinese, or English (names keep their Chinese form beside the English one).",
)
@click.option(
    "--audience",
    type=Words("audience"),
    default="public",
    show_default=True,
    help="public: safe to send out; internal: adds contacts, owners, notes, pipeline figures and leads.",
)
@click.option(
    "--format",
    "fmt",
    type=Words("brief_format"),
    help="markdown (default, or what -o's extension names); wechat for pasting into a chat; docx for "
    "Word/WPS; html for e-mail and printing. docx and html include charts.",
)
@click.option(
    "--charts",
    "charts_dir",
    metavar="DIR",
    callback=_given,
    help="Markdown: draw the charts as PNG files in DIR and link them from the brief.",
)
@click.option("--no-charts", is_flag=True, help="docx/html: leave the charts out (no plotting library needed).")
@click.option(
    "--date",
    metavar="DATE",
    callback=_given,
    help="Date of the brief (default today): what is ready by then, and what it can know (see above).",
)
@click.option(
    "-o", "--output", metavar="FILE", callback=_given, help="Write to FILE instead of standard output ('-': stdout)."
)
@click.option("--force", is_flag=True, help="With -o: replace FILE if it exists.")
@click.option(
    "--publish-counts",
    is_flag=True,
    help="Add how many projects reached 开工, 竣工, 投产 and 达效 (counts only: no names, amounts or contacts).",
)
@click.pass_context
def brief(
    ctx,
    industry,
    carrier,
    prospect,
    about,
    lang,
    audience,
    fmt,
    charts_dir,
    no_charts,
    date,
    output,
    force,
    publish_counts,
):
    """Write a promotion brief for the zone, one industry, one carrier or one prospect.

    The same catalogue and --date always give the same text. A public brief never shows personal
    contacts, owners, notes, or the names and amounts of enterprises before 签约; sample data is
    marked ※. Nothing after signing is in it unless --publish-counts asks for the counts of projects
    per milestone (开工, 竣工, 投产, 达效), and then only those counts.

    A brief describes the zone on its --date: units ready by then show as ready; figures of later
    years, policies not yet in force (or expired) and enterprises' progress after that day are left
    out; an enterprise counts at the stage its history records for that day (one with no stage date,
    as it is now). A brief dated before today says so at its top: descriptions, carriers, platforms
    and units cannot be dated, so they are shown as recorded now.

    \b
    Examples:
      promo brief
      promo brief --industry 高端医疗器械 --lang en
      promo brief --carrier 精准医学产业园 --format wechat
      promo brief -o brief.docx
      promo brief --lang en -o brief-en.html
      promo brief --for 示例医学影像设备 -o proposal.docx
      promo brief --about 示例医学影像设备 --audience internal -o about.md
      promo brief -o brief.md --charts charts
      promo brief --lang en --date 2026-12-01 -o brief-en.md --force
      promo brief --publish-counts
    """
    from promo.brief import Request, make_brief
    from promo.brief.output import check_target, output_format, write_file
    from promo.terminal import printable
    from promo.text import parse_date, today

    fmt = output_format(output, fmt.lower() if fmt else None)
    if charts_dir is not None and fmt != "markdown":
        if fmt == "wechat":
            why = _("{dir}: only a Markdown brief links chart files; --format {format} has no pictures")
        else:
            why = _("{dir}: only a Markdown brief links chart files; --format {format} embeds its charts")
        raise click.BadParameter(why.format(dir=charts_dir, format=fmt), param_hint="'--charts'")
    if charts_dir is not None and no_charts:
        raise click.BadParameter(
            _("{dir}: cannot be combined with --no-charts").format(dir=charts_dir), param_hint="'--charts'"
        )
    if fmt == "docx" and output in (None, "-") and _terminal():
        raise click.UsageError(_("a docx brief is a file: give -o FILE.docx (or redirect the output to a file)"))
    req = Request(
        date=parse_or_usage(parse_date, date, "--date") or today(),
        lang=lang.lower(),
        audience=audience.lower(),
        fmt=fmt,
        industry=industry,
        carrier=carrier,
        prospect=prospect,
        about=about,
        charts=(fmt in ("docx", "html") and not no_charts) or charts_dir is not None,
        publish_counts=publish_counts,
    )
    req.check()
    if output is not None:
        check_target(output, force=force)  # refuse before the work, not after it
    links = _chart_paths(charts_dir, output, force) if charts_dir is not None else None
    made = make_brief(catalogue(ctx), req, chart_links=links and {name: link for name, (link, _) in links.items()})
    if links:
        for link, path in links.values():
            if link in made.images:
                write_file(path, made.images[link], force=force)
                click.echo(_("wrote {path}").format(path=printable(str(path))), err=True)
    content = made.content
    if output is not None and output != "-":
        path = write_file(output, content, force=force)
        if fmt in ("docx", "html"):  # a page of HTML or a zip of XML: lines mean nothing to the reader
            size = ngettext("{sections} sections, {n} chart", "{sections} sections, {n} charts", made.charts)
            size = size.format(sections=made.sections, n=made.charts)
        else:
            lines = len(content.splitlines())
            size = ngettext("{n} line", "{n} lines", lines).format(n=lines)
        click.echo(_("wrote {path} ({size})").format(path=printable(str(path)), size=size), err=True)
    elif isinstance(content, bytes):
        import sys

        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        click.echo(content, nl=False)


CHART_NAMES = ("occupancy", "industries", "quarters", "funnel")


def _chart_paths(folder: str, output: str | None, force: bool) -> dict[str, tuple[str, str]]:
    """Chart name → (link from the brief, file path): DIR/<brief's name>-<chart>.png, checked before any work."""
    import os
    from pathlib import Path

    from promo.brief.output import check_target

    target = Path(folder)
    if not target.is_dir():
        raise click.BadParameter(
            _("{dir}: no such folder; create it first").format(dir=folder), param_hint="'--charts'"
        )
    prefix = Path(output).stem + "-" if output else ""
    start = Path(output).parent if output else Path(".")
    out = {}
    for name in CHART_NAMES:
        path = target / f"{prefix}{name}.png"
        check_target(path, force=force)
        out[name] = (Path(os.path.relpath(path, start)).as_posix(), str(path))
    return out


def _terminal() -> bool:
    import sys

    return sys.stdout.isatty()
