"""Every listing's view: its machine keys (JSON/CSV) beside its human columns (table/Markdown), declared once.

A new column of a listing is one line here (plus the schema); commands hand rows to `VIEW.show(rows, fmt)`.
"""

from __future__ import annotations

from collections.abc import Sequence

from promo.i18n import N_, _
from promo.render import Column as C
from promo.render import View, fmt_cell


def tone(key: str, tones: dict) -> object:
    """A cell's colour from a row's coded value (e.g. status pass → green, fail → red), for Column(tone=…)."""
    return lambda row: tones.get(row.get(key))


def split(names: str) -> tuple[str, ...]:
    """Machine keys written as one line: 'id code name' → ('id', 'code', 'name')."""
    return tuple(names.split())


SAMPLE_UNITS = N_("※ unit-level figures are sample data, not from the source articles")

# Units, in `promo vacancies` (less status and holder: all vacant) and `promo carriers show` (less the carrier).
UNITS = View(
    keys=split(
        "id carrier_code carrier unit building floor area_m2 rent status tenant reserved_for floor_load_kn "
        "ceiling_m facilities ready_date kind plot_ratio intensity_wan_mu tax_wan_mu sample"
    ),
    columns=(
        C("carrier", "Carrier", max_width=18),
        C("unit", "Unit", no_wrap=True),
        C("where", "Building·floor", no_wrap=True),
        C("floor", "Floor", "int"),
        C("area", "Area ㎡", justify="right", no_wrap=True),
        C("rent", "Rent 元/㎡·天", "rent"),
        C("status", "Status", no_wrap=True, coded="unit_status"),
        C("holder", "Tenant", max_width=20),
        C("floor_load_kn", "Floor load kN/㎡", "num"),
        C("facilities", "Facilities", "list"),
        C("ready", "Ready", "date"),
    ),
    title="Vacant units",  # translated where shown (render.py)
    empty="no vacant unit matches",
)
AREA = C("area_m2", "Area ㎡", "area")
VACANCIES = UNITS.without("status", "tenant", "reserved_for").hide("floor", "holder")
CARRIER_UNITS = UNITS.without("id", "carrier", "where")


def place(carrier: str | None, units: Sequence[str] = ()) -> str:
    """A carrier and units in it as one item, the name set off from the codes: 精准医学产业园：A1-101 A1-201."""
    if not units:
        return carrier or ""
    shown = " ".join(units)
    return _("{carrier}: {units}").format(carrier=carrier, units=shown) if carrier else shown


def prepare_units(rows: Sequence[dict]) -> None:
    """Where a unit is (building·floor) and when it is ready: a vacant unit ready now is 现房 (move in now),
    else its hand-over date."""
    from promo.fields import land_area
    from promo.text import today

    now, ready_now_text = today(), _("ready now")  # looked up once, not per row
    for r in rows:
        floor = None if r["floor"] is None else f"{r['floor']}F"  # a unit of no building: 12F, not ·12F
        r["where"] = "·".join(p for p in (r["building"], floor) if p) or None
        # land is offered in 亩: shown both ways; floor space keeps the plain ㎡ figure of its column
        r["area"] = land_area(r["area_m2"]) if r.get("kind") == "land" else fmt_cell(AREA, r["area_m2"])
        ready_now = not r["ready_date"] or r["ready_date"] <= now
        r["ready"] = ready_now_text if ready_now and r.get("status", "vacant") == "vacant" else r["ready_date"]


# Every unit with its state (promo units), and the leases ending soon (promo units --expiring).
UNIT_LIST = View(
    keys=split(
        "id carrier_code carrier unit kind building floor area_m2 area_mu rent status status_label tenant "
        "reserved_for lease_start lease_end days_left status_until status_reason floor_load_kn ceiling_m "
        "ready_date plot_ratio intensity_wan_mu tax_wan_mu facilities sample"
    ),
    columns=(
        C("carrier", "Carrier", max_width=12),
        C("unit", "Unit", no_wrap=True),
        C("where", "Building·floor", no_wrap=True),
        C("area", "Area ㎡", justify="right", no_wrap=True),
        C("rent", "Rent 元/㎡·天", "rent"),
        C("state", "Status", no_wrap=True),
        C("holder", "Holder/reason", max_width=12),
        C("features", "Facilities/indicators", "list", max_width=16),
        C("days_left", "Days left", "int", tone=lambda r: "red" if (r.get("days_left") or 0) < 0 else "yellow"),
    ),
    title="Units",
    empty="no unit matches",
)
EXPIRING = UNIT_LIST.hide("features")


def prepare_unit_list(rows: Sequence[dict]) -> None:
    """A unit's state with the date it ends (lease end, end of fit-out or hold), who holds it or why, and its
    facilities (a land parcel: its published indicators)."""
    from promo.fields import land_text
    from promo.vocabulary import shown

    prepare_units(rows)
    for r in rows:
        until = r["lease_end"] or r["status_until"]
        status = shown("unit_status", r["status"])
        r["state"] = _("{status} until {date}").format(status=status, date=until) if until else status
        r["holder"] = r["holder"] or r["status_reason"]
        r["features"] = land_text(r, short=True) if r["kind"] == "land" else r["facilities"]


UNIT_LIST = UNIT_LIST.hide("days_left")
PLATFORMS = View(
    keys=split("code name name_en kind level carrier description"),
    columns=(
        C("name", "Platform", max_width=30),
        C("kind", "Kind"),
        C("level", "Level", coded="policy_level"),
        C("carrier", "Carrier"),
    ),
    title="Public service platforms",
    empty="no platforms recorded",
)
ZONE = View(
    keys=split("field value sample"),
    columns=(C("label", "Field", no_wrap=True), C("shown", "Value")),
    title="Zone",
)


CARRIERS = View(
    keys=split(
        "code name name_en kind industries units vacant_units total_area_m2 vacant_area_m2 occupancy status "
        "units_sample"
    ),
    columns=(
        C("name", "Carrier", max_width=22),
        C("kind", "Kind", no_wrap=True, coded="carrier_kind"),
        C("industries", "Industry", "list"),
        C("total_area_m2", "Total ㎡", "area"),
        C("vacant_area_m2", "Vacant ㎡", "area"),
        C("occupancy", "Occupancy", "bar"),
        C("vacant_of_units", "Vacant/units", justify="right"),
    ),
    title="Carriers",
)

JOURNAL = View(
    keys=split("id at user command summary tally undone_by undoes changes"),
    columns=(
        C("id", "#", "int"),
        C("at", "When"),
        C("user", "Who"),
        C("summary", "What"),
        C("command", "Command"),
        C("tally", "Changes", "list"),
        C("status", "Status"),
    ),
    title="Change journal",
)
