"""promo enterprises: the pipeline's enterprises — list, show, add, update, move, log activities, import, remove."""

from __future__ import annotations

import click

from promo.cli import LazyGroup
from promo.commands.common import AFTER_SIGNING_SUBCOMMANDS, LIMIT, Words, catalogue, format_option, not_empty, say
from promo.i18n import N_, _
from promo.vocabulary import display_name, shown

# Subcommands other modules add to `promo enterprises` (name → "module:attribute"), loaded lazily.
EXTRA_SUBCOMMANDS: dict[str, str] = {
    "need": "promo.commands.needs:need",
    "import": "promo.commands.transfer:enterprises_import",  # the same command as `promo import enterprises`
    "remove": "promo.commands.enterprise_remove:remove",
    **AFTER_SIGNING_SUBCOMMANDS,
}

SAMPLE_NOTE = N_("※ rows marked ※ are sample data, not from the source articles")


_say = say


def _warn(messages) -> None:
    for m in messages:
        say(_("warning: {problem}").format(problem=m), err=True)


_SPACE_PHRASES = {
    "leased": N_("took {unit}"),
    "reserved": N_("reserved {unit} (a lead reserves; it becomes a lease at 签约)"),
    "already": N_("already holds {unit}"),
    "lease": N_("{unit}: reservation → lease"),
    "reservation": N_("{unit}: lease → reservation (a lead reserves)"),
}


def _space_phrases(result: dict) -> list[str]:
    """What happened to each unit a command named or that followed a move, one phrase each."""
    phrases = [_(_SPACE_PHRASES[t["action"]]).format(unit=t["unit"]) for t in result.get("space") or []]
    return phrases + [_("released {unit}").format(unit=u) for u in result.get("released") or []]


@click.group(cls=LazyGroup, lazy_subcommands=EXTRA_SUBCOMMANDS, invoke_without_command=True)
@click.option(
    "--stage",
    callback=not_empty,
    help="Only this stage; several with commas (签约,注册) or 落地+ for that stage and later.",
)
@click.option(
    "--industry", callback=not_empty, help="Only this industry, chain or chain link (and what lies below it)."
)
@click.option(
    "--carrier", callback=not_empty, help="Only enterprises in this carrier (by record or by the units they hold)."
)
@click.option("--source", callback=not_empty, help="Only this promotion channel: 以商引商, 以会招商, 中介, 基金 …")
@click.option("--owner", callback=not_empty, help="Only enterprises this officer (包保责任人) is responsible for.")
@click.option(
    "--since",
    callback=not_empty,
    metavar="DATE",
    help="Only enterprises that entered their current stage on or after DATE.",
)
@click.option("--limit", type=LIMIT, help="Show at most this many (0 = all).")
@click.option("--public", is_flag=True, help="Code names for real names; no credit codes, owners, or pre-签约 amounts.")
@format_option
@click.pass_context
def enterprises(ctx, stage, industry, carrier, source, owner, since, limit, public, fmt):
    """List the pipeline's enterprises, lead first, with stage, space, investment and owner.

    A ⚠ after a name marks a credit code stored with a wrong check character.

    \b
    Examples:
      promo enterprises
      promo enterprises --stage 落地+ --industry 高端医疗器械
      promo enterprises --owner 张伟 --since 2026-01-01 --format csv
      promo enterprises show 树兰(济南)医院
    """
    if ctx.invoked_subcommand:
        return
    from promo import enterprise_fields as fields
    from promo.text import parse_date
    from promo.vocabulary import BAD_CHECK_NOTE

    stages = fields.parse_stages(stage)
    source = fields.parse_source(source) if source else None
    since = parse_date(since, "--since", meaning="from")
    from promo.enterprise_listing import iter_listing

    found = iter_listing(
        catalogue(ctx),
        stages=stages,
        industry=industry,
        carrier=carrier,
        source=source,
        owner=owner,
        since=since,
        limit=limit,
    )
    from promo import views_pipeline as views

    if public:
        found = map(views.public_row, found)
    from promo.views import place

    reserved = shown("holding", "reserved")

    def prepare(rows) -> None:
        for r in rows:
            r["shown_name"] = (r["name"] if public else display_name(r)) + (" ※" if r["sample"] else "")
            units = [f"{u}({reserved})" if u in r["reserved_units"] else u for u in r["units"]]
            r["space"] = [place(r["carrier"], units)] if r["carrier"] or units else []

    def caption(rows) -> str:
        known = [r["investment_wan"] for r in rows if r["investment_wan"] is not None]
        total = f"{sum(known):,.0f} 万元" if known else "— " + _("(not on record)")
        if known and len(known) < len(rows):
            total += " " + _("({n:,} not on record)").format(n=len(rows) - len(known))
        lines = [_("{n:,} enterprises, investment in all {total}").format(n=len(rows), total=total)]
        if any(r.get("uscc_bad_check") for r in rows):
            lines.append(BAD_CHECK_NOTE)
        if any(r["sample"] for r in rows):
            lines.append(_(SAMPLE_NOTE))
        return "\n".join(lines)

    public_keys = views.PUBLIC_KEYS + views.SIGNED_PUBLIC_KEYS
    view = (
        views.ENTERPRISES.without(*(k for k in views.ENTERPRISES.keys if k not in public_keys))
        if public
        else views.ENTERPRISES
    )
    view.show(found, fmt, prepare=prepare, caption=caption)


@enterprises.command("show")
@click.argument("name")
@click.option("--public", is_flag=True, help="Code name for the real name; no credit code, owner, contacts or notes.")
@format_option
@click.pass_context
def show(ctx, name, public, fmt):
    """Show one enterprise: record, stage history with dates, space, activities, owner and claim.

    NAME may be the name in either script, part of it, the credit code, the code name or the English name
    (whole or part).

    \b
    Examples:
      promo enterprises show 樹蘭(濟南)醫院
      promo enterprises show omron
      promo enterprises show 91370100MA3C5T8N5L --format json
    """
    from promo import enterprises as domain

    d = domain.detail(catalogue(ctx), name)
    if public:
        from promo import views_pipeline as views

        d = views.public_row(d)
    if fmt == "json":
        from promo.render import json_text

        click.echo(json_text(d))
        return
    from promo.render import Column, render

    history_columns = [
        Column("stage", N_("Stage"), no_wrap=True, coded="stage"),
        Column("date", N_("Date"), no_wrap=True),
        Column("days", N_("Days"), "int"),
        Column("reason", N_("Reason")),
    ]
    if fmt == "csv":
        render(d["history"], [Column(k, k) for k in ("stage", "stage_en", "date", "days", "reason")], "csv")
        return
    _show_document(d, fmt, public)
    render(d["history"], history_columns, fmt, title=_("Stage history"), empty=_("no stage history"))
    if d["space"]:
        render(
            d["space"],
            [
                Column("carrier", N_("Carrier")),
                Column("unit", N_("Unit"), no_wrap=True),
                Column("status", N_("State"), no_wrap=True, coded="holding"),
                Column("floor", N_("Floor"), "int"),
                Column("area_m2", N_("Area ㎡"), "area"),
                Column("rent", N_("Rent 元/㎡·天"), "rent"),
            ],
            fmt,
            title=_("Space"),
            caption=_("※ sample unit data") if any(s["sample"] for s in d["space"]) else None,
        )
    if d["activities"]:
        render(
            d["activities"],
            [
                Column("date", N_("Date"), no_wrap=True),
                Column("kind", N_("Kind"), no_wrap=True, coded="activity_kind"),
                Column("note", N_("Note")),
                Column("next_date", N_("Next follow-up"), no_wrap=True),
                Column("owner", N_("Owner"), no_wrap=True),
            ],
            fmt,
            title=_("Activities"),
        )


def _show_document(d: dict, fmt: str, public: bool) -> None:
    from promo.render import Column, fmt_cell, render_facts
    from promo.vocabulary import BAD_CHECK_MARK

    name = d["name"] if public else display_name(d)
    stage = shown("stage", d["stage"])
    if d.get("stage_date"):
        stage += " " + _("since {date}").format(date=d["stage_date"])
    if d.get("stage_days") is not None:
        stage += ", " + _("{n:,} days").format(n=d["stage_days"])
        if d.get("stage_deadline_days"):
            over, mark = d["stage_overdue_days"] or 0, " ※" if d.get("stage_deadline_sample") else ""
            limit = (
                _("(deadline {n:,} days{mark}, {over:,} days over)") if over > 0 else _("(deadline {n:,} days{mark})")
            )
            stage += " " + limit.format(n=d["stage_deadline_days"], mark=mark, over=over)
    uscc = d.get("uscc") or None
    if uscc and d.get("uscc_bad_check"):
        uscc += f"  {BAD_CHECK_MARK} " + _("check character does not match; read it again from the licence")
    since = " " + _("(first-report claim since {date})").format(date=d["owner_since"]) if d.get("owner_since") else ""
    owner = d["owner"] + since if d.get("owner") else None
    contact = " ".join(x for x in (d.get("contact"), d.get("phone")) if x)
    money = Column("m", "", "money")
    facts = [
        (_("Name"), name + (f" ({d['name_en']})" if d.get("name_en") else "")),
        (_("Code name"), d.get("code_name") if not public else None),
        (_("Credit code"), uscc),
        (_("Kind"), shown("enterprise_kind", d["kind"])),
        (_("Industry"), " › ".join(d.get("industry_path") or []) or None),
        (_("Stage"), stage),
        (_("Carrier"), d.get("carrier")),
        (
            _("Investment"),
            f"{fmt_cell(money, d['investment_wan'])} 万元" if d.get("investment_wan") is not None else None,
        ),
        (_("Jobs"), fmt_cell(Column("j", "", "int"), d.get("jobs")) or None),
        (_("Channel"), shown("channel", d.get("source_channel"))),
        (_("Country"), d.get("country")),
        (_("Owner"), owner),
        (_("Contact"), contact or None),
        (_("Note"), d.get("note")),
        (_("Source"), d.get("source")),
        (_("Sample"), _("※ sample row, not from the source articles") if d.get("sample") else None),
    ]
    render_facts(facts, fmt, heading=name)


def _field_options(fn):
    """The options add and update share, in the order --help shows them."""
    options = [
        click.option("--uscc", metavar="CODE", help="Unified social credit code (统一社会信用代码, 18 characters)."),
        click.option(
            "--accept-bad-check",
            is_flag=True,
            help="Store a credit code whose check character is wrong (it is flagged ⚠ wherever shown).",
        ),
        click.option("--industry", help="Industry, chain or chain link (name or code)."),
        click.option("--investment", metavar="万元", help="Investment in 万元: 1200, 1,200, 1200万 or 1.2亿."),
        click.option("--jobs", metavar="N", help="Jobs committed."),
        click.option("--source", help="Promotion channel: 以商引商, 以会招商, 中介, 基金 … (or any other)."),
        click.option("--country", help="Country or region of the investor (default 中国)."),
        click.option("--owner", help="Responsible officer (包保责任人); the first to record a lead holds its claim."),
        click.option(
            "--unit",
            "units",
            multiple=True,
            metavar="UNIT",
            help="Take a vacant unit: A1-402 or 载体/A1-402 (a lead at 意向/洽谈 reserves it; leased from 签约 on).",
        ),
        click.option("--carrier", help="The carrier it is in, when no unit says so (e.g. a hospital in a 组团)."),
        click.option("--contact", help="Contact person."),
        click.option("--phone", help="Contact phone."),
        click.option("--note", help="Free note."),
        click.option("--code-name", help="Confidential project name shown wherever the real name must not be."),
        click.option("--name-en", help="English name."),
        click.option("--kind", type=Words("enterprise_kind"), help="Kind of enterprise (for policy eligibility)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _raw(**values) -> dict:
    out = {k: v for k, v in values.items() if k not in ("units", "release")}
    out["investment_wan"] = out.pop("investment", None)
    out["source_channel"] = out.pop("source", None)
    out["units"] = list(values.get("units") or [])
    out["release"] = list(values.get("release") or [])
    return out


@enterprises.command("add")
@click.argument("name")
@click.option("--stage", type=Words("stage"), default="签约", show_default=True, help="Stage it is at.")
@click.option("--date", metavar="DATE", help="When it reached that stage (default today): 2026-03-05, 2026年3月5日.")
@_field_options
@click.pass_context
def add(ctx, name, **options):
    """Add an enterprise (by default one that has just signed), with its space and owner.

    Refused when the credit code, or the name written in either script, width or spacing, is
    already in the catalogue; the message names the record and why it matched.

    \b
    Examples:
      promo enterprises add 济南新药科技有限公司 --uscc 91370100MA3C5T8N5L --industry 精准医学 \\
          --investment 1.2亿 --jobs 80 --source 以商引商 --owner 张伟 --unit A1-402
      promo enterprises add 某影像设备公司 --stage 意向 --code-name 项目F-影像 --owner 李娜
    """
    from promo import enterprises as domain
    from promo.db import change

    for key, value in options.items():
        # '' clears a field in update; a new record has nothing to clear, so '' there is a slip
        values = value if isinstance(value, tuple) else (value,)
        if any(isinstance(v, str) and not v.strip() for v in values):
            option = "--unit" if key == "units" else "--" + key.replace("_", "-")
            raise click.BadParameter(_("is empty; leave the option out instead"), param_hint=f"'{option}'")
    conn = catalogue(ctx)
    f = domain.parse_checked(conn, _raw(name=name, **options), {"name": "NAME"})
    result = change(conn, domain.add, f)
    space = "".join(_("; ") + p for p in _space_phrases(result))  # ；in Chinese
    added = _("added {name} (#{id}) at {stage} on {date}")
    stage, date = shown("stage", result["stage"]), result["date"]
    _say(added.format(name=result["name"], id=result["id"], stage=stage, date=date) + space)
    _warn(result["warnings"])


@enterprises.command("update")
@click.argument("name")
@click.option("--name", "new_name", help="Correct the name.")
@click.option("--date", metavar="DATE", help="Correct the date of the current stage.")
@_field_options
@click.option("--release", multiple=True, metavar="UNIT", help="Free a unit it holds ('all' for every one).")
@click.option("--transfer", is_flag=True, help="Hand the first-report claim to the new --owner.")
@click.pass_context
def update(ctx, name, new_name, transfer, **options):
    """Correct an enterprise's record; only the options given change, and '' clears a field.

    Stages change with `promo enterprises move`; --date corrects when the current stage was reached.

    \b
    Examples:
      promo enterprises update 晨生医疗 --investment 3,000 --jobs 120
      promo enterprises update 晨生医疗 --unit H1-201 --release H1-101
      promo enterprises update 晨生医疗 --owner 王强 --transfer
    """
    from promo import enterprise_fields as fields
    from promo import enterprises as domain
    from promo import field_labels
    from promo.db import change

    f = fields.parse_fields(_raw(name=new_name, **options))
    conn = catalogue(ctx)
    result = change(conn, domain.update, name, f, transfer=transfer)
    what = [field_labels.label(k) for k in result["changed"]] + _space_phrases(result)
    _say(
        _("updated {name} (#{id}): {changes}").format(name=result["name"], id=result["id"], changes=_(", ").join(what))
        if what
        else _("{name}: nothing to change").format(name=result["name"])
    )
    _warn(result["warnings"])


@enterprises.command("move")
@click.argument("name")
@click.argument("stage")
@click.option("--date", metavar="DATE", help="When it reached the stage (default today); not before the last move.")
@click.option("--reason", help="Why; required for a step back (e.g. 落地 → 签约).")
@click.option(
    "--unit",
    "units",
    multiple=True,
    metavar="UNIT",
    help="Take a vacant unit with the move (reserved before 签约, leased from 签约 on).",
)
@click.option("--release", multiple=True, metavar="UNIT", help="Free a unit it holds ('all' for every one).")
@click.pass_context
def move(ctx, name, stage, date, reason, units, release):
    """Move an enterprise along the pipeline: 意向 洽谈 签约 注册 落地 投产 达效.

    Each move is kept in its stage history with its date, which the funnel's days-in-stage use. A lead's
    reserved units become leases when it moves to 签约 or later (and leases reservations on a step back).

    \b
    Examples:
      promo enterprises move 晨生医疗 注册 --date 2026年7月1日
      promo enterprises move 晨生医疗 landed --unit H1-201
      promo enterprises move 晨生医疗 签约 --reason 选址变更 --release all
    """
    from promo import enterprise_fields as fields
    from promo import enterprises as domain
    from promo.db import change

    stage = fields.parse_stage(stage, "STAGE")
    date = fields.parse_today_or_before(date, "--date")
    conn = catalogue(ctx)
    r = change(conn, domain.move, name, stage, date=date, reason=reason, units=list(units), release=list(release))
    extra = "".join(_("; ") + p for p in _space_phrases(r))
    back = _("moved {name} from {old} to {new} on {date} (back)")
    moved = back if r["back"] else _("moved {name} from {old} to {new} on {date}")
    old, new = shown("stage", r["from"]), shown("stage", r["to"])
    _say(moved.format(name=r["name"], old=old, new=new, date=r["date"]) + extra)
    _warn(r["warnings"])


@enterprises.command("log-activity")
@click.argument("name")
@click.option("--kind", required=True, type=Words("activity_kind"), help="What it was.")
@click.option("--date", metavar="DATE", help="When it happened (default today).")
@click.option("--note", help="What was said or agreed.")
@click.option(
    "--next",
    "next_date",
    metavar="DATE",
    help="Follow-up date (2026-12-01, 7天后, 月底, 下月); promo overdue lists it once it passes.",
)
@click.option("--owner", callback=not_empty, help="Officer who did it (default the enterprise's owner).")
@click.pass_context
def log_activity(ctx, name, kind, date, note, next_date, owner):
    """Record a visit, call, meeting or event with an enterprise, and when to follow up.

    \b
    Examples:
      promo enterprises log-activity 菲士医学 --kind visit --note 看厂房 --next 2026-12-05
      promo enterprises log-activity 菲士医学 --kind 电话 --date 2026/11/20
    """
    from promo import enterprise_fields as fields
    from promo import enterprises as domain
    from promo.db import change
    from promo.text import parse_date

    kind = fields.parse_activity_kind(kind)
    date = fields.parse_today_or_before(date, "--date")
    next_date = parse_date(next_date, "--next", meaning="by")
    note = fields.parse_text(note, "--note")
    conn = catalogue(ctx)
    r = change(conn, domain.log_activity, name, kind, date=date, note=note, next_date=next_date, owner=owner)
    follow = _("; ") + _("follow up by {date}").format(date=r["next"]) if r["next"] else ""
    logged = _("logged {kind} with {name} on {date}")
    _say(logged.format(kind=shown("activity_kind", r["kind"]), name=r["name"], date=r["date"]) + follow)
