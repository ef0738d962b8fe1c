"""Chinese text as users write it: script/width folding and dates (2024年3月5日); figures are in promo.measures."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from promo.dates import parse_date, today  # noqa: F401  (dates have their own home; re-exported)
from promo.i18n import N_

# Numbers and amounts live with the other figures in promo.measures; re-exported for callers of old.
from promo.measures import (  # noqa: F401
    MAX_AMOUNT_WAN,
    MAX_NUMBER,
    normalise_number_text,
    parse_amount,
    parse_number,
    parse_project_amount,
)

# Characters that differ only in style between how people type a name: middle dots, dashes, quotes, brackets.
_PUNCT_FOLD = str.maketrans(
    {
        "·": "",
        "・": "",
        "•": "",
        "‧": "",
        "．": "",
        "“": "",
        "”": "",
        '"': "",
        "「": "",
        "」": "",
        "《": "",
        "》": "",
        "【": "(",
        "】": ")",
        "〔": "(",
        "〕": ")",
        "—": "-",
        "–": "-",
        "－": "-",
    }
)
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported here: only commands that fold names pay for it

    return opencc.OpenCC("t2s")


def fold_width(s: str) -> str:
    """Full-width forms to half width (ＡＢＣ１２３ → ABC123), and compatibility forms to their plain ones."""
    return unicodedata.normalize("NFKC", s)


def fold_script(s: str) -> str:
    """Traditional to simplified script (樹蘭 → 树兰)."""
    return s if s.isascii() else _t2s().convert(s)


def fold_case(s: str) -> str:
    return s.casefold()


def fold_spaces(s: str) -> str:
    return _SPACE.sub("", s)


def fold_punctuation(s: str) -> str:
    """Middle dots, quotes and title marks dropped; full-width brackets and dashes to one form."""
    return s.translate(_PUNCT_FOLD)


# The steps of fold(), named for messages that explain why two names are one.
FOLD_STEPS = {
    N_("full/half-width forms"): fold_width,
    N_("traditional/simplified script"): fold_script,
    N_("letter case"): fold_case,
    N_("spaces"): fold_spaces,
    N_("punctuation (·, quotes, brackets)"): fold_punctuation,
}


@lru_cache(maxsize=4096)
def fold(text: str | None) -> str:
    """The matching key of a name: NFKC (full→half width), traditional→simplified, lower case, no spaces.

    Names are stored exactly as entered; this key is what comparison and search use, so
    樹蘭(濟南)醫院 and 树兰（济南）医院 fold to the same string.
    """
    if not text:
        return ""
    s = fold_spaces(fold_punctuation(fold_script(fold_width(text))))
    return fold_width(fold_case(s))
