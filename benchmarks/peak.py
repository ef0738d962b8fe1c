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


def peak_kib(argv: list[str], env: dict | None = None) -> int:
    """Run `promo *argv` in a fresh interpreter, output discarded; its peak resident memory in KiB."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    if not last.startswith("peak-kib ") or not last.endswith(" exit 0"):
        raise RuntimeError(f"promo {' '.join(argv)} failed: {done.stderr[-2000:]}")
    return int(last.split()[1])
