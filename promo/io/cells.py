"""Cells as the text a field parser expects, with Excel's damage explained: credit codes turned into numbers,
formulas never calculated, placeholders (待定, 暂无, —, /) in optional fields, stray control characters."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from promo.errors import BadValue
from promo.i18n import N_, _
from promo.render_csv import csv_safe

PLACEHOLDERS = {
    "待定",
    "暂无",
    "无",
    "未知",
    "不详",
    "待补充",
    "待核实",
    "—",
    "——",
    "-",
    "--",
    "/",
    "／",
    "n/a",
    "na",
    "none",
    "null",
    "空",
}
# an end date a policy or a lease does not have, as offices write it: read as empty, with a warning
OPEN_ENDED = {"长期", "长期有效", "永久", "永久有效", "无期限", "无固定期限", "至今"}
SERIALS = (20000, 80000)  # 1954-10-03 … 2119-01-10: the serials a date in a catalogue can plausibly be
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?e\+?\d+$", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060\ufeff]")
_QUOTED = re.compile(r'=\s*"((?:[^"]|"")*)"')
_CURRENCY = re.compile(r"^\s*(?:[￥¥]|RMB|CNY|人民币)\s*", re.IGNORECASE)
_HEADCOUNT = re.compile(r"([\d,]+)\s*[人名]")
_PLAIN_NUMBER = re.compile(r"[+-]?[\d,]+(\.\d+)?")
# what Excel shows, and saves in a CSV, for a formula that failed (a VLOOKUP that found nothing: #N/A)
EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!"}
EXCEL_ERRORS |= {"#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
# the time Excel writes after a date in a CSV, in a Chinese or an English locale: 0:00, 上午 12:00:00, 2:30 PM
_TIME_OF_DAY = re.compile(
    r"(.*[\d日号])(?:\s+|T)(?:上午|下午|中午|晚上)?\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:[AP]M|上午|下午))?",
    re.IGNORECASE,
)
# a link as systems export it and people paste it: =HYPERLINK("https://…","山东某某有限公司"), shown as its text
_HYPERLINK = re.compile(r'=\s*HYPERLINK\(\s*"(?:[^"]|"")*"\s*[,;，]\s*"((?:[^"]|"")*)"\s*\)', re.IGNORECASE)
_MARKUP = re.compile(r"<[a-zA-Z/!][^>]*>|&(lt|gt|amp|nbsp|#\d+);")
FORMAT_AS_TEXT = N_(
    "Excel turned the column into numbers: set the column's format to 文本 (Text), type the codes again "
    "from the business licences (or paste them as text), save, and import again"
)


def _number_text(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def cell_text(
    value, kind: str, field_name: str, *, required: bool, unit: str | None = None
) -> tuple[str | None, list[str]]:
    """(text for the field's parser or None when empty, warnings); raises BadValue for a damaged cell."""
    warnings: list[str] = []
    if value is None:
        return None, warnings
    if type(value) is str and not (kind == "date" and _serial(value)):
        # every CSV cell but a date serial saved as text: the checks below that concern typed cells are skipped
        return _checked_text(
            value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value,
            kind,
            field_name,
            required,
            unit,
            warnings,
        )
    from promo.io.read import Nested, Uncalculated

    if isinstance(value, Nested):
        raise BadValue(
            field_name,
            str(value)[:60],
            _("is a nested JSON object, not a value"),
            _("give the field a plain value (text, a number or a list of them)"),
        )
    if isinstance(value, Uncalculated) and link_text(value.formula) is not None:
        value = value.formula  # a link never calculated still says what it shows: read below as a typed link
    elif isinstance(value, Uncalculated):
        raise BadValue(
            field_name,
            str(value)[:60],
            _("is a formula that was never calculated (no value saved with it)"),
            _("open the file in Excel or WPS, let it calculate (F9), save, and import again"),
        )
    if isinstance(value, bool):
        return ("是" if value else "否"), warnings
    if kind == "code" and isinstance(value, (int, float)):
        shown = _number_text(value) if isinstance(value, int) or value < 1e16 else f"{value:.6g}"
        raise BadValue(
            field_name,
            shown,
            _("is stored as a number, so Excel has kept only its first 15 digits and the credit code is lost"),
            _(FORMAT_AS_TEXT),
        )
    if kind == "date" and _serial(value) is not None:
        day = _serial(value)
        warnings.append(
            _("{field}: {value} read as an Excel date serial number, {date}").format(
                field=field_name, value=_number_text(value) if not isinstance(value, str) else value.strip(), date=day
            )
        )
        return day, warnings
    if isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() or kind == "date" else value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, (int, float)):
        text = _number_text(value)
    else:
        text = str(value)
    return _checked_text(text.replace("\r\n", "\n").replace("\r", "\n"), kind, field_name, required, unit, warnings)


def _checked_text(text: str, kind: str, field_name: str, required: bool, unit, warnings: list) -> tuple:
    cleaned = _INVISIBLE.sub("", text)
    if len(cleaned) != len(text):
        warnings.append(_("{field}: invisible or control characters removed").format(field=field_name))
    text = cleaned.strip()
    if not text:
        return None, warnings
    if "\xa0" in text:
        text = text.replace("\xa0", " ")  # a no-break space, pasted from a web page, is a space to everyone
    if text[:1] == "'" and csv_safe(text[1:]) != text[1:]:
        # promo's own guard against formulas (render_csv.csv_safe), and Excel's mark of text: what follows is
        # meant as written, a name that begins with = included (promo export writes one stored so)
        return _as_written(text[1:], kind, field_name, required, unit, warnings)
    if text[:1] == "'" and kind != "text":
        text = text[1:].strip()  # a system's mark of text for Excel before a code or a phone: '91370100…
    if text[:1] == "=" and (quoted := _QUOTED.fullmatch(text)):
        text = quoted.group(1).replace('""', '"').strip()  # the other such mark: ="053188880001"
    if text[:1] in "=＝":
        shown = link_text(text)
        if shown is not None:
            text = shown
            warnings.append(
                _("{field}: a HYPERLINK formula, read as the text it shows, {text!r}").format(
                    field=field_name, text=text
                )
            )
            if not text:
                return None, warnings
        elif kind == "name":
            raise BadValue(
                field_name,
                text,
                _("begins with =, as a formula does: a name never does"),
                _("take the = off; if the cell is a formula, let Excel or WPS calculate it and save the file again"),
            )
    return _as_written(text, kind, field_name, required, unit, warnings)


def one_line(text: str) -> str:
    """Text typed over several lines of its cell (Alt+Enter) as one: the break is no space between Chinese
    characters (总投资⏎(万元) → 总投资(万元)), one space between words (Medical⏎Devices → Medical Devices)."""
    if "\n" not in text and "\r" not in text:
        return text

    def joined(m: re.Match) -> str:
        before, after = m.group(1), m.group(2)
        return before + (" " if before and after and (before + after).isascii() else "") + after

    return re.sub(r"(\S?)\s*[\r\n]+\s*(\S?)", joined, text)


def link_text(text: str) -> str | None:
    """The text a =HYPERLINK("…","text") formula shows, or None for anything else."""
    link = _HYPERLINK.fullmatch(text.strip()) if "HYPERLINK" in text.upper() else None
    return link.group(1).replace('""', '"').strip() if link else None


def _as_written(text: str, kind: str, field_name: str, required: bool, unit, warnings: list) -> tuple:
    if kind == "name" and "\n" in text:
        text = one_line(text)
        warnings.append(_("{field}: a line break in the name taken out: {text}").format(field=field_name, text=text))
    if kind == "phone" and _lost_zero(text):  # a CSV saved from a column of numbers
        warnings.append(
            _(
                "{field}: {value} looks like a landline that lost its leading 0 (Excel drops it in a column of "
                "numbers): if so, write it with its 0"
            ).format(field=field_name, value=text)
        )
    if kind == "code" and _SCIENTIFIC.match(unicodedata.normalize("NFKC", text).replace(" ", "")):
        raise BadValue(
            field_name,
            text,
            _("is a number in scientific notation: Excel has already dropped the code's last digits"),
            _(FORMAT_AS_TEXT),
        )
    if kind == "phone" and _SCIENTIFIC.match(unicodedata.normalize("NFKC", text).replace(" ", "")):
        raise BadValue(
            field_name,
            text,
            _("is a number in scientific notation: Excel has already dropped the phone number's last digits"),
            _("set the column's format to 文本 (Text), type the numbers again, save, and import again"),
        )
    if "\ufffd" in text:
        raise BadValue(
            field_name,
            text,
            _("holds �, bytes the file's encoding cannot read"),
            _("retype the value in Excel or WPS and save the file again"),
        )
    if text.upper() in EXCEL_ERRORS:
        raise BadValue(
            field_name,
            text,
            _("is an Excel error value: the formula behind it failed"),
            _("fix the formula in Excel or WPS (or type the value), save, and import again"),
        )
    if kind == "date" and (day := _TIME_OF_DAY.fullmatch(text)):
        text = day.group(1)  # 2026/3/5 0:00, as Excel writes a date and time to CSV: the day is the field
    if text.casefold() in PLACEHOLDERS or (kind == "date" and text in OPEN_ENDED):
        if required:
            return None, warnings
        warnings.append(_("{field}: {text!r} read as empty").format(field=field_name, text=text))
        return None, warnings
    if kind in ("name", "text") and _MARKUP.search(text):
        warnings.append(
            _("{field}: contains markup ({markup}); kept as written").format(
                field=field_name, markup=_MARKUP.search(text).group(0)
            )
        )
    if kind == "money" and (bare := _CURRENCY.sub("", text)) != text and bare:
        text = bare  # ￥1200万, 人民币500万元: the yuan is what every amount is in
    if kind == "money" and unit in ("亿元", "亿", "万元", "万", "元") and _PLAIN_NUMBER.fullmatch(text):
        text += unit  # the header's unit: 投资额(亿元) 1.2 is 1.2亿
    if kind == "num" and text.endswith("°") and _PLAIN_NUMBER.fullmatch(text[:-1].strip()):
        text = text[:-1].strip()  # a latitude or longitude in degrees: 36.66°
    if kind == "int" and (count := _HEADCOUNT.fullmatch(text)):
        text = count.group(1)  # 带动就业 50人
    return text, warnings


def _lost_zero(value: float | int | str) -> bool:
    """Whether a phone looks like a landline whose leading 0 Excel dropped: 9 to 11 digits that are no mobile
    number (1…, 11 digits) and start with no 0 — 0531 8888 0001 typed in a column of numbers is 53188880001."""
    digits = value if isinstance(value, str) else _number_text(value)
    return (
        digits.isdigit()
        and 9 <= len(digits) <= 11
        and digits[0] != "0"
        and not (len(digits) == 11 and digits[0] == "1")
    )


def zero_lost(stored: str | None, read: object) -> bool:
    """A phone read from a file is the stored one without its leading 0 (Excel dropped it in a column of numbers,
    warned of as the cell was read): not a change, or --update would store the damage."""
    read = str(read or "")
    return bool(stored) and read.isdigit() and "".join(c for c in str(stored) if c.isdigit()) == "0" + read


def _serial(value) -> str | None:
    """The day an Excel date serial number stands for (46203 → 2026-06-30), when a date cell lost its date
    format (a CSV saved from the sheet, a locale's built-in format unknown here); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if not re.fullmatch(r"\d{5}(\.\d+)?", text):
            return None
        value = float(text)
    # a fraction is the time of day (a date and time cell): the day is the field
    if not isinstance(value, (int, float)) or not SERIALS[0] <= value <= SERIALS[1]:
        return None
    from promo.io.sheet import Number1904

    epoch = dt.date(1904, 1, 1) if isinstance(value, Number1904) else dt.date(1899, 12, 30)
    return (epoch + dt.timedelta(days=int(value))).isoformat()


def code_damage_hint(text: str) -> str | None:
    """Why an all-digit credit code that fails its checks may be Excel's doing, or None."""
    digits = unicodedata.normalize("NFKC", text).strip()
    if len(digits) >= 15 and digits.isdigit() and digits.endswith("000"):
        return _(
            "it ends in zeros and is all digits: if the column was ever numbers in Excel, its last digits were lost; "
            "{advice}"
        ).format(advice=_(FORMAT_AS_TEXT))

    return None
