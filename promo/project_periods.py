"""SQL for the projects whose life reached a point within a period, shared by the ledger, the weekly report
and the brief so that all three count a signing or a start of production the same way."""

from __future__ import annotations

import re
import unicodedata

from promo.errors import BadValue
from promo.i18n import _
from promo.vocabulary import SIGNED as SIGNED_STAGES
from promo.vocabulary import sql_in

PRODUCING_STAGES = ("投产", "达效")

# The projects whose life reached a point within :start … :end, as the ledger counts them: signed = the first
# stage entry at 签约 or later; producing = the 投产 milestone, else the first stage entry at 投产 or later.
# Each reads only the period's rows through the date indexes, so a year costs what happened in it.
SIGNED_IN = f"""
  signed_in(enterprise_id, date) AS MATERIALIZED (
    SELECT h.enterprise_id, min(h.date) FROM stage_history h
    WHERE h.stage IN {sql_in(SIGNED_STAGES)} AND h.date BETWEEN :start AND :end
      AND NOT EXISTS (SELECT 1 FROM stage_history x WHERE x.enterprise_id = h.enterprise_id
                        AND x.stage IN {sql_in(SIGNED_STAGES)} AND x.date < :start)
    GROUP BY h.enterprise_id)"""
PRODUCING_IN = f"""
  producing_in(enterprise_id, date) AS (
    SELECT enterprise_id, actual_date FROM milestones
    WHERE milestone = '投产' AND actual_date BETWEEN :start AND :end
    UNION ALL
    SELECT h.enterprise_id, min(h.date) FROM stage_history h
    WHERE h.stage IN {sql_in(PRODUCING_STAGES)} AND h.date BETWEEN :start AND :end
      AND NOT EXISTS (SELECT 1 FROM stage_history x WHERE x.enterprise_id = h.enterprise_id
                        AND x.stage IN {sql_in(PRODUCING_STAGES)} AND x.date < :start)
      AND NOT EXISTS (SELECT 1 FROM milestones m WHERE m.enterprise_id = h.enterprise_id
                        AND m.milestone = '投产' AND m.actual_date IS NOT NULL)
    GROUP BY h.enterprise_id)"""


def quarter_of(date: str) -> tuple[int, int]:
    """The year and quarter (1 to 4) an ISO date falls in: 2026-08-05 → (2026, 3)."""
    return int(date[:4]), (int(date[5:7]) - 1) // 3 + 1


_QUARTER = re.compile(r"(?:q|第)?([1-4一二三四])(?:季度|季)?")


def parse_quarter(value: str | None, field: str = "--quarter") -> int | None:
    """A quarter as officers write it: 3, Q3, 第三季度, 三季 (any width or case); None when not given."""
    if value is None:
        return None
    if not value.strip():
        raise BadValue(field, value, _("is empty; give a quarter (1 to 4) or leave the option out"))
    found = _QUARTER.fullmatch(re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).lower())
    if not found:
        raise BadValue(field, value, _("not a quarter; give 1 to 4 (Q1 … Q4 and 第一季度 … are read too)"))
    return "1234一二三四".index(found[1]) % 4 + 1
