"""The promotion brief: gather content from the catalogue, compose it in one language, render it.

brief = make_brief(conn, Request(date="2026-11-23", lang="en", audience="public"))
brief.content  # Markdown or chat text (str), an HTML page (str), or a .docx file (bytes)
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from promo.brief.request import FORMATS, Request

__all__ = ["FORMATS", "Brief", "Request", "compose_brief", "make_brief"]


@dataclass
class Brief:
    content: str | bytes
    images: dict[str, bytes] = field(default_factory=dict)  # file name → PNG, to write beside a Markdown brief
    sections: int = 0
    charts: int = 0


def compose_brief(conn: sqlite3.Connection, req: Request):
    """The brief's Document (promo.brief.document), which every format renders; with req.charts, its charts."""
    from promo.brief.compose import compose
    from promo.brief.content import gather

    data = gather(conn, req)
    if req.internal and req.scope != "prospect":
        from promo.brief.sections import after_signing

        data["after_signing"] = after_signing.gather(conn, req)
    if req.publish_counts:
        from promo.brief.sections import after_signing

        data["after_signing_counts"] = after_signing.gather_counts(conn, req)
    if req.charts:
        from promo.brief.chartdata import gather_charts

        data["charts"] = gather_charts(conn, req, data["scope"], data.get("industry"))
    return compose(data)


def make_brief(conn: sqlite3.Connection, req: Request, *, chart_links: dict[str, str] | None = None) -> Brief:
    """The whole brief, built in memory before anything is written. With req.charts, a Markdown brief links
    its charts as chart_links[name] (a path) and returns them in Brief.images under the same paths."""
    doc = compose_brief(conn, req)
    images = {}
    if req.charts and req.fmt != "wechat":
        from promo.brief.charts import draw
        from promo.brief.document import Chart

        images = {b.name: draw(b) for s in doc.sections for b in s.blocks if isinstance(b, Chart)}
    counts = {"sections": len(doc.sections), "charts": len(images)}
    if req.fmt == "wechat":
        from promo.brief.chat import render

        return Brief(render(doc), **counts)
    if req.fmt == "docx":
        from promo.brief.docx import render

        return Brief(render(doc, images, req.date), **counts)
    if req.fmt == "html":
        from promo.brief.html import render

        return Brief(render(doc, images), **counts)
    from promo.brief.markdown import render

    links = {name: (chart_links or {}).get(name, f"{name}.png") for name in images}
    return Brief(render(doc, links), {links[name]: png for name, png in images.items()}, **counts)
