"""On a real terminal (a pty), a listing's whole output — the lines before its first table, every table, captions
and the notes printed after them — goes through one pager; `promo --no-pager`, PROMO_PAGER='' and PAGER=cat
print it straight out; output that is not a terminal is never paged. The pager is a fake: `cat > FILE`."""

import os
import pty
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

# the installed command, found as a user would (PATH), else beside the interpreter running the tests
PROMO = shutil.which("promo") or str(Path(sys.executable).parent / "promo")


def _env(db_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PROMO_DB", "PAGER", "PROMO_PAGER", "FORCE_COLOR")}
    env.update(PROMO_TODAY="2026-11-23", PROMO_DB=str(db_path), LINES="15", COLUMNS="100", NO_COLOR="1")
    return {**env, **extra}


def _on_a_terminal(args, env) -> str:
    """What promo wrote to the terminal (a pty), with \\r\\n as \\n."""
    master, slave = pty.openpty()
    seen: list[bytes] = []

    def read():
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                return
            if not data:
                return
            seen.append(data)

    reader = threading.Thread(target=read)
    reader.start()
    done = subprocess.run([PROMO, *args], stdout=slave, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    reader.join(timeout=10)
    os.close(master)
    assert done.returncode == 0, done.stderr.decode()
    return b"".join(seen).decode().replace("\r\n", "\n")


def _piped(args, env) -> str:
    done = subprocess.run([PROMO, *args], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize(
    "args, first, last",
    [
        (["carriers", "show", "精准医学产业园"], "Name ", "Platforms"),  # a record, then tables
        (["match", "--min-area", "300"], "Match — prospect", "Access criteria"),  # a heading before the tables
    ],
)
def test_the_whole_listing_goes_through_one_pager(db_path, tmp_path, args, first, last):
    paged = tmp_path / "paged.txt"
    env = _env(db_path, PROMO_PAGER=f"cat > {paged}")
    assert _on_a_terminal(args, env) == ""  # nothing past the pager
    text = paged.read_text(encoding="utf-8")
    assert text.startswith(first) and last in text
    assert text == _piped(args, _env(db_path))  # every line the listing has, in order


def test_no_pager_at_the_root_or_after_the_listing(db_path, tmp_path):
    paged = tmp_path / "paged.txt"
    env = _env(db_path, PROMO_PAGER=f"cat > {paged}")
    for args in (
        ["--no-pager", "carriers", "show", "精准医学产业园"],
        ["carriers", "show", "精准医学产业园", "--no-pager"],
    ):
        shown = _on_a_terminal(args, env)
        assert "Name " in shown and "Platforms" in shown and not paged.exists()


def test_the_pager_setting_is_respected(db_path, tmp_path):
    paged = tmp_path / "paged.txt"
    args = ["vacancies"]
    assert "A1-402" in _on_a_terminal(args, _env(db_path, PROMO_PAGER="", PAGER=f"cat > {paged}"))
    assert not paged.exists()  # PROMO_PAGER='' wins over PAGER: no pager
    assert "A1-402" in _on_a_terminal(args, _env(db_path, PAGER="cat"))
    assert _on_a_terminal(args, _env(db_path, PAGER=f"cat > {paged}")) == ""
    assert "A1-402" in paged.read_text(encoding="utf-8")


def test_never_when_not_a_terminal(db_path, tmp_path):
    paged = tmp_path / "paged.txt"
    assert "Platforms" in _piped(["carriers", "show", "精准医学产业园"], _env(db_path, PROMO_PAGER=f"cat > {paged}"))
    assert not paged.exists()


def test_the_notes_on_stderr_come_after_the_pager(db_path, tmp_path):
    """A note said after the listing (a rent read per day) is not drawn over the pager's screen: it comes once
    the reader has left the pager."""
    order = tmp_path / "order.txt"
    env = _env(db_path, PROMO_PAGER=f"cat > /dev/null; sleep 0.5; echo pager-done >> {order}")
    master, slave = pty.openpty()
    with open(order, "a") as stderr:
        done = subprocess.run([PROMO, "vacancies", "--max-rent", "45"], stdout=slave, stderr=stderr, env=env)
    os.close(slave)
    os.close(master)
    lines = order.read_text(encoding="utf-8").splitlines()
    assert done.returncode == 0 and lines[0] == "pager-done"
    assert lines[1].startswith("promo: --max-rent 45: read as 45 元/㎡·天")


def test_less_is_told_the_output_is_utf8(db_path, tmp_path):
    """Where LANG names a Chinese locale the machine lacks, less would show 空置 as <E7><A9><BA>."""
    seen = tmp_path / "charset.txt"
    env = _env(db_path, LANG="zh_CN.UTF-8", PROMO_PAGER=f'echo "$LESSCHARSET" > {seen}; cat > /dev/null')
    _on_a_terminal(["vacancies"], env)
    assert seen.read_text().strip() == "utf-8"
    _on_a_terminal(["vacancies"], {**env, "LESSCHARSET": "latin1"})
    assert seen.read_text().strip() == "latin1"  # the user's own setting wins


def test_the_weekly_sheet_pages_like_any_listing_and_no_pager_prints_it(db_path, tmp_path):
    items = tmp_path / "items.csv"
    rows = "".join(f"晨生医疗,待协调事项{n},王主任,2026-11-0{n % 9 + 1}\n" for n in range(20))
    items.write_text("企业名称,协调事项,责任领导,提出日期\n" + rows, encoding="utf-8")
    subprocess.run([PROMO, "import", "coordination", str(items)], check=True, capture_output=True, env=_env(db_path))
    paged = tmp_path / "paged.txt"
    env = _env(db_path, PROMO_PAGER=f"cat > {paged}")
    args = ["report", "weekly", "--format", "table"]
    assert _on_a_terminal(args, env) == ""  # all of it through the pager
    assert paged.read_text(encoding="utf-8") == _piped(args, _env(db_path))
    paged.unlink()
    assert "待协调事项19" in _on_a_terminal([*args, "--no-pager"], env) and not paged.exists()
