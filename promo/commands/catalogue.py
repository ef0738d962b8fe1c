"""promo catalogue: the target catalogue (招商目录), industries → chains → links, and the chain gaps."""

from __future__ import annotations

import click

from promo.commands.common import catalogue as open_catalogue
from promo.commands.common import format_option, not_empty


@click.command()
@click.option("--gaps", is_flag=True, help="Only chain links with no tenant yet (延链补链 targets).")
@click.option("--industry", callback=not_empty, help="Only this leading industry, chain or link (name or code).")
@click.option("--segment", callback=not_empty, help="Only 上游, 中游 or 下游.")
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
    from promo import targets, views

    conn = open_catalogue(ctx)
    found = targets.catalogue(conn, industry=industry, segment=segment, gaps=gaps)
    if fmt == "csv":  # a cell holds the targets' names; JSON keeps each target whole
        for r in found:
            r["targets"] = [t["name"] for t in r["targets"]]
    view = views.CATALOGUE.hide("tenants_shown") if gaps else views.CATALOGUE

    def prepare(rows) -> None:
        shown_industry = shown_chain = None
        for r in rows:
            # a tree read top-down: each industry and chain named once, at its first link
            r["industry_shown"] = r["industry"] if r["industry"] != shown_industry else ""
            r["chain_shown"] = r["chain"] if (r["chain"], r["industry"]) != shown_chain else ""
            shown_industry, shown_chain = r["industry"], (r["chain"], r["industry"])
            r["link_shown"] = r["link"] + (" ※" if r["sample"] else "")
            r["target_names"] = [
                f"{t['name']} {t['priority']}" if t.get("priority") else t["name"] for t in r["targets"]
            ]
            r["tenants_shown"] = r["tenants"] or ["— 缺口 gap"]

    def caption(rows) -> str:
        text = f"{len(rows):,} 个链环, {sum(1 for r in rows if r['gap']):,} 个缺口"
        if not gaps:
            loose = targets.unplaced(conn, industry=industry)
            if loose and not segment:
                names = "、".join(f"{r['name']}({r['filed_under']})" for r in loose)
                text += f"\n未细分到链环的签约企业 (不计入链环): {names}"
        if any(r["sample"] for r in rows):
            text += "\n※ 链环为示例 (link marked ※ is sample data, not from the source articles)"
        if any(t["sample"] for r in rows for t in r["targets"]):
            text += "\n（示例）目标企业为示例数据 (sample targets, not from the source articles)"
        return text

    title = "产业链缺口 Chain gaps (延链补链)" if gaps else None
    view.show(found, fmt, prepare=prepare, title=title, caption=caption, notes=True)
