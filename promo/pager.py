"""A listing taller than the screen goes through the user's pager, as git does: PROMO_PAGER, else PAGER, else less
(with LESS=FRSX unless LESS is set); never when output is not a terminal, nor with --no-pager (`promo --no-pager`
or after a listing), nor when the pager is set to '' or cat. From its first table on, the whole rest of the
command's output goes through the one pager: title, table, caption and the notes printed after it."""

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
        if (getattr(self.stream, "encoding", None) or "").lower().replace("-", "") == "utf8":
            # less reads its charset from the locale: where zh_CN.UTF-8 is named but not installed, it shows
            # every Chinese character as <E7><A9><BA>; promo writes UTF-8 whatever the locale says
            env.setdefault("LESSCHARSET", "utf-8")
        self.stream.flush()
        try:
            if not _runnable(self.pager):  # the shell would only say "not found", and the listing would be lost
                raise FileNotFoundError(self.pager)
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


def _runnable(pager: str) -> bool:
    """Whether the pager's program (the first word of PROMO_PAGER / PAGER) can be found and run."""
    import shlex
    import shutil

    try:
        words = shlex.split(pager)
    except ValueError:  # an unclosed quote: let the shell say what it makes of it
        return True
    return bool(words) and ("=" in words[0] or shutil.which(words[0]) is not None)


def output(stream=None) -> Output:
    """Where a table for people goes: `stream` (stdout), paged when it is a terminal and the output is tall."""
    from promo import screen

    stream = stream or sys.stdout
    if isinstance(stream, _Paged):
        return _Shared(stream.output())
    return Output(stream, command(stream), screen.height(stream))


_KEY = "promo.pager"


def begin() -> None:
    """From here to the end of the running command, stdout on a terminal goes to one pager (chosen at the first
    write, when every option is known): a listing's title, table, caption and the notes printed after it."""
    import click

    from promo import screen

    ctx = click.get_current_context(silent=True)
    if ctx is None or isinstance(sys.stdout, _Paged) or not screen.is_terminal(sys.stdout):
        return
    meta = ctx.meta
    meta[_KEY] = sys.stdout = _Paged(sys.stdout)
    ctx.find_root().call_on_close(lambda: finish(meta))


def finish(meta: dict) -> None:
    """End the command's paged output, if any: stdout back, then what was held written or the pager waited for."""
    paged = meta.pop(_KEY, None)
    if paged is None:
        return
    if sys.stdout is paged:
        sys.stdout = paged.real
    if paged.out is not None:
        paged.out.close()


class _Shared:
    """The command's pager as one table's output: writes go to it; closing it is the command's business."""

    def __init__(self, out: Output):
        self.out = out

    @property
    def closed(self) -> bool:
        return self.out.closed

    def write(self, text: str) -> None:
        self.out.write(text)

    def close(self) -> None:
        pass

    def __enter__(self) -> _Shared:
        return self

    def __exit__(self, *exc) -> None:
        pass


class _Paged:
    """sys.stdout while a command's output may be paged: text for its pager; the terminal's size and encoding."""

    def __init__(self, real):
        self.real = real
        self.out: Output | None = None
        self.encoding = getattr(real, "encoding", None) or "utf-8"
        self.errors = getattr(real, "errors", None) or "strict"

    def output(self) -> Output:
        if self.out is None:
            from promo import screen

            self.out = Output(self.real, command(self.real), screen.height(self.real))
        return self.out

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click tells text streams from binary ones by writing b""
            raise TypeError("write() argument must be str")
        self.output().write(text)
        return len(text)

    def flush(self) -> None:
        if self.out is not None and self.out.pager is None:
            self.real.flush()  # not paged after all: as written

    def isatty(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.real.fileno()
