"""Search and map at scale: `promo search 眼科` against a LIKE scan in the sqlite3 shell, the index's size, and
the memory of `promo map --geojson` as the carriers grow.

    python benchmarks/search_map.py [--reps 5] [--db benchmarks/data/catalogue-1m.db]

The catalogue (1,000,000 units, 100,000 enterprises, 100,000 carriers) is built with
`python benchmarks/generate.py --units 1000000 --enterprises 100000 --carriers 100000 --out …` when missing.
Whole processes, warmed once, interleaved, median of --reps. Targets: search ≤ 0.5× the scan; the index at
most 2× the catalogue without it; map memory flat (peak RSS at 100,000 carriers close to that at 10).
Rewrites only its own section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from results import write_section  # noqa: E402

HEADING = "# Search and map: promo search against a LIKE scan, promo map's memory"

DEFAULT_DB = HERE / "data" / "catalogue-1m.db"
TERM = "眼科"
# the same names the index holds, scanned the way one would without it
LIKE_SQL = f"""
SELECT 'carriers', id FROM carriers WHERE name_folded LIKE '%{TERM}%' OR name_en LIKE '%{TERM}%'
UNION ALL SELECT 'units', id FROM units WHERE code LIKE '%{TERM}%' OR building LIKE '%{TERM}%'
UNION ALL SELECT 'enterprises', id FROM enterprises WHERE name_folded LIKE '%{TERM}%' OR name_en LIKE '%{TERM}%'
UNION ALL SELECT 'policies', id FROM policies WHERE name_folded LIKE '%{TERM}%'
UNION ALL SELECT 'platforms', id FROM platforms WHERE name_folded LIKE '%{TERM}%'
UNION ALL SELECT 'scenarios', id FROM scenarios WHERE title_folded LIKE '%{TERM}%'
UNION ALL SELECT 'targets', id FROM targets WHERE name_folded LIKE '%{TERM}%'
UNION ALL SELECT 'industries', id FROM industries WHERE name_folded LIKE '%{TERM}%';
"""


def timed(argv: list[str], env: dict | None = None) -> tuple[float, bytes]:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}")
    return took, done.stdout


def peak_rss_mb(argv: list[str], env: dict) -> float:
    """Peak resident memory of one child process, in MB (each measured in a fresh wrapper)."""
    code = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", code, *argv], env=env, capture_output=True, text=True, check=True)
    return int(done.stdout.strip()) / 1024


def index_size(db: Path) -> tuple[int, int]:
    """(catalogue without the index, index) in bytes, each measured after VACUUM."""
    with tempfile.TemporaryDirectory(dir=db.parent) as tmp:
        copy = Path(tmp) / "copy.db"
        shutil.copy(db, copy)
        conn = sqlite3.connect(copy, isolation_level=None)
        conn.execute("VACUUM")
        whole = copy.stat().st_size
        conn.execute("DROP TABLE search_index")
        conn.execute("VACUUM")
        conn.close()
        without = copy.stat().st_size
    return without, whole - without


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    args = parser.parse_args()
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        generate(args.db, units=1_000_000, enterprises=100_000, carriers=100_000, seed=20261123)
    sqlite_shell = shutil.which("sqlite3")
    if sqlite_shell is None:
        sys.exit("the sqlite3 shell is needed for the side-by-side scan (apt-get install sqlite3)")
    promo = str(Path(sys.executable).parent / "promo")
    env = {**os.environ, "PROMO_DB": str(args.db)}
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    sizes = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("units", "enterprises", "carriers")}
    conn.close()

    search = [promo, "search", TERM, "--format", "json"]
    scan = [sqlite_shell, "-readonly", str(args.db), LIKE_SQL]
    timed(search, env), timed(scan)  # warm the page cache (and migrate, if promo's schema moved on)
    times: dict[str, list[float]] = {"search": [], "scan": []}
    for _ in range(args.reps):
        times["search"].append(timed(search, env)[0])
        times["scan"].append(timed(scan)[0])
    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = med["search"] / med["scan"]

    without, index = index_size(args.db)

    with tempfile.TemporaryDirectory() as tmp:
        big = [promo, "map", "--force", "--geojson", str(Path(tmp) / "big.geojson")]
        took_map, _ = timed(big, env)
        rss_big = peak_rss_mb(big, env)
        seed_db = Path(tmp) / "seed.db"
        subprocess.run([promo, "--db", str(seed_db), "init"], capture_output=True, check=True)
        small = [promo, "--db", str(seed_db), "map", "--geojson", str(Path(tmp) / "small.geojson")]
        rss_small = peak_rss_mb(small, {k: v for k, v in env.items() if k != "PROMO_DB"})
        geojson_mb = (Path(tmp) / "big.geojson").stat().st_size / 1e6

    lines = [
        HEADING,
        "",
        f"Produced by `python benchmarks/search_map.py` on {time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs, "
        f"median of {args.reps}.",
        "",
        f"Catalogue: {sizes['units']:,} units, {sizes['enterprises']:,} enterprises, {sizes['carriers']:,} carriers.",
        "",
        "| measure | figure | target |",
        "|---|---:|---|",
        f"| `promo search {TERM} --format json` (whole process) | {med['search'] * 1000:.0f} ms | |",
        f"| `LIKE '%{TERM}%'` over the same names, sqlite3 shell | {med['scan'] * 1000:.0f} ms | |",
        f"| search ÷ scan | {ratio:.2f}× | ≤ 0.5× {'✓' if ratio <= 0.5 else '✗'} |",
        f"| catalogue without the index | {without / 1e6:,.0f} MB | |",
        f"| search index | {index / 1e6:,.0f} MB ({index / without:.2f}× the catalogue) | ≤ 2× "
        f"{'✓' if index <= 2 * without else '✗'} |",
        f"| `promo map --geojson` of {sizes['carriers']:,} carriers "
        f"| {took_map:.1f} s, {geojson_mb:,.0f} MB written | |",
        f"| peak RSS, map --geojson: 10 carriers → {sizes['carriers']:,} "
        f"| {rss_small:.0f} MB → {rss_big:.0f} MB | flat |",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    write_section(HERE / "RESULTS.md", HEADING, text)


if __name__ == "__main__":
    main()
