"""The message catalogue's tools (Babel): extract marked texts, add them to the .po files, check, compile.

    python -m promo.i18n_catalog update   # add every new message to its area's .po file (msgstr to fill in),
                                          # drop the entries whose message left the source; the rest stay put
    python -m promo.i18n_catalog check    # what lacks a translation, is fuzzy, lost a placeholder, is unmarked
                                          # or is stale (no longer in the source)

Not imported at run time except to compile the catalogue on first use (see promo.i18n).
"""

from __future__ import annotations

import ast
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from promo.i18n import PO_DIR, help_key, usable

PACKAGE = Path(__file__).resolve().parent

# Modules whose messages are not yet marked: neither extracted nor linted. Shrinks to empty; remove a module
# once its messages are wrapped and translated (docs/i18n.md).
UNCONVERTED = {
    "render_csv.py",
}

# which .po file a module's new messages go to, by its path under promo/ (first match); click's own: click.po
AREAS = [
    ("commands/", "commands.po"),
    ("cli.py", "commands.po"),
    ("i18n_click.py", "commands.po"),
    ("help_format.py", "commands.po"),
    ("placeholders.py", "commands.po"),
    ("views", "commands.po"),
    ("render", "commands.po"),
    ("terminal.py", "commands.po"),
    ("journal", "journal.po"),
    ("revert.py", "journal.po"),
    ("redo.py", "journal.po"),
    ("summary", "journal.po"),
    ("io/", "io.po"),
    ("brief/", "brief.po"),
    ("web/", "web.po"),
]
DEFAULT_AREA = "domain.po"
CLICK_AREA = "click.po"

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
HELP_KEYWORDS = {"help", "short_help", "epilog"}
COLUMN_CALLS = {"Column", "C"}  # render.Column(key, header, …): headers are translated where they are shown
SHOWN_KEYWORDS = {"title", "caption", "empty"}  # texts render translates; a literal must be marked or plain
# classes whose message arguments the user reads: name → (positional indexes, keyword names)
MESSAGE_ARGS = {
    "PromoError": ((0, 1), {"message", "hint"}),
    "Rejected": ((0, 1), {"message", "hint"}),
    "CatalogueError": ((0, 1), {"message", "hint"}),
    "BadValue": ((2, 3), {"why", "hint"}),
    "NotFound": ((0,), {"what"}),
    "Ambiguous": ((0,), {"what"}),
    "ClickException": ((0,), {"message"}),
    "UsageError": ((0,), {"message"}),
    "BadParameter": ((0,), {"message"}),
    "BadOptionUsage": ((1,), {"message"}),
    "BadArgumentUsage": ((0,), {"message"}),
    "FileError": ((), {"hint"}),
    "_PromoClickError": ((0,), {"message"}),
}
SAYERS = {"echo", "secho", "say", "confirm", "prompt", "fail", "warn"}


@dataclass(frozen=True)
class Message:
    """One text to translate: a msgid (or a singular/plural pair) and where it was found."""

    id: str | tuple[str, str]
    path: str
    lineno: int


def converted_modules(root: Path = PACKAGE) -> list[Path]:
    """promo's modules whose messages are marked (every module not in UNCONVERTED)."""
    out = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("i18n") or rel.split("/")[0] in UNCONVERTED or rel in UNCONVERTED:
            continue
        out.append(path)
    return out


def area_of(rel: str) -> str:
    """The .po file (by name) that holds the messages of promo/<rel>."""
    return next((po for prefix, po in AREAS if rel.startswith(prefix)), DEFAULT_AREA)


def _decorator_names(fn: ast.AST) -> Iterator[str]:
    for dec in getattr(fn, "decorator_list", []):
        node = dec.func if isinstance(dec, ast.Call) else dec
        if isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, ast.Name):
            yield node.id


def extract_file(path: Path, rel: str) -> list[Message]:
    """Every message of one module: `_`, `N_`, `ngettext` (with Babel), command docstrings and help= literals."""
    from babel.messages.extract import extract

    found = []
    with open(path, "rb") as fp:
        for lineno, message, _comments, _context in extract("python", fp, keywords=KEYWORDS):
            if isinstance(message, tuple):
                message = tuple(message[:2])
            found.append(Message(message, rel, lineno))
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(n in ("command", "group") for n in _decorator_names(node)):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                found.append(Message(help_key(doc), rel, node.lineno))
        elif isinstance(node, ast.Call):
            header = node.args[1] if _name(node.func) in COLUMN_CALLS and len(node.args) > 1 else None
            # an English header is a message; a Chinese-only one (not yet converted) is shown as it is
            if isinstance(header, ast.Constant) and isinstance(header.value, str) and _english(header.value):
                found.append(Message(header.value, rel, node.lineno))
            if _name(node.func) == "View":  # a declared listing: its title and empty text are shown translated
                for kw in node.keywords:
                    if kw.arg in SHOWN_KEYWORDS and isinstance(kw.value, ast.Constant) and _english(kw.value.value):
                        found.append(Message(kw.value.value, rel, kw.value.lineno))
            for kw in node.keywords:
                if kw.arg in HELP_KEYWORDS and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    if kw.value.value.strip():
                        found.append(Message(help_key(kw.value.value), rel, kw.value.lineno))
    return found


def extract_promo(root: Path = PACKAGE) -> list[Message]:
    """Every message of promo's converted modules."""
    out = []
    for path in converted_modules(root):
        out.extend(extract_file(path, path.relative_to(root).as_posix()))
    return out


def extract_click() -> list[Message]:
    """click's own texts (Usage:, Error:, No such option …), from the installed click."""
    import click
    from babel.messages.extract import extract

    out = []
    folder = Path(click.__file__).parent
    for path in sorted(folder.glob("*.py")):
        with open(path, "rb") as fp:
            for lineno, message, _c, _ctx in extract("python", fp, keywords={"_": None, "ngettext": (1, 2)}):
                if isinstance(message, tuple):
                    message = tuple(message[:2])
                out.append(Message(message, f"click/{path.name}", lineno))
    return out


def read_catalogues(po_dir: str = PO_DIR) -> dict[str, object]:
    """Each area's .po file, read with Babel: file name → babel Catalog."""
    from babel.messages.pofile import read_po

    out = {}
    for name in sorted(os.listdir(po_dir)):
        if name.endswith(".po"):
            with open(os.path.join(po_dir, name), "rb") as fp:
                out[name] = read_po(fp, locale="zh_CN", abort_invalid=True)
    return out


PLACEHOLDER = re.compile(r"\{[^{}\s]*\}|%(?:\([A-Za-z_]\w*\))?[sdifr]")


def placeholders(text: str) -> list[str]:
    """The {name} and %s placeholders of a text, sorted (they must survive translation)."""
    return sorted(PLACEHOLDER.findall(text))


def problems(messages: list[Message], po_dir: str = PO_DIR) -> list[str]:
    """Each message without a usable Chinese translation, one line each (empty when all are translated)."""
    catalogues = read_catalogues(po_dir)
    out, seen = [], set()
    for m in messages:
        if m.id in seen:
            continue
        seen.add(m.id)
        entries = [c[m.id] for c in catalogues.values() if m.id in c]
        singular = m.id[0] if isinstance(m.id, tuple) else m.id
        where = f"{m.path}:{m.lineno}: {singular!r}"
        good = [e for e in entries if usable(e)]
        if not good:
            fuzzy = any(e.fuzzy for e in entries)
            out.append(f"{where}: {'fuzzy' if fuzzy else 'no Chinese translation'}")
            continue
        strings = good[0].string if isinstance(good[0].string, (tuple, list)) else (good[0].string,)
        for s in strings:
            if isinstance(m.id, tuple):  # one Chinese form serves both: it may use either form's placeholders
                lost = set(placeholders(s)) - set(placeholders(m.id[0]) + placeholders(m.id[1]))
                if lost or not placeholders(s) and placeholders(m.id[1]):
                    out.append(f"{where}: placeholders of {m.id} became {placeholders(s)}")
            elif placeholders(s) != placeholders(singular):
                out.append(f"{where}: placeholders {placeholders(singular)} became {placeholders(s)}")
        if len({str(e.string) for e in good}) > 1:
            out.append(f"{where}: translated differently in two .po files")
    return out


def _is_text(node: ast.AST) -> bool:
    """A literal the user would read: a string with letters, an f-string, or one built from them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_is_text(v) for v in node.values)
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
        return _is_text(node.func.value)
    return False


def _english(text) -> bool:
    return isinstance(text, str) and any(ch.isascii() and ch.isalpha() for ch in text)


def _name(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def unmarked(path: Path, rel: str) -> list[str]:
    """The user-facing texts of one module that translation cannot reach, one line each."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        where = f"{rel}:{node.lineno}"
        if name in KEYWORDS and node.args and not isinstance(node.args[0], ast.Constant):
            if not isinstance(node.args[0], (ast.Name, ast.Attribute, ast.Subscript)):
                out.append(f"{where}: {name}() of a built text cannot be extracted; put the variable parts in {{}}")
        for kw in node.keywords:
            if kw.arg in HELP_KEYWORDS:
                if isinstance(kw.value, ast.Call) and _name(kw.value.func) == "_":
                    out.append(f"{where}: {kw.arg}=_(…) is translated at import; write the literal (or N_)")
                elif not isinstance(kw.value, (ast.Constant, ast.Name, ast.Attribute, ast.Call)) or (
                    isinstance(kw.value, ast.Call) and _is_text(kw.value)
                ):
                    out.append(f"{where}: {kw.arg}= must be a plain literal to be extracted")
        if name in COLUMN_CALLS and len(node.args) > 1 and isinstance(node.args[1], ast.JoinedStr):
            out.append(f"{where}: a column header must be a plain literal to be extracted")
        for kw in node.keywords if name != "View" else ():
            if kw.arg in SHOWN_KEYWORDS and _is_text(kw.value):
                out.append(f"{where}: {kw.arg}= of an unmarked text")
        if name in SAYERS:
            args = list(node.args[:1]) + [kw.value for kw in node.keywords if kw.arg in ("message", "text")]
            out.extend(f"{where}: {name}() of an unmarked text" for a in args if _is_text(a))
        elif name in MESSAGE_ARGS:
            positions, keywords = MESSAGE_ARGS[name]
            args = [node.args[i] for i in positions if i < len(node.args)]
            args += [kw.value for kw in node.keywords if kw.arg in keywords]
            out.extend(f"{where}: {name}() with an unmarked message" for a in args if _is_text(a))
    return out


def lint(root: Path = PACKAGE) -> list[str]:
    """Every unmarked user-facing text in promo's converted modules."""
    out = []
    for path in converted_modules(root):
        out.extend(unmarked(path, path.relative_to(root).as_posix()))
    return out


# msgids translated from a variable, which extraction cannot see: click's help marks a required option with
# _(extra["required"]) ([必填])
RUNTIME = {"required"}


def stale(messages: list[Message], po_dir: str = PO_DIR) -> list[str]:
    """Each .po entry whose msgid no longer occurs in the source, one line each: update drops them."""
    ids = {m.id for m in messages} | RUNTIME
    out = []
    for name, catalogue in read_catalogues(po_dir).items():
        for entry in catalogue:
            if entry.id and entry.id not in ids:
                singular = entry.id[0] if isinstance(entry.id, tuple) else entry.id
                out.append(f"{name}: {singular[:70]!r}: no longer in the source (python -m promo.i18n_catalog update)")
    return out


def update(po_dir: str = PO_DIR, messages: list[Message] | None = None) -> dict[str, tuple[int, int]]:
    """Bring the .po files up to the source: every extracted message missing from all of them is appended to its
    area's file, every entry whose msgid left the source is dropped; the other entries keep their place, so the
    diff shows only what changed. Returns file → (added, dropped), for the files written."""
    from babel.messages.catalog import Catalog

    messages = extract_promo() + extract_click() if messages is None else messages
    ids = {m.id for m in messages} | RUNTIME
    catalogues = read_catalogues(po_dir)
    changed: dict[str, list[int]] = {}
    for area, catalogue in catalogues.items():
        gone = [entry.id for entry in catalogue if entry.id and entry.id not in ids]
        for msgid in gone:
            del catalogue[msgid]
        if gone:
            changed.setdefault(area, [0, 0])[1] = len(gone)
    known = {m.id for c in catalogues.values() for m in c if m.id}
    for m in messages:  # in the order of the source: modules by path, messages by line
        if m.id in known:
            continue
        known.add(m.id)
        area = CLICK_AREA if m.path.startswith("click/") else area_of(m.path)
        if area not in catalogues:
            catalogues[area] = Catalog(locale="zh_CN", domain="promo", project="promo", charset="utf-8")
        catalogues[area].add(m.id, locations=[(m.path, None)])
        changed.setdefault(area, [0, 0])[0] += 1
    for area in changed:
        write_catalogue(catalogues[area], os.path.join(po_dir, area))
    return {area: (added, dropped) for area, (added, dropped) in changed.items()}


def write_catalogue(catalogue, path: str) -> None:
    """Write a .po file the way the repository keeps them: entries in their order, unwrapped, without line
    numbers (reading and writing an unchanged file gives it back byte for byte)."""
    from babel.messages.pofile import write_po

    with open(path, "wb") as fp:
        write_po(fp, catalogue, width=0, sort_output=False, include_lineno=False, omit_header=False)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        for area, (added, dropped) in update().items():
            print(f"{area}: {added} new message(s) to translate, {dropped} no longer in the source dropped")
        return 0
    if command == "check":
        messages = extract_promo() + extract_click()
        found = problems(messages) + stale(messages) + lint()
        print("\n".join(found) or "every message is marked and translated")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
