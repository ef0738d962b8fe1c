"""promo search: one query across every list, through the search index, grouped by list and best first."""

from __future__ import annotations

import sqlite3

from promo.errors import BadValue, CatalogueError
from promo.i18n import _
from promo.search_index import BY_SLOT, INDEX, LISTS, SOURCES, bigrams, key_chars
from promo.vocabulary import LEADS, label, shown, sql_in

LIST_LABELS = {
    "zone": "园区",
    "carriers": "载体",
    "units": "单元",
    "enterprises": "企业",
    "policies": "政策",
    "platforms": "平台",
    "scenarios": "场景",
    "targets": "目标企业",
    "chain": "产业链",
}
MAX_QUERY = 200
MAX_SCANNED = 5_000  # enterprises brought in by a matched industry, at most


def parse_lists(values: tuple[str, ...] | list[str]) -> list[str]:
    """--in values (English keys or Chinese labels, comma-separated allowed) as list keys."""
    by_label = {v: k for k, v in LIST_LABELS.items()} | {k: k for k in LIST_LABELS} | {"产业": "chain"}
    out = []
    for value in values:
        for part in str(value).replace("，", ",").split(","):
            key = by_label.get(part.strip().lower()) or by_label.get(part.strip())
            if key is None:
                choices = ", ".join(f"{k} ({v})" for k, v in LIST_LABELS.items())
                raise BadValue("--in", part, _("is not a list; use one of {choices}").format(choices=choices))
            out.append(key)
    return list(dict.fromkeys(out))


def query_key(text: str) -> str:
    """The folded letters and digits of a query; one character or punctuation only is refused."""
    if text is None or not text.strip():
        raise BadValue("TEXT", repr(text or ""), _("is empty; give at least two characters, e.g. 眼科"))
    key = key_chars(text)
    if not key:
        raise BadValue("TEXT", text, _("has no letters or digits to search for; give at least two, e.g. 眼科"))
    if len(key) > MAX_QUERY:
        raise BadValue(
            "TEXT",
            text[:40] + "…",
            _("is too long to search for (at most {limit} letters and digits)").format(limit=MAX_QUERY),
        )
    if len(key) < 2:
        raise BadValue(
            "TEXT", text, _("is one character; give at least two (e.g. 眼科, 器械) so the result means something")
        )
    return key


def _match_expression(key: str) -> str:
    # tokens are letters and digits only, so quoting them as one phrase is safe
    return '"' + " ".join(bigrams(key)) + '"'


def search(
    conn: sqlite3.Connection,
    text: str,
    *,
    lists: list[str] | None = None,
    public: bool = False,
    limit: int | None = 10,
) -> dict:
    """Hits per list, best first: {"key", "groups": [{"list", "label", "total", "hits": [...]}, ...]}."""
    key = query_key(text)
    if not conn.execute("SELECT 1 FROM main.sqlite_master WHERE name = ?", (INDEX,)).fetchone():
        raise CatalogueError(
            _("this catalogue has no search index"),
            _("build it with: {command}").format(command="promo search --reindex"),
        )

    lists = lists or list(LISTS)
    if public:
        # whom the office is pursuing is as confidential as a lead: the target list stays inside
        lists = [name for name in lists if name != "targets"]
    slots = [s.slot for s in SOURCES if s.list in lists]
    hidden = ""
    if public:
        # a lead's name is not public until it signs; the filter runs in SQL so counts and limits agree
        hidden = (
            f" AND NOT (rowid % 16 = {_slot('enterprises')} AND rowid / 16 IN "
            f"(SELECT id FROM main.enterprises WHERE stage IN {sql_in(LEADS)}))"
        )
    match = _match_expression(key)
    # counting needs no ranking: it is cheap even when a common pair matches a million units
    counts = dict(
        conn.execute(
            f"SELECT rowid % 16, count(*) FROM main.{INDEX} WHERE {INDEX} MATCH ? "
            f"AND rowid % 16 IN ({','.join(map(str, slots))}){hidden} GROUP BY 1",
            (match,),
        ).fetchall()
    )
    # the best by score are read in full and re-ordered (an exact name is among them); -1: no LIMIT
    keep = max(limit * 5, 50) if limit else -1
    per_list: dict[str, list[tuple[int, int, float]]] = {}
    totals: dict[str, int] = {}
    for slot, count in counts.items():
        # name hits weigh most, pinyin next, other text least; bm25 is lower-is-better
        ranked = conn.execute(
            f"SELECT rowid, bm25({INDEX}, 10.0, 1.0, 4.0) AS score FROM main.{INDEX} "
            f"WHERE {INDEX} MATCH ? AND rowid % 16 = {int(slot)}{hidden} ORDER BY score LIMIT {keep}",
            (match,),
        ).fetchall()
        source = BY_SLOT[slot]
        per_list.setdefault(source.list, []).extend((slot, rowid // 16, score) for rowid, score in ranked)
        totals[source.list] = totals.get(source.list, 0) + count
    truncated = set()
    if "enterprises" in lists:
        industries = [rid for slot, rid, _ in per_list.get("chain", []) if slot == _slot("industries")]
        members = _chain_members(conn, industries, public)
        found = {rid for _, rid, _ in per_list.get("enterprises", [])}
        chained = [(_slot("enterprises"), rid, 0.0) for rid in members if rid not in found]
        if chained:
            per_list.setdefault("enterprises", []).extend(chained[:keep] if limit else chained)
            totals["enterprises"] = totals.get("enterprises", 0) + len(chained)
            if len(members) >= MAX_SCANNED:
                truncated.add("enterprises")
    groups = []
    for name, found in per_list.items():
        hits = _describe(conn, found, key, public)
        # an exact name first, then a name that starts with the query, then by score
        hits.sort(key=lambda h: (h["name_key"] != key, not h["name_key"].startswith(key), h["score"]))
        groups.append(
            {
                "list": name,
                "label": LIST_LABELS[name],
                "total": totals[name],
                "truncated": name in truncated,
                "hits": hits[:limit],
            }
        )
    groups.sort(key=lambda g: (g["hits"][0]["name_key"] != key, g["hits"][0]["score"], LISTS.index(g["list"])))
    return {"key": key, "groups": groups}


def _slot(table: str) -> int:
    return next(s.slot for s in SOURCES if s.table == table)


def _chain_members(conn: sqlite3.Connection, industry_ids: list[int], public: bool) -> list[int]:
    """Enterprises on the matched industries or anywhere below them: what "the 眼科 chain" holds."""
    from promo.industries import descendants

    below = sorted({d for i in industry_ids for d in descendants(conn, i)})
    if not below:
        return []
    hidden = f" AND stage NOT IN {sql_in(LEADS)}" if public else ""
    sql = f"""SELECT id FROM enterprises WHERE industry_id IN ({",".join(map(str, below))}){hidden}
              ORDER BY id LIMIT {MAX_SCANNED}"""
    return [r[0] for r in conn.execute(sql)]


_DETAIL_SQL = {
    "zone": "SELECT id, name, '园区' AS detail, name_en, location AS extra FROM zone WHERE id IN ({ids})",
    "carriers": "SELECT id, name, kind AS detail, name_en, description AS extra FROM carriers WHERE id IN ({ids})",
    "units": """SELECT u.id, c.name || ' ' || u.code AS name, u.status AS detail, u.code AS name_en,
                   u.building AS extra FROM units u JOIN carriers c ON c.id = u.carrier_id WHERE u.id IN ({ids})""",
    "enterprises": "SELECT id, name, stage AS detail, name_en, uscc AS extra, (SELECT name FROM industries "
    "WHERE id = industry_id) AS chain FROM enterprises WHERE id IN ({ids})",
    "policies": "SELECT id, name, issuer AS detail, name_en, description AS extra FROM policies WHERE id IN ({ids})",
    "platforms": "SELECT id, name, level AS detail, name_en, description AS extra FROM platforms WHERE id IN ({ids})",
    "scenarios": "SELECT id, title AS name, owner AS detail, NULL AS name_en, need AS extra FROM scenarios "
    "WHERE id IN ({ids})",
    "targets": "SELECT id, name, status AS detail, NULL AS name_en, reason AS extra FROM targets WHERE id IN ({ids})",
    "industries": "SELECT id, name, level AS detail, name_en, NULL AS extra FROM industries WHERE id IN ({ids})",
    "clusters": "SELECT id, name, 'cluster' AS detail, name_en, description AS extra FROM clusters WHERE id IN ({ids})",
}
# what the detail column says for each table's coded value
_DETAIL_KIND = {"carriers": "carrier_kind", "units": "unit_status", "platforms": "policy_level", "enterprises": "stage"}
_DETAIL_KIND |= {"industries": "industry_level", "clusters": "industry_level", "targets": "target_status"}


def _describe(conn: sqlite3.Connection, found: list[tuple[int, int, float]], key: str, public: bool) -> list[dict]:
    """The shown fields of each hit, with where the query matched (name, other text or pinyin)."""
    by_slot: dict[int, list[int]] = {}
    for slot, record_id, _score in found:
        by_slot.setdefault(slot, []).append(record_id)
    score = {(slot, rid): s for slot, rid, s in found}
    hits = []
    for slot, ids in by_slot.items():
        source = next(s for s in SOURCES if s.slot == slot)
        sql = _DETAIL_SQL[source.table].format(ids=",".join(str(int(i)) for i in ids))
        for r in conn.execute(sql):
            code, kind = r["detail"], _DETAIL_KIND.get(source.table)
            # detail (JSON and CSV) is one value in every language: the Chinese label, or a target's status code;
            # detail_shown (the table) is in the user's language
            detail = code if kind is None or source.table == "targets" else label(kind, code)
            detail_shown = shown(kind, code) if kind else code
            name_key = key_chars(r["name"] if source.table != "units" else r["name_en"])
            matched, snippet, marks = _where(key, r, name_key)
            if public and source.table == "enterprises":
                snippet = None if matched != "名称" else snippet
            hits.append(
                {
                    "list": source.list,
                    "table": source.table,
                    "id": r["id"],
                    "name": r["name"],
                    "detail": detail or "",
                    "detail_shown": detail_shown or "",
                    "matched": matched,
                    "snippet": snippet,
                    "marks": marks,
                    "score": round(score[(slot, r["id"])], 4),
                    "name_key": name_key,
                }
            )
    return hits


def _where(key: str, row: sqlite3.Row, name_key: str) -> tuple[str, str | None, list[tuple[int, int]]]:
    name = row["name"] or ""
    spans = highlight(name, key)
    if spans:
        return "名称", None, spans
    for field in ("name_en", "extra"):
        text = row[field]
        if text and (spans := highlight(text, key)):
            return "其他", excerpt(text, spans[0]), []
    if key in name_key:
        return "名称", None, []
    if "chain" in row.keys() and row["chain"] is not None:
        return "产业链", row["chain"], []  # brought in by its industry, not by its own text
    return "拼音", None, []


def highlight(text: str, key: str) -> list[tuple[int, int]]:
    """Spans of `text` whose folded letters and digits spell `key` (what a terminal shows emphasised)."""
    from promo.text import fold

    chars, where = [], []
    for i, ch in enumerate(text):
        for f in fold(ch):
            if f.isalnum():
                chars.append(f)
                where.append(i)
    folded = "".join(chars)
    spans, start = [], folded.find(key)
    while start >= 0:
        spans.append((where[start], where[start + len(key) - 1] + 1))
        start = folded.find(key, start + len(key))
    return spans


def excerpt(text: str, span: tuple[int, int], width: int = 24) -> str:
    """A short piece of a long text around a match, with … where it was cut."""
    start, end = max(span[0] - width // 2, 0), min(span[1] + width // 2, len(text))
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")
