"""What an import remembers of every row, in memory of a fixed size: each row's outcome for the report, and
each key (folded name, credit code …) for the rows after it to be checked against. Past a few thousand rows
both go to a private temporary SQLite database (deleted when closed), so a province's million-row file is
imported in the memory of a small one."""

from __future__ import annotations

import pickle
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter

HELD = 5000  # outcomes (or keys) kept in memory before they go to disk; a small import never touches it
_FETCH = 1000


@dataclass
class Outcome:
    line: int
    status: str  # new, unchanged, changed, kept, rejected
    name: str
    detail: str = ""
    cells: list = field(default_factory=list)
    full: str = ""  # the message with its line, as the all-or-nothing refusal lists it
    at_write: bool = False  # refused by the list's writer (the row itself read well)


def _scratch() -> sqlite3.Connection:
    # "": a private on-disk database SQLite deletes when it is closed; its pages are cached up to 2 MiB
    conn = sqlite3.connect("", isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    return conn


class Outcomes:
    """Each row's outcome in order (Outcome), as a list would hold them: appended, set by
    position while the row waits to be written, read back in order; counted by status as they come."""

    def __init__(self, held: int | None = None) -> None:
        self._held: list = []  # the last rows: a row's place (None) is filled when its chunk is written
        self._stored = 0  # rows before self._held, on disk
        self._limit = HELD if held is None else held
        self._db: sqlite3.Connection | None = None
        self.counts: Counter = Counter()

    def append(self, outcome) -> None:
        self._held.append(outcome)
        if outcome is not None:
            self.counts[outcome.status] += 1

    def __iadd__(self, outcomes: Iterable) -> Outcomes:
        for o in outcomes:
            self.append(o)
        return self

    def __setitem__(self, at: int, outcome) -> None:
        old = self._held[at - self._stored]  # only a row not yet stored is set (an IndexError otherwise)
        if old is not None:
            self.counts[old.status] -= 1
        self._held[at - self._stored] = outcome
        self.counts[outcome.status] += 1

    def __len__(self) -> int:
        return self._stored + len(self._held)

    def settle(self) -> None:
        """The rows held so far are final (their chunk is written): past the limit, they go to disk."""
        if len(self._held) < self._limit or None in self._held:
            return
        if self._db is None:
            self._db = _scratch()
            self._db.execute(
                "CREATE TABLE outcomes (at INTEGER PRIMARY KEY, line, status, name, detail, cells, full, at_write)"
            )
        self._db.executemany(
            "INSERT INTO outcomes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (self._stored + i, o.line, o.status, o.name, o.detail, _packed(o.cells), o.full, o.at_write)
                for i, o in enumerate(self._held)
            ),
        )
        self._stored += len(self._held)
        self._held = []

    def __iter__(self) -> Iterator:
        yield from self._read("")
        yield from self._held

    def __getitem__(self, at: int):
        if at < 0:
            at += len(self)
        if at >= self._stored:
            return self._held[at - self._stored]
        return next(self._read("WHERE at = ?", (at,)))

    def of_status(self, status: str) -> Iterator:
        """The outcomes of one status, in order."""
        yield from self._read("WHERE status = ?", (status,))
        yield from (o for o in self._held if o is not None and o.status == status)

    def _read(self, where: str, params: tuple = ()) -> Iterator:
        if self._db is None:
            return
        cursor = self._db.execute(
            f"SELECT line, status, name, detail, cells, full, at_write FROM outcomes {where} ORDER BY at", params
        )
        while batch := cursor.fetchmany(_FETCH):
            for line, status, name, detail, cells, full, at_write in batch:
                yield Outcome(line, status, name, detail, _unpacked(cells), full, bool(at_write))


class OfStatus:
    """The outcomes of one status as a sequence read from the store each time it is asked (a refusal shows
    the first thirty of a million rejected rows, a rejects file streams them all)."""

    def __init__(self, outcomes: Outcomes, status: str) -> None:
        self._outcomes, self._status = outcomes, status

    def __len__(self) -> int:
        return self._outcomes.counts[self._status]

    def __bool__(self) -> bool:
        return len(self) > 0

    def __iter__(self) -> Iterator:
        return self._outcomes.of_status(self._status)

    def __getitem__(self, which):
        if isinstance(which, slice):
            return list(islice(iter(self), which.start, which.stop, which.step))
        return next(islice(iter(self), which, None))


def _packed(cells) -> bytes | None:
    return pickle.dumps(cells, protocol=pickle.HIGHEST_PROTOCOL) if cells else None


def _unpacked(blob: bytes | None) -> list:
    return pickle.loads(blob) if blob is not None else []


class Keys:
    """The keys of the rows read so far ((what, key) → (line, what to compare)), as a dict would hold them;
    past the limit they go to disk, and `recall` brings back those a batch of rows asks about."""

    def __init__(self, held: int | None = None) -> None:
        self._held: dict = {}
        self._limit = HELD if held is None else held
        self._db: sqlite3.Connection | None = None

    def __contains__(self, key: tuple) -> bool:
        return key in self._held

    def __getitem__(self, key: tuple):
        return self._held[key]

    def __setitem__(self, key: tuple, value) -> None:
        self._held[key] = value

    def recall(self, keys: Iterable[tuple]) -> None:
        """Bring the stored entries of `keys` back into memory, before the rows that name them are checked."""
        if self._db is None:
            return
        wanted = [k for k in set(keys) if k not in self._held]
        for start in range(0, len(wanted), 500):  # under SQLite's 999 parameters
            part = [_joined(k) for k in wanted[start : start + 500]]
            rows = self._db.execute(
                f"SELECT key, value FROM keys WHERE key IN ({', '.join('?' * len(part))})", part
            )  # one lookup in the key's index each: the file's earlier keys are never scanned
            for key, value in rows:
                self._held[tuple(key.split("\x1f", 1))] = pickle.loads(value)

    def settle(self) -> None:
        """Past the limit, the keys held go to disk (a key recalled and not changed is written again as it was)."""
        if len(self._held) < self._limit:
            return
        if self._db is None:
            self._db = _scratch()
            self._db.execute("CREATE TABLE keys (key TEXT PRIMARY KEY, value) WITHOUT ROWID")
        packed: dict[int, bytes] = {}  # a row's keys share one entry: packed once
        # in the index's order: each page of the keys' index is visited once a batch, not once a key
        self._db.executemany(
            "INSERT OR REPLACE INTO keys VALUES (?, ?)",
            (
                (key, packed.get(id(v)) or packed.setdefault(id(v), pickle.dumps(v, pickle.HIGHEST_PROTOCOL)))
                for key, v in sorted(((_joined(k), v) for k, v in self._held.items()), key=itemgetter(0))
            ),
        )
        self._held = {}


def _joined(key: tuple[str, str]) -> str:
    """(what, key) as one text: what a key is ("folded name") never holds the separator."""
    return f"{key[0]}\x1f{key[1]}"


class Lines:
    """An import's warnings in order, as a list holds them, in memory of a fixed size: past HELD lines they go
    to a temporary file (deleted when closed), so a file whose every row warns (a column of 待定) is imported in
    the memory of one that warns of nothing."""

    def __init__(self, held: int | None = None) -> None:
        self._held: list[str] = []
        self._file = None
        self._stored = 0
        self._limit = HELD if held is None else held

    def append(self, line: str) -> None:
        self._held.append(line)
        if len(self._held) >= self._limit:
            self._spill()

    def __iadd__(self, lines: Iterable[str]) -> Lines:
        for line in lines:
            self.append(line)
        return self

    def _spill(self) -> None:
        import json
        import tempfile

        if self._file is None:
            self._file = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._file.seek(0, 2)
        self._file.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in self._held)
        self._stored += len(self._held)
        self._held = []

    def __len__(self) -> int:
        return self._stored + len(self._held)

    def __iter__(self) -> Iterator[str]:
        if self._file is not None:
            import json

            self._file.flush()
            self._file.seek(0)
            for _n, raw in zip(range(self._stored), self._file, strict=False):
                yield json.loads(raw)
        yield from list(self._held)

    def __contains__(self, line: object) -> bool:
        return any(w == line for w in self)
