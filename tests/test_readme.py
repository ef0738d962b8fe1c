"""The READMEs' examples are real: every `$ promo …` in their console blocks is run, top to bottom, on one fresh
seed catalogue, and must print what the README shows — README.md in English, README.zh-CN.md in Chinese as an
officer's machine runs it (PROMO_LANG unset, LANG=zh_CN.UTF-8).

To refresh them after a change that alters output:  python tests/test_readme.py --update [README.md …]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
ENV = {"PROMO_TODAY": "2026-11-23", "PROMO_NOW": "2026-11-23 09:30:00", "COLUMNS": "100", "USER": "zhangwei",
       "LOGNAME": "zhangwei", "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}  # fmt: skip
# each README and the language it is read in (None: unset, so the locale decides as on the officer's machine)
READMES = {
    "README.md": {"PROMO_LANG": "en"},
    "README.zh-CN.md": {"PROMO_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "zh_CN.UTF-8"},
}


def examples(text: str) -> list[tuple[str, str]]:
    """(command, output shown) pairs of every console block, in order."""
    pairs = []
    for block in BLOCK.findall(text):
        command, shown = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    pairs.append((command, "\n".join(shown)))
                command, shown = line[2:], []
            elif command is not None:
                shown.append(line)
        if command is not None:
            pairs.append((command, "\n".join(shown)))
    return pairs


def run_all(text: str, language: dict[str, str | None]) -> list[tuple[str, str, str]]:
    """(command, shown, actual) for every example, run in order in one temporary folder."""
    bindir = str(Path(sys.executable).parent)
    env = {**{k: v for k, v in os.environ.items() if k != "PROMO_DB"}, **ENV}
    env.update({k: v for k, v in language.items() if v is not None})
    for name in (k for k, v in language.items() if v is None):
        env.pop(name, None)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        # the tour's home is its own folder: promo config writes to ~/.config/promo there, never the user's own
        env.update(HOME=tmp, MPLCONFIGDIR=env.get("MPLCONFIGDIR") or str(Path.home() / ".config" / "matplotlib"))
        for name in ("PROMO_CONFIG_DIR", "XDG_CONFIG_HOME"):
            env.pop(name, None)
        # the catalogue exists before the tour starts (the one-line 'built it' notice is the Quick start's)
        subprocess.run(["promo", "init"], cwd=tmp, env=env, check=True, capture_output=True)
        for command, shown in examples(text):
            cat = re.fullmatch(r"cat (\S+)", command)
            if cat:  # the README shows the file: make it
                Path(tmp, cat[1]).write_text(shown + "\n", encoding="utf-8")
                results.append((command, shown, shown))
                continue
            done = subprocess.run(
                ["bash", "-c", command], cwd=tmp, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
            )
            actual = "\n".join(line.rstrip() for line in done.stdout.rstrip("\n").split("\n"))
            results.append((command, shown, actual))
    return results


def normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))


@pytest.mark.parametrize("name", READMES)
def test_readme_examples_print_what_the_readme_shows(name):
    if not shutil.which("promo", path=str(Path(sys.executable).parent)):
        pytest.skip("promo is not installed next to this Python")
    wrong = [
        f"$ {command}\n--- {name}\n{shown}\n--- actual\n{actual}"
        for command, shown, actual in run_all((ROOT / name).read_text(encoding="utf-8"), READMES[name])
        if normalise(shown) != normalise(actual)
    ]
    assert not wrong, f"{name} examples differ (python tests/test_readme.py --update {name}):\n\n" + "\n\n".join(
        wrong[:3]
    )


def update(name: str) -> int:
    """Rewrite every example's output in one README with what the command prints now."""
    readme = ROOT / name
    text = readme.read_text(encoding="utf-8")
    outputs = iter(run_all(text, READMES[name]))

    def refresh(block: re.Match) -> str:
        lines, out = block.group(1).splitlines(), []
        for line in lines:
            if line.startswith("$ "):
                command, shown, actual = next(outputs)
                out.append(line)
                out.extend((shown if command.startswith("cat ") else actual).split("\n") if (shown or actual) else [])
        return "```console\n" + "\n".join(out) + "\n```"

    new = BLOCK.sub(refresh, text)
    changed = new != text
    readme.write_text(new, encoding="utf-8")
    print(f"{name} updated" if changed else f"{name} already up to date")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] != ["--update"] or not set(sys.argv[2:]) <= set(READMES):
        sys.exit(__doc__)
    sys.exit(max(update(name) for name in sys.argv[2:] or READMES))
