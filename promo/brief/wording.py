"""Wording a brief's values in one language: fixed texts, names, terms, coded values, dates, money, sample marks.

Catalogue text passes through Wording.v() (one line, no control characters, and in a public brief no
phone numbers, e-mail addresses, WeChat or QQ ids hidden in free text: promo.brief.redact); the office's
own contact is the exception, in its section and wherever a description quotes it.
"""

from __future__ import annotations

import re
import unicodedata

from promo.brief import numbers as num
from promo.brief.redact import redact
from promo.brief.texts import SEEDED_EN, UNIT_EN, coded, t
from promo.countries import english_name
from promo.vocabulary import label as coded_label

SAMPLE_MARK = "※"

_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}  # control, format (incl. bidi overrides), line/paragraph separators


def one_line(text) -> str:
    """Catalogue text as one line: whitespace collapsed, control and bidi-format characters removed."""
    if text is None:
        return ""
    s = "".join(" " if unicodedata.category(ch) in _INVISIBLE else ch for ch in str(text))
    return " ".join(s.split())


_TRANSLITERATION = re.compile(r"\s*[(（]\s*(?:transliterat\w*|translit\.?|音译)\s*[)）]", re.IGNORECASE)


class Wording:
    """The request's language and audience, and how each kind of value is worded in it; section builders
    (promo.brief.sections) take one and return Sections."""

    def __init__(self, data: dict):
        self.data = data
        self.req = data["request"]
        self.lang = self.req.lang
        self.public = not self.req.internal
        self.sample_seen = False
        self.rate = data.get("usd_rate")
        zone = data.get("zone") or {}
        self.office_contact = tuple(str(zone[k]) for k in ("office_phone", "office_email") if zone.get(k))

    def t(self, key: str, **values) -> str:
        return t(key, self.lang, **values)

    def v(self, text) -> str:
        """A catalogue value made safe to show."""
        s = one_line(text)
        if self.public and s:
            s = redact(s, self.t("redacted"), keep=self.office_contact)
        return s

    def mark(self, text: str, sample) -> str:
        if sample:
            self.sample_seen = True
            return f"{text} {SAMPLE_MARK}" if text else SAMPLE_MARK
        return text

    def name(self, zh, en=None, sample=0) -> str:
        """A proper name: Chinese, and in English briefs the English name after it where there is one (without
        a note such as "(transliteration)", which is for the catalogue, not the reader)."""
        text = self.v(zh)
        en = _TRANSLITERATION.sub("", str(en)).strip() if en else en
        if self.lang == "en" and en and one_line(en) != text:
            text = f"{text} ({self.v(en)})"
        return self.mark(text, sample)

    def term(self, zh, en=None, sample=0) -> str:
        """A common noun of the catalogue (an industry, a facility): one language, English where known."""
        text = self.v(en) if self.lang == "en" and en else self.v(zh)
        return self.mark(text, sample)

    def text(self, zh, en=None) -> str:
        """A description: the English one in English briefs where there is one (the data's, else the seeded
        text's translation in promo.brief.texts.SEEDED_EN)."""
        if self.lang == "en":
            en = en or SEEDED_EN.get(one_line(zh))
            if en:
                return self.v(en)
        return self.v(zh)

    def code(self, kind: str, value) -> str:
        """A coded catalogue value (stage, kind, status …) in the brief's language; unknown ones as entered."""
        return self.v(coded_label(kind, value, self.lang))

    def join(self, items) -> str:
        return self.t("sep.list").join(i for i in items if i)

    def date(self, iso) -> str:
        return num.date_text(iso, self.lang)

    def money(self, wan) -> str:
        return num.money_wan(wan, self.lang)

    def money_unit(self, values) -> str:
        """The one unit of a column of amounts (万元 unless all are 亿元 or more; CNY million/billion)."""
        return num.money_unit(values, self.lang)

    def headed(self, header: str, unit: str) -> str:
        """A column header with the unit of its amounts: 投资额（万元）, Investment (CNY million)."""
        return f"{header}{self.paren(num.money_label(unit))}"

    def stage(self, stage) -> str:
        return self.code("stage", stage)

    def ready(self, ready_date) -> str:
        if not ready_date or ready_date <= self.req.date:
            return self.t("unit.ready_now")
        return self.v(ready_date)

    def labelled(self, label: str, value: str) -> str:
        return f"{label}{self.t('sep.colon')}{value}"

    def validity(self, start, end) -> str:
        if start and end:
            return self.t("pol.valid_range", start=self.v(start), end=self.v(end))
        if start:
            return self.t("pol.valid_from", start=self.v(start))
        if end:
            return self.t("pol.valid_until", end=self.v(end))
        return ""

    def policy_kind(self, kind) -> str:
        return self.code("policy_kind", kind)

    def paren(self, text: str) -> str:
        return f"（{text}）" if self.lang == "zh" else f" ({text})"

    def requirement(self, op, threshold, unit) -> str:
        sign = {">=": "≥", "<=": "≤"}.get(op, self.v(op))
        if self.lang == "en" and unit in ("万元", "万元/亩"):
            return f"{sign} {self.money(threshold)}" + ("/mu" if unit == "万元/亩" else "")
        unit_text = self.v(coded(UNIT_EN, unit, self.lang))
        if not unit_text:
            return f"{sign} {num.trim(threshold, 2)}"
        gap = "" if unit_text == "%" else " "
        return f"{sign} {num.trim(threshold, 2)}{gap}{unit_text}"

    def firm_name(self, e: dict) -> str:
        name = self.name(e["name"], e.get("name_en"))
        country = e.get("country")
        if country and country != "中国":
            shown = self.v(english_name(country) if self.lang == "en" else country)
            name += self.paren(shown)
        return self.mark(name, e["sample"])
