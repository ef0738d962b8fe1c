"""Erasing an enterprise everywhere (a PIPL deletion request): its rows, its match history, and the journal.

A plain `enterprises remove` keeps the removed row in the journal so it can be undone; a purge cannot be
undone by design: every journaled row of the enterprise and of rows that belonged to it is deleted from
the journal, and its names, codes and contacts are blanked in the command lines and summaries kept there.
"""

from __future__ import annotations

import sqlite3

from promo.db import rows
from promo.i18n import _, ngettext

ERASED = "[已删除 erased]"
# tables whose rows belong to one enterprise through an enterprise_id column (journaled as JSON literals)
_OWNED = ("stage_history", "activities", "needs", "match_memory")
_PERSONAL = ("name", "name_en", "uscc", "code_name", "contact", "phone", "note")


def purge(conn: sqlite3.Connection, name: str, journal_id: int) -> dict:
    """Inside the caller's write: remove the enterprise named exactly, then erase it from history and journal."""
    from promo import enterprises
    from promo.identity import get

    e = dict(get(conn, name, exact=True))
    eid = e["id"]
    texts = {str(e[k]) for k in _PERSONAL if e.get(k) and len(str(e[k]).strip()) >= 2} | {name}
    texts |= {r["note"] for r in rows(conn, "SELECT note FROM activities WHERE enterprise_id = ?", (eid,)) if r["note"]}
    texts |= {
        r["reason"]
        for r in rows(conn, "SELECT reason FROM stage_history WHERE enterprise_id = ?", (eid,))
        if r["reason"]
    }
    owned = {t: conn.execute(f"SELECT count(*) FROM {t} WHERE enterprise_id = ?", (eid,)).fetchone()[0] for t in _OWNED}
    # a bulk insert journals its rows by id alone: which ids were the enterprise's is known only now
    owned_ids = {
        t: [r[0] for r in conn.execute(f"SELECT rowid FROM {t} WHERE enterprise_id = ?", (eid,))] for t in _OWNED
    }
    removed = enterprises.remove(conn, name)
    conn.execute("DELETE FROM match_memory WHERE enterprise_id = ?", (eid,))  # kept outside the journal
    changes = _erase_changes(conn, eid, owned_ids)
    scrubbed = _scrub_texts(conn, sorted(texts, key=len, reverse=True))
    emptied = conn.execute(
        """DELETE FROM journal WHERE id != ? AND undone_by IS NULL
             AND NOT EXISTS (SELECT 1 FROM journal_changes c WHERE c.journal_id = journal.id)
             AND NOT EXISTS (SELECT 1 FROM journal u WHERE u.undone_by = journal.id OR u.reverts = journal.id)""",
        (journal_id,),
    ).rowcount
    return {
        "id": eid,
        "name": removed["name"],
        "released": removed["released"],
        "rows": {"enterprises": 1, **owned},
        "journal_changes": changes,
        "journal_entries_scrubbed": scrubbed,
        "journal_entries_emptied": emptied,
    }


def _erase_changes(conn: sqlite3.Connection, eid: int, owned_ids: dict[str, list[int]]) -> int:
    """Delete every journaled image of the enterprise's row and of rows that belonged to it."""
    import json

    owned = ",".join(f"'{t}'" for t in _OWNED)
    key = f"{int(eid)}"
    by_id = sum(
        conn.execute(
            "DELETE FROM journal_changes WHERE tbl = ? AND op = 'insert' AND new IS NULL "
            "AND row_id IN (SELECT value FROM json_each(?))",
            (t, json.dumps(ids)),
        ).rowcount
        for t, ids in owned_ids.items()
        if ids
    )
    return (
        by_id
        + conn.execute(
            f"""DELETE FROM journal_changes WHERE (tbl = 'enterprises' AND row_id = :id)
             OR (tbl IN ({owned}) AND (json_extract(coalesce(old, new), '$.enterprise_id') = :key
                                       OR json_extract(new, '$.enterprise_id') = :key))""",
            {"id": eid, "key": key},
        ).rowcount
    )


def _scrub_texts(conn: sqlite3.Connection, texts: list[str]) -> int:
    """Blank each text in the journal's command lines and summaries; returns how many entries changed."""
    import json

    changed: set[int] = set()
    for text in texts:
        # a summary's values are JSON (promo.summary): the text as JSON writes it inside a string
        params = {"t": text, "e": ERASED, "j": json.dumps(text, ensure_ascii=False)[1:-1]}
        found = "instr(command, :t) > 0 OR instr(summary, :t) > 0 OR instr(summary_args, :j) > 0"
        for r in conn.execute(f"SELECT id FROM journal WHERE {found}", params).fetchall():
            changed.add(r[0])
        conn.execute(
            "UPDATE journal SET command = replace(command, :t, :e), summary = replace(summary, :t, :e), "
            f"summary_args = replace(summary_args, :j, :e) WHERE {found}",
            params,
        )
    return len(changed)


def describe(r: dict) -> list[str]:
    """What a purge erased, as lines for the officer (who may have to answer the request with it)."""

    gone = ", ".join(f"{t} {n}" for t, n in r["rows"].items() if n)
    scrubbed, emptied = r["journal_entries_scrubbed"], r["journal_entries_emptied"]
    lines = [
        _("purged {name} (#{id}): removed {rows}").format(name=r["name"], id=r["id"], rows=gone),
        _(
            "erased from the change journal: {images:,} row images; name, codes, contacts and notes blanked in "
            "{scrubbed}; {emptied} that held only this enterprise removed"
        ).format(
            images=r["journal_changes"],
            scrubbed=ngettext("{n:,} entry", "{n:,} entries", scrubbed).format(n=scrubbed),
            emptied=ngettext("{n:,} entry", "{n:,} entries", emptied).format(n=emptied),
        ),
    ]
    if r["released"]:
        lines.append(_("freed {units}").format(units=", ".join(r["released"])))
    return lines
