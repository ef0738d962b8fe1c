"""What every seed loader shares: finding and reading the seed files, their cell conventions, and a Seeding
(the database, the folder, and the ids of what earlier loaders added)."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from promo.errors import PromoError
from promo.i18n import _


class SeedError(PromoError):
    """A seed file that does not hold together (a bad reference or value)."""


def seeds_dir() -> Path:
    """seeds/ inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seed_files", here.parent / "seeds"):
        if (candidate / "zone.json").is_file():
            return candidate
    raise PromoError(
        _("the seed files are missing (looked in {first} and {second})").format(
            first=here / "seed_files", second=here.parent / "seeds"
        )
    )


def read_csv(name: str, directory: Path | None = None) -> list[dict]:
    """Rows of seeds/NAME as dicts with empty cells as None; [] when the file does not exist."""
    path = (directory or seeds_dir()) / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [
            {k.strip(): (v.strip() if v and v.strip() else None) for k, v in row.items()} for row in csv.DictReader(fh)
        ]


def num(value, cast=float):
    """A number cell (None when empty)."""
    return None if value in (None, "") else cast(value)


def flag(value) -> int:
    """A yes/no cell as 1 or 0."""
    return 1 if str(value or "").strip().lower() in ("1", "true", "yes", "y", "是") else 0


def split(value) -> list[str]:
    """A cell of items separated by semicolons."""
    return [p.strip() for p in (value or "").split(";") if p.strip()]


@dataclass
class Seeding:
    """One load in progress: the database, the seed folder, and the ids of what earlier loaders added by code."""

    db: object  # a sqlite_utils.Database
    directory: Path
    created: str
    industries: dict[str, int] = field(default_factory=dict)
    carriers: dict[str, int] = field(default_factory=dict)
    facilities: dict[str, int] = field(default_factory=dict)
    enterprises: dict[str, int] = field(default_factory=dict)

    def rows(self, name: str) -> list[dict]:
        return read_csv(name, self.directory)

    def industry(self, code: str, where: str) -> int:
        if code not in self.industries:
            raise SeedError(f"{where}: unknown industry code {code!r}")
        return self.industries[code]

    def carrier(self, code: str | None, where: str) -> int | None:
        if not code:
            return None
        if code not in self.carriers:
            raise SeedError(f"{where}: unknown carrier code {code!r}")
        return self.carriers[code]


def codes(value, known, where: str, what: str) -> str | None:
    """A cell of codes, each checked against `known`, as a JSON list (None when empty)."""
    items = split(value)
    bad = [c for c in items if c not in known]
    if bad:
        raise SeedError(f"{where}: unknown {what} {', '.join(bad)}")
    return json.dumps(items, ensure_ascii=False) if items else None
