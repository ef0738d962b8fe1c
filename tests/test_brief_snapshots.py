"""Whole briefs of the seed catalogue compared byte for byte with tests/snapshots/.

A brief depends only on the catalogue and --date, so any difference is a change someone made: in the brief's
code, or in the seed data. When the change is intended, look at the diff, then regenerate the snapshots:

    PROMO_UPDATE_SNAPSHOTS=1 pytest tests/test_brief_snapshots.py

and commit the changed files under tests/snapshots/ with the change that caused them.
"""

import os
from pathlib import Path

import pytest

SNAPSHOTS = Path(__file__).parent / "snapshots"
DATE = "2026-11-23"

CASES = {
    "brief-zone-zh-public.md": [],
    "brief-zone-en-public.md": ["--lang", "en"],
    "brief-zone-zh-internal.md": ["--audience", "internal"],
    "brief-industry-en-public.md": ["--industry", "高端医疗器械", "--lang", "en"],
    "brief-carrier-zh-public.txt": ["--carrier", "精准医学产业园", "--format", "wechat"],
    "brief-carrier-en-internal.md": ["--carrier", "海凭", "--lang", "en", "--audience", "internal"],
    "brief-zone-en-public.txt": ["--lang", "en", "--format", "wechat"],
    "brief-prospect-zh-public.md": ["--for", "示例医学影像设备"],
    "brief-prospect-en-internal.txt": [
        "--for",
        "示例医学影像设备",
        "--lang",
        "en",
        "--audience",
        "internal",
        "--format",
        "wechat",
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_brief_matches_its_snapshot(run, name):
    result = run("brief", "--date", DATE, *CASES[name])
    assert result.exit_code == 0, result.output
    path = SNAPSHOTS / name
    if os.environ.get("PROMO_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(result.output, encoding="utf-8")
        return
    assert path.exists(), f"no snapshot {path.name}; create it with PROMO_UPDATE_SNAPSHOTS=1 (see this file)"
    expected = path.read_text(encoding="utf-8")
    assert result.output == expected, f"{name} differs from its snapshot; if intended, regenerate (see this file)"
