"""Every listing's view: its machine keys (JSON/CSV) beside its human columns (table/Markdown), declared once.

A new column of a listing is one line here (plus the schema); commands hand rows to `VIEW.show(rows, fmt)`.
"""

from __future__ import annotations

from collections.abc import Sequence

from promo.render import Column as C
from promo.render import View, fmt_cell


def split(names: str) -> tuple[str, ...]:
    """Machine keys written as one line: 'id code name' → ('id', 'code', 'name')."""
    return tuple(names.split())


SAMPLE_UNITS = "※ 单元级数据为示例数据 (unit-level figures are sample data, not from the source articles)"

# Units, in `promo vacancies` (less status and holder: all vacant) and `promo carriers show` (less the carrier).
UNITS = View(
    keys=split(
        "id carrier_code carrier unit building floor area_m2 rent status tenant reserved_for floor_load_kn "
        "ceiling_m facilities ready_date kind plot_ratio intensity_wan_mu tax_wan_mu sample"
    ),
    columns=(
        C("carrier", "载体", max_width=18),
        C("unit", "单元", no_wrap=True),
        C("where", "楼栋·层", no_wrap=True),
        C("floor", "楼层", "int"),
        C("area", "面积㎡", justify="right", no_wrap=True),
        C("rent", "元/㎡·天", "rent"),
        C("status_label", "状态", no_wrap=True),
        C("holder", "租户", max_width=20),
        C("floor_load_kn", "荷载 kN/㎡", "num"),
        C("facilities", "设施", "list"),
        C("ready", "可交付", "date"),
    ),
    title="Vacant units",  # translated where shown (render.py)
    empty="no vacant unit matches",
)
AREA = C("area_m2", "面积㎡", "area")
VACANCIES = UNITS.without("status", "tenant", "reserved_for").hide("floor", "status_label", "holder")
CARRIER_UNITS = UNITS.without("id", "carrier", "where")


def prepare_units(rows: Sequence[dict]) -> None:
    """Where a unit is (building·floor) and when it is ready: a vacant unit ready now is 现房 (move in now),
    else its hand-over date."""
    from promo.fields import land_area
    from promo.text import today

    now = today()
    for r in rows:
        r["where"] = f"{r['building'] or ''}·{r['floor']}F" if r["floor"] is not None else r["building"]
        # land is offered in 亩: shown both ways; floor space keeps the plain ㎡ figure of its column
        r["area"] = land_area(r["area_m2"]) if r.get("kind") == "land" else fmt_cell(AREA, r["area_m2"])
        ready_now = not r["ready_date"] or r["ready_date"] <= now
        r["ready"] = "现房" if ready_now and r.get("status", "vacant") == "vacant" else r["ready_date"]


# Every unit with its state (promo units), and the leases ending soon (promo units --expiring).
UNIT_LIST = View(
    keys=split(
        "id carrier_code carrier unit kind building floor area_m2 area_mu rent status status_label tenant "
        "reserved_for lease_start lease_end days_left status_until status_reason floor_load_kn ceiling_m "
        "ready_date plot_ratio intensity_wan_mu tax_wan_mu facilities sample"
    ),
    columns=(
        C("carrier", "载体", max_width=12),
        C("unit", "单元", no_wrap=True),
        C("where", "楼栋·层", no_wrap=True),
        C("area", "面积㎡", justify="right", no_wrap=True),
        C("rent", "元/㎡·天", "rent"),
        C("state", "状态", no_wrap=True),
        C("holder", "租户/说明", max_width=12),
        C("features", "设施/指标", "list", max_width=16),
        C("days_left", "剩余天数", "int"),
    ),
    title="单元 Units",
    empty="no unit matches",
)
EXPIRING = UNIT_LIST.hide("features")


def prepare_unit_list(rows: Sequence[dict]) -> None:
    """A unit's state with the date it ends (lease end, end of fit-out or hold), who holds it or why, and its
    facilities (a land parcel: its published indicators)."""
    from promo.fields import land_text

    prepare_units(rows)
    for r in rows:
        until = r["lease_end"] or r["status_until"]
        r["state"] = r["status_label"] + (f" 至 {until}" if until else "")
        r["holder"] = r["holder"] or r["status_reason"]
        r["features"] = land_text(r, short=True) if r["kind"] == "land" else r["facilities"]


UNIT_LIST = UNIT_LIST.hide("days_left")
PLATFORMS = View(
    keys=split("code name name_en kind level carrier description"),
    columns=(C("name", "平台 Platform", max_width=30), C("kind", "类型"), C("level", "级别"), C("carrier", "载体")),
    title="公共服务平台 Platforms",
    empty="no platforms recorded",
)
ZONE = View(
    keys=split("field value sample"),
    columns=(C("label", "项目 Field", no_wrap=True), C("shown", "内容 Value")),
    title="园区 Zone",
)


CARRIERS = View(
    keys=split(
        "code name name_en kind industries units vacant_units total_area_m2 vacant_area_m2 occupancy status "
        "units_sample"
    ),
    columns=(
        C("name", "载体", max_width=22),
        C("kind_label", "类型", no_wrap=True),
        C("industries", "产业", "list"),
        C("total_area_m2", "总面积㎡", "area"),
        C("vacant_area_m2", "空置㎡", "area"),
        C("occupancy", "出租率", "bar"),
        C("vacant_of_units", "空置/单元", justify="right"),
    ),
    title="载体 Carriers",
)

ENTERPRISES = View(
    keys=split(
        "id name name_en code_name uscc uscc_bad_check kind industry_code industry stage stage_en stage_date "
        "carrier_code carrier units reserved_units area_m2 investment_wan jobs source_channel country owner "
        "owner_since sample"
    ),
    columns=(
        C("shown_name", "企业", min_width=12, max_width=24),
        C("stage", "阶段", no_wrap=True),
        C("stage_date", "日期", no_wrap=True),
        C("industry", "产业", max_width=12),
        C("space", "空间", "list", max_width=20),
        C("investment_wan", "投资万元", "money"),
        C("source_channel", "来源", no_wrap=True),
        C("owner", "负责人", no_wrap=True),
    ),
    title="企业 Enterprises",
    empty="no enterprise matches",
)
# What public output may carry (an allow-list: a field added later stays internal until it is named here);
# the name is replaced by the code name or 未公开项目, and the signed-only keys are blank before 签约.
PUBLIC_KEYS = ("id", "name", "kind", "kind_label", "industry_code", "industry", "industry_path", "stage", "stage_en")
PUBLIC_KEYS += ("stage_date", "stage_days", "stage_deadline_days", "stage_overdue_days", "stage_deadline_sample")
PUBLIC_KEYS += ("sample", "history", "activities")
SIGNED_PUBLIC_KEYS = ("carrier_code", "carrier", "units", "reserved_units", "area_m2", "space")
SIGNED_PUBLIC_KEYS += ("investment_wan", "jobs", "country")
PUBLIC_HISTORY = ("stage", "stage_en", "date", "days")
PUBLIC_SPACE = ("carrier", "carrier_code", "unit", "building", "floor", "area_m2", "rent", "status", "status_label")
PUBLIC_SPACE += ("sample",)

OVERDUE = View(
    keys=split("kind id name stage stage_en stage_date owner due days_overdue detail uscc_bad_check"),
    columns=(
        C("kind_label", "类别", no_wrap=True),
        C("shown_name", "企业/单元 Enterprise/unit", max_width=26),
        C("stage", "阶段", no_wrap=True),
        C("owner", "负责人", no_wrap=True),
        C("due", "应于 Due", no_wrap=True),
        C("days_overdue", "逾期天数", "int"),
        C("detail", "详情 Detail", max_width=40),
    ),
    title="逾期 Overdue",
    empty="nothing is overdue",
)

SCENARIOS = View(
    keys=split("id title owner owner_kind industry industry_code need status published deadline overdue sample"),
    columns=(
        C("id", "#", "int"),
        C("title_shown", "场景 Scenario", max_width=22),
        C("owner_shown", "发布方 Owner", max_width=20),
        C("industry", "产业", max_width=14),
        C("need", "需求 Need", max_width=36),
        C("status_shown", "状态", no_wrap=True),
        C("deadline", "截止", no_wrap=True),
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

SAMPLE_CRITERIA = (
    "※ 准入条件与负面清单为示例数据 (criteria and negative list are sample data, not from the source articles)"
)

NEGATIVE = View(
    keys=split("id kind item keywords description sample"),
    columns=(
        C("kind", "类别", no_wrap=True),
        C("item", "项目 Item", max_width=30),
        C("keywords", "关键词 Keywords", "list"),
        C("description", "说明", max_width=40),
    ),
    title="负面清单 Negative list",
)

CRITERIA = View(
    keys=split("code name name_en metric op threshold unit scope industry_code carrier_code description sample"),
    columns=(
        C("name", "准入条件 Criterion", max_width=22),
        C("metric_formula", "计算方法 Formula", max_width=18),
        C("threshold_text", "阈值 Threshold", no_wrap=True),
        C("scope_label", "适用范围", max_width=22),
        C("description", "说明", max_width=40),
    ),
    title="准入条件 Access criteria",
)

CHECK = View(
    keys=split("code name metric value formula op threshold unit status binding scope note"),
    columns=(
        C("name", "准入条件 Criterion", max_width=18),
        C("figure", "计算 Figure", min_width=30, max_width=40),
        C("threshold_text", "阈值", no_wrap=True),
        C("result", "结果", no_wrap=True),
        C("scope_text", "范围", max_width=14),
    ),
    title="准入检查 Criteria check",
)

NEGATIVE_HITS = View(
    keys=split("kind item hits description"),
    columns=(
        C("kind", "类别", no_wrap=True),
        C("item", "负面清单命中 Negative list", max_width=30),
        C("matched", "命中词"),
        C("description", "说明", max_width=40),
    ),
    title="负面清单 Negative list",
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

POLICIES_FOR = View(
    keys=split(
        "code name level kind verdict reason failing estimate_wan estimate_text cap_wan rate rate_basis "
        "start_date end_date sample"
    ),
    columns=(
        C("policy", "政策 Policy", max_width=24),
        C("verdict_label", "判定", no_wrap=True),
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

NEEDS_KEYS = split(
    "name industry min_area max_area max_rent facilities min_floor_load available_by investment_wan "
    "land_mu output_wan tax_wan rd_wan jobs business last_matched_at updated_at"
)
NEEDS = View(keys=NEEDS_KEYS, columns=())

JOURNAL = View(
    keys=split("id at user command summary tally undone_by undoes changes"),
    columns=(
        C("id", "#", "int"),
        C("at", "时间 When"),
        C("user", "用户 Who"),
        C("summary", "摘要 What"),
        C("command", "命令 Command"),
        C("tally", "变更 Changes", "list"),
        C("status", "状态"),
    ),
    title="变更日志 Change journal",
)

FUNNEL = View(
    keys=split("group stage stage_en count reached investment_wan conversion median_days stays"),
    columns=(
        C("stage", "阶段", no_wrap=True),
        C("stage_en", "Stage", no_wrap=True),
        C("count", "企业数", "int"),
        C("reached", "累计到达", "int"),
        C("investment_wan", "投资万元", "money"),
        C("conversion_text", "转化→下一阶段", justify="right", no_wrap=True),
        C("median_text", "停留中位天数", justify="right", no_wrap=True),
    ),
    title="招商漏斗 Pipeline",
    empty="no enterprises",
)


def series(stage_en: dict[str, str]) -> View:
    """Stage entries per period: one column per stage, named by the vocabulary's English label."""
    return View(
        keys=("period", *stage_en.values(), "signed_investment_wan"),
        columns=(
            C("period", "期间", no_wrap=True),
            *(C(en, zh, "int") for zh, en in stage_en.items()),
            C("signed_investment_wan", "签约投资万元", "money"),
        ),
        empty="no stage history",
    )


def show_check(result: dict, fmt: str, *, title: str | None = None) -> None:
    """The criteria table, the negative-list hits and the verdict line, as `promo check` and `promo match` show them."""
    import click

    rows_ = result["criteria"]

    def prepare(rows: Sequence[dict]) -> None:
        for r in rows:
            r["figure"] = r["value_text"] or r.get("note", "")
            if r["status"] == "exception":  # 一事一议: the figure and who waived the criterion
                r["figure"] = " — ".join(x for x in (r["value_text"], r["note"]) if x)
            r["result"] = r["status_label"]
            r["scope_text"] = r["scope_label"] + ("" if r["binding"] else " (条件)")

    if fmt == "csv":
        CHECK.show(rows_, fmt)
        return
    caption = None
    if any(not r["binding"] for r in rows_):
        caption = "(条件) = 项目入驻该载体或属于该产业时才适用, 不计入结论 (not binding unless it settles there)"
    if rows_:
        if any(r["sample"] for r in rows_):
            caption = "\n".join(x for x in (caption, SAMPLE_CRITERIA) if x)
        CHECK.show(rows_, fmt, prepare=prepare, caption=caption, notes=True, title=title)
    hits = result["negative"]
    if hits:
        for n in hits:
            n["matched"] = "、".join(n["hits"])
        NEGATIVE_HITS.show(hits, fmt)
    verdict = f"结论 Verdict: {result['verdict_label']} ({result['verdict']})"
    reasons = [f"{r['name']} 未达标" for r in rows_ if r["binding"] and r["status"] == "fail"]
    reasons += [f"命中{n['kind']}类: {n['item']}" for n in hits]
    if result["missing"]:
        reasons.append("缺 " + "、".join(result["missing"]))
    reasons += result.get("undetermined") or []
    reasons += [f"{name} 一事一议例外 (exception)" for name in result.get("exceptions") or []]
    if not hits:
        reasons.append("负面清单未命中")
    click.echo(verdict + " — " + "; ".join(reasons))


def public_row(row: dict) -> dict:
    """A row safe to show outside the office, built from the allow-list: code name for the real name."""
    from promo.vocabulary import display_name, is_public

    signed = is_public(row["stage"])
    out = {k: row[k] for k in PUBLIC_KEYS if k in row}
    for k in SIGNED_PUBLIC_KEYS:
        if k in row:
            out[k] = row[k] if signed else [] if isinstance(row[k], list) else None
    out["name"] = display_name(row, public=True)
    if "history" in out:
        out["history"] = [{k: h.get(k) for k in PUBLIC_HISTORY} for h in out["history"]]
    if out.get("space"):
        out["space"] = [{k: u.get(k) for k in PUBLIC_SPACE} for u in out["space"]]
    if "activities" in out:
        out["activities"] = []  # notes of visits and calls are the office's own
    return out
