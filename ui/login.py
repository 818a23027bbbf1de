"""Logging in with a cashier id and PIN; in demo mode the demo users are shown on the screen."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from desk.store.database import StoreError


class LoginDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        desk = session.desk
        self.setWindowTitle(self.tr("门诊共济结算 — 登录"))
        title = QLabel(desk.institution_name)
        title.setStyleSheet("font-size:16pt; font-weight:bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        place = session.library.get(desk.policy).name
        subtitle = QLabel(self.tr("收费窗口 %1　医保政策 %2").replace("%1", desk.desk_number)
                          .replace("%2", f"{place}（{desk.policy}）"))
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.user = QLineEdit()
        self.user.setObjectName("login_user")
        self.pin = QLineEdit()
        self.pin.setObjectName("login_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.user.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.try_login)
        self.error = QLabel("")
        self.error.setObjectName("login_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b3261e;")
        form = QFormLayout()
        form.addRow(self.tr("工号"), self.user)
        form.addRow(self.tr("密码"), self.pin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        if desk.demo:
            from desk.demo_desk import USERS

            hint = QLabel(self.tr("演示模式：演示数据，不作报销凭证。\n") + "\n".join(
                f"{self.tr('工号')} {u}　{self.tr('密码')} {pin}（{name}）" for u, name, _, pin in USERS))
            hint.setObjectName("demo_hint")
            hint.setStyleSheet("background:#fff4ce; padding:8px; border:1px solid #e0c060;")
            layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def try_login(self) -> None:
        try:
            self.session.login(self.user.text(), self.pin.text())
        except StoreError as exc:
            self.error.setText(self.tr("登录失败：%1").replace("%1", self.plain(exc)))
            self.pin.clear()
            self.pin.setFocus()
            return
        self.accept()

    def plain(self, error: StoreError) -> str:
        """The core's refusal in the cashier's words, chosen by its kind (the core speaks to scripts too)."""
        kind = getattr(error, "kind", None)
        if kind == "locked":
            return self.tr("连续输错密码，该工号已锁定，请主管解锁或稍后再试")
        if kind == "credentials":
            return self.tr("工号或密码错误")
        return str(error)
