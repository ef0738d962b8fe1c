"""Styles on a table's cells when colour is on: tones, search hits, unit status colours, sample marks dimmed."""

from __future__ import annotations

SGR = {"red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35", "dim": "2", "bold": "1"}
SGR.update({"reverse": "7", "black": "30", "on_green": "42", "on_yellow": "43", "on_blue": "44"})
SGR.update({"on_magenta": "45", "on_bright_black": "100", "on_red": "41"})
SAMPLE_MARK = "※"


def sgr(style: str) -> str:
    """An ANSI style ('red', 'bold reverse', 'black on_green') as its escape sequence."""
    return "\x1b[" + ";".join(SGR[s] for s in style.split() if s in SGR) + "m"


RESET = "\x1b[0m"


class Painter:
    """Puts styles on cells when colour is on; a no-op otherwise."""

    def __init__(self, on: bool):
        self.on = on

    def spans(self, column, row: dict, text: str) -> list[tuple[int, int, str]]:
        if not self.on:
            return []
        found = []
        if column.tone:
            tone = column.tone(row)
            if tone:
                found.append((0, len(text), tone))
        if column.marks:
            # search hits emphasised; a mark may carry its own style (a unit's status colour in the 租控表)
            found += [(m[0], m[1], m[2] if len(m) > 2 else "bold reverse") for m in row.get(column.marks) or ()]
        start = text.find(SAMPLE_MARK)
        while start >= 0:  # sample data marks dimmed wherever they appear
            found.append((start, start + 1, "dim"))
            start = text.find(SAMPLE_MARK, start + 1)
        return found

    def paint(self, text: str, start: int, end: int, spans) -> str:
        """text[start:end] with the spans that fall in it styled."""
        piece = text[start:end]
        if not spans or not piece:
            return piece
        out, at = [], start
        for s, e, style in sorted(spans):
            s, e = max(s, at), min(e, end)
            if s >= e:
                continue
            out.append(text[at:s])
            out.append(sgr(style) + text[s:e] + RESET)
            at = e
        out.append(text[at:end])
        return "".join(out)

    def line(self, text: str, style: str) -> str:
        return sgr(style) + text + RESET if self.on and text else text
