"""promo match: a prospect's needs → ranked vacant units, the policies that would apply, the criteria verdict."""

from __future__ import annotations

import click

from promo.commands.common import COUNT_OR_ALL, catalogue, format_option, not_empty, say
from promo.commands.options import parse_prospect, parse_space, prospect_options, space_options
from promo.i18n import N_, _, ngettext

SAMPLE_POLICY_NOTE = N_("※ eligibility marked ※ is sample data, not from the source articles")

_UNIT_KEYS = [
    "rank",
    "score",
    "id",
    "carrier_code",
    "carrier",
    "unit",
    "area_m2",
    "rent",
    "annual_rent_wan",
    "ready_date",
    "facilities",
    "why",
    "criteria_verdict",
    "new",
    "sample",
]


@click.command()
@click.option(
    "--for", "for_name", callback=not_empty, metavar="NAME", help="An enterprise: use its record and saved needs."
)
@space_options
@prospect_options
@click.option("--limit", type=COUNT_OR_ALL, default=5, show_default=True, help="Show this many units (0 = all).")
@format_option
@click.pass_context
def match(ctx, for_name, limit, fmt, **values):
    """Match a prospect to vacant units, with why each ranks where it does, policies and criteria.

    Every need is a filter (the same as in promo vacancies); the units that pass are ranked by a score
    made of area fit, rent, readiness, enterprises of the same chain in the carrier, carrier-specific
    policies, and carrier-specific criteria — each part shown. Policies and criteria are judged as if
    the prospect settled there. With --for, the enterprise's saved needs are used (options override
    them for this run) and units that became vacant since its last match are marked 新.

    \b
    Examples:
      promo match --industry 高端医疗器械 --min-area 500 --max-rent 1.5 --facility GMP洁净车间
      promo match --industry 微生态药物与制剂 --min-area 800 --investment 1.2亿 --facility GMP洁净车间
      promo enterprises need 示例生物制药 --min-area 800 --facility GMP洁净车间 --investment 8000
      promo match --for 示例生物制药
      promo match --for 示例生物制药 --max-rent 1.4 --format json
    """
    from promo import match as domain

    given = parse_space(values) | parse_prospect(values)
    conn = catalogue(ctx)
    if for_name:
        profile = domain.profile_for(conn, for_name)
        profile.update(given)
    else:
        if not given:
            raise click.UsageError(
                _(
                    "say what the prospect needs (--industry, --min-area, --max-rent, --facility, --investment …) "
                    "or name an enterprise with --for NAME"
                )
            )
        profile = {"kind": "company"} | given
    result = domain.match(conn, profile, limit=limit or None)
    if for_name:
        skipped = domain.remember(conn, profile["enterprise_id"])
        if skipped:
            click.echo(
                _("note: {skipped}: this match was not remembered (新 marks compare with the last one kept)").format(
                    skipped=skipped
                ),
                err=True,
            )
    if fmt == "json":
        from promo.render import json_text

        click.echo(json_text(result))
        return
    if fmt == "csv":
        from promo.render import Column, render

        render(result["units"], [Column(k, k) for k in _UNIT_KEYS], fmt)
        return
    _render(result, fmt, for_name=for_name, assumed_kind=not for_name and not values.get("kind"))


def _render(result: dict, fmt: str, *, for_name: str | None, assumed_kind: bool) -> None:
    from promo import views_catalogue, views_criteria
    from promo.match import describe_needs
    from promo.profile import fmt_wan
    from promo.render import Column, render_with_notes
    from promo.views import place

    p = result["profile"]
    facts = describe_needs(p)
    if assumed_kind:
        facts.append((_("Kind"), _("company (default)")))
    if for_name and not p["has_needs"]:
        facts.append(
            (
                _("Needs"),
                _("not saved — save them once: promo enterprises need {name} --min-area …").format(name=p["name"]),
            )
        )
    _facts(_("Match — {name}").format(name=p["name"] or _("prospect")), facts, fmt)

    if result["last_matched_at"]:
        if result["new_units"]:
            say(
                _("new since the last match ({date}): {units}").format(
                    date=result["last_matched_at"], units=_(", ").join(result["new_units"])
                )
            )
        else:
            say(_("no new suitable vacancy since the last match ({date})").format(date=result["last_matched_at"]))

    for u in result["units"]:
        u["place"] = place(u["carrier"], [u["unit"]]) + (" ★" + _("new") if u["new"] else "")
        # carrier-specific support, shortened to its kind and amount: the policy table names it in full
        u["local_policies"] = [
            f"{x['name']} ≈{fmt_wan(x['estimate_wan'])}万元{_('/year') if x['period'] else ''}"
            if x["estimate_wan"] is not None
            else x["name"]
            for x in u["policies"]
            if x["carrier_specific"]
        ]
        lines = []
        for part in u["parts"]:
            lines.append(f"{part['text']} {part['points']:+.0f}")
            if part.get("detail"):
                lines.append(f"({part['detail']})")
        u["why_lines"] = "\n".join(lines) if fmt == "table" else u["why"]
    columns = [
        Column("rank", "#", "int"),
        Column("place", N_("Carrier unit"), max_width=16),
        Column("area_m2", N_("Area ㎡"), "area"),
        Column("rent", N_("Rent 元/㎡·天"), "rent"),
        Column("score", N_("Score"), "int"),
        Column("why_lines", N_("Why"), max_width=24),
        Column("local_policies", N_("Carrier policies · estimated support"), "list", max_width=20),
    ]
    funnel = " → ".join(f"{s['step']} {s['remaining']:,}" for s in result["funnel"])
    shown = len(result["units"])
    if shown < result["total"]:
        caption = ngettext("{shown:,} of {total:,} unit", "{shown:,} of {total:,} units", result["total"])
    else:
        caption = ngettext("{total:,} unit", "{total:,} units", result["total"])
    caption = caption.format(shown=shown, total=result["total"])
    caption += _("; ") + _("filters: {funnel}").format(funnel=funnel)
    if result["cheapest_annual_rent_wan"] and result["profile"]["min_area"]:
        caption += _("; ") + _("lowest yearly rent {rent}万元").format(rent=fmt_wan(result["cheapest_annual_rent_wan"]))
    elif result["cheapest_rent"]:
        caption += _("; ") + _("lowest rent {rent:.2f}").format(rent=result["cheapest_rent"])
    if shown < result["total"]:
        hint = _("(--limit 0 shows all)")
        caption += hint if hint.startswith("（") else " " + hint  # Chinese puts no space before （
    caption += "\n" + result["score_formula"]
    if any(u["sample"] for u in result["units"]):
        caption += "\n" + _("※ unit-level figures are sample data")
    render_with_notes(
        result["units"],
        columns,
        fmt,
        title=_("Ranked units"),
        notes=caption.split("\n"),
        empty=_("no vacant unit meets every need"),
    )
    if not result["units"]:
        click.echo(_("filters: {funnel}").format(funnel=funnel), err=True)

    pols = result["policies"]
    for r in pols:
        r["conditions"] = "; ".join(c["text"] for c in r["checks"] if c["status"] == "if") or "—"
        r["amount"] = r["estimate_text"]
        r["policy"] = r["name"] + (" ※" if r["eligibility"] and r["eligibility"]["sample"] else "")
    if pols:
        notes = []
        if result["policies_unknown"]:
            held = [f"{r['name']} ({r['reason']})" for r in result["policies_unknown"]]
            notes.append(_("to check: {policies}").format(policies="; ".join(held)))
        if any(r["policy"].endswith("※") for r in pols):
            notes.append(_(SAMPLE_POLICY_NOTE))
        render_with_notes(
            pols,
            [
                Column("policy", N_("Policy"), max_width=24),
                Column("verdict", N_("Verdict"), no_wrap=True, coded="policy_verdict"),
                Column("estimate_wan", N_("Estimate 万元"), "money"),
                Column("amount", N_("How much"), max_width=34),
                Column("conditions", N_("Conditions"), max_width=40),
            ],
            fmt,
            title=_policies_title(result["policies_at"]),
            notes=notes,
        )
    # carrier-bound criteria are judged per unit (column 准入); here only those that bind wherever it settles
    checked = dict(result["criteria"])
    checked["criteria"] = [c for c in checked["criteria"] if c["scope"] != "carrier"]
    views_criteria.show_check(checked, fmt, title=_("Access criteria"))
    if result["scenarios"]:
        views_catalogue.show_scenarios(result["scenarios"], fmt, title=_("Open scenarios on this chain"))


def _policies_title(at: dict | None) -> str:
    if at is None:
        return _("Policies (no suitable unit yet: judged as not in any carrier)")
    from promo.views import place

    return _("Policies — if it settles in the top-ranked unit, {place}").format(
        place=place(at["carrier"], [at["unit"]])
    )


def _facts(title: str, facts: list[tuple[str, str]], fmt: str) -> None:
    from promo.render import console, render_facts
    from promo.terminal import escape

    if fmt != "markdown":
        console().print(escape(title))
    render_facts(facts, fmt, heading=title)
