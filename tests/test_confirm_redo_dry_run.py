"""Destructive commands ask on a terminal and need --yes off one; promo redo; --dry-run on every writer."""

from __future__ import annotations

import json

import click
import pytest
from pipeline_helpers import content, enterprise

from promo.cli import COMMANDS, cli
from promo.command_line import WRITERS


@pytest.fixture
def terminal(monkeypatch):
    """Standard input is a terminal: the answers come from CliRunner's input."""
    monkeypatch.setattr("promo.commands.common.stdin_is_terminal", lambda: True)


def test_undo_off_a_terminal_needs_yes_and_changes_nothing(run, db_path):
    run("enterprises", "add", "确认测试")
    before = content(db_path)
    refused = run("undo")
    assert refused.exit_code == 2 and "--yes" in refused.output and "not a terminal" in refused.output
    assert content(db_path) == before


def test_undo_on_a_terminal_shows_what_and_asks_default_no(run, db_path, terminal):
    run("enterprises", "add", "确认测试")
    before = content(db_path)
    declined = run("undo", input="\n")
    assert declined.exit_code == 1 and "would undo" in declined.output and "确认测试" in declined.output
    assert "[y/N]" in declined.output and "nothing was changed" in declined.output
    assert content(db_path) == before
    accepted = run("undo", input="y\n")
    assert accepted.exit_code == 0 and "undid" in accepted.output
    assert enterprise(db_path, "确认测试") is None


def test_redo_puts_back_what_undo_reverted_and_undo_reverts_it_again(run, db_path):
    run("enterprises", "add", "重做测试", "--unit", "A1-402")
    after_add = content(db_path)
    run("undo", "--yes")
    done = run("redo", "--yes")
    assert done.exit_code == 0 and "redid" in done.output and "重做测试" in done.output
    assert content(db_path) == after_add
    entries = json.loads(run("log", "--format", "json").output)
    assert entries[0]["summary"].startswith("redo #")
    assert "redone by #" in run("log").output
    assert run("undo", "--yes").exit_code == 0 and enterprise(db_path, "重做测试") is None
    assert run("redo", "--yes").exit_code == 0 and content(db_path) == after_add
    nothing = run("redo", "--yes")
    assert nothing.exit_code == 1 and "nothing to redo" in nothing.output


def test_redo_of_an_undone_import_puts_its_rows_back_and_undo_reverts_it_again(run, db_path, tmp_path):
    # an import journals the rows it created by their ids alone; the undo's deletes carry the whole rows
    path = tmp_path / "leads.csv"
    path.write_text("企业名称,所属行业\n重做导入甲有限公司,高端医疗器械\n重做导入乙有限公司,高端医疗器械\n", "utf-8")
    assert run("import", "enterprises", path).exit_code == 0
    after_import = content(db_path)
    assert run("undo", "--yes").exit_code == 0 and enterprise(db_path, "重做导入甲有限公司") is None
    done = run("redo", "--yes")
    assert done.exit_code == 0, done.output
    assert content(db_path) == after_import
    again = run("undo", "--yes")
    assert again.exit_code == 0, again.output
    assert enterprise(db_path, "重做导入甲有限公司") is None and enterprise(db_path, "重做导入乙有限公司") is None
    assert run("redo", "--yes").exit_code == 0 and content(db_path) == after_import


def test_redo_is_refused_after_another_change(run):
    run("enterprises", "add", "重做甲")
    run("undo", "--yes")
    run("enterprises", "add", "重做乙")
    assert "nothing to redo" in run("redo", "--yes").output


def test_undo_right_after_an_undo_offers_the_redo(run, db_path, terminal):
    run("enterprises", "add", "提议重做")
    with_it = content(db_path)
    run("undo", "--yes")
    offered = run("undo", input="y\n")
    assert "the last change was an undo of" in offered.output and "Redo #" in offered.output
    assert offered.exit_code == 0 and content(db_path) == with_it


def test_redo_off_a_terminal_needs_yes_and_dry_run_needs_nothing(run, db_path):
    run("enterprises", "add", "重做预演")
    run("undo", "--yes")
    before = content(db_path)
    assert run("redo").exit_code == 2
    shown = run("redo", "--dry-run")
    assert shown.exit_code == 0 and "would redo" in shown.output and content(db_path) == before


def test_enterprises_remove_asks_and_names_what_goes(run, db_path, terminal):
    run("enterprises", "add", "删除确认有限公司", "--unit", "A1-402")
    asked = run("enterprises", "remove", "删除确认有限公司", input="n\n")
    assert asked.exit_code == 1 and "frees" in asked.output and "A1-402" in asked.output
    assert enterprise(db_path, "删除确认有限公司") is not None
    assert run("enterprises", "remove", "删除确认有限公司", input="y\n").exit_code == 0
    assert enterprise(db_path, "删除确认有限公司") is None


def test_enterprises_remove_off_a_terminal(run, db_path):
    run("enterprises", "add", "删除确认有限公司")
    assert run("enterprises", "remove", "删除确认有限公司").exit_code == 2
    assert run("enterprises", "remove", "删除确认").exit_code == 1  # not found is said before asking
    assert run("enterprises", "remove", "删除确认有限公司", "-y").exit_code == 0


def test_init_force_asks_on_a_terminal_and_needs_yes_off_one(run, db_path, terminal, monkeypatch):
    run("enterprises", "add", "重建确认")
    declined = run("init", "--force", input="n\n")
    assert declined.exit_code == 1 and "Replace the catalogue" in declined.output
    assert enterprise(db_path, "重建确认") is not None
    monkeypatch.setattr("promo.commands.common.stdin_is_terminal", lambda: False)
    assert run("init", "--force").exit_code == 2 and enterprise(db_path, "重建确认") is not None


@pytest.mark.parametrize(
    "args",
    [
        ("enterprises", "add", "预演企业", "--unit", "A1-402"),
        ("enterprises", "move", "菲士医学", "落地"),
        ("enterprises", "log-activity", "菲士医学", "--kind", "回访"),
        ("units", "add", "精准医学产业园", "Z-1", "--area", "500平", "--rent", "45元/月"),
        ("units", "set-status", "精准医学产业园/A1-402", "装修中"),
        ("carriers", "update", "精准医学产业园", "--phone", "0531-12345678"),
        ("policies", "expire", "2"),
        ("criteria", "remove", "1"),
        ("enterprises", "remove", "济南新药科技有限公司"),
    ],
)
def test_dry_run_says_the_same_and_writes_nothing(run, db_path, args):
    before = content(db_path)
    tried = run(*args, "--dry-run")
    assert "Traceback" not in tried.output
    assert content(db_path) == before
    if tried.exit_code == 0:
        assert "nothing was written" in tried.stderr
        real = run(*args)
        assert real.stdout == tried.stdout and content(db_path) != before


def test_a_refused_dry_run_is_refused_like_the_real_one(run, db_path):
    tried = run("units", "add", "精准医学产业园", "A1-402", "--area", "100", "--dry-run")
    real = run("units", "add", "精准医学产业园", "A1-402", "--area", "100")
    assert tried.exit_code == real.exit_code == 1 and tried.output.replace("--dry-run", "") == real.output


def _writers():
    ctx = click.Context(cli)
    for name in COMMANDS:
        group = cli.get_command(ctx, name)
        if isinstance(group, click.Group):
            sub = click.Context(group, parent=ctx, info_name=name)
            for leaf in group.list_commands(sub):
                cmd = group.get_command(sub, leaf)
                if leaf in WRITERS and not isinstance(cmd, click.Group):
                    yield f"{name} {leaf}", cmd


@pytest.mark.parametrize("name, command", list(_writers()), ids=lambda x: x if isinstance(x, str) else "")
def test_every_add_and_update_takes_dry_run(name, command):
    assert any("--dry-run" in p.opts for p in command.params), name
