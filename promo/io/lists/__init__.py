"""One adapter per list: its fields and aliases, how a row is parsed, matched, compared, added and updated
(always through the domain's own writers), and the rows it exports."""

from __future__ import annotations

import importlib

from promo.i18n import _

# in dependency order: `import all` loads sheets in this order, and export writes them so
ADAPTERS = {
    "zone": "promo.io.lists.zone",
    "chain": "promo.io.lists.rules:CHAIN",
    "carriers": "promo.io.lists.resources:CARRIERS",
    "units": "promo.io.lists.resources:UNITS",
    "platforms": "promo.io.lists.resources:PLATFORMS",
    "policies": "promo.io.lists.rules:POLICIES",
    "criteria": "promo.io.lists.rules:CRITERIA",
    "enterprises": "promo.io.lists.enterprises",
    "targets": "promo.io.lists.targets",
    "scenarios": "promo.io.lists.scenarios",
    "ledger-targets": "promo.io.lists.ledger_targets",
    "departments": "promo.io.lists.desk:DEPARTMENTS",
    "service-templates": "promo.io.lists.service_paths:SERVICE_PATHS",
    "milestones": "promo.io.lists.projects:MILESTONES",
    "reports": "promo.io.lists.projects:REPORTS",
    "services": "promo.io.lists.desk:SERVICES",
    "coordination": "promo.io.lists.desk:COORDINATION",
    "events": "promo.io.lists.events:EVENTS",
    "deals": "promo.io.lists.events:DEALS",
    "stage-history": "promo.io.lists.stage_history:STAGE_HISTORY",
}
NOT_YET: tuple[str, ...] = ()  # lists without a domain writer yet, named so a user asking for one is told why


def adapter(name: str):
    """The adapter module of list `name` (English key or its sheet name)."""
    from promo.errors import BadValue
    from promo.text import fold

    for key in ADAPTERS:
        mod = _load(key)
        if fold(name) in (key, fold(mod.ZH), fold(mod.EN)):
            return mod
    if fold(name) in NOT_YET:
        raise BadValue("LIST", name, _("cannot be imported or exported yet: its add/update commands are still to come"))
    raise BadValue("LIST", name, _("is not a list; use one of {choices} (or all)").format(choices=", ".join(ADAPTERS)))


def _load(key: str):
    module, _, attr = ADAPTERS[key].partition(":")
    mod = importlib.import_module(module)
    return getattr(mod, attr) if attr else mod


def all_adapters():
    return [_load(k) for k in ADAPTERS]


def shown(en: str) -> str:
    """A list named by its English key (as reports carry it) in the user's language: 企业 for enterprises."""
    from promo.i18n import language

    if language() != "zh":
        return en
    return next((a.ZH for a in all_adapters() if a.EN == en), en)


def as_column(name: str, parse, *args, **kwargs):
    """Run a domain parser, its complaint naming the column as the file writes it rather than the CLI option."""
    from promo.errors import BadValue

    try:
        return parse(*args, **kwargs)
    except BadValue as exc:
        if exc.field.startswith("--") or exc.field.isupper():
            raise BadValue(name, exc.value, exc.why, exc.hint) from None
        raise


# other layouts a list is read in, beside its own (FIELDS): chosen by the headers of the sheet
LAYOUTS = {"milestones": ("promo.io.lists.milestone_rows:MILESTONE_ROWS",)}


def layouts(adapter_) -> list:
    """The list's own layout first, then any other it is read in."""
    out = [adapter_]
    for ref in LAYOUTS.get(adapter_.EN, ()):
        module, _, attr = ref.partition(":")
        out.append(getattr(importlib.import_module(module), attr))
    return out
