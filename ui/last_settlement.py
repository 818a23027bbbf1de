"""上一单: the counter's last settlement in one line (time, patient, total, pool/account/cash), to view or reprint.

A patient back at the window for their slip is served without leaving the counter: 查看 (Ctrl+I) shows
it, 重打 (Ctrl+P) previews the next copy marked 重打, counted only when printed (ui/receipt_view.py).
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton

from desk.money import format_yuan
from desk.store.roster import get_member
from desk.store.last_settlement import last_settlement
from ui.elided_label import ElidedLabel
from ui.receipt_view import show_receipt


class LastSettlementStrip(QFrame):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("last_settlement")
        self.setStyleSheet("QFrame#last_settlement { background:#eef3fb; border:1px solid #c5d3ea; }")
        self.text = ElidedLabel("")
        self.text.setObjectName("last_settlement_text")
        self.view_button = QToolButton()  # narrow: at 1024 pixels the line needs the width
        self.view_button.setText(self.tr("查看"))
        self.view_button.setToolTip(self.tr("查看上一单（Ctrl+I）"))
        self.view_button.setObjectName("last_view")
        self.view_button.clicked.connect(self.view)
        self.reprint_button = QToolButton()
        self.reprint_button.setText(self.tr("重打"))
        self.reprint_button.setToolTip(self.tr("重打上一单（Ctrl+P），打印时计入重打次数"))
        self.reprint_button.setObjectName("last_reprint")
        self.reprint_button.clicked.connect(self.reprint)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.view_button)
        layout.addWidget(self.reprint_button)
        for keys, slot in (("Ctrl+I", self.view), ("Ctrl+P", self.reprint)):
            shortcut = QShortcut(QKeySequence(keys), parent or self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.settlement = None
        self.preview = None
        self.refresh()

    def refresh(self) -> None:
        """The desk's last settlement (or reversal), read again: after a settlement, at start, after a sync."""
        session = self.session
        s = last_settlement(session.db, session.desk.desk_number)
        self.settlement = s
        for button in (self.view_button, self.reprint_button):
            button.setEnabled(s is not None)
        if s is None:
            self.text.setText(self.tr("上一单：无"))
            return
        try:
            name = get_member(session.db, s.member_id).name
        except Exception:  # noqa: BLE001 — a member no longer on the desk: the id says who
            name = s.member_id
        f = s.figures
        at = dt.datetime.fromisoformat(s.at).astimezone(session.now().tzinfo)
        text = self.tr("上一单 %1 %2 %3 ¥%4（统筹 %5 账户 %6 现金 %7）")
        if s.kind == "reversal":
            text = self.tr("上一单（冲销）%1 %2 %3 ¥%4（统筹 %5 账户 %6 现金 %7）")
        self.text.setText(text.replace("%1", f"{s.receipt_no:06d}").replace("%2", at.strftime("%H:%M" if at.date() == session.now().date() else "%m-%d %H:%M"))
                          .replace("%3", name).replace("%4", format_yuan(f["total"]))
                          .replace("%5", format_yuan(f["pool_pay"])).replace("%6", format_yuan(f["account_pay"]))
                          .replace("%7", format_yuan(f["cash_pay"])))

    def view(self) -> None:
        if self.settlement is not None:
            self.preview = show_receipt(self, self.session, self.settlement, self.tr("查看结算单 %1"))

    def reprint(self) -> None:
        if self.settlement is not None:
            self.preview = show_receipt(self, self.session, self.settlement, self.tr("重打结算单 %1"), reprint=True)
