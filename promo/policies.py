"""产业政策: support policies, their eligibility, and which of them apply to a prospect or enterprise.

Eligibility is data (table policy_eligibility): industries, enterprise kinds, minimum investment and jobs, stages,
carriers, countries; an empty field means no restriction. Each field is judged in SQL as yes / no /
unknown (the fact is not on record) / if (it will hold once the enterprise reaches a stage or settles in
a carrier), and the verdicts combine: any no → no; else any unknown → unknown; else any if → if; else yes.
"""

from __future__ import annotations

import json
import sqlite3

from promo.db import rows
from promo.errors import BadValue
from promo.i18n import _
from promo.industries import family, find_related
from promo.policy_estimate import RATE_BASES, cap_text, estimate
from promo.policy_words import FIELD_LABELS, explain
from promo.profile import fmt_num, fmt_wan, normalise, stage_position
from promo.text import fold, today
from promo.vocabulary import STAGES, choices, labels, policy_order, shown, stage_values, stages_text, words_to_code

LEVELS = labels("policy_level")

VERDICTS = {"yes": "符合", "if": "条件符合", "unknown": "待核实", "no": "不符合"}
_VERDICT_ORDER = {"yes": 0, "if": 1, "unknown": 2, "no": 3}
# Plans set direction; they give an enterprise nothing to apply for.
PLAN_KIND = "规划"
_LANDED = STAGES.index("落地")


def parse_level(value: str | None) -> str | None:
    """A policy level from its English code or Chinese label (provincial / 省级 …)."""
    if value is None:
        return None
    level = words_to_code("policy_level").get(fold(value))
    if level is None:
        raise BadValue(
            "--level", value, _("not a policy level; use one of {choices}").format(choices=choices("policy_level"))
        )
    return level


def parse_kind(conn: sqlite3.Connection, value: str | None) -> str | None:
    """A policy kind (落户, 租金, 人才 …) as recorded in the catalogue."""
    if value is None:
        return None
    kinds = [r[0] for r in conn.execute("SELECT DISTINCT kind FROM policies WHERE kind IS NOT NULL ORDER BY kind")]
    for kind in kinds:
        if fold(kind) == fold(value):
            return kind
    raise BadValue(
        "--kind", value, _("no policy of this kind; kinds in the catalogue: {kinds}").format(kinds="、".join(kinds))
    )


_POLICY_COLUMNS = """
    p.id, p.code, p.name, p.name_en, p.issuer, p.issuer_en, p.level, p.kind, p.start_date, p.end_date,
    p.cap_wan, p.rate, p.description, p.description_en, p.sample, p.source,
    e.policy_id IS NOT NULL AS has_eligibility, e.industries AS el_industries, e.enterprise_kinds AS el_kinds,
    e.min_investment_wan AS el_min_investment_wan, e.min_jobs AS el_min_jobs, e.stages AS el_stages,
    e.carriers AS el_carriers, e.countries AS el_countries, e.rate_basis, e.note AS eligibility_note,
    e.sample AS eligibility_sample
"""


def _names(conn: sqlite3.Connection, table: str, codes: list[str]) -> list[str]:
    if not codes:
        return []
    found = dict(
        conn.execute(
            f"SELECT code, name FROM {table} WHERE code IN ({','.join('?' * len(codes))})",
            codes,
        ).fetchall()
    )
    return [found.get(c, c) for c in codes]


def _finish(conn: sqlite3.Connection, r: dict) -> dict:
    """Decode the eligibility JSON lists and add display names; drop the raw el_ columns."""

    def load(key: str) -> list:
        return json.loads(r.pop(key) or "[]")

    industries, kinds, stages = load("el_industries"), load("el_kinds"), load("el_stages")
    carriers, countries = load("el_carriers"), load("el_countries")
    min_investment, min_jobs, note, sample = (
        r.pop("el_min_investment_wan"),
        r.pop("el_min_jobs"),
        r.pop("eligibility_note"),
        r.pop("eligibility_sample"),
    )
    r["eligibility"] = None
    if r.pop("has_eligibility"):
        r["eligibility"] = {
            "industries": industries,
            "industry_names": _names(conn, "industries", industries),
            "enterprise_kinds": kinds,
            "min_investment_wan": min_investment,
            "min_jobs": min_jobs,
            "stages": stages,
            "carriers": carriers,
            "carrier_names": _names(conn, "carriers", carriers),
            "countries": countries,
            "rate_basis": r.get("rate_basis"),
            "note": note,
            "sample": bool(sample),
        }
        leading = {r[0] for r in conn.execute("SELECT code FROM industries WHERE level = 'industry'")}
        r["eligibility"]["all_leading"] = bool(leading) and set(industries) == leading
    r["sample"] = bool(r["sample"])
    r["level_label"] = LEVELS.get(r["level"], r["level"])
    r["summary"] = eligibility_summary(r)
    r["terms"] = terms(r)
    return r


def eligibility_summary(policy: dict) -> str:
    """The eligibility rules in one line, in the user's language: '产业 高端医疗器械; 投资 ≥ 5,000万元; 阶段 签约'."""
    e = policy.get("eligibility")
    if policy.get("kind") == PLAN_KIND:
        return _("a plan: gives no direct support")
    if e is None:
        return _("eligibility not recorded")
    parts, sep = [], _(", ")
    if e.get("all_leading"):
        parts.append(_("industry: all leading industries"))
    elif e["industry_names"]:
        parts.append(_("industry {names}").format(names=sep.join(e["industry_names"])))
    if e["enterprise_kinds"]:
        kinds = sep.join(shown("enterprise_kind", k) for k in e["enterprise_kinds"])
        parts.append(_("kind {kinds}").format(kinds=kinds))
    if e["min_investment_wan"] is not None:
        parts.append(_("investment ≥ {amount}万元").format(amount=fmt_wan(e["min_investment_wan"])))
    if e.get("min_jobs") is not None:
        parts.append(_("jobs ≥ {n}").format(n=f"{e['min_jobs']:,}"))
    if e["stages"]:
        parts.append(_("stage {stages}").format(stages=stages_text(e["stages"])))
    if e["carrier_names"]:
        parts.append(_("carrier {names}").format(names=sep.join(e["carrier_names"])))
    if e["countries"]:
        countries = sep.join(shown("country_group", c) for c in e["countries"])
        parts.append(_("country {countries}").format(countries=countries))
    return _("; ").join(parts) or _("no conditions")


def terms(policy: dict) -> str:
    """What the policy gives, e.g. '实际投资额 × 2%, 最高 500万元'."""
    code = policy.get("rate_basis") or ""
    rate, cap = policy.get("rate"), policy.get("cap_wan")
    parts = []
    # a rate without a basis (e.g. 100% of a talent's flat rent) says nothing the cap does not
    if rate is not None and code in RATE_BASES:
        parts.append(f"{shown('rate_basis', code)} × {fmt_num(rate * 100)}%")
    if cap is not None:
        parts.append(cap_text(cap, code))
    return ", ".join(parts)


def list_policies(
    conn: sqlite3.Connection,
    *,
    industry: str | None = None,
    kind: str | None = None,
    level: str | None = None,
    active_on: str | None = None,
    ended_before: str | None = None,
    industry_ids: list[int] | None = None,
    carrier_ids: list[int] | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Policies inside the filters; --industry (or industry_ids, e.g. an industry's family) keeps policies open
    to one of those industries or to all, carrier_ids likewise for carriers; the first `limit` in order."""

    where, params = ["1=1"], {}
    if industry:
        industry_ids = find_related(conn, industry)
    if industry_ids is not None:
        where.append(_open_to("e.industries", "industries", industry_ids))
    if carrier_ids is not None:
        where.append(_open_to("e.carriers", "carriers", carrier_ids))
    if kind:
        where.append("p.kind = :kind")
        params["kind"] = parse_kind(conn, kind)
    if level:
        where.append("p.level = :level")
        params["level"] = parse_level(level)
    if active_on:
        # a policy without dates is kept: the articles often do not give them, and hiding it would mislead
        where.append("(p.start_date IS NULL OR p.start_date <= :on) AND (p.end_date IS NULL OR p.end_date >= :on)")
        params["on"] = active_on
    if ended_before:
        # an expired policy leaves the listing by its date and stays on record (promo policies --expired)
        where.append("(p.end_date IS NULL OR p.end_date >= :ended)")
        params["ended"] = ended_before
    sql = f"""SELECT {_POLICY_COLUMNS} FROM policies p LEFT JOIN policy_eligibility e ON e.policy_id = p.id
              WHERE {" AND ".join(where)}
              ORDER BY {policy_order("p")}"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [_finish(conn, r) for r in rows(conn, sql, params)]


def _open_to(column: str, table: str, ids: list[int]) -> str:
    """An eligibility list (JSON codes) is empty, so open to all, or names one of the `table` rows `ids`."""
    listed = ",".join(str(int(i)) for i in ids) or "NULL"
    safe = f"CASE WHEN json_valid({column}) THEN {column} ELSE '[]' END"  # a malformed list opens to none
    return (
        f"({column} IS NULL OR trim({column}) IN ('', '[]') OR EXISTS (SELECT 1 FROM json_each({safe}) j"
        f" JOIN {table} t ON t.code = j.value WHERE t.id IN ({listed})))"
    )


def policy(conn: sqlite3.Connection, name: str) -> dict:
    """One policy with its eligibility spelled out."""
    from promo.lookup import find

    row = find(conn, "policies", name, _("policy"))
    sql = (
        f"SELECT {_POLICY_COLUMNS} FROM policies p LEFT JOIN policy_eligibility e ON e.policy_id = p.id WHERE p.id = ?"
    )
    return _finish(conn, rows(conn, sql, (row["id"],))[0])


_STAGE_VALUES = stage_values()

_CHECKS = f"""
WITH RECURSIVE
  {family()},
  stage_pos(stage, pos) AS (VALUES {_STAGE_VALUES})
SELECT {_POLICY_COLUMNS},
  CASE WHEN coalesce(json_array_length(e.industries), 0) = 0 THEN 'any'
       WHEN :industry_id IS NULL THEN 'unknown'
       WHEN EXISTS (SELECT 1 FROM json_each(e.industries) j JOIN industries i ON i.code = j.value
                    WHERE i.id IN (SELECT id FROM up)) THEN 'yes'
       -- the prospect is filed under a broader industry than the policy names: it may or may not qualify
       WHEN EXISTS (SELECT 1 FROM json_each(e.industries) j JOIN industries i ON i.code = j.value
                    WHERE i.id IN (SELECT id FROM down)) THEN 'unknown'
       ELSE 'no' END AS industry_check,
  (SELECT group_concat(i.name, '、') FROM json_each(e.industries) j JOIN industries i ON i.code = j.value
   WHERE i.id IN (SELECT id FROM up)) AS industry_match,
  CASE WHEN coalesce(json_array_length(e.enterprise_kinds), 0) = 0 THEN 'any'
       WHEN :kind IS NULL THEN 'unknown'
       WHEN EXISTS (SELECT 1 FROM json_each(e.enterprise_kinds) WHERE value = :kind) THEN 'yes'
       ELSE 'no' END AS kind_check,
  CASE WHEN e.min_investment_wan IS NULL THEN 'any'
       WHEN :investment IS NULL THEN 'unknown'
       WHEN :investment >= e.min_investment_wan THEN 'yes'
       ELSE 'no' END AS investment_check,
  CASE WHEN e.min_jobs IS NULL THEN 'any'
       WHEN :jobs IS NULL THEN 'unknown'
       WHEN :jobs >= e.min_jobs THEN 'yes'
       ELSE 'no' END AS jobs_check,
  CASE WHEN coalesce(json_array_length(e.stages), 0) = 0 THEN 'any'
       WHEN EXISTS (SELECT 1 FROM json_each(e.stages) WHERE value = :stage) THEN 'yes'
       WHEN EXISTS (SELECT 1 FROM json_each(e.stages) j JOIN stage_pos s ON s.stage = j.value
                    WHERE s.pos > :stage_pos) THEN 'if'
       ELSE 'no' END AS stage_check,
  CASE WHEN coalesce(json_array_length(e.carriers), 0) = 0 THEN 'any'
       WHEN :carrier IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(e.carriers) WHERE value = :carrier) THEN 'yes'
       WHEN :carrier IS NOT NULL THEN 'no'
       WHEN :stage_pos < {_LANDED} THEN 'if'
       ELSE 'unknown' END AS carrier_check,
  CASE WHEN coalesce(json_array_length(e.countries), 0) = 0 THEN 'any'
       WHEN :country IS NULL THEN 'unknown'
       WHEN EXISTS (SELECT 1 FROM json_each(e.countries)
                    WHERE value = :country OR (value = '境外' AND :country <> '中国')
                       OR (value = '境内' AND :country = '中国')) THEN 'yes'
       ELSE 'no' END AS country_check,
  CASE WHEN p.end_date IS NOT NULL AND p.end_date < :on THEN 'no'
       WHEN p.start_date IS NOT NULL AND p.start_date > :on THEN 'if'
       ELSE 'yes' END AS date_check
FROM policies p LEFT JOIN policy_eligibility e ON e.policy_id = p.id
ORDER BY p.id
"""

_FIELDS = ("date", "industry", "kind", "investment", "jobs", "stage", "carrier", "country")


def applicable(
    conn: sqlite3.Connection, profile: dict, *, on: str | None = None, include_all: bool = False
) -> list[dict]:
    """Policies that apply to a prospect or enterprise, each with verdict, reason and estimate.

    By default only verdicts yes (applies now) and if (applies once it reaches a stage or settles in a
    listed carrier); include_all adds unknown and no, with the failing fields named. Each dict holds the
    policy's fields plus verdict, verdict_label, reason, checks, failing, estimate_wan, estimate_text and
    estimate_period ('once', 'year', or None when there is no rate).
    """
    p = normalise(conn, profile)
    on = on or today()
    params = {
        "industry_id": p["industry_id"],
        "kind": p["kind"],
        "investment": p["investment_wan"],
        "jobs": p.get("jobs"),
        "stage": p["stage"],
        "stage_pos": stage_position(p["stage"]),
        "carrier": p["carrier_code"],
        "country": p["country"],
        "on": on,
    }
    out = []
    for r in rows(conn, _CHECKS, params):
        statuses = {f: r.pop(f"{f}_check") for f in _FIELDS}
        statuses["industry_match"] = r.pop("industry_match")
        r = _finish(conn, r)
        checks = explain(r, statuses, p)
        if r["kind"] == PLAN_KIND:
            text = _("{field} a plan: gives enterprises no direct support").format(
                field=_(FIELD_LABELS["kind_of_policy"])
            )
            checks = [{"field": "kind_of_policy", "status": "no", "text": text}]
        elif r["eligibility"] is None and statuses["date"] != "no":
            text = _("eligibility not recorded: read the policy itself")
            checks.append({"field": "eligibility", "status": "unknown", "text": text})
        verdict = _combine([c["status"] for c in checks])
        r["verdict"] = verdict
        r["verdict_label"] = VERDICTS[verdict]
        r["checks"] = checks
        r["failing"] = [c["field"] for c in checks if c["status"] == "no"]
        held = [c for c in checks if c["status"] == verdict] if verdict in ("no", "unknown") else checks
        r["reason"] = _("; ").join(c["text"] for c in held) or _("no conditions")
        r["estimate_wan"], r["estimate_text"] = estimate(r, p)
        # a one-off award and a yearly relief must not be added up as if they were the same kind of money
        r["estimate_period"] = {"investment": "once", "annual_rent": "year", "rd_spend": "year"}.get(r["rate_basis"])
        if verdict == "no":
            r["estimate_wan"] = None  # nothing to expect from a policy that does not apply
        out.append(r)
    if not include_all:
        out = [r for r in out if r["verdict"] in ("yes", "if")]
    out.sort(key=lambda r: (_VERDICT_ORDER[r["verdict"]], -(r["estimate_wan"] or 0), r["id"]))
    return out


def _combine(statuses: list[str]) -> str:
    for verdict in ("no", "unknown", "if"):
        if verdict in statuses:
            return verdict
    return "yes"
