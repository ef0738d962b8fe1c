"""Every listing speaks the user's language: in English no title, caption, header, coded cell or note is Chinese
(names and other data stay as entered), and in Chinese none of them is English prose."""

from __future__ import annotations

import io
import re
import sqlite3

import pytest

from promo import render_table, vocabulary

GOOD = "91370100MA3C5T8N5L"
CHECK = ("check", "--industry", "整机制造", "--investment", "2亿", "--land-mu", "50", "--output", "3亿")
CHECK += ("--tax", "1500")
LISTINGS = [
    ("vacancies",),
    ("carriers",),
    ("carriers", "show", "精准医学产业园"),
    ("carriers", "show", "精准医学产业园", "--grid"),
    ("units",),
    ("units", "--expiring", "900"),
    ("platforms",),
    ("enterprises",),
    ("enterprises", "show", "济南新药"),
    ("enterprises", "show", "菲士医学"),
    ("enterprises", "milestone", "济南新药"),
    ("enterprises", "report", "济南新药"),
    ("pipeline",),
    ("pipeline", "--by", "industry"),
    ("pipeline", "--by", "source"),
    ("pipeline", "--period", "quarter", "--since", "2025-07-01"),
    ("ledger", "--year", "2026"),
    ("ledger", "--year", "2026", "--by", "owner"),
    ("ledger", "--year", "2026", "--by", "event"),
    ("ledger", "--year", "2026", "--detail", "--measure", "signed"),
    ("ledger", "targets", "--year", "2026"),
    ("overdue",),
    ("catalogue",),
    ("targets",),
    ("policies",),
    ("policies", "show", "医学中心项目落户奖励"),
    ("policies", "--for", "示例生物制药", "--all"),
    ("criteria",),
    ("criteria", "--negative-list"),
    CHECK,
    ("check", "--industry", "IVD体外诊断试剂", "--investment", "3000", "--business", "原料药中间体 放射性"),
    ("scenarios",),
    ("match", "--for", "示例生物制药", "--limit", "3"),
    ("match", "--for", "示例医学影像设备", "--limit", "2"),
    ("map",),
    ("search", "眼科"),
    ("zone",),
    ("services",),
    ("services", "templates"),
    ("services", "departments"),
    ("coordination",),
    ("events",),
    ("events", "show", "中韩医疗器械对接会"),
]
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# units written as officers write them, in either language (the product's convention): 万元, 元/㎡·天, 亩; and
# the mark the seed's sample names carry, which a caption explains
UNITS = ("万元/亩", "万元/年", "元/㎡·天", "亿元", "万元", "万", "元/㎡", "亩", "亿", "(示例)", "（示例）")
EXCERPT = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+…")  # a cut quotation of a description


@pytest.fixture
def after_signing(run):
    """The seed with a signed project's after-signing life: services, a coordination item, an event, a milestone,
    a report, the year's targets, a visit and a reserved unit."""
    steps = [
        ("enterprises", "add", "济南新药科技有限公司", "--uscc", GOOD, "--industry", "精准医学")
        + (
            "--investment",
            "1.2亿",
            "--source",
            "以商引商",
            "--owner",
            "张伟",
            "--date",
            "2026-09-01",
            "--unit",
            "A1-402",
        ),
        ("services", "apply", "济南新药", "--asked", "2026-09-10"),
        ("coordination", "add", "济南新药", "双回路供电未接入", "--department", "供电公司", "--leader", "王主任")
        + ("--date", "2026-11-10", "--due", "2026-11-20"),
        ("events", "add", "2026中韩医疗器械对接会", "--date", "2026-04-18", "--place", "首尔", "--organiser", "管委会"),
        ("events", "sign", "中韩医疗器械对接会", "济南新药", "--kind", "mou", "--investment", "1亿"),
        ("enterprises", "milestone", "济南新药", "开工", "--planned", "2026-10-01", "--date", "2026-10-12"),
        ("enterprises", "report", "济南新药", "--year", "2026", "--completed-investment", "9000", "--arrived", "6000"),
        ("ledger", "targets", "set", "--year", "2026", "--signed", "12", "--signed-investment", "30亿"),
        ("enterprises", "log-activity", "菲士医学", "--kind", "visit", "--date", "2026-11-10", "--note", "看样板间")
        + ("--next", "2026-11-20"),
        ("units", "set-status", "A1-603", "预留", "--reason", "洽谈中"),
        ("units", "set-status", "A2-601", "已租", "--start", "2026-01-01", "--until", "2027-06-30"),
        ("enterprises", "need", "示例医学影像设备", "--min-area", "1000", "--max-rent", "1.2"),
    ]
    for step in steps:
        assert run(*step).exit_code == 0, step
    return run


@pytest.fixture
def shown(monkeypatch):
    """Every table and record promo draws: its title, caption, headers and the texts of its cells."""
    seen = []
    show, show_record = render_table.show, render_table.show_record

    def table(rows, columns, cell, *, title=None, caption=None, stream=None):
        rows = list(rows)
        coded = [bool(getattr(c, "labels", None)) for c in columns]
        texts = [[cell(c, r.get(c.key)) for c in columns] for r in rows]
        seen.append({"title": title, "caption": caption, "headers": [c.header for c in columns], "texts": texts})
        seen[-1]["coded"] = [t for row in texts for t, is_coded in zip(row, coded, strict=True) if is_coded]
        show(rows, columns, cell, title=title, caption=caption, stream=io.StringIO())
        if callable(caption):  # worked out once the rows are written (a streamed listing's tally)
            seen[-1]["caption"] = caption()

    def record(row, columns, cell, stream=None):
        texts = [[cell(c, row.get(c.key)) for c in columns]]
        seen.append({"title": None, "caption": None, "headers": [c.header for c in columns], "texts": texts})
        seen[-1]["coded"] = []
        show_record(row, columns, cell, stream=io.StringIO())

    monkeypatch.setattr(render_table, "show", table)
    monkeypatch.setattr(render_table, "show_record", record)
    return seen


def data_values(db_path) -> list[str]:
    """Every Chinese text the catalogue holds (names, addresses, notes …), longest first; coded values excluded,
    since those must be worded in the user's language."""
    coded = {zh for table in vocabulary.LABELS.values() for zh, _en in table.values()} | {
        code for table in vocabulary.LABELS.values() for code in table
    }
    found = set()
    with sqlite3.connect(db_path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            if table.startswith(("sqlite", "search", "journal")) or "fts" in table:
                continue
            for column in [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]:
                sql = f'SELECT DISTINCT "{column}" FROM "{table}" WHERE typeof("{column}") = \'text\''
                for (value,) in conn.execute(sql):
                    if CJK.search(value):
                        found.add(value)
                        found.update(p for p in re.split(r'[\s,;、"\[\]]+', value) if CJK.search(p))
    return sorted(found - coded, key=len, reverse=True)


def residue(text: str, values: list[str]) -> str:
    """`text` less the catalogue's data and the units of measure: what promo itself wrote."""
    for v in values:
        if v in text:
            text = text.replace(v, " ")
    for unit in UNITS:
        text = text.replace(unit, " ")
    return EXCERPT.sub(lambda m: " " if any(m.group()[:-1] in v for v in values) else m.group(), text)


def walk(run, shown, values):
    """(command, where, text) for every text promo wrote of its own in every listing."""
    for args in LISTINGS:
        typed = [a for a in args if CJK.search(a)]  # what the user typed is data too
        values = sorted({*typed, *values}, key=len, reverse=True)
        shown.clear()
        result = run(*args)
        assert result.exit_code == (1 if args[0] == "check" else 0), (args, result.output)  # both checks fail
        assert shown or result.output.strip(), args
        for table in shown:
            for where in ("title", "caption"):
                if table[where]:
                    yield args, where, residue(table[where], values)
            for header in table["headers"]:
                yield args, "header", residue(header, values)
            for text in table["coded"]:
                yield args, "coded cell", residue(text, values)
            for row in table["texts"]:
                for text in row:
                    yield args, "cell", residue(text, values)
        for line in result.output.splitlines():  # notes and verdicts printed outside the tables
            yield args, "line", residue(line, values)


def test_english_listings_show_no_chinese_but_the_data(after_signing, shown, db_path):
    values = data_values(db_path)
    texts = walk(after_signing, shown, values)
    found = [(" ".join(a), where, text.strip()) for a, where, text in texts if CJK.search(text)]
    assert not found, "\n".join(map(str, found[:40]))


# English words that are not prose: option and command names, codes, units and marks
NOT_PROSE = re.compile(r"--[a-z][a-z-]*|promo(?: [a-z]+)*(?=\s|$)|\b(?:WGS-84|km|kN|GMP|IVD|P2|P3|CNY|USD|MOU)\b")


def test_chinese_listings_show_no_english_prose(after_signing, shown, db_path, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh_CN")
    values = data_values(db_path)
    with sqlite3.connect(db_path) as conn:  # English names and codes the catalogue holds are data too
        english = {
            v
            for table in ("carriers", "enterprises", "industries", "units", "policies", "platforms", "zone")
            for column in ("name_en", "code")
            for (v,) in conn.execute(f'SELECT DISTINCT "{column}" FROM {table} WHERE "{column}" IS NOT NULL')
            if column in [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        }
    english = sorted(english, key=len, reverse=True)
    found = []
    for args, where, text in walk(after_signing, shown, values):
        if where in ("cell", "line"):
            continue  # cells hold English names, codes and units; coded cells are checked on their own
        text = NOT_PROSE.sub(" ", residue(text, english))
        if re.search(r"[A-Za-z]{3,}", text):
            found.append((" ".join(args), where, text.strip()))
    assert not found, "\n".join(map(str, found[:40]))


def test_vacancies_title_and_caption_name_the_same_thing(run, monkeypatch):
    """Vacancies lists rentable space and land parcels alike: 单元 in the title, the caption and the hints (房源 is
    only the space kind of a unit)."""
    monkeypatch.setenv("PROMO_LANG", "zh")
    shown = run("vacancies").output
    assert shown.lstrip().startswith("空置单元") and "个空置单元" in shown and "空置房源" not in shown


def test_an_english_vacancies_list_counts_and_heads_in_english(run):
    one = run("vacancies", "--min-area", "2000", "--facility", "重载货梯", "--limit", "1").output
    assert "1 vacant unit, " in one and "Rent 元/㎡·天" in one
    assert "2 vacant units, " in run("vacancies", "--limit", "2").output


def test_an_english_match_counts_one_unit_and_heads_the_rent_in_english(run):
    out = run("match", "--industry", "高端医疗器械", "--min-area", "2000", "--facility", "GMP").output
    assert "\n1 unit; " in out and "1 units" not in out and "Rent 元/㎡·天" in out


def test_the_verdict_line_wraps_at_the_terminal_between_words(run, monkeypatch):
    from promo import screen

    monkeypatch.setattr(screen, "is_terminal", lambda stream: True)
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("NO_COLOR", "1")
    out = run("match", "--industry", "高端医疗器械", "--min-area", "2000", "--no-pager").output
    first, *rest = out[out.index("Verdict: ") :].splitlines()
    verdict = [first, *rest[: next(i for i, line in enumerate(rest) if not line.startswith("  "))]]
    assert len(verdict) > 1 and all(screen.Measure()(line) < 60 for line in verdict), verdict
    assert "nothing on the negative list" in " ".join(line.strip() for line in verdict)
