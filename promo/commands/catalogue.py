"""promo catalogue: the target catalogue (招商目录), industries → chains → links, and the chain gaps."""

from __future__ import annotations

import click

from promo.commands.common import catalogue as open_catalogue
from promo.commands.common import format_option, not_empty

_KEYS = [
    "industry",
    "industry_code",
    "chain",
    "chain_code",
    "segment",
    "link",
    "code",
    "tenants",
    "leads",
    "targets",
    "gap",
    "sample",
]


@click.group(invoke_without_command=True)
@click.option("--gaps", is_flag=True, help="Only chain links with no tenant yet (延链补链 targets).")
@click.option("--industry", callback=not_empty, help="Only this leading industry, chain or link (name or code).")
@click.option("--segment", help="Only 上游, 中游 or 下游.")
@format_option
@click.pass_context
def catalogue(ctx, gaps, industry, segment, fmt):
    """Show the target catalogue: leading industries → chains → links, with tenants, leads and targets.

    A tenant is an enterprise filed under the link that has signed (签约) or gone further; leads are
    those still at 意向 or 洽谈; targets are enterprises the zone wants on the link (promo targets).
    A link with no tenant is a gap.

    \b
    Examples:
      promo catalogue
      promo catalogue --gaps
      promo catalogue --industry 高端医疗器械 --segment 上游
      promo catalogue --gaps --format csv
    """
    if ctx.invoked_subcommand:
        return
    from promo import targets
    from promo.commands.notes import render_with_notes
    from promo.render import Column, render

    conn = open_catalogue(ctx)
    found = targets.catalogue(conn, industry=industry, segment=segment, gaps=gaps)
    if fmt in ("json", "csv"):
        if fmt == "csv":
            for r in found:
                r["targets"] = [t["name"] for t in r["targets"]]
        render(found, [Column(k, k) for k in _KEYS], fmt)
        return
    shown_industry = shown_chain = None
    for r in found:
        # a tree read top-down: each industry and chain named once, at its first link
        r["industry_shown"] = r["industry"] if r["industry"] != shown_industry else ""
        r["chain_shown"] = r["chain"] if (r["chain"], r["industry"]) != shown_chain else ""
        shown_industry, shown_chain = r["industry"], (r["chain"], r["industry"])
        r["link_shown"] = r["link"] + (" ※" if r["sample"] else "")
        r["target_names"] = [f"{t['name']} {t['priority']}" if t.get("priority") else t["name"] for t in r["targets"]]
        r["tenants_shown"] = r["tenants"] or ["— 缺口 gap"]
    columns = [
        Column("industry_shown", "主导产业", max_width=12),
        Column("chain_shown", "产业链", max_width=14),
        Column("segment", "环节", no_wrap=True),
        Column("link_shown", "链环 Link", max_width=18),
    ]
    if not gaps:
        columns.append(Column("tenants_shown", "签约企业 Tenants", "list", max_width=26))
    columns += [
        Column("leads", "在谈 Leads", "list", max_width=20),
        Column("target_names", "目标企业 Targets (优先级)", "list", max_width=30),
    ]
    gap_count = sum(1 for r in found if r["gap"])
    title = "产业链缺口 Chain gaps (延链补链)" if gaps else "招商目录 Target catalogue"
    caption = f"{len(found):,} 个链环, {gap_count:,} 个缺口"
    if not gaps:
        loose = targets.unplaced(conn, industry=industry)
        if loose and not segment:
            names = "、".join(f"{r['name']}({r['filed_under']})" for r in loose)
            caption += f"\n未细分到链环的签约企业 (不计入链环): {names}"
    if any(r["sample"] for r in found):
        caption += "\n※ 链环为示例 (link marked ※ is sample data, not from the source articles)"
    if any(t["sample"] for r in found for t in r["targets"]):
        caption += "\n（示例）目标企业为示例数据 (sample targets, not from the source articles)"
    render_with_notes(found, columns, fmt, title=title, notes=caption.split("\n"), empty="no chain link matches")


def _register_edits() -> None:
    from promo.commands import catalogue_edit

    for command in catalogue_edit.COMMANDS:
        catalogue.add_command(command)


_register_edits()
