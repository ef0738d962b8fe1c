"""Reads at scale without timing: listings stream (peak memory does not grow with the rows), match ranks in SQL
exactly as its parts add up, and the read benchmark runs and writes its own section of RESULTS.md."""

import os
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A generated catalogue of 40,000 units (about 12,000 vacant) and 4,000 enterprises."""
    from generate import generate

    path = tmp_path_factory.mktemp("large") / "catalogue.db"
    generate(path, units=40_000, enterprises=4_000, carriers=400, seed=7)
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["vacancies", "--format", "json"],
        ["vacancies", "--format", "csv"],
        ["vacancies", "--format", "markdown"],
        ["vacancies"],  # a table, piped
        ["units", "--format", "csv"],
        ["enterprises", "--format", "json"],
    ],
)
def test_a_long_listing_takes_no_more_memory_than_a_short_one(large, argv):
    # Loading every row first (the way listings used to be written) costs about 3 KiB a row: some 36 MiB for
    # the vacant units here, over 100 MiB for every unit. Against the same command showing one row, so what
    # a command pays whatever its length (its imports: enterprises once loaded OpenCC's tables, 6 MiB, to
    # parse no --stage) cancels out, a streamed listing may hold only bounded buffers: SQLite's page cache
    # (2 MiB by default) and its sorter's memory for an ORDER BY no index serves (up to the cache size, 2 MiB),
    # one chunk of rows with its written text (1,000 rows: 2-4 MiB for enterprises' wide rows), and a table's
    # remembered cells (promo.render_table.CACHED a column).
    from peak import peak_kib

    one = peak_kib(["--db", str(large), *argv, "--limit", "1"], {**os.environ, "COLUMNS": "100"})
    assert peak_kib(["--db", str(large), *argv], {**os.environ, "COLUMNS": "100"}) - one < 12 * 1024, argv


def test_streamed_json_and_markdown_are_the_whole_list_written_at_once():
    import json

    from tabulate import tabulate

    from promo.render import Column as C
    from promo.render import md_escape, to_json, to_markdown

    rows = [{"a": i, "b": f"名称{i}\u202e", "c": (1, 2)} for i in range(2500)]
    columns = [C("a", "A", "int"), C("b", "名称 B"), C("c", "C", "list")]
    assert json.loads(to_json(iter(rows), columns)) == [{**r, "c": [1, 2]} for r in rows]
    assert "\\u202e" in to_json(rows, columns) and "\u202e" not in to_json(rows, columns)
    assert to_json(iter([]), columns) == "[]"
    body = [[f"{r['a']:,}", md_escape(r["b"].replace("\u202e", "\\u202e")), "1、2"] for r in rows]
    expected = tabulate(
        body, headers=["A", "名称 B", "C"], tablefmt="github", colalign=["right", "left", "left"], disable_numparse=True
    )
    assert to_markdown(iter(rows), columns) == expected


def test_match_ranks_in_sql_as_its_parts_add_up(conn):
    from promo.match import match

    for needs in (
        {"kind": "company", "industry": "高端医疗器械", "min_area": 300},
        {"kind": "company", "max_rent": 2.0},
        {"kind": "company", "min_area": 200, "max_area": 3000, "available_by": "2027-06-30"},
    ):
        whole = match(conn, needs, on="2026-11-23")
        units = whole["units"]
        assert len(units) == whole["total"] == whole["funnel"][-1]["remaining"] > 1
        keys = [(-u["score"], u["rent"] if u["rent"] is not None else 1e9, u["area_m2"], u["id"]) for u in units]
        assert keys == sorted(keys)
        assert all(u["score"] == sum(p["points"] for p in u["parts"]) for u in units)
        top = match(conn, needs, on="2026-11-23", limit=3)
        assert [u["id"] for u in top["units"]] == [u["id"] for u in units[:3]]
        assert top["total"] == whole["total"]


def test_the_read_benchmark_runs_and_rewrites_only_its_section(tmp_path):
    import reads

    results = tmp_path / "RESULTS.md"
    others = "# Someone else's benchmark\n\nkept\n\n"
    results.write_text(others + f"{reads.HEADING}\n\nan old run\n\n# Another one\n\nkept too\n", encoding="utf-8")
    argv = ["--units", "600", "--enterprises", "60", "--carriers", "30", "--reps", "1", "--memory-at", "600"]
    reads.main([*argv, "--data", str(tmp_path), "--results", str(results)])
    text = results.read_text(encoding="utf-8")
    assert text.startswith(others + reads.HEADING) and text.endswith("# Another one\n\nkept too\n")
    assert text.count(reads.HEADING) == 1 and "an old run" not in text
    assert "| vacancies json |" in text and "| filtered --limit 20 |" in text
    assert "| `promo vacancies --format json` |" in text
