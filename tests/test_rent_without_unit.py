"""A rent typed without its period is per day, as kept; above 20 元/㎡·天 it is more likely monthly, so the
reading used and the way to write a month are said on stderr — for filters, units add/update and imports alike."""

import pytest

from promo.measures import RENT, RENT_BARE_MAX, conversions


@pytest.mark.parametrize("typed", ["45", "45元", "20.5", "１００"])
def test_an_unlikely_daily_rent_is_read_per_day_and_said(typed):
    conversions()
    assert RENT.parse(typed, "--rent") == float(typed.replace("元", "").translate({0xFF11: "1", 0xFF10: "0"}))
    (note,) = conversions()
    assert note.startswith(f"--rent {typed}: read as ") and "元/㎡·天, more than 20 元/㎡·天" in note
    assert "write " in note and "元/㎡·月" in note


@pytest.mark.parametrize("typed", ["1.5", "20", "0", "45元/㎡·天", "30元/天", "19.99"])
def test_a_plausible_or_explicit_daily_rent_says_nothing(typed):
    conversions()
    RENT.parse(typed, "--rent")
    assert conversions() == []


def test_a_monthly_rent_is_converted_not_warned():
    conversions()
    assert RENT.parse("45元/㎡·月", "--rent") == 1.4795
    (note,) = conversions()
    assert "unusual" not in note and "1.4795" in note


def test_the_threshold_is_documented():
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert RENT_BARE_MAX == 20 and "20 元/㎡·天" in readme


def test_vacancies_filter(run):
    result = run("vacancies", "--max-rent", "45", "--format", "json")
    assert result.exit_code == 0
    assert (
        "--max-rent 45: read as 45 元/㎡·天" in result.stderr
        and "write 45元/㎡·月 (= 1.4795 元/㎡·天)" in result.stderr
    )
    assert result.stdout == run("vacancies", "--max-rent", "45元/㎡·天", "--format", "json").stdout
    assert "unusual" not in run("vacancies", "--max-rent", "1.5").stderr


def test_units_add_and_update(run, conn):
    added = run("units", "add", "精准医学产业园", "Z9-1", "--area", "100", "--rent", "38")
    assert added.exit_code == 0 and "--rent 38: read as 38 元/㎡·天" in added.stderr
    assert conn.execute("SELECT rent FROM units WHERE code = 'Z9-1'").fetchone()[0] == 38
    updated = run("units", "update", "精准医学产业园/Z9-1", "--rent", "42")
    assert updated.exit_code == 0 and "--rent 42: read as 42 元/㎡·天" in updated.stderr
    fixed = run("units", "update", "精准医学产业园/Z9-1", "--rent", "42元/㎡·月")
    assert "unusual" not in fixed.stderr


def test_import_names_the_row(run, tmp_path):
    sheet = tmp_path / "units.csv"
    sheet.write_text(
        "载体,单元号,面积(㎡),租金\n精准医学产业园,Z9-7,100,45\n精准医学产业园,Z9-8,100,1.2\n", encoding="utf-8"
    )
    result = run("import", "units", str(sheet), "--dry-run")
    assert result.exit_code == 0
    assert "line 2, 租金 45: read as 45 元/㎡·天" in result.stderr and "Z9-8" not in result.stderr
    assert result.stderr.count("unusual") == 1


def test_in_chinese(run, monkeypatch):
    monkeypatch.setenv("PROMO_LANG", "zh")
    result = run("vacancies", "--max-rent", "45")
    assert "--max-rent 45：按 45 元/㎡·天 读取，超过 20 元/㎡·天" in result.stderr
    assert "请写 45元/㎡·月（= 1.4795 元/㎡·天）" in result.stderr


def test_the_note_fits_a_narrow_terminal(run, monkeypatch):
    """On a 60-column terminal the note wraps by promo's rule: no line past the edge, none starting with ，."""
    from promo import screen
    from promo.screen import Measure

    monkeypatch.setenv("PROMO_LANG", "zh")
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setattr(screen, "is_terminal", lambda stream: True)
    result = run("vacancies", "--max-rent", "45", "--format", "json")
    lines = result.stderr.splitlines()
    assert len(lines) > 1 and all(Measure()(line) <= 60 for line in lines)
    assert all(line.startswith("  ") and not line.strip().startswith(("，", "）")) for line in lines[1:])
    assert "请写 45元/㎡·月" in result.stderr.replace("\n  ", "")
