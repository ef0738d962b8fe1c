"""The pipeline's views: enterprises (and what of them public output may carry), the overdue list and the
funnel — machine keys beside human columns, declared once."""

from __future__ import annotations

from promo.render import Column as C
from promo.render import View
from promo.views import split

ENTERPRISES = View(
    keys=split(
        "id name name_en code_name uscc uscc_bad_check kind industry_code industry stage stage_en stage_date "
        "carrier_code carrier units reserved_units area_m2 investment_wan jobs source_channel country owner "
        "owner_since sample"
    ),
    columns=(
        C("shown_name", "Name", min_width=12, max_width=24),
        C("stage", "Stage", no_wrap=True, coded="stage"),
        C("stage_date", "Date", no_wrap=True),
        C("industry", "Industry", max_width=12),
        C("space", "Space", "list", max_width=20),
        C("investment_wan", "万元 invested", "money"),
        C("source_channel", "Source", max_width=12, coded="channel"),
        C("owner", "By", no_wrap=True),  # the officer in charge (负责人); a short header keeps 80 columns a table
    ),
    title="Enterprises",
    empty="no enterprise matches",
)
# What public output may carry (an allow-list: a field added later stays internal until it is named here);
# the name is replaced by the code name or 未公开项目, and the signed-only keys are blank before 签约.
PUBLIC_KEYS = ("id", "name", "kind", "kind_label", "industry_code", "industry", "industry_path", "stage", "stage_en")
PUBLIC_KEYS += ("stage_date", "stage_days", "stage_deadline_days", "stage_overdue_days", "stage_deadline_sample")
PUBLIC_KEYS += ("sample", "history", "activities")
SIGNED_PUBLIC_KEYS = ("carrier_code", "carrier", "units", "reserved_units", "area_m2", "space")
SIGNED_PUBLIC_KEYS += ("investment_wan", "jobs", "country")
PUBLIC_HISTORY = ("stage", "stage_en", "date", "days")
PUBLIC_SPACE = ("carrier", "carrier_code", "unit", "building", "floor", "area_m2", "rent", "status", "status_label")
PUBLIC_SPACE += ("sample",)

OVERDUE = View(
    keys=split("kind id name stage stage_en stage_date owner due days_overdue detail uscc_bad_check"),
    columns=(
        C("kind", "Category", no_wrap=True, coded="overdue_kind"),
        C("shown_name", "Enterprise/unit", max_width=26),
        C("stage", "Stage", no_wrap=True, coded="stage"),
        C("owner", "Owner", no_wrap=True),
        C("due", "Due", no_wrap=True, tone=lambda r: "red"),
        C("days_overdue", "Days overdue", "int", tone=lambda r: "red"),
        C("detail", "Detail", max_width=40),
    ),
    title="What is overdue",
    empty="nothing is overdue",
)

NEEDS_KEYS = split(
    "name industry min_area max_area max_rent facilities min_floor_load available_by investment_wan "
    "land_mu output_wan tax_wan rd_wan jobs business last_matched_at updated_at"
)
NEEDS = View(keys=NEEDS_KEYS, columns=())

FUNNEL = View(
    keys=split("group stage stage_en count reached investment_wan conversion median_days stays"),
    columns=(
        C("stage", "Stage", no_wrap=True, coded="stage"),
        C("count", "Count", "int"),
        C("reached", "Reached", "int"),
        C("investment_wan", "Investment 万元", "money"),
        C("conversion_text", "Conversion → next", justify="right", no_wrap=True),
        C("median_text", "Median days", justify="right", no_wrap=True),
    ),
    title="Pipeline",
    empty="no enterprises",
)


def series(stage_en: dict[str, str]) -> View:
    """Stage entries per period: one column per stage, keyed by the vocabulary's English label and headed by
    the stage in the user's language."""
    from promo.vocabulary import shown

    return View(
        keys=("period", *stage_en.values(), "signed_investment_wan"),
        columns=(
            C("period", "Period", no_wrap=True),
            *(C(en, shown("stage", zh), "int") for zh, en in stage_en.items()),
            C("signed_investment_wan", "Signed investment 万元", "money"),
        ),
        empty="no stage history",
    )


def public_row(row: dict) -> dict:
    """A row safe to show outside the office, built from the allow-list: code name for the real name."""
    from promo.vocabulary import display_name, is_public

    signed = is_public(row["stage"])
    out = {k: row[k] for k in PUBLIC_KEYS if k in row}
    for k in SIGNED_PUBLIC_KEYS:
        if k in row:
            out[k] = row[k] if signed else [] if isinstance(row[k], list) else None
    out["name"] = display_name(row, public=True)
    if "history" in out:
        out["history"] = [{k: h.get(k) for k in PUBLIC_HISTORY} for h in out["history"]]
    if out.get("space"):
        out["space"] = [{k: u.get(k) for k in PUBLIC_SPACE} for u in out["space"]]
    if "activities" in out:
        out["activities"] = []  # notes of visits and calls are the office's own
    return out
