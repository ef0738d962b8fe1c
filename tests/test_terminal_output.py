"""What a terminal shows: colour that means something (and none when asked or piped), ambiguous-width characters
measured as the terminal draws them, long tables through the pager and streamed, a closed pipe not an error."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from promo import pager, render_table, screen
from promo.render import Column, fmt_cell, render

PROMO = str(Path(sys.executable).parent / "promo")
CHECK = ("check", "--industry", "整机制造", "--investment", "2亿", "--land-mu", "50", "--output", "3亿")
CHECK += ("--tax", "1500")


@pytest.fixture
def plain_env(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR", "PROMO_PAGER", "PAGER", "LESS", "PROMO_AMBIGUOUS_WIDTH", "LINES"):
        monkeypatch.delenv(name, raising=False)


def test_colour_only_on_a_terminal_unless_forced_and_never_with_no_color(plain_env, monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert screen.colour(Tty()) and not screen.colour(io.StringIO())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert screen.colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")  # no-color.org: the user's no wins
    assert not screen.colour(Tty()) and not screen.colour(io.StringIO())


def test_fails_are_red_passes_green_and_the_sample_note_dim(run, plain_env, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = run(*CHECK).output
    assert "\x1b[31m✗ fail\x1b[0m" in out and "\x1b[32m✓ pass\x1b[0m" in out  # statuses in the test's English
    assert "\x1b[33m✗ fail" in out  # a fail that binds only if the project settles there: yellow, not red
    assert "\x1b[2m※ criteria and negative list are sample data" in out
    assert "\x1b[31mVerdict: fail" in out


def test_overdue_is_red(run, plain_env, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("PROMO_TODAY", "2029-01-01")
    # the rule's due day counts from the day the catalogue was built, so the test reads it rather than knowing it
    due = json.loads(run("overdue", "--format", "json").output)[0]["due"]
    out = run("overdue", "--format", "table").output
    assert f"\x1b[31m{due}\x1b[0m" in out


def test_no_colour_codes_when_piped_or_with_no_color(run, plain_env, monkeypatch):
    assert "\x1b" not in run(*CHECK).output  # CliRunner's output is not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in run(*CHECK).output
    assert "\x1b" not in run("carriers", "show", "精准医学产业园", "--grid").output


def test_the_unit_grid_shows_status_by_colour_on_a_terminal_and_by_letter_when_piped(run, plain_env, monkeypatch):
    assert "A1-603[V]" in run("carriers", "show", "精准医学产业园", "--grid").output
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = run("carriers", "show", "精准医学产业园", "--grid").output
    assert "\x1b[30;42m A1-603 \x1b[0m" in coloured and "\x1b[30;44m A1-501 \x1b[0m" in coloured
    assert "[V]" not in coloured


def test_ambiguous_characters_are_one_cell_unless_the_terminal_draws_them_wide(plain_env, monkeypatch):
    assert screen.Measure(screen.ambiguous_width())("※·→—█") == 5
    monkeypatch.setenv("PROMO_AMBIGUOUS_WIDTH", "2")
    assert screen.Measure(screen.ambiguous_width())("※·→—█") == 10
    assert screen.Measure(2)("精准A") == 5 and screen.Measure(2)("░") == 1


@pytest.mark.parametrize("ambiguous", ["1", "2"])
def test_tables_stay_aligned_however_ambiguous_characters_are_drawn(capsys, plain_env, monkeypatch, ambiguous):
    monkeypatch.setenv("PROMO_AMBIGUOUS_WIDTH", ambiguous)
    monkeypatch.setenv("COLUMNS", "100")
    rows = [
        {"name": "海凭国际·济南医疗器械产业园 ※", "where": "A2·2F", "occupancy": 0.7, "area": 1200},
        {"name": "质兰大厦", "where": "B1", "occupancy": 0.0, "area": 80},
    ]
    columns = [Column("name", "载体"), Column("where", "楼栋·层"), Column("occupancy", "出租率", "bar")]
    render(rows, [*columns, Column("area", "面积㎡", "area")], "table")
    measure = screen.Measure(int(ambiguous))
    lines = [line for line in capsys.readouterr().out.splitlines() if "产业园" in line or "质兰" in line]
    assert len(lines) == 2 and measure(lines[0]) == measure(lines[1])  # the right-aligned last column lines up
    bars = [re.search("[█░▒]+", line).group() for line in lines]
    assert measure(bars[0]) == measure(bars[1])  # a bar keeps its length whatever it shows (▒ beside a wide █)


def test_a_bad_ambiguous_width_is_a_usage_error(run, plain_env, monkeypatch):
    monkeypatch.setenv("PROMO_AMBIGUOUS_WIDTH", "3")
    result = run("vacancies")
    assert result.exit_code == 2 and "PROMO_AMBIGUOUS_WIDTH 3: is 1 (narrow, the default) or 2 (wide)" in result.output


def test_a_long_table_is_written_before_it_is_all_read():
    consumed = []

    def rows():
        for i in range(render_table.CHUNK * 4):
            consumed.append(i)
            yield {"name": f"单元{i}", "area": i}

    class Watch(io.StringIO):
        first_write_after = None

        def write(self, text):
            if self.first_write_after is None and text.strip():
                self.first_write_after = len(consumed)
            return super().write(text)

    out = Watch()
    render_table.show(rows(), [Column("name", "单元"), Column("area", "面积㎡", "area")], fmt_cell, stream=out)
    assert out.first_write_after <= render_table.CHUNK
    assert out.getvalue().count("单元") == render_table.CHUNK * 4 + 1


def test_output_that_fits_a_screen_is_printed_straight(tmp_path):
    stream = io.StringIO()
    with pager.Output(stream, f"cat > {tmp_path / 'paged'}", lines=10) as out:
        out.write("one\ntwo\n")
    assert stream.getvalue() == "one\ntwo\n" and not (tmp_path / "paged").exists()


def test_output_taller_than_the_screen_goes_through_the_pager(tmp_path):
    stream = io.StringIO()
    with pager.Output(stream, f"cat > {tmp_path / 'paged'}", lines=10) as out:
        for i in range(30):
            out.write(f"line {i}\n")
    assert stream.getvalue() == ""
    assert (tmp_path / "paged").read_text().splitlines() == [f"line {i}" for i in range(30)]


def test_quitting_the_pager_stops_the_table_quietly():
    with pager.Output(io.StringIO(), "true", lines=3) as out:  # a pager that quits at once, like q in less
        for i in range(100_000):
            out.write(f"line {i}\n" * 10)
            if out.closed:
                break
    assert out.closed and i < 100_000 - 1


def test_the_pager_is_chosen_like_git(plain_env, monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert pager.command(io.StringIO()) is None  # never when not a terminal
    assert pager.command(Tty()) == "less"
    monkeypatch.setenv("PAGER", "more")
    assert pager.command(Tty()) == "more"
    monkeypatch.setenv("PROMO_PAGER", "less -S")
    assert pager.command(Tty()) == "less -S"
    monkeypatch.setenv("PROMO_PAGER", "")
    assert pager.command(Tty()) is None
    monkeypatch.setenv("PROMO_PAGER", "cat")
    assert pager.command(Tty()) is None


def test_a_listing_on_a_terminal_pages_unless_no_pager(run, plain_env, monkeypatch, tmp_path):
    paged = tmp_path / "paged.txt"
    monkeypatch.setattr(screen, "is_terminal", lambda stream: True)
    monkeypatch.setenv("PROMO_PAGER", f"cat > {paged}")
    monkeypatch.setenv("LINES", "20")
    monkeypatch.setenv("NO_COLOR", "1")
    result = run("vacancies")
    assert result.exit_code == 0 and "A1-402" not in result.output
    assert "A1-402" in paged.read_text(encoding="utf-8") and "34 vacant units" in paged.read_text(encoding="utf-8")
    paged.unlink()
    result = run("vacancies", "--no-pager")
    assert "A1-402" in result.output and not paged.exists()
    result = run("platforms")  # one screen: no pager
    assert "平台" in result.output and not paged.exists()


def _promo_env(db_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PROMO_DB", "NO_COLOR", "FORCE_COLOR", "PAGER")}
    return {**env, "PROMO_TODAY": "2026-11-23", "PROMO_DB": str(db_path), **extra}


def test_a_real_terminal_pages_a_long_table(db_path, tmp_path):
    import pty

    paged = tmp_path / "paged.txt"
    master, slave = pty.openpty()
    env = _promo_env(db_path, PROMO_PAGER=f"cat > {paged}", LINES="15", COLUMNS="120")
    done = subprocess.run([PROMO, "vacancies"], stdout=slave, stderr=subprocess.PIPE, env=env, timeout=60)
    os.close(slave)
    os.close(master)
    assert done.returncode == 0 and done.stderr == b""
    text = paged.read_text(encoding="utf-8")
    assert "Vacant units" in text and "34 vacant units" in text


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_a_reader_that_leaves_early_is_not_an_error(db_path, fmt):
    """`promo vacancies | head -1`, at its harshest: the pipe is closed before promo writes a byte."""
    proc = subprocess.Popen(
        [PROMO, "vacancies", "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_promo_env(db_path),
    )
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert err == b"", err.decode()


def test_head_reads_one_line_and_promo_exits_0(db_path):
    done = subprocess.run(
        ["bash", "-c", f"'{PROMO}' units | head -1; echo \"exit ${{PIPESTATUS[0]}}\""],
        capture_output=True,
        text=True,
        env=_promo_env(db_path),
        timeout=60,
    )
    assert done.stdout.splitlines() == ["Units", "exit 0"] and done.stderr == ""


TEXT = st.text(alphabet=st.sampled_from(list("精准医学产业园AB12,.- ·（）、※")), max_size=40)


@settings(max_examples=500)
@given(TEXT, st.integers(min_value=4, max_value=30), st.sampled_from(["text", "list", "words"]))
def test_wrapping_keeps_every_character_in_order_and_runs_of_letters_and_digits_whole(text, cells, mode):
    measure = screen.Measure()
    lines = [text[s:e] for s, e in screen.wrap(text, cells, measure, mode)]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for run in re.findall(r"[A-Z0-9,.\-]+", text):  # a number or code is split only when wider than a line
        assert len(run) > cells or any(run in line for line in lines)
    if mode != "words":
        assert all(measure(line) <= cells for line in lines)


@pytest.mark.parametrize(
    "text, whole",
    [
        ("载体租金减免（示例） ≈17.08万元/年", "≈17.08万元/年"),
        ("同链 1 家 +7", "1 家"),
        ("209 天后交付 +6", "209 天"),
        ("租金 1.20元/㎡·天 起", "1.20元/㎡·天"),
        ("空置 1,200㎡", "1,200㎡"),
        ("at most 300万元/year", "300万元/year"),
    ],
)
def test_an_amount_and_its_unit_stay_on_one_line(text, whole):
    measure = screen.Measure()
    for cells in range(measure(whole), measure(text) + 1):
        for mode in ("text", "list", "words"):
            lines = [text[s:e] for s, e in screen.wrap(text, cells, measure, mode)]
            assert any(whole in line for line in lines), (cells, mode, lines)


def test_a_pager_that_is_not_installed_is_passed_by_and_the_listing_printed(tmp_path):
    stream = io.StringIO()
    with pager.Output(stream, "no-such-pager-here -R", lines=10) as out:
        for i in range(30):
            out.write(f"line {i}\n")
    assert stream.getvalue().splitlines() == [f"line {i}" for i in range(30)]
