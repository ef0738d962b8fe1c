"""Dates as officers type them: 2027-06-30, 2027/6/30, 2027年6月30日, 今天, 3个月后, and — where the field's
meaning makes them unambiguous — periods: 2027-06 or 下月 (by the month's end), 年底, 6个月内.

A year or a week left out (12月31日, 6月底, 周五) is the next such day from today on, today included — for a
deadline only; for a day that happened or a start the year or the week is unclear, so it is refused there.
上周五, 本周五 and 下周五 name one day (weeks run Monday to Sunday) and are taken everywhere; 半个月 is 15 days.

English words are taken too (today, in 3 days, 2 weeks ago, within 6 months, next month, end of year).

A field says what its date means: "day" (the day something happened or happens), "from" (the start of a
period: a partial date would be a guess, so it is refused) or "by" (a deadline or "available by": a month or
a year stands for its last day). What is not accepted is refused with the forms that are, never guessed.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
import unicodedata

from promo.errors import BadValue
from promo.i18n import _

MEANINGS = ("day", "from", "by")

_DATE_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<y>\d{4})\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),
)
_DAY_FIRST_OR_LAST = re.compile(r"^(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})$")  # 6/30/2026, 30.6.2026
_MONTH = re.compile(r"^(?P<y>\d{4})(?:[-/.]|年)(?P<m>\d{1,2})月?(?P<end>底|末)?$")
_YEAR_END = re.compile(r"^(?P<y>\d{4})年?(?:底|末|年底|年末)$")
_MONTH_DAY = re.compile(r"^(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]?$")  # 12月31日: no year
_MONTH_NO_YEAR = re.compile(r"^(?P<m>\d{1,2})月(?:份)?(?P<end>底|末)?$")  # 6月底, 6月
_WEEKDAY = re.compile(r"^(?P<week>上个?|本|这个?|下个?)?(?:周|星期|礼拜)(?P<d>[一二三四五六日天1-7])$")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_DAYS = {"今天": 0, "今日": 0, "today": 0, "明天": 1, "明日": 1, "tomorrow": 1, "后天": 2, "昨天": -1, "昨日": -1,
         "yesterday": -1, "前天": -2}  # fmt: skip
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_N = r"(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3}|半)"
_UNIT = r"(?P<unit>天|日|周|星期|个星期|个月|月|年)"
_RELATIVE = re.compile(rf"^{_N}{_UNIT}(?P<dir>后|以后|之后|前|以前|之前|内|以内|之内)$")
_PERIOD_WORDS = {  # a period, as (first day, last day) from today
    "本月": lambda t: _month(t.year, t.month),
    "这个月": lambda t: _month(t.year, t.month),
    "月底": lambda t: _month(t.year, t.month),
    "本月底": lambda t: _month(t.year, t.month),
    "下月": lambda t: _month(*_shift_month(t.year, t.month, 1)),
    "下个月": lambda t: _month(*_shift_month(t.year, t.month, 1)),
    "下月底": lambda t: _month(*_shift_month(t.year, t.month, 1)),
    "本周": lambda t: _week(t, 0),
    "这周": lambda t: _week(t, 0),
    "周末": lambda t: _week(t, 0),
    "下周": lambda t: _week(t, 1),
    "下星期": lambda t: _week(t, 1),
    "下个星期": lambda t: _week(t, 1),
    "下周末": lambda t: _week(t, 1),
    "年底": lambda t: _year(t.year),
    "年末": lambda t: _year(t.year),
    "今年": lambda t: _year(t.year),
    "今年底": lambda t: _year(t.year),
    "今年年底": lambda t: _year(t.year),
    "明年": lambda t: _year(t.year + 1),
    "明年底": lambda t: _year(t.year + 1),
    "明年年底": lambda t: _year(t.year + 1),
}
# the same in English, as typed with or without spaces (compared with the spaces taken out)
_PERIOD_WORDS.update(
    {
        "thismonth": _PERIOD_WORDS["本月"],
        "endofmonth": _PERIOD_WORDS["月底"],
        "endofthemonth": _PERIOD_WORDS["月底"],
        "nextmonth": _PERIOD_WORDS["下月"],
        "endofnextmonth": _PERIOD_WORDS["下月"],
        "thisweek": _PERIOD_WORDS["本周"],
        "nextweek": _PERIOD_WORDS["下周"],
        "endofyear": _PERIOD_WORDS["年底"],
        "endoftheyear": _PERIOD_WORDS["年底"],
        "thisyear": _PERIOD_WORDS["今年"],
        "nextyear": _PERIOD_WORDS["明年"],
    }
)
_EN_UNITS = {"day": "天", "days": "天", "week": "周", "weeks": "周", "month": "个月", "months": "个月", "year": "年",
             "years": "年"}  # fmt: skip
_EN_RELATIVE = re.compile(
    r"^(?:(?P<pre>in|within)(?P<n>\d{1,3})(?P<unit>days?|weeks?|months?|years?)"
    r"|(?P<n2>\d{1,3})(?P<unit2>days?|weeks?|months?|years?)(?P<post>ago|later|fromnow))$"
)
FORMS = ("2027-06-30", "2027/6/30", "2027年6月30日", "今天", "明天", "3天后", "2个月后")
FORMS_BY = (*FORMS, "2027-06", "2027年底", "年底", "下月", "下周", "6个月内", "12月31日", "6月底", "周五")
FORMS_EN = ("2027-06-30", "2027/6/30", "today", "tomorrow", "in 3 days", "in 2 months")
FORMS_BY_EN = (*FORMS_EN, "2027-06", "end of year", "next month", "next week", "within 6 months")


def _forms(by: bool = False) -> str:
    """The forms a refusal lists, in the user's language: the Chinese ones on a Chinese screen, English ones
    (today, in 3 days, next month) on an English one; both are accepted either way."""
    from promo.i18n import language

    if language() == "zh":
        return _(", ").join(FORMS_BY if by else FORMS)
    return _(", ").join(FORMS_BY_EN if by else FORMS_EN)


def _english_relative(s: str) -> str:
    """in 3 days, 2 weeks ago, within 6 months → 3天后, 2周前, 6个月内 (spaces already taken out)."""
    m = _EN_RELATIVE.match(s)
    if not m:
        return s
    if m["pre"]:
        return f"{m['n']}{_EN_UNITS[m['unit']]}{'内' if m['pre'] == 'within' else '后'}"
    return f"{m['n2']}{_EN_UNITS[m['unit2']]}{'前' if m['post'] == 'ago' else '后'}"


# A date with its year, month or day in Chinese numerals, as documents write it: 二〇二六年九月五日, 二零二六年九月五号,
# 2026年九月五日, 二〇二六年九月 (a month), 二〇二六年底. The year digit by digit; the month and day as numbers
# (十二, 二十五, 廿五, 卅一).
_YEAR_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_CN_DATE = re.compile(
    r"^(?P<y>\d{4}|[〇零○一二三四五六七八九]{4})年"
    r"(?:(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(?P<d>\d{1,2}|[一二三四五六七八九十廿卅]{1,3})(?P<unit>[日号])?)?)?"
    r"(?P<end>底|末|年底|年末)?$"
)
_CN_NUMBER = re.compile(r"(?:(?P<tens>[一二三])?十)?(?P<ones>[一二三四五六七八九])?")


def _in_digits(s: str) -> str:
    """A date written in Chinese numerals (二〇二六年九月五日) in digits (2026年9月5日), checked as any other; other
    text as it is. 十三月 becomes 13月, refused as no such month."""
    found = _CN_DATE.match(s)
    if not found or not any(part and not part.isdigit() for part in found.group("y", "m", "d")):
        return s  # no date, or one in digits only
    month, day = (_cn_number(found[part]) if found[part] else None for part in ("m", "d"))
    if (found["m"] and month is None) or (found["d"] and day is None):
        return s
    out = found["y"].translate(_YEAR_DIGITS) + "年"
    if month is not None:
        out += f"{month}月"
    if day is not None:
        out += f"{day}{found['unit'] or ''}"
    return out + (found["end"] or "")


def _cn_number(text: str) -> int | None:
    """A month or day in digits or Chinese numerals (九, 十二, 二十五, 廿五, 卅一); None for what is no number."""
    if text.isdigit():
        return int(text)
    text = text.replace("廿", "二十").replace("卅", "三十")
    return cn_count(text) if text and _CN_NUMBER.fullmatch(text) else None


def cn_count(text: str) -> int | None:
    """A number from one to ninety-nine in Chinese numerals (三 → 3, 两 → 2, 十二 → 12, 二十 → 20, 二十三 → 23);
    None for other text."""
    tens, ten, ones = text.partition("十")
    if not ten:
        return _CN_DIGITS.get(text) if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or not {tens, ones} <= {"", *_CN_DIGITS}:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def today() -> str:
    """Today's date, ISO; PROMO_TODAY overrides it so tests and briefs are reproducible."""
    import os

    return os.environ.get("PROMO_TODAY") or _dt.date.today().isoformat()


def _month(y: int, m: int) -> tuple[_dt.date, _dt.date]:
    return _dt.date(y, m, 1), _dt.date(y, m, calendar.monthrange(y, m)[1])


def _week(t: _dt.date, n: int) -> tuple[_dt.date, _dt.date]:
    """Monday to Sunday of this week (n=0) or the next (n=1): 下周 is done by next Sunday."""
    monday = t - _dt.timedelta(days=t.weekday()) + _dt.timedelta(weeks=n)
    return monday, monday + _dt.timedelta(days=6)


def _year(y: int) -> tuple[_dt.date, _dt.date]:
    return _dt.date(y, 1, 1), _dt.date(y, 12, 31)


def _shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    y, m = divmod(y * 12 + m - 1 + n, 12)
    return y, m + 1


def add_months(day: _dt.date, n: int) -> _dt.date:
    """The same day n months on (or back), the month's last day where it has no such day: 1-31 + 1 → 2-28."""
    y, m = _shift_month(day.year, day.month, n)
    return _dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def _count(text: str) -> float:
    if text == "半":
        return 0.5
    if text.isdigit():
        return int(text)
    if "十" in text:  # 十, 十二, 二十, 二十三
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    if len(text) == 1 and text in _CN_DIGITS:
        return _CN_DIGITS[text]
    raise ValueError(text)


def _moved(start: _dt.date, n: float, unit: str) -> _dt.date:
    if unit in ("个月", "月") and abs(n) == 0.5:  # 半个月 is 15 days, as officers count it
        return start + _dt.timedelta(days=30 * n)
    if unit in ("天", "日"):
        return start + _dt.timedelta(days=n)
    if unit in ("周", "星期", "个星期"):
        return start + _dt.timedelta(weeks=n)
    months = n * 12 if unit == "年" else n
    if months != int(months):
        raise ValueError("a fraction of a month")
    return add_months(start, int(months))


# the dates a catalogue holds: a year 1 or 9999 is a typo, and would break the periods and day counts built on it
FIRST_DAY, LAST_DAY = "1900-01-01", "2200-12-31"


def parse_date(value: str | _dt.date | None, field: str = "--date", *, meaning: str = "day") -> str | None:
    """An ISO date from how people write one; `meaning` ("day", "from" or "by") decides whether a period such
    as 2027-06, 年底 or 6个月内 stands for its last day ("by") or is refused as ambiguous (BadValue names the field).
    Dates outside 1900 … 2200 are refused."""
    day = _parse_date(value, field, meaning)
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise BadValue(field, value, _("give a date from 1900 to 2200"))
    return day


_MONTHS = {m.casefold(): i for i, m in enumerate(calendar.month_abbr) if m} | {
    m.casefold(): i for i, m in enumerate(calendar.month_name) if m
}
# English Excel's own forms, spaces already taken out: Mar 5, 2026 · March 5 2026 · 5-Mar-2026 · 5-Mar-26 · 05Mar2026
_EN_MONTH_FIRST = re.compile(r"^(?P<mon>[a-z]{3,9})\.?(?P<d>\d{1,2})(?:st|nd|rd|th)?,?(?P<y>\d{4})$")
_EN_DAY_FIRST = re.compile(r"^(?P<d>\d{1,2})[-/.]?(?P<mon>[a-z]{3,9})\.?[-/.,]?(?P<y>\d{4}|\d{2})$")
# the day of the week Excel's long date format adds: 2026年3月5日 星期四, 2026-03-05(周四)
_WITH_WEEKDAY = re.compile(r"^(?P<day>.+?)\(?(?:星期|周|礼拜)(?P<w>[一二三四五六日天])\)?$")
_WEEKDAY_NUMBER = {c: i for i, c in enumerate("一二三四五六日")} | {"天": 6}


def _written_out(s: str) -> str | None:
    """A date in English month names as yyyy-mm-dd (the calendar still to check), or None."""
    m = _EN_MONTH_FIRST.match(s) or _EN_DAY_FIRST.match(s)
    if m and m["mon"] in _MONTHS:
        year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
        return f"{year:04d}-{_MONTHS[m['mon']]}-{m['d']}"
    return None


def _weekday_name(day: _dt.date) -> str:
    from promo.i18n import language

    return "星期" + "一二三四五六日"[day.weekday()] if language() == "zh" else calendar.day_name[day.weekday()]


def _parse_date(value: str | _dt.date | None, field: str, meaning: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    s = _english_relative(unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "").casefold())
    s = _written_out(s) or _in_digits(s)
    m = _WITH_WEEKDAY.match(s)
    if m and re.search(r"[\d一二三四五六七八九十廿卅][日号]?$", m["day"]):
        day = _parse_date(m["day"], field, meaning)
        if day is not None and _dt.date.fromisoformat(day).weekday() != _WEEKDAY_NUMBER[m["w"]]:
            weekday = _weekday_name(_dt.date.fromisoformat(day))
            why = _("{day} is a {weekday}: the date and the day of the week disagree")
            raise BadValue(field, value, why.format(day=day, weekday=weekday))
        return day
    for pattern in _DATE_PATTERNS:
        m = pattern.match(s)
        if m:
            try:
                return _dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
            except ValueError:
                raise BadValue(field, value, _("no such day in the calendar")) from None
    m = _DAY_FIRST_OR_LAST.match(s)
    if m:
        return _day_month_year(int(m["a"]), int(m["b"]), int(m["y"]), value, field)
    now = _dt.date.fromisoformat(today())
    if s in _DAYS:
        return (now + _dt.timedelta(days=_DAYS[s])).isoformat()
    if s.endswith(("月初", "上旬", "中旬", "下旬")):
        raise BadValue(field, value, _part_of_month(s, now))
    ahead = _next_occurrence(s, now, value, field)
    if ahead is not None:
        if meaning == "by":
            return ahead.isoformat()
        if _WEEKDAY.match(s):
            why = _("could be this week's or last week's; write {last_week}, {this_week} or the date, e.g. {day}")
        else:
            why = _("has no year, which is clear only for a deadline; here write the date with its year, e.g. {day}")
        raise BadValue(field, value, why.format(day=ahead.isoformat(), last_week=f"上{s}", this_week=f"本{s}"))
    if s in _PERIOD_WORDS and meaning != "by":
        last = _PERIOD_WORDS[s](now)[1].isoformat()
        raise BadValue(field, value, _("is clear only as a deadline; here write the day, e.g. {day}").format(day=last))
    period = _period(s, value, field, now)
    if period is not None:
        first, last = period
        if meaning == "by":
            return last.isoformat()
        if first == last:
            return first.isoformat()
        raise BadValue(field, value, _ambiguous(meaning, first, last))
    if meaning == "by":
        raise BadValue(
            field,
            value,
            _("not a date; write {forms} (a month stands for its last day)").format(forms=_forms(by=True)),
        )
    raise BadValue(field, value, _("not a date; write {forms}").format(forms=_forms()))


def _day_month_year(a: int, b: int, y: int, value, field: str) -> str:
    """6/30/2026 (month first, as US Excel writes) or 30/6/2026 (day first): taken only when one of the two
    cannot be a month; 6/7/2026 is refused, naming both days it could be."""
    readings = []
    for month, day in ((a, b), (b, a)):
        try:
            readings.append(_dt.date(y, month, day).isoformat())
        except ValueError:
            pass
    readings = sorted(set(readings))
    if len(readings) == 1:
        return readings[0]
    if not readings:
        raise BadValue(field, value, _("no such day in the calendar"))
    raise BadValue(
        field,
        value,
        _("could be {first} or {second} (day and month are both 12 or under)").format(
            first=readings[0], second=readings[1]
        ),
        _("write the year first: {first} or {second}").format(first=readings[0], second=readings[1]),
    )


def _period(s: str, value, field: str, now: _dt.date) -> tuple[_dt.date, _dt.date] | None:
    """The days a typed period covers (first, last); a single day has first == last; None when no period."""
    m = _MONTH.match(s)
    if m:
        if not 1 <= int(m["m"]) <= 12:
            raise BadValue(field, value, _("no such month ({month})").format(month=m["m"]))
        first, last = _month(int(m["y"]), int(m["m"]))
        return (last, last) if m["end"] else (first, last)
    m = _YEAR_END.match(s)
    if m:
        last = _year(int(m["y"]))[1]
        return last, last
    if s in _PERIOD_WORDS:
        # 年底 without a year is this year's end for a deadline only; for a past or start date the year is
        # unclear (in January, 年底 may well mean last year's), so parse_date refuses it there
        return _PERIOD_WORDS[s](now)
    day = _weekday(s, now)
    if day is not None:
        return day, day
    m = _RELATIVE.match(s)
    if m:
        try:
            n = _count(m["n"])
            direction = m["dir"]
            if direction.endswith("内"):
                return now, _moved(now, n, m["unit"])
            day = _moved(now, -n if direction.endswith("前") else n, m["unit"])
        except (ValueError, OverflowError):
            raise BadValue(field, value, _("not a date; write {forms}").format(forms=_forms())) from None
        return day, day
    return None


def _ambiguous(meaning: str, first: _dt.date, last: _dt.date) -> str:
    if meaning == "from":
        text = _("names a period ({first} … {last}), which is ambiguous for a start date; write the day, e.g. {first}")
    else:
        text = _("names a period ({first} … {last}), which is ambiguous for a single day; write the day, e.g. {last}")
    return text.format(first=first.isoformat(), last=last.isoformat())


def _next_occurrence(s: str, now: _dt.date, value, field: str) -> _dt.date | None:
    """12月31日, 6月底 or 周五: the first such day from today on (today included), which only a deadline may take
    (for a past or start date the year, or the week, is unclear); None when `s` is none of them."""
    m = _MONTH_DAY.match(s)
    if m:
        for year in range(now.year, now.year + 9):  # 2月29日 waits for a leap year
            try:
                day = _dt.date(year, int(m["m"]), int(m["d"]))
            except ValueError:
                continue
            if day >= now:
                return day
        raise BadValue(field, value, _("no such day in the calendar"))
    m = _MONTH_NO_YEAR.match(s)
    if m and 1 <= int(m["m"]) <= 12:
        last = _month(now.year, int(m["m"]))[1]
        return last if last >= now else _month(now.year + 1, int(m["m"]))[1]
    m = _WEEKDAY.match(s)
    if m and not m["week"]:
        target = _WEEKDAYS.get(m["d"], int(m["d"]) - 1 if m["d"].isdigit() else 0)
        return now + _dt.timedelta(days=(target - now.weekday()) % 7)
    return None


def _weekday(s: str, now: _dt.date) -> _dt.date | None:
    """上周五, 本周五 (this week's, Monday to Sunday, even if past) or 下周五: one day, clear in every field."""
    m = _WEEKDAY.match(s)
    if not m or not m["week"]:
        return None
    target = _WEEKDAYS.get(m["d"], int(m["d"]) - 1 if m["d"].isdigit() else 0)
    shift = {"上": -1, "下": 1}.get(m["week"][0], 0)
    return _week(now, 0)[0] + _dt.timedelta(weeks=shift, days=target)


def _part_of_month(s: str, now: _dt.date) -> str:
    """月初, 下月初, 6月上旬: part of a month is not one day; the refusal gives the month's first and last days."""
    month = (s[:-1] if s.endswith("初") else s[:-2]) or "本月"
    found = None
    if month in ("月", "本月", "这个月", "下月", "下个月"):
        found = _PERIOD_WORDS["本月" if month == "月" else month](now)
    elif (m := _MONTH.match(month)) and 1 <= int(m["m"]) <= 12:
        found = _month(int(m["y"]), int(m["m"]))
    elif (m := _MONTH_NO_YEAR.match(month)) and not m["end"] and 1 <= int(m["m"]) <= 12:
        last = _month(now.year, int(m["m"]))[1]
        found = _month(now.year + (last < now), int(m["m"]))
    if found is None:
        return _("not a date; write {forms}").format(forms=_forms())
    return _("is part of a month, not one day; write the day, e.g. {first} or {last}").format(
        first=found[0].isoformat(), last=found[1].isoformat()
    )
