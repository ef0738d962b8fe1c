"""Files offices really produce, and files made to hurt: each imports what it means or is refused with a clear
message naming where and what, never a traceback, never a half-write; and what promo writes cannot run."""

import os

from pipeline_helpers import content


def test_rejects_never_overwrite_the_file_being_imported(run, db_path, tmp_path):
    leads = tmp_path / "线索.csv"
    leads.write_text("企业名称,阶段\n好企业,意向\n坏企业,未知阶段\n", encoding="utf-8")
    rejects = tmp_path / "退回.csv"
    assert run("import", "enterprises", leads, "--skip-invalid", "--rejects", rejects).exit_code == 0
    kept, before = rejects.read_bytes(), content(db_path)
    os.link(rejects, tmp_path / "另一个名字.csv")
    # the office's natural retry, by the same name, another spelling of it, or a hard link: --force or not
    for target in (rejects, tmp_path / "." / "退回.csv", tmp_path / "另一个名字.csv"):
        for force in ([], ["--force"]):
            result = run("import", "enterprises", rejects, "--skip-invalid", "--rejects", target, *force)
            assert result.exit_code == 2, result.output
            assert "--rejects" in result.output and str(target) in result.output
            assert "the file being read" in result.output
    assert rejects.read_bytes() == kept and content(db_path) == before


def test_rejects_replace_an_existing_file_only_with_force(run, db_path, tmp_path):
    leads = tmp_path / "线索.csv"
    leads.write_text("企业名称,阶段\n好企业,意向\n坏企业,未知阶段\n", encoding="utf-8")
    rejects = tmp_path / "退回.csv"
    rejects.write_bytes(b"an earlier list")
    before = content(db_path)
    result = run("import", "enterprises", leads, "--skip-invalid", "--rejects", rejects)
    assert result.exit_code == 2 and "exists already" in result.output and "--force" in result.output
    assert rejects.read_bytes() == b"an earlier list" and content(db_path) == before  # nothing imported
    result = run("import", "enterprises", leads, "--skip-invalid", "--rejects", rejects, "--force")
    assert result.exit_code == 0, result.output
    assert "坏企业" in rejects.read_text(encoding="utf-8-sig")
    result = run("enterprises", "import", leads, "--skip-invalid", "--rejects", rejects)
    assert result.exit_code == 2 and "exists already" in result.output
