"""The one renderer: CSV that spreadsheets do not execute, long tables, messages safe for a terminal."""

import io
import json

from promo.render import Column, render, to_json, write_csv
from promo.render_csv import csv_safe
from promo.render_table import CHUNK
from promo.terminal import printable


def test_csv_cells_never_start_a_formula():
    out = io.StringIO()
    rows = [{"name": '=HYPERLINK("http://evil","点我")'}, {"name": "@SUM(1+1)公司"}, {"name": "-5"}, {"name": "+x"}]
    write_csv(rows, [Column("name", "name")], out)
    lines = out.getvalue().splitlines()[1:]
    assert all(not line.lstrip('"').startswith(("=", "@", "+")) for line in lines)
    assert csv_safe("-5") == "-5" and csv_safe(12) == 12 and csv_safe("树兰") == "树兰"


def test_a_whole_amount_kept_as_a_float_is_written_as_the_table_shows_it():
    out = io.StringIO()
    rows = [{"wan": 8000.0, "rate": 1.8, "n": 7, "big": 1e20}, {"wan": -0.0, "rate": None, "n": None, "big": 2.5e14}]
    write_csv(rows, [Column(k, k) for k in ("wan", "rate", "n", "big")], out)
    assert out.getvalue().splitlines() == ["wan,rate,n,big", "8000,1.8,7,1e+20", "0,,,250000000000000"]
    assert json.loads(to_json(rows[:1], [Column("wan", "wan")])) == [{"wan": 8000}]  # JSON keeps a number


def test_a_listing_in_csv_writes_whole_amounts_without_a_decimal(run):
    import csv

    rows = list(csv.DictReader(io.StringIO(run("enterprises", "--format", "csv").output)))
    assert {r["investment_wan"] for r in rows if r["name"] == "示例医学影像设备（苏州）有限公司"} == {"20000"}
    assert ".0," not in run("vacancies", "--format", "csv").output


def test_json_is_an_array_of_objects_one_per_line():
    rows = [{"a": 1, "b": ["x", "y"]}, {"a": None, "b": []}]
    text = to_json(rows, [Column("a", "A"), Column("b", "B")])
    assert json.loads(text) == [{"a": 1, "b": ["x", "y"]}, {"a": None, "b": []}]
    assert len(text.splitlines()) == 4 and to_json([], [Column("a", "A")]) == "[]"


def test_long_tables_stay_aligned_with_chinese_text(capsys):
    from wcwidth import wcswidth

    rows = [
        {"name": "海凭国际·济南医疗器械产业园" if i % 2 else "质兰大厦", "area": 1000 + i} for i in range(CHUNK * 2 + 5)
    ]
    render(rows, [Column("name", "载体"), Column("area", "面积㎡", "area")], "table", title="T", caption="C")
    lines = [line for line in capsys.readouterr().out.splitlines() if "产业园" in line or "质兰" in line]
    assert len(lines) == CHUNK * 2 + 5
    assert len({wcswidth(line) for line in lines}) == 1


def test_messages_are_safe_for_a_terminal():
    assert printable("名称 \x1b[31m红色\x07") == "名称 \\x1b[31m红色\\x07"
    assert printable("line one\nline two") == "line one\nline two"
    long = printable("x" * 5000)
    assert len(long) < 400 and long.endswith("…")


def test_an_empty_table_says_so_with_the_languages_colon(run, monkeypatch):
    monkeypatch.setenv("PROMO_TODAY", "2020-01-01")  # before any deadline
    monkeypatch.setenv("PROMO_LANG", "zh")
    assert run("overdue").output.strip() == "逾期：没有逾期事项"
    monkeypatch.setenv("PROMO_LANG", "en")
    assert run("overdue").output.strip() == "What is overdue: nothing is overdue"
