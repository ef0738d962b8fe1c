"""准入机制: access criteria (thresholds per zone, industry or carrier), the negative list, and checking a project.

Every check shows the computed figure and the formula it came from (e.g. 20,000万元 ÷ 50亩 = 400万元/亩)
next to the threshold, so an officer can recompute it by hand.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from promo.db import rows
from promo.i18n import _
from promo.industries import family, find_related
from promo.profile import fmt_num, fmt_wan, normalise
from promo.text import fold
from promo.vocabulary import Shown


@dataclass(frozen=True)
class Metric:
    label: str
    unit: str
    formula: str  # how the figure is computed, in words
    needs: tuple[str, ...]  # profile keys the figure is computed from
    land: bool = False  # a per-亩 figure: only meaningful for a project that takes land


METRICS = {
    "investment_intensity": Metric(
        "固定资产投资强度", "万元/亩", "投资额 ÷ 用地亩数", ("investment_wan", "land_mu"), land=True
    ),
    "output_per_mu": Metric("亩均产出", "万元/亩", "年产值 ÷ 用地亩数", ("output_wan", "land_mu"), land=True),
    "tax_per_mu": Metric("亩均税收", "万元/亩", "年税收 ÷ 用地亩数", ("tax_wan", "land_mu"), land=True),
    "rd_share": Metric("研发投入占营收比", "%", "年研发投入 ÷ 年产值 × 100%", ("rd_wan", "output_wan")),
    "investment": Metric("投资额", "万元", "项目总投资", ("investment_wan",)),
    "output": Metric("年产值", "万元", "达产年产值", ("output_wan",)),
    "tax": Metric("年税收", "万元", "达产年税收", ("tax_wan",)),
    "jobs": Metric("就业人数", "人", "新增就业", ("jobs",)),
    "land_mu": Metric("用地面积", "亩", "项目用地", ("land_mu",), land=True),
}

NEEDS_LABELS = {
    "investment_wan": "投资额 --investment",
    "land_mu": "用地亩数 --land-mu",
    "output_wan": "年产值 --output",
    "tax_wan": "年税收 --tax",
    "rd_wan": "年研发投入 --rd",
    "jobs": "就业人数 --jobs",
}

# Why a figure cannot be computed although every input is given.
UNDEFINED = {"rd_share": "年产值为 0, 研发投入占比无法计算 (R&D share needs an annual output above 0: give --output)"}

OPS = {">=": "≥", "<=": "≤"}
STATUSES = Shown("check_status")  # pass, fail … → ✓ 达标 / ✓ pass, in the user's language
VERDICTS = {"pass": "通过", "fail": "不通过", "review": "需审核", "unknown": "待补充"}


def compute(metric: str, p: dict) -> tuple[float | None, str]:
    """The metric's value for profile `p` and the arithmetic behind it; (None, '') when a figure is missing."""
    m = METRICS[metric]
    values = [p.get(k) for k in m.needs]
    if any(v is None for v in values):
        return None, ""
    inv, land, out, tax, rd = (p.get(k) for k in ("investment_wan", "land_mu", "output_wan", "tax_wan", "rd_wan"))
    if metric == "investment_intensity":
        value = inv / land
        return value, f"{fmt_wan(inv)}万元 ÷ {fmt_num(land)}亩"
    if metric == "output_per_mu":
        return out / land, f"{fmt_wan(out)}万元 ÷ {fmt_num(land)}亩"
    if metric == "tax_per_mu":
        return tax / land, f"{fmt_wan(tax)}万元 ÷ {fmt_num(land)}亩"
    if metric == "rd_share":
        if out == 0:
            return None, ""
        return rd / out * 100, f"{fmt_wan(rd)}万元 ÷ {fmt_wan(out)}万元 × 100%"
    return float(values[0]), ""


def list_criteria(
    conn: sqlite3.Connection,
    *,
    industry: str | None = None,
    carrier: str | None = None,
    industry_ids: list[int] | None = None,
    carrier_ids: list[int] | None = None,
    limit: int | None = None,
) -> list[dict]:
    """The criteria, zone-wide first; --industry/--carrier (or the ids of industries and carriers in a brief's
    focus) keep those that bind a project of that kind; the first `limit`."""
    if industry:
        industry_ids = find_related(conn, industry)
    if carrier:
        from promo.lookup import find

        carrier_ids = [find(conn, "carriers", carrier, _("carrier"))["id"]]
    where = ["1=1"]
    for column, ids in (("c.industry_id", industry_ids), ("c.carrier_id", carrier_ids)):
        if ids is not None:
            where.append(f"({column} IS NULL OR {column} IN ({','.join(str(int(i)) for i in ids) or 'NULL'}))")
    sql = f"""SELECT c.*, ca.name AS carrier, ca.name_en AS carrier_en, ca.code AS carrier_code,
                     i.name AS industry, i.name_en AS industry_en, i.code AS industry_code
              FROM criteria c LEFT JOIN carriers ca ON ca.id = c.carrier_id
              LEFT JOIN industries i ON i.id = c.industry_id
              WHERE {" AND ".join(where)}
              ORDER BY c.carrier_id IS NOT NULL, c.industry_id IS NOT NULL, c.id"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [_finish(r) for r in rows(conn, sql)]


def _finish(r: dict) -> dict:
    m = METRICS.get(r["metric"])
    r["metric_label"] = m.label if m else r["metric"]
    r["metric_formula"] = m.formula if m else r["metric"]
    r["unit"] = r["unit"] or (m.unit if m else "")
    r["threshold_text"] = f"{OPS.get(r['op'], r['op'])} {_with_unit(fmt_num(r['threshold']), r['unit'])}"
    r["scope"] = "carrier" if r["carrier_id"] else "industry" if r["industry_id"] else "zone"
    r["scope_label"] = r["carrier"] or r["industry"] or "全区"
    r["sample"] = bool(r["sample"])
    return r


def negative_list(conn: sqlite3.Connection, limit: int | None = None) -> list[dict]:
    """The negative list: 禁止 (prohibited) and 限制 (restricted) items with the keywords that flag them."""
    # every column: an English item (item_en), once the catalogue has one, reaches the brief
    sql = "SELECT * FROM negative_list ORDER BY kind = '限制', id" + (f" LIMIT {int(limit)}" if limit else "")
    out = rows(conn, sql)
    for r in out:
        r["keywords"] = json.loads(r["keywords"] or "[]")
        r["sample"] = bool(r["sample"])
    return out


_SELECT = f"""
WITH RECURSIVE
  {family()},
  fit AS (
    SELECT c.*, ca.name AS carrier, ca.code AS carrier_code, i.name AS industry, i.code AS industry_code,
      CASE WHEN c.carrier_id IS NULL THEN 1 WHEN :carrier_id IS NULL THEN 0
           WHEN c.carrier_id = :carrier_id THEN 1 ELSE -1 END AS carrier_fit,
      CASE WHEN c.industry_id IS NULL THEN 1 WHEN :industry_id IS NULL THEN 0
           WHEN c.industry_id IN (SELECT id FROM up) THEN 1
           WHEN c.industry_id IN (SELECT id FROM down) THEN 0 ELSE -1 END AS industry_fit
    FROM criteria c LEFT JOIN carriers ca ON ca.id = c.carrier_id LEFT JOIN industries i ON i.id = c.industry_id)
SELECT * FROM fit WHERE carrier_fit >= 0 AND industry_fit >= 0
ORDER BY carrier_id IS NOT NULL, industry_id IS NOT NULL, id
"""

_HITS = """
SELECT n.*, (SELECT json_group_array(k.value) FROM json_each(n.keywords) k
             WHERE k.value <> '' AND instr(:text, k.value) > 0) AS hits
FROM negative_list n
WHERE EXISTS (SELECT 1 FROM json_each(n.keywords) k WHERE k.value <> '' AND instr(:text, k.value) > 0)
ORDER BY n.kind = '限制', n.id
"""


def check(conn: sqlite3.Connection, profile: dict, *, renting: bool | None = None) -> dict:
    """Check a project against the criteria that bind it and the negative list.

    Returns {profile, verdict, verdict_label, criteria: [...], negative: [...], missing: [...]}; each criterion
    carries value, formula, status (pass / fail / unknown / n/a) and binding (False when it binds only if
    the project settles in that carrier or turns out to be in that industry). `renting` says the project
    leases floor space rather than taking land, which makes per-亩 criteria not applicable.
    """
    p = normalise(conn, profile)
    if renting is None:
        # a project that asks for floor space (or already leases some) and names no land takes no land
        renting = p["land_mu"] is None and any(p.get(k) for k in ("min_area", "max_area", "leased_area_m2"))
    out, missing, undetermined = [], [], []
    excepted = _exceptions(conn, p.get("enterprise_id"))
    for r in rows(conn, _SELECT, {"industry_id": p["industry_id"], "carrier_id": p["carrier_id"]}):
        r = _finish(r)
        carrier_fit, industry_fit = r.pop("carrier_fit"), r.pop("industry_fit")
        r["binding"] = carrier_fit == 1 and industry_fit == 1
        metric = METRICS.get(r["metric"])
        if metric is None:
            r.update(value=None, formula="", status="unknown", note=f"未知指标 {r['metric']}")
        else:
            value, formula = compute(r["metric"], p)
            r["value"], r["formula"] = value, formula
            if value is None and metric.land and renting:
                r["status"], r["note"] = "n/a", "租用载体, 不涉及供地"
            elif value is None:
                r["lacking"] = [k for k in metric.needs if p.get(k) is None]
                lacking = [NEEDS_LABELS.get(k, k) for k in r["lacking"]]
                r["status"] = "unknown"
                if lacking:
                    r["note"] = "缺 " + "、".join(lacking)
                else:  # every figure is there, but the formula cannot use it (R&D share of an output of 0)
                    r["note"] = UNDEFINED.get(r["metric"], "无法计算")
                    if r["binding"]:
                        undetermined.append(f"{r['name']}: {r['note']}")
                if r["binding"]:
                    missing += [k for k in metric.needs if p.get(k) is None]
            else:
                ok = value >= r["threshold"] if r["op"] == ">=" else value <= r["threshold"]
                r["status"], r["note"] = ("pass" if ok else "fail"), ""
        if r["id"] in excepted and r["status"] in ("fail", "unknown"):
            # decided case by case (一事一议): shown as the exception it is, and not a failure of the project
            e = excepted[r["id"]]
            r["status"] = "exception"
            r["note"] = f"一事一议: {e['approved_by']} {e['approved_on']}" + (f" ({e['note']})" if e["note"] else "")
            missing = [k for k in missing if k not in (metric.needs if metric else ())]
        r["status_label"] = STATUSES[r["status"]]
        r["value_text"] = _value_text(r)
        out.append(r)

    text = fold(" ".join(x for x in (p.get("name"), p.get("business"), p.get("industry")) if x))
    negative = []
    for n in rows(conn, _HITS, {"text": text}) if text else []:
        n["keywords"] = json.loads(n["keywords"] or "[]")
        n["hits"] = json.loads(n["hits"] or "[]")
        n["sample"] = bool(n["sample"])
        negative.append(n)

    binding = [r["status"] for r in out if r["binding"]]
    if "fail" in binding or any(n["kind"] == "禁止" for n in negative):
        verdict = "fail"
    elif negative:
        verdict = "review"
    elif "unknown" in binding:
        verdict = "unknown"
    else:
        verdict = "pass"
    return {
        "profile": p,
        "verdict": verdict,
        "verdict_label": VERDICTS[verdict],
        "criteria": out,
        "negative": negative,
        "missing": [NEEDS_LABELS.get(k, k) for k in dict.fromkeys(missing)],
        "missing_keys": list(dict.fromkeys(missing)),  # the profile's keys: worded where shown (vocabulary)
        "undetermined": undetermined,
        "exceptions": [r["name"] for r in out if r["status"] == "exception"],
    }


def _exceptions(conn: sqlite3.Connection, enterprise_id: int | None) -> dict[int, dict]:
    """An enterprise's 一事一议 exceptions by criterion id."""
    if enterprise_id is None:
        return {}
    found = rows(conn, "SELECT * FROM criteria_exceptions WHERE enterprise_id = ?", (enterprise_id,))
    return {r["criterion_id"]: r for r in found}


def _value_text(r: dict) -> str:
    """The figure as shown: the formula, '=', the value with enough digits that pass/fail is visible."""
    value = r.get("value")
    if value is None:
        return ""
    shown = fmt_num(value)
    # a figure that rounds onto the threshold but misses it gets more digits, so the failure is visible
    if shown == fmt_num(r["threshold"]) and value != r["threshold"]:
        shown = fmt_num(value, 6)
    figure = _with_unit(shown, r["unit"])
    return f"{r['formula']} = {figure}" if r.get("formula") else figure


def _with_unit(figure: str, unit: str | None) -> str:
    if not unit:
        return figure
    return f"{figure}{unit}" if unit == "%" else f"{figure} {unit}"
