"""阶段记录 in workbooks: every stage an enterprise entered and when, so an export brought into another catalogue
keeps the funnel's history (意向 → 洽谈 → …), not only the current stage and the signing; written by
promo.stage_entries, after the enterprises sheet has added the records."""

from __future__ import annotations

from promo.i18n import N_
from promo.io.headers import Field
from promo.io.lists.linked import LinkedList, collect, date, enterprise_field, text, the_enterprise
from promo.vocabulary import STAGES


def _parse(conn, raw, names, options) -> dict:
    from promo.enterprise_fields import parse_stage

    e, stage, day, reason = collect(
        lambda: the_enterprise(conn, raw, names),
        lambda: parse_stage(raw["stage"], names["stage"]),
        date(raw, names, "date"),
        text(raw, names, "reason", 500),
    )
    return {
        "label": f"{e['name']}: {stage} {day}",
        "enterprise": dict(e),
        "stage": stage,
        "date": day,
        "reason": reason,
        "last_entry": options.get("last_entry", 0),
    }


def _record(conn, typed) -> dict | None:
    from promo.stage_entries import entry

    found = entry(conn, typed["enterprise"]["id"], typed["stage"], typed["date"])
    if found is None or (_own(found, typed) and typed["reason"] and typed["reason"] != found["reason"]):
        return None  # new to the catalogue, or written moments ago by this import's enterprises sheet: added
    return {"id": found["id"], "reason": found["reason"], "label": typed["label"]}


def _own(found, typed) -> bool:
    """Whether the entry was written by this very import (the enterprises sheet adds each record's current stage
    and signing), so the row completes a new record rather than changing one on file."""
    return found["id"] > typed["last_entry"]


def _add(conn, typed) -> list[str]:
    from promo.stage_entries import add_past_entry, entry, set_reason

    found = entry(conn, typed["enterprise"]["id"], typed["stage"], typed["date"])
    if found is not None and _own(found, typed):
        set_reason(conn, found["id"], typed["reason"])
    else:
        add_past_entry(conn, typed["enterprise"], typed["stage"], typed["date"], typed["reason"])
    return []


def _update(conn, record, typed, changed) -> list[str]:
    from promo.stage_entries import set_reason

    set_reason(conn, record["id"], typed["reason"])
    return []


def _rows(conn):
    # by name, then in the pipeline's order: the same sheet from any catalogue holding the same history
    order = " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STAGES))
    for name, stage, day, reason in conn.execute(
        f"""SELECT e.name, h.stage, h.date, h.reason FROM stage_history h JOIN enterprises e ON e.id = h.enterprise_id
            ORDER BY e.name_folded, e.name, h.date, CASE h.stage {order} END, h.id"""
    ):
        yield {"enterprise": name, "stage": stage, "date": day, "reason": reason}


STAGE_HISTORY = LinkedList(
    "阶段记录",
    "stage history",
    [
        enterprise_field(),
        Field(
            "stage",
            "阶段",
            "stage",
            ("项目阶段", "推进阶段", "所处阶段", "stage"),
            "choice",
            required=True,
            choices=STAGES,
        ),
        Field("date", "日期", "date", ("阶段日期", "进入日期", "时间", "变更日期", "date"), "date", required=True),
        Field("reason", "说明", "reason", ("变更说明", "阶段说明", "备注", "reason", "note")),
    ],
    _parse,
    lambda t: (N_("stage and date"), f"{t['enterprise']['id']}\x1f{t['stage']}\x1f{t['date']}"),
    _record,
    _add,
    _update,
    _rows,
    ("reason",),
    {"enterprise": "济南示例医疗科技有限公司", "stage": "洽谈", "date": "2026-01-20", "reason": "示例"},
    options={"--date": "date"},
    count_sql="SELECT count(*) FROM stage_history",
)
