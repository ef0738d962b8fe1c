"""The views of 招商目录 and 产业政策: targets, the chain catalogue, scenario opportunities and policies —
machine keys beside human columns, declared once."""

from __future__ import annotations

from collections.abc import Sequence

from promo.i18n import N_, _
from promo.render import Column as C
from promo.render import View
from promo.views import split, tone

SCENARIOS = View(
    keys=split("id title owner owner_kind industry industry_code need status published deadline overdue sample"),
    columns=(
        C("id", "#", "int"),
        C("title_shown", "Scenario", max_width=22),
        C("owner_shown", "Published by", max_width=20),
        C("industry", "Industry", max_width=14),
        C("need", "Need", max_width=36),
        C("status_shown", "Status", no_wrap=True, tone=lambda r: "red" if r.get("overdue") else None),
        C("deadline", "Deadline", no_wrap=True, tone=lambda r: "red" if r.get("overdue") else None),
    ),
    title="Scenario opportunities",
    empty="no scenario matches",
)
SAMPLE_SCENARIOS = N_("※ sample scenarios, not from the source articles")


def show_scenarios(found: list[dict], fmt: str, *, title: str | None = None) -> None:
    """Scenarios as `promo scenarios` and `promo match` show them."""

    from promo.vocabulary import shown

    def prepare(rows: Sequence[dict]) -> None:
        for r in rows:
            r["title_shown"] = r["title"] + (" ※" if r["sample"] else "")
            r["owner_shown"] = r["owner"] + (f" ({shown('owner_kind', r['owner_kind'])})" if r["owner_kind"] else "")
            r["status_shown"] = r["status_label"] + ((" · " + _("past its deadline")) if r["overdue"] else "")

    SCENARIOS.show(
        found,
        fmt,
        prepare=prepare,
        title=title,
        caption=lambda rows: _(SAMPLE_SCENARIOS) if any(r["sample"] for r in rows) else None,
    )


TARGETS = View(
    keys=split(
        "id name industry chain segment link link_code priority reason status gap enterprise enterprise_stage "
        "note created_at sample"
    ),
    columns=(
        C("name", "Target enterprise", max_width=24),
        C("priority", "Priority", no_wrap=True, coded="priority"),
        C("reason", "Reason", no_wrap=True, coded="target_reason"),
        C("link_shown", "Link", max_width=20),
        C("where", "Chain", max_width=24),
        C("gap_shown", "Gap", no_wrap=True),
        C("status_label", "Status", no_wrap=True),
        C("pipeline", "In the pipeline", max_width=20),
    ),
    title="Target enterprises",
    empty="no target matches",
    optional=("pipeline",),
)

POLICIES = View(
    keys=split(
        "code name name_en issuer level kind start_date end_date cap_wan rate rate_basis terms summary "
        "eligibility sample source"
    ),
    columns=(
        C("name", "Policy", max_width=20),
        C("level", "Level", no_wrap=True, coded="policy_level"),
        C("kind", "Kind", no_wrap=True, coded="policy_kind"),
        C("issuer", "Issuer", max_width=10),
        C("dates", "Valid", no_wrap=True),
        C("terms", "Support", max_width=16),
        C("conditions", "Eligibility", max_width=40),
    ),
    title="Policies",
)

POLICY_TONES = {"yes": "green", "if": "yellow", "unknown": "yellow", "no": "red"}
POLICIES_FOR = View(
    keys=split(
        "code name level kind verdict reason failing estimate_wan estimate_text cap_wan rate rate_basis "
        "start_date end_date sample"
    ),
    columns=(
        C("policy", "Policy", max_width=24),
        C("verdict", "Verdict", no_wrap=True, tone=tone("verdict", POLICY_TONES), coded="policy_verdict"),
        C("estimate_wan", "Estimate 万元", "money"),
        C("amount", "How much", max_width=30),
        C("reason", "Why", max_width=48),
    ),
    empty="no policy applies (--all shows why)",
)

CATALOGUE = View(
    keys=split("industry industry_code chain chain_code segment link code tenants leads targets gap sample"),
    columns=(
        C("industry_shown", "Leading industry", max_width=12),
        C("chain_shown", "Chain", max_width=14),
        C("segment", "Segment", no_wrap=True, coded="segment"),
        C("link_shown", "Link", max_width=18),
        C("tenants_shown", "Tenants", "list", max_width=26),
        C("leads", "Leads", "list", max_width=20),
        C("target_names", "Targets (priority)", "list", max_width=30),
    ),
    title="Target catalogue",
    empty="no chain link matches",
)
