"""The interface language: `_("English text")` gives the text in the user's language (Chinese by default).

Mark every message the user sees: `_("no carrier named {name}").format(name=name)`, `ngettext(one, many, n)`,
and `N_("…")` for a text translated later (a table of help texts). Command docstrings and `help=` literals are
found without marking and translated when help is shown. How to add a translation: docs/i18n.md.

Language: PROMO_LANG (en… → English, anything else → Chinese); when it is unset, the first of LC_ALL,
LC_MESSAGES, LANG that is set (en… → English, anything else → Chinese); Chinese when none is set.
"""

from __future__ import annotations

import gettext
import os
import sys
import zlib

PO_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale", "zh_CN", "LC_MESSAGES")
_translations: dict[str, gettext.NullTranslations] = {}


def language() -> str:
    """'en' or 'zh', read from the environment on every call (tests and scripts switch it per run)."""
    chosen = os.environ.get("PROMO_LANG", "").strip()
    if not chosen:
        for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
            chosen = os.environ.get(var, "").strip()
            if chosen:
                break
    return "en" if chosen.lower().startswith("en") else "zh"


def translations(lang: str | None = None) -> gettext.NullTranslations:
    """The catalogue of a language ('en' is the English text in the source itself)."""
    lang = lang or language()
    found = _translations.get(lang)
    if found is None:
        found = gettext.NullTranslations() if lang == "en" else _load_chinese()
        _translations[lang] = found
    return found


def _(message: str) -> str:
    """The message in the user's language."""
    return translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for n, in the user's language."""
    return translations().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a text for translation without translating it yet (it is passed to `_` where it is shown)."""
    return message


def help_key(text: str) -> str:
    """A docstring or help= text as click shows it, and as the catalogue knows it: cleaned, up to a form feed."""
    import inspect  # already loaded by click

    return inspect.cleandoc(text).partition("\f")[0]


def bind_click() -> None:
    """Have click's own texts (Usage:, Options:, Error:, No such option …) come from promo's catalogue."""
    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if getattr(module, "_", None) is gettext.gettext:
                module._ = _
            if getattr(module, "ngettext", None) is gettext.ngettext:
                module.ngettext = ngettext


def cache_dir() -> str:
    """Where the compiled catalogue is kept: the platform's per-user cache folder."""
    if os.environ.get("XDG_CACHE_HOME"):
        base = os.environ["XDG_CACHE_HOME"]
    elif sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~")
    elif sys.platform == "darwin":
        base = os.path.expanduser("~/Library/Caches")
    else:
        base = os.path.expanduser("~/.cache")
    return os.path.join(base, "promo")


def compiled_name(po_dir: str = PO_DIR) -> tuple[str, list[str]]:
    """The compiled catalogue's file name for the .po files as they are now, and those files.

    The name changes whenever a .po file is added, removed or edited, so a stale compilation is never read."""
    stamp, files = [], []
    for entry in sorted(os.scandir(po_dir), key=lambda e: e.name):
        if entry.name.endswith(".po"):
            st = entry.stat()
            files.append(entry.path)
            stamp.append(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    key = zlib.crc32(("|".join(stamp) + "|" + po_dir).encode("utf-8"))
    return f"zh_CN-{zlib.crc32(po_dir.encode('utf-8')):08x}-{key:08x}.mo", files


def _load_chinese() -> gettext.NullTranslations:
    try:
        name, files = compiled_name()
    except OSError:  # an install without its locale folder: the English text is still right
        return gettext.NullTranslations()
    path = os.path.join(cache_dir(), name)
    try:
        with open(path, "rb") as fp:
            return gettext.GNUTranslations(fp)
    except Exception:  # missing, or damaged (truncated by a full disk): compile it again
        pass
    import io

    data = compile_files(files)
    store(data, path)  # best effort: a read-only home only costs a compilation per run
    return gettext.GNUTranslations(io.BytesIO(data))


def compile_files(files: list[str]) -> bytes:
    """One .mo catalogue from several .po files (the first translation of a message wins)."""
    from io import BytesIO

    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    merged = Catalog(locale="zh_CN", domain="promo", charset="utf-8")
    for name in files:
        with open(name, "rb") as fp:
            for msg in read_po(fp, locale="zh_CN"):
                if msg.id and usable(msg) and msg.id not in merged:
                    merged.add(msg.id, msg.string)
    buf = BytesIO()
    write_mo(buf, merged, use_fuzzy=False)
    return buf.getvalue()


def store(data: bytes, path: str) -> None:
    """Write the compiled catalogue atomically (concurrent first runs each write a whole file, the last
    rename wins) and remove earlier compilations of the same folder; a read-only place is not an error."""
    import tempfile

    folder, name = os.path.split(path)
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".mo")
        with os.fdopen(fd, "wb") as fp:
            fp.write(data)
        os.replace(tmp, path)
    except OSError:
        return
    prefix = name.rsplit("-", 1)[0] + "-"
    for other in os.listdir(folder):
        if other.startswith(prefix) and other != name:
            try:
                os.remove(os.path.join(folder, other))
            except OSError:  # in use on Windows, or removed by a concurrent run
                pass


def usable(msg) -> bool:
    if msg.fuzzy:
        return False
    strings = msg.string if isinstance(msg.string, (tuple, list)) else (msg.string,)
    return bool(strings) and all(s for s in strings)
