"""Undo at scale: set-wise and streamed, exact, and undos started together queue instead of refusing."""

import subprocess
import sys

from pipeline_helpers import content

PROMO = [sys.executable, "-m", "promo"]


def test_undoing_a_large_import_restores_the_catalogue_exactly(run, db_path, tmp_path):
    before = content(db_path)
    csv = tmp_path / "leads.csv"
    csv.write_text("名称,阶段,投资额\n" + "".join(f"规模企业{i},意向,{i}\n" for i in range(3000)), encoding="utf-8")
    assert run("enterprises", "import", csv).exit_code == 0
    result = run("undo", "--yes")
    assert result.exit_code == 0, result.output
    assert "more row changes" in result.output and len(result.output.splitlines()) < 30
    assert content(db_path) == before
    assert run("doctor").exit_code == 0


def test_undo_puts_back_changed_and_removed_rows(run, db_path):
    run("enterprises", "add", "撤销测试甲", "--unit", "A1-402", "--investment", "1200")
    run("enterprises", "add", "撤销测试乙")
    before = content(db_path)
    run("enterprises", "move", "撤销测试甲", "注册")
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before
    run("enterprises", "remove", "撤销测试乙", "--yes")
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before


def _peak_kib_of_undo_after_importing(rows: int, db_path, tmp_path) -> int:
    csv = tmp_path / f"leads-{rows}.csv"
    csv.write_text("名称\n" + "".join(f"内存企业{rows}-{i}\n" for i in range(rows)), encoding="utf-8")
    subprocess.run([*PROMO, "--db", str(db_path), "enterprises", "import", str(csv)], check=True, capture_output=True)
    probe = (
        "import sys\nfrom promo.cli import main\nsys.argv = ['promo', '--db', sys.argv[1], 'undo', '--yes']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        # VmHWM is this process image's own peak: ru_maxrss would carry over the forking pytest's peak (Linux
        # keeps it across execve), which after a thousand tests is hundreds of MiB
        "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0], file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe, str(db_path)], capture_output=True, text=True)
    assert "undid" in done.stdout, done.stdout + done.stderr
    return int(done.stderr.strip().splitlines()[-1])


def test_memory_of_an_undo_does_not_grow_with_the_import(db_path, tmp_path):
    # The same process shape undoes 10 rows and 20,000: what the undo itself holds must not grow with the rows
    # (whole-journal loading took several hundred MiB at this size). The baseline holds the interpreter, the
    # libraries and the search index's pinyin tables, which do not depend on the import.
    small = _peak_kib_of_undo_after_importing(10, db_path, tmp_path)
    large = _peak_kib_of_undo_after_importing(20000, db_path, tmp_path)
    assert large - small < 48 * 1024, (small, large)
    assert large < 200 * 1024, large


def test_undos_started_together_queue_and_each_takes_the_next_entry(run, db_path):
    run("enterprises", "add", "排队甲")
    run("enterprises", "add", "排队乙")
    procs = [
        subprocess.Popen([*PROMO, "--db", str(db_path), "undo", "--yes"], stdout=subprocess.PIPE, text=True)
        for _ in "12"
    ]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert sorted("排队甲" in o for o in outs) == [False, True]
    names = run("enterprises", "--format", "csv").output
    assert "排队甲" not in names and "排队乙" not in names


def test_undo_of_an_import_refuses_a_row_edited_outside_promo(run, db_path, tmp_path):
    import sqlite3

    csv = tmp_path / "leads.csv"
    csv.write_text("名称,阶段,投资额\n" + "".join(f"指纹企业{i},意向,{i}\n" for i in range(1, 1500)), encoding="utf-8")
    assert run("enterprises", "import", csv).exit_code == 0
    with sqlite3.connect(db_path) as conn:  # another tool, around promo's journal
        conn.execute("UPDATE enterprises SET investment_wan = 999999 WHERE name = '指纹企业777'")
    before = content(db_path)
    result = run("undo", "--yes")
    assert result.exit_code == 1, result.output
    assert "changed outside promo's journal" in result.output and "指纹企业777" in result.output
    assert content(db_path) == before
    with sqlite3.connect(db_path) as conn:  # put back as it was: the undo goes through
        conn.execute("UPDATE enterprises SET investment_wan = 777 WHERE name = '指纹企业777'")
    assert run("undo", "--yes").exit_code == 0
    assert "指纹企业1" not in run("enterprises", "--format", "csv").output


def _undo_steps(db_path) -> int:
    """Thousands of SQLite virtual-machine steps `promo undo` of the newest entry takes, in process."""
    from promo import revert
    from promo.db import open_catalogue, write

    conn = open_catalogue(db_path)
    steps = [0]

    def step():
        steps[0] += 1

    with write(conn, "undo") as journal_id:
        conn.set_progress_handler(step, 1000)
        try:
            revert.undo(conn, None, journal_id)
        finally:
            conn.set_progress_handler(None, 0)
    conn.close()
    return steps[0]


def test_undo_of_one_add_does_not_read_the_journals_history(run, seed_catalogue, tmp_path):
    # after a large import and its undo, the journal holds 20,000 changes to enterprises and stage records;
    # undoing one add must read that add's own changes, not walk every change its tables ever had
    import shutil

    quiet, busy = tmp_path / "quiet.db", tmp_path / "busy.db"
    shutil.copy(seed_catalogue, quiet)
    shutil.copy(seed_catalogue, busy)
    csv = tmp_path / "history.csv"
    csv.write_text("名称,阶段\n" + "".join(f"历史企业{i},意向\n" for i in range(5000)), encoding="utf-8")
    for args in (["enterprises", "import", str(csv)], ["undo", "--yes"]):
        subprocess.run([*PROMO, "--db", str(busy), *args], check=True, capture_output=True)
    for db in (quiet, busy):
        subprocess.run([*PROMO, "--db", str(db), "enterprises", "add", "单条撤销企业"], check=True, capture_output=True)
    quiet_steps, busy_steps = _undo_steps(quiet), _undo_steps(busy)
    assert busy_steps < quiet_steps * 1.5 + 20, (quiet_steps, busy_steps)
