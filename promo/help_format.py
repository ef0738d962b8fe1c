"""click's help laid out by terminal columns: Chinese characters take two, a line breaks between Chinese characters
or at spaces but never inside an English word, number or option name, and the frame's punctuation is the language's.

click measures and wraps help by len() and breaks a run without spaces anywhere (P/AGER); promo's commands use
this formatter through their Context (promo.i18n_click). Pure-ASCII paragraphs are still wrapped by click itself,
so English help is laid out exactly as click lays it out.
"""

from __future__ import annotations

import re

import click

from promo.i18n import _
from promo.placeholders import placeholders


class HelpFormatter(click.HelpFormatter):
    """click's HelpFormatter, measuring and wrapping by terminal columns."""

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None):
        from click import formatting

        from promo import screen

        if width is None and formatting.FORCED_WIDTH is None:
            # piped (`promo --help | less`), the terminal still on stderr knows the width the reader sees
            columns = screen.width()
            if columns:
                width = max(min(columns, max_width or 80) - 2, 50)
        super().__init__(indent_increment, width, max_width)
        self.measure = screen.Measure(_ambiguous())

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            word = _("Usage:")
            prefix = word if self.measure(word[-1:]) == 2 else word + " "  # 用法：promo, Usage: promo
        usage, args = f"{prefix:>{self.current_indent}}{prog}", placeholders(args)
        if not args:
            self.write(usage + "\n")
            return
        usage += " "
        room = self.width - self.current_indent
        if room >= self.measure(usage) + 20:
            self.write(self.wrap(args, room, usage, " " * self.measure(usage)))
        else:
            indent = " " * (max(self.current_indent, self.measure(prefix)) + 4)
            self.write(usage.rstrip() + "\n" + self.wrap(args, room, indent, indent))
        self.write("\n")

    def write_heading(self, heading: str) -> None:
        self.write(" " * self.current_indent + _("{heading}:").format(heading=heading) + "\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(self.wrap(text, self.width, indent, indent, paragraphs=True) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(placeholders(row[0]), *row[1:]) + ("",) * (2 - len(row)) for row in rows]
        if any(len(row) != 2 for row in rows):
            raise TypeError("Expected two columns for definition list")
        if self.width < 78:  # narrower than 80 columns: the texts get the room, long options take their own line
            col_max = min(col_max, max(self.width // 3, 16))
        first_col = min(max((self.measure(first) for first, _second in rows), default=0), col_max) + col_spacing
        margin = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(" " * self.current_indent + self._term(first))
            if not second:
                self.write("\n")
                continue
            if self.measure(first) <= first_col - col_spacing:
                self.write(" " * (first_col - self.measure(first)))
            else:
                self.write("\n" + margin)
            lines = self.wrap(second, max(self.width - first_col - 2, 10), paragraphs=True).splitlines()
            self.write("\n".join(lines[:1] + [margin + line if line else line for line in lines[1:]]) + "\n")

    def _term(self, first: str) -> str:
        """An option's column as it is, or, wider than the screen (a long [a|b|…] choice), broken after its bars."""
        room = self.width - self.current_indent
        if self.measure(first) <= room or "|" not in first:
            return first
        lines, line = [], ""
        for part in first.replace("|", "|\n").split("\n"):
            if line and self.measure(line + part) > room:
                lines.append(line)
                line = " " * (self.measure(first.split(" ")[0]) + 1)  # under the first choice
            line += part
        return ("\n" + " " * self.current_indent).join([*lines, line])

    def wrap(self, text: str, width: int, first: str = "", rest: str = "", paragraphs: bool = False) -> str:
        """click.formatting.wrap_text by columns: paragraphs kept (a \\b block as written), each line ≤ width."""
        if not paragraphs:
            return self._fill(" ".join(text.expandtabs().split("\n")), width, first, rest)
        out = []
        for indent, raw, para in _paragraphs(text.expandtabs(), self.measure):
            pad = " " * indent
            if raw:
                lines = [
                    line
                    for k, text in enumerate(_continued(para.split("\n")))
                    for line in self._command(text, width, (rest if k else first) + pad, rest + pad)
                ]
                out.append("\n".join(lines))
            else:
                out.append(self._fill(para, width, first + pad, rest + pad))
        return "\n\n".join(out)

    def _command(self, text: str, width: int, first: str, rest: str) -> list[str]:
        """A line kept as written (an example), or, wider than the screen, a command broken between its arguments
        (an option stays with its value), each line but the last ending in ` \\` as shells continue it; a note
        set off by two spaces after it (`promo init --force   (asks first)`) on a line of its own below."""
        if self.measure(first + text) <= width or not text.lstrip().startswith("promo "):
            return [first + text]
        lead = text[: len(text) - len(text.lstrip())]
        command, *note = re.split(r" {2,}", text.strip(), maxsplit=1)
        if note:
            below = self._fill(note[0], width, rest + lead + "    ", rest + lead + "    ").split("\n")
            return [*self._command(lead + command, width, first, rest), *below]
        lines, line = [], first + lead
        for arg in _arguments(command):
            joined = line + (" " if line.strip() else "") + arg
            if line.strip() and self.measure(joined + " \\") > width:
                lines.append(line + " \\")
                line = rest + lead + "    " + arg
            else:
                line = joined
        return [*lines, line]

    def _fill(self, text: str, width: int, first: str, rest: str) -> str:
        if text.isascii() and first.isascii() and rest.isascii():
            from click._textwrap import TextWrapper  # English is laid out exactly as click lays it out

            wrapper = TextWrapper(width, initial_indent=first, subsequent_indent=rest, replace_whitespace=False)
            return wrapper.fill(text)
        from promo.screen import wrap

        room = max(width - max(self.measure(first), self.measure(rest)), 1)
        lines = [text[s:e].strip() for s, e in wrap(text.strip(), room, self.measure)]
        return "\n".join((rest if i else first) + line for i, line in enumerate(lines))


def _continued(lines: list[str]) -> list[str]:
    """Lines kept as written, a command continued with a trailing backslash joined into one, laid out again."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].endswith(" \\") and out[-1].lstrip().startswith("promo "):
            out[-1] = out[-1][:-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


_ARGUMENT = re.compile(r"""(?:[^\s'"]+|'[^']*'|"[^"]*")+""")


def _arguments(command: str) -> list[str]:
    """A command line's arguments as a shell reads them (quotes kept), an option joined with the values after it."""
    out: list[str] = []
    for word in _ARGUMENT.findall(command):
        if out and out[-1].startswith("-") and not word.startswith("-"):
            out[-1] += " " + word
        else:
            out.append(word)
    return out


def _paragraphs(text: str, measure) -> list[tuple[int, bool, str]]:
    """click's paragraphs: (indent, kept as written, text); a paragraph's lines joined with a space, except
    between two Chinese characters, where Chinese puts none."""
    out: list[tuple[int, bool, str]] = []
    buf: list[str] = []
    indent = None

    def flush() -> None:
        if buf:
            if buf[0].strip() == "\b":
                out.append((indent or 0, True, "\n".join(buf[1:])))
            else:
                joined = buf[0]
                for line in buf[1:]:
                    wide = measure(joined[-1:]) == 2 and measure(line[:1]) == 2
                    joined += line if wide else " " + line
                out.append((indent or 0, False, joined))
            buf.clear()

    for line in text.splitlines():
        if not line:
            flush()
            indent = None
            continue
        if indent is None:
            stripped = line.lstrip()
            indent, line = len(line) - len(stripped), stripped
        buf.append(line)
    flush()
    return out


def _ambiguous() -> int:
    from promo.errors import PromoError
    from promo.screen import ambiguous_width

    try:
        return ambiguous_width()
    except PromoError:  # a wrong PROMO_AMBIGUOUS_WIDTH is reported by the command itself, not by its help
        return 1


class Context(click.Context):
    formatter_class = HelpFormatter


class Option(click.Option):
    """An option whose default is shown as its type words it: a choice of officers' words in the user's language
    ([默认：表格] on a Chinese screen, [default: table] in English); other defaults as click shows them."""

    def get_help_extra(self, ctx: click.Context):
        extra = super().get_help_extra(ctx)
        label = getattr(self.type, "label", None)
        if "default" in extra and label is not None and isinstance(self.default, str):
            extra["default"] = label(self.default)
        return extra


class Argument(click.Argument):
    """An argument named in errors as usage shows it (缺少参数 '名称')."""

    def get_error_hint(self, ctx: click.Context) -> str:
        return f"'{placeholders(self.make_metavar(ctx))}'"
