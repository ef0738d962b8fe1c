"""promo criteria and promo check: access criteria (准入机制), the negative list, and checking a project."""

from __future__ import annotations

import click

from promo.commands.common import catalogue, format_option, not_empty, say

SAMPLE_NOTE = (
    "※ 准入条件与负面清单为示例数据 (criteria and negative list are sample data, not from the source articles)"
)


def prospect_options(fn):
    """The facts of a project, as `promo check` and `promo match` take them."""
    options = [
        click.option("--industry", callback=not_empty, help="Industry, chain or chain link (name or code)."),
        click.option("--investment", metavar="万元", help="Total investment in 万元 (1,200 / 1200万 / 1.2亿)."),
        click.option("--land-mu", metavar="亩", help="Land the project takes, in 亩 (leave out when it rents space)."),
        click.option("--output", metavar="万元", help="Annual output (revenue) at full production, in 万元."),
        click.option("--tax", metavar="万元", help="Annual tax at full production, in 万元."),
        click.option("--rd", metavar="万元", help="Annual R&D spending, in 万元."),
        click.option("--jobs", metavar="N", help="Jobs created."),
        click.option(
            "--business", metavar="TEXT", help="What the project makes or does (checked against the negative list)."
        ),
        click.option(
            "--kind",
            type=click.Choice(["company", "hospital", "institute"]),
            help="Kind of enterprise (for policy eligibility); default company for a prospect.",
        ),
        click.option(
            "--country",
            callback=not_empty,
            help="Investor's country (for policy eligibility), e.g. 中国, 以色列, 中国香港.",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def parse_prospect(values: dict) -> dict:
    """Command-line figures as a partial profile (only what was given); bad values name their option."""
    from promo.text import parse_amount, parse_number

    out = {}
    if values.get("industry"):
        out["industry"] = values["industry"]
    for key, option, field in (
        ("investment", "investment_wan", "--investment"),
        ("output", "output_wan", "--output"),
        ("tax", "tax_wan", "--tax"),
        ("rd", "rd_wan", "--rd"),
    ):
        if values.get(key) is not None:
            out[option] = parse_amount(values[key], field)
    if values.get("land_mu") is not None:
        out["land_mu"] = parse_number(values["land_mu"], "--land-mu", unit_suffixes=("亩", "mu"))
        if out["land_mu"] == 0:
            from promo.errors import BadValue

            raise BadValue("--land-mu", values["land_mu"], "must be more than 0 (leave it out when no land is taken)")
    if values.get("jobs") is not None:
        out["jobs"] = parse_number(values["jobs"], "--jobs", integer=True, unit_suffixes=("人",))
    for key in ("business", "kind"):
        if values.get(key):
            out[key] = values[key].strip()
    if values.get("country") is not None:
        from promo.countries import parse_country

        out["country"] = parse_country(values["country"], "--country")
    return out


@click.command()
@click.option("--industry", callback=not_empty, help="Only criteria that bind this industry (zone-wide ones included).")
@click.option(
    "--carrier", callback=not_empty, help="Only criteria that bind a project in this carrier (zone-wide ones included)."
)
@click.option("--negative-list", "negative", is_flag=True, help="List the negative list (禁止/限制 items) instead.")
@format_option
@click.pass_context
def criteria(ctx, industry, carrier, negative, fmt):
    """List the access criteria (准入机制): thresholds for the zone, an industry or a carrier.

    Metrics: investment_intensity (投资 万元 ÷ 用地 亩), output_per_mu, tax_per_mu, rd_share (研发 ÷ 产值),
    investment, output, tax, jobs, land_mu. Per-亩 criteria bind projects that take land.

    \b
    Examples:
      promo criteria
      promo criteria --industry 高端医疗器械 --carrier 海凭
      promo criteria --negative-list
    """
    from promo import criteria as domain
    from promo.commands.notes import render_with_notes
    from promo.render import Column, render

    conn = catalogue(ctx)
    if negative:
        if industry or carrier:
            raise click.UsageError("--negative-list applies to every project; leave out --industry/--carrier")
        found = domain.negative_list(conn)
        if fmt in ("json", "csv"):
            render(found, [Column(k, k) for k in ("id", "kind", "item", "keywords", "description", "sample")], fmt)
            return
        columns = [
            Column("kind", "类别", no_wrap=True),
            Column("item", "项目 Item", max_width=30),
            Column("keywords", "关键词 Keywords", "list"),
            Column("description", "说明", max_width=40),
        ]
        sample = any(r["sample"] for r in found)
        render(found, columns, fmt, title="负面清单 Negative list", caption=SAMPLE_NOTE if sample else None)
        return
    found = domain.list_criteria(conn, industry=industry, carrier=carrier)
    if fmt in ("json", "csv"):
        keys = [
            "code",
            "name",
            "name_en",
            "metric",
            "op",
            "threshold",
            "unit",
            "scope",
            "industry_code",
            "carrier_code",
        ]
        render(found, [Column(k, k) for k in keys + ["description", "sample"]], fmt)
        return
    columns = [
        Column("name", "准入条件 Criterion", max_width=22),
        Column("metric_formula", "计算方法 Formula", max_width=18),
        Column("threshold_text", "阈值 Threshold", no_wrap=True),
        Column("scope_label", "适用范围", max_width=22),
        Column("description", "说明", max_width=40),
    ]
    sample = any(r["sample"] for r in found)
    caption = "负面清单: promo criteria --negative-list; 检查一个项目: promo check"
    render_with_notes(
        found, columns, fmt, title="准入条件 Access criteria", notes=[caption, SAMPLE_NOTE if sample else ""]
    )


@click.command()
@click.argument("name", required=False)
@prospect_options
@click.option(
    "--carrier", callback=not_empty, help="The carrier the project would settle in (applies that carrier's criteria)."
)
@format_option
@click.pass_context
def check(ctx, name, carrier, fmt, **values):
    """Check a project against the access criteria and the negative list.

    Give an enterprise NAME (its record and saved needs), or the project's figures; options given with
    NAME override what is on record. Each criterion is 达标 / 未达标 / 缺数据 / 不适用, with the figure and
    how it was computed (e.g. 20,000万元 ÷ 50亩 = 400 万元/亩) against its threshold.

    \b
    Examples:
      promo check --industry 整机制造 --investment 2亿 --land-mu 50 --output 3亿 --tax 1500 --rd 900
      promo check 示例医学影像设备 --land-mu 50 --output 30000 --tax 1500
      promo check --industry IVD体外诊断试剂 --investment 3000 --business 原料药中间体 --format json
    """
    from promo import criteria as domain
    from promo import match

    conn = catalogue(ctx)
    given = parse_prospect(values)
    if carrier:
        given["carrier"] = carrier
    if name:
        profile = match.profile_for(conn, name)
        if carrier:
            profile.update(carrier_id=None, carrier_code=None)
        profile.update(given)
    else:
        if not given:
            raise click.UsageError("give an enterprise NAME, or the project's figures (--industry, --investment …)")
        profile = given
    result = domain.check(conn, profile)
    if fmt == "json":
        import json

        from promo.render import json_safe

        click.echo(json_safe(json.dumps(result, ensure_ascii=False, indent=2)))
        return
    if fmt == "table":
        from promo.match import describe_needs

        p = result["profile"]
        facts = describe_needs(p)
        if p.get("carrier"):
            facts.append(("载体 Carrier", p["carrier"]))
        width = max((_width(k) for k, _ in facts), default=0)
        for k, v in facts:
            say(f"{k}{' ' * (width - _width(k))}  {v}")
        click.echo()
    render_check(result, fmt)


def _width(text: str) -> int:
    from wcwidth import wcswidth

    return max(wcswidth(text), 0)


def render_check(result: dict, fmt: str, *, title: str | None = None) -> None:
    """The criteria table, the negative-list hits and the verdict line (shared with promo match)."""
    from promo.commands.notes import render_with_notes
    from promo.render import Column, render

    rows_ = result["criteria"]
    for r in rows_:
        r["figure"] = r["value_text"] or r.get("note", "")
        r["result"] = r["status_label"]
        r["scope_text"] = r["scope_label"] + ("" if r["binding"] else " (条件)")
    columns = [
        Column("name", "准入条件 Criterion", max_width=18),
        Column("figure", "计算 Figure", min_width=30, max_width=40),
        Column("threshold_text", "阈值", no_wrap=True),
        Column("result", "结果", no_wrap=True),
        Column("scope_text", "范围", max_width=14),
    ]
    if fmt == "csv":
        keys = ["code", "name", "metric", "value", "formula", "op", "threshold", "unit", "status", "binding", "scope"]
        render(rows_, [Column(k, k) for k in keys + ["note"]], fmt)
        return
    caption = None
    if any(not r["binding"] for r in rows_):
        caption = "(条件) = 项目入驻该载体或属于该产业时才适用, 不计入结论 (not binding unless it settles there)"
    if rows_:
        sample = any(r["sample"] for r in rows_)
        if sample:
            caption = "\n".join(x for x in (caption, SAMPLE_NOTE) if x)
        render_with_notes(
            rows_, columns, fmt, title=title or "准入检查 Criteria check", notes=(caption or "").split("\n")
        )
    hits = result["negative"]
    if hits:
        for n in hits:
            n["matched"] = "、".join(n["hits"])
        render(
            hits,
            [
                Column("kind", "类别", no_wrap=True),
                Column("item", "负面清单命中 Negative list", max_width=30),
                Column("matched", "命中词"),
                Column("description", "说明", max_width=40),
            ],
            fmt,
            title="负面清单 Negative list",
        )
    verdict = f"结论 Verdict: {result['verdict_label']} ({result['verdict']})"
    reasons = [f"{r['name']} 未达标" for r in rows_ if r["binding"] and r["status"] == "fail"]
    reasons += [f"命中{n['kind']}类: {n['item']}" for n in hits]
    if result["missing"]:
        reasons.append("缺 " + "、".join(result["missing"]))
    reasons += result.get("undetermined") or []
    if not hits:
        reasons.append("负面清单未命中")
    say(verdict + " — " + "; ".join(reasons))
