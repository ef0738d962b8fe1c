"""How the command line forgives: Chinese aliases of the most used commands, "did you mean" for a mistyped one,
--db accepted after the subcommand as well as before it, and --dry-run on every command that writes."""

from __future__ import annotations

import click

from promo.i18n import _

# Chinese alias → command: one table; `promo --help` lists it. An alias never equals a command's own name.
ALIASES = {
    "空置": "vacancies",
    "房源": "units",
    "载体": "carriers",
    "企业": "enterprises",
    "进度": "pipeline",
    "逾期": "overdue",
    "匹配": "match",
    "搜索": "search",
    "推介": "brief",
    "政策": "policies",
    "准入": "criteria",
    "台账": "ledger",
    "地图": "map",
    "日志": "log",
    "撤销": "undo",
    "重做": "redo",
    "导入": "import",
    "导出": "export",
    "配置": "config",
}


def alias_help(commands: dict) -> str:
    """The aliases as a help paragraph, only for commands that exist."""
    pairs = [f"{alias} = {name}" for alias, name in ALIASES.items() if name in commands]
    return _("Chinese aliases of commands: {pairs}").format(pairs=", ".join(pairs)) if pairs else ""


def resolve_alias(name: str) -> str:
    """The command an alias stands for (folded: 空置 in traditional script or full width too); else the name."""
    if name in ALIASES:
        return ALIASES[name]
    import unicodedata

    folded = unicodedata.normalize("NFKC", name).strip()
    if folded in ALIASES:
        return ALIASES[folded]
    return name


def suggestion(name: str, known: list[str]) -> str | None:
    """The commands a mistyped name most likely meant, worded for an error: "did you mean 'vacancies'?"."""
    import difflib

    candidates = list(known) + list(ALIASES)
    low = name.casefold()
    found = [c for c in candidates if len(low) >= 3 and (c.startswith(low) or low.startswith(c))]
    found += difflib.get_close_matches(low, candidates, n=3, cutoff=0.6)
    shown = list(dict.fromkeys(ALIASES.get(c, c) for c in found))[:3]
    if not shown:
        return None
    return _("did you mean {commands}?").format(commands=", ".join(f"'{c}'" for c in shown))


def _db_given(ctx: click.Context, param: click.Parameter, value):
    """--db after the subcommand: the same catalogue choice as before it (`promo units --db x.db` =
    `promo --db x.db units`)."""
    if value is None:
        return value
    if not value.strip():
        raise click.BadParameter(_("an empty path names no catalogue"), param=param)
    root = ctx.find_root()
    root.ensure_object(dict)
    if root.obj.get("conn") is not None or root.obj.get("db_given") not in (None, value):
        raise click.BadParameter(
            _("the catalogue is already chosen ({path}); give --db once").format(path=root.obj.get("db_path"))
        )
    root.obj["db_path"] = value
    root.obj["db_given"] = value
    root.obj["db_source"] = "--db"
    return value


# Subcommands (by their own name) that change the catalogue through promo.db.write: each takes --dry-run, which
# runs the whole change — every check, the same lines — and rolls it back. A new writer is one name here.
WRITERS = frozenset(
    "add update remove set-status log-activity move need milestone report expire rename drop promote close sign "
    "apply set status deadlines departments".split()
)


def _dry_run(ctx: click.Context, param: click.Parameter, value):
    if value:
        root = ctx.find_root()
        root.ensure_object(dict)
        root.obj["dry_run"] = True
        if root.obj.get("conn") is not None:
            root.obj["conn"].promo_dry_run = True
    return value


def accept_db(cmd: click.Command, top: str | None = None) -> click.Command:
    """Give a subcommand (and a plain group's own subcommands) a --db option that sets the root's catalogue,
    a writer (WRITERS) its --dry-run, and names (carriers, units, …) completion from the catalogue; `top` is
    the top-level command it belongs to."""
    if getattr(cmd, "_promo_db", False):
        return cmd
    cmd._promo_db = True
    from promo.completion import attach

    attach(cmd, top or cmd.name)
    leaf = not isinstance(cmd, click.Group)
    if leaf and cmd.name in WRITERS and not any("--dry-run" in p.opts for p in cmd.params):
        cmd.params.append(
            click.Option(
                ["--dry-run", "promo_dry_run"],
                is_flag=True,
                expose_value=False,
                is_eager=True,
                callback=_dry_run,
                help="Show what would be written, and write nothing.",
            )
        )
    if not any("--db" in p.opts for p in cmd.params):
        cmd.params.append(
            click.Option(
                ["--db", "promo_db_after"],
                type=click.Path(dir_okay=False),
                expose_value=False,
                is_eager=True,
                callback=_db_given,
                help="Catalogue file (as `promo --db PATH …`).",
                hidden=True,
            )
        )
    if isinstance(cmd, click.Group) and not hasattr(cmd, "lazy_subcommands"):
        for sub in cmd.commands.values():
            accept_db(sub, top or cmd.name)
    return cmd
