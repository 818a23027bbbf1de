"""`desk simulate` on paper: both policies side by side and the patients' burden by band, as a chart."""
from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from desk.analytics.simulate import Comparison, distribution, summary_lines
from desk.receipts.fonts import register
from desk.receipts.layout import PAPERS, Slip


def burden_chart(c: Comparison, width: float, height: float) -> Drawing:
    font = register()
    d = Drawing(width, height)
    d.initialFontName = font
    d.add(String(width / 2, height - 14, "参保人年度个人负担分布（人数，按负担金额分段，元）", fontName=font, fontSize=10,
                 textAnchor="middle"))
    a, b = distribution(c.base), distribution(c.other)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 45, 40, width - 60, height - 75
    chart.data = [[n for _, n in a], [n for _, n in b]]
    chart.categoryAxis.categoryNames = [label for label, _ in a]
    chart.categoryAxis.labels.fontName = chart.valueAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    for n, colour in enumerate(("#2f6db5", "#f0a030")):
        chart.bars[n].fillColor = colors.HexColor(colour)
        chart.bars[n].strokeColor = None
    d.add(chart)
    legend = Legend()
    legend.x, legend.y, legend.fontName, legend.fontSize = 45, 14, font, 8
    legend.alignment, legend.columnMaximum, legend.deltax = "right", 1, 120
    legend.colorNamePairs = [(colors.HexColor("#2f6db5"), c.base.policy), (colors.HexColor("#f0a030"), c.other.policy)]
    d.add(legend)
    return d


def render_simulation(c: Comparison) -> bytes:
    slip = Slip(PAPERS["a4"])
    slip.title(f"政策测算：{c.base.policy} 与 {c.other.policy}")
    slip.text("依据 南昌 六（费用测算）：按参保人逐次就诊顺序结算，年度起付线、限额与个人账户余额逐次累计。", 0.9)
    slip.rule(dashed=False)
    for line in summary_lines(c):
        slip.text(line, 0.85)
    slip.space(10)
    slip.drawings([burden_chart(c, slip.width, 260)])
    return slip.pdf(title=f"simulate {c.base.policy} {c.other.policy}")
