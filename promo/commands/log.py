"""promo log and promo undo: the change journal, and reverting a command as a whole."""

from __future__ import annotations

import click

from promo.commands.common import (
    LIMIT,
    ROW_ID,
    ask,
    catalogue,
    confirm,
    format_option,
    need_terminal,
    not_empty,
    say,
    yes_option,
)
from promo.i18n import N_, _


@click.group(invoke_without_command=True)
@click.option("-n", "--limit", type=LIMIT, default=20, show_default=True, help="Newest entries shown (0 = all).")
@click.option("--user", callback=not_empty, help="Only this OS user's commands.")
@click.option("-v", "--changes", is_flag=True, help="Show each entry's row changes too.")
@format_option
@click.pass_context
def log(ctx, limit, user, changes, fmt):
    """The change journal: every writing command, when, by whom, its command line and what it changed.

    \b
    Examples:
      promo log
      promo log -v -n 5
      promo log show 12
    """
    if ctx.invoked_subcommand:
        return
    from promo import journal_read, views

    found = journal_read.entries(catalogue(ctx), limit=limit, user=user, with_changes=changes or fmt == "json")
    if fmt in ("json", "csv", "markdown"):
        view = views.JOURNAL if fmt == "json" else views.JOURNAL.without("changes")
        if changes and fmt == "markdown":  # -v: each entry's row changes in the one changes column
            for e in found:
                e["tally"] = e["changes"]
        view.show(found, fmt)
        return
    if not found:
        click.echo(_("the change journal is empty"), err=True)
        return
    # like git log: a command line does not fit a table cell, so each entry gets its own lines
    for e in found:
        status = f"  [{e['status']}]" if e["status"] else ""
        say(f"#{e['id']}  {e['at']}  {e['user']}  {e['summary'] or ''}{status}")
        say(f"    $ {e['command']}")
        for line in e["changes"] if changes else [e["tally"]]:
            say(f"    {line}")


@log.command("show")
@click.argument("entry", type=ROW_ID)
@format_option
@click.pass_context
def show(ctx, entry, fmt):
    """One journal entry with every row it changed, field by field: an added or removed row with each of
    its fields, a changed row with each changed field as before → after.

    \b
    Examples:
      promo log show 12
      promo log show 12 --format json
    """
    from promo import journal_read
    from promo.render import Column, render

    e = journal_read.entry(catalogue(ctx), entry)
    if fmt == "json":
        from promo.render import json_text

        click.echo(json_text(e, default=str))
        return
    if fmt == "csv":
        render(e["changes"], [Column(k, k) for k in ("tbl", "row_id", "op", "text", "fields")], fmt)
        return
    if fmt == "markdown":
        render(
            e["changes"],
            [Column("text", N_("Change")), Column("fields", N_("Fields"), "list")],
            fmt,
            title=f"#{e['id']} {e['summary'] or ''}",
        )
        return
    status = f"  [{e['status']}]" if e["status"] else ""
    say(f"#{e['id']}  {e['at']}  {e['user']}  {e['summary'] or ''}{status}")
    say(f"    $ {e['command']}")
    for c in e["changes"]:
        say(f"    {c['text']}")
        for line in c["fields"]:
            say(f"        {line}")
    if not e["changes"]:
        say("    " + _("(no row changes)"))


@click.command()
@click.argument("entry", type=ROW_ID, required=False)
@click.option("--dry-run", is_flag=True, help="Say what would be reverted, and whether it can be, without doing it.")
@yes_option
@click.pass_context
def undo(ctx, entry, dry_run, yes):
    """Revert the last command as a whole (an import of 1,000 rows is one step), or journal entry ENTRY.

    On a terminal it shows what it will revert and asks first (default no); off a terminal (a script) it
    needs --yes. Refused, with the reason, when a later change depends on it (undo that first). The undo is
    itself recorded in the journal, and `promo redo` right after it puts the change back.

    \b
    Examples:
      promo undo
      promo undo --dry-run
      promo undo --yes
      promo undo 12 --yes
    """
    from promo import journal_read, revert
    from promo.db import write

    conn = catalogue(ctx)
    if not dry_run and not yes:
        need_terminal("promo undo")
        if entry is None and _offer_redo(conn):
            return
    if dry_run or not yes:
        r = revert.undo_preview(conn, journal_read.undo_target(conn, entry)["id"])
        say(_("would undo #{id} {what} ({user}, {at}):").format(id=r["id"], what=_what(r), user=r["user"], at=r["at"]))
        _reverted_lines(r)
        if r["checked"] == "read-only":
            say(
                _(
                    "note: the catalogue is read-only, so the undo was not tried; later changes were checked, "
                    "but whether every restored row still finds what it refers to is known only when undoing"
                ),
                err=True,
            )
        if dry_run:
            return
        confirm(_("Undo #{id}?").format(id=r["id"]), yes=False, command="promo undo")
        entry = r["id"]  # the entry shown is the one undone, whatever another promo did meanwhile
    # the entry is chosen under the write lock: undos run at the same time queue, each taking the next
    with write(conn, "undo") as journal_id:
        r = revert.undo(conn, entry, journal_id)
    say(_("undid #{id} {what} ({user}, {at}):").format(id=r["id"], what=_what(r), user=r["user"], at=r["at"]))
    _reverted_lines(r)
    from promo.redo import last_undo

    if last_undo(conn):
        say(_("to put it back: promo redo"), err=True)


def _what(r: dict) -> str:
    return r["summary"] or r["command"]


def _reverted_lines(r: dict) -> None:
    for line in r["reverted"]:
        say(f"  {line}")
    more = r["reverted_count"] - len(r["reverted"])
    if more > 0:
        say("  " + _("… and {n:,} more row changes (all of them: promo log show {id})").format(n=more, id=r["id"]))


def _offer_redo(conn) -> bool:
    """Right after an undo, `promo undo` on a terminal first offers to redo it; True when it did."""
    from promo.redo import last_undo

    found = last_undo(conn)
    if found is None:
        return False
    undone = found[1]
    what = f"#{undone['id']} {_what(undone)}"
    say(_("the last change was an undo of {what}").format(what=what))
    if not ask(_("Redo {what} instead (put it back)?").format(what=what)):
        return False
    _redo(conn)
    return True


@click.command()
@click.option("--dry-run", is_flag=True, help="Say what would be put back, without doing it.")
@yes_option
@click.pass_context
def redo(ctx, dry_run, yes):
    """Put back what the last `promo undo` reverted — right after it, before any other change.

    On a terminal it shows what it will put back and asks first; off a terminal it needs --yes.
    The redo is recorded in the journal, and `promo undo` reverts the command again.

    \b
    Examples:
      promo redo
      promo redo --yes
    """
    from promo import redo as domain

    conn = catalogue(ctx)
    if not dry_run and not yes:
        need_terminal("promo redo")
    if dry_run or not yes:
        r = domain.preview(conn)
        say(_("would redo #{id} {what} ({user}, {at}):").format(id=r["id"], what=_what(r), user=r["user"], at=r["at"]))
        _reverted_lines(r)
        if dry_run:
            return
        confirm(_("Redo #{id}?").format(id=r["id"]), yes=False, command="promo redo")
    _redo(conn)


def _redo(conn) -> None:
    from promo import redo as domain
    from promo.db import write

    with write(conn, "redo") as journal_id:
        r = domain.redo(conn, journal_id)
    say(
        _("redid #{id} {what} (undone by #{undo_id}; now in effect again):").format(
            id=r["id"], what=_what(r), undo_id=r["undo_id"]
        )
    )
    _reverted_lines(r)
