"""挂单/取单 at the counter: set the open bill aside (F10) to serve the next patient, take one up again (F11).

The bill is the counter's draft (member, lines, prices, codes, benefit, prescription, payment choice),
kept in the desk database by desk/store/held_bills.py, so it survives closing the program. The list
names each bill's patient, when it was held, its total and who held it; Enter or a double click takes
one up. A held bill is not a settlement: nothing is counted until it is settled.
"""
from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from desk.money import format_yuan
from desk.store.database import StoreError
from desk.store.held_bills import HeldBill, NotHeld, held_bills, hold, recall
from desk.store.settling import line_amount
from ui import draft as drafts
from ui.errors import describe

log = logging.getLogger("desk.ui")


class HeldBillsDialog(QDialog):
    """The desk's held bills, oldest first; accepting it leaves the chosen one in ``chosen``."""

    def __init__(self, bills: list[HeldBill], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("取单：选择挂起的单据"))
        self.bills = bills
        self.chosen: HeldBill | None = None
        self.table = QTableWidget(len(bills), 5)
        self.table.setObjectName("held_bills")
        self.table.setHorizontalHeaderLabels([self.tr("参保人"), self.tr("挂单时间"), self.tr("金额"),
                                              self.tr("项目数"), self.tr("收款员")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, bill in enumerate(bills):
            who = f"{bill.member_name}（{bill.member_id}）" if bill.member_id else self.tr("（未刷卡）")
            at = dt.datetime.fromisoformat(bill.held_at).strftime("%H:%M:%S")
            for column, value in enumerate((who, at, f"¥{format_yuan(bill.total)}", str(bill.lines),
                                            bill.cashier_name)):
                cell = QTableWidgetItem(value)
                if column in (2, 3):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.cellDoubleClicked.connect(lambda *_: self.accept())
        if bills:
            self.table.selectRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("取单"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Enter 或双击取回所选单据")))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 320)

    def accept(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self.chosen = self.bills[rows[0].row()]
        super().accept()


class HoldAndRecall(QObject):
    """The counter's 挂单 and 取单: buttons and what they do to the counter's bill."""

    def __init__(self, counter):
        super().__init__(counter)
        self.counter = counter
        self.hold_button = QPushButton(self.tr("挂单 (F10)"))
        self.hold_button.setObjectName("hold")
        self.hold_button.clicked.connect(self.hold)
        self.recall_button = QPushButton(self.tr("取单 (F11)"))
        self.recall_button.setObjectName("recall")
        self.recall_button.clicked.connect(self.recall)
        self.dialog: HeldBillsDialog | None = None
        self.refresh()

    def refresh(self) -> None:
        """The recall button says how many bills wait."""
        try:
            count = len(held_bills(self.counter.session.db))
        except StoreError:
            count = 0
        self.recall_button.setText(self.tr("取单 (F11)") + (f" [{count}]" if count else ""))

    def hold(self) -> bool:
        """Set the open bill aside and start a clean one; False when there was nothing to hold or it failed."""
        counter = self.counter
        model = counter.model
        if not model.lines:
            counter.split.message.setText(self.tr("费用明细为空：没有可挂起的单据"))
            return False
        counter.edited()  # the draft as the screen shows it, this instant
        draft = counter.draft
        draft.payment = counter.payment.state()
        total = counter.split.result.total if counter.split.result else sum(
            (line_amount(l.quantity, l.unit_price) for l in model.lines), start=Decimal("0.00"))
        member = counter.member
        try:
            hold(counter.session.db, counter.session.actor, draft.settlement_id, drafts.as_dict(draft),
                 member_id=member.member_id if member else None, member_name=member.name if member else "",
                 lines=len(model.lines), total=total, at=counter.session.now())
        except StoreError as exc:
            counter.split.message.setText(describe(exc))
            return False
        log.info("held bill %s", draft.settlement_id)
        counter.new_bill(confirm=False)
        counter.card.show_message(self.tr("已挂单：%1，¥%2。按 F11 取单").replace(
            "%1", member.name if member else self.tr("未刷卡")).replace("%2", format_yuan(total)))
        self.refresh()
        return True

    def recall(self) -> bool:
        """Choose a held bill and put it on the counter (the open bill must be empty: hold or settle it first)."""
        counter = self.counter
        if counter.model.lines:
            counter.split.message.setText(self.tr("当前单据尚未结算：请先挂单（F10）或结算，再取单"))
            return False
        bills = held_bills(counter.session.db)
        if not bills:
            counter.split.message.setText(self.tr("没有挂起的单据"))
            return False
        self.dialog = HeldBillsDialog(bills, counter)
        if self.dialog.exec() != QDialog.DialogCode.Accepted or self.dialog.chosen is None:
            return False
        chosen = self.dialog.chosen
        try:
            taken = recall(counter.session.db, counter.session.actor, chosen.id, counter.session.now())
        except NotHeld:
            counter.split.message.setText(self.tr("该单据已被取回"))
            self.refresh()
            return False
        draft = drafts.from_dict(taken.bill) or drafts.Draft(settlement_id=taken.id)
        draft.settlement_id = taken.id  # it settles under the id it was held with, once
        counter.new_bill(confirm=False)
        try:
            counter.load_bill(draft)
        except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError):  # written by hand into the file
            log.exception("held bill %s could not be read", taken.id)
            counter.new_bill(confirm=False)
            counter.split.message.setText(self.tr("挂起的单据无法读取（已记入日志），请重新录入"))
            return False
        counter.save_draft()
        counter.item_box.setFocus()
        self.refresh()
        return True
