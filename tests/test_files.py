"""Writing files that hold personal data: modes, refused targets, standard output, long names."""

import os
import sqlite3
import stat

import pytest

from promo import files
from promo.errors import BadValue


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_is_owner_only_under_umask_022(tmp_path, umask_022):
    files.write_output(tmp_path / "out.csv", "名称\n")
    assert mode(tmp_path / "out.csv") == 0o600


def test_a_stricter_umask_wins(tmp_path):
    old = os.umask(0o277)
    try:
        files.write_output(tmp_path / "out.csv", "x")
    finally:
        os.umask(old)
    assert mode(tmp_path / "out.csv") == 0o400


def test_replacing_keeps_the_replaced_files_mode(tmp_path, umask_022):
    target = tmp_path / "brief.md"
    target.write_text("old")
    os.chmod(target, 0o600)
    files.write_output(target, "new", force=True)
    assert mode(target) == 0o600 and target.read_text() == "new"
    os.chmod(target, 0o640)  # the user shared it with the group: promo keeps that too
    files.write_output(target, "newer", force=True)
    assert mode(target) == 0o640


def test_symlinks_devices_fifos_and_folders_are_refused_even_with_force(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("keep")
    (tmp_path / "link.md").symlink_to(real)
    os.mkfifo(tmp_path / "pipe")
    for target, why in [
        (tmp_path / "link.md", "symbolic link"),
        (tmp_path / "pipe", "not a regular file"),
        ("/dev/null", "not a regular file"),
        (tmp_path, "is a folder"),
    ]:
        with pytest.raises(BadValue, match=why):
            files.write_output(target, "x", force=True)
    assert real.read_text() == "keep"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dash_is_standard_output(capsysbinary):
    assert files.write_output("-", "简报\n") is None
    assert capsysbinary.readouterr().out == "简报\n".encode()


def test_a_name_too_long_for_the_file_system_is_a_bad_value(tmp_path):
    with pytest.raises(BadValue, match="too long") as exc:
        files.check_output(tmp_path / ("长" * 300 + ".md"), option="-o")
    assert exc.value.field == "-o"


def test_a_failed_write_leaves_no_temporary_file(tmp_path):
    with pytest.raises(RuntimeError):
        with files.output(tmp_path / "x.csv") as fh:
            fh.write(b"half")
            raise RuntimeError("export failed")
    assert list(tmp_path.iterdir()) == []


def test_brief_o_writes_0600_and_force_never_widens(run, tmp_path, umask_022):
    target = tmp_path / "brief.md"
    assert run("brief", "-o", target).exit_code == 0
    assert mode(target) == 0o600
    assert run("brief", "-o", target, "--force").exit_code == 0
    assert mode(target) == 0o600


def test_brief_o_refuses_dev_null_and_long_names(run, tmp_path):
    result = run("brief", "-o", "/dev/null", "--force")
    assert result.exit_code == 2 and "not a regular file" in result.output
    result = run("brief", "-o", tmp_path / ("b" * 300))
    assert result.exit_code == 2 and "too long" in result.output
    assert "Traceback" not in result.output


def test_brief_o_dash_prints_the_brief(run):
    result = run("brief", "-o", "-")
    assert result.exit_code == 0 and result.output.startswith("#")


def test_listings_show_control_characters_escaped(run, db_path):
    with sqlite3.connect(db_path) as c:  # a name from before names were checked on input
        c.execute("UPDATE carriers SET name = ? WHERE id = (SELECT min(id) FROM carriers)", ("园\x1b[2J\u202e\x07",))
    for fmt in ("table", "csv", "markdown"):
        out = run("carriers", "--format", fmt).output
        assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out, fmt
        assert "x1b" in out and "u202e" in out, fmt
    out = run("carriers", "--format", "json").output
    assert "\u202e" not in out and "\\u202e" in out


def test_export_template_and_rejects_files_are_owner_only_under_umask_022(run, tmp_path, umask_022):
    for name in ("清单.xlsx", "企业.csv"):
        lists = ["enterprises"] if name.endswith(".csv") else []
        assert run("export", *lists, "-o", tmp_path / name).exit_code == 0
        assert mode(tmp_path / name) == 0o600, name
    assert run("template", "enterprises", "-o", tmp_path / "模板.xlsx").exit_code == 0
    assert mode(tmp_path / "模板.xlsx") == 0o600
    leads = tmp_path / "线索.csv"
    leads.write_text("企业名称,阶段\n好企业,意向\n坏企业,未知阶段\n", encoding="utf-8")
    result = run("import", "enterprises", leads, "--skip-invalid", "--rejects", tmp_path / "退回.csv")
    assert result.exit_code == 0, result.output
    assert mode(tmp_path / "退回.csv") == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_re_exporting_keeps_the_mode_the_user_gave_the_file(run, tmp_path, umask_022):
    target = tmp_path / "清单.xlsx"
    assert run("export", "-o", target).exit_code == 0
    os.chmod(target, 0o640)
    assert run("export", "-o", target, "--force").exit_code == 0
    assert mode(target) == 0o640


def test_export_template_and_rejects_refuse_a_symlink(run, tmp_path):
    elsewhere = tmp_path / "elsewhere.xlsx"
    elsewhere.write_bytes(b"kept")
    link = tmp_path / "link.xlsx"
    link.symlink_to(elsewhere)
    for args in (["export", "-o", link], ["template", "enterprises", "-o", link]):
        result = run(*args)
        assert result.exit_code == 2 and "symbolic link" in result.output, result.output
    leads = tmp_path / "线索.csv"
    leads.write_text("企业名称,阶段\n坏企业,未知阶段\n", encoding="utf-8")
    csv_link = tmp_path / "退回.csv"
    csv_link.symlink_to(elsewhere)
    result = run("import", "enterprises", leads, "--skip-invalid", "--rejects", csv_link)
    assert result.exit_code == 2 and "symbolic link" in result.output, result.output
    assert elsewhere.read_bytes() == b"kept" and link.is_symlink() and csv_link.is_symlink()


def test_export_refuses_a_pipe_and_writes_csv_to_standard_output_for_dash(run, tmp_path):
    os.mkfifo(tmp_path / "pipe.csv")
    result = run("export", "enterprises", "-o", tmp_path / "pipe.csv")
    assert result.exit_code == 2 and "not a regular file" in result.output
    result = run("export", "enterprises", "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("企业名称,") and not result.stdout.startswith("\ufeff")
    assert run("export", "-o", "-").exit_code == 2  # a workbook of several lists is no CSV
    assert run("import", "enterprises", tmp_path / "x.csv", "--skip-invalid", "--rejects", "-").exit_code == 2


def test_one_rule_for_every_refused_destination(run, db_path, tmp_path):
    """Every option that names a file to write refuses a path it cannot write as given with exit 2, naming
    the option and the path, and writes nothing; the catalogue is unchanged."""
    from pipeline_helpers import content

    real = tmp_path / "real.xlsx"
    real.write_bytes(b"kept")
    (tmp_path / "link.xlsx").symlink_to(real)
    os.mkfifo(tmp_path / "pipe.xlsx")
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "folder.xlsx").mkdir()
    leads = tmp_path / "线索.csv"
    leads.write_text("企业名称,阶段\n坏企业,未知阶段\n", encoding="utf-8")
    commands = {
        "export": lambda p: ("export", "-o", p),
        "template": lambda p: ("template", "milestones", "-o", p),
        "rejects": lambda p: ("import", "enterprises", leads, "--skip-invalid", "--rejects", p.with_suffix(".csv")),
        "weekly": lambda p: ("report", "weekly", "-o", p),
        "brief": lambda p: ("brief", "-o", p.with_suffix(".md")),
        "backup": lambda p: ("backup", p.with_suffix(".db")),
    }
    destinations = {
        "missing folder": (tmp_path / "nope" / "x.xlsx", "does not exist"),
        "part not a folder": (tmp_path / "a-file" / "x.xlsx", "not a folder"),
        "symlink": (tmp_path / "link.xlsx", "symbolic link"),
        "fifo": (tmp_path / "pipe.xlsx", "not a regular file"),
        "folder": (tmp_path / "folder.xlsx", "is a "),  # a folder (promo) or a directory (click's own check)
        "too long": (tmp_path / ("长" * 100 + ".xlsx"), "too long"),
    }
    for suffix in (".csv", ".md", ".db"):  # the same kinds of destination under the other commands' names
        (tmp_path / f"link{suffix}").symlink_to(real)
        os.mkfifo(tmp_path / f"pipe{suffix}")
        (tmp_path / f"folder{suffix}").mkdir()
    before = content(db_path)
    for name, command in commands.items():
        for kind, (path, why) in destinations.items():
            result = run(*command(path))
            assert result.exit_code == 2, (name, kind, result.output)
            assert why in result.output and "Traceback" not in result.output, (name, kind, result.output)
    assert content(db_path) == before and real.read_bytes() == b"kept"
