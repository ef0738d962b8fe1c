"""Clearing after the signature: a milestone's planned or actual date and a ledger target, given as '' (the
convention of `units update` and `carriers update`), journaled and undoable; bad clears write nothing."""

import pytest
from pipeline_helpers import content, enterprise, query
from test_cli_projects import as_json, signed, year  # noqa: F401 - fixtures


def milestone_rows(db_path, name):
    return query(
        db_path,
        "SELECT m.milestone, m.planned_date, m.actual_date FROM milestones m JOIN enterprises e "
        "ON e.id = m.enterprise_id WHERE e.name = ? ORDER BY m.milestone",
        (name,),
    )


@pytest.mark.usefixtures("signed")
def test_a_planned_date_is_cleared_and_the_actual_kept_then_undone(run, db_path):
    assert (
        run("enterprises", "milestone", "台账甲", "开工", "--planned", "2026-03-01", "--date", "2026-03-10").exit_code
        == 0
    )
    before = content(db_path)
    result = run("enterprises", "milestone", "台账甲", "开工", "--planned", "")
    assert result.exit_code == 0, result.output
    assert "cleared --planned" in result.stdout
    assert milestone_rows(db_path, "台账甲") == [("开工", None, "2026-03-10")]
    shown = {m["milestone"]: m for m in as_json(run, "enterprises", "milestone", "台账甲")}
    assert shown["开工"]["planned_date"] is None and shown["开工"]["days_late"] is None
    assert "clear" in run("log").stdout
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before


@pytest.mark.usefixtures("signed")
def test_clearing_the_only_date_removes_the_milestone_but_not_the_stage_it_moved(run, db_path):
    assert run("enterprises", "milestone", "台账甲", "投产", "--date", "2026-09-01").exit_code == 0
    result = run("enterprises", "milestone", "台账甲", "投产", "--date", " ")
    assert result.exit_code == 0, result.output
    assert milestone_rows(db_path, "台账甲") == []
    assert enterprise(db_path, "台账甲")["stage"] == "投产"  # a stage goes back only by `enterprises move` or undo


@pytest.mark.usefixtures("signed")
def test_a_late_plan_cleared_leaves_the_overdue_list(run, db_path):
    assert run("enterprises", "milestone", "台账甲", "竣工", "--planned", "2026-05-01").exit_code == 0
    assert "台账甲" in run("overdue").stdout and "completed" in run("overdue").stdout
    assert run("enterprises", "milestone", "台账甲", "竣工", "--planned", "").exit_code == 0
    assert "台账甲" not in run("overdue").stdout


@pytest.mark.usefixtures("signed")
def test_clear_one_date_and_set_the_other_in_one_step(run, db_path):
    assert run("enterprises", "milestone", "台账甲", "开工", "--planned", "2026-03-01").exit_code == 0
    assert run("enterprises", "milestone", "台账甲", "开工", "--planned", "", "--date", "2026-03-10").exit_code == 0
    assert milestone_rows(db_path, "台账甲") == [("开工", None, "2026-03-10")]
    assert (
        query(db_path, "SELECT count(*) FROM journal WHERE undone_by IS NULL AND summary LIKE 'milestone 台账甲%'")[0][
            0
        ]
        == 2
    )


@pytest.mark.parametrize(
    "args, code, words",
    [
        (("开工", "--date", ""), 1, "has no actual date to clear"),
        (("竣工", "--planned", ""), 1, "has no planned date to clear"),
        (("开工", "--planned", "", "--date", "2026-01-05"), 1, "cannot come before its signing"),
        (("--planned", ""), 2, "name the MILESTONE"),
        (("开工", "--planned", "-"), 2, "not a date"),
    ],
)
@pytest.mark.usefixtures("signed")
def test_bad_clears_are_refused_and_write_nothing(run, db_path, args, code, words):
    assert run("enterprises", "milestone", "台账甲", "开工", "--planned", "2026-03-01").exit_code == 0
    before = content(db_path)
    result = run("enterprises", "milestone", "台账甲", *args)
    assert result.exit_code == code, result.output
    assert words in result.output and "Traceback" not in result.output
    assert content(db_path) == before


@pytest.mark.usefixtures("year")
def test_a_target_is_cleared_and_the_ledger_shows_no_target_then_undone(run, db_path):
    before = content(db_path)
    result = run("ledger", "targets", "set", "--year", "2026", "--foreign", "", "--signed", "5")
    assert result.exit_code == 0, result.output
    assert "foreign capital arrived: 10,000 10k CNY → cleared" in result.stdout
    got = {r["measure"]: r for r in as_json(run, "ledger", "--year", "2026")}
    assert got["foreign"]["target"] is None and got["foreign"]["actual"] == 1500
    assert got["signed"]["target"] == 5
    assert run("undo", "--yes").exit_code == 0
    assert content(db_path) == before


@pytest.mark.usefixtures("year")
def test_an_officers_quarter_target_is_cleared_alone(run, db_path):
    assert run("ledger", "targets", "set", "--year", "2026", "--owner", "张伟", "--signed", "").exit_code == 0
    left = query(db_path, "SELECT scope, quarter, measure FROM ledger_targets WHERE measure = 'signed' ORDER BY 1, 2")
    assert left == [("zone", 0, "signed"), ("zone", 3, "signed")]


@pytest.mark.parametrize(
    "args",
    [
        ("--quarter", "2", "--signed", ""),  # no Q2 target was set
        ("--owner", "李娜", "--signed", ""),  # nor one for 李娜
        ("--signed", "", "--started", "x"),  # a bad value beside a clear: nothing at all is written
    ],
)
@pytest.mark.usefixtures("year")
def test_clearing_a_target_that_is_not_set_is_refused(run, db_path, args):
    before = content(db_path)
    result = run("ledger", "targets", "set", "--year", "2026", *args)
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    assert content(db_path) == before
