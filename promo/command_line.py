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
    """The command an alias stands for (folded: 空置 in full width or traditional script, 撤銷, too); else the name."""
    if name in ALIASES:
        return ALIASES[name]
    import unicodedata

    folded = unicodedata.normalize("NFKC", name).strip()
    if folded in ALIASES:
        return ALIASES[folded]
    if not folded.isascii():
        from promo.text import fold_script

        return ALIASES.get(fold_script(folded), name)
    return name


def suggestion(name: str, known: list[str], aliases: bool = True) -> str | None:
    """The names a mistyped one most likely meant (commands, with `aliases` the Chinese ones too, or options),
    worded for an error: "did you mean 'vacancies'?"; None when nothing is close."""
    shown = close_names(name, list(known) + (list(ALIASES) if aliases else []))
    shown = list(dict.fromkeys(ALIASES.get(c, c) if aliases else c for c in shown))[:3]
    if not shown:
        return None
    return _("did you mean {commands}?").format(commands=_(", ").join(f"'{c}'" for c in shown))


def close_names(name: str, candidates: list[str]) -> list[str]:
    """Candidates close to `name`, closest first: a prefix either way, or a few edits (a swap of two letters is
    one: --min-aera → --min-area before --max-area); Chinese names, short as they are, a character apart."""
    import difflib

    low = name.casefold()
    if not low.isascii():
        from promo.text import fold_script

        low = fold_script(low)
    found = [c for c in candidates if len(low.lstrip("-")) >= 3 and (c.startswith(low) or low.startswith(c))]
    found += difflib.get_close_matches(low, candidates, n=6, cutoff=0.6 if low.isascii() else 0.5)
    if not found:
        return []
    found = list(dict.fromkeys(found))
    prefix = [c for c in found if c.startswith(low) or low.startswith(c)]
    edits = {c: _edits(low, c) for c in found}
    best = min(edits.values())
    return prefix + sorted((c for c in found if c not in prefix and edits[c] <= best + 1), key=edits.get)


def _edits(a: str, b: str) -> int:
    """Edits from a to b: insertions, deletions, substitutions and swaps of two neighbours (Damerau, OSA)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


class Forgiving:
    """Mixed into every promo command and group: "did you mean" for a mistyped subcommand at any level, and for
    a mistyped option, worded by promo (closest first, one sentence in Chinese)."""

    def resolve_command(self, ctx, args):
        if args and not args[0].startswith("-") and self.get_command(ctx, args[0]) is None:
            hint = suggestion(args[0], self.list_commands(ctx), aliases=ctx.parent is None)
            if hint:
                from promo.terminal import printable

                ctx.fail(_("No such command '{name}'; {hint}").format(name=printable(args[0]), hint=hint))
        return super().resolve_command(ctx, args)

    def parse_args(self, ctx, args):
        try:
            return self._parse_args(ctx, args)
        except click.ClickException as exc:
            from promo.terminal import fit_usage_error, printable

            exc.message = printable(exc.message)  # click quotes the value typed: ESC or BEL in it stays inert
            if isinstance(exc, click.UsageError):
                fit_usage_error(exc)
            raise

    def _parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            if exc.option_name.startswith("--"):
                known = [o for p in self.get_params(ctx) if not getattr(p, "hidden", False) for o in p.opts]
                hint = suggestion(exc.option_name, [o for o in known if o.startswith("--")], aliases=False)
                if hint:
                    from promo.terminal import printable

                    message = _("No such option '{name}'; {hint}").format(name=printable(exc.option_name), hint=hint)
                    raise click.UsageError(message, ctx) from None
            raise


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
