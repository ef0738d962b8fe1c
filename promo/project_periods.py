"""SQL for the projects whose life reached a point within a period, shared by the ledger, the weekly report
and the brief so that all three count a signing or a start of production the same way."""

from __future__ import annotations

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
