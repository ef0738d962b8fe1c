"""产业政策 (with eligibility) and 准入机制 criteria in workbooks, written by promo/edit's own add and update."""

from __future__ import annotations

import json
import sqlite3

from promo.db import rows
from promo.i18n import N_, _
from promo.io.headers import Field
from promo.io.lists.records import RecordList, adder, by_ids, by_name, name_key, parser, updater, yes
from promo.text import fold

_ELIGIBILITY_LISTS = ("industries", "carriers", "stages", "countries", "enterprise_kinds")
_ELIGIBILITY = (*_ELIGIBILITY_LISTS, "min_investment_wan", "min_jobs", "rate_basis", "note")


def _policy_parse(conn, raw, names):
    from promo.edit.policies import ELIGIBILITY_FIELDS, POLICY_FIELDS
    from promo.edit.record import parse_record, problems_error
    from promo.errors import PromoError

    raw = _open_to_all(raw)
    keys = {f.key for f in ELIGIBILITY_FIELDS}
    out, problems = {}, []
    for part, fields, partial in (
        ({k: v for k, v in raw.items() if k not in keys}, POLICY_FIELDS, True),
        ({k: v for k, v in raw.items() if k in keys}, ELIGIBILITY_FIELDS, True),
    ):
        try:
            out |= parse_record(conn, part, fields, partial=partial, names=names or None)
        except PromoError as exc:
            problems += getattr(exc, "problems", [exc])
    problems_error(problems)
    return out


def _names_of(conn, table: str, codes: list[str]) -> str:
    if not codes:
        return ""
    found = dict(conn.execute(f"SELECT code, name FROM {table} WHERE code IN ({','.join('?' * len(codes))})", codes))
    return ";".join(found.get(c, c) for c in codes)


def _policies(conn: sqlite3.Connection, ids) -> list[dict]:
    from promo.policies import LEVELS, RATE_BASES
    from promo.profile import KIND_LABELS

    sql, params = by_ids(
        """SELECT t.*, e.industries, e.carriers, e.stages, e.countries, e.enterprise_kinds, e.min_investment_wan,
                  e.min_jobs, e.rate_basis, e.note AS eligibility_note, e.policy_id IS NOT NULL AS recorded,
                  e.sample AS eligibility_sample
           FROM policies t LEFT JOIN policy_eligibility e ON e.policy_id = t.id""",
        ids,
        "t.id",
    )
    out = []
    for r in rows(conn, sql, params):
        lists = {k: json.loads(r[k]) if r[k] else [] for k in _ELIGIBILITY_LISTS}
        r["industries"] = _names_of(conn, "industries", lists["industries"])
        r["carriers"] = _names_of(conn, "carriers", lists["carriers"])
        r["stages"] = ";".join(lists["stages"])
        r["countries"] = ";".join(lists["countries"])
        r["enterprise_kinds"] = ";".join(KIND_LABELS.get(k, k) for k in lists["enterprise_kinds"])
        r["level"] = LEVELS.get(r["level"], r["level"])
        r["rate_basis"] = RATE_BASES[r["rate_basis"]][0] if r["rate_basis"] in RATE_BASES else r["rate_basis"]
        r["note"] = r.pop("eligibility_note")
        r["sample"] = yes(r["sample"])
        r["eligibility_sample"] = yes(r["eligibility_sample"])
        if r.pop("recorded") and not any(r[k] not in (None, "") for k in _ELIGIBILITY):
            r["industries"] = OPEN_TO_ALL  # recorded as open to all, unlike a policy whose conditions are not entered
        out.append(r)
    return out


OPEN_TO_ALL = "不限"
_OPEN = {fold(w) for w in (OPEN_TO_ALL, "全部", "所有", "均可", "不限制", "all", "any")}
_OPEN |= {
    fold(w + what) for w in ("所有", "全部", "各", "全", "不限") for what in ("行业", "产业", "企业", "载体", "园区")
}


def _open_to_all(raw: dict) -> dict:
    """不限 (全部, all …) in a condition as the empty value the policy writer reads as no restriction."""
    return {k: ("" if k in _ELIGIBILITY_LISTS and v and fold(str(v)) in _OPEN else v) for k, v in raw.items()}


class PolicyList(RecordList):
    """Policies and their eligibility: a row with no eligibility cell leaves the conditions unrecorded (promo
    then says to read the policy), 不限 records them as open to all, and 适用条件为示例 marks them as sample."""

    def parse(self, conn, raw: dict, names: dict, options: dict):
        raw = dict(raw)
        el_sample = (raw.pop("eligibility_sample", None) or "").strip() in ("是", "※", "1", "yes", "true")
        raw = _open_to_all(raw)
        r = super().parse(conn, raw, names, options)
        r.eligibility = any(k in raw for k in _ELIGIBILITY)
        r.eligibility_sample = el_sample
        return r

    def changes(self, conn, row, r) -> list[tuple]:
        out = super().changes(conn, row, r)
        have = conn.execute("SELECT sample FROM policy_eligibility WHERE policy_id = ?", (row["id"],)).fetchone()
        if have is not None and r.eligibility and bool(have[0]) != r.eligibility_sample:
            out.append(("eligibility_sample", yes(have[0]), yes(r.eligibility_sample)))
        return out

    def add(self, conn, r, names: dict) -> list[str]:
        warnings = super().add(conn, r, names)
        (policy_id,) = conn.execute(
            "SELECT id FROM policies WHERE name_folded = ?", (fold(r.typed["name"]),)
        ).fetchone()
        if not r.eligibility:
            conn.execute("DELETE FROM policy_eligibility WHERE policy_id = ?", (policy_id,))
        elif r.eligibility_sample:
            conn.execute("UPDATE policy_eligibility SET sample = 1 WHERE policy_id = ?", (policy_id,))
        return warnings

    def update(self, conn, row, r, changed: list) -> list[str]:
        fields = [c for c in changed if c[0] != "eligibility_sample"]
        warnings = super().update(conn, row, r, fields) if fields else []
        # the writer marks changed conditions as the office's own (not sample); the row may say otherwise
        redone = r.eligibility_sample and any(c[0] in _ELIGIBILITY for c in fields)
        if redone or len(fields) < len(changed):
            conn.execute(
                "UPDATE policy_eligibility SET sample = ? WHERE policy_id = ?", (int(r.eligibility_sample), row["id"])
            )
        return warnings


POLICIES = PolicyList(
    "产业政策",
    "policies",
    [
        Field("name", "政策名称", "name", ("名称", "政策", "policy"), "name", required=True),
        Field("code", "编码", "code", ("代码", "code")),
        Field("doc_no", "文号", "document no.", ("发文字号", "文件号")),
        Field("name_en", "英文名称", "English name", ("name_en",)),
        Field("issuer", "发布单位", "issuer", ("发文单位", "发布机关", "制定单位")),
        Field("issuer_en", "发布单位(英文)", "issuer (English)", ("issuer_en",)),
        Field("level", "级别", "level", ("政策级别", "层级"), "choice", choices=("国家级", "省级", "市级", "园区")),
        Field("kind", "政策类型", "kind", ("类型", "类别", "支持方向")),
        Field("start_date", "生效日期", "start", ("开始日期", "施行日期", "起始日期"), "date"),
        Field("end_date", "截止日期", "end", ("有效期至", "失效日期", "结束日期"), "date"),
        Field(
            "cap_wan",
            "上限(万元)",
            "cap (10k CNY)",
            ("最高奖补", "补贴上限", "最高(万元)", "上限"),
            "money",
            note="万元; 不限 = 无上限",
        ),
        Field("rate", "比例", "rate", ("补贴比例", "奖补比例")),
        Field(
            "rate_basis", "比例基数", "rate basis", ("计算基数",), "choice", choices=("投资额", "年租金", "研发投入")
        ),
        Field("description", "政策条款", "terms", ("条款", "支持内容", "政策内容", "内容", "说明")),
        Field("description_en", "英文条款", "terms (English)", ("description_en",)),
        Field("source", "出处", "source", ("来源", "依据")),
        Field("industries", "适用产业", "for industries", ("适用行业", "支持产业"), "list", note="多个用 ; 分隔"),
        Field("carriers", "适用载体", "for carriers", ("适用园区",), "list"),
        Field("stages", "适用阶段", "for stages", (), "list"),
        Field("countries", "适用国别", "for countries", ("适用国家",), "list", note="境外 = 中国以外"),
        Field("enterprise_kinds", "适用主体", "for kinds", ("适用对象", "主体类型"), "list"),
        Field("min_investment_wan", "最低投资(万元)", "min investment (10k CNY)", ("投资门槛", "最低投资额"), "money"),
        Field("min_jobs", "最低就业(人)", "min jobs", ("最低就业", "就业门槛", "最低就业人数", "min_jobs"), "int"),
        Field("note", "适用说明", "eligibility note", ("申报条件", "条件说明")),
        Field("sample", "示例数据", "sample", ("示例",), "choice", choices=("是", "")),
        Field(
            "eligibility_sample",
            "适用条件为示例",
            "sample eligibility",
            ("条件为示例",),
            "choice",
            choices=("是", ""),
            note="是 = 适用条件是示例数据",
        ),
    ],
    "policies",
    _policy_parse,
    _policies,
    by_name("policies"),
    adder("promo.edit.policies", "add"),
    updater("promo.edit.policies", "update_policy"),
    name_key,
    {
        "name": "示例: 新落户企业租金减免",
        "issuer": "示例管委会",
        "level": "园区",
        "kind": "租金",
        "start_date": "2026-01-01",
        "cap_wan": 100,
        "industries": "高端医疗器械",
        "sample": "是",
        "eligibility_sample": "是",
    },
)


def _criteria(conn: sqlite3.Connection, ids) -> list[dict]:
    from promo.criteria import METRICS

    sql, params = by_ids(
        """SELECT t.*, c.name AS carrier_label, i.name AS industry_label FROM criteria t
           LEFT JOIN carriers c ON c.id = t.carrier_id LEFT JOIN industries i ON i.id = t.industry_id""",
        ids,
        "t.id",
    )
    out = []
    for r in rows(conn, sql, params):
        r["carrier_id"], r["industry_id"] = r.pop("carrier_label"), r.pop("industry_label")
        r["metric"] = METRICS[r["metric"]].label if r["metric"] in METRICS else r["metric"]
        r["sample"] = yes(r["sample"])
        out.append(r)
    return out


def _find_criterion(conn, typed):
    if typed.get("code"):
        row = conn.execute("SELECT * FROM criteria WHERE code = ?", (typed["code"],)).fetchone()
        if row is not None:
            return row
    found = [r for r in conn.execute("SELECT * FROM criteria") if fold(r["name"]) == fold(typed["name"])]
    return found[0] if len(found) == 1 else None


CRITERIA = RecordList(
    "准入标准",
    "criteria",
    [
        Field("name", "指标名称", "name", ("名称", "准入指标", "指标", "标准名称", "criterion"), "name", required=True),
        Field("code", "编码", "code", ("代码", "code")),
        Field("name_en", "英文名称", "English name", ("name_en",)),
        Field(
            "metric",
            "度量",
            "metric",
            ("考核指标", "指标类型"),
            required=True,
            note="投资强度、亩均产值、亩均税收、研发投入占比 …",
        ),
        Field("op", "比较", "op", ("比较符", "要求"), "choice", choices=(">=", "<=")),
        Field("threshold", "门槛值", "threshold", ("阈值", "标准值", "门槛"), "num", required=True),
        Field("unit", "单位", "unit", ()),
        Field("carrier_id", "适用载体", "carrier", ("载体", "园区", "适用园区")),
        Field("industry_id", "适用产业", "industry", ("产业", "行业")),
        Field("description", "说明", "description", ("备注", "依据")),
        Field("sample", "示例数据", "sample", ("示例",), "choice", choices=("是", "")),
    ],
    "criteria",
    parser("promo.edit.criteria", "CRITERION_FIELDS"),
    _criteria,
    _find_criterion,
    adder("promo.edit.criteria", "add"),
    updater("promo.edit.criteria", "update_criterion", ref="code"),
    name_key,
    {"name": "示例: 投资强度", "metric": "投资强度", "op": ">=", "threshold": 300, "unit": "万元/亩", "sample": "是"},
)


def _chain(conn: sqlite3.Connection, ids) -> list[dict]:
    from promo.edit.catalogue import LEVELS

    sql, params = by_ids(
        "SELECT t.*, p.name AS parent_label FROM industries t LEFT JOIN industries p ON p.id = t.parent_id",
        ids,
        "CASE t.level WHEN 'industry' THEN 0 WHEN 'chain' THEN 1 ELSE 2 END, t.sort, t.id",
    )
    out = []
    for r in rows(conn, sql, params):
        r["parent_id"] = r.pop("parent_label")
        r["level"] = LEVELS.get(r["level"], r["level"])
        r["sample"] = yes(r["sample"])
        out.append(r)
    return out


def _update_node(conn, row, raw, names):
    from promo.edit.catalogue import move, rename
    from promo.errors import Rejected

    fixed = {"level": N_("its level (层级)"), "code": N_("its code (编码: other lists refer to it)")}
    if set(raw) & set(fixed):
        raise Rejected(
            _("a chain node keeps {fields} on import").format(
                fields=_(" and ").join(_(fixed[k]) for k in fixed if k in raw)
            ),
            _("remove it and add it anew with promo catalogue remove/add if it really changed"),
        )
    if "parent_id" in raw:
        move(conn, row["name"], raw["parent_id"], option=names.get("parent_id", "上级"))
    if set(raw) & {"name", "name_en", "segment"}:
        rename(conn, row["name"], raw.get("name", row["name"]), name_en=raw.get("name_en"), segment=raw.get("segment"))
    return {}


def _find_node(conn, typed):
    if typed.get("code"):
        row = conn.execute("SELECT * FROM industries WHERE code = ?", (typed["code"],)).fetchone()
        if row is not None:
            return row
    return conn.execute("SELECT * FROM industries WHERE name_folded = ?", (fold(typed["name"]),)).fetchone()


CHAIN = RecordList(
    "产业链",
    "chain",
    [
        Field(
            "level", "层级", "level", ("类别", "级别"), "choice", required=True, choices=("主导产业", "产业链", "链环")
        ),
        Field("name", "名称", "name", ("产业名称", "环节名称", "链环名称", "产业链名称"), "name", required=True),
        Field("code", "编码", "code", ("代码", "code")),
        Field("name_en", "英文名称", "English name", ("name_en",)),
        Field(
            "parent_id",
            "上级",
            "under",
            ("所属", "上级产业", "所属产业链", "parent"),
            note="产业链写其主导产业, 链环写其产业链",
        ),
        Field(
            "segment", "上中下游", "segment", ("环节位置", "链段", "上下游"), "choice", choices=("上游", "中游", "下游")
        ),
        Field("sample", "示例数据", "sample", ("示例",), "choice", choices=("是", "")),
    ],
    "industries",
    parser("promo.edit.catalogue", "NODE_FIELDS"),
    _chain,
    _find_node,
    adder("promo.edit.catalogue", "add"),
    _update_node,
    name_key,
    {"level": "链环", "name": "示例: 手术导航系统", "parent_id": "医用机器人", "segment": "中游", "sample": "是"},
)
