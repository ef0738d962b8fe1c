"""The one small exception hierarchy of promo's domain code.

Domain functions raise these; cli.py turns them into a message on stderr and an exit code
(2 for a bad value on the command line, 1 for data the catalogue rejects).
"""

from __future__ import annotations

import errno

from promo.i18n import N_, _


class PromoError(Exception):
    """A problem the user can fix; never shown with a traceback."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class BadValue(PromoError):
    """A command-line value that cannot be used (usage error, exit 2)."""

    exit_code = 2

    def __init__(self, field: str, value: object, why: str, hint: str | None = None):
        from promo.placeholders import placeholders  # STAGE → 阶段, as usage names the argument

        shown = f"{value:g}" if isinstance(value, float) else f"{value!s:.80}"
        named = placeholders(field)
        if shown:
            message = _("{field} {value}: {why}").format(field=named, value=shown, why=why)
        else:  # an empty cell or option: "举办时间: is empty", not "举办时间 : is empty"
            message = _("{field}: {why}").format(field=named, why=why)
        super().__init__(message, hint)
        self.shown = shown
        self.why = why
        self.field = field
        self.value = value


class NotFound(PromoError):
    """A named record that is not in the catalogue; carries close matches."""

    def __init__(self, what: str, name: str, suggestions: list[str] | None = None):
        self.suggestions = suggestions or []
        hint = None
        if self.suggestions:
            hint = _("did you mean {names}?").format(names=_(", ").join(self.suggestions))
        super().__init__(_("no {what} named {name!r} in the catalogue").format(what=what, name=name), hint)
        self.what = what
        self.name = name


class Ambiguous(PromoError):
    """A name that matches several records."""

    def __init__(self, what: str, name: str, candidates: list[str]):
        shown = _(", ").join(candidates[:8]) + (" …" if len(candidates) > 8 else "")
        super().__init__(
            _("{what} {name!r} matches {count} records: {names}").format(
                what=what, name=name, count=len(candidates), names=shown
            ),
            _("give more of the name"),
        )
        self.candidates = candidates


class Rejected(PromoError):
    """Data the catalogue refuses (duplicate, conflict, invariant); exit 1."""


class CatalogueError(PromoError):
    """The catalogue file itself cannot be used (not SQLite, newer schema, unreadable)."""


class Problems(PromoError):
    """Every problem found in one record (a command line, an import row), each on its own line, so an
    officer fixes them all at once; exit 2 when all are bad values, else 1."""

    def __init__(self, problems: list[PromoError]):
        self.problems = problems
        self.exit_code = 2 if all(isinstance(p, BadValue) for p in problems) else 1
        # a 'did you mean' belongs to its own line; other hints would repeat the same advice
        lines = [
            p.message + (_(" ({hint})").format(hint=p.hint) if isinstance(p, NotFound) and p.hint else "")
            for p in problems
        ]
        super().__init__("\n  ".join(lines), problems[0].hint if len(problems) == 1 else None)


def raise_all(problems: list[PromoError]) -> None:
    """Raise the one problem as it is, several as Problems; nothing when the list is empty."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise Problems(problems)


# the system's own words (strerror) are English whatever the screen's language: the usual ones in the reader's
_ERRORS = {
    errno.ENAMETOOLONG: N_("the file name is too long for the file system"),
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("no permission"),
    errno.EPERM: N_("no permission"),
    errno.EISDIR: N_("is a folder, not a file"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.EROFS: N_("the file system is read-only"),
    errno.ENOSPC: N_("no space left on the disk"),
}


def error_words(exc: OSError) -> str:
    """Why the system refused a file, in the reader's language where it is a usual reason."""
    words = _ERRORS.get(exc.errno)
    return _(words) if words else str(exc.strerror or exc)
