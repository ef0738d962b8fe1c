"""The Datasette plugin promo registers in-process: promo's search key as an SQL function for the search page."""

from __future__ import annotations

from datasette import hookimpl

# a bigram no folded text contains (private-use characters): an empty or one-character query finds nothing
NOTHING = '"\ue000\ue000"'


def promo_match(query: str | None) -> str:
    """The FTS5 expression `promo search` uses for `query`: its folded letters and digits as a bigram phrase."""
    from promo.search_index import bigrams, key_chars

    key = key_chars(query or "")
    if len(key) < 2:
        return NOTHING
    return '"' + " ".join(bigrams(key)) + '"'


@hookimpl
def prepare_connection(conn):
    conn.create_function("promo_match", 1, promo_match, deterministic=True)
