"""promo enterprises remove: an enterprise entered by mistake, undoable; --purge for a deletion request."""

from __future__ import annotations

import click

from promo.commands.common import catalogue, confirm, say, yes_option
from promo.i18n import N_, _


@click.command("remove")
@click.argument("name")
@click.option(
    "--purge",
    is_flag=True,
    help="Erase it everywhere, the change journal and match history included (a deletion request); cannot be undone.",
)
@yes_option
@click.pass_context
def remove(ctx, name, purge, yes):
    """Remove an enterprise entered by mistake: its units are freed, its history and activities go with it.

    NAME must be the full name (either script) or the credit code. `promo undo` brings it back, except
    after --purge, which also erases it from the change journal and says what it erased.

    \b
    Examples:
      promo enterprises remove 济南新药科技有限公司
      promo enterprises remove 济南新药科技有限公司 --purge --yes

    On a terminal it names what goes and asks first; off a terminal (a script) it needs --yes.
    """
    from promo import enterprises as domain
    from promo.db import change

    conn = catalogue(ctx)
    _ask(conn, name, purge, yes)
    if purge:
        from promo.db import write
        from promo.purge import ERASED, describe
        from promo.purge import purge as erase
        from promo.summary import note as journal_note

        with write(conn, journal_note(N_("purge {name}"), name=ERASED)) as journal_id:
            r = erase(conn, name, journal_id)
        for line in describe(r):
            say(line)
        return
    r = change(conn, domain.remove, name)
    freed = _("; ") + _("freed {units}").format(units=_(", ").join(r["released"])) if r["released"] else ""
    say(_("removed {name} (#{id}){freed}").format(name=r["name"], id=r["id"], freed=freed))


def _ask(conn, name: str, purge: bool, yes: bool) -> None:
    """Name the enterprise and what goes with it, then ask (a script passes --yes; a dry run needs no answer)."""
    if yes or conn.promo_dry_run:
        return
    from promo.db import trial
    from promo.enterprises import remove as domain_remove

    seen = trial(conn, domain_remove, name)  # the same matching and refusals as the real removal
    freed = "; " + _("frees {units}").format(units=", ".join(seen["released"])) if seen["released"] else ""
    how = (
        _("ERASE it everywhere, the journal included (cannot be undone)")
        if purge
        else _("remove it (promo undo restores it)")
    )
    question = _("{name} (#{id}){freed}: {how}?").format(name=seen["name"], id=seen["id"], freed=freed, how=how)
    confirm(question, yes=False, command="promo enterprises remove")
