"""The views of 准入机制: the access criteria, the negative list and a project's check against them, as
`promo criteria`, `promo check` and `promo match` show them."""

from __future__ import annotations

from collections.abc import Sequence

from promo.i18n import N_, _
from promo.render import Column as C
from promo.render import View
from promo.views import split

SAMPLE_CRITERIA = N_("※ criteria and negative list are sample data, not from the source articles")

NEGATIVE = View(
    keys=split("id kind item keywords description sample"),
    columns=(
        C("kind", "Category", no_wrap=True, coded="negative_kind"),
        C("item", "Item", max_width=30),
        C("keywords", "Keywords", "list"),
        C("description", "Description", max_width=40),
    ),
    title="Negative list",
)

CRITERIA = View(
    keys=split("code name name_en metric op threshold unit scope industry_code carrier_code description sample"),
    columns=(
        C("name", "Criterion", max_width=22),
        C("metric", "Formula", max_width=18, coded="metric_formula"),
        C("threshold_text", "Threshold", no_wrap=True),
        C("scope_label", "Applies to", max_width=22, coded="criterion_scope"),
        C("description", "Description", max_width=40),
    ),
    title="Access criteria",
)

# a failed criterion that binds is red; one that binds only if the project settles there, or lacks data, yellow
CHECK_TONES = {("pass", True): "green", ("pass", False): "green", ("fail", True): "red", ("fail", False): "yellow"}
CHECK_TONES |= {("unknown", True): "yellow", ("unknown", False): "yellow", ("exception", True): "yellow"}
CHECK = View(
    keys=split("code name metric value formula op threshold unit status binding scope note"),
    columns=(
        C("name", "Criterion", max_width=18),
        C("figure", "Figure", min_width=30, max_width=40),
        C("threshold_text", "Threshold", no_wrap=True),
        C("result", "Result", no_wrap=True, tone=lambda r: CHECK_TONES.get((r["status"], bool(r.get("binding"))))),
        C("scope_text", "Scope", max_width=14),
    ),
    title="Criteria check",
)

NEGATIVE_HITS = View(
    keys=split("kind item hits description"),
    columns=(
        C("kind", "Category", no_wrap=True, coded="negative_kind"),
        C("item", "Negative list hit", max_width=30),
        C("matched", "Matched words"),
        C("description", "Description", max_width=40),
    ),
    title="Negative list",
)


def show_check(result: dict, fmt: str, *, title: str | None = None) -> None:
    """The criteria table, the negative-list hits and the verdict line, as `promo check` and `promo match` show them."""
    import click

    from promo.vocabulary import shown

    rows_ = result["criteria"]

    def figures(keys) -> str:
        return _(", ").join(shown("profile_figure", k) for k in keys)

    def prepare(rows: Sequence[dict]) -> None:
        for r in rows:
            r["figure"] = r["value_text"] or r.get("note", "")
            if r["status"] == "unknown" and r.get("lacking"):
                r["figure"] = _("missing {figures}").format(figures=figures(r["lacking"]))
            elif r["status"] == "n/a":
                r["figure"] = _("leases floor space: takes no land")
            if r["status"] == "exception":  # 一事一议: the figure and who waived the criterion
                r["figure"] = " — ".join(x for x in (r["value_text"], r["note"]) if x)
            r["result"] = r["status_label"]
            r["scope_text"] = shown("criterion_scope", r["scope_label"]) + ("" if r["binding"] else " " + _("(if)"))

    if fmt == "csv":
        CHECK.show(rows_, fmt)
        return
    caption = None
    if any(not r["binding"] for r in rows_):
        caption = _(
            "(if) = applies only if the project settles in that carrier or is in that industry; "
            "not counted in the verdict"
        )
    if rows_:
        if any(r["sample"] for r in rows_):
            caption = "\n".join(x for x in (caption, _(SAMPLE_CRITERIA)) if x)
        CHECK.show(rows_, fmt, prepare=prepare, caption=caption, notes=True, title=title)
    hits = result["negative"]
    if hits:
        for n in hits:
            n["matched"] = "、".join(n["hits"])
        NEGATIVE_HITS.show(hits, fmt)
    verdict = _("Verdict: {verdict}").format(verdict=shown("check_verdict", result["verdict"]))
    reasons = [_("{name} not met").format(name=r["name"]) for r in rows_ if r["binding"] and r["status"] == "fail"]
    reasons += [
        _("on the negative list ({kind}): {item}").format(kind=shown("negative_kind", n["kind"]), item=n["item"])
        for n in hits
    ]
    if result["missing"]:
        reasons.append(_("missing {figures}").format(figures=figures(result.get("missing_keys") or [])))
    reasons += result.get("undetermined") or []
    reasons += [_("{name}: case-by-case exception").format(name=name) for name in result.get("exceptions") or []]
    if not hits:
        reasons.append(_("nothing on the negative list"))
    import sys

    from promo import screen
    from promo.terminal import wrapped

    # wrapped as the tables and captions above it are (to COLUMNS even off a terminal), never inside a word
    line = wrapped(verdict + " — " + _("; ").join(reasons), screen.width(sys.stdout))
    colour = {"pass": "green", "fail": "red"}.get(result["verdict"], "yellow") if screen.colour() else None
    click.echo(click.style(line, fg=colour) if colour else line, color=bool(colour))
