"""`promo log` and `promo undo --dry-run` on a long journal: this promo against another build (main), interleaved.

    python benchmarks/journal_log.py --peer /path/to/main/.venv/bin/promo [--entries 50000] [--runs 7]

A catalogue is built by the peer (its schema), its journal filled with N entries written the old way (text
summaries, every fifth an undo), and copied: this promo migrates its copy (schema 14 and later) once, untimed. Then both
run the same commands in turn; medians of wall time and of child CPU time, and their ratios, go to RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OURS = str(Path(sys.executable).with_name("promo"))


def fill(path: Path, n: int) -> None:
    conn = sqlite3.connect(path)
    rows = []
    for i in range(1, n + 1):
        if i % 5 == 0:
            summary = f"undo #{i - 1}: update 晨生医疗: 投资额"
        else:
            summary = "update 晨生医疗: 投资额" if i % 2 else "unit 精准医学产业园/A1-402 → 已租"
        rows.append((i, "2026-01-01 09:00:00", "u", "promo x", summary, None))
    conn.executemany("INSERT INTO journal (id, at, user, command, summary, undone_by) VALUES (?,?,?,?,?,?)", rows)
    conn.executemany("UPDATE journal SET undone_by = ? WHERE id = ?", [(i, i - 1) for i in range(5, n + 1, 5)])
    conn.executemany(
        "INSERT INTO journal_changes (journal_id, tbl, row_id, op, old, new) "
        "VALUES (?, 'settings', 1, 'update', '{\"value\":\"''1''\"}', '{\"value\":\"''2''\"}')",
        [(i,) for i in range(1, n + 1)],
    )
    conn.commit()
    conn.close()


def timed(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # the synthetic journal does not match the rows, so undo --dry-run is refused (exit 1) by both, after the
    # same work: finding the entry and explaining which later entries depend on it
    done = subprocess.run(cmd, capture_output=True, env=dict(os.environ, PROMO_LANG="en"))
    if done.returncode not in (0, 1):
        raise SystemExit(f"{cmd}: exit {done.returncode}: {done.stderr.decode()}")
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--peer", required=True, help="the other build's promo executable")
    ap.add_argument("--entries", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp())
    peer_db, our_db = work / "peer.db", work / "ours.db"
    subprocess.run([args.peer, "--db", str(peer_db), "init"], check=True, capture_output=True)
    fill(peer_db, args.entries)
    shutil.copy(peer_db, our_db)
    subprocess.run([OURS, "--db", str(our_db), "log", "-n", "1"], check=True, capture_output=True)  # migrates
    cases = {
        "log -n 20": ["log", "-n", "20"],
        "log -v -n 20": ["log", "-v", "-n", "20"],
        "undo --dry-run": ["undo", "--dry-run"],
    }
    lines = [
        f"{args.entries:,} journal entries (every fifth an undo), {args.runs} interleaved runs, medians; "
        f"ratio = this promo ÷ peer",
        "",
        "| command | wall ours | wall peer | ratio | CPU ours | CPU peer | ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, cmd in cases.items():
        ours, peer = [], []
        for _ in range(args.runs):
            ours.append(timed([OURS, "--db", str(our_db), *cmd]))
            peer.append(timed([args.peer, "--db", str(peer_db), *cmd]))
        w_o, w_p = statistics.median(x[0] for x in ours), statistics.median(x[0] for x in peer)
        c_o, c_p = statistics.median(x[1] for x in ours), statistics.median(x[1] for x in peer)
        lines.append(
            f"| {name} | {w_o:.2f} s | {w_p:.2f} s | {w_o / w_p:.2f} | {c_o:.2f} s | {c_p:.2f} s | {c_o / c_p:.2f} |"
        )
    heading = "# Journal: promo log and undo --dry-run on a long journal"
    text = "\n".join([heading, "", *lines])
    print(text)
    from results import write_section

    write_section(HERE / "RESULTS.md", heading, text)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
