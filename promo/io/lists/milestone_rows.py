"""Milestones one row per milestone (企业名称 | 节点 | 计划日期 | 实际日期 | 备注), as many offices keep them: each row
is read and reported on its own line and written through the same writer as the one-row-per-project sheet;
a project's rows are tried again once its other rows are written, so their order in the file does not matter."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from promo.errors import PromoError
from promo.i18n import N_, _
from promo.io.changes import header
from promo.io.headers import Field, Table
from promo.io.lists.linked import LinkedList, collect, date, enterprise_field, text, the_enterprise
from promo.io.lists.projects import MILESTONES, write_milestones
from promo.text import fold
from promo.vocabulary import MILESTONES as MILESTONE_NAMES

RETRIES = 4  # a project has four milestones: each pass can unblock the next


def _parse(conn, raw, names, options) -> dict:
    from promo.errors import BadValue
    from promo.io.lists import as_column
    from promo.projects import parse_milestone

    m, e, planned, actual, note = collect(
        lambda: as_column(names["milestone"], parse_milestone, str(raw["milestone"]), names["milestone"]),
        lambda: the_enterprise(conn, raw, names),
        date(raw, names, "planned"),
        date(raw, names, "actual"),
        text(raw, names, "note", 500),
    )
    if not planned and not actual:
        raise BadValue(
            names["milestone"],
            m,
            _("the row gives neither a planned nor an actual date"),
            _("one row per milestone: 企业名称, 节点 (开工/竣工/投产/达效), 计划日期, 实际日期"),
        )
    wide = {f"{m}_planned": planned, f"{m}_actual": actual, f"{m}_note": note}
    return {
        "enterprise_id": e["id"],
        "name": e["name"],
        "label": f"{e['name']} {m}",
        "milestone": m,
        "planned": planned,
        "actual": actual,
        "note": note,
        **wide,
    }


def _record(conn, typed) -> dict | None:
    r = conn.execute(
        "SELECT * FROM milestones WHERE enterprise_id = ? AND milestone = ?",
        (typed["enterprise_id"], typed["milestone"]),
    ).fetchone()
    if r is None:
        return None
    return {"label": typed["label"], "planned": r["planned_date"], "actual": r["actual_date"], "note": r["note"]}


def _as_wide(typed: dict) -> dict:
    """The row as the one-row-per-project writer takes it, its columns named as this file names them."""
    m, names = typed["milestone"], typed["_names"]
    wide_names = names | {f"{m}_{p}": names[p] for p in ("planned", "actual", "note")}
    return typed | {"label": typed["name"], "_names": wide_names}


def _add(conn, typed) -> list[str]:
    return write_milestones(conn, _as_wide(typed))


def _update(conn, record, typed, changed) -> list[str]:
    return write_milestones(conn, _as_wide(typed), {f"{typed['milestone']}_{k}" for k in changed})


FIELDS = [
    enterprise_field(),
    Field(
        "milestone",
        "节点",
        "milestone",
        ("项目节点", "节点名称", "里程碑", "进度节点", "建设节点", "形象进度", "节点类型", "milestone"),
        "choice",
        required=True,
        choices=MILESTONE_NAMES,
    ),
    Field(
        "planned",
        "计划日期",
        "planned",
        ("计划时间", "计划完成日期", "计划完成时间", "计划节点日期", "planned date", "planned"),
        "date",
    ),
    Field(
        "actual",
        "实际日期",
        "actual",
        ("实际时间", "实际完成日期", "实际完成时间", "完成日期", "完成时间", "actual date", "actual"),
        "date",
        note="已发生, 不晚于今天",
    ),
    Field("note", "备注", "note", ("说明", "情况说明", "note")),
]


@dataclass
class MilestoneRows(LinkedList):
    def import_table(self, conn: sqlite3.Connection, table: Table, **kwargs):
        """Import the rows; a row refused when written is tried again while other rows of its project get
        written (竣工 moved later before 开工 is), so the rows' order in the file does not matter."""
        from promo.io import importer

        records = list(table.records)  # a milestone sheet is small: its conflicts are found before any write
        conflicts = _conflicts(table, records)
        table.records = [r for r in records if r[0] not in conflicts]
        report = importer.run(conn, self, table, **kwargs)
        # a milestone sheet is small: its outcomes are sorted and retried as a list
        report.outcomes = [*report.outcomes, *(importer.rejected_row(line, *why) for line, why in conflicts.items())]
        report.outcomes.sort(key=lambda o: o.line)
        kwargs.pop("progress", None)
        where = {o.line: i for i, o in enumerate(report.outcomes)}
        project = {line: _project(table, cells) for line, _data, cells in records}
        for _pass in range(RETRIES):
            written = {project[o.line] for o in report.outcomes if o.status in ("new", "changed")}
            again = [o for o in report.outcomes if o.status == "rejected" and o.at_write and project[o.line] in written]
            if not again:
                break
            retry = Table(
                table.headers,
                table.columns,
                table.header_of,
                table.units,
                records=[(o.line, _data(table, o.cells), o.cells) for o in again],
            )
            second = importer.run(conn, self, retry, **kwargs)
            better = [o for o in second.outcomes if o.status != "rejected"]
            for o in better:
                report.outcomes[where[o.line]] = o
            report.warnings += [w for w in second.warnings if w not in report.warnings]
            if not better:
                break
        return report


def _conflicts(table: Table, records: list) -> dict[int, tuple]:
    """{line: (name, problem, cells)} for rows that give one project's milestone different dates: neither can
    be taken over the other, so each is refused, naming the other lines."""
    from promo.projects import parse_milestone

    groups: dict[tuple, list] = {}
    for line, data, cells in records:
        try:
            m = parse_milestone(str(data.get("milestone") or ""))
        except PromoError:
            continue  # the row is refused for its 节点 on its own
        groups.setdefault((_project(table, cells), m), []).append((line, data, cells, m))
    out = {}
    fields = {f.key: f for f in FIELDS}
    for rows in groups.values():
        for key in ("planned", "actual"):
            given = {_date(data.get(key)) for _line, data, _cells, _m in rows} - {None}
            if len(given) < 2:
                continue
            for line, data, cells, m in rows:
                others = ", ".join(str(other) for other, *_rest in rows if other != line)
                out[line] = (
                    f"{data.get('enterprise') or ''} {m}".strip(),
                    _("conflict: {milestone} of {name} has other dates on line {lines} ({field}: {dates})").format(
                        milestone=m,
                        name=data.get("enterprise") or "",
                        lines=others,
                        field=header(fields[key], key),
                        dates=_(" vs ").join(sorted(given)),
                    ),
                    cells,
                )
    return out


def _date(value) -> str | None:
    """A date cell as compared between rows: the date it means, or its text when it is not one."""
    from promo.io.cells import cell_text
    from promo.text import parse_date

    try:
        text, _warnings = cell_text(value, "date", "", required=False)
        return parse_date(text) if text else None
    except PromoError:
        return str(value).strip() or None


def _data(table: Table, cells: list) -> dict:
    return {key: cells[c] for c, key in table.columns.items() if c < len(cells)}


def _project(table: Table, cells: list) -> str:
    return fold(str(_data(table, cells).get("enterprise") or ""))


MILESTONE_ROWS = MilestoneRows(
    MILESTONES.ZH,
    MILESTONES.EN,
    FIELDS,
    _parse,
    lambda t: (N_("enterprise and milestone"), f"{t['enterprise_id']}\x1f{t['milestone']}"),
    _record,
    _add,
    _update,
    MILESTONES.export,
    ("planned", "actual", "note"),
    {"enterprise": "济南示例医疗科技有限公司", "milestone": "开工", "planned": "2026-04-01", "actual": "2026-04-10"},
)
