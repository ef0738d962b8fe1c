"""Build a large catalogue for benchmarks: the seed catalogue plus generated carriers, units and enterprises.

    python benchmarks/generate.py [--units 100000] [--enterprises 100000] [--carriers 2000] [--seed 20261123]
                                  [--out benchmarks/data/catalogue-100k.db]

Deterministic for a given seed (no clock, no today); everything generated is flagged sample=1. Rows go in
with executemany inside one transaction, into a temporary file moved into place at the end, so an
interrupted run leaves nothing behind. benchmarks/data/ is git-ignored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sqlite3
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "data" / "catalogue-100k.db"

# Roughly how a zone's pipeline is spread over the stages.
STAGE_WEIGHTS = {"意向": 15, "洽谈": 10, "签约": 8, "注册": 7, "落地": 25, "投产": 30, "达效": 5}
KINDS = ("park", "building", "incubator", "land", "cluster")
KIND_WEIGHTS = (50, 35, 10, 3, 2)
CHANNELS = ("以商引商", "以会招商", "中介", "基金", None)
START = dt.date(2019, 1, 1)


def day(rng: random.Random, start: dt.date = START, span: int = 365 * 9) -> str:
    return (start + dt.timedelta(days=rng.randrange(span))).isoformat()


MILESTONE_AFTER = {"开工": (30, 120), "竣工": (200, 400), "投产": (60, 150), "达效": (300, 700)}
PRODUCING = ("投产", "达效")


def after_signing(conn: sqlite3.Connection, rng: random.Random, signed: list[tuple]) -> None:
    """Milestones (planned and, as far as the stage shows, actual), yearly and quarterly reports, and the
    2026 targets of the zone and of every officer, for the signed enterprises. Its own random stream, so
    the rows generated before it are the same as without it."""
    milestones, reports = [], []
    for eid, stage, stage_date, investment in signed:
        start = dt.date.fromisoformat(stage_date)
        when = start
        for milestone, (low, high) in MILESTONE_AFTER.items():
            when = when + dt.timedelta(days=rng.randrange(low, high))
            done = stage in PRODUCING if milestone in ("开工", "竣工", "投产") else stage == "达效"
            actual = (when + dt.timedelta(days=rng.randrange(-10, 40))).isoformat() if done else None
            milestones.append((eid, milestone, when.isoformat(), actual, "2026-11-01 09:00:00"))
            if actual:
                when = dt.date.fromisoformat(actual)
        if investment:
            cumulative = 0.0
            for year in range(max(start.year, 2024), 2027):
                cumulative = min(investment, cumulative + investment * rng.uniform(0.1, 0.5))
                producing = stage in PRODUCING
                reports.append(
                    (
                        eid,
                        year,
                        0,
                        round(cumulative, 1),
                        round(investment * rng.uniform(0.05, 0.3), 1),
                        rng.randrange(0, 300),
                        round(rng.uniform(500, 50000), 1) if producing else None,
                        round(rng.uniform(20, 3000), 1) if producing else None,
                        round(rng.uniform(10, 120), 1) if producing and rng.random() < 0.3 else None,
                        "2026-11-01 09:00:00",
                    )
                )
    conn.executemany(
        "INSERT INTO milestones (enterprise_id, milestone, planned_date, actual_date, recorded_at)"
        " VALUES (?, ?, ?, ?, ?)",
        milestones,
    )
    conn.executemany(
        "INSERT INTO project_reports (enterprise_id, year, quarter, completed_investment_wan, arrived_wan,"
        " jobs_created, output_wan, tax_wan, land_mu, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        reports,
    )
    targets = {
        "signed": 12000,
        "started": 8000,
        "producing": 8000,
        "investment_signed": 1e8,
        "investment_completed": 5e7,
        "arrived": 3e7,
        "foreign": 5e6,
    }
    rows = [(2026, "zone", "", 0, m, v) for m, v in targets.items()]
    rows += [(2026, "owner", f"专员{i}", 0, m, round(v / 23)) for i in range(23) for m, v in targets.items()]
    conn.executemany(
        "INSERT INTO ledger_targets (year, scope, scope_value, quarter, measure, value) VALUES (?, ?, ?, ?, ?, ?)", rows
    )


def generate(path: Path, *, units: int, enterprises: int, carriers: int, seed: int) -> dict[str, int]:
    """Build the catalogue at `path`; returns row counts per generated table."""
    from promo.seeds import build_catalogue
    from promo.text import fold

    rng = random.Random(seed)
    tmp = path.with_name(f".{path.name}.generating-{os.getpid()}")
    for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    build_catalogue(tmp)
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        links = [r[0] for r in conn.execute("SELECT id FROM industries WHERE level = 'link' ORDER BY id")]
        leading = [r[0] for r in conn.execute("SELECT id FROM industries WHERE level = 'industry' ORDER BY id")]
        facilities = [r[0] for r in conn.execute("SELECT id FROM facilities ORDER BY id")]
        first_carrier = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM carriers").fetchone()[0]
        first_unit = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM units").fetchone()[0]
        first_enterprise = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM enterprises").fetchone()[0]
        created = "2026-11-01 09:00:00"

        def name(prefix: str, i: int, suffix: str) -> str:
            # already in folded form (simplified script, no spaces or punctuation): fold() would return it
            return f"{prefix}{i:06d}{suffix}"

        assert fold(name("基准企业", 1, "有限公司")) == name("基准企业", 1, "有限公司")

        conn.execute("BEGIN")
        carrier_rows, carrier_industries = [], []
        for i in range(carriers):
            cid = first_carrier + i
            kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
            carrier_name = name("基准载体", i, "号")
            carrier_rows.append(
                (
                    cid,
                    f"bench-{i:06d}",
                    carrier_name,
                    f"Benchmark carrier {i:06d}",
                    carrier_name,
                    kind,
                    f"基准地址{i}号",
                    round(36.6 + rng.random() * 0.1, 5),
                    round(116.78 + rng.random() * 0.1, 5),
                    f"基准载体说明{i}",
                    f"经理{i % 97}",
                    f"0531-{rng.randrange(10**7, 10**8)}",
                    rng.choice(("运营中", "建设中")),
                )
            )
            for industry in rng.sample(leading, rng.choice((1, 1, 2))):
                carrier_industries.append((cid, industry))
        conn.executemany(
            "INSERT INTO carriers (id, code, name, name_en, name_folded, kind, address, lat, lon, description,"
            " contact_name, contact_phone, status, sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            carrier_rows,
        )
        conn.executemany("INSERT INTO carrier_industries (carrier_id, industry_id) VALUES (?, ?)", carrier_industries)

        enterprise_rows, history = [], []
        present, signed = [], []
        stages = list(STAGE_WEIGHTS)
        weights = list(STAGE_WEIGHTS.values())
        for i in range(enterprises):
            eid = first_enterprise + i
            stage = rng.choices(stages, weights)[0]
            stage_date = day(rng)
            here = stage in ("落地", "投产", "达效")
            lead = stage in ("意向", "洽谈")
            enterprise_name = name("基准企业", i, "有限公司")
            enterprise_rows.append(
                (
                    eid,
                    enterprise_name,
                    f"Benchmark Enterprise {i:06d} Co., Ltd." if rng.random() < 0.6 else None,
                    enterprise_name,
                    rng.choice(links),
                    first_carrier + rng.randrange(carriers) if here or rng.random() < 0.1 else None,
                    stage,
                    stage_date,
                    round(rng.uniform(200, 50000), 1) if rng.random() < 0.7 else None,
                    rng.randrange(5, 800) if rng.random() < 0.6 else None,
                    rng.choice(CHANNELS),
                    rng.choice(("中国",) * 9 + ("韩国", "日本", "以色列")),
                    f"专员{i % 23}" if rng.random() < 0.8 else None,
                    f"联系人{i}" if rng.random() < 0.5 else None,
                    f"139{rng.randrange(10**7, 10**8)}" if rng.random() < 0.5 else None,
                    f"跟进备注{i}" if rng.random() < 0.3 else None,
                    f"项目{i:06d}" if lead and rng.random() < 0.5 else None,
                    created,
                )
            )
            history.append((eid, stage, stage_date, created))
            if stage not in ("意向", "洽谈"):
                signed.append((eid, stage, stage_date, enterprise_rows[-1][8]))
            if here:
                present.append(eid)
        conn.executemany(
            "INSERT INTO enterprises (id, name, name_en, name_folded, industry_id, carrier_id, stage, stage_date,"
            " investment_wan, jobs, source_channel, country, owner, contact, phone, note, code_name, created_at,"
            " sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            enterprise_rows,
        )
        conn.executemany(
            "INSERT INTO stage_history (enterprise_id, stage, date, recorded_at) VALUES (?, ?, ?, ?)", history
        )

        after_signing(conn, random.Random(seed + 16), signed)

        unit_rows, unit_facilities = [], []
        for i in range(units):
            uid = first_unit + i
            carrier = first_carrier + i % carriers
            status = rng.choices(("vacant", "reserved", "leased"), (30, 8, 62))[0]
            holder = rng.choice(present) if status == "leased" and present and rng.random() < 0.7 else None
            floor = rng.randrange(1, 21)
            unit_rows.append(
                (
                    uid,
                    carrier,
                    f"B{i // carriers % 50 + 1}-{floor:02d}{i % 7 + 1:02d}-{i}",
                    f"B{i // carriers % 50 + 1}",
                    floor,
                    round(rng.lognormvariate(6.3, 0.8), 0) + 30,
                    round(rng.uniform(0.6, 3.2), 2),
                    status,
                    holder,
                    rng.choice((3.5, 5.0, 6.5, 8.0, 10.0, 12.0)),
                    rng.choice((3.6, 4.2, 4.5, 5.4, 6.0, 8.0)),
                    day(rng, dt.date(2021, 1, 1), 365 * 7),
                )
            )
            for facility in rng.sample(facilities, rng.choice((0, 1, 1, 2, 3))):
                unit_facilities.append((uid, facility))
        conn.executemany(
            "INSERT INTO units (id, carrier_id, code, building, floor, area_m2, rent, status, enterprise_id,"
            " floor_load_kn, ceiling_m, ready_date, sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            unit_rows,
        )
        conn.executemany("INSERT INTO unit_facilities (unit_id, facility_id) VALUES (?, ?)", unit_facilities)
        conn.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES ('benchmark', ?)",
            (json.dumps({"seed": seed, "units": units, "enterprises": enterprises, "carriers": carriers}),),
        )
        conn.execute("COMMIT")
        # rows went in around promo's write path: index them the way `promo search --reindex` does
        from promo.search_index import rebuild

        conn.execute("BEGIN")
        rebuild(conn)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in (
                "carriers",
                "units",
                "unit_facilities",
                "enterprises",
                "stage_history",
                "milestones",
                "project_reports",
                "ledger_targets",
            )
        }
    finally:
        conn.close()
    os.replace(tmp, path)
    for side in (Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        side.unlink(missing_ok=True)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--carriers", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    if min(args.units, args.enterprises, args.carriers) < 1:
        sys.exit("--units, --enterprises and --carriers must be at least 1")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    counts = generate(args.out, units=args.units, enterprises=args.enterprises, carriers=args.carriers, seed=args.seed)
    took = time.perf_counter() - start
    print(f"{args.out}: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()) + f" in {took:.1f} s")


if __name__ == "__main__":
    main()
