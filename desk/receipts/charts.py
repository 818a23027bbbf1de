"""The supervision charts as reportlab drawings: one drawing serves the PDF and, as SVG, the screen.

reportlab.graphics.charts is already in the bundle (no numpy); the counter program shows the SVG
with QtSvg. Titles and legends are given by the caller, so the screen can show them translated.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors

from desk.analytics.indicators import Supervision
from desk.receipts.fonts import register

POOL, ACCOUNT, CASH = colors.HexColor("#2f6db5"), colors.HexColor("#f0a030"), colors.HexColor("#8c8c8c")
SLICES = ("#2f6db5", "#f0a030", "#3fa34d", "#c0392b", "#8e44ad", "#16a085", "#d35400", "#7f8c8d", "#2c3e50")


@dataclass(frozen=True)
class Words:
    """What the charts say; the defaults are the Chinese of the PDF."""

    daily: str = "每日费用（统筹 / 个人账户 / 现金）"
    pool: str = "统筹基金"
    account: str = "个人账户"
    cash: str = "现金"
    structure: str = "费用结构"
    hours: str = "各时段就诊人次"
    avg_cost: str = "次均费用走势（元）"
    empty: str = "本期无结算"
    categories: tuple[tuple[str, str], ...] = ()  # fee_category → label shown (default: the category itself)


def _drawing(width: float, height: float, font: str) -> Drawing:
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # else reportlab sets Helvetica, which is not embedded
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))  # SVG is transparent else
    return drawing


def _title(drawing: Drawing, text: str, font: str) -> None:
    drawing.add(String(drawing.width / 2, drawing.height - 14, text, fontName=font, fontSize=10, textAnchor="middle"))


def _empty(drawing: Drawing, words: Words, font: str) -> Drawing:
    drawing.add(String(drawing.width / 2, drawing.height / 2, words.empty, fontName=font, fontSize=9,
                       textAnchor="middle", fillColor=colors.grey))
    return drawing


def _tick_days(days: list[str]) -> list[str]:
    """Day labels for the axis: the day of month, every few days so they do not overlap."""
    step = max(1, len(days) // 10)
    return [d[-2:] if n % step == 0 else "" for n, d in enumerate(days)]


def _money(value: Decimal) -> float:
    return float(value)  # a chart's bar height only: every figure printed stays Decimal


def daily_chart(s: Supervision, width: float = 260, height: float = 180, words: Words = Words()) -> Drawing:
    font = register()
    d = _drawing(width, height, font)
    _title(d, words.daily, font)
    if not s.daily:
        return _empty(d, words, font)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 38, width - 55, height - 70
    chart.data = [[_money(r.pool_pay) for r in s.daily], [_money(r.account_pay) for r in s.daily],
                  [_money(r.cash_pay) for r in s.daily]]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = _tick_days([r.day for r in s.daily])
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.barSpacing = 0
    chart.groupSpacing = 1
    for n, colour in enumerate((POOL, ACCOUNT, CASH)):
        chart.bars[n].fillColor = colour
        chart.bars[n].strokeColor = None
    d.add(chart)
    d.add(_legend(font, [(POOL, words.pool), (ACCOUNT, words.account), (CASH, words.cash)], 40, 14))
    return d


def _legend(font: str, pairs: list, x: float, y: float, columns: int | None = None) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = font, 7
    legend.alignment = "right"
    legend.boxAnchor = "w"
    legend.columnMaximum = columns or 1
    legend.dx, legend.dy, legend.deltax = 7, 7, 55
    legend.colorNamePairs = pairs
    return legend


def structure_chart(s: Supervision, width: float = 260, height: float = 180, words: Words = Words()) -> Drawing:
    font = register()
    d = _drawing(width, height, font)
    _title(d, words.structure, font)
    parts = [(c, a) for c, a in s.fee_structure if a > 0]
    if not parts:
        return _empty(d, words, font)
    names = dict(words.categories)
    total = sum((a for _, a in parts), Decimal(0))
    pie = Pie()
    side = min(width * 0.45, height - 40)
    pie.x, pie.y, pie.width, pie.height = 15, (height - 20 - side) / 2, side, side
    pie.data = [_money(a) for _, a in parts]
    pie.labels = None
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 0.5
    for n in range(len(parts)):
        pie.slices[n].fillColor = colors.HexColor(SLICES[n % len(SLICES)])
    d.add(pie)
    pairs = [(colors.HexColor(SLICES[n % len(SLICES)]),
              f"{names.get(c, c)} {(a / total * 100).quantize(Decimal('0.1'))}%") for n, (c, a) in enumerate(parts)]
    legend = _legend(font, pairs, side + 30, height - 30, columns=len(pairs))
    legend.boxAnchor = "nw"
    legend.deltay = min(14, (height - 40) / len(pairs))  # nine categories still fit above the drawing's bottom
    legend.dy = min(7, legend.deltay - 1)
    d.add(legend)
    return d


def hours_chart(s: Supervision, width: float = 260, height: float = 180, words: Words = Words()) -> Drawing:
    font = register()
    d = _drawing(width, height, font)
    _title(d, words.hours, font)
    if not any(s.hours):
        return _empty(d, words, font)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 35, 25, width - 45, height - 55
    chart.data = [[max(0, n) for n in s.hours]]
    chart.categoryAxis.categoryNames = [str(h) if h % 3 == 0 else "" for h in range(24)]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = POOL
    chart.bars[0].strokeColor = None
    for hour in range(24):
        if hour < s.thresholds.open_from or hour >= s.thresholds.open_until:
            chart.bars[(0, hour)].fillColor = colors.HexColor("#c0392b")  # off-hours, as the alert counts them
    d.add(chart)
    return d


def avg_cost_chart(s: Supervision, width: float = 260, height: float = 180, words: Words = Words()) -> Drawing:
    font = register()
    d = _drawing(width, height, font)
    _title(d, words.avg_cost, font)
    days = [r for r in s.daily if r.visits > 0]
    if not days:
        return _empty(d, words, font)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 40, 25, width - 55, height - 55
    chart.data = [[_money(r.total / r.visits) for r in days]]
    chart.categoryAxis.categoryNames = _tick_days([r.day for r in days])
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.lines[0].strokeColor = POOL
    chart.lines[0].strokeWidth = 1.2
    chart.lines[0].symbol = makeMarker("FilledCircle", size=3)  # a single day still shows
    d.add(chart)
    return d


CHARTS = {"daily": daily_chart, "structure": structure_chart, "hours": hours_chart, "avg_cost": avg_cost_chart}


def svg(drawing: Drawing, family: str | None = None) -> bytes:
    """The drawing as SVG for QSvgRenderer; text stays text, in ``family`` (the name the screen knows the
    embedded font by, e.g. "WenQuanYi Zen Hei") instead of reportlab's registered name."""
    from reportlab.graphics import renderSVG

    text = renderSVG.drawToString(drawing)
    if family:
        text = text.replace(f"font-family: {register()}", f"font-family: '{family}'")
    return text.encode("utf-8")
