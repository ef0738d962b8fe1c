"""Countries and regions of investors, as officers write them: 中国, 以色列, 韩国, 中国香港, Israel, KR.

The names come from the Unicode CLDR through Babel (simplified and traditional Chinese, English, and the
two-letter codes), so every country is known without a hand-kept list; a few names officers use that
CLDR does not (中国大陆, 内地, PRC, 香港, USA, UK …) are added here. A country is stored under one
Chinese name, so policies and reports compare like with like: every way of writing mainland China is
中国, and Hong Kong, Macao and Taiwan are 中国香港, 中国澳门, 中国台湾 — 境外 (outside the mainland) for
investment-promotion policy, as the policies themselves count them.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

from promo.errors import BadValue
from promo.i18n import _
from promo.text import fold

MAINLAND = "中国"
# Ways of writing mainland China; folded, so case, width and traditional script do not matter.
MAINLAND_NAMES = (
    "中国",
    "中国大陆",
    "大陆",
    "内地",
    "中国内地",
    "中华人民共和国",
    "China",
    "CN",
    "CHN",
    "PRC",
    "P.R.C.",
    "P.R. China",
    "PR China",
    "People's Republic of China",
    "the People's Republic of China",
    "Mainland China",
    "China Mainland",
    "Chinese Mainland",
)
# Regions that are part of China but invest as 境外 (港澳台): the name they are stored under, other names.
REGIONS = {
    "HK": ("中国香港", ("香港", "香港特别行政区", "中国香港特别行政区", "Hong Kong", "Hong Kong SAR", "HKSAR")),
    "MO": ("中国澳门", ("澳门", "澳门特别行政区", "中国澳门特别行政区", "Macao", "Macau", "Macao SAR")),
    "TW": ("中国台湾", ("台湾", "台湾省", "中国台湾省", "台湾地区", "Taiwan", "Chinese Taipei", "中华台北")),
}
# Everyday names CLDR does not list, by ISO code.
EXTRA_NAMES = {
    "US": ("USA", "U.S.", "U.S.A.", "America", "United States of America", "美利坚合众国"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "大不列颠"),
    "KR": ("ROK", "Korea", "Republic of Korea", "大韩民国", "南韩"),
    "KP": ("DPRK", "North Korea", "朝鲜民主主义人民共和国"),
    "AE": ("UAE", "阿联酋"),
    "RU": ("Russian Federation", "俄罗斯联邦"),
    "DE": ("Federal Republic of Germany", "德意志联邦共和国"),
    "NL": ("Holland",),
    "CZ": ("Czech Republic",),
    "VN": ("Viet Nam",),
}
# CLDR 'territories' that are not a country or region an investor comes from.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
OVERSEAS_REGIONS = tuple(name for name, _ in REGIONS.values())
# English names a brief uses where CLDR's differ: the regions as part of China, and the short everyday names.
ENGLISH_NAMES = {
    "中国香港": "Hong Kong SAR, China",
    "中国澳门": "Macao SAR, China",
    "中国台湾": "Taiwan, China",
    "KR": "Korea",
    "US": "USA",
}


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Folded name or code → the Chinese name a country is stored under."""
    from babel import Locale  # imported here: only commands given a country pay for it

    zh, zh_hant, en = (Locale.parse(tag).territories for tag in ("zh", "zh_Hant", "en"))
    table: dict[str, str] = {}
    for code, name in zh.items():
        if len(code) != 2 or not code.isalpha() or code in NOT_COUNTRIES:
            continue
        stored = REGIONS[code][0] if code in REGIONS else MAINLAND if code == "CN" else name
        others = REGIONS.get(code, ("", ()))[1] + EXTRA_NAMES.get(code, ())
        for written in (code, name, zh_hant.get(code), en.get(code), *others):
            if written:
                table.setdefault(fold(written), stored)
    for written in MAINLAND_NAMES:
        table[fold(written)] = MAINLAND
    for stored, others in REGIONS.values():
        for written in (stored, *others):
            table[fold(written)] = stored  # CLDR's 'Hong Kong SAR China' must not read as China
    return table


@lru_cache(maxsize=1)
def _english() -> dict[str, str]:
    """The Chinese name a country is stored under → its English name (CLDR, with ENGLISH_NAMES first)."""
    from babel import Locale

    zh, en = (Locale.parse(tag).territories for tag in ("zh", "en"))
    table = {MAINLAND: en["CN"]}
    for code, name in zh.items():
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES and code not in REGIONS and code != "CN":
            table[name] = ENGLISH_NAMES.get(code, en.get(code, name))
    table.update({stored: ENGLISH_NAMES[stored] for stored, _ in REGIONS.values()})
    return table


def english_name(country: str | None) -> str | None:
    """A country in English (以色列 → Israel, 法国 → France); one promo does not know is kept as it is."""
    if country is None or not str(country).strip():
        return country
    stored = canonical(country)
    return _english().get(stored, country)


def lookup(value: str | None) -> str | None:
    """The stored name of a country or region written any known way, else None."""
    if not value:
        return None
    return _names().get(fold(value))


def parse_country(value: str | None, field: str = "--country") -> str | None:
    """A country or region from the command line or an import, as stored (中国, 以色列, 中国香港 …).

    None stays None (not given) and '' stays '' (clear the field); anything that is not a known country
    or region (火星, 山东, 境外) is refused naming the option, with close names as a hint.
    """
    if value is None:
        return None
    if not value.strip():
        return ""
    found = lookup(value)
    if found is not None:
        return found
    key = fold(value)
    table = _names()
    close = list(dict.fromkeys(table[k] for k in difflib.get_close_matches(key, list(table), n=4, cutoff=0.75)))
    hint = None
    if len(key) >= 4 and close:
        hint = _("did you mean {names}?").format(names=_(", ").join(close[:2]))
    elif not key.isascii():  # 山东, 济南: a place in the mainland is not a country
        hint = _("a province or city of the mainland (山东, 济南 …) is written {mainland}").format(mainland=MAINLAND)
    raise BadValue(
        field,
        value,
        _(
            "not a country or region; write it as 中国, 以色列, 韩国, 中国香港 … "
            "or in English (Israel, Korea, Hong Kong)"
        ),
        hint,
    )


def canonical(value: str | None) -> str | None:
    """A stored country in its one spelling (中国大陆 → 中国); a value promo does not know is kept as it is."""
    if value is None or not str(value).strip():
        return None
    return lookup(value) or value


def is_overseas_region(country: str | None) -> bool:
    """Hong Kong, Macao or Taiwan: part of China, 境外 for investment policy."""
    return canonical(country) in OVERSEAS_REGIONS
