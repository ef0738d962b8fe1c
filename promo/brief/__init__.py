"""The promotion brief: gather content from the catalogue, compose it in one language, render it.

text = make_brief(conn, Request(date="2026-11-23", lang="en", audience="public"))
"""

from __future__ import annotations

import sqlite3

from promo.brief.request import Request

FORMATS = ("markdown", "wechat")

__all__ = ["FORMATS", "Request", "make_brief"]


def make_brief(conn: sqlite3.Connection, req: Request) -> str:
    """The whole brief as text (Markdown or chat), built in memory before anything is written."""
    from promo.brief.compose import compose
    from promo.brief.content import gather

    doc = compose(gather(conn, req))
    if req.fmt == "wechat":
        from promo.brief.chat import render
    else:
        from promo.brief.markdown import render
    return render(doc)
