"""Regenerate docs/brief-html.png, the picture of an HTML brief in the README, with headless Chromium.

    python docs/render_brief.py [--out docs/brief-html.png] [--width 1000] [--height 2300]

Builds the seed catalogue in a temporary folder, writes the public zone brief as HTML (dated 2026-11-23, like
the README's examples), and screenshots it. Needs Chromium: on Debian/Ubuntu `sudo apt-get install chromium`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATE = "2026-11-23"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# no sandbox as root; no background connections (a closed network refuses them, slowly); a throw-away profile
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "brief-html.png")
    parser.add_argument("--width", type=int, default=1000)
    parser.add_argument("--height", type=int, default=2300)
    args = parser.parse_args()
    browser = next((b for b in map(shutil.which, BROWSERS) if b), None)
    if browser is None:
        sys.exit("no Chromium found: install it (Debian/Ubuntu: sudo apt-get install chromium)")
    promo = shutil.which("promo", path=str(Path(sys.executable).parent)) or "promo"
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PROMO_TODAY": DATE}
        env.pop("PROMO_DB", None)
        page = Path(tmp) / "brief.html"
        subprocess.run(
            [promo, "brief", "--date", DATE, "-o", str(page)], cwd=tmp, env=env, check=True, capture_output=True
        )
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                browser,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={args.width},{args.height}",
                f"--screenshot={args.out.resolve()}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
