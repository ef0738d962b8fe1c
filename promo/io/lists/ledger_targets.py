"""任务台账目标 ledger targets in a workbook: one row per year, scope, period and measure, matched on all four
and written by promo.ledger.set_targets (as `promo ledger targets set` does)."""

from __future__ import annotations

import sqlite3

from promo.errors import BadValue
from promo.i18n import N_, _
from promo.io.headers import Field
from promo.io.lists import as_column

ZH, EN = "任务目标", "ledger targets"
LABEL_COLUMN = "label"
SCOPES = {"zone": "全区", "owner": "负责人", "chain": "产业链"}
PERIODS = {0: "全年", 1: "Q1", 2: "Q2", 3: "Q3", 4: "Q4"}


def _measures() -> dict:
    from promo.ledger import MEASURES

    return MEASURES


FIELDS = [
    Field("year", "年度", "year", ("年份", "年"), "int", required=True),
    Field("scope", "范围", "scope", ("目标范围", "层级"), "choice", required=True, choices=tuple(SCOPES.values())),
    Field("scope_name", "负责人/产业链", "officer or chain", ("对象", "责任人", "产业链", "负责人", "owner", "chain")),
    Field("quarter", "期间", "period", ("季度", "quarter"), "choice", choices=tuple(PERIODS.values())),
    Field(
        "measure",
        "指标",
        "measure",
        ("目标指标", "任务指标"),
        "choice",
        required=True,
        choices=("签约项目", "开工项目", "投产项目", "签约投资", "完成投资", "到位资金", "外资到位"),
    ),
    Field("value", "目标", "target", ("目标值", "任务", "任务数", "目标数"), "num", required=True),
    Field("unit", "单位", "unit", ("计量单位",), note="个 for projects, 万元 for amounts; read, never written"),
]


class Target:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def _pick(table: dict, text: str, column: str, why: str, *aliases: dict):
    from promo.text import fold

    for key, shown in table.items():
        if fold(str(text)) in (fold(str(key)), fold(shown), *(fold(a.get(key, shown)) for a in aliases)):
            return key
    raise BadValue(column, text, why)


def parse(conn: sqlite3.Connection, raw: dict, names: dict, options: dict):
    from promo import ledger
    from promo.projects import parse_year
    from promo.text import parse_amount, parse_number

    year = as_column(names["year"], parse_year, raw["year"], names["year"])
    scope = _pick(SCOPES, raw["scope"], names["scope"], _("use 全区, 负责人 or 产业链"))
    quarter_text = str(raw.get("quarter") or "全年").replace("季度", "").replace("第", "")
    quarter_text = {"一": "1", "二": "2", "三": "3", "四": "4"}.get(quarter_text, quarter_text)
    quarter = _pick(PERIODS, quarter_text, names["quarter"], _("use 全年 or Q1-Q4"), {1: "1", 2: "2", 3: "3", 4: "4"})
    labels = {m: name for m, (name, _) in _measures().items()}
    measure = _pick(
        labels, raw["measure"], names["measure"], _("use one of {choices}").format(choices=", ".join(labels.values()))
    )
    who = raw.get("scope_name") or None
    if scope != "zone" and not who:
        raise BadValue(
            names["scope_name"], "", _("is empty; a {scope} target names its {scope}").format(scope=SCOPES[scope])
        )
    scope, value, shown, warnings = as_column(
        names["scope_name"],
        ledger.resolve_scope,
        conn,
        who if scope == "owner" else None,
        who if scope == "chain" else None,
    )
    if _measures()[measure][1] == "count":
        amount = as_column(
            names["value"], parse_number, raw["value"], names["value"], integer=True, unit_suffixes=("个", "家")
        )
    else:
        amount = as_column(names["value"], parse_amount, raw["value"], names["value"])
    period = f"{year}" + (f" Q{quarter}" if quarter else "")
    return Target(
        year=year,
        scope=scope,
        scope_value=value,
        quarter=quarter,
        measure=measure,
        value=amount,
        label=f"{period} {shown} {labels[measure]}",
        warnings=warnings,
    )


def label(t) -> str:
    return t.label


def row_warnings(t) -> list[str]:
    return t.warnings


def keys(t) -> list[tuple[str, str]]:
    return [
        (
            N_("year, scope, period and measure"),
            f"{t.year}\x1f{t.scope}\x1f{t.scope_value}\x1f{t.quarter}\x1f{t.measure}",
        )
    ]


def existing(conn: sqlite3.Connection, t):
    row = conn.execute(
        "SELECT * FROM ledger_targets WHERE year = ? AND scope = ? AND scope_value = ? AND quarter = ? AND measure = ?",
        (t.year, t.scope, t.scope_value, t.quarter, t.measure),
    ).fetchone()
    return (
        ({**dict(row), "label": t.label}, _("the same {key}").format(key=_("year, scope, period and measure")))
        if row
        else (None, None)
    )


def changes(conn: sqlite3.Connection, row, t) -> list[tuple]:
    return [("value", row["value"], t.value)] if float(row["value"]) != float(t.value) else []


def add(conn: sqlite3.Connection, t, names: dict) -> list[str]:
    from promo import ledger

    ledger.set_targets(conn, t.year, t.scope, t.scope_value, t.quarter, {t.measure: t.value})
    return []


def update(conn: sqlite3.Connection, row, t, changed: list) -> list[str]:
    return add(conn, t, {})


def export_rows(conn: sqlite3.Connection) -> list[dict]:
    from promo import ledger

    out = []
    for (year,) in conn.execute("SELECT DISTINCT year FROM ledger_targets ORDER BY year").fetchall():
        for r in ledger.targets(conn, year):
            count = _measures()[r["measure"]][1] == "count"
            out.append(
                {
                    "year": year,
                    "scope": SCOPES[r["scope"]],
                    "scope_name": r["scope_name"] if r["scope"] != "zone" else None,
                    "quarter": PERIODS[r["quarter"]],
                    "measure": r["label"],
                    "value": int(r["value"]) if float(r["value"]).is_integer() else r["value"],
                    "unit": "个" if count else "万元",
                }
            )
    return out


def example() -> dict:
    return {"year": 2026, "scope": "全区", "quarter": "全年", "measure": "签约项目", "value": 20, "unit": "个"}
