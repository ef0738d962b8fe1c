"""Journal summaries kept as a message and its values, worded in the reader's language when they are shown.

A writer returns `note(N_("move {name} {old_stage} → {new_stage}"), name=…, old_stage=…, new_stage=…)`;
promo.db.change stores the English message and the values as JSON, and `promo log` words them with gettext and
the vocabulary when read, so what a Chinese session wrote reads in English for an English reader. A value's
kind follows from its placeholder's name (KINDS): a stage code is worded as a stage, `fields` as field labels
(`-column`: that field was cleared).
"""

from __future__ import annotations

import json
import re

from promo.i18n import N_, language, translations

_NONE = N_("none")
_DAYS = N_("{n:,} days")
_CLEARED = N_("{field} cleared")

# placeholder → how its value is worded: a kind of promo.vocabulary.LABELS, or fields / days / what (a summary)
KINDS = {
    "stage": "stage",
    "old_stage": "stage",
    "new_stage": "stage",
    "activity": "activity_kind",
    "unit_status": "unit_status",
    "service_status": "service_status",
    "scenario_status": "scenario_status",
    "milestone": "milestone",
    "deal": "deal_kind",
    "level": "chain_level",
    "negative": "negative_kind",
    "scope": "ledger_scope",
    "fields": "fields",
    "days": "days",
    "what": "what",
}


class Summary(str):
    """A summary: its English text (what str() gives, stored for scripts) with the message and values behind it."""

    msg: str
    args: dict

    def __new__(cls, msg: str, args: dict) -> Summary:
        self = super().__new__(cls, word(msg, args, "en"))
        self.msg, self.args = msg, args
        return self


def note(msg: str, **args) -> Summary:
    """A journal summary from an English message (marked with N_) and its values (codes, not labels)."""
    return Summary(msg, args)


def nested(msg: str | None, args: str | dict | None, text: str | None) -> dict:
    """A stored summary as a value of another (`undo #5: {what}`): its message and values, else its text."""
    if isinstance(args, str):
        args = json.loads(args)
    return {"msg": msg, "args": args or {}} if msg else {"text": text or ""}


def word(msg: str, args: dict, lang: str | None = None) -> str:
    """The summary in `lang` (the reader's language by default), filled as plain text when the message and
    the values no longer fit together (a message changed since the entry was written)."""
    lang = lang or language()
    values = {k: _value(k, v, lang) for k, v in args.items()} if isinstance(args, dict) else {}
    text = translations(lang).gettext(msg)
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError, TypeError):
        # each placeholder filled as plain text where a value is there, left as it is where none is
        return re.sub(r"\{(\w+)(?::[^{}]*)?\}", lambda m: str(values.get(m[1], m[0])), text)


def _value(key: str, value, lang: str):
    kind = KINDS.get(key.rstrip("0123456789"))
    if isinstance(value, list):
        return _joiner(lang).join(str(_value(key, v, lang)) for v in value)
    if isinstance(value, dict) and "en" in value:  # a name in both languages (a list of the import)
        return value.get(lang) or value["en"]
    if kind == "what" and isinstance(value, dict):
        return word(value["msg"], value.get("args") or {}, lang) if value.get("msg") else value.get("text", "")
    if value is None or value == "":
        return translations(lang).gettext(_NONE)
    if kind == "fields":  # a stored column; "-column" one that was cleared
        from promo.field_labels import label

        if str(value).startswith("-"):
            return translations(lang).gettext(_CLEARED).format(field=label(str(value)[1:], lang=lang))
        return label(str(value), lang=lang)
    if kind == "days":
        return translations(lang).gettext(_DAYS).format(n=value) if isinstance(value, int) else str(value)
    if kind and kind != "what":
        return _coded(kind, value, lang)
    return value


def store(conn, journal_id: int, summary: str) -> None:
    """Record an entry's summary: the English text, and for a Summary its message and values."""
    msg, args = (
        (summary.msg, json.dumps(summary.args, ensure_ascii=False)) if isinstance(summary, Summary) else (None, None)
    )
    conn.execute(
        "UPDATE journal SET summary = ?, summary_msg = ?, summary_args = ? WHERE id = ?",
        (str(summary), msg, args, journal_id),
    )


def _coded(kind: str, value, lang: str) -> str:
    from promo.vocabulary import LABELS, by_label, label

    code = value
    if value not in LABELS[kind]:  # an older entry stored the label, not the code
        exact = [c for c, pair in LABELS[kind].items() if value in pair]
        if exact:
            code = exact[0]
        else:
            from promo.text import fold

            code = by_label(kind).get(fold(str(value)), value)
    return label(kind, code, lang)


def _joiner(lang: str) -> str:
    return "、" if lang == "zh" else ", "
