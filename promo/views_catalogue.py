"""The views of 招商目录 and 产业政策: targets, the chain catalogue, scenario opportunities and policies —
machine keys beside human columns, declared once."""

from __future__ import annotations

from collections.abc import Sequence

from promo.render import Column as C
from promo.render import View
from promo.views import split, tone

SCENARIOS = View(
    keys=split("id title owner owner_kind industry industry_code need status published deadline overdue sample"),
    columns=(
        C("id", "#", "int"),
        C("title_shown", "场景 Scenario", max_width=22),
        C("owner_shown", "发布方 Owner", max_width=20),
        C("industry", "产业", max_width=14),
        C("need", "需求 Need", max_width=36),
        C("status_shown", "状态", no_wrap=True, tone=lambda r: "red" if r.get("overdue") else None),
        C("deadline", "截止", no_wrap=True, tone=lambda r: "red" if r.get("overdue") else None),
    ),
    title="创新场景 Scenario opportunities",
    empty="no scenario matches",
)
SAMPLE_SCENARIOS = "※ 示例场景 (sample scenarios, not from the source articles)"


def show_scenarios(found: list[dict], fmt: str, *, title: str | None = None) -> None:
    """Scenarios as `promo scenarios` and `promo match` show them."""

    def prepare(rows: Sequence[dict]) -> None:
        for r in rows:
            r["title_shown"] = r["title"] + (" ※" if r["sample"] else "")
            r["owner_shown"] = r["owner"] + (f" ({r['owner_kind_label']})" if r["owner_kind"] else "")
            r["status_shown"] = r["status_label"] + (" · 已过截止" if r["overdue"] else "")

    SCENARIOS.show(
        found,
        fmt,
        prepare=prepare,
        title=title,
        caption=lambda rows: SAMPLE_SCENARIOS if any(r["sample"] for r in rows) else None,
    )


TARGETS = View(
    keys=split(
        "id name industry chain segment link link_code priority reason status gap enterprise enterprise_stage "
        "note created_at sample"
    ),
    columns=(
        C("name", "目标企业 Target", max_width=24),
        C("priority", "优先级", no_wrap=True),
        C("reason", "理由", no_wrap=True),
        C("link_shown", "链环 Link", max_width=20),
        C("where", "产业链", max_width=24),
        C("gap_shown", "缺口", no_wrap=True),
        C("status_label", "状态", no_wrap=True),
        C("pipeline", "流程 Pipeline", max_width=20),
    ),
    title="目标企业 Targets",
    empty="no target matches",
    optional=("pipeline",),
)

POLICIES = View(
    keys=split(
        "code name name_en issuer level kind start_date end_date cap_wan rate rate_basis terms summary "
        "eligibility sample source"
    ),
    columns=(
        C("name", "政策 Policy", max_width=20),
        C("level_label", "级别", no_wrap=True),
        C("kind", "类型", no_wrap=True),
        C("issuer", "发布机关", max_width=10),
        C("dates", "有效期", no_wrap=True),
        C("terms", "支持", max_width=16),
        C("conditions", "适用条件 Eligibility", max_width=40),
    ),
    title="产业政策 Policies",
)

POLICY_TONES = {"yes": "green", "if": "yellow", "unknown": "yellow", "no": "red"}
POLICIES_FOR = View(
    keys=split(
        "code name level kind verdict reason failing estimate_wan estimate_text cap_wan rate rate_basis "
        "start_date end_date sample"
    ),
    columns=(
        C("policy", "政策 Policy", max_width=24),
        C("verdict_label", "判定", no_wrap=True, tone=tone("verdict", POLICY_TONES)),
        C("estimate_wan", "预计 万元", "money"),
        C("amount", "测算 How much", max_width=30),
        C("reason", "理由 Why", max_width=48),
    ),
    empty="no policy applies (--all shows why)",
)

CATALOGUE = View(
    keys=split("industry industry_code chain chain_code segment link code tenants leads targets gap sample"),
    columns=(
        C("industry_shown", "主导产业", max_width=12),
        C("chain_shown", "产业链", max_width=14),
        C("segment", "环节", no_wrap=True),
        C("link_shown", "链环 Link", max_width=18),
        C("tenants_shown", "签约企业 Tenants", "list", max_width=26),
        C("leads", "在谈 Leads", "list", max_width=20),
        C("target_names", "目标企业 Targets (优先级)", "list", max_width=30),
    ),
    title="招商目录 Target catalogue",
    empty="no chain link matches",
)
