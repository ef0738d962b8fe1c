"""The views of the lists after signing: milestones, reports, the ledger, targets, services, coordination,
events and the weekly sheet — machine keys (JSON/CSV) beside human columns (table/Markdown), declared once."""

from __future__ import annotations

from promo.render import Column as C
from promo.render import View
from promo.views import split

MILESTONES = View(
    keys=split("milestone milestone_en planned_date actual_date days_late note"),
    columns=(
        C("milestone", "节点", no_wrap=True),
        C("milestone_en", "Milestone", no_wrap=True),
        C("planned_date", "计划 Planned", "date", no_wrap=True),
        C("actual_date", "实际 Actual", "date", no_wrap=True),
        C("days_late", "滞后天数", "int"),
        C("note", "备注 Note"),
    ),
    title="项目节点 Milestones",
)

REPORTS = View(
    keys=split(
        "name year quarter planned_investment_wan completed_investment_wan completed_share arrived_wan planned_jobs "
        "jobs_created output_wan tax_wan land_mu measured_m2 output_per_mu tax_per_mu output_per_m2 tax_per_m2"
    ),
    columns=(
        C("name", "企业 Enterprise", max_width=16),
        C("period", "期间", no_wrap=True),
        C("completed_investment_wan", "累计完成", "money"),
        C("completed_share", "完成率", "pct"),
        C("arrived_wan", "到位资金", "money"),
        C("jobs_created", "就业", "int"),
        C("output_wan", "产值", "money"),
        C("tax_wan", "税收", "money"),
        C("tax_per_mu", "亩均税收", "num"),
        C("output_per_mu", "亩均产值", "num"),
        C("tax_per_m2", "税收元/㎡", "num"),
    ),
    title="项目报表 Project reports",
    empty="no reports yet; record one with promo enterprises report NAME --year … --completed-investment …",
)
REPORTS_CAPTION = "金额单位 万元; 亩均 = 年度产值/税收 ÷ 用地亩数 (万元/亩); 税收元/㎡ = ÷ 用地或租用面积"

LEDGER = View(
    keys=split("group group_name measure measure_en unit target actual rate expected behind"),
    columns=(
        C("label", "指标", no_wrap=True),
        C("unit", "单位", no_wrap=True),
        C("target", "目标 Target", "num"),
        C("actual", "完成 Actual", "num"),
        C("rate_text", "完成率", justify="right", no_wrap=True),
        C("expected", "时序目标", "num"),
        C("flag", "", no_wrap=True),
    ),
    title="招商任务台账 Task ledger",
)
GROUP_HEADERS = {"owner": "负责人", "chain": "产业链", "quarter": "季度"}

LEDGER_DETAIL = View(
    keys=split("group_name measure id name owner stage date period value"),
    columns=(
        C("label", "指标", no_wrap=True),
        C("name", "企业 Enterprise", max_width=26),
        C("owner", "负责人", no_wrap=True),
        C("stage", "阶段", no_wrap=True),
        C("date", "日期", no_wrap=True),
        C("period", "期间", no_wrap=True),
        C("value", "金额万元", "money"),
    ),
    title="台账明细 Ledger detail",
)

EVENT_YIELD = View(
    keys=split("id name date place organiser deals mous intended_wan signed started producing signed_investment_wan"),
    columns=(
        C("name", "活动 Event", max_width=24),
        C("date", "日期", no_wrap=True),
        C("deals", "签约/意向", "int"),
        C("intended_wan", "意向投资万元", "money"),
        C("signed", "已签约", "int"),
        C("started", "已开工", "int"),
        C("producing", "已投产", "int"),
        C("signed_investment_wan", "签约投资万元", "money"),
    ),
    title="以会招商 What each event brought",
)

TARGETS = View(
    keys=split("year scope scope_value quarter measure value"),
    columns=(
        C("scope_shown", "范围", no_wrap=True),
        C("scope_name", "对象", max_width=20),
        C("period", "期间", no_wrap=True),
        C("label", "指标", no_wrap=True),
        C("value", "目标", "num"),
    ),
    title="目标 Targets",
)

SERVICES = View(
    keys=split("id name item department officer status asked_date due_date done_date days_overdue note"),
    columns=(
        C("name", "企业 Enterprise", max_width=16),
        C("item", "事项 Service", max_width=18),
        C("department", "部门", no_wrap=True),
        C("officer", "专员", no_wrap=True),
        C("status_label", "状态", no_wrap=True),
        C("asked_date", "申请", no_wrap=True),
        C("due_date", "应办结", no_wrap=True),
        C("done_date", "办结", no_wrap=True),
        C("days_overdue", "逾期天数", "int"),
    ),
    title="帮办代办 Services",
    empty="no services; give a project its usual path with promo services apply NAME",
)

SERVICE_TEMPLATES = View(
    keys=split("industry_code industry item department days"),
    columns=(
        C("industry", "产业", max_width=16),
        C("item", "事项", max_width=20),
        C("department", "部门", max_width=16),
        C("days", "通常天数", "int"),
    ),
    title="帮办代办路径 Usual services",
)

DEPARTMENTS = View(
    keys=split("id name open_services open_items"),
    columns=(C("name", "部门 Department"), C("open_services", "在办事项", "int"), C("open_items", "待协调", "int")),
    title="部门 Departments",
)

COORDINATION = View(
    keys=split("id leader name issue department status raised_date due_date closed_date days_open days_overdue note"),
    columns=(
        C("leader_shown", "牵头领导", no_wrap=True),
        C("id", "#", "int"),
        C("name", "企业 Enterprise", max_width=20),
        C("issue", "事项 Issue", max_width=30),
        C("department", "责任部门", max_width=14),
        C("status_label", "状态", no_wrap=True),
        C("raised_date", "提出", no_wrap=True),
        C("due_date", "限期", no_wrap=True),
        C("days_overdue", "逾期天数", "int"),
    ),
    title="协调事项 Coordination items",
    empty="no open coordination items",
)

EVENTS = View(
    keys=split("id name date place organiser deals intended_wan"),
    columns=(
        C("name", "活动 Event", max_width=28),
        C("date", "日期", no_wrap=True),
        C("place", "地点", max_width=14),
        C("organiser", "主办", max_width=14),
        C("deals", "签约/意向", "int"),
        C("intended_wan", "意向投资万元", "money"),
    ),
    title="招商活动 Events",
    empty="no events; add one with promo events add NAME --date …",
)

EVENT_DEALS = View(
    keys=split("event name kind investment_wan stage stage_date signed_investment_wan note"),
    columns=(
        C("name", "企业 Enterprise", max_width=24),
        C("kind_label", "签署", no_wrap=True),
        C("investment_wan", "意向投资万元", "money"),
        C("stage", "现阶段", no_wrap=True),
        C("stage_date", "日期", no_wrap=True),
        C("signed_investment_wan", "签约投资万元", "money"),
    ),
    empty="nothing linked to this event yet; promo events sign EVENT ENTERPRISE",
)

WEEKLY_SHEET = View(
    keys=split("section section_label name owner leader date detail"),
    columns=(
        C("section_label", "类别", no_wrap=True),
        C("name", "企业 Enterprise", max_width=24),
        C("owner", "负责人", no_wrap=True),
        C("leader", "牵头领导", no_wrap=True),
        C("date", "日期", no_wrap=True),
        C("detail", "详情", max_width=40),
    ),
    empty="nothing to report this week",
)
