"""The zone profile in a workbook: one row per field (项目, 值), as `promo zone` shows it, written by
promo.edit.zone.set_profile. A field the catalogue leaves empty is new; a different value is a change (--update)."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

from promo.i18n import N_, _
from promo.io.headers import Field
from promo.text import fold

ZH, EN = "园区概况", "zone"
LABEL_COLUMN = "field"
FIELDS = [
    Field("field", "项目", "field", ("字段", "概况项目", "item", "key"), required=True, note="如 电话、邮箱、地址"),
    Field("value", "值", "value", ("内容", "取值", "数值"), note="空则不改"),
    Field("sample", "示例数据", "sample", ("示例",), "choice", choices=("是", "")),
]


def _zh(label: str) -> str:
    from promo.i18n import translations

    return translations("zh").gettext(label)


def _field_keys() -> dict[str, str]:
    """Each profile field by every name a sheet may give it: its key, its `promo zone set` option, its label
    in English and in Chinese."""
    from promo.edit.zone import LABELS, ZONE_FIELDS

    out = {}
    for f in ZONE_FIELDS:
        zh = _zh(LABELS[f.key])
        for name in (f.key, f.option, f.option.lstrip("-"), LABELS[f.key], zh, zh.rsplit(" ", 1)[0]):
            out.setdefault(fold(name), f.key)  # 规划面积 km² and 汇率 (人民币/美元) also without their unit
    return out


def parse(conn: sqlite3.Connection, raw: dict, names: dict, options: dict):
    """The field a row names and its value, checked by the profile's own parser for that field."""
    from promo.edit.record import parse_record
    from promo.edit.zone import LABELS, ZONE_FIELDS
    from promo.errors import BadValue

    key = _field_keys().get(fold(raw["field"]))
    if key is None:
        shown = "、".join(_zh(LABELS[f.key]) for f in ZONE_FIELDS)
        raise BadValue(
            names["field"], raw["field"], _("is not a field of the zone profile; use {choices}").format(choices=shown)
        )
    text = raw.get("value")
    value = None
    if text is not None:
        value = parse_record(conn, {key: text}, ZONE_FIELDS, partial=True, names={key: names["value"]})[key]
    sample = (raw.get("sample") or "").strip() in ("是", "※", "1", "yes", "true")
    if "sample" not in getattr(names, "header_of", {"sample": None}):
        sample = None  # a sheet without the 示例数据 column says nothing of the mark
    return SimpleNamespace(key=key, field=raw["field"], text=text, value=value, sample=sample)


def label(r) -> str:
    return r.field


def keys(r) -> list[tuple[str, str]]:
    key = r.key or _field_keys().get(fold(r.field or ""))  # a row rejected before it was read gives its cell
    return [(N_("field"), key)] if key else []


def _profile(conn: sqlite3.Connection) -> dict[str, dict]:
    from promo.edit.zone import profile

    return {r["field"]: r for r in profile(conn)}


def existing(conn: sqlite3.Connection, r):
    """The zone's value of the field, or None when the catalogue has none yet and the row gives one (added)."""
    row = _profile(conn)[r.key]
    if row["value"] is None and r.value is not None:
        return None, None
    return {"field": r.field, "value": row["value"], "sample": row["sample"]}, _("the zone's field")


def changes(conn: sqlite3.Connection, row, r) -> list[tuple]:
    out = []
    if r.value is not None and r.value != row["value"]:
        out.append(("value", row["value"], r.value))
    # without a 示例数据 column a value left as it was keeps its mark, and a new value (the office's own) loses it
    sample = bool(r.sample) if r.sample is not None or out else row["sample"]
    if r.value is not None and sample != row["sample"]:
        out.append(("sample", "是" if row["sample"] else "", "是" if sample else ""))
    return out


def add(conn: sqlite3.Connection, r, names: dict) -> list[str]:
    if r.value is not None:
        _write(conn, r, names)
    return []


def update(conn: sqlite3.Connection, row, r, changed: list) -> list[str]:
    _write(conn, r, names={})
    return []


def _write(conn: sqlite3.Connection, r, names: dict) -> None:
    from promo.edit.zone import set_profile

    samples = frozenset({r.key} if r.sample else ())
    set_profile(conn, {r.key: r.text}, names={r.key: names.get("value", r.field)}, samples=samples)


def export_rows(conn: sqlite3.Connection) -> list[dict]:
    """The profile as `promo zone` shows it, field names in Chinese (a workbook is), sample values marked."""
    from promo.edit.zone import LABELS

    out = []
    for key, r in _profile(conn).items():
        value = r["value"]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        out.append({"field": _zh(LABELS[key]), "value": value, "sample": "是" if r["sample"] else ""})
    return out


def count(conn: sqlite3.Connection) -> int:
    return len(_profile(conn))


def example() -> dict:
    return {"field": "电话", "value": "0531-12345678", "sample": "是"}
