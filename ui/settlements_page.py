"""Today's settlements: search, view, reprint, reverse (with a supervisor's PIN)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QHBoxLayout, QHeaderView, QLineEdit, QMessageBox,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desk.engine import local_day
from desk.money import format_yuan
from desk.receipts.receipt import print_receipt
from desk.store.database import StoreError
from desk.store.settling import reverse, settlements_on
from ui.pdf_preview import preview
from ui.receipt_view import show_receipt
from ui.supervisor import SupervisorDialog

COLUMNS = ("单号", "时间", "参保人", "类型", "总额", "统筹", "账户", "现金", "收款员", "")


class SettlementsPage(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.search = QLineEdit()
        self.search.setObjectName("settlement_search")
        self.search.setPlaceholderText(self.tr("按单号、姓名或参保人编号查找"))
        self.search.textChanged.connect(self.filter)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.dateChanged.connect(self.reload)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("settlements")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self.view)
        view, reprint, undo = (QPushButton(self.tr("查看")), QPushButton(self.tr("重打")), QPushButton(self.tr("冲销")))
        undo.setObjectName("reverse")
        view.clicked.connect(self.view)
        reprint.clicked.connect(self.reprint)
        undo.clicked.connect(self.reverse)
        top = QHBoxLayout()
        top.addWidget(self.day)
        top.addWidget(self.search, 1)
        for button in (view, reprint, undo):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.rows = []
        self.show_today()

    def show_today(self) -> None:
        today = local_day(self.session.now())
        self.day.blockSignals(True)
        self.day.setDate(today)
        self.day.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        day = self.day.date().toPython()
        names = dict(self.session.db.execute(
            "SELECT m.member_id, m.name FROM members m JOIN settlements s ON s.member_id = m.member_id WHERE s.day = ?",
            (day.isoformat(),)).fetchall())
        self.rows = [(s, names.get(s.member_id, s.member_id)) for s in settlements_on(self.session.db, day)]
        reversed_ids = {s.reverses for s, _ in self.rows if s.reverses}
        self.table.setRowCount(len(self.rows))
        for row, (s, name) in enumerate(self.rows):
            kind = self.tr("冲销") if s.kind == "reversal" else (self.tr("已冲销") if s.id in reversed_ids else self.tr("结算"))
            f = s.figures
            cells = (f"{s.receipt_no:06d}", dt.datetime.fromisoformat(s.at).strftime("%H:%M:%S"), name, kind,
                     format_yuan(f['total']), format_yuan(f['pool_pay']), format_yuan(f['account_pay']), format_yuan(f['cash_pay']),
                     s.cashier, s.id)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if 4 <= column <= 7:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.setColumnHidden(len(COLUMNS) - 1, True)
        self.filter(self.search.text())

    def filter(self, text: str) -> None:
        text = text.strip().lower()
        for row, (s, name) in enumerate(self.rows):
            hit = not text or text in f"{s.receipt_no:06d}" or text in name.lower() or text in s.member_id.lower()
            self.table.setRowHidden(row, not hit)

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            QMessageBox.information(self, self.tr("请选择"), self.tr("请先在列表中选择一笔结算"))
            return None
        return self.rows[rows[0].row()][0]

    def view(self) -> None:
        """The receipt as it stands; 打印 from here records a print (a 重打), looking does not."""
        s = self.selected()
        if s:
            self._show(s, self.tr("查看结算单 %1"))

    def reprint(self) -> None:
        """A preview of the next copy, marked 重打; it is counted and audited only when printed."""
        s = self.selected()
        if s:
            self._show(s, self.tr("重打结算单 %1"), reprint=True)

    def _show(self, s, title: str, reprint: bool = False) -> None:
        self.last_preview = show_receipt(self, self.session, s, title, reprint=reprint)

    def reverse(self) -> None:
        s = self.selected()
        if not s:
            return
        # A reversal is always countersigned with a supervisor's PIN, whoever is at the till.
        dialog = SupervisorDialog(self.session, "reverse",
                                  self.tr("冲销结算单 %1（总额 %2）").replace("%1", f"{s.receipt_no:06d}")
                                  .replace("%2", format_yuan(s.figures['total'])), self, ask_reason=True)
        self.authorise = dialog
        if dialog.exec() != SupervisorDialog.DialogCode.Accepted:
            return
        actor, reason = dialog.actor, dialog.reason.text().strip()
        try:
            back = reverse(self.session.db, actor, s.id, self.session.now(), reason, cashier=self.session.actor)
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("未能冲销"), str(exc))
            return
        self.reload()
        pdf, _ = print_receipt(self.session.db, self.session.library, self.session.actor, back.id,
                               QSettings().value("receipt_format", "80mm"), self.session.now())
        preview(pdf, self.tr("冲销单 %1").replace("%1", f"{back.receipt_no:06d}"), self, QSettings().value("printer", ""))
