"""A table taller than the screen goes through the user's pager, as git does: PROMO_PAGER, else PAGER, else less
(with LESS=FRSX unless LESS is set); never when output is not a terminal, nor with --no-pager."""

from __future__ import annotations

import os
import sys


def command(stream=None) -> str | None:
    """The pager to use for `stream`, or None: not a terminal, --no-pager, or a pager set to '' or cat."""
    from promo import screen

    stream = stream or sys.stdout
    if not screen.is_terminal(stream) or os.environ.get("TERM") == "dumb" or _refused():
        return None
    chosen = os.environ.get("PROMO_PAGER")
    if chosen is None:
        chosen = os.environ.get("PAGER", "less")
    chosen = chosen.strip()
    return None if chosen in ("", "cat") else chosen


def _refused() -> bool:
    import click

    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.meta.get("promo.no_pager"))


def refuse(ctx, param, value) -> None:
    """click callback of --no-pager."""
    if value:
        ctx.meta["promo.no_pager"] = True


class Output:
    """Lines for `stream`, held back until they pass a screenful; then the pager is started and given them, and
    every later line. `closed` turns true when the reader quits the pager: the writer can stop early."""

    def __init__(self, stream, pager: str | None, lines: int):
        self.stream = stream
        self.pager = pager
        self.room = max(lines - 1, 1)  # the last line is the shell's prompt
        self.held: list[str] = []
        self.count = 0
        self.proc = None
        self.closed = False

    def write(self, text: str) -> None:
        if self.closed:
            return
        if self.proc is not None:
            self._to_pager(text)
        elif self.pager is None:
            self.stream.write(text)
        else:
            self.held.append(text)
            self.count += text.count("\n")
            if self.count > self.room:
                self._start()

    def _start(self) -> None:
        import subprocess

        env = dict(os.environ)
        env.setdefault("LESS", "FRSX")  # quit if one screen, colours, chop long lines, keep the screen
        env.setdefault("LV", "-c")
        self.stream.flush()
        try:
            self.proc = subprocess.Popen(self.pager, shell=True, stdin=subprocess.PIPE, env=env)
        except OSError:  # no such pager: print as if there were none
            self.pager = None
            self.stream.write("".join(self.held))
            self.held = []
            return
        held, self.held = "".join(self.held), []
        self._to_pager(held)

    def _to_pager(self, text: str) -> None:
        encoding = getattr(self.stream, "encoding", None) or "utf-8"
        try:
            self.proc.stdin.write(text.encode(encoding, errors="replace"))
        except (BrokenPipeError, OSError):
            self.closed = True  # the reader quit the pager: nothing more to show

    def close(self) -> None:
        """Write what was held back (it fitted a screen), or let the pager finish."""
        if self.proc is None:
            if self.held:
                self.stream.write("".join(self.held))
                self.held = []
            return
        try:
            self.proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass
        while True:
            try:
                self.proc.wait()
                return
            except KeyboardInterrupt:  # Ctrl-C reaches the pager too; leave the terminal to it until it ends
                continue

    def __enter__(self) -> Output:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def output(stream=None) -> Output:
    """Where a table for people goes: `stream` (stdout), paged when it is a terminal and the table is tall."""
    from promo import screen

    stream = stream or sys.stdout
    return Output(stream, command(stream), screen.height(stream))
