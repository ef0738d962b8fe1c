"""promo search: find anything in the catalogue by a few characters, pinyin or initials."""

from __future__ import annotations

import click

from promo.commands.common import LIMIT, catalogue, format_option
from promo.i18n import _


@click.command()
@click.argument("text", required=False)
@click.option(
    "--in",
    "lists",
    multiple=True,
    metavar="LIST",
    help="Only these lists: carriers, units, enterprises, policies, platforms, scenarios, targets, chain "
    "(or 载体, 单元, 企业 …); repeat or separate with commas.",
)
@click.option("--public", is_flag=True, help="Safe to show outside: leads before 签约 are left out.")
@click.option("--limit", type=LIMIT, default=10, show_default=True, help="Hits shown per list (0 = all).")
@click.option(
    "--reindex", is_flag=True, help="Rebuild the search index from the lists (after writes made around promo)."
)
@format_option
@click.pass_context
def search(ctx, text, lists, public, limit, reindex, fmt):
    """Search every list at once: names, codes, descriptions, full pinyin and pinyin initials.

    Insensitive to traditional/simplified script, full/half width, case and spacing; two characters
    are enough (眼科, 器械). Hits are grouped by list, best first; the matched part is highlighted on
    a terminal.

    \b
    Examples:
      promo search 眼科
      promo search jngjyxzx
      promo search 器械 --in enterprises --format json
      promo search --reindex
    """
    from promo import search as domain

    if reindex:
        if text:
            raise click.UsageError(_("--reindex rebuilds the whole index; give no TEXT with it"))
        from promo.search_index import reindex as rebuild_index

        click.echo(_("search index rebuilt: {n:,} records").format(n=rebuild_index(catalogue(ctx))), err=True)
        return
    if text is None:
        raise click.UsageError(_("give TEXT to search for (at least two characters, e.g. 眼科), or --reindex"))
    chosen = domain.parse_lists(lists)
    domain.query_key(text)  # a bad query is a usage error before the catalogue is opened
    found = domain.search(catalogue(ctx), text, lists=chosen, public=public, limit=limit)
    _show(found, fmt, text)


def _show(found: dict, fmt: str, text: str) -> None:
    from promo.i18n import language
    from promo.views_map import SEARCH
    from promo.vocabulary import shown

    hits = [h for g in found["groups"] for h in g["hits"]]
    if fmt in ("json", "csv"):
        SEARCH.show(hits, fmt)  # one flat list, each hit naming its list
        return
    if not hits:
        click.echo(_("nothing in the catalogue matches {text!r}").format(text=text), err=True)
        return
    for g in found["groups"]:
        for h in g["hits"]:
            h["matched_shown"] = shown("search_match", h["matched"]) + (f": {h['snippet']}" if h["snippet"] else "")
        more = g["total"] - len(g["hits"])
        caption = _("{n:,} more; --in {list} --limit N shows more").format(n=more, list=g["list"]) if more > 0 else None
        total = f"{g['total']:,}" + ("+" if g["truncated"] else "")
        title = f"{g['label'] if language() == 'zh' else g['list']} ({total})"  # either is what --in takes
        SEARCH.show(g["hits"], fmt, title=title, caption=caption)
