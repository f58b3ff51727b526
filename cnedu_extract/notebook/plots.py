"""Plot helpers for notebooks: money by region, figures by year, a kind breakdown.

Each returns the matplotlib ``Figure`` (drawn on ``ax`` when given, else on a new Figure made
without pyplot, so nothing is left in pyplot's global state and nothing is shown twice in
Jupyter).  Region names need a CJK font: the first installed of Noto Sans CJK, Source Han Sans,
WenQuanYi, SimHei, Microsoft YaHei or PingFang is used for the figure's text; with none, one
warning says which package to install.  Value axes read 3万 / 1.2亿, never ``3.642e+05``, and a
figure is never wider than ``MAX_WIDTH`` inches.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any
import warnings

from .collection import as_dicts

__all__ = ["plot_money_by_region", "plot_counts_by_year", "plot_kinds", "NO_REGION"]

NO_REGION = "(no region)"
_CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "Source Han Sans CN",
                 "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei",
                 "PingFang SC", "Heiti SC", "Noto Serif CJK SC")
_CJK_FILE_HINTS = ("cjk", "wqy", "simhei", "msyh", "pingfang", "sourcehansans", "droidsansfallback")
_BAR = "#4c78a8"
MAX_WIDTH = 12.0  # inches: a figure of many years stays readable in a notebook cell
NO_CJK_FONT = ("no CJK font found, so Chinese labels show as boxes: install one, e.g. "
               "`apt-get install fonts-noto-cjk` (Debian/Ubuntu) or `brew install --cask font-noto-sans-cjk`")


def _matplotlib() -> Any:
    try:
        import matplotlib
        from matplotlib.figure import Figure  # noqa: F401
    except ImportError:
        raise ImportError(
            'the plot helpers need matplotlib: pip install "cnedu-extract[notebook]"') from None
    return matplotlib


@lru_cache(maxsize=1)
def _font_families() -> tuple[str, ...]:
    """Installed CJK families (registering system CJK fonts matplotlib's cache predates)."""
    from matplotlib import font_manager as fm

    def installed() -> list[str]:
        names = {f.name for f in fm.fontManager.ttflist}
        return [f for f in _CJK_FAMILIES if f in names]

    found = installed()
    if not found:
        for path in fm.findSystemFonts():
            if any(h in path.lower().replace(" ", "") for h in _CJK_FILE_HINTS):
                try:
                    fm.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        found = installed()
    if not found:
        warnings.warn(NO_CJK_FONT, stacklevel=3)
    return (*found[:1], "DejaVu Sans")


def cn_tick(value: float, _pos: object = None) -> str:
    """A tick label in the units a Chinese reader expects: 3万, 1.2亿, 850 (never 3.642e+05)."""
    for scale, suffix in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= scale:
            return f"{value / scale:.4g}{suffix}"
    return f"{value:.4g}"


def _readable(axis: Any) -> None:
    from matplotlib.ticker import FuncFormatter
    axis.set_major_formatter(FuncFormatter(cn_tick))


def _axes(ax: Any, size: tuple[float, float]) -> tuple[Any, Any]:
    _matplotlib()
    if ax is not None:
        return ax.figure, ax
    from matplotlib.figure import Figure
    fig = Figure(figsize=(min(size[0], MAX_WIDTH), size[1]), layout="constrained")
    return fig, fig.add_subplot()


def _finish(fig: Any) -> Any:
    from matplotlib.text import Text
    families = list(_font_families())
    for t in fig.findobj(Text):
        t.set_fontfamily(families)
    return fig


def _empty(ax: Any, message: str) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color="#666")


def _money_scale(total: float) -> tuple[float, str]:
    if total >= 1e8:
        return 1e8, "亿元"
    if total >= 1e4:
        return 1e4, "万元"
    return 1.0, "元"


def plot_money_by_region(records: Any, *, ax: Any = None, top: int = 12,
                         include_unlinked: bool = True) -> Any:
    """Horizontal bars: the sum of money figures (unit 元) per region, largest first.

    Sums ``value`` (the lower bound of a range) of every money record, so a total and its
    parts both count: this is "money mentioned", for exploring, not an audit.  Records without
    a region go to one ``(no region)`` bar unless ``include_unlinked`` is False.
    """
    sums: dict[str, float] = defaultdict(float)
    for r in as_dicts(records):
        if r.get("kind") == "money" and r.get("unit") == "元":
            region = r.get("region") or (NO_REGION if include_unlinked else None)
            if region:
                sums[region] += float(r["value"])
    items = sorted(sums.items(), key=lambda kv: (kv[0] == NO_REGION, -kv[1]))[:top]
    scale, unit = _money_scale(max((v for _, v in items), default=0.0))
    fig, ax = _axes(ax, (7, 0.45 * max(len(items), 3) + 1.2))
    labels = [k for k, _ in items][::-1]
    values = [v / scale for _, v in items][::-1]
    bars = ax.barh(labels, values, color=_BAR)
    ax.bar_label(bars, labels=[cn_tick(v) for v in values], padding=3, fontsize=8)
    _readable(ax.xaxis)
    ax.set_xlabel(f"money mentioned ({unit})")
    ax.set_title("Money by region")
    ax.margins(x=0.15)
    if not items:
        _empty(ax, "no money figures")
    return _finish(fig)


def plot_counts_by_year(records: Any, *, ax: Any = None, kinds: Iterable[str] | None = None) -> Any:
    """Vertical bars: the number of figures per year (``year`` field), optionally of some kinds.

    Figures without a year are left out; their number is given in the title.
    """
    wanted = set(kinds) if kinds is not None else None
    rows = [r for r in as_dicts(records) if wanted is None or r.get("kind") in wanted]
    counts = Counter(int(r["year"]) for r in rows if r.get("year") is not None)
    missing = sum(1 for r in rows if r.get("year") is None)
    years = sorted(counts)
    fig, ax = _axes(ax, (max(4.0, 0.6 * len(years) + 2), 3.5))
    bars = ax.bar([str(y) for y in years], [counts[y] for y in years], color=_BAR)
    ax.bar_label(bars, padding=2, fontsize=8)
    _readable(ax.yaxis)
    if len(years) > 16:  # a long run of years: labels turned so that they do not overlap
        ax.tick_params(axis="x", labelrotation=90)
    ax.set_ylabel("figures")
    ax.set_title("Figures by year" + (f" ({missing} without a year)" if missing else ""))
    ax.margins(y=0.15)
    if not years:
        _empty(ax, "no figures with a year")
    return _finish(fig)


def plot_kinds(records: Any, *, ax: Any = None) -> Any:
    """Horizontal bars: the number of figures of each kind, most frequent on top."""
    from .highlight import KIND_COLOURS

    counts = Counter(r.get("kind") or "other" for r in as_dicts(records))
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[::-1]
    fig, ax = _axes(ax, (6, 0.4 * max(len(items), 3) + 1.2))
    bars = ax.barh([k for k, _ in items], [n for _, n in items],
                   color=[KIND_COLOURS.get(k, "#ddd") for k, _ in items], edgecolor="#555")
    ax.bar_label(bars, padding=3, fontsize=8)
    _readable(ax.xaxis)
    ax.set_xlabel("figures")
    ax.set_title("Figures by kind")
    ax.margins(x=0.12)
    return _finish(fig)
