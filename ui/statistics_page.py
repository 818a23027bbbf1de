"""统计: the supervision indicators, charts and alerts of a period, for supervisors and admins.

The figures come from desk.analytics; the charts are the reportlab drawings of the PDF report,
rendered to SVG and shown with QtSvg, so the screen and the paper cannot disagree. Double-clicking
an alert lists the settlements behind it.
"""
from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout,
                               QHeaderView, QLabel, QMessageBox, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from desk.analytics import Period, Selection, load_thresholds, supervise
from desk.engine import local_day
from desk.money import format_yuan
from desk.receipts.charts import CHARTS, Words, svg


def _table(columns: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _percent(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.01'))}%"


class StatisticsPage(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.result = None
        self.first, self.last = QDateEdit(), QDateEdit()
        for edit, name in ((self.first, "period_first"), (self.last, "period_last")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        this_month, last_month = QPushButton(self.tr("本月")), QPushButton(self.tr("上月"))
        this_month.clicked.connect(lambda: self.show_month(0))
        last_month.clicked.connect(lambda: self.show_month(-1))
        show = QPushButton(self.tr("统计"))
        show.setObjectName("show_statistics")
        show.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("期间")))
        top.addWidget(self.first)
        top.addWidget(QLabel("—"))
        top.addWidget(self.last)
        for button in (this_month, last_month, show):
            top.addWidget(button)
        self.note = QLabel()
        self.note.setObjectName("statistics_note")
        top.addWidget(self.note, 1)

        self.figures = _table([self.tr("指标"), self.tr("本期"), self.tr("上期"), self.tr("依据")], "indicators")
        self.charts = {}
        grid = QGridLayout()
        charts = QWidget()
        charts.setLayout(grid)
        for n, key in enumerate(CHARTS):
            widget = QSvgWidget()
            widget.setObjectName(f"chart_{key}")
            widget.setMinimumSize(220, 150)
            widget.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
            self.charts[key] = widget
            grid.addWidget(widget, n // 2, n % 2)
        self.alerts = _table([self.tr("预警"), self.tr("笔数"), self.tr("依据")], "alerts")
        self.alerts.doubleClicked.connect(self.drill_down)
        behind = QPushButton(self.tr("查看相关结算"))
        behind.clicked.connect(self.drill_down)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.figures)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(QLabel(self.tr("预警（双击查看相关结算）")))
        lower_layout.addWidget(self.alerts, 1)
        lower_layout.addWidget(behind)
        left.addWidget(lower)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(charts)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)
        self.show_month(0)

    # --- the words: every label the page shows goes through tr() here -------------------------------------
    def labels(self) -> dict[str, str]:
        return {
            "visits": self.tr("就诊人次"), "members": self.tr("就诊人数"), "total": self.tr("门诊医药费用"),
            "growth": self.tr("费用增长率"), "avg_cost": self.tr("次均费用"), "avg_cost_growth": self.tr("次均费用增长率"),
            "self_pay_share": self.tr("患者自费比例"), "exam_share": self.tr("检查费用占比"),
            "lab_share": self.tr("化验费用占比"), "drug_share": self.tr("药品费用占比"),
            "pool_share": self.tr("统筹基金支付比例"), "pool_per_member": self.tr("人均统筹基金支付"),
            "visits_per_member_day": self.tr("人日就诊次数"), "visits_per_member_month": self.tr("人月就诊次数"),
            "near_cap": self.tr("达到或接近年度限额人数"), "account_only": self.tr("仅个人账户支付笔数"),
            "excluded_cash": self.tr("丙类项目现金支付笔数"), "off_hours": self.tr("非工作时段结算笔数"),
        }

    def alert_words(self) -> dict[str, str]:
        return {
            "avg_cost": self.tr("次均费用 %1 元，高于预警值 %2 元"),
            "avg_cost_growth": self.tr("次均费用较上期增长 %1，高于预警值 %2"),
            "growth": self.tr("门诊医药费用较上期增长 %1，高于预警值 %2"),
            "self_pay_share": self.tr("患者自费比例 %1，高于预警值 %2"),
            "exam_share": self.tr("检查费用占比 %1，高于预警值 %2"),
            "lab_share": self.tr("化验费用占比 %1，高于预警值 %2"),
            "visits_per_member_day": self.tr("参保人 %3 于 %4 就诊 %1 次，多于 %2 次"),
            "visits_per_member_month": self.tr("参保人 %3 于 %4 就诊 %1 次，多于 %2 次"),
            "near_cap": self.tr("参保人 %3 本年已用年度限额的 %1（预警 %2）"),
            "account_only": self.tr("参保人 %3 本期仅用个人账户支付 %1 笔，多于 %2 笔"),
            "excluded_cash": self.tr("参保人 %3 本期丙类项目现金支付 %1 元，高于 %2 元"),
            "off_hours": self.tr("非工作时段结算 %1 笔"),
        }

    def words(self) -> Words:
        categories = (("西药", self.tr("西药")), ("中成药", self.tr("中成药")), ("中药饮片", self.tr("中药饮片")),
                      ("检查", self.tr("检查")), ("化验", self.tr("化验")), ("治疗", self.tr("治疗")),
                      ("诊查", self.tr("诊查")), ("材料", self.tr("材料")), ("其他", self.tr("其他")))
        return Words(daily=self.tr("每日费用（统筹 / 个人账户 / 现金）"), pool=self.tr("统筹基金"),
                     account=self.tr("个人账户"), cash=self.tr("现金"), structure=self.tr("费用结构"),
                     hours=self.tr("各时段就诊人次"), avg_cost=self.tr("次均费用走势（元）"), empty=self.tr("本期无结算"),
                     categories=categories)

    # --- behaviour ---------------------------------------------------------------------------------------------
    def show_month(self, offset: int) -> None:
        today = local_day(self.session.now())
        first = today.replace(day=1)
        if offset < 0:
            first = (first - dt.timedelta(days=1)).replace(day=1)
        after = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        self.first.setDate(QDate(first.year, first.month, first.day))
        last = after - dt.timedelta(days=1)
        self.last.setDate(QDate(last.year, last.month, last.day))
        self.reload()

    def period(self) -> Period:
        first, last = self.first.date().toPython(), self.last.date().toPython()
        return Period.of_days(first, last)

    def thresholds(self):
        path = QSettings().value("thresholds_file", "") or os.environ.get("DESK_THRESHOLDS", "")
        return load_thresholds(path or None)

    def reload(self) -> None:
        try:
            period = self.period()
            thresholds = self.thresholds()
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("无法统计"), self.tr("期间或预警值设置有误：%1").replace("%1", str(exc)))
            return
        self.result = result = supervise(self.session.db, Selection(period), thresholds, self.session.library)
        previous = supervise(self.session.db, Selection(period.previous()), thresholds, self.session.library)
        labels = self.labels()
        self.note.setText(self.tr("对比期 %1　冲销按负数抵减其当日") .replace("%1", period.previous().label))
        self.figures.setRowCount(len(result.indicators))
        for row, indicator in enumerate(result.indicators):
            before = previous.indicator(indicator.key)
            cells = [labels[indicator.key], self.shown(indicator), self.shown(before), indicator.article]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.figures.setItem(row, column, item)
        words = self.alert_words()
        self.alerts.setRowCount(len(result.alerts))
        for row, alert in enumerate(result.alerts):
            text = (words[alert.key].replace("%1", self.value(alert.key, alert.value))
                    .replace("%2", self.value(alert.key, alert.threshold)).replace("%3", alert.member_id or "")
                    .replace("%4", alert.when))
            for column, cell in enumerate([text, str(alert.count), alert.article]):
                item = QTableWidgetItem(cell)
                item.setToolTip(cell)
                self.alerts.setItem(row, column, item)
        chart_words = self.words()
        for key, draw in CHARTS.items():
            self.charts[key].load(svg(draw(result, 300, 200, chart_words), self.font().family()))
            self.charts[key].renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)  # load() resets it

    def shown(self, indicator) -> str:
        if indicator.value is None:
            return "—"
        if indicator.unit == "share":
            return _percent(indicator.value)
        if indicator.unit == "yuan":
            return format_yuan(indicator.value)
        return str(indicator.value)

    @staticmethod
    def value(key: str, value) -> str:
        if key in ("avg_cost_growth", "growth", "self_pay_share", "exam_share", "lab_share", "near_cap"):
            return _percent(Decimal(value))
        if isinstance(value, Decimal):
            return format_yuan(value)
        return str(value)

    def drill_down(self, *_args) -> None:
        row = self.alerts.currentRow()
        if self.result is None or not 0 <= row < len(self.result.alerts):
            return
        alert = self.result.alerts[row]
        dialog = QDialog(self)
        dialog.setObjectName("alert_settlements")
        dialog.setWindowTitle(self.tr("预警相关结算"))
        table = _table([self.tr("窗口"), self.tr("单号"), self.tr("日期"), self.tr("参保人"), self.tr("总额")],
                       "alert_settlements_table")
        table.setRowCount(len(alert.settlements))
        for r, ref in enumerate(alert.settlements):
            for c, text in enumerate([ref.desk_number, str(ref.receipt_no), ref.day, ref.member_id, format_yuan(ref.total)]):
                table.setItem(r, c, QTableWidgetItem(text))
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(self.alerts.item(row, 0).text()))
        if alert.count > len(alert.settlements):
            layout.addWidget(QLabel(self.tr("共 %1 笔，列出金额最大的 %2 笔").replace("%1", str(alert.count))
                                    .replace("%2", str(len(alert.settlements)))))
        layout.addWidget(table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.resize(560, 420)
        self.drilled = dialog
        dialog.show()
