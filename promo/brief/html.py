"""The brief as one self-contained HTML page: CSS inline, charts as data: URIs, no script, nothing fetched.

It prints to A4 from any browser: each section starts a page, table rows and charts are not cut, and a
table's header row repeats on the next page. Every catalogue text is escaped, so data stays data.
"""

from __future__ import annotations

import base64
from html import escape

from promo.brief.document import Chart, Document, Facts, Heading, Items, Note, Paragraph, Table

CSS = """
@page { size: A4; margin: 18mm 16mm 20mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
       "Helvetica Neue", Arial, sans-serif; color: #1d2733; line-height: 1.6; margin: 0 auto; max-width: 60rem;
       padding: 2rem 1.5rem; font-size: 14px; }
header.cover { border-bottom: 3px solid #2f5d8a; margin-bottom: 1.5rem; padding-bottom: 1rem; }
h1 { font-size: 1.9rem; margin: 0 0 .3rem; color: #1f3f5f; }
.subtitle { color: #52606d; margin: 0; }
.banner { background: #fde8e8; border-left: 4px solid #c0392b; padding: .5rem .8rem; font-weight: bold; }
.notice { background: #f3f6f9; border-left: 4px solid #8aa1b6; padding: .4rem .8rem; color: #3e4c59; }
.salutation p { margin: .3rem 0; }
section { margin-top: 2rem; }
h2 { font-size: 1.35rem; color: #1f3f5f; border-bottom: 1px solid #d5dde5; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; color: #2f5d8a; margin-top: 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: 12px; margin: .6rem 0; }
th, td { border: 1px solid #cfd8e1; padding: .3rem .45rem; vertical-align: top; }
th { background: #e8eef4; text-align: left; }
td.num, th.num { text-align: right; white-space: nowrap; }
ul { padding-left: 1.3rem; }
.note { color: #52606d; font-size: 12px; font-style: italic; }
figure { margin: 1rem 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
footer { margin-top: 2rem; border-top: 1px solid #d5dde5; color: #52606d; font-size: 12px; padding-top: .5rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section { break-before: page; margin-top: 0; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, figure, li { break-inside: avoid; }
  table { font-size: 8.5pt; }
}
"""


def render(doc: Document, images: dict[str, bytes]) -> str:
    """The whole brief as one HTML page (UTF-8), ending with a newline."""
    lang = "zh-CN" if doc.lang == "zh" else "en"
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(doc.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<header class="cover">',
        f"<h1>{escape(doc.title)}</h1>",
        f'<p class="subtitle">{escape(doc.subtitle)}</p>',
        "</header>",
    ]
    if doc.banner:
        out.append(f'<p class="banner">{escape(doc.banner)}</p>')
    for text in (doc.as_of, doc.notice):
        if text:
            out.append(f'<p class="notice">{escape(text)}</p>')
    if doc.salutation:
        out.append('<div class="salutation">' + "".join(f"<p>{escape(x)}</p>" for x in doc.salutation) + "</div>")
    for section in doc.sections:
        out.append("<section>")
        out.append(f"<h2>{escape(section.title)}</h2>")
        for block in section.blocks:
            out.append(_block(block, images, doc.lang))
        out.append("</section>")
    out.append(f"<footer>{escape(doc.footer)}</footer>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _block(block, images: dict[str, bytes], lang: str) -> str:
    if isinstance(block, Heading):
        return f"<h3>{escape(block.text)}</h3>"
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Note):
        return f'<p class="note">{escape(block.text)}</p>'
    if isinstance(block, Facts):
        colon = "：" if lang == "zh" else ": "
        items = "".join(
            f"<li><strong>{escape(label)}{colon}</strong>{escape(value)}</li>" for label, value in block.items
        )
        return f"<ul>{items}</ul>"
    if isinstance(block, Items):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        png = images.get(block.name)
        if png is None:
            return ""
        data = base64.b64encode(png).decode("ascii")
        title = escape(block.title)
        return f'<figure><img src="data:image/png;base64,{data}" alt="{title}"></figure>'  # titled in the picture
    raise TypeError(f"unknown block {block!r}")


def _table(block: Table) -> str:
    def cls(i: int) -> str:
        return ' class="num"' if i < len(block.align) and block.align[i] == "right" else ""

    head = "".join(f"<th{cls(i)}>{escape(h)}</th>" for i, h in enumerate(block.headers))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{escape(v)}</td>" for i, v in enumerate(row)) + "</tr>" for row in block.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
