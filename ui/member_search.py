"""查找参保人 (Ctrl+F): a member found by name or pinyin (张, zhangs, zs) when the patient has no card at hand.

The list shows what tells namesakes apart without showing too much (the ID number masked, the
card number, age and sex); picking a row hands its member id to the counter, which binds the bill
exactly as a scanned card would. No text typed here is ever passed on as a key.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QLineEdit,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from desk.store.member_search import search_members
from ui import labels

SHOWN = 30


class MemberSearchDialog(QDialog):
    def __init__(self, session, text: str = "", parent=None):
        super().__init__(parent)
        self.session = session
        self.chosen: str | None = None  # the member id picked
        self.setWindowTitle(self.tr("查找参保人"))
        self.query = QLineEdit(text)
        self.query.setObjectName("member_query")
        self.query.setPlaceholderText(self.tr("姓名、拼音或拼音首字母，如 张、zhangs、zs"))
        self.query.textChanged.connect(self.find)
        self.query.returnPressed.connect(self.pick)
        self.query.installEventFilter(self)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("member_results")
        self.table.setHorizontalHeaderLabels([self.tr("姓名"), self.tr("性别"), self.tr("年龄"), self.tr("身份证号"),
                                              self.tr("社保卡号"), self.tr("状态")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self.pick)
        self.note = QLabel("")
        self.note.setObjectName("member_search_note")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("选定"))
        buttons.accepted.connect(self.pick)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("输入姓名或拼音，↑↓ 选择，回车选定：")))
        layout.addWidget(self.query)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(720, 420)
        self.found: list = []
        self.find(text)

    def find(self, text: str) -> None:
        self.found = search_members(self.session.db, text, SHOWN + 1)
        shown = self.found[:SHOWN]
        today = self.session.now().date()
        self.table.setRowCount(len(shown))
        for row, member in enumerate(shown):
            cells = (member.name, labels.sex(member.sex), str(member.age_on(today)), member.masked_id,
                     member.card_number or "—", self.tr("正常") if member.eligible else self.tr("暂停参保"))
            for column, value in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if shown:
            self.table.selectRow(0)
        if not text.strip():
            self.note.setText("")
        elif not shown:
            self.note.setText(self.tr("没有姓名或拼音以“%1”开头的参保人").replace("%1", text.strip()))
        elif len(self.found) > SHOWN:
            self.note.setText(self.tr("仅列出前 %1 位，请多输入几个字").replace("%1", str(SHOWN)))
        else:
            self.note.setText(self.tr("共 %1 位").replace("%1", str(len(shown))))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 — Qt's name
        """↑ and ↓ in the query box move through the list, so the hands stay on the keys."""
        if watched is self.query and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.table.rowCount():
            row = self.table.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
            self.table.selectRow(max(0, min(row, self.table.rowCount() - 1)))
            return True
        return super().eventFilter(watched, event)

    def pick(self, *_) -> None:
        row = self.table.currentRow()
        if not (0 <= row < min(len(self.found), SHOWN)):
            return
        self.chosen = self.found[row].member_id
        self.accept()
