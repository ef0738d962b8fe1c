"""The brief as plain text for pasting into a chat (WeChat): no tables, no markup, short numbered lines."""

from __future__ import annotations

from promo.brief.document import Chart, Document, Facts, Heading, Items, Note, Paragraph, Table
from promo.brief.texts import t

# A chat message is read on a phone: each list is cut to its first lines, and says how many were left out.
MAX_LINES = 10


def _lines(block, lang: str) -> list[str]:
    colon = "：" if lang == "zh" else ": "
    if isinstance(block, Chart):
        return []  # a chat message carries no pictures
    if isinstance(block, Heading):
        return [block.text + ("：" if lang == "zh" else ":")]
    if isinstance(block, Paragraph | Note):
        return [block.text]
    if isinstance(block, Facts):
        items = [f"{label}{colon}{value}" for label, value in block.items]
    elif isinstance(block, Items):
        items = list(block.items)
    elif isinstance(block, Table):
        items = list(block.chat)
    else:
        raise TypeError(f"unknown block {block!r}")
    lines = [f"{i}. {item}" for i, item in enumerate(items[:MAX_LINES], 1)]
    if len(items) > MAX_LINES:
        lines.append(t("more.rows", lang, n=len(items) - MAX_LINES))
    return lines


def render(doc: Document) -> str:
    """The whole brief as chat text, sections separated by blank lines, ending with a newline."""
    out = [f"【{doc.title}】" if doc.lang == "zh" else doc.title, doc.subtitle]
    if doc.banner:
        out.append(f"【{doc.banner}】" if doc.lang == "zh" else f"[{doc.banner}]")
    if doc.as_of:
        out.append(doc.as_of)
    if doc.notice:
        out.append(doc.notice)
    if doc.salutation:
        out += ["", *doc.salutation]
    for section in doc.sections:
        out += ["", section.title]
        for block in section.blocks:
            out += _lines(block, doc.lang)
    out += ["", doc.footer]
    return "\n".join(line.rstrip() for line in out) + "\n"
