"""The words for the values of the command line's choice options (--format, --sort, --kind, --lang …).

Each value keeps its English code, the scripting interface; officers may type its Chinese word instead. The
first word is the value's Chinese label (help and refusals list it); the others are accepted too. A choice
over a coded kind of the catalogue (stages, enterprise kinds) takes its words from promo.vocabulary instead.
"""

from __future__ import annotations

_FORMAT = {"table": ("表格", "表"), "csv": ("CSV",), "json": ("JSON",), "markdown": ("Markdown", "md")}

WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "format": _FORMAT,
    "report_format": {"wechat": ("微信", "微信群", "群消息"), **_FORMAT},
    "brief_format": {
        "markdown": ("Markdown", "md"),
        "wechat": ("微信", "微信群", "群消息"),
        "docx": ("Word", "Word文档", "文档"),
        "html": ("网页", "HTML"),
    },
    "sort": {
        "area": ("面积",),
        "rent": ("租金", "价格"),
        "ready": ("交付", "交付日期", "可入驻", "可入驻日期"),
        "floor": ("楼层",),
        "carrier": ("载体",),
        "load": ("荷载", "承重", "楼面荷载"),
    },
    "space_kind": {"space": ("空间", "房源", "可租空间"), "land": ("土地", "标准地", "用地")},
    "language": {"zh": ("中文", "汉语", "简体中文"), "en": ("英文", "英语", "English")},
    "audience": {"public": ("公开", "对外"), "internal": ("内部", "对内")},
    "crs": {
        "wgs84": ("GPS", "WGS-84", "WGS 84", "WGS", "北斗", "天地图"),
        "gcj02": ("高德", "GCJ-02", "腾讯", "火星坐标", "国测局"),
        "bd09": ("百度", "BD-09"),
    },
    "period": {"month": ("按月", "月", "每月", "月度"), "quarter": ("按季度", "季度", "按季", "每季度")},
}

ALL = {"all": ("全部", "所有", "全部状态")}
"""The extra choice of a filter that can also show every value (promo targets --status all)."""
