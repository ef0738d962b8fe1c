"""What is open and what is overdue among a project's milestones, services and coordination items, on a day:
one rule for `promo overdue`, the weekly report, `promo services --overdue` and the internal brief."""

from __future__ import annotations

from promo.service_status import STATUS_ON_SQL
from promo.text import today

# what is open on :today — today, what is not settled; on a past day (a past week's report), also what was settled
# after it, and of services and coordination items only those asked or raised by then; a service's status then
# comes from its history (paused or reopened since, it stood otherwise)
OPEN_ON = {
    "milestone": ("m.actual_date IS NULL", "(m.actual_date IS NULL OR m.actual_date > :today)"),
    "service": (
        "s.status != 'done'",
        f"{STATUS_ON_SQL} != 'done' AND (s.asked_date IS NULL OR s.asked_date <= :today)",
    ),
    "coordination": ("c.status = 'open'", "(c.status = 'open' OR c.closed_date > :today) AND c.raised_date <= :today"),
}

_DUE = {"milestone": "m.planned_date", "service": "s.due_date", "coordination": "c.due_date"}
# an open item whose clock does not run: a paused service (暂缓) waits on purpose, so it is never overdue
_RUNNING = {"service": ("s.status != 'paused'", f"{STATUS_ON_SQL} != 'paused'")}


def overdue_where(kind: str, on: str | None = None) -> str:
    """The SQL condition (aliases m, s, c; the day as :today) for an item of `kind` overdue on `on` (None:
    today): open then, its clock running, and past its due date."""
    past = bool(on and on < today())
    running = _RUNNING[kind][past] if kind in _RUNNING else None
    return " AND ".join(filter(None, (OPEN_ON[kind][past], running, f"{_DUE[kind]} < :today")))
