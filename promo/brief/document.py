"""A brief as plain blocks of text, before any format: renderers turn it into Markdown or chat text.

Every string in a block is plain text (no Markdown); renderers escape it, so catalogue text can never
become markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Heading:
    """A sub-heading inside a section."""

    text: str


@dataclass
class Paragraph:
    text: str


@dataclass
class Facts:
    """Label/value pairs: a bulleted list in Markdown, numbered lines in chat."""

    items: list[tuple[str, str]]


@dataclass
class Table:
    """A grid for Markdown, and the same rows as short lines for chat (chat has no tables)."""

    headers: list[str]
    rows: list[list[str]]
    align: list[str]
    chat: list[str] = field(default_factory=list)


@dataclass
class Items:
    items: list[str]


@dataclass
class Note:
    """A remark under a table or list (totals, what was left out, how figures were converted)."""

    text: str


@dataclass
class Chart:
    """A picture of figures the section states: bars per category, one list of values per series.

    Drawn by promo.brief.charts for docx, html and Markdown with --charts; chat text leaves it out.
    """

    name: str  # a file-name stem: occupancy, funnel, industries, quarters
    title: str
    categories: list[str]
    series: list[tuple[str, list[float | None]]]  # None: not known, drawn as `unknown` where its bar would be
    unit: str = ""
    horizontal: bool = False
    percent: bool = False  # values are shares (0–1), drawn as 0–100 %
    unknown: str = ""  # the word for a value not known (未填), so it is not read as a bar of 0
    note: str = ""  # a line under the chart: what its bars leave out


Block = Heading | Paragraph | Facts | Table | Items | Note | Chart


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    key: str = ""  # which section it is (carriers, tenants …), whatever its title


@dataclass
class Document:
    lang: str
    title: str
    subtitle: str
    banner: str | None = None  # the internal warning
    notice: str | None = None  # what ※ means, when sample data is shown
    as_of: str | None = None  # a brief dated before today: what it leaves out
    sections: list[Section] = field(default_factory=list)
    footer: str = ""
    salutation: list[str] = field(default_factory=list)  # a proposal's greeting to its reader, line by line
