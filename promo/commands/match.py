"""promo match: a prospect's needs → ranked vacant units, the policies that would apply, the criteria verdict."""

from __future__ import annotations

import click

from promo.commands.common import COUNT_OR_ALL, catalogue, format_option, not_empty, say
from promo.commands.options import parse_prospect, parse_space, prospect_options, space_options

SAMPLE_POLICY_NOTE = "※ 适用条件为示例数据 (eligibility marked ※ is sample data, not from the source articles)"

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
                "say what the prospect needs (--industry, --min-area, --max-rent, --facility, --investment …) "
                "or name an enterprise with --for NAME"
            )
        profile = {"kind": "company"} | given
    result = domain.match(conn, profile, limit=limit or None)
    if for_name:
        skipped = domain.remember(conn, profile["enterprise_id"])
        if skipped:
            click.echo(
                f"note: {skipped}: this match was not remembered (新 marks compare with the last one kept)", err=True
            )
    if fmt == "json":
        import json

        from promo.render import json_safe

        click.echo(json_safe(json.dumps(result, ensure_ascii=False, indent=2)))
        return
    if fmt == "csv":
        from promo.render import Column, render

        render(result["units"], [Column(k, k) for k in _UNIT_KEYS], fmt)
        return
    _render(result, fmt, for_name=for_name, assumed_kind=not for_name and not values.get("kind"))


def _render(result: dict, fmt: str, *, for_name: str | None, assumed_kind: bool) -> None:
    from promo import views
    from promo.match import describe_needs
    from promo.profile import fmt_wan
    from promo.render import Column, render_with_notes

    p = result["profile"]
    facts = describe_needs(p)
    if assumed_kind:
        facts.append(("类型 Kind", "企业 company (默认 default)"))
    if for_name and not p["has_needs"]:
        facts.append(("需求 Needs", f"未保存 — 保存后不必每次写: promo enterprises need {p['name']} --min-area …"))
    _facts(f"匹配 Match — {p['name'] or '意向项目 prospect'}", facts, fmt)

    if result["last_matched_at"]:
        if result["new_units"]:
            say(f"新空置 New since the last match ({result['last_matched_at']}): " + "、".join(result["new_units"]))
        else:
            say(f"上次匹配 {result['last_matched_at']} 以来没有新空置的合适单元 (no new vacancy since)")

    for u in result["units"]:
        u["place"] = f"{u['carrier']} {u['unit']}" + (" ★新" if u["new"] else "")
        # carrier-specific support, shortened to its kind and amount: the policy table names it in full
        u["local_policies"] = [
            f"{x['name']} ≈{fmt_wan(x['estimate_wan'])}万元{x['period']}"
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
        Column("place", "载体 单元", max_width=16),
        Column("area_m2", "面积㎡", "area"),
        Column("rent", "元/㎡·天", "rent"),
        Column("score", "得分", "int"),
        Column("why_lines", "为什么 Why", max_width=24),
        Column("local_policies", "载体专属政策 · 预计支持", "list", max_width=20),
    ]
    funnel = " → ".join(f"{s['step']} {s['remaining']:,}" for s in result["funnel"])
    shown = len(result["units"])
    caption = f"{shown:,} of {result['total']:,} 个单元" if shown < result["total"] else f"{result['total']:,} 个单元"
    caption += f"; 筛选 Filters: {funnel}"
    if result["cheapest_annual_rent_wan"] and result["profile"]["min_area"]:
        caption += f"; 最低年租金 {fmt_wan(result['cheapest_annual_rent_wan'])}万元"
    elif result["cheapest_rent"]:
        caption += f"; 最低租金 {result['cheapest_rent']:.2f}"
    if shown < result["total"]:
        caption += " (--limit 0 显示全部)"
    caption += "\n" + result["score_formula"]
    if any(u["sample"] for u in result["units"]):
        caption += "\n※ 单元级数据为示例数据 (unit-level figures are sample data)"
    render_with_notes(
        result["units"],
        columns,
        fmt,
        title="推荐房源 Ranked units",
        notes=caption.split("\n"),
        empty="no vacant unit meets every need",
    )
    if not result["units"]:
        click.echo(f"筛选 Filters: {funnel}", err=True)

    pols = result["policies"]
    for r in pols:
        r["conditions"] = "; ".join(c["text"] for c in r["checks"] if c["status"] == "if") or "—"
        r["amount"] = r["estimate_text"]
        r["policy"] = r["name"] + (" ※" if r["eligibility"] and r["eligibility"]["sample"] else "")
    if pols:
        notes = []
        if result["policies_unknown"]:
            held = [f"{r['name']} ({r['reason']})" for r in result["policies_unknown"]]
            notes.append("待核实 To check: " + "; ".join(held))
        if any(r["policy"].endswith("※") for r in pols):
            notes.append(SAMPLE_POLICY_NOTE)
        render_with_notes(
            pols,
            [
                Column("policy", "政策 Policy", max_width=24),
                Column("verdict_label", "判定", no_wrap=True),
                Column("estimate_wan", "预计 万元", "money"),
                Column("amount", "测算 How much", max_width=34),
                Column("conditions", "条件 Conditions", max_width=40),
            ],
            fmt,
            title=_policies_title(result["policies_at"]),
            notes=notes,
        )
    # carrier-bound criteria are judged per unit (column 准入); here only those that bind wherever it settles
    checked = dict(result["criteria"])
    checked["criteria"] = [c for c in checked["criteria"] if c["scope"] != "carrier"]
    views.show_check(checked, fmt, title="准入 Criteria")
    if result["scenarios"]:
        views.show_scenarios(result["scenarios"], fmt, title="可对接的创新场景 Open scenarios on this chain")


def _policies_title(at: dict | None) -> str:
    if at is None:
        return "适用政策 Policies (尚无合适单元, 按未入驻载体判断 not yet in any carrier)"
    return f"适用政策 Policies — 若入驻第 1 名 {at['carrier']} {at['unit']} (if it settles in the top-ranked unit)"


def _facts(title: str, facts: list[tuple[str, str]], fmt: str) -> None:
    from promo.render import console, render_facts
    from promo.terminal import escape

    if fmt != "markdown":
        console().print(escape(title))
    render_facts(facts, fmt, heading=title)
