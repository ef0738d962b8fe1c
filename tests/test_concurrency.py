"""Two promo processes writing at once: nothing lost, nothing double-booked."""

import subprocess
import sys
import time

from pipeline_helpers import query

ADD = """
import sys, time
from promo import enterprises
from promo.enterprise_fields import parse_fields
from promo.db import write
from promo.opening import open_or_build
start, path, tag, n = float(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
while time.time() < start:
    time.sleep(0.001)
for i in range(n):
    conn = open_or_build(path, build=True)[0]  # a fresh connection per command, as separate runs have
    with write(conn, f"add {tag}-{i}"):
        enterprises.add(conn, parse_fields({"name": f"并发{tag}-{i}"}), similar_warning=False)
    conn.close()
"""

TAKE = """
import sys, time
from promo import enterprises
from promo.enterprise_fields import parse_fields
from promo.db import write
from promo.opening import open_or_build
from promo.errors import Rejected
start, path, tag, units = float(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
while time.time() < start:
    time.sleep(0.001)
won = 0
for code in units:
    conn = open_or_build(path, build=True)[0]
    try:
        with write(conn, f"take {code}"):
            f = parse_fields({"name": f"{tag}-{code}", "units": [code]})
            enterprises.add(conn, f, similar_warning=False)
        won += 1
    except Rejected as exc:
        assert "not vacant" in exc.message, exc.message
    conn.close()
print(won)
"""


def run_both(script, first: list[str], second: list[str]) -> list[str]:
    """Start two Python processes running `script` with these arguments, released at the same instant."""
    start = str(time.time() + 0.5)
    procs = [
        subprocess.Popen([sys.executable, "-c", script, start, *args], stdout=subprocess.PIPE, text=True)
        for args in (first, second)
    ]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    return outs


def test_two_processes_adding_at_once_lose_nothing(db_path):
    run_both(ADD, [str(db_path), "A", "40"], [str(db_path), "B", "40"])
    assert query(db_path, "SELECT count(*) FROM enterprises WHERE name LIKE '并发%'") == [(80,)]
    assert query(db_path, "SELECT count(*) FROM journal") == [(80,)]
    assert query(db_path, "SELECT count(*) FROM stage_history h JOIN enterprises e ON e.id = h.enterprise_id "
                          "WHERE e.name LIKE '并发%'") == [(80,)]  # fmt: skip


def test_two_processes_taking_the_same_units_leave_one_holder_each(db_path):
    units = [r[0] for r in query(db_path, "SELECT code FROM units WHERE status = 'vacant' ORDER BY id LIMIT 10")]
    outs = run_both(TAKE, [str(db_path), "甲", *units], [str(db_path), "乙", *units])
    assert sum(int(o) for o in outs) == len(units)
    marks = ",".join("?" * len(units))
    held = query(
        db_path,
        f"SELECT u.code, count(e.id), u.status FROM units u LEFT JOIN enterprises e ON e.id = u.enterprise_id "
        f"WHERE u.code IN ({marks}) GROUP BY u.id",
        units,
    )
    assert len(held) == len(units)
    assert all(n == 1 and status == "leased" for _, n, status in held)
    # the loser of each race left no enterprise behind either
    assert query(db_path, "SELECT count(*) FROM enterprises WHERE name LIKE '甲-%' OR name LIKE '乙-%'") == [
        (len(units),)
    ]


def test_two_processes_starting_on_a_missing_catalogue_build_it_once(tmp_path):
    # both build the seed catalogue; the one that loses the race must use the winner's, not replace it
    path = tmp_path / "fresh.db"
    run_both(ADD, [str(path), "A", "10"], [str(path), "B", "10"])
    assert query(path, "SELECT count(*) FROM enterprises WHERE name LIKE '并发%'") == [(20,)]
    assert not [p.name for p in tmp_path.iterdir() if "building" in p.name]
