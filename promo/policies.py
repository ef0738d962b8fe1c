"""产业政策: support policies, their eligibility, and which of them apply to a prospect or enterprise.

Eligibility is data (table policy_eligibility): industries, enterprise kinds, minimum investment and jobs, stages,
carriers, countries; an empty field means no restriction. Each field is judged in SQL as yes / no /
unknown (the fact is not on record) / if (it will hold once the enterprise reaches a stage or settles in
a carrier), and the verdicts combine: any no → no; else any unknown → unknown; else any if → if; else yes.
"""

from __future__ import annotations

import json
import sqlite3

from promo.countries import is_overseas_region
from promo.db import rows
from promo.errors import BadValue
from promo.i18n import _
from promo.industries import family, find_related
from promo.policy_estimate import RATE_BASES, estimate
from promo.profile import KIND_LABELS, fmt_num, fmt_wan, normalise, stage_position
from promo.text import fold, today
from promo.vocabulary import STAGES, choices, labels, policy_order, stage_values

LEVELS = labels("policy_level")
_LEVEL_BY_FOLDED = (
    {fold(v): k for k, v in LEVELS.items()}
    | {k: k for k in LEVELS}
    | {fold(a): k for a, k in (("国家", "national"), ("省", "provincial"), ("市", "municipal"), ("区级", "zone"))}
)

VERDICTS = {"yes": "符合", "if": "条件符合", "unknown": "待核实", "no": "不符合"}
_VERDICT_ORDER = {"yes": 0, "if": 1, "unknown": 2, "no": 3}
# Plans set direction; they give an enterprise nothing to apply for.
PLAN_KIND = "规划"
_LANDED = STAGES.index("落地")


def parse_level(value: str | None) -> str | None:
    """A policy level from its English code or Chinese label (provincial / 省级 …)."""
    if value is None:
        return None
    level = _LEVEL_BY_FOLDED.get(fold(value))
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
    """The eligibility rules in one line, e.g. '产业 高端医疗器械; 投资 ≥ 5,000万元; 阶段 签约/注册'."""
    e = policy.get("eligibility")
    if policy.get("kind") == PLAN_KIND:
        return "规划, 不直接给予支持"
    if e is None:
        return "适用条件未录入"
    parts = []
    if e.get("all_leading"):
        parts.append("产业 全部主导产业")
    elif e["industry_names"]:
        parts.append("产业 " + "、".join(e["industry_names"]))
    if e["enterprise_kinds"]:
        parts.append("类型 " + "、".join(KIND_LABELS.get(k, k) for k in e["enterprise_kinds"]))
    if e["min_investment_wan"] is not None:
        parts.append(f"投资 ≥ {fmt_wan(e['min_investment_wan'])}万元")
    if e.get("min_jobs") is not None:
        parts.append(f"就业 ≥ {e['min_jobs']:,}人")
    if e["stages"]:
        parts.append("阶段 " + "/".join(e["stages"]))
    if e["carrier_names"]:
        parts.append("载体 " + "、".join(e["carrier_names"]))
    if e["countries"]:
        parts.append("国别 " + "、".join(e["countries"]))
    return "; ".join(parts) or "不限"


def terms(policy: dict) -> str:
    """What the policy gives, e.g. '实际投资额 × 2%, 最高 500万元'."""
    basis = RATE_BASES.get(policy.get("rate_basis") or "")
    rate, cap = policy.get("rate"), policy.get("cap_wan")
    period = basis[2] if basis else ""
    parts = []
    # a rate without a basis (e.g. 100% of a talent's flat rent) says nothing the cap does not
    if rate is not None and basis:
        parts.append(f"{basis[0]} × {fmt_num(rate * 100)}%")
    if cap is not None:
        parts.append(f"最高 {fmt_wan(cap)}万元{period}")
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
FIELD_LABELS = {
    "date": "政策",
    "industry": "产业",
    "kind": "类型",
    "investment": "投资",
    "jobs": "就业",
    "stage": "阶段",
    "carrier": "载体",
    "country": "国别",
    "eligibility": "条件",
    "kind_of_policy": "政策类型",
}


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
        checks = _explain(r, statuses, p, on)
        if r["kind"] == PLAN_KIND:
            checks = [{"field": "kind_of_policy", "status": "no", "text": "规划文件, 不直接给予企业支持"}]
        elif r["eligibility"] is None and statuses["date"] != "no":
            checks.append({"field": "eligibility", "status": "unknown", "text": "适用条件未录入, 请查阅政策原文"})
        verdict = _combine([c["status"] for c in checks])
        r["verdict"] = verdict
        r["verdict_label"] = VERDICTS[verdict]
        r["checks"] = checks
        r["failing"] = [c["field"] for c in checks if c["status"] == "no"]
        shown = [c for c in checks if c["status"] == verdict] if verdict in ("no", "unknown") else checks
        r["reason"] = "; ".join(c["text"] for c in shown) or "不限条件"
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


def _explain(r: dict, statuses: dict, p: dict, on: str) -> list[dict]:
    """One short phrase per restricted field, saying what was compared with what."""
    e = r["eligibility"] or {}
    out = []

    def add(field: str, text: str) -> None:
        mark = {"yes": " ✓", "no": " ✗"}.get(statuses[field], "")
        out.append({"field": field, "status": statuses[field], "text": f"{FIELD_LABELS[field]} {text}{mark}"})

    if statuses["date"] == "no":
        add("date", f"已于 {r['end_date']} 失效")
    elif statuses["date"] == "if":
        add("date", f"{r['start_date']} 起施行")
    if not e:
        return out

    listed = "、".join(e["industry_names"])
    s = statuses["industry"]
    if s == "yes":
        add("industry", f"{p['industry']} 属于 {statuses['industry_match'] or listed}")
    elif s == "no":
        add("industry", f"{p['industry']} 不在 {listed}")
    elif s == "unknown" and p["industry"]:
        add("industry", f"{p['industry']} 范围过宽, 政策限 {listed}")
    elif s == "unknown":
        add("industry", f"未记录 (政策限 {listed})")

    kinds = "、".join(KIND_LABELS.get(k, k) for k in e["enterprise_kinds"])
    s = statuses["kind"]
    if s in ("yes", "no"):
        add("kind", KIND_LABELS.get(p["kind"], p["kind"]) + ("" if s == "yes" else f", 政策限 {kinds}"))
    elif s == "unknown":
        add("kind", f"未记录 (政策限 {kinds})")

    # a threshold is judged one way whatever it counts: the figure against the minimum, or not on record
    for field, key, minimum, unit, show in (
        ("investment", "investment_wan", e["min_investment_wan"], "万元", fmt_wan),
        ("jobs", "jobs", e.get("min_jobs"), "人", lambda n: f"{n:,}"),
    ):
        s = statuses[field]
        if s in ("yes", "no"):
            add(field, f"{show(p[key])} {'≥' if s == 'yes' else '<'} {show(minimum)}{unit}")
        elif s == "unknown":
            add(field, f"未记录 (需 ≥ {show(minimum)}{unit})")

    stages = "/".join(e["stages"])
    s = statuses["stage"]
    now = p["stage"] or "尚未进入流程"
    if s == "yes":
        add("stage", now)
    elif s == "if":
        add("stage", f"{stages} 时适用 (现 {now})")
    elif s == "no":
        add("stage", f"{now}, 政策限 {stages}")

    carriers = "、".join(e["carrier_names"])
    s = statuses["carrier"]
    if s == "yes":
        add("carrier", p["carrier"])
    elif s == "no":
        add("carrier", f"{p['carrier']}, 政策限 {carriers}")
    elif s == "if":
        add("carrier", f"入驻 {carriers} 后适用")
    elif s == "unknown":
        add("carrier", f"未记录 (政策限 {carriers})")

    countries = "、".join(e["countries"])
    s = statuses["country"]
    # 港澳台 investors are 境外 for investment policy although part of China: say so where it decides
    region = (
        " (港澳台投资按境外计 Hong Kong, Macao and Taiwan count as 境外)"
        if is_overseas_region(p["country"]) and {"境外", "境内"} & set(e["countries"])
        else ""
    )
    if s == "yes":
        add("country", f"{p['country']} 属于 {countries}{region}")
    elif s == "no":
        add("country", f"{p['country']}, 政策限 {countries}{region}")
    elif s == "unknown":
        add("country", f"未记录 (政策限 {countries})")
    return out
