"""promo log and promo undo: the change journal, and reverting a command as a whole."""

from __future__ import annotations

import click

from promo.commands.common import (
    LIMIT,
    ROW_ID,
    catalogue,
    confirm,
    format_option,
    need_terminal,
    not_empty,
    say,
    yes_option,
)


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
    from promo import journal, views

    found = journal.entries(catalogue(ctx), limit=limit, user=user, with_changes=changes or fmt == "json")
    if fmt in ("json", "csv", "markdown"):
        view = views.JOURNAL if fmt == "json" else views.JOURNAL.without("changes")
        if changes and fmt == "markdown":  # -v: each entry's row changes in the one changes column
            for e in found:
                e["tally"] = e["changes"]
        view.show(found, fmt)
        return
    if not found:
        click.echo("the change journal is empty", err=True)
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
    from promo import journal
    from promo.render import Column, render

    e = journal.entry(catalogue(ctx), entry)
    if fmt == "json":
        import json

        from promo.render import json_safe

        click.echo(json_safe(json.dumps(e, ensure_ascii=False, indent=2, default=str)))
        return
    if fmt == "csv":
        render(e["changes"], [Column(k, k) for k in ("tbl", "row_id", "op", "text", "fields")], fmt)
        return
    if fmt == "markdown":
        render(
            e["changes"],
            [Column("text", "变更 Change"), Column("fields", "字段 Fields", "list")],
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
        say("    (no row changes)")


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
    from promo import journal, revert
    from promo.db import write

    conn = catalogue(ctx)
    if not dry_run and not yes:
        need_terminal("promo undo")
        if entry is None and _offer_redo(conn):
            return
    if dry_run or not yes:
        r = revert.undo_preview(conn, journal.undo_target(conn, entry)["id"])
        say(f"would undo #{r['id']} {r['summary'] or r['command']} ({r['user']}, {r['at']}):")
        _reverted_lines(r)
        if r["checked"] == "read-only":
            say(
                "note: the catalogue is read-only, so the undo was not tried; later changes were checked, "
                "but whether every restored row still finds what it refers to is known only when undoing",
                err=True,
            )
        if dry_run:
            return
        confirm(f"Undo #{r['id']}?", yes=False, command="promo undo")
        entry = r["id"]  # the entry shown is the one undone, whatever another promo did meanwhile
    # the entry is chosen under the write lock: undos run at the same time queue, each taking the next
    with write(conn, "undo") as journal_id:
        r = revert.undo(conn, entry, journal_id)
    say(f"undid #{r['id']} {r['summary'] or r['command']} ({r['user']}, {r['at']}):")
    _reverted_lines(r)
    from promo.redo import last_undo

    if last_undo(conn):
        say("to put it back: promo redo", err=True)


def _reverted_lines(r: dict) -> None:
    for line in r["reverted"]:
        say(f"  {line}")
    more = r["reverted_count"] - len(r["reverted"])
    if more > 0:
        say(f"  … and {more:,} more row changes (all of them: promo log show {r['id']})")


def _offer_redo(conn) -> bool:
    """Right after an undo, `promo undo` on a terminal first offers to redo it; True when it did."""
    from promo.redo import last_undo

    found = last_undo(conn)
    if found is None:
        return False
    _, undone = found
    what = f"#{undone['id']} {undone['summary'] or undone['command']}"
    say(f"the last change was an undo of {what}")
    if not click.confirm(f"Redo {what} instead (put it back)?", default=False, err=True):
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
        say(f"would redo #{r['id']} {r['summary'] or r['command']} ({r['user']}, {r['at']}):")
        _reverted_lines(r)
        if dry_run:
            return
        confirm(f"Redo #{r['id']}?", yes=False, command="promo redo")
    _redo(conn)


def _redo(conn) -> None:
    from promo import redo as domain
    from promo.db import write

    with write(conn, "redo") as journal_id:
        r = domain.redo(conn, journal_id)
    say(f"redid #{r['id']} {r['summary'] or r['command']} (undone by #{r['undo_id']}; now in effect again):")
    _reverted_lines(r)
