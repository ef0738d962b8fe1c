"""The views of the lists after signing: milestones, reports, the ledger, targets, services, coordination,
events and the weekly sheet — machine keys (JSON/CSV) beside human columns (table/Markdown), declared once."""

from __future__ import annotations

from promo.i18n import N_
from promo.render import Column as C
from promo.render import View
from promo.views import split

MILESTONES = View(
    keys=split("milestone milestone_en planned_date actual_date days_late note"),
    columns=(
        C("milestone", "Milestone", no_wrap=True, coded="milestone"),
        C("planned_date", "Planned", "date", no_wrap=True),
        C("actual_date", "Actual", "date", no_wrap=True),
        C("days_late", "Days late", "int"),
        C("note", "Remark"),
    ),
    title="Milestones",
)

REPORTS = View(
    keys=split(
        "name year quarter planned_investment_wan completed_investment_wan completed_share arrived_wan planned_jobs "
        "jobs_created output_wan tax_wan land_mu measured_m2 output_per_mu tax_per_mu output_per_m2 tax_per_m2"
    ),
    columns=(
        C("name", "Enterprise", max_width=16),
        C("period", "Period", no_wrap=True),
        C("completed_investment_wan", "Completed 万元", "money"),
        C("completed_share", "Completion", "pct"),
        C("arrived_wan", "Arrived 万元", "money"),
        C("jobs_created", "Jobs", "int"),
        C("output_wan", "Output 万元", "money"),
        C("tax_wan", "Tax 万元", "money"),
        C("tax_per_mu", "Tax per 亩", "num"),
        C("output_per_mu", "Output per 亩", "num"),
        C("tax_per_m2", "Tax 元/㎡", "num"),
    ),
    title="Project reports",
    empty="no reports yet; record one with promo enterprises report NAME --year … --completed-investment …",
)
REPORTS_CAPTION = N_(
    "amounts in 万元; per 亩 = the year's output or tax ÷ land in 亩 (万元/亩); tax 元/㎡ = the year's tax ÷ "
    "floor area (--floor-area, else the units it leases)"
)

LEDGER = View(
    keys=split("group group_name measure measure_en unit target actual rate expected behind"),
    columns=(
        C("measure", "Measure", no_wrap=True, coded="measure"),
        C("unit", "Unit of measure", no_wrap=True, coded="unit_of_measure"),
        C("target", "Target", "num"),
        C("actual", "Achieved", "num"),
        C("rate_text", "Completion", justify="right", no_wrap=True),
        C("expected", "Due by now", "num"),
        C("flag", "", no_wrap=True),
    ),
    title="Task ledger",
)
GROUP_HEADERS = {"owner": N_("Owner"), "chain": N_("Chain"), "quarter": N_("Quarter")}

LEDGER_DETAIL = View(
    keys=split("group_name measure id name owner stage date period value"),
    columns=(
        C("measure", "Measure", no_wrap=True, coded="measure"),
        C("name", "Enterprise", max_width=26),
        C("owner", "Owner", no_wrap=True),
        C("stage", "Stage", no_wrap=True, coded="stage"),
        C("date", "Date", no_wrap=True),
        C("period", "Period", no_wrap=True),
        C("value", "Amount 万元", "money"),
    ),
    title="Ledger detail",
)

EVENT_YIELD = View(
    keys=split("id name date place organiser deals mous intended_wan signed started producing signed_investment_wan"),
    columns=(
        C("name", "Event", max_width=24),
        C("date", "Date", no_wrap=True),
        C("deals", "Deals", "int"),
        C("intended_wan", "Intended investment 万元", "money"),
        C("signed", "Signed", "int"),
        C("started", "Started", "int"),
        C("producing", "Producing", "int"),
        C("signed_investment_wan", "Signed investment 万元", "money"),
    ),
    title="What each event brought",
)

TARGETS = View(
    keys=split("year scope scope_value quarter measure value"),
    columns=(
        C("scope_shown", "Scope", no_wrap=True),
        C("scope_name", "Of", max_width=20),
        C("period", "Period", no_wrap=True),
        C("measure", "Measure", no_wrap=True, coded="measure"),
        C("unit", "Unit of measure", no_wrap=True, coded="unit_of_measure"),
        C("value", "Target", "num"),
    ),
    title="Targets",
)

SERVICES = View(
    keys=split("id name item department officer status asked_date due_date done_date days_overdue note"),
    columns=(
        C("name", "Enterprise", max_width=16),
        C("item", "Service", max_width=18),
        C("department", "Department", no_wrap=True),
        C("officer", "Officer", no_wrap=True),
        C("status", "Status", no_wrap=True, coded="service_status"),
        C("asked_date", "Asked", no_wrap=True),
        C("due_date", "Due date", no_wrap=True),
        C("done_date", "Done", no_wrap=True),
        C("days_overdue", "Days overdue", "int"),
    ),
    title="Services",
    empty="no services; give a project its usual path with promo services apply NAME",
)

SERVICE_TEMPLATES = View(
    keys=split("industry_code industry item department days"),
    columns=(
        C("industry", "Industry", max_width=16, coded="placeholder"),
        C("item", "Service", max_width=20),
        C("department", "Department", max_width=16),
        C("days", "Usual days", "int"),
    ),
    title="Usual services",
)

DEPARTMENTS = View(
    keys=split("id name open_services open_items"),
    columns=(
        C("name", "Department"),
        C("open_services", "Open services", "int"),
        C("open_items", "To coordinate", "int"),
    ),
    title="Departments",
)

COORDINATION = View(
    keys=split("id leader name issue department status raised_date due_date closed_date days_open days_overdue note"),
    columns=(
        C("leader_shown", "Leader", no_wrap=True),
        C("id", "#", "int"),
        C("name", "Enterprise", max_width=20),
        C("issue", "Issue", max_width=30),
        C("department", "Responsible department", max_width=14),
        C("status", "Status", no_wrap=True, coded="coordination_status"),
        C("raised_date", "Raised", no_wrap=True),
        C("due_date", "Due by", no_wrap=True),
        C("days_overdue", "Days overdue", "int"),
    ),
    title="Coordination items",
    empty="no open coordination items",
)

EVENTS = View(
    keys=split("id name date place organiser deals intended_wan"),
    columns=(
        C("name", "Event", max_width=28),
        C("date", "Date", no_wrap=True),
        C("place", "Place", max_width=14),
        C("organiser", "Organiser", max_width=14),
        C("deals", "Deals", "int"),
        C("intended_wan", "Intended investment 万元", "money"),
    ),
    title="Events",
    empty="no events; add one with promo events add NAME --date …",
)

EVENT_DEALS = View(
    keys=split("event name kind investment_wan stage stage_date signed_investment_wan note"),
    columns=(
        C("name", "Enterprise", max_width=24),
        C("kind", "Signed as", no_wrap=True, coded="deal_kind"),
        C("investment_wan", "Intended investment 万元", "money"),
        C("stage", "Stage now", no_wrap=True, coded="stage"),
        C("stage_date", "Date", no_wrap=True),
        C("signed_investment_wan", "Signed investment 万元", "money"),
    ),
    empty="nothing linked to this event yet; promo events sign EVENT ENTERPRISE",
)

WEEKLY_SHEET = View(
    keys=split("section section_label name owner leader date detail"),
    columns=(
        C("section_label", "Category", no_wrap=True),
        C("name", "Enterprise", max_width=24),
        C("owner", "Owner", no_wrap=True),
        C("leader", "Leader", no_wrap=True),
        C("date", "Date", no_wrap=True),
        C("detail", "Detail", max_width=40),
    ),
    empty="nothing to report this week",
)
