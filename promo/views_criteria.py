"""The views of 准入机制: the access criteria, the negative list and a project's check against them, as
`promo criteria`, `promo check` and `promo match` show them."""

from __future__ import annotations

from collections.abc import Sequence

from promo.render import Column as C
from promo.render import View
from promo.views import split

SAMPLE_CRITERIA = (
    "※ 准入条件与负面清单为示例数据 (criteria and negative list are sample data, not from the source articles)"
)

NEGATIVE = View(
    keys=split("id kind item keywords description sample"),
    columns=(
        C("kind", "类别", no_wrap=True),
        C("item", "项目 Item", max_width=30),
        C("keywords", "关键词 Keywords", "list"),
        C("description", "说明", max_width=40),
    ),
    title="负面清单 Negative list",
)

CRITERIA = View(
    keys=split("code name name_en metric op threshold unit scope industry_code carrier_code description sample"),
    columns=(
        C("name", "准入条件 Criterion", max_width=22),
        C("metric_formula", "计算方法 Formula", max_width=18),
        C("threshold_text", "阈值 Threshold", no_wrap=True),
        C("scope_label", "适用范围", max_width=22),
        C("description", "说明", max_width=40),
    ),
    title="准入条件 Access criteria",
)

# a failed criterion that binds is red; one that binds only if the project settles there, or lacks data, yellow
CHECK_TONES = {("pass", True): "green", ("pass", False): "green", ("fail", True): "red", ("fail", False): "yellow"}
CHECK_TONES |= {("unknown", True): "yellow", ("unknown", False): "yellow", ("exception", True): "yellow"}
CHECK = View(
    keys=split("code name metric value formula op threshold unit status binding scope note"),
    columns=(
        C("name", "准入条件 Criterion", max_width=18),
        C("figure", "计算 Figure", min_width=30, max_width=40),
        C("threshold_text", "阈值", no_wrap=True),
        C("result", "结果", no_wrap=True, tone=lambda r: CHECK_TONES.get((r["status"], bool(r.get("binding"))))),
        C("scope_text", "范围", max_width=14),
    ),
    title="准入检查 Criteria check",
)

NEGATIVE_HITS = View(
    keys=split("kind item hits description"),
    columns=(
        C("kind", "类别", no_wrap=True),
        C("item", "负面清单命中 Negative list", max_width=30),
        C("matched", "命中词"),
        C("description", "说明", max_width=40),
    ),
    title="负面清单 Negative list",
)


def show_check(result: dict, fmt: str, *, title: str | None = None) -> None:
    """The criteria table, the negative-list hits and the verdict line, as `promo check` and `promo match` show them."""
    import click

    rows_ = result["criteria"]

    def prepare(rows: Sequence[dict]) -> None:
        for r in rows:
            r["figure"] = r["value_text"] or r.get("note", "")
            if r["status"] == "exception":  # 一事一议: the figure and who waived the criterion
                r["figure"] = " — ".join(x for x in (r["value_text"], r["note"]) if x)
            r["result"] = r["status_label"]
            r["scope_text"] = r["scope_label"] + ("" if r["binding"] else " (条件)")

    if fmt == "csv":
        CHECK.show(rows_, fmt)
        return
    caption = None
    if any(not r["binding"] for r in rows_):
        caption = "(条件) = 项目入驻该载体或属于该产业时才适用, 不计入结论 (not binding unless it settles there)"
    if rows_:
        if any(r["sample"] for r in rows_):
            caption = "\n".join(x for x in (caption, SAMPLE_CRITERIA) if x)
        CHECK.show(rows_, fmt, prepare=prepare, caption=caption, notes=True, title=title)
    hits = result["negative"]
    if hits:
        for n in hits:
            n["matched"] = "、".join(n["hits"])
        NEGATIVE_HITS.show(hits, fmt)
    verdict = f"结论 Verdict: {result['verdict_label']} ({result['verdict']})"
    reasons = [f"{r['name']} 未达标" for r in rows_ if r["binding"] and r["status"] == "fail"]
    reasons += [f"命中{n['kind']}类: {n['item']}" for n in hits]
    if result["missing"]:
        reasons.append("缺 " + "、".join(result["missing"]))
    reasons += result.get("undetermined") or []
    reasons += [f"{name} 一事一议例外 (exception)" for name in result.get("exceptions") or []]
    if not hits:
        reasons.append("负面清单未命中")
    from promo import screen

    line = verdict + " — " + "; ".join(reasons)
    colour = {"pass": "green", "fail": "red"}.get(result["verdict"], "yellow") if screen.colour() else None
    click.echo(click.style(line, fg=colour) if colour else line, color=bool(colour))
