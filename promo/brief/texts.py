"""Every fixed text of the brief in Chinese and English, and the catalogue's coded values in both.

A catalogue value missing from the maps below is shown as entered: it is data, not fixed text.
"""

from __future__ import annotations

import re

# English for seeded catalogue text lives in promo.brief.seeded_en; offered here as before
from promo.brief.seeded_en import SEEDED_EN  # noqa: F401

LANGS = ("zh", "en")

# key → (Chinese, English); {name} placeholders are filled by t().
TEXTS: dict[str, tuple[str, str]] = {
    # the document
    "title.zone": ("{zone}招商推介", "Investment Brief: {zone}"),
    "title.industry": ("{zone}招商推介：{industry}", "Investment Brief: {zone}, {industry}"),
    "title.carrier": ("{carrier}招商推介", "Investment Brief: {carrier}"),
    "title.prospect": ("{zone}招商方案：{prospect}", "Investment Proposal: {zone}, for {prospect}"),
    "title.prospect_anonymous": ("{zone}招商方案（专属）", "Investment Proposal: {zone}, prepared for you"),
    "salutation": ("尊敬的{reader}：", "Dear {reader},"),
    "salutation.intro": (
        "感谢贵方对{zone}的关注。我们根据贵方提出的需求，整理了推荐房源、可享政策和准入评估，供贵方参考。",
        "Thank you for your interest in {zone}. Based on the requirements you gave us, this proposal sets out "
        "the units we recommend, the policies you qualify for and how your project meets our access criteria.",
    ),
    "salutation.intro_general": (
        "感谢贵方对{zone}的关注。我们整理了园区概况、可享政策和准入要求，欢迎告知面积、租金和设施等需求，以便推荐合适的房源。",
        "Thank you for your interest in {zone}. This proposal sets out the zone, the policies you qualify for and "
        "our access criteria; tell us the space, rent and facilities you need, and we will recommend units.",
    ),
    "edition.public": ("公开版", "Public edition"),
    "edition.internal": ("内部版", "Internal edition"),
    "dated": ("资料日期：{date}", "As of {date}"),
    "banner.internal": (
        "内部资料：含企业联系人、负责人、备注及签约前线索，请勿外传。",
        "INTERNAL: contains contacts, owners, notes and leads not yet signed. Do not forward.",
    ),
    "notice.earlier": (
        "本材料按{date}的情况编制：此后的指标、企业进展和政策未列入；园区介绍、载体、平台与可租房源为目前登记的情况。",
        "Prepared as of {date}: figures, firms' progress and policies dated later are left out; descriptions, "
        "carriers, platforms and available units are as recorded now.",
    ),
    "notice.sample": (
        "标有 ※ 的内容为示例数据，并非来自公开报道。",
        "Items marked ※ are sample data, not from published sources.",
    ),
    "footer": (
        "以上信息截至{date}，以招商部门最新答复为准。",
        "Information as of {date}; the investment promotion office will confirm current details.",
    ),
    "sep.list": ("、", ", "),
    "sep.colon": ("：", ": "),
    "sep.clause": ("；", "; "),
    "sep.comma": ("，", ", "),
    "dash": ("—", "—"),
    "redacted": ("［已隐去］", "[removed]"),
    "more.rows": ("（另有 {n} 项未列出）", "({n} more not listed)"),
    # the zone
    "sec.zone": ("园区概况", "The zone"),
    "zone.positioning": ("定位", "Positioning"),
    "zone.location": ("区位", "Location"),
    "zone.planned_area": ("规划面积", "Planned area"),
    "zone.planned_area_value": ("{km2} 平方公里", "{km2} km² ({mi2} sq mi)"),
    "zone.founded": ("启动建设", "Development began"),
    "zone.founded_value": ("{year}年", "{year}"),
    "zone.figures": ("主要指标", "Key figures"),
    "fig.label": ("指标", "Figure"),
    "fig.value": ("数值", "Value"),
    "fig.year": ("年份", "Year"),
    "fig.note": ("各项指标均注明所属年份。", "Each figure refers to the year shown."),
    # industries
    "sec.industries": ("主导产业与产业集群", "Leading industries and clusters"),
    "ind.industry": ("主导产业", "Leading industry"),
    "ind.chains": ("重点产业链", "Key industry chains"),
    "ind.clusters": ("专业集群", "Specialist clusters"),
    "sec.chain": ("产业链与招商方向", "The industry chain and what we are looking for"),
    "ind.path": ("所属", "Within"),
    "chain.chain": ("产业链", "Chain"),
    "chain.link": ("环节", "Link"),
    "chain.segment": ("位置", "Segment"),
    "chain.firms": ("已签约及入驻企业", "Firms signed or present"),
    "chain.status": ("招商方向", "Opportunity"),
    "chain.open": ("重点招引", "open for investment"),
    "chain.present": ("延链补链", "extend the chain"),
    "chain.note": (
        "“重点招引”的环节尚无签约或入驻企业，欢迎相关企业落户。",
        "Links marked “open for investment” have no firm signed or present yet.",
    ),
    # carriers and units
    "sec.carriers": ("载体与可租空间", "Carriers and available space"),
    "sec.carrier": ("载体介绍", "About the carrier"),
    "car.carrier": ("载体", "Carrier"),
    "car.kind": ("类型", "Type"),
    "car.status": ("状态", "Status"),
    "car.operator": ("运营方", "Operator"),
    "car.address": ("地址", "Address"),
    "car.industries": ("主导产业", "Industries"),
    "car.area": ("面积", "Floor area"),
    "car.area_value": (
        "总面积 {total} ㎡，可租 {vacant} ㎡（{units} 个单元），出租率 {occ}",
        "{total} m² ({total_ft} sq ft) in total, {vacant} m² ({vacant_ft} sq ft) available in "
        "{units} {units|unit|units}, {occ} occupied",
    ),
    "car.about": ("简介", "About"),
    "car.contact": ("载体联系人", "Carrier contact"),
    "car.total_m2": ("总面积 ㎡", "Total m²"),
    "car.vacant_m2": ("可租面积 ㎡", "Available m²"),
    "car.vacant_ft2": ("可租 sq ft", "Available sq ft"),
    "car.vacant_units": ("可租单元", "Units available"),
    "car.rent": ("租金 元/㎡·天", "Rent CNY/m²/day"),
    "car.ready": ("最早交付", "Earliest ready"),
    "car.more": (
        "另有 {n} 个载体未列出，可租面积合计 {area} ㎡。",
        "{n} more {n|carrier|carriers} not listed, with {area} m² ({area_ft} sq ft) available in total.",
    ),
    "car.sample_note": (
        "※ 标注的可租面积及其单元、租金为示例数据。",
        "※ Available space marked, with its units and rents, is sample data.",
    ),
    "car.total": (
        "全部载体可租面积合计 {area} ㎡，共 {units} 个单元。",
        "All carriers: {area} m² ({area_ft} sq ft) available in {units} {units|unit|units}.",
    ),
    "sec.units_selected": ("部分可租房源", "Selected available units"),
    "sec.units": ("可租房源", "Available units"),
    "unit.unit": ("单元", "Unit"),
    "unit.floor": ("楼层", "Floor"),
    "unit.floor_value": ("{building}·{floor}F", "{building} · {floor}F"),
    "unit.area": ("面积 ㎡", "m²"),
    "unit.area_ft": ("sq ft", "sq ft"),
    "unit.rent": ("租金 元/㎡·天", "CNY/m²/day"),
    "unit.rent_month": ("元/㎡·月", "CNY/m²/month"),
    "unit.rent_usd": ("USD/sq ft/yr", "USD/sq ft/yr"),
    "unit.load": ("荷载 kN/㎡", "Load kN/m²"),
    "unit.facilities": ("设施", "Facilities"),
    "unit.ready": ("交付", "Ready"),
    "unit.ready_now": ("现房", "now"),
    "unit.more": ("另有 {n} 个可租单元未列出。", "{n} more available {n|unit|units} not listed."),
    "unit.rent_note": (
        "租金单位为元/㎡·天。",
        "Rent per month = per day × 365 ÷ 12.",
    ),
    "unit.usd_note": ("", " USD at {rate} CNY per USD{when}."),
    "unit.usd_when": ("", " (rate of {date})"),
    "unit.chat": (
        "{carrier}{unit}：{area} ㎡{mu}，{rent} 元/㎡·天，{ready}{facilities}",
        "{carrier}{unit}: {area} m²{mu} ({area_ft} sq ft), CNY {rent}/m²/day ({month}/month{usd}), ready {ready}"
        "{facilities}",
    ),
    "unit.chat_usd": ("", "; USD {usd}/sq ft/yr"),
    "car.chat": (
        "{carrier}：可租 {vacant} ㎡，{units} 个单元{rent}",
        "{carrier}: {vacant} m² ({vacant_ft} sq ft) available in {units} {units|unit|units}{rent}",
    ),
    "car.chat_rent": ("，{rent} 元/㎡·天", ", CNY {rent}/m²/day"),
    "car.chat_full": ("{carrier}：暂无可租空间", "{carrier}: no space available now"),
    "sec.facilities": ("配套设施", "Facilities"),
    "fac.item": (
        "{name}：{units} 个单元，其中 {vacant} 个可租",
        "{name}: {units} {units|unit|units}, {vacant} available",
    ),
    # platforms
    "sec.platforms": ("公共平台", "Public platforms"),
    "plat.platform": ("平台", "Platform"),
    "plat.level": ("级别", "Level"),
    "plat.carrier": ("所在载体", "Located in"),
    "plat.about": ("简介", "About"),
    # policies
    "sec.policies": ("产业政策", "Policies"),
    "sec.policies_for": ("可享政策", "Policies you qualify for"),
    "pol.policy": ("政策", "Policy"),
    "pol.issuer": ("发布机关", "Issuer"),
    "pol.kind": ("类别", "Type"),
    "pol.cap": ("支持上限", "Cap"),
    "pol.valid": ("有效期", "Valid"),
    "pol.about": ("要点", "Summary"),
    "pol.reason": ("适用理由", "Why it applies"),
    "pol.estimate": ("预计支持", "Estimated support"),
    "pol.valid_range": ("{start} 至 {end}", "{start} to {end}"),
    "pol.valid_from": ("{start} 起", "from {start}"),
    "pol.valid_until": ("至 {end}", "until {end}"),
    "pol.estimate_total": (
        "可量化的支持合计约 {total}（以最终审核为准）。",
        "Quantified support totals about {total} (subject to final approval).",
    ),
    "pol.none_for": (
        "按目前掌握的情况，暂无可直接适用的政策，招商部门可进一步沟通。",
        "On current information no policy applies directly; the office will be glad to discuss.",
    ),
    # criteria
    "sec.criteria": ("准入要求", "Access criteria"),
    "sec.criteria_for": ("准入评估", "Access criteria check"),
    "crit.criterion": ("指标", "Criterion"),
    "crit.requirement": ("要求", "Requirement"),
    "crit.scope": ("适用范围", "Applies to"),
    "crit.scope_zone": ("全区", "whole zone"),
    "crit.value": ("项目情况", "Project"),
    "crit.verdict": ("结论", "Result"),
    "crit.pass": ("符合", "meets"),
    "crit.fail": ("未达到", "does not meet"),
    "crit.unknown": ("待补充资料", "information needed"),
    "crit.negative": ("负面清单", "Negative list"),
    "crit.negative_hit": ("负面清单提示", "Negative list flags"),
    "crit.overall_pass": ("项目符合已列明的准入要求。", "The project meets the criteria listed."),
    "crit.overall_fail": (
        "项目尚有指标未达到准入要求，请与招商部门沟通。",
        "The project does not yet meet every criterion; please talk to the office.",
    ),
    "crit.overall_unknown": (
        "部分指标需补充资料后评估。",
        "Some criteria need more information before they can be assessed.",
    ),
    "neg.禁止": ("禁止类", "Prohibited"),
    "neg.限制": ("限制类", "Restricted"),
    # tenants
    "sec.tenants": ("入驻企业（部分）", "Firms already here (selection)"),
    "ten.name": ("企业", "Firm"),
    "ten.industry": ("产业", "Industry"),
    "ten.carrier": ("载体", "Carrier"),
    "ten.stage": ("阶段", "Stage"),
    "ten.since": ("时间", "Since"),
    "ten.country": ("国家/地区", "Country/region"),
    "ten.investment": ("投资额", "Investment"),
    "ten.jobs": ("就业", "Jobs"),
    "ten.count": (
        "全区共有 {n} 家企业已落地、投产或达效。",
        "In the zone, {n} {n|firm has|firms have} landed, {n|is|are} producing or {n|has|have} achieved "
        "{n|its|their} targets.",
    ),
    "ten.count.industry": (
        "{industry}领域共有 {n} 家企业已落地、投产或达效。",
        "In the “{industry}” industry, {n} {n|firm has|firms have} landed, {n|is|are} producing or "
        "{n|has|have} achieved {n|its|their} targets.",
    ),
    "ten.count.carrier": (
        "{carrier}共有 {n} 家企业已落地、投产或达效。",
        "In {carrier}, {n} {n|firm has|firms have} landed, {n|is|are} producing or {n|has|have} achieved "
        "{n|its|their} targets.",
    ),
    # prospect
    "sec.needs": ("项目需求", "Your requirements"),
    "need.industry": ("产业", "Industry"),
    "need.area": ("面积", "Floor area"),
    "need.area_range": ("{min}–{max} ㎡", "{min}–{max} m² ({min_ft}–{max_ft} sq ft)"),
    "need.area_min": ("不少于 {min} ㎡", "at least {min} m² ({min_ft} sq ft)"),
    "need.area_max": ("不超过 {max} ㎡", "at most {max} m² ({max_ft} sq ft)"),
    "need.rent": ("租金", "Rent"),
    "need.rent_max": ("不超过 {rent} 元/㎡·天", "at most CNY {rent}/m²/day ({month}/month{usd})"),
    "need.facilities": ("设施", "Facilities"),
    "need.load": ("楼面荷载", "Floor load"),
    "need.load_min": ("不低于 {v} kN/㎡", "at least {v} kN/m²"),
    "need.ready": ("交付时间", "Ready"),
    "need.ready_by": ("{date} 前", "by {date}"),
    "need.investment": ("计划投资", "Planned investment"),
    "need.land": ("用地", "Land"),
    "need.land_value": ("{mu} 亩", "{mu} mu ({ha} ha)"),
    "need.stage": ("当前阶段", "Stage"),
    "need.owner": ("负责人", "Owner"),
    "need.contact": ("联系人", "Contact"),
    "need.note": ("备注", "Note"),
    "need.code": ("项目代号", "Code name"),
    "need.none": ("尚未登记具体需求。", "No specific requirements recorded yet."),
    # the prospect brief: why a unit was matched
    "why.area_range": ("面积 {area} ㎡，在 {min}–{max} ㎡ 需求范围内", "{area} m², within your {min}–{max} m²"),
    "why.area_min": ("面积 {area} ㎡，满足 {min} ㎡ 需求", "{area} m², meets your {min} m²"),
    "why.area_max": ("面积 {area} ㎡，不超过 {max} ㎡", "{area} m², within your {max} m² limit"),
    "why.rent_lowest": ("租金 {rent} 元/㎡·天，为推荐房源中最低", "CNY {rent}/m²/day, the lowest of these units"),
    "why.ready_now": ("现房", "ready now"),
    "why.ready_on": ("{date} 交付", "ready {date}"),
    "why.chain": ("同产业链已有 {n} 家企业在园", "{n} {n|firm|firms} of the same chain already here"),
    "why.policy": ("享受载体专项政策", "carrier-specific policies apply"),
    "why.criteria": ("载体另有准入要求，请与招商部门确认", "this carrier has its own access criteria: ask the office"),
    # why a policy applies
    "field.industry": ("产业", "industry"),
    "field.kind": ("企业类型", "type of organisation"),
    "field.investment": ("投资额", "investment"),
    "field.jobs": ("就业人数", "jobs"),
    "field.stage": ("阶段", "stage"),
    "field.carrier": ("载体", "carrier"),
    "field.country": ("国别", "country"),
    "field.date": ("施行时间", "timing"),
    "field.eligibility": ("适用条件", "conditions"),
    "field.kind_of_policy": ("政策类型", "type of policy"),
    "pol.yes": ("{field}符合", "{field} qualifies"),
    "pol.investment_yes": ("投资额达到 {min}门槛", "investment meets the {min} threshold"),
    "pol.jobs_yes": ("就业人数达到 {min}人门槛", "jobs meet the {min}-job threshold"),
    "pol.unknown": ("{field}待确认", "{field} to be confirmed"),
    "pol.stage_if": ("进入{stages}阶段后适用", "applies once the project is {stages}"),
    "pol.carrier_if": ("入驻{carriers}后适用", "applies once settled in {carriers}"),
    "pol.date_if": ("{start} 起施行", "in force from {start}"),
    "pol.estimate_short": ("预计 {v}", "about {v}"),
    "pol.cap_short": ("最高 {v}", "up to {v}"),
    "pol.basis": ("测算方式", "How it is computed"),
    "pol.rule": ("{basis} × {pct}", "{pct} of {basis}"),
    "basis.investment": ("实际投资额", "actual investment"),
    "basis.annual_rent": ("年租金", "annual rent"),
    "basis.rd_spend": ("年研发投入", "annual R&D spending"),
    "pol.open": ("不限条件", "open to all"),
    "pol.after": ("（满足条件后）", " (once the conditions are met)"),
    "crit.na": ("不适用", "not applicable"),
    "crit.overall_review": (
        "项目涉及负面清单限制类事项，需进一步审核。",
        "The project touches a restricted item and needs review.",
    ),
    "crit.binding_only": ("仅列出对本项目适用的指标。", "Only the criteria that bind this project are listed."),
    "need.business": ("业务", "Business"),
    "sec.matches": ("推荐房源", "Units matched to your requirements"),
    "match.why": ("推荐理由", "Why"),
    "match.none": (
        "目前没有完全符合需求的可租单元，招商部门可协调预留或定制空间。",
        "No available unit meets every requirement today; the office can look at reserved or built-to-suit space.",
    ),
    # charts
    "chart.occupancy": ("各载体出租率", "Occupancy by carrier"),
    "chart.occupied": ("已出租或预留", "Let or reserved"),
    "chart.funnel": ("招商漏斗：各阶段企业数", "Pipeline: firms at each stage"),
    "chart.firms": ("企业数", "Firms"),
    "chart.industries": (
        "各产业已签约企业的计划投资与就业",
        "Planned investment and jobs of signed firms, by industry",
    ),
    "chart.industries.parts": (
        "本产业各部分已签约企业的计划投资与就业",
        "Planned investment and jobs of signed firms, by part of the industry",
    ),
    "chart.investment": ("计划投资", "Planned investment"),
    "chart.jobs": ("就业（人）", "Jobs"),
    "chart.unknown": ("未填", "not given"),
    "chart.unknown.note": ("柱为已填数字之和，不含{parts}", "Bars add up the figures given, leaving out {parts}"),
    "chart.unknown.investment": ("{n} 家企业未填的计划投资", "{n} {n|firm|firms} without planned investment"),
    "chart.unknown.jobs": ("{n} 家企业未填的就业", "{n} {n|firm|firms} without jobs"),
    "chart.quarters": ("各季度签约与落地企业数", "Firms signed and moved in, per quarter"),
    # contact
    "sec.contact": ("联系我们", "Contact"),
    "con.office": ("招商部门", "Office"),
    "con.phone": ("电话", "Phone"),
    "con.email": ("邮箱", "Email"),
    "con.address": ("地址", "Address"),
    # internal
    "sec.pipeline": ("招商进展（内部）", "Pipeline (internal)"),
    "pipe.stage": ("阶段", "Stage"),
    "pipe.count": ("企业数", "Firms"),
    "pipe.sample": ("其中示例", "of which sample"),
    "pipe.investment": ("计划投资", "Planned investment"),
    "pipe.jobs": ("就业", "Jobs"),
    "pipe.total": ("合计", "Total"),
    "sec.leads": ("签约前线索（内部）", "Leads not yet signed (internal)"),
    "lead.name": ("企业", "Firm"),
    "lead.code": ("代号", "Code name"),
    "lead.stage": ("阶段", "Stage"),
    "lead.date": ("日期", "Date"),
    "lead.industry": ("产业", "Industry"),
    "lead.investment": ("投资额", "Investment"),
    "lead.owner": ("负责人", "Owner"),
    "lead.contact": ("联系人", "Contact"),
    "lead.channel": ("来源", "Channel"),
    "lead.note": ("备注", "Note"),
    "lead.count": ("签约前线索共 {n} 条。", "{n} {n|lead|leads} not yet signed."),
    "sec.after": ("项目推进（内部）", "After signing (internal)"),
    "after.name": ("项目", "Project"),
    "after.stage": ("阶段", "Stage"),
    "after.reached": ("已到节点", "Reached"),
    "after.next": ("下一节点（计划）", "Next milestone (planned)"),
    "after.late": ("（滞后）", " (late)"),
    "after.completed": ("累计完成投资", "Invested to date"),
    "after.planned": ("计划投资", "Planned investment"),
    "after.services": ("在办代办", "Open services"),
    "after.overdue": ("（逾期 {n}）", " ({n} overdue)"),
    "after.items": ("待协调", "Open issues"),
    "sec.after_counts": ("项目推进", "Projects after signing"),
    "after.count_value": ("{n} 个（{year} 年 {m} 个）", "{n} ({m} in {year})"),
    "after.count": ("签约后推进中项目共 {n} 个。", "Projects under way after signing: {n}."),
    "after.ledger": ("{year} 年度任务（完成/目标）：", "{year} task ledger (actual/target): "),
    "after.behind": ("（落后）", " (behind)"),
}

UNIT_EN = {
    "万元/亩": "CNY 10k/mu",
    "万元": "CNY 10k",
    "亿元": "CNY 100m",
    "元": "CNY",
    "%": "%",
    "人": "people",
    "亩": "mu",
    "㎡": "m²",
    "个": "",
    "家": "firms",
}
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
CHINESE_NUMERALS = "一二三四五六七八九十"


# {n|firm|firms} in an English text: the singular when n is 1, else the plural ("1 firm", "2 firms").
_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def _one(value) -> bool:
    return str(value).replace(",", "").strip() == "1"


def t(key: str, lang: str, **values) -> str:
    """The fixed text `key` in `lang`, with its {placeholders} filled and its {n|one|many} plurals chosen."""
    text = TEXTS[key][0 if lang == "zh" else 1]
    if not values:
        return text
    text = _PLURAL.sub(lambda m: m[2] if _one(values[m[1]]) else m[3], text)
    return text.format(**values)


def coded(mapping: dict, value: str | None, lang: str) -> str:
    """A coded value (stage, kind, level …) in `lang`; unknown values as entered."""
    if value is None:
        return ""
    found = mapping.get(value)
    if found is None:
        return value
    if isinstance(found, tuple):
        return found[0 if lang == "zh" else 1]
    return value if lang == "zh" else found


def section_number(n: int, lang: str) -> str:
    """一、二、… in Chinese, 1. 2. … in English."""
    if lang == "zh":
        if n <= 10:
            return CHINESE_NUMERALS[n - 1] + "、"
        if n < 20:
            return "十" + CHINESE_NUMERALS[n - 11] + "、"
        return f"{n}、"
    return f"{n}. "
