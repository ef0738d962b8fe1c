"""benchmarks/RESULTS.md in sections: each benchmark script rewrites only its own, found by its heading."""

from __future__ import annotations

import re
from pathlib import Path


def write_section(path: Path, heading: str, text: str) -> None:
    """Put `text` (which starts with `heading`) in place of the section under `heading`, up to the next
    top-level heading; append it when the file has no such section yet."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(r"^" + re.escape(heading) + r"\n.*?(?=^# |\Z)", re.S | re.M)
    section = text.rstrip("\n") + "\n\n"
    if pattern.search(old):
        new = pattern.sub(lambda _: section, old, count=1)
    else:
        new = (old.rstrip("\n") + "\n\n" if old.strip() else "") + section
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")
