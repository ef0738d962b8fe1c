"""The root command: global options, lazily loaded subcommands, and the exit-code policy.

Exit codes: 0 success, 1 data the catalogue rejects or cannot find, 2 a bad value on the command line.
"""

from __future__ import annotations

import errno
import importlib
import sqlite3
import sys

import click

from promo import __version__, pager
from promo.command_line import accept_db, alias_help, resolve_alias
from promo.errors import PromoError
from promo.i18n import _, bind_click
from promo.i18n_click import Translated, translated
from promo.terminal import printable

bind_click()  # click's own texts (Usage:, Error: …) in the user's language

# name → "module:attribute"; modules are imported only when their command runs (or --help lists them).
COMMANDS = {
    # 资源清单
    "carriers": "promo.commands.carriers:carriers",
    "vacancies": "promo.commands.vacancies:vacancies",
    "units": "promo.commands.units:units",
    "platforms": "promo.commands.platforms:platforms",
    # the pipeline
    "enterprises": "promo.commands.enterprises:enterprises",
    "pipeline": "promo.commands.pipeline:pipeline",
    "overdue": "promo.commands.overdue:overdue",
    # after the signature: the task ledger, 帮办代办, 协调事项, 以会招商, the weekly report
    "ledger": "promo.commands.ledger:ledger",
    "services": "promo.commands.services:services",
    "coordination": "promo.commands.coordination:coordination",
    "events": "promo.commands.events:events",
    "report": "promo.commands.report:report",
    # 招商目录, 产业政策, 准入机制, 创新场景, matching
    "catalogue": "promo.commands.catalogue:catalogue",
    "targets": "promo.commands.targets:targets",
    "policies": "promo.commands.policies:policies",
    "criteria": "promo.commands.criteria:criteria",
    "check": "promo.commands.criteria:check",
    "scenarios": "promo.commands.scenarios:scenarios",
    "match": "promo.commands.match:match",
    # 招商地图 and finding anything
    "map": "promo.commands.map:map_",
    "search": "promo.commands.search:search",
    "serve": "promo.commands.serve:serve",
    # what goes out, what changed, where it is kept
    "brief": "promo.commands.brief:brief",
    "log": "promo.commands.log:log",
    "undo": "promo.commands.log:undo",
    "redo": "promo.commands.log:redo",
    "where": "promo.commands.config:where",
    "config": "promo.commands.config:config",
    "zone": "promo.commands.zone:zone",
    "init": "promo.commands.init:init",
    "backup": "promo.commands.backup:backup",
    "restore": "promo.commands.backup:restore",
    "doctor": "promo.commands.backup:doctor",
    # every list in and out of Excel
    "import": "promo.commands.transfer:import_",
    "export": "promo.commands.transfer:export",
    "template": "promo.commands.transfer:template",
}

# name → the first paragraph of its help, so `promo --help` lists every command without importing any of them
# (20-odd modules were a third of --help's start-up); tests/test_cli_startup.py keeps it equal to the real help.
LISTED_HELP = {
    "carriers": "List carriers with their area, vacancy and occupancy (occupied = leased or reserved).",
    "vacancies": "List vacant units with carrier, building, floor, area, rent, facilities and ready date.",
    "units": "List every unit with its state, lease and holder (not only vacant ones).",
    "platforms": "List the public service platforms.",
    "enterprises": "List the pipeline's enterprises, lead first, with stage, space, investment and owner.",
    "pipeline": "The funnel: enterprises and investment per stage, conversion between stages, median days in each.",
    "overdue": (
        "What is late: follow-ups past their date, enterprises in a stage longer than its deadline, and after"
        " signing, milestones past their planned date, services past due and coordination items past due."
    ),
    "ledger": "The year's task ledger: targets against actuals, completion rates, and what is behind plan.",
    "services": "帮办代办: each project's approvals with department, officer, dates asked/due/done and status.",
    "coordination": (
        "协调事项: open problems per leader, for the weekly meeting (power, road, permits, staff housing …)."
    ),
    "events": (
        "以会招商: promotion events and what was signed there; `promo ledger --by event` shows what became of it."
    ),
    "report": "Reports sent out of the office on a schedule.",
    "catalogue": "Show the target catalogue: leading industries → chains → links, with tenants, leads and targets.",
    "targets": "List target enterprises (招商目标) by priority: link, chain, reason, whether the link is a gap.",
    "policies": (
        "List policies with issuer, level, kind, dates, cap and eligibility; or those that apply to an enterprise."
    ),
    "criteria": "List the access criteria (准入机制): thresholds for the zone, an industry or a carrier.",
    "check": "Check a project against the access criteria and the negative list.",
    "scenarios": "List scenario opportunities: owner, industry, need, status, deadline (open ones first).",
    "match": "Match a prospect to vacant units, with why each ranks where it does, policies and criteria.",
    "map": (
        "The investment map: every carrier and land parcel grouped by area (片区/园区), with kind, industries, "
        "vacancy, occupancy, rent range and the platforms within 1 km."
    ),
    "search": "Search every list at once: names, codes, descriptions, full pinyin and pinyin initials.",
    "serve": "Open the catalogue in a browser: vacant units, the pipeline, the map, every list, and search.",
    "brief": "Write a promotion brief for the zone, one industry, one carrier or one prospect.",
    "log": "The change journal: every writing command, when, by whom, its command line and what it changed.",
    "undo": "Revert the last command as a whole (an import of 1,000 rows is one step), or journal entry ENTRY.",
    "redo": "Put back what the last `promo undo` reverted — right after it, before any other change.",
    "where": "Which catalogue promo uses here, and why: --db, PROMO_DB, the configuration or ./catalogue.db.",
    "config": "The user's settings, kept in the platform's config folder: which catalogue promo uses from any folder.",
    "zone": "Show the zone profile; values marked ※ are sample values not yet replaced by the office.",
    "init": "Build the catalogue from the seed data (seeds/), or with --empty a zone of your own.",
    "backup": "Copy the catalogue, safely while others use it (SQLite's online backup).",
    "restore": "Bring back a backup: the catalogue becomes a copy of FILE.",
    "doctor": "Check the catalogue: SQLite's integrity and foreign keys, promo's own rules and the search index.",
    "import": "Import a list (enterprises, milestones, services … or all) from .xlsx, CSV or JSON; one undoable step.",
    "export": "Export lists (all by default) to an Excel workbook or a CSV that `promo import` reads back exactly.",
    "template": "Write an empty workbook for a list: headers, one marked example row, drop-downs and a notes sheet.",
}


def listed_help(name: str) -> str:
    """The help `promo --help` lists for command `name`, in the user's language: in Chinese, the translation of
    the command's own docstring (the catalogue entry whose first paragraph is this text), so nothing is kept twice."""
    from promo.i18n import language, translations

    text = LISTED_HELP[name]
    if language() == "en":
        return text
    return _translated_first_paragraphs(translations()).get(text, text)


_by_first_paragraph: dict[int, dict[str, str]] = {}


def _translated_first_paragraphs(catalogue) -> dict[str, str]:
    """English first paragraph → the whole translated text, for every docstring the catalogue translates."""
    found = _by_first_paragraph.get(id(catalogue))
    if found is None:
        entries = getattr(catalogue, "_catalog", {})  # gettext's own table: reading it loads nothing new
        found = {
            " ".join(msgid.split("\n\n")[0].split()): msgstr
            for msgid, msgstr in entries.items()
            if isinstance(msgid, str) and msgid and msgstr
        }
        _by_first_paragraph[id(catalogue)] = found
    return found


class LazyGroup(Translated, click.Group):
    """click's documented lazily loading group, plus promo's error → exit-code translation."""

    def __init__(self, *args, lazy_subcommands: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = lazy_subcommands or {}

    def list_commands(self, ctx):
        # in the order of COMMANDS (the five lists, then output and housekeeping), not alphabetical
        eager = [c for c in super().list_commands(ctx) if c not in self.lazy_subcommands]
        return list(self.lazy_subcommands) + eager

    def format_commands(self, ctx, formatter):
        self._listing = True  # click's own layout, but from LISTED_HELP: no command module is imported
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False

    def get_command(self, ctx, cmd_name):
        if ctx.parent is None:
            cmd_name = resolve_alias(cmd_name)
        # LISTED_HELP is the root's commands: `promo enterprises report` is not `promo report`
        if getattr(self, "_listing", False) and ctx.parent is None and cmd_name in LISTED_HELP:
            return translated(click.Command(cmd_name, help=listed_help(cmd_name)))
        top = _top_command(ctx, cmd_name)
        if cmd_name in self.lazy_subcommands:
            module_name, attr = self.lazy_subcommands[cmd_name].split(":")
            return accept_db(translated(getattr(importlib.import_module(module_name), attr)), top)
        found = super().get_command(ctx, cmd_name)
        return accept_db(found, top) if found is not None else None

    def parse_args(self, ctx, args):
        if ctx.parent is None:
            _refuse_nul(args)
        return super().parse_args(ctx, args)

    def format_epilog(self, ctx, formatter):
        super().format_epilog(ctx, formatter)
        if ctx.parent is None:  # the root's help lists the Chinese aliases
            with formatter.section(_("Aliases")):
                formatter.write_text(alias_help(self.lazy_subcommands))

    def invoke(self, ctx):
        try:
            result = super().invoke(ctx)
            if ctx.parent is None:
                from promo.pager import finish

                finish(ctx.meta)  # the paged listing ends before the notes on stderr
                _say_conversions()
                if (ctx.obj or {}).get("dry_run"):
                    click.echo(
                        _("promo: --dry-run: nothing was written (the change was tried, then rolled back)"), err=True
                    )
            return result
        except KeyboardInterrupt:
            interrupted(ctx)
        except PromoError as exc:
            raise _as_click_exception(exc) from None
        except click.ClickException as exc:
            exc.message = printable(exc.message)  # a value quoted back (ESC, BEL, bidi) stays inert on the terminal
            if isinstance(
                exc, click.UsageError
            ):  # a refused option or argument: worded by click, wrapped like promo's own
                from promo.terminal import fit_usage_error

                fit_usage_error(exc)
            raise
        except UnicodeEncodeError as exc:
            if not any("\ud800" <= ch <= "\udfff" for ch in exc.object[exc.start : exc.end]):
                raise
            # a value typed in another encoding than the terminal's (GBK bytes on a UTF-8 terminal): Python keeps its
            # bytes as lone surrogates, which neither SQLite nor OpenCC can take
            why = _("{value}: not valid text (bytes that are not UTF-8); retype it, or set the terminal to UTF-8")
            text = exc.object
            start = text.rfind(" ", 0, exc.start) + 1  # the word holding it, not a whole command line
            end = len(text) if text.find(" ", exc.end) < 0 else text.find(" ", exc.end)
            raise _PromoClickError(printable(why.format(value=text[start:end])), 2) from None
        except OverflowError:
            # a number past what SQLite stores, from an option without its own bound
            raise _PromoClickError(_("a number given is too large for the catalogue"), 2) from None
        except sqlite3.OperationalError as exc:
            if _interrupt["seen"]:  # Ctrl-C inside a function SQLite called (fold): SQLite reports it as its own error
                interrupted(ctx)
            if "pattern too complex" in str(exc) or "too big" in str(exc):  # a value far longer than any name
                raise _PromoClickError(_("a value given is too long to search for or store"), 2) from None
            raise _database_error(ctx, exc) from None
        except sqlite3.DatabaseError as exc:
            if _interrupt["seen"]:
                interrupted(ctx)
            raise _database_error(ctx, exc) from None
        except BrokenPipeError:
            reader_left()  # before click's own handler, which calls a closed pipe an error (exit 1)
        except OSError as exc:
            if exc.filename is None:
                raise
            # a path the system refuses (too long, a folder, no permission …) where the command meant to use a file
            path = str(exc.filename)
            path = path if len(path) <= 120 else f"{path[:60]}…{path[-40:]}"  # the error after it stays on screen
            from promo.errors import error_words

            message = _("{path}: {error}").format(path=path, error=error_words(exc))
            raise _PromoClickError(printable(message), 2 if exc.errno in _BAD_PATH else 1) from None


# the path itself is wrong (a usage error), rather than the file system refusing a good one
_BAD_PATH = {errno.ENAMETOOLONG, errno.EINVAL, errno.ELOOP}


def _refuse_nul(args: list[str]) -> None:
    """A NUL cannot be typed in a shell, and no file name, lookup or stored text may hold one (SQLite reads a name
    as ending there, so 'a\\0b' would find what 'a' finds): refused up front, naming its option."""
    for i, arg in enumerate(args):
        if not isinstance(arg, str) or "\x00" not in arg:
            continue
        field, value = arg.split("=", 1) if arg.startswith("--") and "=" in arg else (None, arg)
        if field is None and i and args[i - 1].startswith("-") and "\x00" not in args[i - 1]:
            field = args[i - 1]
        message = _("contains a NUL character; no value may hold one")
        raise click.UsageError(printable(f"{field} {value}: {message}" if field else f"{value}: {message}"))


def _top_command(ctx: click.Context, cmd_name: str) -> str:
    """The top-level command a subcommand belongs to (`enterprises` for `promo enterprises move`)."""
    if ctx.parent is None:
        return cmd_name
    while ctx.parent.parent is not None:
        ctx = ctx.parent
    return ctx.info_name or ctx.command.name


def _say_conversions() -> None:
    """Figures typed in another unit than the stored one are said, so 45元/月 is seen to be per ㎡ and day."""
    from promo.measures import conversions
    from promo.terminal import fitted

    for note in conversions():
        click.echo(fitted(printable(_("promo: {note}").format(note=note)), sys.stderr), err=True)


def _database_error(ctx, exc: sqlite3.DatabaseError) -> click.ClickException:
    """The catalogue file is damaged or not what it claims: say so, never a traceback."""
    path = ctx.obj.get("db_path") if isinstance(ctx.obj, dict) else None
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        from promo.db import BUSY_TIMEOUT_MS

        message = _(
            "the catalogue ({path}) is busy: another program has been writing to it for over {seconds} seconds; "
            "nothing was written. Try again when it is done"
        ).format(path=path or "", seconds=BUSY_TIMEOUT_MS // 1000)
        return _PromoClickError(printable(message), 1)
    from promo.journal import is_read_only

    if isinstance(exc, sqlite3.OperationalError) and is_read_only(exc):  # a read-only file in a writable folder
        message = _(
            "the catalogue ({path}) is read-only: the file cannot be written; nothing was written. "
            "Ask for write access to it, or copy it somewhere you can write"
        ).format(path=path or "")
        return _PromoClickError(printable(message), 1)
    if path:
        message = _("the catalogue ({path}) could not be read or written: {error}").format(path=path, error=exc)
    else:
        message = _("the catalogue could not be read or written: {error}").format(error=exc)
    return click.ClickException(printable(message))


class _PromoClickError(click.ClickException):
    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


def _as_click_exception(exc: PromoError) -> click.ClickException:
    from promo.terminal import fitted

    message = exc.message + (f"\n  {exc.hint}" if exc.hint else "")
    lead = _("Error: {message}").format(message="")
    return _PromoClickError(fitted(printable(message), sys.stderr, lead=lead), exc.exit_code)


@click.group(
    cls=LazyGroup,
    lazy_subcommands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--db",
    "db_path",
    envvar="PROMO_DB",
    type=click.Path(dir_okay=False),
    default=None,
    help="Catalogue file, also after the subcommand (default: $PROMO_DB, else promo config, else ./catalogue.db).",
)
@click.option(
    "--no-pager",
    is_flag=True,
    expose_value=False,
    callback=pager.refuse,
    help="Print every listing straight out, not through the pager (PROMO_PAGER, PAGER or less).",
)
@click.version_option(__version__, "-V", "--version", prog_name="promo", help="Show the version and exit.")
@click.pass_context
def cli(ctx, db_path):
    """promo — the investment-promotion (招商引资) catalogue of a zone.

    Carriers and vacant units (资源清单), enterprises and their pipeline, policies, access criteria
    and promotion briefs, kept in one SQLite catalogue.

    \b
    Examples:
      promo vacancies --min-area 500 --facility GMP洁净车间
      promo carriers show 精准医学产业园
      promo --db other.db vacancies --format json
    """
    if db_path is not None and not db_path.strip():
        raise click.BadParameter(_("an empty path names no catalogue"), param_hint="'--db' / PROMO_DB")
    ctx.ensure_object(dict)
    ctx.obj.setdefault("db_path", db_path)
    if db_path is not None and ctx.get_parameter_source("db_path") == click.core.ParameterSource.COMMANDLINE:
        ctx.obj["db_given"], ctx.obj["db_source"] = db_path, "--db"
    elif db_path is not None:
        ctx.obj["db_source"] = "PROMO_DB"


def reader_left() -> None:
    """`promo vacancies | head -1`: the reader left, which is not an error. As Python's documentation advises,
    stdout is pointed at devnull (so the interpreter's last flush cannot fail) and promo exits 0."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(0)


_interrupt = {"seen": False}


def _on_interrupt(signum, frame) -> None:
    """Ctrl-C: remembered, then raised as usual; a KeyboardInterrupt raised inside a function SQLite calls is
    turned by SQLite into an error of its own, and this says what it really was."""
    _interrupt["seen"] = True
    raise KeyboardInterrupt


def interrupted(ctx: click.Context) -> None:
    """Ctrl-C (or SIGINT) stops the command with exit 130: no traceback, no click 'Aborted!', and a true word on
    what became of the catalogue (a write is one transaction: rolled back unless it had committed)."""
    conn = (ctx.find_root().obj or {}).get("conn") if isinstance(ctx.find_root().obj, dict) else None
    if getattr(conn, "promo_committed", False):
        click.echo(_("interrupted after the change was saved; promo log shows it, promo undo reverts it"), err=True)
    else:
        click.echo(_("interrupted; nothing was written"), err=True)
    sys.exit(130)


def _never_fail_on_encoding() -> None:
    """Output to a stream that is not UTF-8 (a Windows file redirect in GBK, PYTHONIOENCODING=ascii) shows a
    character it cannot hold as \\U0001f600 instead of stopping the listing with a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def main() -> None:
    import signal

    _never_fail_on_encoding()
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when started with SIGINT ignored
        signal.signal(signal.SIGINT, _on_interrupt)
    try:
        try:
            cli(prog_name="promo")
        finally:
            sys.stdout.flush()  # output short enough to sit in the buffer meets the closed pipe here
    except BrokenPipeError:
        reader_left()
    except KeyboardInterrupt:
        click.echo(_("interrupted; nothing was written"), err=True)
        sys.exit(130)
