"""资源清单 in workbooks: carriers, platforms and units, written by promo/edit's own add and update."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from promo.db import rows, stream
from promo.i18n import N_, _
from promo.io.headers import Field
from promo.io.lists.records import RecordList, adder, by_ids, by_name, name_key, parser, updater, yes
from promo.text import fold


def _carriers(conn: sqlite3.Connection, ids) -> list[dict]:
    from promo.resources import KIND_LABELS

    sql, params = by_ids(
        """SELECT t.*, (SELECT group_concat(i.name, ';') FROM carrier_industries ci JOIN industries i
                          ON i.id = ci.industry_id WHERE ci.carrier_id = t.id) AS industries FROM carriers t""",
        ids,
        "t.id",
    )
    out = []
    for r in rows(conn, sql, params):
        r["kind"] = KIND_LABELS.get(r["kind"], r["kind"])
        r["sample"] = yes(r["sample"])
        out.append(r)
    return out


CARRIERS = RecordList(
    "载体",
    "carriers",
    [
        Field(
            "name",
            "载体名称",
            "name",
            ("名称", "园区名称", "载体", "园区", "楼宇名称", "项目名称", "carrier"),
            "name",
            required=True,
        ),
        Field("code", "编码", "code", ("代码", "载体编码", "code")),
        Field("name_en", "英文名称", "English name", ("name_en", "english name")),
        Field(
            "kind", "类型", "kind", ("载体类型", "类别"), "choice", choices=("产业园", "楼宇", "地块", "孵化器", "组团")
        ),
        Field("address", "地址", "address", ("详细地址", "位置", "所在地址")),
        Field("lat", "纬度", "latitude", ("lat",), "num"),
        Field("lon", "经度", "longitude", ("lon", "lng"), "num"),
        Field("operator", "运营方", "operator", ("运营单位", "运营主体", "管理单位")),
        Field("contact_name", "联系人", "contact", ("对接人", "联系人姓名")),
        Field("contact_phone", "联系电话", "phone", ("电话", "手机", "联系方式"), "phone"),
        Field(
            "industries",
            "主导产业",
            "industries",
            ("产业", "产业方向", "产业定位", "所属产业"),
            "list",
            note="多个用 ; 分隔",
        ),
        Field("status", "状态", "status", ("建设状态", "运营状态")),
        Field("description", "简介", "description", ("介绍", "载体简介", "说明")),
        Field("description_en", "英文简介", "English description", ("description_en",)),
        Field("sample", "示例数据", "sample", ("示例",), "choice", choices=("是", "")),
    ],
    "carriers",
    parser("promo.edit.carriers", "CARRIER_FIELDS"),
    _carriers,
    by_name("carriers"),
    adder("promo.edit.carriers", "add_carrier"),
    updater("promo.edit.carriers", "update_carrier"),
    name_key,
    {
        "name": "示例生命科学产业园",
        "kind": "产业园",
        "address": "济南市槐荫区示例路1号",
        "industries": "高端医疗器械",
        "sample": "是",
    },
    CONTINUED_BY=("name", ("contact_name", "contact_phone")),
)


def _platforms(conn: sqlite3.Connection, ids) -> list[dict]:
    from promo.edit.carriers import PLATFORM_LEVELS

    sql, params = by_ids(
        "SELECT t.*, c.name AS carrier_label FROM platforms t LEFT JOIN carriers c ON c.id = t.carrier_id",
        ids,
        "t.id",
    )
    out = []
    for r in rows(conn, sql, params):
        r["carrier_id"] = r.pop("carrier_label")  # the sheet names the carrier, as a person would
        r["level"] = PLATFORM_LEVELS.get(r["level"], r["level"])
        r["sample"] = ""
        out.append(r)
    return out


PLATFORMS = RecordList(
    "公共平台",
    "platforms",
    [
        Field("name", "平台名称", "name", ("名称", "平台", "platform"), "name", required=True),
        Field("code", "编码", "code", ("代码", "code")),
        Field("name_en", "英文名称", "English name", ("name_en",)),
        Field("kind", "平台类型", "kind", ("类型", "类别")),
        Field("level", "级别", "level", ("平台级别", "层级"), "choice", choices=("国家级", "省级", "市级", "园区级")),
        Field("carrier_id", "所在载体", "carrier", ("载体", "园区", "carrier")),
        Field("description", "简介", "description", ("介绍", "说明")),
        Field("description_en", "英文简介", "English description", ("description_en",)),
    ],
    "platforms",
    parser("promo.edit.carriers", "PLATFORM_FIELDS"),
    _platforms,
    by_name("platforms"),
    adder("promo.edit.carriers", "add_platform"),
    updater("promo.edit.carriers", "update_platform"),
    name_key,
    {"name": "示例共享实验平台", "kind": "共享实验室", "level": "市级"},
)


def _units(conn: sqlite3.Connection, ids) -> Iterator[dict]:
    """The units as their sheet shows them, streamed: a 100,000-unit export holds one row at a time."""
    from promo.edit.units import UNIT_KINDS
    from promo.resources import STATUS_LABELS

    sql, params = by_ids(
        """SELECT t.*, c.name AS carrier_label, e.name AS holder,
                  (SELECT group_concat(f.name, ';') FROM unit_facilities uf JOIN facilities f ON f.id = uf.facility_id
                   WHERE uf.unit_id = t.id) AS facilities
           FROM units t JOIN carriers c ON c.id = t.carrier_id LEFT JOIN enterprises e ON e.id = t.enterprise_id""",
        ids,
        "t.carrier_id, t.id",
    )
    for r in stream(conn, sql, params):
        r["carrier_id"] = r.pop("carrier_label")
        r["status"] = STATUS_LABELS.get(r["status"], r["status"])
        r["kind"] = UNIT_KINDS.get(r["kind"], r["kind"])
        r["sample"] = yes(r["sample"])
        yield r


def _find_unit(conn, typed):
    code = typed["code"].upper() if typed["code"].isascii() else typed["code"]
    return conn.execute(
        "SELECT t.*, c.name AS carrier_name FROM units t JOIN carriers c ON c.id = t.carrier_id "
        "WHERE t.carrier_id = ? AND t.code = ?",
        (typed["carrier_id"], code),
    ).fetchone()


def _add_unit(conn, raw, names):
    """A held unit comes in vacant and is taken by its holder when the holder is in the catalogue, so the
    enterprises sheet's 房源 (imported after) re-creates the holding instead of finding the unit taken."""
    from promo.edit import units
    from promo.holding import take_unit
    from promo.identity import duplicate_of

    holder = (raw.get("holder") or "").strip()
    given = {k: v for k, v in raw.items() if k != "holder"}
    status = units.parse_status(conn, given["status"], "status") if given.get("status") else None  # checked already
    warnings = []
    if holder and status in ("reserved", "leased"):
        given["status"] = "vacant"
    added = units.add(conn, given, names=names)
    if holder and status in ("reserved", "leased"):
        enterprise = duplicate_of(conn, holder, None)[0]
        if enterprise is not None:
            take_unit(conn, enterprise, f"{added['carrier_name']}/{added['code']}")
        else:
            warnings.append(
                _(
                    "{code}: held by {holder}, not in the catalogue yet; imported vacant "
                    "(importing that enterprise with this unit in its 房源 takes it)"
                ).format(code=added["code"], holder=holder)
            )
    return {**added, "warnings": warnings}


def _update_unit(conn, row, raw, names):
    from promo.edit.units import update_unit

    return update_unit(conn, f"{row['carrier_name']}/{row['code']}", raw, names=names)


def _unit_parse(conn, raw, names):
    return parser("promo.edit.units", "UNIT_FIELDS")(conn, {k: v for k, v in raw.items() if k != "holder"}, names)


def _unit_key(typed) -> list[tuple[str, str]]:
    return [(N_("carrier and unit code"), f"{typed['carrier_id']}/{fold(typed['code'])}")]


UNITS = RecordList(
    "房源",
    "units",
    [
        Field("carrier_id", "载体", "carrier", ("载体名称", "园区", "楼宇", "项目", "carrier"), required=True),
        Field("code", "单元号", "unit", ("房号", "单元", "房源编号", "编号", "房间号", "unit", "code"), required=True),
        Field("kind", "类型", "kind", ("房源类型",), "choice", choices=("房源", "标准地")),
        Field("building", "楼栋", "building", ("楼号", "栋", "楼宇号")),
        Field("floor", "楼层", "floor", ("层", "所在楼层"), "int"),
        Field(
            "area_m2",
            "面积(㎡)",
            "area (m²)",
            ("面积", "建筑面积", "建筑面积(㎡)", "面积(平方米)", "area", "area_m2"),
            "num",
            required=True,
        ),
        Field("rent", "租金(元/㎡·天)", "rent (CNY/m²/day)", ("租金", "租金单价", "rent"), "num"),
        Field(
            "status",
            "状态",
            "status",
            ("租赁状态", "出租状态", "房源状态"),
            "choice",
            choices=("空置", "预留", "已租", "装修中", "不可租"),
        ),
        Field(
            "holder", "承租企业", "tenant", ("租户", "承租方", "入驻企业", "holder"), note="仅导出, 由企业表的房源写入"
        ),
        Field("floor_load_kn", "荷载(kN/㎡)", "floor load (kN/m²)", ("荷载", "楼面荷载", "承重")),
        Field("ceiling_m", "层高(m)", "ceiling (m)", ("层高", "净高")),
        Field("ready_date", "可入驻日期", "ready", ("交付日期", "可租日期"), "date"),
        Field("lease_start", "租期起", "lease start", ("起租日期", "租赁开始"), "date"),
        Field("lease_end", "租期止", "lease end", ("到期日期", "租赁到期", "租期至"), "date"),
        Field("status_until", "状态截至", "status until", (), "date"),
        Field("status_reason", "状态原因", "status reason", ()),
        Field("plot_ratio", "容积率", "plot ratio", (), "num"),
        Field("intensity_wan_mu", "投资强度(万元/亩)", "intensity (10k CNY/mu)", ("投资强度",), "num"),
        Field("tax_wan_mu", "亩均税收(万元/亩)", "tax per mu (10k CNY)", ("亩均税收",), "num"),
        Field("facilities", "配套设施", "facilities", ("设施", "配套", "facility"), "list", note="多个用 ; 分隔"),
        Field("note", "备注", "note", ("说明",)),
        Field("sample", "示例数据", "sample", ("示例",), "choice", choices=("是", "")),
    ],
    "units",
    _unit_parse,
    _units,
    _find_unit,
    _add_unit,
    _update_unit,
    _unit_key,
    {
        "carrier_id": "精准医学产业园",
        "code": "Z9-101",
        "floor": 1,
        "area_m2": 800,
        "rent": 1.2,
        "status": "空置",
        "sample": "是",
    },
    LABEL_COLUMN="code",
    derived=("holder",),
)
