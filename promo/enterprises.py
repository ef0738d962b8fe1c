"""The pipeline: adding, updating, moving and removing enterprises, their activities, and reading them back.

Functions that write expect to run inside `promo.db.write` (one transaction, one journal entry); they
re-check everything there, so two promo processes can never double-book a unit or add the same
enterprise twice. Values from the command line are parsed first (`parse_*`, BadValue = exit 2); checks
against the catalogue raise NotFound or Rejected (exit 1).
"""

from __future__ import annotations

import shlex
import sqlite3

from promo.db import now, require_write
from promo.enterprise_add import (  # noqa: F401
    add,
    add_many,
    bad_check_warning,
    carrier_id_of,
    catalogue_problems,
    industry_id_of,
)
from promo.enterprise_fields import Fields, parse_fields

# reading them back lives in enterprise_listing; callers still reach it here
from promo.enterprise_listing import detail, listing  # noqa: F401
from promo.errors import BadValue, Rejected
from promo.holding import release_unit, settle_holdings, take_units
from promo.i18n import N_, _
from promo.identity import check_code_name, claim_text, duplicate_of, get, refuse_duplicate, reload
from promo.summary import note as journal_note
from promo.text import fold, today
from promo.vocabulary import shown, stage_index


def parse_checked(
    conn: sqlite3.Connection, raw: dict, names: dict[str, str] | None = None, *, memo: dict | None = None
) -> Fields:
    """parse_fields, and when a value is bad, what the catalogue refuses in the record too, in one message."""
    return parse_fields(raw, names, check=lambda f, unit_field: catalogue_problems(conn, f, unit_field), memo=memo)


def update(conn: sqlite3.Connection, name: str, f: Fields, *, transfer: bool = False) -> dict:
    """Correct an enterprise's record; only the fields given change ('' clears one).

    A new name or credit code is checked for duplicates; handing the first-report claim to another
    officer needs `transfer`; `date` corrects the date of the current stage.
    """
    require_write(conn)
    e = get(conn, name)
    changes: dict = {}
    warnings: list[str] = []
    if f.name is not None and f.name != e["name"]:
        dup, why = duplicate_of(conn, f.name, None, exclude=e["id"])
        if dup:
            raise refuse_duplicate(dup, why, f.name, None)
        changes["name"], changes["name_folded"] = f.name, fold(f.name)
    if f.uscc is not None:
        if f.uscc:
            dup, why = duplicate_of(conn, None, f.uscc, exclude=e["id"])
            if dup:
                raise refuse_duplicate(dup, why, f.uscc, None)
        changes["uscc"] = f.uscc or None
        changes["uscc_bad_check"] = int(bool(f.uscc) and f.uscc_bad_check)
        if f.uscc and f.uscc_bad_check:
            warnings.append(bad_check_warning(f.uscc))
    if f.code_name is not None:
        check_code_name(conn, f.code_name, exclude=e["id"])
        changes["code_name"] = f.code_name or None
        changes["code_name_folded"] = fold(f.code_name) if f.code_name else None
    if f.owner is not None and (f.owner or None) != e["owner"]:
        if e["owner"] and not transfer:
            raise Rejected(
                _("{claim}; {owner} does not take it over by an update").format(
                    claim=claim_text(e), owner=f.owner or _("nobody")
                ),
                _("hand the claim over deliberately with --transfer"),
            )
        if e["owner"] and f.owner:
            warnings.append(
                _("首报首谈: the claim on {name} passes from {old} to {new}").format(
                    name=e["name"], old=e["owner"], new=f.owner
                )
            )
        changes["owner"] = f.owner or None
        changes["owner_since"] = (f.owner_since or today()) if f.owner else None
    elif f.owner_since and f.owner_since != e["owner_since"] and (f.owner or e["owner"]):
        changes["owner_since"] = f.owner_since  # the claim's date corrected; who holds it is unchanged
    if f.industry is not None:
        changes["industry_id"] = industry_id_of(conn, f.industry)
    if f.carrier is not None:
        changes["carrier_id"] = carrier_id_of(conn, f.carrier)
    for key in ("name_en", "source_channel", "country", "contact", "phone", "note", "kind"):
        value = getattr(f, key)
        if value is not None:
            changes[key] = value or None
    for key in ("investment_wan", "jobs"):
        value = getattr(f, key)
        if value is not None:
            changes[key] = None if value == "" else value
    if f.stage is not None and f.stage != e["stage"]:
        hint = f"promo enterprises move {shlex.quote(e['name'])} {f.stage}"
        raise BadValue("--stage", f.stage, _("a stage changes by a move"), hint)
    if f.date is not None and f.date != e["stage_date"]:
        _check_stage_date(conn, e, f.date, correcting=True)
        changes["stage_date"] = f.date
        last = _last_history(conn, e["id"])
        if last and last["stage"] == e["stage"]:
            conn.execute("UPDATE stage_history SET date = ? WHERE id = ?", (f.date, last["id"]))
        else:
            conn.execute(
                "INSERT INTO stage_history (enterprise_id, stage, date, reason, recorded_at) VALUES (?, ?, ?, ?, ?)",
                (e["id"], e["stage"], f.date, "date corrected", now()),
            )
    if changes:
        sets = ", ".join(f"{k} = :{k}" for k in changes)
        try:
            conn.execute(f"UPDATE enterprises SET {sets} WHERE id = :id", {**changes, "id": e["id"]})
        except sqlite3.IntegrityError as exc:
            raise Rejected(_("{name} cannot be updated: {error}").format(name=e["name"], error=exc)) from None
    e = reload(conn, e["id"])
    released = [label for ref in f.release for label in release_unit(conn, e, ref)]
    space = take_units(conn, e["id"], f.units)
    taken = [t["unit"] for t in space if t["action"] in ("leased", "reserved")]
    changed = sorted(k for k in changes if not k.endswith("_folded"))
    return {
        "summary": _update_note(e["name"], changed, taken + released),
        "id": e["id"],
        "name": e["name"],
        "changed": changed,
        "units": taken,
        "space": space,
        "released": released,
        "warnings": warnings,
    }


def _last_history(conn: sqlite3.Connection, enterprise_id: int) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT * FROM stage_history WHERE enterprise_id = ? ORDER BY date DESC, id DESC LIMIT 1", (enterprise_id,)
    ).fetchone()


def redate_stage(conn: sqlite3.Connection, e: sqlite3.Row, stage: str, old: str, new: str) -> dict | None:
    """Move the entry of `stage` dated `old` in the history (a milestone's move there) to `new`, and the current
    stage's date with it; the history stays in order (refused naming --date otherwise). None when no such entry."""
    history = conn.execute(
        "SELECT id, stage, date FROM stage_history WHERE enterprise_id = ? ORDER BY date, id", (e["id"],)
    ).fetchall()
    at = next((i for i, h in enumerate(history) if h["stage"] == stage and h["date"] == old), None)
    if at is None or old == new:
        return None
    before = history[at - 1] if at > 0 else None
    after = history[at + 1] if at + 1 < len(history) else None
    for other, wrong in ((before, before and new < before["date"]), (after, after and new > after["date"])):
        if wrong:
            raise Rejected(
                _("--date {date}: {name} entered {stage} on {other_date}; {moved} cannot be dated {date}").format(
                    date=new, name=e["name"], stage=other["stage"], other_date=other["date"], moved=stage
                ),
                _("correct the stage history first: {command}").format(
                    command=f"promo enterprises update {shlex.quote(e['name'])} --date …"
                ),
            )
    conn.execute("UPDATE stage_history SET date = ? WHERE id = ?", (new, history[at]["id"]))
    conn.execute(
        "UPDATE enterprises SET stage_date = ? WHERE id = ? AND stage = ? AND stage_date = ?",
        (new, e["id"], stage, old),
    )
    return {"stage": stage, "from": old, "to": new}


def _check_stage_date(conn: sqlite3.Connection, e: sqlite3.Row, date: str, *, correcting: bool = False) -> None:
    """A stage date may not come before the date of the stage it follows."""
    if correcting:
        prev = conn.execute(
            """SELECT stage, date FROM stage_history WHERE enterprise_id = ?
               ORDER BY date DESC, id DESC LIMIT 1 OFFSET 1""",
            (e["id"],),
        ).fetchone()
        if prev and date < prev["date"]:
            raise Rejected(
                _("--date {date}: is before {before}, when {name} entered {stage} (the stage before {current})").format(
                    date=date, before=prev["date"], name=e["name"], stage=prev["stage"], current=e["stage"]
                )
            )
        return
    if e["stage_date"] and date < e["stage_date"]:
        raise Rejected(
            _("--date {date}: is before {before}, when {name} entered {stage}").format(
                date=date, before=e["stage_date"], name=e["name"], stage=e["stage"]
            ),
            _("a move is dated on or after the previous stage's date; correct that date with {command}").format(
                command=f"promo enterprises update {shlex.quote(e['name'])} --date …"
            ),
        )


def move(
    conn: sqlite3.Connection,
    name: str,
    stage: str,
    *,
    date: str | None = None,
    reason: str | None = None,
    units: list[str] | None = None,
    release: list[str] | None = None,
) -> dict:
    """Move an enterprise to a stage on a date; a step back needs a reason. Records the move in its history."""
    require_write(conn)
    e = get(conn, name)
    date = date or today()
    if stage == e["stage"]:
        at = shown("stage", stage)
        if e["stage_date"]:
            raise Rejected(
                _("{name} is already at {stage} since {date}").format(name=e["name"], stage=at, date=e["stage_date"])
            )
        raise Rejected(_("{name} is already at {stage}").format(name=e["name"], stage=at))
    back = stage_index(stage) < stage_index(e["stage"])
    from promo.terminal import check_text

    reason = check_text(reason, "--reason", max_len=2000, one_line=False)
    if back and not (reason and reason.strip()):
        raise BadValue(
            "--reason",
            _("(missing)"),
            _("moving {name} back from {current} to {stage} needs a reason").format(
                name=e["name"], current=e["stage"], stage=stage
            ),
        )
    _check_stage_date(conn, e, date)
    conn.execute(
        "INSERT INTO stage_history (enterprise_id, stage, date, reason, recorded_at) VALUES (?, ?, ?, ?, ?)",
        (e["id"], stage, date, (reason or "").strip() or None, now()),
    )
    conn.execute("UPDATE enterprises SET stage = ?, stage_date = ? WHERE id = ?", (stage, date, e["id"]))
    released = [label for ref in release or [] for label in release_unit(conn, reload(conn, e["id"]), ref)]
    # what it already holds follows the move (a reservation becomes a lease once it signs), then new units
    settled = settle_holdings(conn, e["id"])
    named = [t for t in take_units(conn, e["id"], units or []) if t["unit"] not in {s["unit"] for s in settled}]
    space = settled + named
    taken = [t["unit"] for t in space if t["action"] in ("leased", "reserved")]
    warnings = []
    held = [
        r[0]
        for r in conn.execute(
            "SELECT c.name || '/' || u.code FROM units u JOIN carriers c ON c.id = u.carrier_id "
            "WHERE u.enterprise_id = ?",
            (e["id"],),
        )
    ]
    landed = stage_index("落地")
    if stage_index(stage) < landed <= stage_index(e["stage"]) and held:
        warnings.append(
            _("{name} still holds {units}; free it with --release if it moved out").format(
                name=e["name"], units=_(", ").join(held)
            )
        )
    if stage_index(stage) >= landed > stage_index(e["stage"]) and not held and not reload(conn, e["id"])["carrier_id"]:
        warnings.append(_("no space is on record for {name}; give it a unit with --unit").format(name=e["name"]))
    return {
        "summary": journal_note(
            N_("move {name} {old_stage} → {new_stage}"), name=e["name"], old_stage=e["stage"], new_stage=stage
        ),
        "id": e["id"],
        "name": e["name"],
        "from": e["stage"],
        "to": stage,
        "date": date,
        "back": back,
        "units": taken,
        "space": space,
        "released": released,
        "warnings": warnings,
    }


def log_activity(
    conn: sqlite3.Connection,
    name: str,
    kind: str,
    *,
    date: str | None = None,
    note: str | None = None,
    next_date: str | None = None,
    owner: str | None = None,
) -> dict:
    """Record a visit, call, meeting or event, with an optional follow-up date."""
    from promo.enterprise_fields import MAX_NAME, parse_text

    require_write(conn)
    owner = parse_text(owner, "--owner", max_len=MAX_NAME)  # stored as who did it: checked as any owner is
    e = get(conn, name)
    date = date or today()
    if next_date and next_date < date:
        raise BadValue(
            "--next", next_date, _("the follow-up comes before the activity itself ({date})").format(date=date)
        )
    aid = conn.execute(
        "INSERT INTO activities (enterprise_id, kind, date, note, next_date, owner, recorded_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (e["id"], kind, date, note or None, next_date, owner or e["owner"], now()),
    ).lastrowid
    summary = journal_note(N_("log {activity} {name}"), activity=kind, name=e["name"])
    return {"summary": summary, "id": aid, "name": e["name"], "kind": kind, "date": date, "next": next_date}


def _update_note(name: str, fields: list[str], units: list[str]):
    if fields and units:
        return journal_note(N_("update {name}: {fields}; units {units}"), name=name, fields=fields, units=units)
    if units:
        return journal_note(N_("update {name}: units {units}"), name=name, units=units)
    return journal_note(N_("update {name}: {fields}"), name=name, fields=fields)


def remove(conn: sqlite3.Connection, name: str) -> dict:
    """Delete an enterprise named exactly (or by credit code), releasing its units; history and activities go too."""
    require_write(conn)
    e = get(conn, name, exact=True)
    released = (
        release_unit(conn, e, "all")
        if conn.execute("SELECT 1 FROM units WHERE enterprise_id = ?", (e["id"],)).fetchone()
        else []
    )
    try:
        conn.execute("DELETE FROM enterprises WHERE id = ?", (e["id"],))
    except sqlite3.IntegrityError:
        raise Rejected(
            _("{name} is referred to elsewhere in the catalogue (e.g. as a target of the 招商目录)").format(
                name=e["name"]
            ),
            _("unlink it there first"),
        ) from None
    return {
        "summary": journal_note(N_("remove {name}"), name=e["name"]),
        "id": e["id"],
        "name": e["name"],
        "released": released,
    }
