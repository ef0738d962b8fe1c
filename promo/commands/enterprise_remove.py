"""promo enterprises remove: an enterprise entered by mistake, undoable; --purge for a deletion request."""

from __future__ import annotations

import click

from promo.commands.common import catalogue, say
from promo.i18n import _


@click.command("remove")
@click.argument("name")
@click.option(
    "--purge",
    is_flag=True,
    help="Erase it everywhere, the change journal and match history included (a deletion request); cannot be undone.",
)
@click.pass_context
def remove(ctx, name, purge):
    """Remove an enterprise entered by mistake: its units are freed, its history and activities go with it.

    NAME must be the full name (either script) or the credit code. `promo undo` brings it back, except
    after --purge, which also erases it from the change journal and says what it erased.

    \b
    Examples:
      promo enterprises remove 济南新药科技有限公司
      promo enterprises remove 济南新药科技有限公司 --purge
    """
    from promo import enterprises as domain
    from promo.db import change

    conn = catalogue(ctx)
    if purge:
        from promo.db import write
        from promo.purge import ERASED, describe
        from promo.purge import purge as erase

        with write(conn, f"purge {ERASED}") as journal_id:
            r = erase(conn, name, journal_id)
        for line in describe(r):
            say(line)
        return
    r = change(conn, domain.remove, name)
    freed = f"; freed {', '.join(r['released'])}" if r["released"] else ""
    say(_("removed {name} (#{id}){freed}").format(name=r["name"], id=r["id"], freed=freed))
