"""Options and helpers shared by commands: output format, choices in the officer's words, catalogue access,
value parsing."""

from __future__ import annotations

import click

from promo.errors import BadValue
from promo.i18n import _
from promo.placeholders import placeholders


class Words(click.Choice):
    """A click choice over the codes of `kind` (promo.option_words, or a coded kind of promo.vocabulary such as
    enterprise_kind); `codes` narrows it to some of them. With `descending`, a leading - is kept (--sort -面积
    is -area). Converts to the code."""

    def __init__(
        self,
        kind: str,
        codes: tuple[str, ...] | None = None,
        *,
        descending: bool = False,
        also: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.kind = kind
        self.descending = descending
        self.also = also or {}  # codes beyond the kind's, with their words: a filter's "all" (全部)
        self._table: dict[str, str] | None = None
        super().__init__((codes or tuple(_words(kind))) + tuple(self.also), case_sensitive=False)

    def words(self) -> dict[str, tuple[str, ...]]:
        """Code → (Chinese label, other words …) of every choice."""
        return {**_words(self.kind), **self.also}

    def label(self, code: str) -> str:
        """The code's word in the user's language: its Chinese label on a Chinese screen; in English the code, or
        for a Chinese code (the stages 意向, 洽谈 …) its English label (lead, negotiating)."""
        from promo.i18n import language

        words = self.words().get(code, ())
        if language() == "zh":
            return words[0] if words else code
        return code if code.isascii() or len(words) < 2 or not words[1].isascii() else words[1]

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        shown = "|".join(self.label(code) for code in self.choices)
        return f"{{{shown}}}" if param.required and param.param_type_name == "argument" else f"[{shown}]"

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        if not value.strip():  # a choice given as '' chooses nothing: said here, for every option of the kind
            self.fail(_("is empty; leave the option out instead"), param, ctx)
        sign, word = ("-", value.strip()[1:]) if self.descending and value.strip()[:1] in "-−" else ("", value)
        code = self.find(word)
        if code is None:
            self.fail(_("{value}: use one of {choices}").format(value=value, choices=self.listed()), param, ctx)
        return sign + code

    def find(self, word: str) -> str | None:
        """The code a typed word names, or None: codes and words compared folded (case, width, script, spaces)."""
        import unicodedata

        quick = unicodedata.normalize("NFKC", word).replace(" ", "").casefold()
        if quick in self.choices:  # the English codes scripts type: no need to load the script folding
            return quick
        from promo.text import fold

        return self._by_word().get(fold(word))

    def _by_word(self) -> dict[str, str]:
        """Folded word → code over this option's choices, by the vocabulary's one matcher; built on first use."""
        if self._table is None:
            from promo.vocabulary import words_to_code

            words = self.words()
            self._table = words_to_code({code: words[code] for code in self.choices})
        return self._table

    def listed(self) -> str:
        """The choices as a refusal lists them: 面积、租金 … in Chinese (all Chinese: the codes scripts type are in
        the help); in English the codes, a Chinese one with its English label (lead (意向))."""
        from promo.i18n import _, language

        if language() == "zh":
            return _(", ").join(self.label(c) for c in self.choices)
        return _(", ").join(c if self.label(c) == c else f"{self.label(c)} ({c})" for c in self.choices)


def _words(kind: str) -> dict[str, tuple[str, ...]]:
    """Code → (Chinese label, other words …) for a kind of choice."""
    from promo.option_words import WORDS

    if kind in WORDS:
        return WORDS[kind]
    from promo.vocabulary import kind_words

    return kind_words(kind)


def no_pager_option(fn):
    """--no-pager, on every command whose table may be paged."""
    return click.option(
        "--no-pager",
        is_flag=True,
        expose_value=False,
        callback=_no_pager,
        help="Print a long table straight out, not through the pager (PROMO_PAGER, PAGER or less).",
    )(fn)


def format_option(fn):
    """--format table|csv|json|markdown, and --no-pager, on every listing."""
    fn = no_pager_option(fn)
    return click.option(
        "--format",
        "fmt",
        type=Words("format"),
        default="table",
        show_default=True,
        callback=paged_when_table,
        help="Output format: a table for people, csv/json for scripts, markdown for documents.",
    )(fn)


def paged_when_table(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """click callback of a --format: with a table, the command's whole output goes through one pager."""
    if value and value.lower() == "table":
        from promo.pager import begin

        begin()  # the whole listing through one pager on a terminal, notes after the table included
    return value


def _no_pager(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    from promo.pager import refuse

    refuse(ctx, param, value)


def catalogue(ctx: click.Context | None = None):
    """The open catalogue of this invocation (opened once, built from the seeds when missing)."""
    from promo.opening import open_or_build

    ctx = ctx or click.get_current_context()
    root = ctx.find_root()
    root.ensure_object(dict)
    conn = root.obj.get("conn")
    if conn is None:
        conn, path, built = open_or_build(root.obj.get("db_path"))
        conn.promo_dry_run = bool(root.obj.get("dry_run"))
        if built:
            say(new_catalogue_notice(path, built), err=True)
        root.obj["conn"] = conn
        root.call_on_close(conn.close)
    return conn


def new_catalogue_notice(path, built: str) -> str:
    """Said on stderr when promo built a catalogue by itself: where, and how to point promo elsewhere."""
    return _(
        "promo: NEW CATALOGUE {path} built from the seed data ({built}).\n"
        "  No catalogue is configured, so promo used ./catalogue.db in this folder. If yours is elsewhere:\n"
        "  promo config set db PATH (from any folder), or --db PATH / PROMO_DB=PATH; promo where says which is used"
    ).format(path=path.resolve(), built=built)


def parse_or_usage(parser, value, *args, **kwargs):
    """Run a text parser; a BadValue becomes click's usage error (exit 2) naming the option, its hint kept on
    the line below as promo's own errors give it."""
    try:
        return parser(value, *args, **kwargs)
    except BadValue as exc:
        why = f"{exc.shown}: {exc.why}" + (f"\n  {exc.hint}" if exc.hint else "")
        raise click.BadParameter(why, param_hint=f"'{placeholders(exc.field)}'") from None


def quarter_option(_ctx, _param, value: str | None) -> int | None:
    """--quarter as officers write it (3, Q3, 第三季度); anything else a usage error naming the option."""
    from promo.project_periods import parse_quarter

    return parse_or_usage(parse_quarter, value, "--quarter")


def date_option(value: str | None, option: str, *, meaning: str = "day") -> str | None:
    """A date option as people write it; given as '' it is a usage error (nothing would be dated), not left out."""
    from promo.text import parse_date

    if value is not None and not value.strip():
        raise click.BadParameter(_("is empty; give a date or leave the option out"), param_hint=f"'{option}'")
    return parse_or_usage(parse_date, value, option, meaning=meaning)


def given(ctx: click.Context, param: click.Parameter, value):
    """A click callback for an optional value a command writes: '' is refused as a usage error naming it."""
    return reject_empty(param, value, _("give a value or leave the option out"))


# SQLite stores integers in 64 bits: a larger number cannot be an id, and binding one fails with an
# OverflowError instead of a message. A count or id past it is a typo, said so as a usage error.
SQLITE_MAX_INT = 2**63 - 1


class _AtLeast(click.IntRange):
    """A whole number from `min` up to what SQLite stores; help says x>=min, not the 19-digit storage bound."""

    def _describe_range(self) -> str:
        return f"x>={self.min}"

    def convert(self, value, param, ctx):
        number = click.INT.convert(value, param, ctx)
        if number > SQLITE_MAX_INT:
            self.fail(_("{value} is too large.").format(value=number), param, ctx)
        return super().convert(number, param, ctx)


ROW_ID = _AtLeast(1, SQLITE_MAX_INT)
"""A journal entry or record number: 1 … 2^63-1."""

COUNT = _AtLeast(1, SQLITE_MAX_INT)
"""A --limit: at least one row."""


class _Limit(_AtLeast):
    name = "limit"

    def convert(self, value, param, ctx):
        got = super().convert(value, param, ctx)
        return None if got == 0 else got


LIMIT = _Limit(0, SQLITE_MAX_INT)
"""Every listing's --limit: at most this many rows; 0 means no limit (all rows), the same in every command."""
COUNT_OR_ALL = LIMIT


def reject_empty(param: click.Parameter, value, hint: str):
    """An option given as '' (or only spaces) is a usage error naming it; multiple options item by item."""
    for v in value if isinstance(value, tuple) else (value,):
        if isinstance(v, str) and not v.strip():
            raise click.BadParameter(
                _("is empty; {hint}").format(hint=hint), param=param
            )  # click names every spelling of it
    return value


def not_empty(ctx: click.Context, param: click.Parameter, value):
    """A click callback: an empty filter is refused, never silently dropped. Not for a Words choice, which
    refuses '' as it converts (click converts before it calls back, so the callback would never see it)."""
    return reject_empty(param, value, _("leave the option out to not filter by it"))


def named(ctx: click.Context, param: click.Parameter, value):
    """A click callback for a NAME argument: '' names nothing, a usage error naming the argument."""
    return reject_empty(param, value, _("give the name of what you mean"))


def fields_from(options: dict, renames: dict[str, str] | None = None) -> dict:
    """Click's options as a writer's raw fields: not given → left out; a repeated option → its list."""
    out = {}
    for key, value in options.items():
        if value is None or value == ():
            continue
        out[(renames or {}).get(key, key)] = list(value) if isinstance(value, tuple) else value
    return out


def refuse_empty(raw: dict, options: dict[str, str]) -> None:
    """On add, an option given as '' is a slip (there is nothing to clear): a usage error naming it."""
    for key, value in raw.items():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and not v.strip() for v in values):
            raise click.BadParameter(
                _("is empty; leave the option out instead"), param_hint=f"'{options.get(key, key)}'"
            )


def journaled(ctx: click.Context, fn, *args, **kwargs):
    """Run a writer through promo.db.change: one transaction and one journal entry, named by the summary the
    writer returns (undone with promo undo); returns the writer's result."""
    from promo.db import change

    return change(catalogue(ctx), fn, *args, **kwargs)


def options(specs):
    """Decorate a command with (flag, key, help[, multiple][, type]) options, in order: a type such as
    Words("crs") takes the officer's words and lists them in help."""

    def wrap(fn):
        for spec in reversed(specs):
            flag, key, text, *rest = spec
            multiple = any(r is True for r in rest)
            kind = next((r for r in rest if isinstance(r, click.ParamType)), None)
            fn = click.option(flag, key, multiple=multiple, type=kind, help=text)(fn)
        return fn

    return wrap


def say(message: str = "", *, err: bool = False) -> None:
    """Print a message that carries user data (a success line, a note): control characters escaped."""
    import sys

    from promo.terminal import escape, fitted

    click.echo(fitted(escape(message), sys.stderr if err else sys.stdout), err=err)


KEEP = click.IntRange(1, 10_000)
"""How many dated backups to keep: at least the newest one."""


# `promo enterprises` subcommands for a project's life after signing (name → "module:attribute", loaded lazily)
AFTER_SIGNING_SUBCOMMANDS = {
    "milestone": "promo.commands.projects:milestone",
    "report": "promo.commands.projects:report",
}


def yes_option(fn):
    """--yes/-y: a destructive command goes ahead without asking (for scripts)."""
    return click.option("-y", "--yes", is_flag=True, help="Do it without asking (scripts: required off a terminal).")(
        fn
    )


def stdin_is_terminal() -> bool:
    import sys

    return bool(sys.stdin and sys.stdin.isatty())


def need_terminal(command: str) -> None:
    """Off a terminal a destructive command cannot ask: stop (exit 2) before anything is changed."""
    if not stdin_is_terminal():
        raise click.UsageError(
            _(
                "{command} changes the catalogue and asks first, but standard input is not a terminal; "
                "nothing was changed. Add --yes to go ahead without asking"
            ).format(command=command)
        )


def confirm(question: str, *, yes: bool, command: str) -> None:
    """A destructive command asks first on a terminal (default no); off a terminal it needs --yes, and
    without it stops with exit 2 before anything is changed."""
    if yes:
        return
    need_terminal(command)
    if not ask(question):
        say(_("nothing was changed"), err=True)
        click.get_current_context().exit(1)


_YES = ("y", "yes", "是", "是的", "好", "确定", "确认", "对")
_NO = ("n", "no", "否", "不", "不是", "不要", "取消")


def ask(question: str) -> bool:
    """A yes-or-no question on a terminal, default no: y/n or 是/否 (and 好, 确定, 不, 取消) in either language,
    the choices shown in the user's: [y/N] in English, （是/否，默认否） in Chinese. Asked again until answered."""
    import unicodedata

    while True:
        answer = click.prompt(question, default="", show_default=False, prompt_suffix=_(" [y/N]: "), err=True)
        answer = unicodedata.normalize("NFKC", answer).strip().casefold().rstrip("!。.！")
        if answer in _YES:
            return True
        if answer in _NO or not answer:
            return False
        click.echo(_("answer y (是) or n (否)"), err=True)
