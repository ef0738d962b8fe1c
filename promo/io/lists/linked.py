"""Lists that hang off an enterprise or an event (milestones, reports, services, coordination, deals): one
adapter shape over the domain's own writers. A row names its enterprise exactly (name in any script, credit
code or code name, never a part of a name), so an import cannot attach a figure to the wrong project."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace

from promo.i18n import _
from promo.io.headers import Field

ENTERPRISE_ALIASES = (
    "企业",
    "名称",
    "公司名称",
    "单位名称",
    "项目名称",
    "项目单位",
    "企业(项目)名称",
    "项目",
    "enterprise",
    "company",
    "project",
    "name",
)


def enterprise_field(note: str = "企业全称、统一社会信用代码或项目代号") -> Field:
    return Field("enterprise", "企业名称", "enterprise", ENTERPRISE_ALIASES, "name", required=True, note=note)


@dataclass
class LinkedList:
    ZH: str
    EN: str
    FIELDS: list[Field]
    parse_fn: Callable  # (conn, raw, names, options) -> typed dict with its "label"; every problem of the row
    key_fn: Callable  # typed -> (what, key)
    find: Callable  # (conn, typed) -> the record as a dict keyed like typed (with "label"), or None
    add_fn: Callable  # (conn, typed) -> warnings
    update_fn: Callable  # (conn, record, typed, changed keys) -> warnings
    export: Callable  # conn -> iterable of dicts keyed like FIELDS
    compared: tuple[str, ...]  # the typed keys a re-import compares with the record
    sample: dict
    shown: dict = field(default_factory=dict)  # key -> {code: label}, so a change reads 待办 → 已办结
    # the writers' options and the columns they are (option -> field key), so a refusal names the column
    options: dict = field(default_factory=dict)
    LABEL_COLUMN: str = "enterprise"  # the column that names a row before it is parsed
    count_sql: str = ""  # how many rows the sheet has, when a query can say: then the export streams them

    def parse(self, conn: sqlite3.Connection, raw: dict, names: dict, options: dict):
        return SimpleNamespace(**self.parse_fn(conn, raw, names, options), _names=names)

    def label(self, r) -> str:
        return r.label

    def keys(self, r) -> list[tuple[str, str]]:
        return [self.key_fn(vars(r))]

    def existing(self, conn: sqlite3.Connection, r):
        row = self.find(conn, vars(r))
        if row is None:
            return None, None
        return {**row, self.LABEL_COLUMN: r.label}, _("the same {key}").format(key=_(self.key_fn(vars(r))[0]))

    def changes(self, conn: sqlite3.Connection, row: dict, r) -> list[tuple]:
        out = []
        for k in self.compared:
            new, old = getattr(r, k, None), row.get(k)
            if new in (None, "") or _same(new, old):
                continue
            labels = self.shown.get(k, {})
            out.append((k, labels.get(old, old), labels.get(new, new)))
        return out

    def add(self, conn: sqlite3.Connection, r, names: dict) -> list[str]:
        with as_columns(self.options, r._names):
            return self.add_fn(conn, vars(r)) or []

    def update(self, conn: sqlite3.Connection, row: dict, r, changed: list) -> list[str]:
        with as_columns(self.options, r._names):
            return self.update_fn(conn, row, vars(r), {c[0] for c in changed}) or []

    def export_rows(self, conn: sqlite3.Connection):
        return self.export(conn) if self.count_sql else list(self.export(conn))

    def count(self, conn: sqlite3.Connection) -> int:
        return conn.execute(self.count_sql).fetchone()[0]

    def example(self) -> dict:
        return self.sample


@contextmanager
def as_columns(options: dict, names: dict):
    """A writer's refusal naming its option (--date 2024-12-01: …) names the file's column instead."""
    from promo.errors import PromoError

    try:
        yield
    except PromoError as exc:
        for option, key in options.items():
            if names.get(key) and option in exc.message:
                exc.message = re.sub(rf"(?<![\w-]){re.escape(option)}(?![\w-])", names[key], exc.message)
        raise


def _same(new, old) -> bool:
    if isinstance(new, (int, float)) and isinstance(old, (int, float)):
        return float(new) == float(old)
    return new == old


def the_enterprise(conn: sqlite3.Connection, raw: dict, names: dict) -> sqlite3.Row:
    """The enterprise a row names, exactly; NotFound (with suggestions) names the column."""
    from promo.identity import get
    from promo.io.lists import as_column

    return as_column(names["enterprise"], get, conn, str(raw["enterprise"]), exact=True)


def collect(*steps: Callable) -> list:
    """Run each parsing step, gathering every problem of the row; raises them all at once."""
    from promo.errors import PromoError, raise_all

    out, problems = [], []
    for step in steps:
        try:
            out.append(step())
        except PromoError as exc:
            problems.append(exc)
            out.append(None)
    raise_all(problems)
    return out


def text(raw: dict, names: dict, key: str, max_len: int = 2000) -> Callable:
    from promo.enterprise_fields import parse_text

    return lambda: parse_text(raw.get(key), names[key], max_len=max_len) or None


def date(raw: dict, names: dict, key: str) -> Callable:
    from promo.text import parse_date

    return lambda: parse_date(raw.get(key), names[key]) if raw.get(key) else None


def amount(raw: dict, names: dict, key: str) -> Callable:
    """One project's amount (a deal's investment), by the rule --investment follows on the command line."""
    from promo.io.lists import as_column
    from promo.text import parse_project_amount

    return lambda: as_column(names[key], parse_project_amount, raw[key], names[key]) if raw.get(key) else None
