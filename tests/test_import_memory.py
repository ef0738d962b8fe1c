"""An import's memory does not grow with its file: rows are read, checked and written a chunk at a time, and
what is kept of each row for the report and the rejects file (its outcome, its keys for the rows after it)
goes to a temporary database past a few thousand rows (promo.io.outcomes)."""

import csv
import gc
import tracemalloc

from promo import enterprise_fields
from promo.io import importer, outcomes
from promo.io.session import import_file


def _file(tmp_path, rows: int, tag: str):
    """Mostly good rows; every tenth has an amount that cannot be read, every 25th repeats a row 20 above it."""
    path = tmp_path / f"{tag}.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["企业名称", "阶段", "投资额(万元)", "联系电话"])
        for i in range(rows):
            name = f"内存企业{tag}{i - 20 if i % 25 == 24 else i:06d}有限公司"
            out.writerow([name, "洽谈", "很多" if i % 10 == 9 else 100 + i, f"1380000{i % 10000:04d}"])
    return path


def _peak_of_import(conn, tmp_path, rows: int, tag: str) -> tuple[int, list]:
    """The import's own peak of Python memory (above what it started with), and its reports."""
    # as in a promo process of its own: cyclic garbage (a rejected row's exception and its frames) is collected
    # at the pace of a small heap, not of the test session's, whose many long-lived objects put off the
    # collections that find it
    gc.collect()
    gc.freeze()
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        reports = import_file(
            conn, "enterprises", _file(tmp_path, rows, tag), skip_invalid=True, rejects=tmp_path / f"{tag}-退回.csv"
        )
        return tracemalloc.get_traced_memory()[1] - start, reports
    finally:
        tracemalloc.stop()
        gc.unfreeze()


def test_memory_of_an_import_does_not_grow_with_the_file(conn, tmp_path, monkeypatch):
    # Each row's outcome and the parsed row kept for later repeats cost about 1.5 KiB a row when held as
    # Python objects (300 MiB at 100,000 rows, with SQLite's cache). Here they go to disk past 300 rows, and
    # the caches that are bounded anyway (each column's distinct clean values, each field's parsed values)
    # stop at 300 too, so 12,000 rows may hold only what 1,200 do, give or take bounded caches (text.fold's 4,096
    # folded names) and the garbage a collection has not reached yet.
    monkeypatch.setattr(outcomes, "HELD", 300)
    monkeypatch.setattr(importer, "CLEAN_LIMIT", 300)
    monkeypatch.setattr(enterprise_fields, "MEMO_LIMIT", 300)
    import_file(conn, "enterprises", _file(tmp_path, 50, "warm"), skip_invalid=True)  # libraries loaded first
    small, _reports = _peak_of_import(conn, tmp_path, 1_200, "small")
    large, reports = _peak_of_import(conn, tmp_path, 12_000, "large")
    assert large - small < 4 * 2**20, (small, large)  # held as before: 12 MiB more
    # and nothing was lost on the way through the disk: every row is reported, every rejected one written out
    (report,) = reports
    assert len(report.outcomes) == 12_000
    rejected = list(report.rejected)
    assert report.count("rejected") == len(rejected) == 1_200 + 480 - 240  # bad amounts, repeats (some both)
    assert [o.line for o in report.outcomes][:3] == [2, 3, 4] and report.outcomes[-1].line == 12_001
    assert rejected[-1].cells[0] == "内存企业large011979有限公司" and "repeats line 11981" in rejected[-1].detail
    with (tmp_path / "large-退回.csv").open(encoding="utf-8-sig", newline="") as fh:
        written = list(csv.reader(fh))[1:]
    assert [r[:-1] for r in written] == [o.cells for o in rejected]
    assert [r[-1] for r in written] == [o.detail for o in rejected]


def _warning_file(tmp_path, rows: int, tag: str):
    """Every row warns: its amount is a placeholder (待定 read as empty)."""
    path = tmp_path / f"{tag}.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["企业名称", "阶段", "投资额(万元)"])
        out.writerows([f"警告企业{tag}{i:06d}有限公司", "洽谈", "待定"] for i in range(rows))
    return path


def test_a_file_whose_every_row_warns_is_imported_in_the_memory_of_a_small_one(conn, tmp_path, monkeypatch):
    monkeypatch.setattr(outcomes, "HELD", 300)
    monkeypatch.setattr(importer, "CLEAN_LIMIT", 300)
    monkeypatch.setattr(enterprise_fields, "MEMO_LIMIT", 300)
    import_file(conn, "enterprises", _warning_file(tmp_path, 50, "warm"), skip_invalid=True)
    peaks = []
    for rows, tag in ((1_200, "small"), (24_000, "large")):
        gc.collect()
        gc.freeze()
        tracemalloc.start()
        try:
            start = tracemalloc.get_traced_memory()[0]
            (report,) = import_file(conn, "enterprises", _warning_file(tmp_path, rows, tag), skip_invalid=True)
            peaks.append(tracemalloc.get_traced_memory()[1] - start)
        finally:
            tracemalloc.stop()
            gc.unfreeze()
    # held in a list, 24,000 warnings took 5 MiB more than 1,200; through Lines, 1.6 MiB (as 12,000 rows do)
    assert peaks[1] - peaks[0] < 3 * 2**20, peaks
    warned = list(report.warnings)
    assert len(report.warnings) == len(warned) == 24_000  # every one kept, in order, through the disk
    assert warned[0].startswith("line 2, 投资额(万元): '待定'") and warned[-1].startswith("line 24001, ")


def test_warnings_past_those_held_come_back_whole_and_in_order():
    lines = outcomes.Lines(held=3)
    said = [f'line {i}: 备注\n含换行 "引号" {i}' for i in range(10)]
    lines += said[:4]
    assert said[2] in lines and "line 99" not in lines
    for line in said[4:]:
        lines.append(line)
    assert list(lines) == said and len(lines) == 10
    assert list(lines) == said  # read again, and appended to after reading
    lines.append("last")
    assert list(lines)[-2:] == [said[-1], "last"]


def test_keys_sent_to_disk_come_back_as_they_were_and_only_when_asked():
    keys = outcomes.Keys(held=2)
    keys[("folded name", "甲公司")] = (2, ("甲公司", ("甲公司",), False, (None,) * 8))
    keys[("year, scope, period and measure", "2026\x1fzone\x1f\x1f0\x1fsigned")] = (3, ("目标", (), True, ()))
    keys.settle()  # both to disk
    assert ("folded name", "甲公司") not in keys
    keys.recall([("folded name", "甲公司"), ("year, scope, period and measure", "2026\x1fzone\x1f\x1f0\x1fsigned")])
    assert keys[("folded name", "甲公司")] == (2, ("甲公司", ("甲公司",), False, (None,) * 8))
    assert keys[("year, scope, period and measure", "2026\x1fzone\x1f\x1f0\x1fsigned")] == (3, ("目标", (), True, ()))
    keys.recall([("folded name", "乙公司")])
    assert ("folded name", "乙公司") not in keys


def test_an_import_report_is_written_as_its_outcomes_are_read(monkeypatch):
    """`import --dry-run --format json` writes each row as it reads the outcome back from the store, not after
    a list of every row has been built (a 300,000-row dry run held 340 MB that way; 208 MB now, as 100,000)."""
    import io
    import json
    import sys
    from types import SimpleNamespace

    from promo.commands import transfer

    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    written_when_read = []

    class Outcomes:  # as the store gives them back: counted without reading, read one at a time
        def __len__(self):
            return 20_000

        def __iter__(self):
            for i in range(20_000):
                written_when_read.append(out.tell())
                yield SimpleNamespace(line=i + 2, status="new", name=f"流式企业{i}", detail="")

    report = SimpleNamespace(list_name="enterprises", notes=[], warnings=[], outcomes=Outcomes(), count=lambda s: 0)
    transfer._show([report], "json", dry_run=True, file="台账.csv", rejects=None)
    assert written_when_read[-1] > 0  # rows were already out when the last outcome was read
    assert len(json.loads(out.getvalue())) == 20_000


def test_a_refusal_of_several_lists_keeps_their_rows_in_a_store(monkeypatch):
    """`import all` refused: the lists' outcomes merged for the message go to disk as each list's own do, and
    the message is as before (the first thirty problems, each saying its sheet, and how many rows in all)."""
    from promo.io.session import _merged

    monkeypatch.setattr(outcomes, "HELD", 50)
    reports = []
    for name in ("carriers", "enterprises"):
        report = importer.Report(name, outcomes=outcomes.Outcomes())
        for line in range(2, 402):
            report.outcomes.append(
                importer.rejected_row(line, f"{name}{line}", "bad", [str(line)])
                if line % 4 == 0
                else outcomes.Outcome(line, "new", f"{name}{line}")
            )
            report.outcomes.settle()
        reports.append(report)
    merged = _merged(reports)
    assert isinstance(merged.outcomes, outcomes.Outcomes) and len(merged.outcomes._held) < 50
    assert len(merged.outcomes) == 800 and merged.count("rejected") == 200
    message = importer.refuse(merged).message
    assert message.startswith("nothing was imported: 200 of 800 rows have problems:")
    assert "\n  carriers: line 4: carriers4: bad\n" in message and "… and 170 more" in message
