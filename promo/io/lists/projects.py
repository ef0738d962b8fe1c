"""A project's life after signing in workbooks: milestones (one row per project, planned and actual dates as
offices lay out their weekly sheet) and yearly or quarterly reports, written by promo.projects."""

from __future__ import annotations

from promo.i18n import N_, _
from promo.io.headers import Field
from promo.io.lists.linked import LinkedList, as_columns, collect, date, enterprise_field, text, the_enterprise
from promo.projects import REPORT_FIELDS

_WORDS = {"开工": ("开工", "动工"), "竣工": ("竣工", "完工"), "投产": ("投产", "运营"), "达效": ("达效", "达产")}
_EN = {"开工": "start", "竣工": "completion", "投产": "production", "达效": "on target"}


def _milestone_fields() -> list[Field]:
    """Three columns per milestone: 计划开工日期 / 实际开工日期 / 开工备注, read also under a group heading 开工
    over 计划 and 实际 (a two-level header reads as 开工计划)."""
    out = []
    for m, words in _WORDS.items():
        planned = tuple(a for w in words for a in (f"计划{w}", f"{w}计划", f"计划{w}时间", f"{w}计划日期"))
        actual = tuple(
            a for w in words for a in (f"实际{w}", f"{w}实际", f"实际{w}时间", f"{w}日期", f"{w}时间", f"{w}实际日期")
        )
        out += [
            Field(f"{m}_planned", f"计划{m}日期", f"{_EN[m]} planned", planned, "date"),
            Field(f"{m}_actual", f"实际{m}日期", f"{_EN[m]} actual", actual, "date", note="已发生, 不晚于今天"),
            Field(f"{m}_note", f"{m}备注", f"{_EN[m]} note", (f"{m}说明",)),
        ]
    return out


def _parse_milestones(conn, raw, names, options) -> dict:
    keys = [f.key for f in _milestone_fields()]
    values = collect(
        lambda: the_enterprise(conn, raw, names),
        *(date(raw, names, k) if not k.endswith("_note") else text(raw, names, k, 500) for k in keys),
    )
    e, typed = values[0], dict(zip(keys, values[1:], strict=True))
    if not any(v for k, v in typed.items() if not k.endswith("_note")):
        from promo.errors import BadValue

        raise BadValue(
            names["enterprise"],
            e["name"],
            _("the row gives no milestone date"),
            _(
                "one row per project, with columns such as 计划开工日期, 实际开工日期, 计划竣工日期 …"
                " (or a heading 开工 over 计划 and 实际)"
            ),
        )
    return {"enterprise_id": e["id"], "label": e["name"], **typed}


def _milestone_record(conn, typed) -> dict | None:
    found = conn.execute("SELECT * FROM milestones WHERE enterprise_id = ?", (typed["enterprise_id"],)).fetchall()
    if not found:
        return None
    out = {"label": typed["label"], "enterprise_id": typed["enterprise_id"]}
    for r in found:
        m = r["milestone"]
        out |= {f"{m}_planned": r["planned_date"], f"{m}_actual": r["actual_date"], f"{m}_note": r["note"]}
    return out


def write_milestones(conn, typed, changed=None) -> list[str]:
    """Write a row's milestones in order; if that order breaks 开工 → 竣工 → 投产 → 达效 on the way (every date
    moved later: 开工 would pass the stored 竣工), the reverse order is tried before the row is refused."""
    from promo.errors import PromoError

    conn.execute("SAVEPOINT milestones_row")
    try:
        try:
            return _write_in_order(conn, typed, changed, list(_WORDS))
        except PromoError as first:
            conn.execute("ROLLBACK TO milestones_row")
            try:
                return _write_in_order(conn, typed, changed, list(reversed(_WORDS)))
            except PromoError:
                conn.execute("ROLLBACK TO milestones_row")
                raise first from None
    finally:
        conn.execute("RELEASE milestones_row")


def _write_in_order(conn, typed, changed, order: list[str]) -> list[str]:
    from promo.projects import set_milestone

    warnings = []
    for m in order:
        parts = {p: typed.get(f"{m}_{p}") for p in ("planned", "actual", "note")}
        if changed is not None:
            parts = {p: v if f"{m}_{p}" in changed else None for p, v in parts.items()}
        if not parts["planned"] and not parts["actual"]:
            if parts["note"]:
                conn.execute(
                    "UPDATE milestones SET note = ? WHERE enterprise_id = ? AND milestone = ?",
                    (parts["note"], typed["enterprise_id"], m),
                )
            continue
        with as_columns({"--date": f"{m}_actual", "--planned": f"{m}_planned"}, typed["_names"]):
            r = set_milestone(
                conn, typed["label"], m, date=parts["actual"], planned=parts["planned"], note=parts["note"]
            )
        if r["moved"]:
            warnings.append(
                _("{name} moved to {stage} on {date} by its {milestone}").format(
                    name=r["name"], stage=r["moved"]["to"], date=r["moved"]["date"], milestone=m
                )
            )
    return warnings


def _milestone_rows(conn):
    """One row per project, streamed: its milestones come together in the query's order."""
    row, current = None, None
    for r in conn.execute(
        """SELECT m.*, e.name FROM milestones m JOIN enterprises e ON e.id = m.enterprise_id
           ORDER BY e.id, m.milestone"""
    ):
        if r["enterprise_id"] != current:
            if row is not None:
                yield row
            row, current = {"enterprise": r["name"]}, r["enterprise_id"]
        m = r["milestone"]
        row |= {f"{m}_planned": r["planned_date"], f"{m}_actual": r["actual_date"], f"{m}_note": r["note"]}
    if row is not None:
        yield row


MILESTONES = LinkedList(
    "项目节点",
    "milestones",
    [enterprise_field(), *_milestone_fields()],
    _parse_milestones,
    lambda t: ("enterprise", str(t["enterprise_id"])),
    _milestone_record,
    write_milestones,
    lambda conn, record, typed, changed: write_milestones(conn, typed, changed),
    _milestone_rows,
    tuple(f.key for f in _milestone_fields()),
    {"enterprise": "济南示例医疗科技有限公司", "开工_planned": "2026-04-01", "开工_actual": "2026-04-10"},
    count_sql="SELECT count(DISTINCT enterprise_id) FROM milestones",
)


PERIODS = {0: "全年", 1: "Q1", 2: "Q2", 3: "Q3", 4: "Q4"}
_FIGURES = (
    # key (promo.projects.REPORT_FIELDS), column, zh header, en header, aliases, kind
    ("completed_investment", "completed_investment_wan", "累计完成投资(万元)", "investment completed (10k CNY)",
     ("累计完成投资", "完成投资", "已完成投资", "累计投资", "完成投资额", "累计完成"), "money"),
    ("arrived", "arrived_wan", "到位资金(万元)", "capital arrived (10k CNY)",
     ("到位资金", "到资", "实际到位资金", "资金到位", "到位资金额", "实际到资"), "money"),
    ("jobs_created", "jobs_created", "带动就业(人)", "jobs created",
     ("带动就业", "新增就业", "就业人数", "用工人数", "吸纳就业"), "int"),
    ("output", "output_wan", "产值(万元)", "output (10k CNY)", ("产值", "年产值", "工业总产值", "总产值"), "money"),
    ("tax", "tax_wan", "税收(万元)", "tax (10k CNY)",
     ("税收", "纳税", "纳税额", "税收总额", "实缴税金", "缴税"), "money"),
    ("land_mu", "land_mu", "用地(亩)", "land (mu)",
     ("用地", "用地面积", "占地", "占地面积", "土地面积"), "num"),
    ("floor_m2", "floor_m2", "面积(㎡)", "floor area (m²)",
     ("使用面积", "建筑面积", "租用面积", "面积", "厂房面积"), "num"),
)  # fmt: skip


def _parse_report(conn, raw, names, options) -> dict:
    from promo.errors import BadValue
    from promo.io.lists import as_column
    from promo.projects import parse_year
    from promo.text import parse_number, parse_project_amount

    def period():
        text = str(raw.get("quarter") or "全年").upper().replace("季度", "").replace("第", "").strip()
        text = {"一": "1", "二": "2", "三": "3", "四": "4", "年": "全年", "年度": "全年"}.get(text, text)
        for q, shown in PERIODS.items():
            if text in (shown, str(q), f"Q{q}", f"{q}Q"):
                return q
        raise BadValue(names["quarter"], raw.get("quarter"), _("use 全年 or Q1-Q4"))

    def figure(key, kind):
        value = raw.get(key)
        if not value:
            return lambda: None
        if kind == "money":
            return lambda: as_column(names[key], parse_project_amount, value, names[key])
        if kind == "int":
            return lambda: as_column(names[key], parse_number, value, names[key], integer=True, unit_suffixes=("人",))
        suffixes = ("亩", "㎡", "平方米", "平米", "m2")
        return lambda: as_column(names[key], parse_number, value, names[key], minimum=0.0001, unit_suffixes=suffixes)

    values = collect(
        lambda: the_enterprise(conn, raw, names),
        lambda: as_column(names["year"], parse_year, raw["year"], names["year"]),
        period,
        *(figure(f[0], f[5]) for f in _FIGURES),
    )
    e, year, quarter = values[:3]
    when = f"{year}" + (f" Q{quarter}" if quarter else "")
    figures = dict(zip((f[0] for f in _FIGURES), values[3:], strict=True))
    if all(v is None for v in figures.values()):
        raise BadValue(names["enterprise"], e["name"], _("the row gives no figure for {period}").format(period=when))
    return {
        "enterprise_id": e["id"],
        "label": f"{e['name']} {when}",
        "name": e["name"],
        "year": year,
        "quarter": quarter,
        "over_plan": bool(options.get("over_plan")),
        **figures,
    }


def _report_record(conn, typed) -> dict | None:
    r = conn.execute(
        "SELECT * FROM project_reports WHERE enterprise_id = ? AND year = ? AND quarter = ?",
        (typed["enterprise_id"], typed["year"], typed["quarter"]),
    ).fetchone()
    if r is None:
        return None
    return {"label": typed["label"], **{key: r[column] for key, column, *_ in _FIGURES}}


def _write_report(conn, typed, changed=None) -> list[str]:
    from promo.projects import record_report

    keys = [f[0] for f in _FIGURES if changed is None or f[0] in changed]
    values = {k: typed[k] for k in keys if typed[k] is not None}
    if not values:
        from promo.errors import BadValue

        raise BadValue("FILE", typed["label"], _("gives no figure; a report row needs at least one"))
    r = record_report(conn, typed["name"], typed["year"], typed["quarter"], values, over_plan=typed["over_plan"])
    return r["warnings"]


def _report_rows(conn):
    for r in conn.execute(
        """SELECT r.*, e.name FROM project_reports r JOIN enterprises e ON e.id = r.enterprise_id
           ORDER BY e.id, r.year, r.quarter"""
    ):
        yield {
            "enterprise": r["name"],
            "year": r["year"],
            "quarter": PERIODS[r["quarter"]],
            **{key: r[column] for key, column, *_ in _FIGURES},
        }


REPORTS = LinkedList(
    "项目报表",
    "reports",
    [
        enterprise_field(),
        Field("year", "年度", "year", ("年份", "年", "报告年度", "填报年度"), "int", required=True),
        Field("quarter", "期间", "period", ("季度", "报告期", "quarter"), "choice", choices=tuple(PERIODS.values())),
        *(Field(key, zh, en, aliases, kind) for key, _, zh, en, aliases, kind in _FIGURES),
    ],
    _parse_report,
    lambda t: (N_("enterprise, year and period"), f"{t['enterprise_id']}\x1f{t['year']}\x1f{t['quarter']}"),
    _report_record,
    _write_report,
    lambda conn, record, typed, changed: _write_report(conn, typed, changed),
    _report_rows,
    tuple(f[0] for f in _FIGURES),
    {"enterprise": "济南示例医疗科技有限公司", "year": 2026, "quarter": "全年", "completed_investment": 3000},
    options={"--year": "year", **{option: key for key, (_, option, _) in REPORT_FIELDS.items()}},
    count_sql="SELECT count(*) FROM project_reports",
)
