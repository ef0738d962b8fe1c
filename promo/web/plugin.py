"""The Datasette plugin promo registers in-process: promo's search key as an SQL function for the search page, and
error pages that call a bad parameter a bad request."""

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


@hookimpl
def handle_exception(datasette, request, exception):
    """Every error page (promo serve puts this handler in the place of Datasette's, which it calls): a failure
    caused by the page's own query parameters (?_sort=no_such_column, ?_through=not-json, ?_timelimit=abc) is
    the visitor's bad request, 400 naming them, not a 500 with a traceback on the officer's console."""
    from datasette import Response
    from datasette.handle_exception import handle_exception as shown

    why = _bad_parameters(request, exception)
    if why is None:
        return shown(datasette, request, exception)

    async def bad_request():
        info = {"ok": False, "error": why, "status": 400, "title": None}
        if request.path.endswith(".json"):
            return Response.json(info, status=400)
        return Response.html(await datasette.render_template(["400.html", "error.html"], info, request), status=400)

    return bad_request


def _bad_parameters(request, exception) -> str | None:
    """What is wrong, when the request's parameters caused `exception`; None for anything else (a page asked
    without parameters fails for a reason of its own, and Datasette's own 4xx errors stay as they are)."""
    from datasette.utils.asgi import Base400
    from datasette.views.base import DatasetteError

    if isinstance(exception, Base400) or not request.query_string:
        return None
    if isinstance(exception, DatasetteError) and exception.status != 500:
        return None
    if not isinstance(exception, (DatasetteError, ValueError, KeyError, TypeError, IndexError)):
        return None
    return f"Bad parameters ({request.query_string[:200]}): {exception}"
