"""click's placeholders and promo's own (metavars, argument names) as a word in the user's language: in usage lines
and help (用法：promo check [选项] [名称]) and in the errors that name an argument (阶段 发射：不是阶段)."""

from __future__ import annotations

from promo.i18n import N_, _

# Words not listed are shown as written.
PLACEHOLDERS = frozenset(
    (
        N_("OPTIONS"),
        N_("COMMAND"),
        N_("ARGS"),
        N_("TEXT"),
        N_("INTEGER"),
        N_("INTEGER RANGE"),
        N_("FLOAT"),
        N_("FLOAT RANGE"),
        N_("BOOLEAN"),
        N_("FILE"),
        N_("FILENAME"),
        N_("PATH"),
        N_("DIRECTORY"),
        N_("DIR"),
        N_("DATE"),
        N_("DATETIME"),
        N_("N"),
        N_("LIMIT"),
        N_("NAME"),
        N_("NEW_NAME"),
        N_("CODE"),
        N_("DAYS"),
        N_("YEAR"),
        N_("VALUE"),
        N_("KEY"),
        N_("LIST"),
        N_("ENTERPRISE"),
        N_("CARRIER"),
        N_("UNIT"),
        N_("ENTRY"),
        N_("EVENT"),
        N_("ID"),
        N_("ISSUE"),
        N_("ITEM"),
        N_("LEVEL"),
        N_("SCENARIO"),
        N_("STAGE"),
        N_("STATUS"),
        N_("TITLE"),
        N_("MILESTONE"),
        N_("CRITERION"),
        N_("KIND"),
    )
)
_WORD = None


def placeholders(text: str) -> str:
    """Placeholders in the user's language ([OPTIONS] → [选项]): in usage lines, option columns, help texts."""
    global _WORD
    if _WORD is None:
        import re

        _WORD = re.compile(r"(?<![A-Za-z0-9_-])[A-Z][A-Z_]*(?: RANGE)?(?![A-Za-z0-9_-])")
    return _WORD.sub(lambda m: _(m[0]) if m[0] in PLACEHOLDERS else m[0], text)
