"""promo policies: support policies (产业政策), their eligibility, and which apply to an enterprise."""

from __future__ import annotations

import click

from promo.commands.common import (
    Words,
    catalogue,
    fields_from,
    format_option,
    journaled,
    not_empty,
    options,
    refuse_empty,
    say,
)
from promo.i18n import N_, _

SAMPLE_NOTE = N_("※ eligibility marked ※ is sample data, not from the source articles")
IF_NOTE = N_(
    "eligible if = applies once it reaches the stages listed or settles in a carrier listed; estimates apply the "
    "policy's rate and cap, the amount paid is decided when it is granted"
)


def _mark(r: dict) -> str:
    e = r.get("eligibility")
    sample = e.get("sample") if isinstance(e, dict) else r.get("eligibility_sample")
    return " ※" if sample else ""


@click.group(invoke_without_command=True)
@click.option(
    "--industry", callback=not_empty, help="Only policies open to this industry (name or code, any level of the chain)."
)
@click.option("--kind", callback=not_empty, help="Only this kind: 落户, 租金, 人才, 研发, 金融, 上市, 综合, 规划 …")
@click.option(
    "--level",
    type=Words("policy_level"),
    help="Only policies of this level.",
)
@click.option(
    "--active-on",
    callback=not_empty,
    metavar="DATE",
    help="Only policies in force on this date (policies without dates stay).",
)
@click.option(
    "--for",
    "for_name",
    callback=not_empty,
    metavar="NAME",
    help="Which policies apply to this enterprise, why, and how much.",
)
@click.option("--all", "show_all", is_flag=True, help="With --for: also the policies that do not apply, and why not.")
@click.option("--expired", is_flag=True, help="Also the policies that have ended (they stay on record).")
@format_option
@click.pass_context
def policies(ctx, industry, kind, level, active_on, for_name, show_all, expired, fmt):
    """List policies with issuer, level, kind, dates, cap and eligibility; or those that apply to an enterprise.

    With --for, each policy that applies gets a verdict: 符合 (applies now) or 条件符合 (applies once the
    enterprise reaches a listed stage or settles in a listed carrier), the reason field by field, and an
    estimated amount where the policy gives a rate (rate × investment, rent or R&D, capped). --all adds
    待核实 (a fact is not on record) and 不符合 (naming the failing field).

    \b
    Examples:
      promo policies
      promo policies --kind 落户 --active-on 2026-12-01
      promo policies --industry 高端医疗器械 --level zone
      promo policies --for 示例医学影像设备
      promo policies --for 阿瑞尼塔 --all
      promo policies show 载体租金减免
      promo policies --expired
    """
    if ctx.invoked_subcommand:
        return
    from promo import policies as domain
    from promo.text import parse_date

    active_on = parse_date(active_on, "--active-on")
    conn = catalogue(ctx)
    if for_name:
        if industry or kind or level:
            raise click.UsageError(
                _("--for judges every policy for the enterprise; leave out --industry/--kind/--level")
            )
        _render_for(conn, for_name, active_on, show_all, fmt)
        return
    if show_all:
        raise click.UsageError(_("--all goes with --for NAME"))
    from promo.text import today

    ended = None if expired or active_on else today()
    found = domain.list_policies(
        conn, industry=industry, kind=kind, level=level, active_on=active_on, ended_before=ended
    )
    from promo import views_catalogue as views

    if fmt == "csv":  # a cell holds the eligibility in words; JSON keeps it field by field
        for r in found:
            r["eligibility_sample"] = bool(r["eligibility"] and r["eligibility"].get("sample"))
            r["eligibility"] = r["summary"]

    def prepare(rows) -> None:
        for r in rows:
            r["conditions"] = r["summary"] + _mark(r)
            r["dates"] = _dates(r, "\n" if fmt == "table" else " – ")

    sample = any(_mark(r) for r in found)
    views.POLICIES.show(found, fmt, prepare=prepare, caption=_(SAMPLE_NOTE) if sample else None)


def _dates(r: dict, sep: str = " – ") -> str:
    if not r["start_date"] and not r["end_date"]:
        return _("not stated")
    if not r["end_date"]:
        return _("from {date}").format(date=r["start_date"])
    return f"{r['start_date'] or '…'}{sep}{r['end_date']}"


def _render_for(conn, name: str, on: str | None, show_all: bool, fmt: str) -> None:
    from promo import match, policies
    from promo import views_catalogue as views

    profile = match.profile_for(conn, name)
    everything = policies.applicable(conn, profile, on=on, include_all=True)
    found = everything if show_all else [r for r in everything if r["verdict"] in ("yes", "if")]
    if fmt == "csv":
        for r in found:
            r["failing"] = ";".join(r["failing"])
    for r in found:
        r["policy"] = r["name"] + _mark(r)
        r["amount"] = r["estimate_text"] if r["verdict"] != "no" else ""
    from promo.vocabulary import shown

    facts = [
        shown("stage", profile["stage"]) or "—",
        profile["industry"] or _("industry not recorded"),
        profile["carrier"] or _("in no carrier yet"),
    ]
    title = _("Policies for {name} ({facts})").format(name=profile["name"], facts=" · ".join(facts))
    notes = []
    if not show_all:
        held = sum(1 for r in everything if r["verdict"] == "unknown")
        failing = len(everything) - len(found) - held
        if held:
            note = _("{held} more to check (information missing), {failing} not eligible: --all shows why")
        else:
            note = _("{failing} more not eligible: --all shows why")
        notes.append(note.format(held=held, failing=failing))
    notes.append(_(IF_NOTE))
    if any(_mark(r) for r in found):
        notes.append(_(SAMPLE_NOTE))
    views.POLICIES_FOR.show(found, fmt, title=title, caption="\n".join(notes), notes=True)


@policies.command("show")
@click.argument("name")
@format_option
@click.pass_context
def show(ctx, name, fmt):
    """Show one policy: issuer, level, kind, dates, terms, eligibility field by field, source.

    \b
    Examples:
      promo policies show 载体租金减免
      promo policies show 支持济南国际医学中心高质量发展政策清单 --format json
    """
    from promo import policies as domain
    from promo.profile import fmt_wan
    from promo.vocabulary import shown, stages_text

    d = domain.policy(catalogue(ctx), name)
    if fmt in ("json", "csv"):
        from promo import views_catalogue as views

        if fmt == "csv":
            d["eligibility"] = d["summary"]
        views.POLICIES.show([d], fmt, keys=(*views.POLICIES.keys, "description", "description_en"))
        return
    e = d["eligibility"]
    facts = [
        (N_("Name"), d["name"] + (f" ({d['name_en']})" if d.get("name_en") else "")),
        (N_("Issuer"), d.get("issuer")),
        (N_("Level"), shown("policy_level", d.get("level"))),
        (N_("Kind"), shown("policy_kind", d.get("kind"))),
        (N_("Valid"), _dates(d)),
        (N_("Support"), d["terms"] or None),
        (N_("About"), d.get("description")),
    ]
    if e:
        sep, anything = _(", "), _("any")
        facts += [
            (N_("For industries"), sep.join(e["industry_names"]) or anything),
            (N_("For kinds"), sep.join(shown("enterprise_kind", k) for k in e["enterprise_kinds"]) or anything),
            (
                N_("Least investment"),
                f"{fmt_wan(e['min_investment_wan'])} 万元" if e["min_investment_wan"] else anything,
            ),
            (N_("Least jobs"), _("{n} people").format(n=f"{e['min_jobs']:,}") if e.get("min_jobs") else anything),
            (N_("Stages"), stages_text(e["stages"]) or anything),
            (N_("Carriers"), sep.join(e["carrier_names"]) or anything),
            (N_("Countries"), sep.join(shown("country_group", c) for c in e["countries"]) or anything),
            (N_("Conditions (sample)") if e["sample"] else N_("Conditions"), e.get("note")),
        ]
    else:
        facts.append((N_("Eligibility"), d["summary"]))
    facts += [(N_("Source"), d.get("source"))]
    from promo.render import render_facts

    render_facts(facts, fmt, heading=d["name"])


POLICY_OPTIONS = [
    ("--name-en", "name_en", N_("English name.")),
    ("--doc-no", "doc_no", N_("文号, the document number (e.g. 济高管发〔2026〕3号).")),
    ("--issuer", "issuer", N_("Issuing body.")),
    ("--issuer-en", "issuer_en", N_("Issuing body in English.")),
    ("--level", "level", N_("national, provincial, municipal or zone (国家级, 省级, 市级, 园区).")),
    ("--kind", "kind", N_("Kind: 落户, 租金, 人才, 研发, 金融, 上市, 综合 …")),
    ("--start", "start_date", N_("In force from this date.")),
    ("--end", "end_date", N_("In force until this date (promo policies expire ends it today).")),
    ("--cap", "cap_wan", N_("Cap in 万元 (500, 500万, 0.5亿), or 不限 for none.")),
    ("--rate", "rate", N_("Rate: 2% of --rate-basis.")),
    (
        "--rate-basis",
        "rate_basis",
        N_("What the rate applies to: investment, annual_rent, rd_spend (投资, 租金, 研发)."),
    ),
    ("--terms", "description", N_("The terms in words.")),
    ("--terms-en", "description_en", N_("The terms in English.")),
    ("--source", "source", N_("Where the policy is published.")),
    ("--for-industry", "industries", N_("Eligible industry (any level); repeat; '' = any."), True),
    ("--for-carrier", "carriers", N_("Eligible carrier; repeat; '' = any."), True),
    ("--for-stage", "stages", N_("Eligible pipeline stage (签约, 落地 …); repeat; '' = any."), True),
    ("--for-country", "countries", N_("Eligible country, or 境外 for any foreign one; repeat; '' = any."), True),
    ("--for-kind", "enterprise_kinds", N_("Eligible kind: company, hospital, institute; repeat; '' = any."), True),
    ("--min-investment", "min_investment_wan", N_("Minimum investment, 万元 (5000, 1.2亿).")),
    ("--min-jobs", "min_jobs", N_("Minimum jobs the firm brings (a whole number of people).")),
    ("--eligibility-note", "note", N_("Other conditions, in words.")),
]
_NAMES = {key: flag for flag, key, *_ in POLICY_OPTIONS} | {"name": "NAME"}


@policies.command("add")
@click.argument("name")
@click.option("--code", help="A short code (default: from the English name).")
@options(POLICY_OPTIONS)
@click.pass_context
def add(ctx, name, **given):
    """Add a policy with its eligibility; `promo policies --for` then explains it.

    \b
    Examples:
      promo policies add 高新区落户奖励办法 --doc-no 高管发〔2026〕1号 --level 园区 --kind 落户 \\
          --start 2026-01-01 --end 2028-12-31 --rate 2% --rate-basis 投资 --cap 500 \\
          --for-industry 生物医药 --for-stage 签约 --min-investment 5000
    """
    from promo.edit import policies

    raw = fields_from(given)
    refuse_empty(raw, _NAMES)
    row = journaled(ctx, policies.add, dict(raw, name=name), names=_NAMES)
    say(_("added policy {name} ({code})").format(name=row["name"], code=row["code"]))


@policies.command("update")
@click.argument("name")
@click.option("--name", "new_name", help="A new name.")
@options(POLICY_OPTIONS)
@click.pass_context
def update(ctx, name, new_name, **given):
    """Change a policy or its eligibility; only the options given change, '' clears (no restriction).

    \b
    Examples:
      promo policies update 高新区落户奖励办法 --cap 800 --for-stage 签约 --for-stage 注册
      promo policies update 高新区落户奖励办法 --for-country ''
    """
    from promo.edit import policies

    raw = fields_from(dict(given, name=new_name))
    row = journaled(ctx, policies.update_policy, name, raw, names=_NAMES | {"name": "--name"})
    say(_("updated policy {name}").format(name=row["name"]))


@policies.command("expire")
@click.argument("name")
@click.option("--on", metavar="DATE", help="The last day it is in force (default: today).")
@click.pass_context
def expire(ctx, name, on):
    """End a policy: it leaves listings and briefs after that date, and stays on record.

    \b
    Example:
      promo policies expire 高新区落户奖励办法 --on 2026-12-31
    """
    from promo.edit import policies

    row = journaled(ctx, policies.expire, name, on)
    say(_("policy {name} ends on {end_date}").format(name=row["name"], end_date=row["end_date"]))


@policies.command("remove")
@click.argument("name")
@click.pass_context
def remove(ctx, name):
    """Remove a policy entered by mistake (a policy that ended is better expired: it stays on record).

    \b
    Example:
      promo policies remove 高新区落户奖励办法
    """
    from promo.edit import policies

    row = journaled(ctx, policies.remove, name)
    say(_("removed policy {name}").format(name=row["name"]))
