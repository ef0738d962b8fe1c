"""Which charts a brief shows, composed as Chart blocks into the sections whose figures they picture.

The words come from promo.brief.texts and the names through the Composer, so a chart says what the
brief says, in its language, with the same privacy: leads are never in a chart (see chartdata).
"""

from __future__ import annotations

from promo.brief import numbers as num
from promo.brief.document import Chart, Heading, Section


def add_charts(c, sections: list[Section]) -> None:
    """Put each chart into the section it belongs to, before the section's sub-headings."""
    by_key = {s.key: s for s in sections}
    _place(by_key.get("carriers"), occupancy(c))
    _place(by_key.get("industries") or by_key.get("chain") or by_key.get("tenants"), industries(c))
    _place(by_key.get("tenants"), quarters(c))
    _place(by_key.get("pipeline"), funnel(c))


def _place(section: Section | None, chart: Chart | None) -> None:
    if section is None or chart is None:
        return
    at = next((i for i, b in enumerate(section.blocks) if isinstance(b, Heading)), len(section.blocks))
    section.blocks.insert(at, chart)


def occupancy(c) -> Chart | None:
    """Each listed carrier's 出租率 as `promo carriers` has it: the share of its floor area let or reserved."""
    listed = [r for r in (c.data.get("carriers") or {}).get("rows", []) if r["units"] and r["total_area_m2"]]
    if len(listed) < 2:
        return None  # one carrier's occupancy is a sentence, not a chart
    sample = any(r["units_sample"] for r in listed)
    return Chart(
        name="occupancy",
        title=c.mark(c.t("chart.occupancy"), sample),
        categories=[c.name(r["name"], r.get("name_en")) for r in listed],
        series=[(c.t("chart.occupied"), [r["occupancy"] or 0 for r in listed])],
        horizontal=True,
        percent=True,
    )


def funnel(c) -> Chart | None:
    """Firms at each stage (internal briefs only: the pipeline section is)."""
    stages = c.data.get("pipeline") or []
    if not stages:
        return None
    return Chart(
        name="funnel",
        title=c.t("chart.funnel"),
        categories=[c.stage(p["stage"]) for p in stages],
        series=[(c.t("chart.firms"), [p["firms"] for p in stages])],
        horizontal=True,
    )


def industries(c) -> Chart | None:
    """Planned investment and jobs of the firms signed or later, per industry; an industry none of whose firms
    gave a figure shows it as not known (no bar), and the firms left out of a sum are counted under the chart."""
    # the largest dozen: a chart of more bars than that is read like a table, and the table is there
    found = [
        g
        for g in (c.data.get("charts") or {}).get("industries", [])
        if g["investment_wan"] or g["jobs"] or g["investment_unknown"] or g["jobs_unknown"]
    ][:12]
    if not any(g["investment_wan"] or g["jobs"] for g in found):
        return None  # nothing known to picture: a chart of blanks says less than no chart
    unit = c.money_unit(g["investment_wan"] or 0 for g in found)
    divisor = float(num.MONEY_UNITS[unit][0])
    invested = [None if g["investment_wan"] is None else g["investment_wan"] / divisor for g in found]
    partly = sum(g["investment_unknown"] for g in found if g["investment_wan"] is not None)
    partly_jobs = sum(g["jobs_unknown"] for g in found if g["jobs"] is not None)
    return Chart(
        name="industries",
        title=c.t("chart.industries.parts" if c.req.scope == "industry" else "chart.industries"),
        categories=[c.term(g["name"], g.get("name_en")) for g in found],
        series=[
            (c.headed(c.t("chart.investment"), unit), invested),
            (c.t("chart.jobs"), [g["jobs"] for g in found]),
        ],
        horizontal=True,
        unknown=c.t("chart.unknown"),
        note=_left_out(c, partly, partly_jobs),
    )


def _left_out(c, investment: int, jobs: int) -> str:
    """The line under the chart naming the firms whose figure its bars leave out; blank when none is."""
    parts = [
        c.t(key, n=num.count(n))
        for key, n in (("chart.unknown.investment", investment), ("chart.unknown.jobs", jobs))
        if n
    ]
    return c.t("chart.unknown.note", parts=("、" if c.lang == "zh" else " and ").join(parts)) if parts else ""


def quarters(c) -> Chart | None:
    """Firms that signed and that moved in, per quarter, over the last two years."""
    found = (c.data.get("charts") or {}).get("quarters", [])
    if not any(q["signed"] or q["landed"] for q in found):
        return None
    return Chart(
        name="quarters",
        title=c.t("chart.quarters"),
        categories=[q["quarter"] if c.lang == "en" else q["quarter"].replace("-Q", "\nQ") for q in found],
        series=[
            (c.stage("签约"), [q["signed"] for q in found]),
            (c.stage("落地"), [q["landed"] for q in found]),
        ],
        unit=c.t("chart.firms"),
    )
