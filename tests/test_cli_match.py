"""promo match: ranked units with why, policies, criteria and scenarios on one screen; saved needs."""

import json
import sqlite3


def test_match_screen_has_units_why_policies_criteria(run):
    result = run(
        "match", "--industry", "高端医疗器械", "--min-area", "500", "--max-rent", "1.5", "--facility", "GMP洁净车间"
    )
    assert result.exit_code == 0
    out = result.output
    for text in (
        "Ranked units",
        "H1-201",
        "ready now +15",
        "1 on the same chain +7",
        "载体租金减免（示例）",  # carrier-specific support named, with its estimate
        "≈17.08万元/year",  # 50% × 780 ㎡ × 1.20 × 365
        "Policies",
        "Access criteria",
        "Verdict:",
        "filters: vacant units 34 → --industry 高端医疗器械 26",
        "company (default)",
    ):
        assert text in out, text


def test_match_json_respects_the_filters(run):
    data = json.loads(
        run(
            "match",
            "--min-area",
            "800",
            "--max-area",
            "1,000㎡",
            "--max-rent",
            "1.5",
            "--format",
            "json",
            "--limit",
            "0",
        ).output
    )
    assert data["units"] and all(800 <= u["area_m2"] <= 1000 and u["rent"] <= 1.5 for u in data["units"])
    assert len(data["units"]) == data["total"]
    scores = [u["score"] for u in data["units"]]
    assert scores == sorted(scores, reverse=True)


def test_a_policys_period_in_json_is_the_same_in_every_language(run, monkeypatch):
    args = ("match", "--industry", "高端医疗器械", "--min-area", "500", "--limit", "1", "--format", "json")
    periods = {}
    for lang in ("en", "zh_CN"):
        monkeypatch.setenv("PROMO_LANG", lang)
        unit = json.loads(run(*args).output)["units"][0]
        periods[lang] = {p["code"]: p["period"] for p in unit["policies"]}
    assert periods["en"] == periods["zh_CN"] and periods["en"]["sample-rent-relief"] == "/年"
    table = run(*args[:-2]).stdout  # zh_CN: the table's amounts say 年 too
    assert "≈17.08万元/年" in table


def test_limit(run):
    data = json.loads(run("match", "--max-rent", "2", "--limit", "3", "--format", "json").output)
    assert len(data["units"]) == 3 and data["total"] > 3
    assert "3 of" in run("match", "--max-rent", "2", "--limit", "3").output


def test_csv_is_one_row_per_unit(run):
    out = run("match", "--facility", "P2实验室", "--format", "csv").output.splitlines()
    assert out[0].startswith("rank,score,id,carrier_code")
    assert len(out) > 1


def test_nothing_matches_shows_the_funnel(run):
    result = run("match", "--min-area", "3000", "--facility", "P2实验室")
    assert result.exit_code == 0
    assert "no vacant unit meets every need" in result.output
    assert "--facility P2实验室 0" in result.output


def test_bad_input(run, db_path):
    result = run("match")
    assert result.exit_code == 2 and "--for NAME" in result.output
    result = run("match", "--min-area", "800", "--max-area", "500")
    assert result.exit_code == 2 and "--max-area 500: is below --min-area 800" in result.output
    result = run("match", "--max-rent", "-1")
    assert result.exit_code == 2 and "--max-rent" in result.output
    result = run("match", "--industry", "医疗器戒")
    assert result.exit_code == 1 and "did you mean" in result.output
    result = run("match", "--facility", "核磁屏蔽室")
    assert result.exit_code == 1 and "no facility named" in result.output
    result = run("match", "--for", "不存在的公司")
    assert result.exit_code == 1 and "no enterprise named" in result.output
    result = run("match", "--limit", "-1", "--max-rent", "1")
    assert result.exit_code == 2 and "--limit" in result.output
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM journal").fetchone()[0] == 0
    conn.close()


def test_for_an_enterprise_without_saved_needs(run):
    result = run("match", "--for", "示例医学影像设备", "--min-area", "2000")
    assert result.exit_code == 0
    assert "not saved" in result.output and "promo enterprises need" in result.output
    assert "示例医学影像设备（苏州）有限公司 (negotiating)" in result.output


def test_saved_needs_and_new_vacancies(run, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute(
        """INSERT INTO needs (enterprise_id, min_area, facilities)
           SELECT id, 800, '["GMP洁净车间"]' FROM enterprises WHERE name LIKE '示例生物制药%'"""
    )
    conn.commit()
    first = run("match", "--for", "示例生物制药")
    assert first.exit_code == 0 and "新空置" not in first.output
    conn.execute("UPDATE units SET status = 'vacant' WHERE code = 'A3-301'")
    conn.commit()
    second = run("match", "--for", "示例生物制药")
    assert "new since the last match" in second.output and "精准医学产业园: A3-301" in second.output
    assert "★new" in second.output
    third = run("match", "--for", "示例生物制药")
    assert "no new suitable vacancy" in third.output
    assert conn.execute("SELECT count(*) FROM journal").fetchone()[0] == 0  # matching is not an edit
    conn.close()


def test_markdown_keeps_notes_apart_and_why_on_one_line(run):
    out = run(
        "match", "--industry", "高端医疗器械", "--min-area", "500", "--facility", "GMP洁净车间", "--format", "markdown"
    ).output
    assert "\n\n※ unit-level figures are sample data" in out  # its own paragraph, not run into the legend
    row = next(line for line in out.splitlines() if "H1-201" in line)
    assert "ready now +15 · 1 on the same chain +7 (山东示例医疗器械有限公司)" in row


def test_the_policy_section_is_for_the_top_unit_not_rent_unknown(run):
    out = run("match", "--industry", "高端医疗器械", "--min-area", "500", "--investment", "3000", "--limit", "1").stdout
    section = out[out.index("Policies —") : out.index("Access criteria")]
    assert "if it settles in the top-ranked unit, 海凭国际·济南医疗器械产业园: H1-201" in section
    assert "yearly rent unknown" not in section and "once it settles in" not in section
    assert "yearly rent 34.16万元 × 50%" in section
