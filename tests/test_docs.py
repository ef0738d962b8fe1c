"""Every command has help with examples and a place in the README; CI runs the README's test command."""

import re
from pathlib import Path

import click
import pytest

from promo.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def all_commands():
    ctx = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        yield name, command
        if isinstance(command, click.Group):
            for sub in command.list_commands(ctx):
                yield f"{name} {sub}", command.get_command(ctx, sub)


@pytest.mark.parametrize("name, command", list(all_commands()), ids=lambda x: x if isinstance(x, str) else "")
def test_command_has_help_and_is_in_readme(name, command):
    assert command.help and "Example" in command.help, f"promo {name} --help has no examples"
    assert f"promo {name}" in README, f"promo {name} is not in the README"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick_start)
    assert len(commands) == 2
    assert "promo vacancies" in commands[0]
    assert commands[1] in ci.splitlines()
