"""A field an import would change, in the officer's words: the list's own column name and unit in the user's
language (投资额 7,000 → 6,500 万元 / investment 7,000 → 6,500 (10k CNY)), never the internal key."""

from __future__ import annotations

import re

from promo.i18n import N_, _, language
from promo.io.headers import Field
from promo.measures import trim
from promo.vocabulary import LABELS, shown

# a header's unit, written after the name in brackets: 投资额(万元), investment (10k CNY)
_UNIT = re.compile(r"\s*[(（]([^()（）]+)[)）]\s*$")
# what an adapter compares beyond the list's columns
_NOT_COLUMNS = {"claim": N_("首报首谈 claim")}
_NUMBERS = ("money", "int", "num")


def header(field: Field | None, key: str) -> str:
    """The list's column header in the user's language: 投资额(万元), investment (10k CNY)."""
    if field is None:
        return _(_NOT_COLUMNS[key]) if key in _NOT_COLUMNS else key
    return field.zh if language() == "zh" else field.en


def field_name(field: Field | None, key: str) -> tuple[str, str]:
    """A field's name and unit in the user's language, from the list's column header: ('投资额', '万元')."""
    header_ = header(field, key)
    unit = _UNIT.search(header_)
    return (header_[: unit.start()], unit[1]) if unit else (header_, "")


def value_text(field: Field | None, key: str, value) -> str:
    """A value as the officer reads it: thousands separators, a coded value by its label, — for nothing."""
    if value is None or value == "":
        return "—"
    kind = field.kind if field else "text"
    if kind in _NUMBERS and not isinstance(value, bool):
        try:
            return trim(float(str(value).replace(",", "")))
        except ValueError:  # a figure as typed (1.2亿) is shown as typed
            return str(value)
    if kind == "choice" and key in LABELS:
        return shown(key, str(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def change_text(fields: dict[str, Field], key: str, old, new) -> str:
    """One changed field: 投资额 7,000 → 6,500 万元; in English the unit stays bracketed, as in the header."""
    field = fields.get(key)
    name, unit = field_name(field, key)
    text = f"{name} {value_text(field, key, old)} → {value_text(field, key, new)}"
    if not unit or new in (None, ""):
        return text
    return f"{text} {unit}" if language() == "zh" else f"{text} ({unit})"


def differs_text(fields: dict[str, Field], key: str, first, second) -> str:
    """A field two rows of one file give differently, named by its header: 投资额(万元)：7,000 与 6,500."""
    field = fields.get(key)
    return _("{field}: {first} vs {second}").format(
        field=header(field, key),
        first=value_text(field, key, first),
        second=value_text(field, key, second),
    )
