"""Peak memory of one promo command: its process's own high-water mark (VmHWM), read at the end of the run.

ru_maxrss would not do: Linux carries the forking parent's peak across execve, so a child of a large
pytest reports the parent's size.
"""

from __future__ import annotations

import subprocess
import sys

PROBE = """import sys
from promo.cli import main
sys.argv = ['promo', *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = 0 if exc.code is None else exc.code
else:
    code = 0
sys.stdout.flush()
peak = [line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM')][0]
print(f'peak-kib {peak} exit {code}', file=sys.stderr)
"""


def peak_kib(argv: list[str], env: dict | None = None, *, terminal: bool = False) -> int:
    """Run `promo *argv` in a fresh interpreter, output discarded; its peak resident memory in KiB. With
    `terminal`, its output is a 100×40 terminal (a pty, read and dropped), so a long table goes to the pager."""
    command = [sys.executable, "-c", PROBE, *argv]
    if terminal:
        stderr = _on_a_terminal(command, env)
    else:
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        stderr = done.stderr
    last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    if not last.startswith("peak-kib ") or not last.endswith(" exit 0"):
        raise RuntimeError(f"promo {' '.join(argv)} failed: {stderr[-2000:]}")
    return int(last.split()[1])


def _on_a_terminal(command: list[str], env: dict | None) -> str:
    import fcntl
    import os
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    with subprocess.Popen(command, stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env) as proc:
        os.close(slave)
        while True:
            try:
                if not os.read(master, 1 << 16):
                    break
            except OSError:  # the other side closed: the process has ended
                break
        stderr = proc.stderr.read().decode(errors="replace")
    os.close(master)
    return stderr
