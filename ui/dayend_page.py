"""Day-end: the X report any time, the Z report to close the business day, past Z reports to reprint."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton,
                               QVBoxLayout, QWidget)

from desk.money import format_yuan
from desk.receipts.day_slip import render_day
from desk.reports.day import open_figures
from desk.store.day_close import close_day, get_close, list_closes, open_business_date
from desk.store.database import StoreError
from ui.payment_box import by_method_text
from ui.pdf_preview import preview
from ui.supervisor import SupervisorDialog


class DayEndPage(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.summary = QLabel()
        self.summary.setObjectName("x_summary")
        self.summary.setStyleSheet("font-size:13pt;")
        x = QPushButton(self.tr("X 报表（当前收款情况）"))
        x.setObjectName("x_report")
        z = QPushButton(self.tr("Z 报表（日结，需主管）"))
        z.setObjectName("z_report")
        x.clicked.connect(self.x_report)
        z.clicked.connect(self.z_report)
        self.closes = QListWidget()
        self.closes.setObjectName("closes")
        self.closes.itemDoubleClicked.connect(self.reprint)
        reprint = QPushButton(self.tr("重打所选 Z 报表"))
        reprint.clicked.connect(lambda: self.reprint(self.closes.currentItem()))
        buttons = QHBoxLayout()
        buttons.addWidget(x)
        buttons.addWidget(z)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("已日结（双击重打）")))
        layout.addWidget(self.closes, 1)
        layout.addWidget(reprint)
        self.reload()

    def reload(self) -> None:
        _, f = open_figures(self.session.db)
        self.summary.setText(self.tr("自上次日结：结算 %1 笔，冲销 %2 笔，医疗费 ¥%3，统筹 ¥%4，账户 ¥%5，现金 ¥%6")
                             .replace("%1", str(f.settlements)).replace("%2", str(f.reversals))
                             .replace("%3", format_yuan(f.sums['total'])).replace("%4", format_yuan(f.sums['pool_pay']))
                             .replace("%5", format_yuan(f.sums['account_pay'])).replace("%6", format_yuan(f.sums['cash_pay']))
                             + self.methods_line(f))
        self.closes.clear()
        for number, business_date, closed_at in reversed(list_closes(self.session.db)):
            item = QListWidgetItem(self.tr("Z %1　营业日 %2　日结于 %3").replace("%1", str(number))
                                   .replace("%2", business_date).replace("%3", closed_at[:16].replace("T", " ")))
            item.setData(256, number)
            self.closes.addItem(item)

    def methods_line(self, f) -> str:
        """The cash part by payment method (reversals netted), on its own line; "" when nothing was paid."""
        return self.tr("\n其中现金部分按支付方式：%1").replace("%1", by_method_text(f.by_method)) if f.by_method else ""

    def _paper(self) -> str:
        return QSettings().value("receipt_format", "80mm")

    def x_report(self) -> None:
        from desk.sync.overruns import overruns_for, trace_conflicts_for

        from desk.reports.benefits import pool_by_benefit

        after, figures = open_figures(self.session.db)
        pdf = render_day(self.session.desk, figures, self._paper(), close=None, printed_at=self.session.now(),
                         printed_by=self.session.actor.name,
                         overruns=overruns_for(self.session.db, self.session.now().date().isoformat()),
                         benefits=pool_by_benefit(self.session.db, "s.seq > ?", (after,)),
                         trace_conflicts=trace_conflicts_for(self.session.db, self.session.now().date().isoformat()))
        self.last_preview = preview(pdf, self.tr("X 报表"), self, QSettings().value("printer", ""))

    def z_report(self) -> None:
        actor = self.session.actor
        if not actor.may("close_day"):
            dialog = SupervisorDialog(self.session, "close_day", self.tr("日结：结束本营业日，生成 Z 报表"), self)
            if dialog.exec() != SupervisorDialog.DialogCode.Accepted:
                return
            actor = dialog.actor
        _, f = open_figures(self.session.db)
        answer = QMessageBox.question(
            self, self.tr("日结"),
            self.tr("日结营业日 %1：结算 %2 笔，冲销 %3 笔\n医疗费 ¥%4，统筹 ¥%5，账户 ¥%6，现金 ¥%7\n\n"
                    "日结后本营业日的数据不可更改，之后的结算计入下一营业日。确认日结？")
            .replace("%1", open_business_date(self.session.db, self.session.now()))
            .replace("%2", str(f.settlements)).replace("%3", str(f.reversals))
            .replace("%4", format_yuan(f.sums["total"])).replace("%5", format_yuan(f.sums["pool_pay"]))
            .replace("%6", format_yuan(f.sums["account_pay"])).replace("%7", format_yuan(f.sums["cash_pay"]))
            .replace("\n\n", self.methods_line(f) + "\n\n", 1))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            close = close_day(self.session.db, actor, self.session.now())
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("未能日结"), str(exc))
            return
        self.reload()
        self._show(close, reprint=False)

    def reprint(self, item) -> None:
        if item is None:
            return
        self._show(get_close(self.session.db, item.data(256)), reprint=True)

    def _show(self, close, reprint: bool) -> None:
        from desk.reports.benefits import pool_by_benefit
        from desk.sync.overruns import overruns_for, trace_conflicts_for

        pdf = render_day(self.session.desk, close.figures, self._paper(), close=close, printed_at=self.session.now(),
                         printed_by=self.session.actor.name, reprint=reprint,
                         overruns=overruns_for(self.session.db, close.business_date),
                         benefits=pool_by_benefit(self.session.db, "s.seq > ? AND s.seq <= ?",
                                                  (close.after_seq, close.last_seq)),
                         trace_conflicts=trace_conflicts_for(self.session.db, close.business_date))
        self.last_preview = preview(pdf, self.tr("Z 报表 第%1号").replace("%1", str(close.number)), self, QSettings().value("printer", ""))
