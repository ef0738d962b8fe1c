"""What is open and what is overdue among a project's milestones, services and coordination items, on a day:
one rule for `promo overdue`, the weekly report, `promo services --overdue` and the internal brief."""

from __future__ import annotations

from promo.service_status import STATUS_ON_SQL
from promo.text import today

# what is open on :today — today, what is not settled; on a past day (a past week's report), also what was settled
# after it, and of services and coordination items only those asked or raised by then; a service's status then
# comes from its history (paused or reopened since, it stood otherwise)
_ASKED = "(s.asked_date IS NULL OR s.asked_date <= :today)"
OPEN_ON = {
    "milestone": ("m.actual_date IS NULL", "(m.actual_date IS NULL OR m.actual_date > :today)"),
    "service": ("s.status != 'done'", f"{STATUS_ON_SQL} != 'done' AND {_ASKED}"),
    "coordination": ("c.status = 'open'", "(c.status = 'open' OR c.closed_date > :today) AND c.raised_date <= :today"),
}
# open and its clock running, where that is narrower than open: a paused service (暂缓) waits on purpose, so it
# is never overdue. One test of the status, as on a past day each reads the service's history again
_NOT_DONE_OR_PAUSED = "NOT IN ('done', 'paused')"
_RUNNING = {"service": (f"s.status {_NOT_DONE_OR_PAUSED}", f"{STATUS_ON_SQL} {_NOT_DONE_OR_PAUSED} AND {_ASKED}")}

_DUE = {"milestone": "m.planned_date", "service": "s.due_date", "coordination": "c.due_date"}


def overdue_where(kind: str, on: str | None = None) -> str:
    """The SQL condition (aliases m, s, c; the day as :today) for an item of `kind` overdue on `on` (None:
    today): open then, its clock running, and past its due date."""
    past = bool(on and on < today())
    return f"{_RUNNING.get(kind, OPEN_ON[kind])[past]} AND {_DUE[kind]} < :today"
