"""Start-up: `promo --help` lists every command without importing one, and a listing loads only what it uses."""

import os
import subprocess
import sys

import click
import pytest

from promo.cli import COMMANDS, LISTED_HELP, cli


def _loaded_after(*argv: str, db) -> set[str]:
    """The modules a fresh `promo ARGV` process has imported when it ends."""
    probe = (
        "import sys\nfrom promo.cli import cli\n"
        "try:\n    cli(sys.argv[1:], prog_name='promo')\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\n'.join(sorted(sys.modules)))\n"
    )
    env = dict(os.environ, PROMO_DB=str(db), PROMO_TODAY="2026-11-23")
    done = subprocess.run([sys.executable, "-c", probe, *argv], env=env, capture_output=True, text=True, check=True)
    return set(done.stderr.split())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_listed_help_is_each_commands_own_first_paragraph(monkeypatch, lang):
    from promo.cli import listed_help
    from promo.i18n_click import translated

    monkeypatch.setenv("PROMO_LANG", lang)
    ctx = click.Context(cli)
    assert list(LISTED_HELP) == list(COMMANDS)
    for name in COMMANDS:
        real = cli.get_command(ctx, name)
        listed = translated(click.Command(name, help=listed_help(name)))
        first = " ".join(real.help.split("\n\n")[0].split())
        for limit in (30, 45, 80, 200):
            assert listed.get_short_help_str(limit) == real.get_short_help_str(limit), (
                f"LISTED_HELP[{name!r}] in promo/cli.py should read: {first!r}"
            )


def test_help_lists_every_command_without_importing_any(db_path):
    loaded = _loaded_after("--help", db=db_path)
    assert not {m for m in loaded if m.startswith("promo.commands.") and m != "promo.commands"}
    help_text = cli.get_help(click.Context(cli, info_name="promo", max_content_width=100))
    for name in COMMANDS:
        assert f"  {name} " in help_text


@pytest.mark.parametrize("argv", [("vacancies", "--format", "json"), ("carriers", "--format", "csv")])
def test_a_listing_loads_no_heavy_library(db_path, argv):
    loaded = _loaded_after(*argv, db=db_path)
    heavy = {"sqlite_utils", "rich", "tabulate", "openpyxl", "babel", "pypinyin", "tempfile", "shutil", "numpy"}
    assert not heavy & loaded
    assert "promo.commands.vacancies" in loaded or "promo.commands.carriers" in loaded
