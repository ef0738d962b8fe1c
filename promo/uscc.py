"""Unified social credit codes (统一社会信用代码, GB 32100-2015).

python-stdnum's `validate` insists on eight leading digits, which rejects codes issued by registration
departments the standard names with a letter (A 中央军委改革和编制办公室, N 农业, Y 其他), so the structure is
checked here; the check character is computed here too (an import checks 100,000 codes; stdnum's general
routine costs five times as much), and tests/test_uscc.py holds it equal to stdnum's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from operator import mul

from promo.errors import BadValue
from promo.i18n import _

# GB 32100-2015 table 1: registration department (登记管理部门) codes, position 1.
DEPARTMENTS = {
    "1": "机构编制",
    "2": "外交",
    "3": "司法行政",
    "4": "文化",
    "5": "民政",
    "6": "旅游",
    "7": "宗教",
    "8": "工会",
    "9": "工商",
    "A": "中央军委改革和编制办公室",
    "N": "农业",
    "Y": "其他",
}
# The 31 characters a code may use: digits and capitals without I, O, S, V, Z.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.·]+")


@dataclass(frozen=True)
class Checked:
    """A code that is well formed; `check_ok` says whether its check character is right."""

    code: str
    expected_check: str

    @property
    def check_ok(self) -> bool:
        return self.code[-1] == self.expected_check


def normalise(value: str) -> str:
    """The code as stored: full-width forms folded (NFKC), separators and spaces removed, upper case."""
    s = unicodedata.normalize("NFKC", value or "")
    return _SEPARATORS.sub("", s).upper()


def looks_like_uscc(value: str) -> bool:
    """True when `value` has the shape of a credit code (18 code characters), right or wrong."""
    s = normalise(value)
    return len(s) == 18 and all(c in ALPHABET for c in s)


def check(value: str, field: str = "--uscc") -> Checked:
    """Parse a credit code; a malformed one raises BadValue saying what is wrong.

    A well-formed code whose check character is wrong is returned with `check_ok` False, so the
    caller decides whether to refuse it or store it flagged.
    """
    code = normalise(value)
    if not code:
        raise BadValue(field, value, _("is empty"))
    if len(code) != 18:
        raise BadValue(field, value, _("a credit code has 18 characters, this has {count}").format(count=len(code)))
    bad = sorted(set(code).difference(ALPHABET))
    if bad:
        raise BadValue(
            field,
            value,
            _("contains {characters}; a credit code uses digits and capital letters except I, O, S, V, Z").format(
                characters=", ".join(repr(c) for c in bad)
            ),
        )
    if code[0] not in DEPARTMENTS:
        raise BadValue(
            field,
            value,
            _("position 1 (登记管理部门) is {found!r}, not a registration department code ({codes})").format(
                found=code[0], codes=", ".join(DEPARTMENTS)
            ),
        )
    if not code[1].isdigit():
        raise BadValue(
            field, value, _("position 2 (机构类别) is {found!r}; it should be a digit").format(found=code[1])
        )
    if not code[2:8].isdigit():
        raise BadValue(
            field,
            value,
            _("positions 3–8 (登记管理机关行政区划码) are {found!r}; they should be six digits").format(
                found=code[2:8]
            ),
        )
    return Checked(code, check_character(code[:17]))


_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # GB 32100-2015 5.3: 3^(i-1) mod 31


def check_character(body: str) -> str:
    """The check character of a code's first 17 characters (all from ALPHABET), as GB 32100-2015 computes it."""
    if len(body) != len(_WEIGHTS):
        raise ValueError(f"a credit code's body has {len(_WEIGHTS)} characters, not {len(body)}")
    total = sum(map(mul, map(_VALUE.__getitem__, body), _WEIGHTS))  # no Python loop: 100,000 codes an import
    return ALPHABET[-total % 31]


def validate(value: str, field: str = "--uscc", *, accept_bad_check: bool = False) -> Checked:
    """A credit code that may be stored: well formed, and with a right check character unless accepted."""
    checked = check(value, field)
    if not checked.check_ok and not accept_bad_check:
        # no "corrected" code: the slip is as often a swapped or lost digit elsewhere, and a ready-made valid
        # code invites storing a wrong one
        error = BadValue(
            field,
            value,
            _(
                "the check character (last, {found}) does not match the other 17; "
                "read the code again from the business licence (营业执照)"
            ).format(found=checked.code[-1]),
            _("if the licence really shows this code, store it flagged with --accept-bad-check"),
        )
        error.check_character = True  # an import adds why Excel may have caused it
        raise error

    return checked


_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_VALUE = {c: int(c, 36) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
_ORG_BODY = re.compile("[0-9A-Z]{8}")  # an ASCII organisation code's first eight: digits and capitals


def organisation_code_ok(code: str) -> bool:
    """Whether the organisation code inside a credit code (positions 9–17, GB 11714) passes its own check."""
    org = code[8:17]
    if len(org) != 9:
        return False
    if org[:8].isascii():
        if not _ORG_BODY.fullmatch(org, 0, 8):
            return False
        total = sum(map(mul, map(_ORG_VALUE.__getitem__, org[:8]), _ORG_WEIGHTS))
    elif not all(c.isdigit() or "A" <= c <= "Z" for c in org[:8]):
        return False
    else:  # a digit of another script is a digit to isdigit(); int() reads it as before
        total = sum(int(c, 36) * w for c, w in zip(org[:8], _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return org[8] == {10: "X", 11: "0"}.get(check, str(check))
