"""Datasette metadata for the served snapshot: Chinese titles and column descriptions, facets, the search query."""

from __future__ import annotations

DATABASE = "catalogue"

TABLES = {
    "vacant_units": (
        "空置单元",
        "每个空置单元及其载体、设施与产业（单元数据为示例时标 sample=1）",
        ["carrier", {"array": "facilities"}, {"array": "industry"}, "building"],
    ),
    "pipeline": (
        "招商进展",
        "企业在招引流程中的阶段：签约 → 注册 → 落地 → 投产 → 达效",
        ["stage", "industry", "carrier"],
    ),
    "carrier_map": ("招商地图", "有坐标的载体（WGS-84）；示例坐标标 sample_coordinates=1", ["kind", "status"]),
    "carriers": ("载体", "产业园、楼宇、地块、孵化器与组团", ["kind", "status"]),
    "units": ("单元（房源）", "载体内的可租单元", ["status", "carrier_id", "building"]),
    "enterprises": ("企业", "已签约及之后阶段的企业", ["stage", "industry_id", "carrier_id", "country"]),
    "industries": ("产业链", "主导产业 → 产业链 → 环节", ["level", "segment"]),
    "clusters": ("产业集群", None, []),
    "platforms": ("公共平台", "国家级、省级等平台", ["level", "kind"]),
    "policies": ("产业政策", "政策名称、发布机构、层级与额度", ["level", "kind", "issuer"]),
    "criteria": ("准入条件", "投资强度、亩均产出与税收等门槛", ["metric"]),
    "negative_list": ("负面清单", "禁止类与限制类项目", ["kind"]),
    "scenarios": ("创新场景机会清单", None, ["status", "owner"]),
    "targets": ("目标企业", "招商目录中的目标企业", ["priority", "status"]),
    "zone": ("园区概况", None, []),
}

COLUMNS = {
    "carrier": "载体", "unit": "单元编号", "building": "楼栋", "floor": "楼层", "area_m2": "面积（㎡）",
    "rent": "租金（元/㎡·天）", "floor_load_kn": "楼面荷载（kN/㎡）", "ceiling_m": "层高（m）",
    "ready_date": "可交付日期",
    "facilities": "设施", "industry": "产业", "sample": "示例数据（非实测）", "name": "名称", "name_en": "英文名称",
    "stage": "阶段", "stage_date": "进入该阶段日期", "investment_wan": "投资额（万元）", "jobs": "就业人数",
    "source_channel": "招商渠道", "country": "国家/地区", "kind": "类型", "status": "状态", "latitude": "纬度 WGS-84",
    "longitude": "经度 WGS-84", "vacant_units": "空置单元数", "vacant_area_m2": "空置面积（㎡）",
    "sample_coordinates": "示例坐标", "address": "地址", "description": "简介", "level": "层级", "issuer": "发布机构",
    "code": "编号", "lat": "纬度 WGS-84", "lon": "经度 WGS-84",
}  # fmt: skip

HIDDEN = ("search_index", "search_index_data", "search_index_idx", "search_index_content", "search_index_docsize",
          "search_index_config", "search_docs", "carrier_industries", "unit_facilities", "zone_figures",
          "policy_eligibility", "stage_history", "journal", "journal_changes", "match_memory", "needs",
          "activities", "settings", "stage_deadlines", "facilities")  # fmt: skip

SEARCH_SQL = """SELECT d.list AS 清单, d.name AS 名称, d.detail AS 说明
FROM search_index s JOIN search_docs d ON d.rowid = s.rowid
WHERE search_index MATCH promo_match(:q)
ORDER BY bm25(search_index, 10.0, 1.0, 4.0)
LIMIT 200"""


def metadata(title: str, columns: dict[str, list[str]], *, internal: bool) -> dict:
    """The metadata dict for Datasette: titles, descriptions, facets, the cluster map and promo's search.

    `columns` names each served table's (or view's) columns, so each describes only its own.
    """
    tables = {}
    for table, (label, description, facets) in TABLES.items():
        if table not in columns:
            continue
        tables[table] = {
            "title": label,
            **({"description": description} if description else {}),
            "facets": [f for f in facets if (f["array"] if isinstance(f, dict) else f) in columns[table]],
            "columns": {c: COLUMNS[c] for c in columns[table] if c in COLUMNS},
        }
    for table in HIDDEN:
        if table in columns:
            tables.setdefault(table, {})["hidden"] = True
    scope = "内部版：全部数据，仅本机访问" if internal else "公开版：不含个人联系方式、备注与签约前的意向企业"
    return {
        "title": f"{title} 招商资源",
        "description": f"{title}的载体、房源、企业、政策与产业链（{scope}）。数据由 promo 生成，只读。",
        **({} if internal else {"allow_sql": False}),
        "plugins": {
            "datasette-cluster-map": {"latitude_column": "latitude", "longitude_column": "longitude"},
        },
        "databases": {
            DATABASE: {
                "title": f"{title} 招商资源",
                "tables": tables,
                "queries": {
                    "search": {
                        "title": "搜索（promo 索引：两字即可、繁简/全半角/拼音首字母均可）",
                        "sql": SEARCH_SQL,
                        "description": "例如：眼科、器械、jngjyxzx",
                    }
                },
            }
        },
    }
