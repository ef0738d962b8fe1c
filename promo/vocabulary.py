"""The catalogue's vocabulary: pipeline stages and their sets, orderings, and the zh/en label of every coded value.

A coded value is worded from here wherever it is shown (tables, JSON's *_en keys, the brief), so 落地 reads
"landed" everywhere. A new label is one entry in LABELS.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cache

from promo.i18n import N_, _, language
from promo.vocabulary_words import SYNONYMS  # the words officers use besides the labels (已签约 for 签约)

STAGES = ("意向", "洽谈", "签约", "注册", "落地", "投产", "达效")
SIGNED = STAGES[STAGES.index("签约") :]  # from 签约 on: a tenant, and a name that may be shown publicly
LEADS = STAGES[: STAGES.index("签约")]  # 意向, 洽谈
PRESENT = STAGES[STAGES.index("落地") :]  # physically in its carrier: the references

# coded value -> (zh, en); the Chinese-valued codes (stages, channels) are their own zh label
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "stage": {
        "意向": ("意向", "lead"),
        "洽谈": ("洽谈", "negotiating"),
        "签约": ("签约", "signed"),
        "注册": ("注册", "registered"),
        "落地": ("落地", "landed"),
        "投产": ("投产", "producing"),
        "达效": ("达效", "achieved"),
    },
    "carrier_kind": {
        "park": ("产业园", "industrial park"),
        "building": ("楼宇", "building"),
        "land": ("地块", "land plot"),
        "incubator": ("孵化器", "incubator"),
        "cluster": ("组团", "cluster"),
    },
    "enterprise_kind": {
        "company": ("企业", "company"),
        "hospital": ("医院", "hospital"),
        "institute": ("科研院所", "research institute"),
    },
    "unit_status": {
        "vacant": ("空置", "vacant"),
        "reserved": ("预留", "reserved"),
        "leased": ("已租", "leased"),
        "fitout": ("装修中", "being fitted out"),
        "held": ("不可租", "held back"),
    },
    "policy_level": {
        "national": ("国家级", "national"),
        "provincial": ("省级", "provincial"),
        "municipal": ("市级", "municipal"),
        "zone": ("园区", "zone"),
    },
    "channel": {
        "以商引商": ("以商引商", "via tenants"),
        "以会招商": ("以会招商", "via events"),
        "中介": ("中介", "via a broker"),
        "基金": ("基金", "via a fund"),
        "驻点招商": ("驻点招商", "via a resident office"),
        "网络招商": ("网络招商", "online"),
        "委托招商": ("委托招商", "by an agent"),
        "自主招商": ("自主招商", "direct"),
        "产业招商": ("产业招商", "by industry"),
        "直接": ("直接", "direct"),
    },
    "activity_kind": {
        "visit": ("走访", "visit"),
        "call": ("电话", "call"),
        "meeting": ("会谈", "meeting"),
        "event": ("活动", "event"),
    },
    "segment": {"上游": ("上游", "upstream"), "中游": ("中游", "midstream"), "下游": ("下游", "downstream")},
    "carrier_status": {
        "运营中": ("运营中", "operating"),
        "建设中": ("建设中", "under construction"),
        "待出让": ("待出让", "land to be transferred"),
        "规划中": ("规划中", "planned"),
    },
    "policy_kind": {
        "综合": ("综合", "comprehensive"),
        "规划": ("规划", "plan"),
        "人才": ("人才", "talent"),
        "落户": ("落户", "settlement"),
        "租金": ("租金", "rent"),
        "研发": ("研发", "R&D"),
        "上市": ("上市", "listing"),
        "金融": ("金融", "finance"),
        "税收": ("税收", "tax"),
    },
    "milestone": {
        "开工": ("开工", "construction started"),
        "竣工": ("竣工", "completed"),
        "投产": ("投产", "in production"),
        "达效": ("达效", "on target"),
    },
    "service_status": {
        "todo": ("待办", "to do"),
        "doing": ("办理中", "in progress"),
        "done": ("已办结", "done"),
        "paused": ("暂缓", "paused"),
    },
    "coordination_status": {"open": ("待协调", "open"), "closed": ("已解决", "solved")},
    "deal_kind": {
        "mou": ("合作备忘录", "MOU"),
        "intent": ("意向协议", "letter of intent"),
        "contract": ("正式合同", "contract"),
    },
    "measure": {
        "signed": ("签约项目", "projects signed"),
        "started": ("开工项目", "projects started"),
        "producing": ("投产项目", "projects in production"),
        "investment_signed": ("签约投资", "investment signed"),
        "investment_completed": ("完成投资", "investment completed"),
        "arrived": ("到位资金", "capital arrived"),
        "foreign": ("外资到位", "foreign capital arrived"),
    },
    "check_status": {
        "pass": ("✓ 达标", "✓ pass"),
        "fail": ("✗ 未达标", "✗ fail"),
        "unknown": ("? 缺数据", "? no data"),
        "n/a": ("— 不适用", "— n/a"),
        "exception": ("⊘ 一事一议", "⊘ case by case"),
    },
    "check_verdict": {
        "pass": ("通过", "pass"),
        "fail": ("不通过", "fail"),
        "review": ("需审核", "needs review"),
        "unknown": ("待补充", "incomplete"),
    },
    "policy_verdict": {
        "yes": ("符合", "eligible"),
        "if": ("条件符合", "eligible if"),
        "unknown": ("待核实", "to check"),
        "no": ("不符合", "not eligible"),
    },
    # what `promo overdue` lists (its --kind)
    "overdue_kind": {
        "follow-up": ("跟进", "follow-up"),
        "stage": ("阶段", "stage"),
        "lease": ("租约", "lease"),
        "milestone": ("节点", "milestone"),
        "service": ("代办", "service"),
        "coordination": ("协调", "coordination"),
    },
    "profile_figure": {
        "investment_wan": ("投资额 --investment", "investment --investment"),
        "land_mu": ("用地亩数 --land-mu", "land (mu) --land-mu"),
        "output_wan": ("年产值 --output", "yearly output --output"),
        "tax_wan": ("年税收 --tax", "yearly tax --tax"),
        "rd_wan": ("年研发投入 --rd", "yearly R&D --rd"),
        "jobs": ("就业人数 --jobs", "jobs --jobs"),
    },
    "criterion_scope": {"全区": ("全区", "whole zone")},  # a criterion's scope: the zone, else a carrier or industry
    "metric_formula": {
        "investment_intensity": ("投资额 ÷ 用地亩数", "investment ÷ land (mu)"),
        "output_per_mu": ("年产值 ÷ 用地亩数", "yearly output ÷ land (mu)"),
        "tax_per_mu": ("年税收 ÷ 用地亩数", "yearly tax ÷ land (mu)"),
        "rd_share": ("年研发投入 ÷ 年产值 × 100%", "yearly R&D ÷ yearly output × 100%"),
        "investment": ("项目总投资", "total investment"),
        "output": ("达产年产值", "yearly output at full production"),
        "tax": ("达产年税收", "yearly tax at full production"),
        "jobs": ("新增就业", "new jobs"),
        "land_mu": ("项目用地", "land taken"),
    },
    "search_match": {"名称": ("名称", "name"), "其他": ("其他", "other text"), "产业链": ("产业链", "chain")}
    | {"拼音": ("拼音", "pinyin")},
    "rate_basis": {
        "investment": ("实际投资额", "actual investment"),
        "annual_rent": ("年租金", "yearly rent"),
        "rd_spend": ("年研发投入", "yearly R&D"),
    },
    "country_group": {"境外": ("境外", "outside the mainland"), "境内": ("境内", "the mainland")},
    "placeholder": {  # what a listing shows for a value not filled in (the SQL writes the Chinese one)
        "(产业未填)": ("(产业未填)", "(no industry)"),
        "(来源未填)": ("(来源未填)", "(no source)"),
        "(未分配)": ("(未分配)", "(no owner)"),
        "(无载体)": ("(无载体)", "(no carrier)"),
        "(所有项目)": ("(所有项目)", "(every project)"),
        "全区 zone": ("全区", "whole zone"),
    },
    "unit_of_measure": {"个": ("个", "projects"), "万元": ("万元", "10k CNY")},
    "industry_level": {
        "industry": ("主导产业", "leading industry"),
        "chain": ("产业链", "chain"),
        "link": ("环节", "link"),
        "cluster": ("集群", "cluster"),
    },
    "holding": {"reserved": ("预留", "reserved"), "leased": ("租用", "leased")},
    "target_status": {
        "open": ("待招引", "open"),
        "promoted": ("已转入流程", "in the pipeline"),
        "dropped": ("已放弃", "dropped"),
    },
    "scenario_status": {"open": ("征集中", "open"), "matched": ("已对接", "matched"), "closed": ("已关闭", "closed")},
    "import_status": {
        "new": ("新增", "new"),
        "unchanged": ("不变", "unchanged"),
        "changed": ("更新", "changed"),
        "kept": ("未更新", "not updated"),
        "rejected": ("拒绝", "rejected"),
    },
    # coded columns the change journal shows (promo.field_labels.CODED)
    "chain_level": {
        "industry": ("主导产业", "leading industry"),
        "chain": ("产业链", "chain"),
        "link": ("链环", "link"),
    },
    "unit_kind": {"space": ("房源", "space"), "land": ("地块", "land")},
    "negative_kind": {"禁止": ("禁止", "prohibited"), "限制": ("限制", "restricted")},
    "ledger_scope": {"zone": ("全区", "whole zone"), "owner": ("负责人", "officer"), "chain": ("产业链", "chain")},
    "priority": {"高": ("高", "high"), "中": ("中", "medium"), "低": ("低", "low")},
    "target_reason": {
        "头部企业": ("头部企业", "leading enterprise"),
        "关键配套": ("关键配套", "key supplier"),
        "补链": ("补链", "fills a chain gap"),
        "延链": ("延链", "extends the chain"),
        "强链": ("强链", "strengthens the chain"),
        "技术领先": ("技术领先", "technology leader"),
        "以商引商": ("以商引商", "via existing tenants"),
    },
    "owner_kind": {
        "hospital": ("医院", "hospital"),
        "platform": ("平台", "platform"),
        "institute": ("科研院所", "research institute"),
        "enterprise": ("企业", "enterprise"),
        "government": ("政府部门", "government department"),
    },
}


def synonyms(kind: str) -> dict[str, str]:
    """Word → code for one kind of coded value, from SYNONYMS."""
    return {word: code for code, words in SYNONYMS[kind].items() for word in words}


def kind_words(kind: str, *, with_synonyms: bool = True) -> dict[str, tuple[str, ...]]:
    """Code → its words for one coded kind: its zh label, its en label, then the words officers use (SYNONYMS)."""
    others = SYNONYMS.get(kind, {}) if with_synonyms else {}
    return {code: (zh, en, *others.get(code, ())) for code, (zh, en) in LABELS[kind].items()}


_MARKS = "✓✗?—⊘ "  # a check's label starts with its mark (✓ 达标); nobody types it


def words_to_code(words: str | Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Folded word → code: what an officer may type for a value, compared folded (case, width, script, spaces).

    `words` is a coded kind (its code, both labels and its synonyms, built once on first use) or code → its
    words for a set of choices of one's own; a code is always a word for itself. The one matcher of typed
    words against codes: the vocabulary's parsers, the command line's choices (promo.commands.common.Words)."""
    if isinstance(words, str):
        return _kind_to_code(words)
    from promo.text import fold

    return {fold(word.lstrip(_MARKS)): code for code, named in words.items() for word in (code, *named)}


@cache
def _kind_to_code(kind: str) -> dict[str, str]:
    # built on first use: folding loads OpenCC's tables, which a command that parses no such value never needs
    return words_to_code(kind_words(kind))


# The coded values themselves, in their order: a new one is one entry in LABELS (and the schema's CHECK, if any).
UNIT_STATUSES = tuple(LABELS["unit_status"])
CARRIER_KINDS = tuple(LABELS["carrier_kind"])
POLICY_LEVELS = tuple(LABELS["policy_level"])  # also the order policies are listed in, national first
CHANNELS = tuple(LABELS["channel"])
MILESTONES = tuple(LABELS["milestone"])  # a project's life after signing, in order
MILESTONE_STAGES = {"投产": "投产", "达效": "达效"}  # a milestone that is also a stage moves the enterprise there
SERVICE_STATUSES = tuple(LABELS["service_status"])


def label(kind: str, value: str | None, lang: str = "zh") -> str:
    """The label of a coded value in `lang` ('zh' or 'en'); a value without one is shown as entered."""
    if value is None:
        return ""
    found = LABELS[kind].get(value)
    if found is None:
        return value
    return found[0 if lang == "zh" else 1]


def labels(kind: str, lang: str = "zh") -> dict[str, str]:
    """Code -> label in `lang` for one kind of coded value, in declaration order."""
    return {code: pair[0 if lang == "zh" else 1] for code, pair in LABELS[kind].items()}


def shown(kind: str, value: str | None) -> str:
    """The label of a coded value in the user's language (a table cell, a message)."""
    return label(kind, value, language())


class Shown(Mapping):
    """Code -> label in the user's language at the time of each lookup, for tables of a kind built at import."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def __getitem__(self, code: str) -> str:
        if code not in LABELS[self.kind]:
            raise KeyError(code)
        return shown(self.kind, code)

    def __iter__(self) -> Iterator[str]:
        return iter(LABELS[self.kind])

    def __len__(self) -> int:
        return len(LABELS[self.kind])


def by_label(kind: str) -> dict[str, str]:
    """Folded code, zh label and en label (marks like ✓ dropped) -> code: a kind's words without its synonyms."""
    return words_to_code(kind_words(kind, with_synonyms=False))


def stages_text(stages) -> str:
    """Stages as a policy lists them: 签约/注册/落地 in Chinese; in English spaced so a line may break between them."""
    return (" / " if language() == "en" else "/").join(shown("stage", s) for s in stages)


def stage_index(stage: str) -> int:
    """The position of a stage in the pipeline (意向 = 0)."""
    return STAGES.index(stage)


def sql_in(values: tuple[str, ...] | list[str]) -> str:
    """An SQL list of text constants, for `stage IN {sql_in(SIGNED)}` (the values are ours, never user input)."""
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


def sql_order(column: str, order: tuple[str, ...]) -> str:
    """An SQL expression sorting `column` by its position in `order`; other values after all of them."""
    cases = " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(order))
    return f"CASE {column} {cases} ELSE {len(order)} END"


def stage_order(column: str = "e.stage") -> str:
    """SQL: a stage column's pipeline position."""
    return sql_order(column, STAGES)


def stage_values() -> str:
    """SQL rows ('意向', 0), ('洽谈', 1) …, for a `stage(stage, pos) AS (VALUES …)` table."""
    return ", ".join(f"('{s}', {i})" for i, s in enumerate(STAGES))


def policy_order(alias: str = "p") -> str:
    """SQL ORDER BY terms for policies: national first, then by start date (undated last), then as added."""
    return f"{sql_order(f'{alias}.level', POLICY_LEVELS)}, {alias}.start_date IS NULL, {alias}.start_date, {alias}.id"


def is_public(stage: str) -> bool:
    """A name is public from 签约 on; before, a public output shows a code name or nothing."""
    return stage in SIGNED


BAD_CHECK_MARK = "⚠"
_BAD_CHECK_NOTE = N_("⚠ credit code fails its check character; stored as given")


def bad_check_note() -> str:
    """The caption under a table holding a flagged credit code, in the user's language."""
    return _(_BAD_CHECK_NOTE)


def __getattr__(name: str) -> str:
    # BAD_CHECK_NOTE is read when shown (from promo.vocabulary import BAD_CHECK_NOTE inside a command), so it
    # follows the language of that run; a module constant would be fixed at import
    if name == "BAD_CHECK_NOTE":
        return bad_check_note()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def display_name(row, *, public: bool = False) -> str:
    """How an enterprise is named on screen: ⚠ after a flagged credit code; its code name where the real
    name must not show (public), and no name at all for a lead without one."""
    keys = row.keys()
    if public:
        if row["code_name"]:
            return row["code_name"]
        if not is_public(row["stage"]):
            return f"未公开项目 #{row['id']}"
    flagged = "uscc_bad_check" in keys and row["uscc_bad_check"]
    return row["name"] + (f" {BAD_CHECK_MARK}" if flagged else "")


def choices(kind: str) -> str:
    """The values of a coded kind as a 'use one of' message lists them: 意向、洽谈 … in Chinese; in English each
    with its other name, since both are accepted (意向 (lead), visit (走访))."""
    if language() == "zh":
        return "、".join(zh for zh, _en in LABELS[kind].values())
    return ", ".join(f"{zh} ({en})" if code == zh else f"{code} ({zh})" for code, (zh, en) in LABELS[kind].items())
