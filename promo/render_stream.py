"""Listings written row by row, so memory stays flat whatever their size: JSON and Markdown writers, and
rows spilled to a temporary file when a caption or a Markdown table needs a second look at them.

The output is byte for byte what json.dumps and tabulate's github format give for the whole list at once.
"""

from __future__ import annotations

import json
import pickle
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice

_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# one encoder for every row: json.dumps with keyword arguments builds a new one per call
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
CHUNK = 1000


def json_safe(text: str) -> str:
    """JSON text with C1 controls and bidi overrides written as \\u escapes (json leaves them raw): the
    same data for a program, nothing a terminal acts on."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_value(value) -> str:
    """One value as a listing's JSON writes it (a row's cell, or a whole row)."""
    return json_safe(_ENCODE(value))


def json_array(lines: Iterable[str]) -> Iterator[str]:
    """A JSON array of values already written as JSON, one a line, as pieces of about CHUNK lines."""
    batch: list[str] = []
    first = True
    for line in lines:
        batch.append(line)
        if len(batch) == CHUNK:
            yield ("[\n" if first else ",\n") + ",\n".join(batch)
            first, batch = False, []
    if batch:
        yield ("[\n" if first else ",\n") + ",\n".join(batch)
        first = False
    yield "[]" if first else "\n]"


def write_json_batches(batches: Iterable[list[bytes]], write: Callable[[bytes], object]) -> None:
    """A JSON array (and a newline) of values already written as JSON in UTF-8, a batch of lines at a time,
    made safe as json_safe makes text."""
    first = True
    for batch in batches:
        write(_json_safe_bytes((b"[\n" if first else b",\n") + b",\n".join(batch)))
        first = False
    write(b"[]\n" if first else b"\n]\n")


def _json_safe_bytes(data: bytes) -> bytes:
    # what json_safe escapes starts with one of these bytes in UTF-8 (DEL, C1 controls, U+2000–U+2FFF):
    # a byte search each, and text only for the rare piece holding one
    if b"\x7f" in data or b"\xc2" in data or b"\xe2" in data:
        return json_safe(data.decode()).encode()
    return data


def byte_writer(stream) -> Callable[[bytes], object]:
    """A function writing UTF-8 bytes to the text stream `stream`: straight to its binary buffer when the text
    would reach it unchanged (UTF-8, no newline translation), else decoded and written as text."""
    import codecs
    import os

    buffer, encoding = getattr(stream, "buffer", None), getattr(stream, "encoding", None)
    try:
        utf8 = bool(encoding) and codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        utf8 = False
    if buffer is not None and utf8 and os.linesep == "\n":
        stream.flush()  # what was written as text goes first
        return buffer.write
    return lambda data: stream.write(data.decode())


def json_text(value, **options) -> str:
    """One record (or any value) as indented JSON, made safe for a terminal like every JSON promo prints."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2, **options))


def json_chunks(rows: Iterable[dict], keys: Sequence[str]) -> Iterator[str]:
    """A JSON array with one object per line, as pieces of text of about CHUNK rows each (tuples are
    written as arrays, as json.dumps writes them)."""
    # made safe a piece at a time: one pass of the pattern over a thousand rows, not one per row
    return map(json_safe, json_array(_ENCODE({k: r.get(k) for k in keys}) for r in rows))


class Spilled(Sequence):
    """Rows kept in a temporary file, read back on each pass: len(), iteration, any() and sum() work as on
    a list, while memory holds one chunk. `prepare` (a function that adds shown fields to a list of rows in
    place) is applied chunk by chunk on the way in."""

    def __init__(self, rows: Iterable[dict], prepare: Callable[[list[dict]], None] | None = None):
        import tempfile

        self._file = tempfile.TemporaryFile()
        self._count = 0
        batch: list[dict] = []
        for r in rows:
            batch.append(r)
            if len(batch) == CHUNK:
                self._put(batch, prepare)
                batch = []
        if batch:
            self._put(batch, prepare)

    def _put(self, batch: list[dict], prepare) -> None:
        if prepare:
            prepare(batch)
        pickle.dump(batch, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._count += len(batch)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[dict]:
        self._file.seek(0)
        while True:
            try:
                batch = pickle.load(self._file)
            except EOFError:
                return
            at = self._file.tell()  # a nested pass moves the shared file position
            yield from batch
            self._file.seek(at)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += self._count
        for i, r in enumerate(self):
            if i == index:
                return r
        raise IndexError(index)


def prepared(rows: Iterable[dict], prepare: Callable[[list[dict]], None] | None = None) -> Iterable[dict]:
    """The rows with `prepare` applied CHUNK rows at a time as they are read (a list: prepared whole)."""
    if prepare is None:
        return rows
    if isinstance(rows, Sequence):
        prepare(rows)
        return rows
    return _prepared(iter(rows), prepare)


def _prepared(source: Iterator[dict], prepare: Callable[[list[dict]], None]) -> Iterator[dict]:
    while batch := list(islice(source, CHUNK)):
        prepare(batch)
        yield from batch


def spill(rows: Iterable[dict], prepare: Callable[[list[dict]], None] | None = None) -> Sequence[dict]:
    """A list as it is (prepared whole: some prepare functions look across rows); any other iterable of rows
    (a cursor) kept in a temporary file, prepared chunk by chunk."""
    if isinstance(rows, Sequence):
        if prepare:
            prepare(rows)
        return rows
    return Spilled(rows, prepare)


def markdown_lines(cells: Callable[[], Iterable[list[str]]], headers: list[str], aligns: list[str]) -> Iterator[str]:
    """tabulate's github table, line by line: `cells` gives the rows' escaped cell texts, and is called twice
    (once for the column widths, once to write)."""
    from wcwidth import wcswidth

    widths = [wcswidth(h) + 2 for h in headers]
    empty = True
    for row in cells():
        empty = False
        for i, text in enumerate(row):
            w = wcswidth(text.strip())
            if w > widths[i]:
                widths[i] = w
    if empty:  # tabulate aligns the headers of an empty table to the left
        aligns = ["left"] * len(headers)
    specs = ["<" if a == "left" else "^" if a == "center" else ">" for a in aligns]
    yield _md_row(headers, widths, specs, wcswidth)
    yield "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    if not empty:
        for row in cells():
            yield _md_row([t.strip() for t in row], widths, specs, wcswidth)


def _md_row(texts: list[str], widths: list[int], specs: list[str], width_of) -> str:
    # a wide character takes two columns but counts as one in str.format's padding
    out = [f"{t:{s}{w - (width_of(t) - len(t))}}" for t, w, s in zip(texts, widths, specs, strict=True)]
    return "| " + " | ".join(out) + " |"
