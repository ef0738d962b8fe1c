"""`--help` of every command at 60, 80 and 120 columns, in Chinese and English: no word cut in two, nothing past the
terminal's edge (a long example continued at a space between arguments), the option column aligned by display
width, the frame in the user's language."""

import re

import click
import pytest
from click.testing import CliRunner

from promo.cli import cli
from promo.screen import Measure

MEASURE = Measure()


def _paths(group=cli, ctx=None, path=()):
    ctx = ctx or click.Context(cli, info_name="promo")
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        yield (*path, name)
        if isinstance(cmd, click.Group):
            yield from _paths(cmd, click.Context(cmd, parent=ctx, info_name=name), (*path, name))


PATHS = [(), *_paths()]


def _language(monkeypatch, lang):
    for var in ("PROMO_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    if lang == "en":
        monkeypatch.setenv("PROMO_LANG", "en")
    else:
        monkeypatch.setenv("LANG", "zh_CN.UTF-8")


def _help(monkeypatch, path, columns):
    # what click makes of a terminal's COLUMNS (at most the root's max_content_width, less a margin)
    width = min(columns, 100) - 2
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="promo", terminal_width=width)
    assert result.exit_code == 0, result.output
    return result.output


def _without_commands(text: str) -> str:
    """The help less its list of subcommands, whose one-line helps are shortened (…) to the width on purpose."""
    return re.sub(r"\n(命令：|Commands:)\n.*?(\n\n|$)", "\n", text, flags=re.S)


def _past_the_edge(text: str, width: int) -> list[str]:
    """Lines wider than `width` (examples too: a long one is continued on the next line, ending in ` \\`)."""
    return [line for line in text.splitlines() if MEASURE(line) > width]


def _commands(text: str) -> list[str]:
    """The example command lines of a help, each continued line (` \\`) joined to the next, as a shell reads it, and
    a note on a line of its own joined to its command (spaces folded)."""
    out, example = [], False
    for line in text.splitlines():
        example = (example and bool(line.strip())) or line.strip() in ("示例：", "Examples:", "Example:")
        if example and line.strip().startswith("promo"):
            out.append(line.strip())
        elif example and out:
            out[-1] = out[-1].removesuffix(" \\") + " " + line.strip()
    return [" ".join(command.split()) for command in out]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_wraps_by_columns_and_never_cuts_a_word(monkeypatch, lang):
    _language(monkeypatch, lang)
    checked = 0
    for path in PATHS:
        whole = _without_commands(_help(monkeypatch, path, 1000))
        for columns in (60, 80, 120):
            text = _without_commands(_help(monkeypatch, path, columns))
            where = f"promo {' '.join(path)} --help at {columns} columns ({lang})"
            # an example too long for the screen is continued (` \\`) on the next line
            joined = ["".join(t.replace(" \\\n", "\n").split()) for t in (text, whole)]
            assert joined[0] == joined[1], f"{where}: text lost or changed"
            assert _commands(text) == _commands(whole), f"{where}: an example changed"
            # a word cut in two (P/AGER) changes the words seen, though not the characters
            assert re.findall(r"[A-Za-z0-9_]+", text) == re.findall(r"[A-Za-z0-9_]+", whole), where
            width = min(columns, 100) - 2
            assert _past_the_edge(text, width) == [], f"{where}: past the edge"
            checked += 1
    assert checked == 3 * len(PATHS) and len(PATHS) > 90


def _option_columns(text: str) -> set[int]:
    """Display columns where option descriptions start, rows and their continuation lines alike (not the rest
    of a choice too long for one line, [lead|…|landed| / producing|achieved], which continues under its first)."""
    section = text.split("\n选项：\n" if "选项：" in text else "\nOptions:\n", 1)[1]
    starts, previous = set(), ""
    for line in section.splitlines():
        if not line.strip():
            break
        found = re.match(r"^(  -\S.*?\S {2,}|\s+)(\S)", line)
        if found and not (line.startswith("  -") and found[1].isspace()) and not previous.endswith("|"):
            starts.add(MEASURE(found[1]))
        previous = line.rstrip()
    return starts


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", [60, 80, 120])
def test_option_descriptions_line_up_with_chinese_metavars(monkeypatch, lang, columns):
    """check --help: `--investment 万元` measured as 4 columns of text, not 2, so its description lines up."""
    _language(monkeypatch, lang)
    for path in [("check",), ("vacancies",), ("units", "add"), ("enterprises", "add"), ("match",)]:
        starts = _option_columns(_help(monkeypatch, path, columns))
        assert len(starts) == 1, f"promo {' '.join(path)} --help at {columns} ({lang}): columns {starts}"


def test_chinese_frame(monkeypatch):
    _language(monkeypatch, "zh")
    text = _help(monkeypatch, ("check",), 80)
    assert text.startswith("用法：promo check [选项] [名称]\n")
    assert "\n选项：\n" in text and "选项:" not in text
    assert "--industry 文本" in text and "--jobs 数目" in text and "--investment 万元" in text
    assert "TEXT" not in text and "[OPTIONS]" not in text
    group = _help(monkeypatch, ("enterprises",), 80)
    assert group.startswith("用法：promo enterprises [选项] [命令] [参数]...\n") and "\n命令：\n" in group
    assert "--limit 条数" in group and "[x>=0]" in group and "9223372036854775807" not in group


def test_chinese_usage_in_errors(monkeypatch, tmp_path):
    _language(monkeypatch, "zh")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "c.db"), "enterprises", "show"], prog_name="promo")
    assert result.exit_code == 2
    assert "用法：promo enterprises show [选项] 名称" in result.output and "缺少参数 '名称'" in result.output


def test_english_frame_unchanged(monkeypatch):
    _language(monkeypatch, "en")
    text = _help(monkeypatch, ("check",), 80)
    assert text.startswith("Usage: promo check [OPTIONS] [NAME]\n") and "\nOptions:\n" in text
    assert "--industry TEXT" in text and "--limit LIMIT" in _help(monkeypatch, ("vacancies",), 80)


@pytest.mark.parametrize("columns", [80, 120])
def test_english_help_is_laid_out_as_click_lays_it_out(monkeypatch, columns):
    """Where click measures right (help without wide characters), promo's layout is click's own, byte for byte
    (below 80 columns promo gives the descriptions more room than click's 30-column option column leaves)."""
    from promo.help_format import Context

    _language(monkeypatch, "en")
    compared = 0
    for path in PATHS:
        ours = _help(monkeypatch, path, columns)
        if not ours.isascii():
            continue
        with pytest.MonkeyPatch.context() as stock:
            stock.setattr(Context, "formatter_class", click.HelpFormatter)
            theirs = _help(monkeypatch, path, columns)
        assert ours == theirs, f"promo {' '.join(path)} --help at {columns}"
        compared += 1
    assert compared > 5  # most pages show a Chinese example or metavar


def test_help_piped_to_a_pager_wraps_to_the_terminal_on_stderr(tmp_path):
    """`promo --help | less` on a 60-column terminal: the help is laid out for 60 columns, not click's 80."""
    import fcntl
    import os
    import pty
    import shutil
    import struct
    import subprocess
    import sys
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 60, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    promo = shutil.which("promo") or os.path.join(os.path.dirname(sys.executable), "promo")
    done = subprocess.run([promo, "vacancies", "--help"], stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    os.close(master)
    lines = done.stdout.decode().splitlines()
    assert done.returncode == 0 and max(MEASURE(line) for line in _past_the_edge("\n".join(lines), 0)) <= 58


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", [("match",), ("enterprises", "add")])
def test_a_long_example_is_continued_between_arguments_so_it_can_be_copied(monkeypatch, lang, path):
    _language(monkeypatch, lang)
    text = _help(monkeypatch, path, 80)
    lines = [line for line in text.splitlines() if line.endswith(" \\")]
    assert lines and all(MEASURE(line) <= 78 for line in text.splitlines())
    after = [text.splitlines()[text.splitlines().index(line) + 1] for line in lines]
    assert all(re.match(r" {8}--[a-z]", line) for line in after), after  # an option and its value, indented
    assert "promo match --industry 高端医疗器械 --min-area 500 --max-rent 1.5 --facility GMP洁净车间" in (
        _commands(_help(monkeypatch, ("match",), 80))
    )
