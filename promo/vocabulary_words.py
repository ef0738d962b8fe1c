"""The words officers use for a coded value besides its code and its labels (promo.vocabulary.LABELS): 已签约
for 签约, 走访 or 拜访 for a visit. One table, so a word means the same on the command line, in an import and in
a filter."""

from __future__ import annotations

SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "stage": {
        "意向": ("intention", "intent", "prospect", "leads", "有意向", "意向中", "初步接触", "接触中"),
        "洽谈": ("negotiation", "negotiate", "talks", "talking", "在谈", "洽谈中", "在洽谈", "谈判", "谈判中", "商谈"),
        "签约": ("signing", "contract", "contracted", "sign", "已签约", "已签", "签了", "签订", "签约了"),
        "注册": ("registration", "register", "incorporated", "已注册", "工商注册"),
        "落地": ("settled", "moved-in", "movedin", "land", "landing", "已落地", "入驻", "已入驻", "进驻", "已进驻"),
        "投产": (
            "production",
            "in-production",
            "inproduction",
            "operating",
            "operation",
            "operational",
            "opened",
            "已投产",
            "运营",
            "已运营",
            "开业",
            "已开业",
        ),
        "达效": (
            "achieve",
            "reached",
            "on-target",
            "ontarget",
            "target-met",
            "targetmet",
            "effective",
            "已达效",
            "达产",
            "已达产",
        ),
    },  # fmt: skip
    "unit_status": {
        "vacant": ("空", "可租", "待租", "空置中", "闲置", "free"),
        "reserved": ("预定", "已预定", "已预留", "意向", "reserve"),
        "leased": ("已出租", "出租", "出租中", "在租", "租", "租出", "已租出", "lease", "let"),
        "fitout": ("装修", "装修中", "fit-out", "fitting-out"),
        "held": ("自用", "锁定", "不可租", "hold", "locked"),
    },
    "activity_kind": {
        "visit": ("走访", "拜访", "上门", "考察", "实地考察", "回访"),
        "call": ("电话", "通话", "phone", "视频", "video", "跟进", "电话跟进"),
        "meeting": ("会谈", "会议", "面谈", "洽谈", "meet", "对接", "对接会"),
        "event": ("活动", "推介会", "展会", "招商会"),
    },
    "measure": {
        "signed": ("签约", "签约数", "signings"),
        "started": ("开工", "开工数", "starts"),
        "producing": ("投产", "投产数", "production"),
        "investment_signed": ("签约额", "协议投资"),
        "investment_completed": ("完成投资额", "累计完成投资", "completed"),
        "arrived": ("到资", "到位", "实际到位资金"),
        "foreign": ("外资", "实际利用外资"),
    },
    "overdue_kind": {
        "follow-up": ("followup", "follow-ups", "跟进事项", "回访"),
        "stage": ("stages", "阶段期限", "阶段超期"),
        "lease": ("leases", "租约到期", "到期租约"),
        "milestone": ("milestones", "项目节点"),
        "service": ("services", "帮办代办", "帮办", "办理事项"),
        "coordination": ("协调事项",),
    },
    "deal_kind": {
        "mou": ("备忘录", "框架协议", "memorandum"),
        "intent": ("意向", "intention", "loi"),
        "contract": ("合同", "签约", "agreement"),
    },  # fmt: skip
    "enterprise_kind": {
        "company": ("公司",),
        "hospital": ("医疗机构",),
        "institute": ("研究院", "研究所", "院所", "机构", "平台"),
    },  # fmt: skip
    "service_status": {
        "todo": ("open", "pending", "待申请", "未开始"),
        "doing": ("in-progress", "办理", "在办"),
        "done": ("closed", "finished", "办结", "完成", "已完成"),
        "paused": ("onhold", "hold", "暂停"),
    },  # fmt: skip
    "coordination_status": {
        "open": ("未解决", "协调中", "推进中", "待解决", "未办结", "solving"),
        "closed": ("已办结", "办结", "已完成", "完成", "已协调", "解决", "done"),
    },
    "policy_level": {"national": ("国家",), "provincial": ("省",), "municipal": ("市",), "zone": ("区级",)},
    "segment": {"上游": ("up",), "中游": ("mid",), "下游": ("down",)},
    "priority": {"高": ("a", "1"), "中": ("b", "2"), "低": ("c", "3")},
    "carrier_kind": {
        "park": ("园区", "产业园区", "工业园", "工业园区", "科技园", "industrial park"),
        "building": ("大楼", "大厦", "写字楼", "办公楼", "楼宇载体"),
        "land": ("标准地", "土地", "宗地", "land plot"),
        "incubator": ("众创空间", "孵化基地", "加速器", "孵化器(众创空间)"),
    },  # fmt: skip
}
