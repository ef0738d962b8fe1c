"""The search index: every list's searchable text, folded into character bigrams and pinyin, in one FTS5 table.

SQLite's trigram tokenizer finds nothing under three characters, and Chinese terms are often two (眼科,
器械). So each name is folded (promo.text.fold), stripped to letters and digits, and stored as its
overlapping bigrams: a two-character query is one token, a longer one a phrase of consecutive bigrams,
which is exactly a substring match. Pinyin (full and initials, through pypinyin) goes in its own column.

The index is a virtual table, so the change journal leaves it alone; per-connection temporary triggers
(installed by promo.db.write, like the journal's) keep it in step with every promo write, and `rebuild`
makes it again from the lists if anything wrote around promo.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from operator import add

from promo.schema import migration
from promo.schema_after_signing import m006_after_signing  # noqa: F401 - migration 6 comes first

INDEX = "search_index"
_SLOTS = 16  # rowid = record id * 16 + the table's slot: one index row per record, found without a lookup
_TRIGGER_PREFIX = "promo_search_"
_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() plus the underscore
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Source:
    """One table's contribution to the index: which list it belongs to and the SQL of its texts."""

    table: str
    slot: int
    list: str
    name: str  # SQL over alias {r}: the record's name, ranked first and put into pinyin
    body: tuple[str, ...]  # other searchable columns (never contacts or notes)


SOURCES = (
    Source("zone", 10, "zone", "{r}.name", ("{r}.name_en", "{r}.code", "{r}.aliases", "{r}.location")),
    Source(
        "carriers",
        1,
        "carriers",
        "{r}.name",
        ("{r}.name_en", "{r}.code", "{r}.address", "{r}.operator", "{r}.description"),
    ),
    Source("units", 2, "units", "{r}.code", ("{r}.building",)),
    Source("enterprises", 3, "enterprises", "{r}.name", ("{r}.name_en", "{r}.uscc")),
    Source("policies", 4, "policies", "{r}.name", ("{r}.name_en", "{r}.code", "{r}.issuer", "{r}.description")),
    Source("platforms", 5, "platforms", "{r}.name", ("{r}.name_en", "{r}.code", "{r}.kind", "{r}.description")),
    Source("scenarios", 6, "scenarios", "{r}.title", ("{r}.owner", "{r}.need")),
    Source("targets", 7, "targets", "{r}.name", ("{r}.reason",)),
    Source("industries", 8, "chain", "{r}.name", ("{r}.name_en", "{r}.code")),
    Source("clusters", 9, "chain", "{r}.name", ("{r}.name_en", "{r}.code", "{r}.description")),
)
BY_SLOT = {s.slot: s for s in SOURCES}
LISTS = tuple(dict.fromkeys(s.list for s in SOURCES))


def key_chars(text: str | None) -> str:
    """The text as search compares it: folded (script, width, case, spacing), letters and digits only."""
    if type(text) is str and text.isascii():
        # what fold() does to ASCII, the spaces and quotes it drops being gone with every other non-alnum
        # character: a credit code's or a pinyin's key without folding's Unicode steps (or its cache's room)
        return _NOT_ALNUM.sub("", text).lower()
    from promo.text import fold

    return _NOT_ALNUM.sub("", fold(text))


def bigrams(chars: str) -> list[str]:
    """Overlapping pairs of characters; a lone character stands for itself."""
    if len(chars) < 2:
        return [chars] if chars else []
    return list(map(add, chars, chars[1:]))  # each character joined to the next, without a Python loop


def grams(*texts: str | None) -> str:
    """The index text of some fields: each field's bigrams, space-separated. Pairs never span two fields,
    so a phrase query cannot match across a field boundary."""
    parts = []
    for t in texts:
        if t:
            chars = key_chars(t)
            if chars:
                parts.append(_pairs(chars))
    return " ".join(parts)


def _pairs(chars: str) -> str:
    """`chars`' overlapping pairs, space-separated (ab bc cd); ASCII (a credit code, a pinyin) laid out by
    slicing its bytes, without a string object per pair."""
    n = len(chars)
    if n < 2:
        return chars
    if not chars.isascii():
        return " ".join(map(add, chars, chars[1:]))  # each character joined to the next
    text = chars.encode("ascii")
    out = bytearray(b" ") * (3 * n - 4)  # n - 1 pairs of two, n - 2 spaces between them
    out[0::3] = text[:-1]
    out[1::3] = text[1:]
    return out.decode("ascii")


def _has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def pinyin_grams(name: str | None) -> str:
    """Bigrams of a name's full pinyin and of its initials (济南 → jinan, jn); empty without Chinese."""
    if not name:
        return ""
    from promo.text import fold

    folded = fold(name)
    if not _has_han(folded):
        return ""
    syllables = _pinyin_syllables()(folded)
    return grams("".join(syllables), "".join([s[:1] for s in syllables]))


@lru_cache(maxsize=1)
def _pinyin_syllables():
    """pypinyin's lazy_pinyin, split into its own steps so each word is converted once per process: the text
    cut into runs of Han and other characters, Han runs into words (its phrase dictionary decides readings),
    each word's syllables remembered. Initials are the syllables' first letters, as Style.FIRST_LETTER gives."""
    from pypinyin import Style  # imported here: ~0.2 s, paid only by writes and rebuilds
    from pypinyin.constants import RE_HANS
    from pypinyin.converter import DefaultConverter
    from pypinyin.seg import mmseg

    han = RE_HANS.pattern[len("^(?:") : -len(")+$")]  # one character class: [...]
    runs = re.compile(f"{han}+|[^{han[1:-1]}]+", re.S)
    convert, cut, words, read_runs, is_han = DefaultConverter().convert, mmseg.seg.cut, {}, {}, RE_HANS.match

    def word(w: str) -> list[str]:
        got = words.get(w)
        if got is None:
            got = [p for item in convert(w, Style.NORMAL, False, "default", strict=True) for p in item]
            if len(words) < 200_000:  # bounded: a long-running web process meets many words
                words[w] = got
        return got

    def han_run(run: str) -> list[str]:
        # names share their runs (有限公司, 医疗科技): a run is cut into words and read once per process
        got = read_runs.get(run)
        if got is None:
            got = [s for w in cut(run) for s in word(w)]
            if len(read_runs) < 200_000:
                read_runs[run] = got
        return got

    def syllables(text: str) -> list[str]:
        out: list[str] = []
        for run in runs.findall(text):
            if is_han(run):
                out += han_run(run)
            else:
                out.append(run)  # as lazy_pinyin keeps a run without pinyin: one item, whole
        return out

    return syllables


def _body_sql(source: Source, alias: str) -> str:
    fields = ", ".join(f.format(r=alias) for f in source.body)
    return f"promo_search_grams({fields})"


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the triggers call; deterministic, so SQLite may reuse their results."""
    conn.create_function("promo_search_grams", -1, grams, deterministic=True)
    conn.create_function("promo_search_pinyin", 1, pinyin_grams, deterministic=True)


def _columns_read(source: Source) -> list[str]:
    import re

    return sorted({m for f in (source.name, *source.body) for m in re.findall(r"\{r\}\.(\w+)", f)})


@migration(7)
def m007_search_index(conn: sqlite3.Connection) -> None:
    """The index, filled from what the catalogue holds; what this connection writes next (the seed
    load of a new catalogue) is indexed as it goes."""
    create(conn)
    rebuild(conn)
    register_functions(conn)
    for statement in _trigger_statements():
        conn.execute(statement)


def install(conn: sqlite3.Connection) -> None:
    """This connection's triggers that keep the index in step with the lists; cheap when they exist."""
    have = conn.execute(
        "SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE ?", (_TRIGGER_PREFIX + "%",)
    ).fetchone()[0]
    register_functions(conn)
    if have or not _index_exists(conn):
        return
    conn.execute("BEGIN")
    try:
        for statement in _trigger_statements():
            conn.execute(statement)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _trigger_statements() -> list[str]:
    statements = []
    for s in SOURCES:
        rowid_new, rowid_old = f"NEW.id * {_SLOTS} + {s.slot}", f"OLD.id * {_SLOTS} + {s.slot}"
        insert = (
            f"INSERT INTO {INDEX} (rowid, name, body, py) VALUES ({rowid_new}, "
            f"promo_search_grams({s.name.format(r='NEW')}), {_body_sql(s, 'NEW')}, "
            f"promo_search_pinyin({s.name.format(r='NEW')}));"
        )
        delete = f"DELETE FROM {INDEX} WHERE rowid = {rowid_old};"
        watched = ", ".join(["id", *_columns_read(s)])
        # an insert deletes first: a drifted index may hold the id
        for op, of, body in (
            ("insert", f"INSERT ON main.{s.table}", delete.replace("OLD.", "NEW.") + " " + insert),
            ("update", f"UPDATE OF {watched} ON main.{s.table}", delete + " " + insert),
            ("delete", f"DELETE ON main.{s.table}", delete),
        ):
            statements.append(
                f'CREATE TEMP TRIGGER IF NOT EXISTS "{_TRIGGER_PREFIX}{s.table}_{op}" AFTER {of} BEGIN {body} END'
            )
    return statements


def insert_triggers(table: str) -> list[str]:
    """The names of this connection's triggers that index each row inserted into `table` (see promo.bulk)."""
    return [f"{_TRIGGER_PREFIX}{table}_insert"]


def index_rows(conn: sqlite3.Connection, table: str, ids: list[int]) -> None:
    """Index rows promo.bulk inserted, in two statements (their insert triggers stood aside)."""
    import json

    source = next((s for s in SOURCES if s.table == table), None)
    if source is None or not _index_exists(conn):
        return
    register_functions(conn)
    rowid = f"r.id * {_SLOTS} + {source.slot}"
    chosen = f"FROM main.{table} r WHERE r.id IN (SELECT value FROM json_each(?))"
    conn.execute(f"DELETE FROM main.{INDEX} WHERE rowid IN (SELECT {rowid} {chosen})", (json.dumps(ids),))
    conn.execute(
        f"INSERT INTO main.{INDEX} (rowid, name, body, py) SELECT {rowid}, "
        f"promo_search_grams({source.name.format(r='r')}), {_body_sql(source, 'r')}, "
        f"promo_search_pinyin({source.name.format(r='r')}) {chosen}",
        (json.dumps(ids),),
    )


def _index_exists(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("SELECT 1 FROM main.sqlite_master WHERE name = ?", (INDEX,)).fetchone())


def create(conn: sqlite3.Connection) -> None:
    """The index table (inside the caller's transaction)."""
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS main.{INDEX} USING fts5("
        "name, body, py, tokenize = 'unicode61 remove_diacritics 0')"
    )


def rebuild(conn: sqlite3.Connection) -> int:
    """Empty the index and fill it again from every list (inside the caller's transaction); returns rows."""
    create(conn)  # a dropped index comes back too
    conn.execute(f"DELETE FROM main.{INDEX}")
    total = 0
    for s in SOURCES:
        have = {r[1] for r in conn.execute(f"PRAGMA main.table_info({s.table})")}
        if not have:
            continue  # a snapshot without this list
        # a column left out of a snapshot (a credit code in public) is indexed as empty
        cols = ", ".join(f.format(r="r") if f[4:] in have else "NULL" for f in (s.name, *s.body))
        cursor = conn.execute(f"SELECT r.id, {cols} FROM main.{s.table} r")
        while batch := cursor.fetchmany(5000):
            conn.executemany(
                f"INSERT INTO main.{INDEX} (rowid, name, body, py) VALUES (?, ?, ?, ?)",
                [(r[0] * _SLOTS + s.slot, grams(r[1]), grams(*r[2:]), pinyin_grams(r[1])) for r in batch],
            )
            total += len(batch)
    conn.execute(f"INSERT INTO main.{INDEX} ({INDEX}) VALUES ('optimize')")
    return total


def reindex(conn: sqlite3.Connection) -> int:
    """Rebuild the index in its own write transaction (promo doctor --reindex, promo search --reindex)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        count = rebuild(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return count


def drift(conn: sqlite3.Connection) -> list[tuple[str, int, int]]:
    """Where the index is out of step with the lists: (table, records not indexed, index rows of no record);
    [("search_index", -1, -1)] when the index is missing."""
    if not _index_exists(conn):
        return [(INDEX, -1, -1)]
    out = []
    for s in SOURCES:
        if not conn.execute(
            "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?", (s.table,)
        ).fetchone():
            continue
        own = f"SELECT rowid FROM main.{INDEX} WHERE rowid % {_SLOTS} = {s.slot}"
        records = f"SELECT id * {_SLOTS} + {s.slot} FROM main.{s.table}"
        missing = conn.execute(f"SELECT count(*) FROM ({records} EXCEPT {own})").fetchone()[0]
        extra = conn.execute(f"SELECT count(*) FROM ({own} EXCEPT {records})").fetchone()[0]
        if missing or extra:
            out.append((s.table, missing, extra))
    return out
