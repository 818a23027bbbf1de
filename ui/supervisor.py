"""Asking a supervisor to authorise (a reversal, a day close) with their own id and PIN."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from desk.store.database import StoreError
from desk.store.users import Actor


class SupervisorDialog(QDialog):
    def __init__(self, session, action: str, what: str, parent=None, ask_reason: bool = False):
        super().__init__(parent)
        self.session, self.action, self.actor = session, action, None
        self.setWindowTitle(self.tr("主管授权"))
        form = QFormLayout(self)
        form.addRow(QLabel(what))
        self.user = QLineEdit()
        self.user.setObjectName("supervisor_id")
        self.pin = QLineEdit()
        self.pin.setObjectName("supervisor_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        form.addRow(self.tr("主管工号"), self.user)
        form.addRow(self.tr("主管密码"), self.pin)
        if ask_reason:
            form.addRow(self.tr("原因"), self.reason)
        self.reason.setVisible(ask_reason)
        self.error = QLabel("")
        self.error.setObjectName("supervisor_error")
        self.error.setStyleSheet("color:#b3261e;")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.ask_reason = ask_reason

    def check(self) -> None:
        if self.ask_reason and not self.reason.text().strip():
            self.error.setText(self.tr("请填写原因"))
            return
        try:
            actor: Actor = self.session.check_pin(self.user.text(), self.pin.text())
        except StoreError as exc:
            kind = getattr(exc, "kind", None)
            reason = (self.tr("工号或密码错误") if kind == "credentials" else
                      self.tr("连续输错密码，该工号已锁定") if kind == "locked" else str(exc))
            self.error.setText(self.tr("授权失败：%1").replace("%1", reason))
            self.pin.clear()
            return
        if not actor.may(self.action):
            self.error.setText(self.tr("%1 没有此权限，需要主管").replace("%1", actor.name))
            return
        self.actor = actor
        self.accept()
