"""promo enterprises need: saved needs, merged, cleared, checked as a whole; used by promo match --for."""

import json
import sqlite3


def journal_count(db_path):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT count(*) FROM journal").fetchone()[0]
    finally:
        conn.close()


def test_save_show_and_match(run):
    result = run(
        "enterprises",
        "need",
        "示例生物制药",
        "--min-area",
        "800",
        "--facility",
        "GMP洁净车间",
        "--investment",
        "8,000万",
        "--business",
        "微生态制剂",
    )
    assert result.exit_code == 0
    assert "  Area        ≥ 800 ㎡\n" in result.output and "  Project     investment 8,000万元\n" in result.output
    shown = run("enterprises", "need", "示例生物製藥").output  # traditional script finds it too
    assert "GMP洁净车间" in shown and "(saved)" in shown
    data = json.loads(run("match", "--for", "示例生物制药", "--format", "json").output)
    assert data["profile"]["min_area"] == 800 and data["profile"]["facilities"] == ["GMP洁净车间"]
    assert all(u["area_m2"] >= 800 and "GMP洁净车间" in u["facilities"] for u in data["units"])


def test_saved_needs_are_labelled_in_chinese(run, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh_CN")
    out = run("enterprises", "need", "示例生物制药", "--min-area", "800", "--investment", "8,000万").output
    assert "  面积  ≥ 800 ㎡\n" in out and "  项目  投资 8,000万元\n" in out
    assert "Area" not in out and "Project" not in out


def test_options_override_saved_needs_for_one_run(run):
    run("enterprises", "need", "示例生物制药", "--min-area", "800")
    data = json.loads(
        run("match", "--for", "示例生物制药", "--max-rent", "1.3", "--format", "json", "--limit", "0").output
    )
    assert data["units"] and all(u["rent"] <= 1.3 and u["area_m2"] >= 800 for u in data["units"])
    saved = json.loads(run("enterprises", "need", "示例生物制药", "--format", "json").output)[0]
    assert saved["max_rent"] is None  # not saved by the match


def test_clear_and_reset(run):
    run("enterprises", "need", "示例生物制药", "--min-area", "800", "--max-rent", "1.5", "--land-mu", "20")
    saved = json.loads(run("enterprises", "need", "示例生物制药", "--clear", "max-rent", "--format", "json").output)[0]
    assert (saved["min_area"], saved["max_rent"], saved["land_mu"]) == (800, None, 20)
    saved = json.loads(
        run("enterprises", "need", "示例生物制药", "--reset", "--jobs", "50", "--format", "json").output
    )[0]
    assert (saved["min_area"], saved["land_mu"], saved["jobs"]) == (None, None, 50)


def test_contradictions_and_bad_values_write_nothing(run, db_path):
    run("enterprises", "need", "示例生物制药", "--min-area", "800")
    before = journal_count(db_path)
    result = run("enterprises", "need", "示例生物制药", "--max-area", "500")
    assert result.exit_code == 2 and "--max-area 500: is below --min-area 800" in result.output
    result = run("enterprises", "need", "示例生物制药", "--investment", "-1")
    assert result.exit_code == 2 and "--investment -1: must not be negative" in result.output
    result = run("enterprises", "need", "示例生物制药", "--facility", "核磁屏蔽室")
    assert result.exit_code == 1 and "no facility named" in result.output
    result = run("enterprises", "need", "示例生物制药", "--industry", "微生态药")
    assert result.exit_code == 0  # a unique part of a name
    result = run("enterprises", "need", "无此企业", "--min-area", "10")
    assert result.exit_code == 1 and "no enterprise named" in result.output
    assert journal_count(db_path) == before + 1


def test_saving_needs_is_undone_by_promo_undo_and_a_match_is_not_an_edit(run, db_path):
    run("enterprises", "need", "示例生物制药", "--min-area", "800")
    run("enterprises", "need", "示例生物制药", "--max-rent", "1.5")
    run("match", "--for", "示例生物制药")  # remembers the vacancies it saw, outside the journal
    result = run("undo", "--yes")
    assert result.exit_code == 0, result.output
    saved = json.loads(run("enterprises", "need", "示例生物制药", "--format", "json").output)[0]
    assert (saved["min_area"], saved["max_rent"]) == (800, None)  # the last edit, not the match, was undone
