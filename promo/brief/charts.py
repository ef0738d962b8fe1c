"""Drawing a brief's Chart blocks as PNG images: matplotlib, imported only here, in a font that has every
character of the chart (a CJK font found on the machine), so a chart never shows tofu boxes."""

from __future__ import annotations

import io
import unicodedata
from functools import lru_cache

from promo.brief.document import Chart
from promo.errors import Rejected
from promo.i18n import N_, _

# Fonts tried first, in order; any other installed font that covers the text is used after them.
PREFERRED_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Droid Sans Fallback",
    "DejaVu Sans",
)
INSTALL_FONTS = N_(
    "install a Chinese font: sudo apt-get install fonts-noto-cjk (Debian/Ubuntu), sudo dnf install "
    "google-noto-sans-cjk-fonts (Fedora), or without root pip install 'promo[charts]'; macOS and Windows have one"
)
INSTALL_PLOTTING = N_("install the plotting library: pip install 'matplotlib>=3.7'")
NO_CHARTS = N_("or leave the charts out with --no-charts")

# blue for what is there (occupied, signed), teal for what follows (landed, jobs)
COLOURS = ("#2f5d8a", "#3a9a8f", "#c98b2b", "#8a4f7d")
MUTED = "#767676"  # the word for a value not known, and the note under a chart
NOTE_HEIGHT = 0.3  # inches added under a chart for its note
DPI = 150


def _figure_class():
    """matplotlib's Figure, drawn by the Agg canvas (no pyplot: no screen, no global state, a faster import)."""
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise Rejected(
            _("cannot draw the brief's charts: the plotting library matplotlib is not installed"),
            _("{advice}; {alternative}").format(advice=_(INSTALL_PLOTTING), alternative=_(NO_CHARTS)),
        ) from None
    return Figure


def _texts(chart: Chart) -> str:
    return "".join(
        [chart.title, chart.unit, chart.unknown, chart.note, *chart.categories, *(name for name, _ in chart.series)]
    )


@lru_cache(maxsize=8)
def font_for(text: str) -> str:
    """The path of an installed font with a glyph for every character of `text`, or Rejected saying how to
    install one."""
    _figure_class()
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    needed = {ord(ch) for ch in text if not ch.isspace() and unicodedata.category(ch)[0] != "C"}
    fonts = font_manager.fontManager.ttflist
    rank = {name: i for i, name in enumerate(PREFERRED_FONTS)}
    ordered = sorted(fonts, key=lambda f: (rank.get(f.name, len(rank)), f.weight != 400, f.style != "normal", f.fname))
    tried: set[str] = set()
    best: set[int] = set()
    for fname in [entry.fname for entry in ordered] + packaged_fonts():
        if fname in tried:
            continue
        tried.add(fname)
        try:
            covered = needed & set(FT2Font(fname).get_charmap())
        except (OSError, RuntimeError, ValueError):
            continue
        if covered == needed:
            return fname
        best = max(best, covered, key=len)
    missing = "".join(chr(c) for c in sorted(needed - best)[:12])
    raise Rejected(
        _(
            "cannot draw the brief's charts: no installed font has every character they need (none has {missing!r})"
        ).format(missing=missing),
        _("{advice}; {alternative}").format(advice=_(INSTALL_FONTS), alternative=_(NO_CHARTS)),
    )


def packaged_fonts() -> list[str]:
    """Fonts shipped as a Python package (mplfonts, the `charts` extra: Noto Sans CJK SC first), tried after the
    machine's own, so a machine without a system Chinese font and without root can still draw the charts."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    return sorted(str(p) for p in folder.glob("*") if p.suffix.lower() in (".otf", ".ttf", ".ttc"))


def _wrap(label: str, width: int = 14) -> str:
    """A long category name on several lines, broken by display width (a CJK character is two columns)."""
    lines, line, used = [], "", 0
    for ch in label:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width * 2 and line:
            lines.append(line)
            line, used = "", 0
        line += ch
        used += w
    lines.append(line)
    return "\n".join(lines[:3]) + ("…" if len(lines) > 3 else "")


def _number(value: float, percent: bool) -> str:
    if percent:
        return f"{value * 100:.0f}%"
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.1f}"


def draw(chart: Chart) -> bytes:
    """The chart as PNG bytes; the same chart always gives the same bytes."""
    Figure = _figure_class()
    from matplotlib.font_manager import FontProperties

    font = FontProperties(fname=font_for(_texts(chart)))
    n = len(chart.categories)
    panels = len(chart.series) if chart.horizontal and len(chart.series) > 1 else 1
    height = (max(2.2, 0.42 * n + 1.1) if chart.horizontal else 3.2) + (NOTE_HEIGHT if chart.note else 0)
    fig = Figure(figsize=(7.2, height), dpi=DPI)
    axes = fig.subplots(1, panels, squeeze=False)
    fig.suptitle(chart.title, fontproperties=_sized(font, 12), x=0.01, ha="left")
    if chart.horizontal:
        for i, ax in enumerate(axes[0]):
            shown = chart.series[i : i + 1] if panels > 1 else chart.series
            _bars_across(ax, chart, shown, font, labels=i == 0, first=i if panels > 1 else 0)
    else:
        _bars_up(axes[0][0], chart, font)
    if chart.note:
        fig.text(0.01, 0.1 / height, chart.note, fontproperties=_sized(font, 7), color=MUTED, ha="left", va="bottom")
    _margins(fig, chart, height)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()


def _margins(fig, chart: Chart, height: float) -> None:
    """Room for the title, the legend, the tick labels and the category names, reckoned from their length
    (tight_layout would draw the whole chart once more just to measure it)."""
    width = fig.get_figwidth()
    label = 0.0
    if chart.horizontal:
        longest = max((_columns(line) for c in chart.categories for line in _wrap(c).split("\n")), default=4)
        label = longest * 0.058 + 0.2  # inches: 8-pt text, a half-width column ≈ 0.058 in
    legend = 0.3 if len(chart.series) > 1 else 0.0
    bottom = (0.55 if not chart.horizontal else (0.45 if chart.unit else 0.3)) + (NOTE_HEIGHT if chart.note else 0)
    fig.subplots_adjust(
        left=min(0.55, (label or 0.55) / width),
        right=0.96,
        top=1 - (0.5 + legend) / height,
        bottom=bottom / height,
        wspace=0.08,
    )


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _sized(font, size: float):
    sized = font.copy()
    sized.set_size(size)
    return sized


def _style(ax, font) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for label in [*ax.get_xticklabels(), *ax.get_yticklabels()]:
        label.set_fontproperties(font)
        label.set_fontsize(8)


def _bars_across(ax, chart: Chart, series, font, *, labels: bool, first: int) -> None:
    """Horizontal bars, the first category on top; with several series side by side in one panel."""
    n = len(chart.categories)
    k = len(series)
    height = 0.8 / k
    top = max((v for _, values in series for v in values if v is not None), default=0) or 1
    for j, (name, values) in enumerate(series):
        ys = [n - 1 - i + (k - 1 - 2 * j) * height / 2 for i in range(n)]
        colour = COLOURS[(first + j) % len(COLOURS)]
        ax.barh(ys, [v or 0 for v in values], height=height * 0.9, color=colour, label=name)
        for y, v in zip(ys, values, strict=True):
            if v is None:  # no bar: a bar of 0 would say "none", and this is "not known"
                ax.text(top * 0.01, y, chart.unknown, va="center", color=MUTED, fontproperties=_sized(font, 7))
            elif v or chart.percent:
                ax.text(v + top * 0.01, y, _number(v, chart.percent), va="center", fontproperties=_sized(font, 7))
    ax.set_yticks(range(n))
    ax.set_yticklabels([_wrap(c) for c in reversed(chart.categories)] if labels else [""] * n)
    ax.set_xlim(0, 1.0 if chart.percent else top * 1.15)
    if chart.percent:
        ax.xaxis.set_major_formatter(lambda x, _pos: f"{x * 100:.0f}%")
    else:
        ax.xaxis.set_major_formatter(lambda x, _pos: f"{x:,.0f}")
    if len(chart.series) > 1:
        ax.set_title(series[0][0] if k == 1 else "", fontproperties=_sized(font, 9))
        if k > 1:
            ax.legend(prop=_sized(font, 8), frameon=False, loc="lower right", bbox_to_anchor=(1, 1), ncols=k)
    elif chart.unit:
        ax.set_xlabel(chart.unit, fontproperties=_sized(font, 8))
    _style(ax, font)


def _bars_up(ax, chart: Chart, font) -> None:
    """Vertical bars per category (periods), the series side by side."""
    n = len(chart.categories)
    k = max(len(chart.series), 1)
    width = 0.8 / k
    top = max((v for _, values in chart.series for v in values if v is not None), default=0) or 1
    for j, (name, values) in enumerate(chart.series):
        xs = [i + (2 * j - k + 1) * width / 2 for i in range(n)]
        ax.bar(xs, [v or 0 for v in values], width=width * 0.9, color=COLOURS[j % len(COLOURS)], label=name)
        for x, v in zip(xs, values, strict=True):
            if v is None:
                ax.text(
                    x,
                    top * 0.01,
                    chart.unknown,
                    ha="center",
                    va="bottom",
                    rotation=90,
                    color=MUTED,
                    fontproperties=_sized(font, 7),
                )
            elif v:
                ax.text(
                    x,
                    v + top * 0.01,
                    _number(v, chart.percent),
                    ha="center",
                    va="bottom",
                    fontproperties=_sized(font, 7),
                )
    ax.set_xticks(range(n))
    ax.set_xticklabels(chart.categories)
    ax.set_ylim(0, top * 1.18)
    ax.yaxis.get_major_locator().set_params(integer=True)
    if chart.unit:
        ax.set_ylabel(chart.unit, fontproperties=_sized(font, 8))
    if k > 1:
        ax.legend(prop=_sized(font, 8), frameon=False, loc="lower right", bbox_to_anchor=(1, 1), ncols=k)
    _style(ax, font)
