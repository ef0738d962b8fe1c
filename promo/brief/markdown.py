"""The brief as Markdown: pipe tables through tabulate, every text escaped so data stays data."""

from __future__ import annotations

import re

from promo.brief.document import Chart, Document, Facts, Heading, Items, Note, Paragraph, Table
from promo.render import md_escape

# Escaped text still starts a list, a numbered list, a rule or a setext underline when it opens a line.
_LEADING_MARKER = re.compile(r"^(?:([-+=])|(\d{1,9})([.)])(?=\s|$))")


def md_text(text, *, line_start: bool = False) -> str:
    """Plain text made inert in Markdown: promo.render.md_escape, and where the text opens a line (or a list
    item, or a quote) a leading list, rule or underline marker escaped too."""
    s = md_escape(text)
    if not line_start:
        return s
    return _LEADING_MARKER.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], s)


def table(block: Table) -> str:
    """A pipe table (GitHub/CommonMark-extension), column alignment marked; cells escaped."""
    from tabulate import tabulate

    return tabulate(
        [[md_text(cell) for cell in row] for row in block.rows],
        headers=[md_text(h) for h in block.headers],
        tablefmt="pipe",
        colalign=block.align,
        disable_numparse=True,
    )


def _block(block, links: dict[str, str]) -> list[str]:
    if isinstance(block, Chart):
        link = links.get(block.name)
        # the link is a file path; <…> keeps spaces in it, and the alt text is escaped like any text
        return [f"![{md_text(block.title)}](<{link}>)"] if link else []
    if isinstance(block, Heading):
        return [f"### {md_text(block.text)}"]
    if isinstance(block, Paragraph | Note):
        return [md_text(block.text, line_start=True)]
    if isinstance(block, Facts):
        return [f"- **{md_text(label)}**{_colon(label)}{md_text(value)}" for label, value in block.items]
    if isinstance(block, Items):
        return [f"- {md_text(item, line_start=True)}" for item in block.items]
    if isinstance(block, Table):
        return table(block).splitlines()
    raise TypeError(f"unknown block {block!r}")


def _colon(label: str) -> str:
    return ": " if label.isascii() else "："


def render(doc: Document, links: dict[str, str] | None = None) -> str:
    """The whole brief as one Markdown document, ending with a newline; charts as images at links[name]."""
    out = [f"# {md_text(doc.title)}", "", md_text(doc.subtitle, line_start=True), ""]
    if doc.banner:
        out += [f"> **{md_text(doc.banner)}**", ""]
    if doc.as_of:
        out += [f"> {md_text(doc.as_of, line_start=True)}", ""]
    if doc.notice:
        out += [f"> {md_text(doc.notice, line_start=True)}", ""]
    for line in doc.salutation:
        out += [md_text(line, line_start=True), ""]
    for section in doc.sections:
        out += [f"## {md_text(section.title)}", ""]
        for block in section.blocks:
            lines = _block(block, links or {})
            out += lines + [""] if lines else []
    out += ["---", "", md_text(doc.footer, line_start=True)]
    return "\n".join(line.rstrip() for line in out).rstrip() + "\n"
