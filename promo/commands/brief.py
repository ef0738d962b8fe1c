"""promo brief: the promotion material (招商推介材料) an officer sends out, as Markdown or chat text."""

from __future__ import annotations

import click

from promo.commands.common import catalogue, parse_or_usage, reject_empty


def _given(ctx: click.Context, param: click.Parameter, value):
    """An option given as '' (or spaces) is a usage error: it must not quietly mean 'the whole zone' or 'stdout'."""
    what = {
        "output": "a file name, or leave -o out to print the brief",
        "date": "a date, or leave --date out for today",
    }.get(param.name, "a name or code")
    return reject_empty(param, value, f"give {what}")


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
    help="A brief tailored to one prospect: needs, units, policies.",
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"], case_sensitive=False),
    default="zh",
    show_default=True,
    help="Chinese, or English (names keep their Chinese form beside the English one).",
)
@click.option(
    "--audience",
    type=click.Choice(["public", "internal"], case_sensitive=False),
    default="public",
    show_default=True,
    help="public: safe to send out; internal: adds contacts, owners, notes, pipeline figures and leads.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "wechat"], case_sensitive=False),
    default="markdown",
    show_default=True,
    help="markdown for documents; wechat for pasting into a chat (no tables, numbered lines).",
)
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
@click.pass_context
def brief(ctx, industry, carrier, prospect, lang, audience, fmt, date, output, force):
    """Write a promotion brief for the zone, one industry, one carrier or one prospect.

    The same catalogue and --date always give the same text. A public brief never shows personal
    contacts, owners, notes, or the names and amounts of enterprises before 签约; sample data is
    marked ※.

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
      promo brief --for 示例医学影像设备 --audience internal -o proposal.md
      promo brief --lang en --date 2026-12-01 -o brief-en.md --force
    """
    from promo.brief import Request, make_brief
    from promo.brief.output import check_target, write_file
    from promo.terminal import printable
    from promo.text import parse_date, today

    req = Request(
        date=parse_or_usage(parse_date, date, "--date") or today(),
        lang=lang.lower(),
        audience=audience.lower(),
        fmt=fmt.lower(),
        industry=industry,
        carrier=carrier,
        prospect=prospect,
    )
    req.check()
    if output is not None:
        check_target(output, force=force)  # refuse before the work, not after it
    text = make_brief(catalogue(ctx), req)
    if output is not None and output != "-":
        path = write_file(output, text, force=force)
        click.echo(f"wrote {printable(str(path))} ({len(text.splitlines())} lines)", err=True)
    else:
        click.echo(text, nl=False)
