"""promo catalogue: the target catalogue (招商目录), industries → chains → links, and the chain gaps."""

from __future__ import annotations

import click

from promo.commands.common import catalogue as open_catalogue
from promo.commands.common import fields_from, format_option, journaled, not_empty, refuse_empty, say
from promo.i18n import _


@click.group(invoke_without_command=True)
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
      promo catalogue add link CRO研发外包 --under 创新药 --segment 上游
    """
    if ctx.invoked_subcommand:
        return
    from promo import targets
    from promo import views_catalogue as views

    conn = open_catalogue(ctx)
    found = targets.catalogue(conn, industry=industry, segment=segment, gaps=gaps)
    if fmt == "csv":  # a cell holds the targets' names; JSON keeps each target whole
        for r in found:
            r["targets"] = [t["name"] for t in r["targets"]]
    view = views.CATALOGUE.hide("tenants_shown") if gaps else views.CATALOGUE

    from promo.vocabulary import shown

    def prepare(rows) -> None:
        shown_industry = shown_chain = None
        for r in rows:
            # a tree read top-down: each industry and chain named once, at its first link
            r["industry_shown"] = r["industry"] if r["industry"] != shown_industry else ""
            r["chain_shown"] = r["chain"] if (r["chain"], r["industry"]) != shown_chain else ""
            shown_industry, shown_chain = r["industry"], (r["chain"], r["industry"])
            r["link_shown"] = r["link"] + (" ※" if r["sample"] else "")
            # the priority bound to its name: list items are set apart by spaces
            r["target_names"] = [
                f"{t['name']}({shown('priority', t['priority'])})" if t.get("priority") else t["name"]
                for t in r["targets"]
            ]
            r["tenants_shown"] = r["tenants"] or ["— " + _("gap")]

    bare = [] if gaps or segment else targets.linkless(conn, industry=industry)
    lines = []
    for level, why in (
        ("industry", _("no chain under {names} yet; add one: promo catalogue add chain NAME --under {under}")),
        ("chain", _("no link under {names} yet; add one: promo catalogue add link NAME --under {under}")),
    ):
        empty_ones = [r for r in bare if r["level"] == level]
        if empty_ones:
            names = _(", ").join(f"{r['parent']} › {r['name']}" if r["parent"] else r["name"] for r in empty_ones)
            lines.append(why.format(names=names, under=empty_ones[0]["name"]))
    no_links = "\n".join(lines)

    def caption(rows) -> str:
        text = _("{links:,} links, {gaps:,} gaps").format(links=len(rows), gaps=sum(1 for r in rows if r["gap"]))
        if no_links:
            text += "\n" + no_links
        if not gaps:
            loose = targets.unplaced(conn, industry=industry)
            if loose and not segment:
                names = _(", ").join(f"{r['name']}({r['filed_under']})" for r in loose)
                text += "\n" + _("signed enterprises filed under no link (not counted in a link): {names}").format(
                    names=names
                )
        if any(r["sample"] for r in rows):
            text += "\n" + _("※ a link marked ※ is sample data, not from the source articles")
        if any(t["sample"] for r in rows for t in r["targets"]):
            text += "\n" + _("(示例) targets are sample data, not from the source articles")
        return text

    title = _("Chain gaps") if gaps else None
    empty = None
    if no_links and not found:
        empty = _("no chain link matches") + "\n" + no_links
    view.show(found, fmt, prepare=prepare, title=title, caption=caption, notes=True, empty=empty)


@catalogue.command("add")
@click.argument("level")
@click.argument("name")
@click.option("--under", "parent_id", help="The industry a chain goes under, or the chain a link goes under.")
@click.option("--segment", help="A link's place in the chain: 上游, 中游 or 下游.")
@click.option("--name-en", help="English name.")
@click.option("--code", help="A short code (default: from the English name).")
@click.pass_context
def add(ctx, level, name, **given):
    """Add a leading industry, a chain, or a chain link (LEVEL: industry, chain or link; 主导产业, 产业链, 链环).

    \b
    Examples:
      promo catalogue add industry 生物医药 --name-en Biomedicine
      promo catalogue add chain 创新药 --under 生物医药
      promo catalogue add link CRO研发外包 --under 创新药 --segment 上游
    """
    from promo.edit import catalogue

    raw = fields_from(dict(given, level=level, name=name))
    refuse_empty(raw, {"parent_id": "--under", "segment": "--segment", "name_en": "--name-en", "code": "--code"})
    row = journaled(ctx, catalogue.add, raw)
    added = {
        "industry": _("added industry {name} ({code})"),
        "chain": _("added chain {name} ({code})"),
        "link": _("added chain link {name} ({code})"),
    }[row["level"]]
    say(added.format(name=row["name"], code=row["code"]))


@catalogue.command("rename")
@click.argument("name")
@click.argument("new_name")
@click.option("--name-en", help="A new English name.")
@click.option("--segment", help="A link's new segment: 上游, 中游 or 下游.")
@click.pass_context
def rename(ctx, name, new_name, name_en, segment):
    """Give an industry, chain or link a new name.

    \b
    Example:
      promo catalogue rename CRO研发外包 CRO/CDMO研发外包
    """
    from promo.edit import catalogue

    row = journaled(ctx, catalogue.rename, name, new_name, name_en=name_en, segment=segment)
    say(_("renamed to {name}").format(name=row["name"]))


@catalogue.command("remove")
@click.argument("name")
@click.pass_context
def remove(ctx, name):
    """Remove an industry, chain or link; refused while enterprises, targets, carriers, policies or
    criteria use it, naming them.

    \b
    Example:
      promo catalogue remove 制剂生产
    """
    from promo.edit import catalogue

    row = journaled(ctx, catalogue.remove, name)
    removed = {
        "industry": _("removed industry {name}"),
        "chain": _("removed chain {name}"),
        "link": _("removed chain link {name}"),
    }[row["level"]]
    say(removed.format(name=row["name"]))
