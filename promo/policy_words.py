"""Why a policy applies or not, worded in the user's language: one short phrase per restricted field, saying
what was compared with what (promo.policies judges; this module words the judgement)."""

from __future__ import annotations

from promo.countries import is_overseas_region
from promo.i18n import N_, _
from promo.profile import fmt_wan
from promo.vocabulary import shown, stages_text

FIELD_LABELS = {
    "date": N_("policy"),
    "industry": N_("industry"),
    "kind": N_("kind"),
    "investment": N_("investment"),
    "jobs": N_("jobs"),
    "stage": N_("stage"),
    "carrier": N_("carrier"),
    "country": N_("country"),
    "eligibility": N_("conditions"),
    "kind_of_policy": N_("kind of policy"),
}


def explain(r: dict, statuses: dict, p: dict) -> list[dict]:
    """One short phrase per restricted field, saying what was compared with what."""
    e = r["eligibility"] or {}
    out = []

    def add(field: str, text: str) -> None:
        mark = {"yes": " ✓", "no": " ✗"}.get(statuses[field], "")
        out.append({"field": field, "status": statuses[field], "text": f"{_(FIELD_LABELS[field])} {text}{mark}"})

    def only(value: str, listed: str) -> str:
        return _("{value}; the policy is for {listed}").format(value=value, listed=listed)

    def unrecorded(listed: str) -> str:
        return _("not on record (the policy is for {listed})").format(listed=listed)

    if statuses["date"] == "no":
        add("date", _("ended on {date}").format(date=r["end_date"]))
    elif statuses["date"] == "if":
        add("date", _("in force from {date}").format(date=r["start_date"]))
    if not e:
        return out

    sep = _(", ")
    listed = sep.join(e["industry_names"])
    s = statuses["industry"]
    if s == "yes":
        add(
            "industry",
            _("{value} is in {listed}").format(value=p["industry"], listed=statuses["industry_match"] or listed),
        )
    elif s == "no":
        add("industry", _("{value} is not in {listed}").format(value=p["industry"], listed=listed))
    elif s == "unknown" and p["industry"]:
        add(
            "industry", _("{value} is too broad; the policy is for {listed}").format(value=p["industry"], listed=listed)
        )
    elif s == "unknown":
        add("industry", unrecorded(listed))

    kinds = sep.join(shown("enterprise_kind", k) for k in e["enterprise_kinds"])
    s = statuses["kind"]
    if s in ("yes", "no"):
        kind = shown("enterprise_kind", p["kind"])
        add("kind", kind if s == "yes" else only(kind, kinds))
    elif s == "unknown":
        add("kind", unrecorded(kinds))

    # a threshold is judged one way whatever it counts: the figure against the minimum, or not on record
    # the figure plain, the minimum with its unit: 投资 20,000 ≥ 5,000万元, 就业 200 ≥ 150人
    for field, key, minimum, show, with_unit in (
        ("investment", "investment_wan", e["min_investment_wan"], fmt_wan, lambda v: f"{fmt_wan(v)}万元"),
        ("jobs", "jobs", e.get("min_jobs"), lambda n: f"{n:,}", lambda n: _("{n} people").format(n=f"{n:,}")),
    ):
        s = statuses[field]
        if s in ("yes", "no"):
            add(field, f"{show(p[key])} {'≥' if s == 'yes' else '<'} {with_unit(minimum)}")
        elif s == "unknown":
            add(field, _("not on record (needs ≥ {minimum})").format(minimum=with_unit(minimum)))

    stages = stages_text(e["stages"])
    s = statuses["stage"]
    now = shown("stage", p["stage"]) or _("not yet in the pipeline")
    if s == "yes":
        add("stage", now)
    elif s == "if":
        add("stage", _("applies at {stages} (now {now})").format(stages=stages, now=now))
    elif s == "no":
        add("stage", only(now, stages))

    carriers = sep.join(e["carrier_names"])
    s = statuses["carrier"]
    if s == "yes":
        add("carrier", p["carrier"])
    elif s == "no":
        add("carrier", only(p["carrier"], carriers))
    elif s == "if":
        add("carrier", _("applies once it settles in {carriers}").format(carriers=carriers))
    elif s == "unknown":
        add("carrier", unrecorded(carriers))

    countries = sep.join(shown("country_group", c) for c in e["countries"])
    s = statuses["country"]
    # 港澳台 investors are 境外 for investment policy although part of China: say so where it decides
    region = (
        " " + _("(Hong Kong, Macao and Taiwan count as outside the mainland)")
        if is_overseas_region(p["country"]) and {"境外", "境内"} & set(e["countries"])
        else ""
    )
    if s == "yes":
        # "is in" fits an industry but not "outside the mainland": a country counts as one of the groups
        add("country", _("{value} counts as {listed}").format(value=p["country"], listed=countries) + region)
    elif s == "no":
        add("country", only(p["country"], countries) + region)
    elif s == "unknown":
        add("country", unrecorded(countries))
    return out
