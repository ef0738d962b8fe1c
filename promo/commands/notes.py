"""A listing followed by notes (totals, sample-data marks, legends) that stay separate lines in Markdown."""

from __future__ import annotations


def render_with_notes(
    rows: list[dict],
    columns: list,
    fmt: str,
    *,
    title: str | None = None,
    notes: list[str] | None = None,
    empty: str = "nothing matches",
) -> None:
    """promo.render.render with its caption given as lines; in Markdown each note is its own paragraph.

    render() writes a Markdown caption as one escaped paragraph, which runs a legend and a sample-data
    mark together; a table for people keeps the lines under the table as they are.
    """
    from promo.render import md_escape, render

    notes = [n for n in (notes or []) if n]
    if fmt != "markdown":
        render(rows, columns, fmt, title=title, caption="\n".join(notes) or None, empty=empty)
        return
    render(rows, columns, fmt, title=title, empty=empty)
    for note in notes:
        print("\n" + md_escape(note))
