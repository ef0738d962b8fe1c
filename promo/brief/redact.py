"""Personal contact details typed into free text, found and removed for a public brief.

Text is scanned in its NFKC form, so full-width digits, ＠ and （0531） are caught like their ASCII
forms, and the replacement is made in the original text (its other full-width punctuation is kept).
Caught: phone numbers (mobile, landline with or without area code, 400/800, +86), e-mail addresses, WeChat
ids (wxid_…, or after 微信/微信号/WeChat) and QQ numbers. Left alone: years, dates, amounts and areas with
thousands separators or decimals, and long codes (a 统一社会信用代码 has 18 characters).
"""

from __future__ import annotations

import re
import unicodedata

# A date is matched (and kept) before a phone is looked for at the same place: 2026-11-23, 2024.3.5, 2024年3月5日.
_DATE = r"(?:19|20)\d\d(?:(?P<dsep>[-./])\d{1,2}(?P=dsep)\d{1,2}|年\d{1,2}月(?:\d{1,2}[日号]?)?)(?![\d])"
# Digits with single separators between groups (space, dash, dot, brackets), optionally led by + or (.
_RUN = r"(?:\+|00)?\(?\d(?:\d|[ \-.()]{1,3}(?=[\d(]))*\d\)?"
_CANDIDATE = re.compile(rf"(?<![0-9A-Za-z])(?:(?P<date>{_DATE})|(?P<run>{_RUN}))")

_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# WeChat ids: 6–20 characters, a letter first (or wxid_…); a QQ number: 5–12 digits.
_WECHAT_ID = re.compile(r"(?<![A-Za-z0-9_])wxid_[A-Za-z0-9_-]+", re.I)
_LABELLED = re.compile(
    r"(?<![A-Za-z])(?P<label>(?:微信号?|微信ID|weixin|wechat(?:\s*id)?|v信|vx|wx|QQ号?|qq号码)\s*(?:号码|号|id)?\s*[:：]?\s*)"
    r"(?P<id>[A-Za-z0-9][A-Za-z0-9_-]{4,29})(?![A-Za-z0-9_-])",
    re.I,
)

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0[1-9]\d{8,10}")  # area code 0xx/0xxx + 7–8 digits
_SERVICE = re.compile(r"[48]00\d{7}")
_YEAR = re.compile(r"(?:19|20)\d\d")
# A number followed by a unit is a quantity: 1000-3000 ㎡ (NFKC: m2), 1 200 000 元.
_UNIT_AFTER = re.compile(r"\s*(?:m2|m²|m\b|km|sq|ha\b|mu\b|kn|yuan|cny|rmb|usd|%|[平万亿元亩人个家米千台张])", re.I)


def _nfkc_with_origins(text: str) -> tuple[str, list[int]]:
    """The NFKC form of `text`, and for each of its characters the index of the original it came from."""
    out, origin = [], []
    for i, ch in enumerate(text):
        norm = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
        out.append(norm)
        origin.extend([i] * len(norm))
    return "".join(out), origin


def _is_phone(run: str, after: str) -> bool:
    """Whether a digit run found in (NFKC) text is a phone number rather than a number of something."""
    digits = re.sub(r"\D", "", run)
    separated = digits != run.lstrip("+")
    if after[:1] in (",", ".") and after[1:2].isdigit():
        return False  # the start of 1,234.5 or 3.14, not a number of its own
    if re.fullmatch(r"\d+\.\d+", run):
        return False  # a decimal: 116.8412
    international = run.startswith(("+", "00"))
    if run.startswith("00"):
        digits = digits[2:]
    if international or (digits.startswith("86") and len(digits) == 13):
        return 8 <= len(digits) <= 15
    if digits.startswith("86") and separated and _MOBILE.fullmatch(digits[2:]):
        return True
    if _MOBILE.fullmatch(digits) or _LANDLINE.fullmatch(digits) or _SERVICE.fullmatch(digits):
        return True
    if not separated:
        # a bare run of other digits is an amount, a count or a code (18-digit credit codes included)
        return False
    if not 7 <= len(digits) <= 12:
        return False
    groups = re.findall(r"\d+", run)
    if all(_YEAR.fullmatch(g) for g in groups):
        return False  # 2023-2025, 2019 2020
    if all(g.endswith("00") for g in groups) or _UNIT_AFTER.match(after):
        return False  # a range or a quantity: 1000-3000, 1 200 000 元
    return True


def find_contacts(text: str, keep: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Spans (start, end) of `text` holding a phone number, e-mail address, WeChat id or QQ number.

    `keep` are contact details allowed to stay (the office's own phone and e-mail), compared as digits
    (phones) or case-insensitively (e-mail addresses).
    """
    norm, origin = _nfkc_with_origins(text)
    kept_digits = {re.sub(r"\D", "", k) for k in keep if re.sub(r"\D", "", k)}
    kept_mail = {unicodedata.normalize("NFKC", k).casefold() for k in keep if "@" in k}
    spans: list[tuple[int, int]] = []
    for m in _EMAIL.finditer(norm):
        if m.group().casefold() not in kept_mail:
            spans.append(m.span())
    for m in _WECHAT_ID.finditer(norm):
        spans.append(m.span())
    for m in _LABELLED.finditer(norm):
        spans.append(m.span("id"))
    for m in _CANDIDATE.finditer(norm):
        run = m.group("run")
        if run is None:
            continue
        start, end = m.span("run")
        if _is_phone(run, norm[end : end + 8]) and re.sub(r"\D", "", run) not in kept_digits:
            # the brackets of (0531) are part of the number; a lone trailing bracket belongs to the text
            if run.endswith(")") and run.count("(") < run.count(")"):
                end -= 1
            spans.append((start, end))
    # back to the original text's positions, merged where they overlap
    mapped = sorted((origin[a], origin[b - 1] + 1) for a, b in spans if b > a)
    merged: list[tuple[int, int]] = []
    for a, b in mapped:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def redact(text: str, replacement: str, keep: tuple[str, ...] = ()) -> str:
    """`text` with every contact detail find_contacts() finds replaced by `replacement`."""
    spans = find_contacts(text, keep)
    if not spans:
        return text
    out, last = [], 0
    for a, b in spans:
        out += [text[last:a], replacement]
        last = b
    out.append(text[last:])
    return "".join(out)
