"""The Chinese interface: every message translated, none left unmarked, the language chosen as documented."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from promo import i18n
from promo.cli import cli
from promo.i18n_catalog import extract_click, extract_promo, lint, problems


def test_every_message_has_a_chinese_translation():
    assert problems(extract_promo() + extract_click()) == []


def test_no_user_facing_text_is_left_unmarked():
    assert lint() == []


def test_the_lint_finds_unmarked_texts(tmp_path):
    from promo.i18n_catalog import unmarked

    module = tmp_path / "m.py"
    module.write_text(
        "import click\n"
        "from promo.i18n import _\n"
        "def f(x):\n"
        "    click.echo('done')\n"
        "    click.echo(f'{x} added')\n"
        "    raise click.BadParameter('is empty')\n"
        "    raise BadValue('--date', x, 'is in the future')\n"
        "    raise Rejected(_('ok {x}').format(x=x))\n"
        "    _(f'{x} added')\n"
        "    click.option('--a', help=f'{x} help')\n"
        "    click.echo(x)\n"
    )
    found = unmarked(module, "m.py")
    assert [line.split(":")[1] for line in found] == ["4", "5", "6", "7", "9", "10"]


def test_placeholders_must_survive(tmp_path):
    from promo.i18n_catalog import Message

    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "no carrier named {name}"\nmsgstr "没有名为 {名称} 的载体"\n\n'
        'msgid "%s units"\nmsgstr "%s 个单元"\n\n'
        '#, fuzzy\nmsgid "fuzzy one"\nmsgstr "模糊"\n',
        encoding="utf-8",
    )
    found = problems(
        [Message(m, "m.py", 1) for m in ("no carrier named {name}", "%s units", "fuzzy one", "missing")], str(tmp_path)
    )
    assert len(found) == 3
    assert "placeholders ['{name}'] became ['{名称}']" in found[0]
    assert found[1].endswith("fuzzy") and found[2].endswith("no Chinese translation")


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"PROMO_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"PROMO_LANG": "zh", "LC_ALL": "en_US.UTF-8"}, "zh"),
        ({"PROMO_LANG": " ", "LANG": "en_US.UTF-8"}, "en"),
    ],
)
def test_language_precedence(monkeypatch, env, expected):
    for var in ("PROMO_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert i18n.language() == expected


def _chinese(monkeypatch):
    monkeypatch.delenv("PROMO_LANG")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def test_help_and_click_frame_in_chinese(monkeypatch):
    _chinese(monkeypatch)
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "用法：" in result.output and "选项" in result.output and "显示本帮助并退出。" in result.output
    assert "Show this message" not in result.output and "Usage:" not in result.output
    assert "园区招商引资目录" in result.output


def test_usage_error_in_chinese_and_english(monkeypatch, tmp_path):
    _chinese(monkeypatch)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "c.db"), "vacancies", "--limt", "3"])
    assert result.exit_code == 2
    assert "错误：没有选项 '--limt'；是否想用 '--limit'？" in result.output and "查看帮助" in result.output
    monkeypatch.setenv("PROMO_LANG", "en")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "c.db"), "vacancies", "--limt", "3"])
    assert "Error: No such option '--limt'; did you mean '--limit'?" in result.output
    assert "Try 'cli vacancies --help'" in result.output
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in result.output)


def test_english_help_stays_english(monkeypatch):
    result = CliRunner().invoke(cli, ["--help"])
    assert "Usage: cli" in result.output and "Show this message and exit." in result.output
    assert "the investment-promotion (招商引资) catalogue" in result.output


def test_a_fresh_install_compiles_its_catalogue_once(tmp_path):
    """Out of the source tree's cache: the first run compiles, later runs read the compiled file."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PROMO_LANG": "zh"}
    argv = [sys.executable, "-m", "promo", "--db", str(tmp_path / "c.db"), "nonsense"]
    first = subprocess.run(argv, env=env, capture_output=True, text=True)
    assert first.returncode == 2 and "没有命令 'nonsense'。" in first.stderr
    compiled = list((tmp_path / "cache" / "promo").glob("zh_CN-*.mo"))
    assert len(compiled) == 1
    compiled[0].write_bytes(b"damaged")  # a truncated file is compiled again, never a traceback
    again = subprocess.run(argv, env=env, capture_output=True, text=True)
    assert again.returncode == 2 and "没有命令" in again.stderr


def test_compiled_name_follows_the_po_files(tmp_path):
    po = tmp_path / "a.po"
    po.write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    before, files = i18n.compiled_name(str(tmp_path))
    assert files == [str(po)]
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "x"\nmsgstr "叉"\n', encoding="utf-8")
    assert i18n.compiled_name(str(tmp_path))[0] != before
    (tmp_path / "b.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    assert len(i18n.compiled_name(str(tmp_path))[1]) == 2


def _walk(group, ctx, path=()):
    import click

    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        yield (*path, name), cmd
        if isinstance(cmd, click.Group):
            yield from _walk(cmd, click.Context(cmd, parent=ctx, info_name=name), (*path, name))


def test_every_command_and_option_help_has_a_chinese_translation():
    """Help texts reach click through variables too (option tables): each one shown must be in the catalogue."""
    import click

    from promo.i18n import help_key, translations

    zh = translations("zh")
    missing, checked = [], 0
    for path, cmd in _walk(cli, click.Context(cli, info_name="promo")):
        texts = [cmd.help, cmd.short_help] + [getattr(p, "help", None) for p in cmd.params]
        for text in texts:
            if text and any(ch.isascii() and ch.isalpha() for ch in text):
                checked += 1
                if zh.gettext(help_key(text)) == help_key(text):
                    missing.append(f"promo {' '.join(path)}: {help_key(text)[:60]!r}")
    assert missing == [] and checked > 500


def test_journal_lines_in_the_officers_words(run, monkeypatch):
    """投资额 7,000 → 6,500 万元; 载体 精准医学产业园 → 无: field names and names, never columns and ids."""
    run("enterprises", "update", "晨生医疗", "--investment", "7000", "--carrier", "精准医学产业园")
    run("enterprises", "update", "晨生医疗", "--investment", "6,500", "--carrier", "")
    english = run("log", "-v", "-n", "1").stdout
    assert "investment 7,000 → 6,500 万元" in english and "carrier 精准医学产业园 → none" in english
    _chinese(monkeypatch)
    chinese = run("log", "-v", "-n", "1").stdout
    assert "投资额 7,000 → 6,500 万元" in chinese and "载体 精准医学产业园 → 无" in chinese
    assert "investment_wan" not in english + chinese and "carrier_id" not in english + chinese
    undone = run("undo", "--yes").stdout
    assert undone.startswith("已撤销 #") and "投资额 6,500 → 7,000 万元" in undone


def _po(path, *entries):
    body = "".join(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n' for msgid, msgstr in entries)
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n' + body, encoding="utf-8")


def test_update_keeps_the_order_appends_new_messages_and_drops_stale_ones(tmp_path):
    from promo.i18n_catalog import Message, stale, update

    # the file's own order, not sorted: update must not reorder it
    _po(tmp_path / "commands.po", ("zebra", "斑马"), ("gone", "已删"), ("apple", "苹果"))
    _po(tmp_path / "domain.po", ("mango", "芒果"))
    before_domain = (tmp_path / "domain.po").read_bytes()
    source = [Message(m, p, 1) for m, p in (("zebra", "commands/a.py"), ("apple", "commands/a.py"),
                                            ("new one", "commands/b.py"), ("mango", "x.py"))]  # fmt: skip
    assert [line.split(":")[1].strip() for line in stale(source, str(tmp_path))] == ["'gone'"]
    assert update(str(tmp_path), source) == {"commands.po": (1, 1)}
    text = (tmp_path / "commands.po").read_text(encoding="utf-8")
    assert "gone" not in text and "已删" not in text
    assert text.index('"zebra"') < text.index('"apple"') < text.index('"new one"')
    assert (tmp_path / "domain.po").read_bytes() == before_domain  # nothing to change: not rewritten
    assert stale(source, str(tmp_path)) == []
    again = (tmp_path / "commands.po").read_bytes()
    assert update(str(tmp_path), source) == {} and (tmp_path / "commands.po").read_bytes() == again


def test_no_po_entry_outlives_its_message():
    from promo.i18n_catalog import stale

    assert stale(extract_promo() + extract_click()) == []
