"""A journal entry's summary as the reader reads it; those written before summaries were kept as a message and
values (schema 14) are read back into one.

An older entry holds only its text: the English of a writer's f-string, or for the enterprise writers the
text in the writer's language. Each old form is matched here and worded again with today's message, so
`promo log` reads in the reader's language; a text no form matches is shown as it was stored.
"""

from __future__ import annotations

import re
from functools import lru_cache

from promo.i18n import N_, translations


def shown(text: str | None, msg: str | None, args: str | None, lang: str | None = None) -> str:
    """A journal entry's summary as the reader reads it: worded from its message, else an older entry's text
    read back by its old form, else the text as it was stored."""
    import json

    from promo.summary import word

    if msg:
        try:
            return word(msg, json.loads(args or "{}"), lang)
        except json.JSONDecodeError:
            return text or ""
    found = parse(text or "")
    return word(found[0], found[1], lang) if found else text or ""


# the old form (frozen: what promo wrote before) → today's message, and values the old form left implicit
LEGACY: list[tuple[str, str, dict]] = [
    ("undo #{id}: {what}", "undo #{id}: {what}", {}),
    ("redo #{id}: {what}", "redo #{id}: {what}", {}),
    (
        "import {added} new, {changed} changed ({lists}) from {path}",
        "import {added:,} new, {changed:,} changed ({lists}) from {path}",
        {},
    ),
    ("add carrier {name}", "add carrier {name}", {}),
    ("update carrier {name}", "update carrier {name}", {}),
    ("remove carrier {name}", "remove carrier {name}", {}),
    ("add platform {name}", "add platform {name}", {}),
    ("update platform {name}", "update platform {name}", {}),
    ("remove platform {name}", "remove platform {name}", {}),
    ("add unit {carrier}/{code}", "add unit {carrier}/{code}", {}),
    ("update unit {carrier}/{code}", "update unit {carrier}/{code}", {}),
    ("remove unit {carrier}/{code}", "remove unit {carrier}/{code}", {}),
    ("unit {carrier}/{code} → {unit_status}", "unit {carrier}/{code} → {unit_status}", {}),
    ("add criterion {name}", "add criterion {name}", {}),
    ("update criterion {name}", "update criterion {name}", {}),
    ("remove criterion {name}", "remove criterion {name}", {}),
    ("add {negative} item {item}", "add {negative} item {item}", {}),
    ("remove {negative} item {item}", "remove {negative} item {item}", {}),
    ("exception {name}: {criterion} (一事一议)", "exception {name}: {criterion} (case by case)", {}),
    ("withdraw exception {name}: {criterion}", "withdraw exception {name}: {criterion}", {}),
    ("add policy {name}", "add policy {name}", {}),
    ("update policy {name}", "update policy {name}", {}),
    ("expire policy {name} on {date}", "expire policy {name} on {date}", {}),
    ("remove policy {name}", "remove policy {name}", {}),
    ("zone set {fields}", "zone set {fields}", {}),
    ("add {level} {name}", "add {level} {name}", {}),
    ("rename {level} {name} → {new_name}", "rename {level} {name} → {new_name}", {}),
    ("move {level} {name} → {parent}", "move {level} {name} → {parent}", {}),
    ("remove {level} {name}", "remove {level} {name}", {}),
    ("scenario #{id}: {fields}", "scenario #{id}: {fields}", {}),
    ("scenario #{id} {scenario_status}", "scenario #{id} → {scenario_status}", {}),
    ("scenario {title} ({owner})", "add scenario {title} ({owner})", {}),
    ("ledger targets {year} Q{quarter} zone", "ledger targets {year} Q{quarter}: {scope}", {"scope": "zone"}),
    ("ledger targets {year} zone", "ledger targets {year}: {scope}", {"scope": "zone"}),
    ("ledger targets {year} Q{quarter} {scope} {whom}", "ledger targets {year} Q{quarter}: {scope} {whom}", {}),
    ("ledger targets {year} {scope} {whom}", "ledger targets {year}: {scope} {whom}", {}),
    ("target {name} on {link}", "add target {name} on {link}", {}),
    ("update target {name}: {fields}", "update target {name}: {fields}", {}),
    ("promote target {name} to {stage}", "promote target {name} to {stage}", {}),
    ("drop target {name}", "drop target {name}", {}),
    ("department {name}", "add department {name}", {}),
    ("service path every project: {item}", "service path of every project: {item}", {}),
    ("service path {industry}: {item}", "service path of {industry}: {item}", {}),
    ("services apply {name}: {n} added", "service path applied to {name}: {n:,} added", {}),
    ("service {name}: {item} ({department})", "service {name}: {item} ({department})", {}),
    ("service {name} {item} → {service_status}", "service {name} {item} → {service_status}", {}),
    ("needs of {name}", "needs of {name}", {}),
    ("signed {name} {date}", "signed {name} {date}", {}),
    ("event {name} updated", "update event {name}", {}),
    ("event {event}: {name} ({deal})", "event {event}: {name} ({deal})", {}),
    ("event {event}: {name}", "update deal {event}: {name}", {}),
    ("event {name} ({date})", "add event {name} ({date})", {}),
    ("coordination #{id} closed ({name}: {issue})", "coordination #{id} solved ({name}: {issue})", {}),
    ("coordination #{id} updated ({name}: {issue})", "update coordination #{id} ({name}: {issue})", {}),
    ("coordination {name}: {issue}", "coordination {name}: {issue}", {}),
    ("deadline {stage} → {days}", "deadline of {stage} → {days}", {}),
    ("purge {name}", "purge {name}", {}),
    # the enterprise writers worded these at write time, in the writer's language: matched in both
    (N_("update {name}: {changes}"), "update {name}: {fields}", {}),
    (N_("move {name} {old} → {new}"), "move {name} {old_stage} → {new_stage}", {}),
    (N_("log {kind} {name}"), "log {activity} {name}", {}),
    (N_("add {name} ({stage})"), "add {name} ({stage})", {}),
    (N_("remove {name}"), "remove {name}", {}),
]
_TRANSLATED = LEGACY[-5:]
_RENAMED = {"changes": "fields", "old": "old_stage", "new": "new_stage", "kind": "activity"}
_NUMBERS = {"id", "n", "added", "changed", "year", "quarter"}


def parse(text: str) -> tuple[str, dict] | None:
    """(today's message, values) for an older entry's summary text, or None when no old form matches."""
    from promo.summary import KINDS

    for pattern, msg, extra in _patterns():
        found = pattern.fullmatch(text)
        if not found:
            continue
        args = dict(extra)
        for key, value in found.groupdict().items():
            key = _RENAMED.get(key, key)
            kind = KINDS.get(key)
            if key in _NUMBERS:
                args[key] = int(value.replace(",", ""))
            elif kind == "what":
                inner = parse(value)
                args[key] = {"msg": inner[0], "args": inner[1]} if inner else {"text": value}
            elif kind == "fields":
                args[key] = [_column(v) for v in re.split(r", |、|，", value) if v]
            elif kind == "days":
                digits = re.sub(r"\D", "", value)
                args[key] = int(digits) if digits else None
            elif kind and not _known(kind, value):
                break  # not this form: the value is no code of its kind (add carrier X is not add {level} X)
            else:
                args[key] = value
        else:
            return msg, args
    return None


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern, str, dict]]:
    out = []
    for old, msg, extra in LEGACY:
        out.append((_regex(old), msg, extra))
        if (old, msg, extra) in _TRANSLATED:
            out.append((_regex(translations("zh").gettext(old)), msg, extra))
    return out


def _regex(form: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)(?::[^}]*)?\}", form)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(rf"(?P<{part}>[\d,]+)" if part in _NUMBERS else rf"(?P<{part}>.+?)")
        else:
            out.append(re.escape(part))
    return re.compile("".join(out), re.S)


def _known(kind: str, value: str) -> bool:
    from promo.text import fold
    from promo.vocabulary import LABELS, by_label

    # exact codes and labels first: folding loads OpenCC, which costs more than reading the whole log
    if value in LABELS[kind] or any(value in pair for pair in LABELS[kind].values()):
        return True
    return fold(value) in by_label(kind)


@lru_cache(maxsize=1)
def _columns_by_label() -> dict[str, str]:
    from promo.field_labels import FIELDS

    out = {}
    for column, (english, _kind) in FIELDS.items():
        out.setdefault(translations("zh").gettext(english), column)
        out.setdefault(english, column)
    return out


def _column(text: str) -> str:
    """A field an older summary named by its label (in either language) or its column: the column."""
    from promo.field_labels import FIELDS

    return text if text in FIELDS else _columns_by_label().get(text, text)
