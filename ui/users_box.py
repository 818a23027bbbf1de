"""The users on the admin page: a read-only table and one action per button, each one write in the core.

Nothing is edited in the table's cells (they used to look editable and saved nothing): 添加用户, 停用/启用,
解锁, 重置密码 and 更改角色 act on the selected user through desk.store.users, which checks the
permission, refuses bad input with a kind and fields (worded in ui/errors.py), writes in one
transaction with the audit row, and never leaves the desk without an enabled admin.
"""
from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from desk.store.database import StoreError
from desk.store.users import ROLES, add_user, list_users, reset_pin, set_active, set_role, unlock
from ui.elided_label import ElidedLabel
from ui.errors import describe

ROLE_LABEL = {"cashier": "收款员", "supervisor": "主管", "admin": "管理员"}


class PinResetDialog(QDialog):
    """The new PIN twice, and a supervisor's or admin's id and PIN approving it (checked by login)."""

    def __init__(self, session, user: dict, parent=None):
        super().__init__(parent)
        self.session, self.approver = session, None
        self.setWindowTitle(self.tr("重置密码"))
        self.pin, self.again = QLineEdit(), QLineEdit()
        self.approver_id, self.approver_pin = QLineEdit(), QLineEdit()
        for field, name in ((self.pin, "new_pin"), (self.again, "new_pin_again"), (self.approver_id, "approver_id"),
                            (self.approver_pin, "approver_pin")):
            field.setObjectName(name)
        for field in (self.pin, self.again, self.approver_pin):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel("")
        self.error.setObjectName("pin_reset_error")
        self.error.setStyleSheet("color:#b3261e;")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("为 %1（%2）设置新密码，须主管或管理员输入本人密码授权。")
                           .replace("%1", user["name"]).replace("%2", user["user_id"])))
        form.addRow(self.tr("新密码（4–12 位数字）"), self.pin)
        form.addRow(self.tr("再次输入新密码"), self.again)
        form.addRow(self.tr("授权人工号"), self.approver_id)
        form.addRow(self.tr("授权人密码"), self.approver_pin)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def check(self) -> None:
        if self.pin.text() != self.again.text():
            self.error.setText(self.tr("两次输入的新密码不一致"))
            return
        try:
            approver = self.session.check_pin(self.approver_id.text(), self.approver_pin.text())
        except StoreError as exc:
            self.error.setText(self.tr("授权失败：%1").replace("%1", describe(exc)))
            self.approver_pin.clear()
            return
        if not approver.may("reverse"):
            self.error.setText(self.tr("%1 不能授权重置密码：须主管或管理员").replace("%1", approver.name))
            return
        self.approver = approver
        self.accept()


class AddUserDialog(QDialog):
    """A new user's id, name, role and first PIN; the core's refusal shows here and the dialog stays open."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("添加用户"))
        self.user_id, self.name, self.pin = QLineEdit(), QLineEdit(), QLineEdit()
        self.user_id.setObjectName("new_user_id")
        self.name.setObjectName("new_user_name")
        self.pin.setObjectName("new_user_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(self.tr(ROLE_LABEL[role]), role)
        self.error = QLabel("")
        self.error.setObjectName("add_user_error")
        self.error.setStyleSheet("color:#b3261e;")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("工号"), self.user_id)
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("角色"), self.role)
        form.addRow(self.tr("密码（4–12 位数字）"), self.pin)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        try:
            add_user(self.session.db, self.session.actor, self.user_id.text().strip(), self.name.text(),
                     self.role.currentData(), self.pin.text(), self.session.now())
        except StoreError as exc:
            self.pin.clear()
            self.error.setText(describe(exc))
            return
        self.accept()


class UsersBox(QGroupBox):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setTitle(self.tr("收款员与角色"))
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("users")
        self.table.setHorizontalHeaderLabels([self.tr("工号"), self.tr("姓名"), self.tr("角色"), self.tr("状态")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # shown, changed by the buttons
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self.selection_changed)
        self.toggle = QPushButton(self.tr("停用"))
        self.toggle.setObjectName("user_toggle")
        self.toggle.clicked.connect(self.toggle_active)
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.unlock_button.setObjectName("user_unlock")
        self.unlock_button.clicked.connect(self.unlock_selected)
        self.pin_button = QPushButton(self.tr("重置密码…"))
        self.pin_button.setObjectName("user_pin")
        self.pin_button.clicked.connect(self.reset_selected_pin)
        self.role_button = QPushButton(self.tr("更改角色…"))
        self.role_button.setObjectName("user_role")
        self.role_button.clicked.connect(self.change_role)
        actions = QHBoxLayout()
        for button in (self.toggle, self.unlock_button, self.pin_button, self.role_button):
            actions.addWidget(button)
        add = QPushButton(self.tr("添加用户…"))
        add.setObjectName("user_add")
        add.clicked.connect(self.add_user)
        actions.insertWidget(0, add)
        self.message = ElidedLabel("")  # one line beside the buttons: the admin page must fit a 768-pixel screen
        self.message.setObjectName("users_message")
        actions.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.users: list[dict] = []
        self.reload()

    def reload(self, select: str | None = None) -> None:
        self.users = list_users(self.session.db)
        now = self.session.now()
        self.table.setRowCount(len(self.users))
        for r, user in enumerate(self.users):
            state = self.tr("启用") if user["active"] else self.tr("停用")
            if user["locked_until"] and user["locked_until"] > now.isoformat():
                state += self.tr("（锁定）")
            for c, text in enumerate((user["user_id"], user["name"], self.tr(ROLE_LABEL[user["role"]]), state)):
                self.table.setItem(r, c, QTableWidgetItem(text))
            if user["user_id"] == select:
                self.table.selectRow(r)
        self.selection_changed()

    def selected(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def selection_changed(self) -> None:
        user = self.selected()
        for button in (self.toggle, self.unlock_button, self.pin_button, self.role_button):
            button.setEnabled(user is not None)
        if user:
            self.toggle.setText(self.tr("停用") if user["active"] else self.tr("启用"))

    def done(self, text: str, user_id: str | None) -> None:
        self.message.setStyleSheet("color:#146c2e;")
        self.message.setText(text)
        self.reload(user_id)

    def refused(self, title: str, exc: StoreError) -> None:
        self.message.setStyleSheet("color:#b3261e;")
        self.message.setText(describe(exc))
        QMessageBox.warning(self, title, describe(exc))

    # ---- the actions --------------------------------------------------------------------------
    def add_user(self) -> None:
        dialog = AddUserDialog(self.session, self)
        self.add_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        user_id = dialog.user_id.text().strip()
        self.done(self.tr("已添加 %1").replace("%1", user_id), user_id)

    def toggle_active(self) -> None:
        user = self.selected()
        if not user:
            return
        try:
            set_active(self.session.db, self.session.actor, user["user_id"], not user["active"], self.session.now())
        except StoreError as exc:
            return self.refused(self.tr("未能更改"), exc)
        self.done((self.tr("已启用 %1") if not user["active"] else self.tr("已停用 %1")).replace("%1", user["user_id"]),
                  user["user_id"])

    def unlock_selected(self) -> None:
        user = self.selected()
        if not user:
            return
        try:
            unlock(self.session.db, self.session.actor, user["user_id"], self.session.now())
        except StoreError as exc:
            return self.refused(self.tr("未能解锁"), exc)
        self.done(self.tr("已解锁 %1").replace("%1", user["user_id"]), user["user_id"])

    def reset_selected_pin(self) -> None:
        user = self.selected()
        if not user:
            return
        dialog = PinResetDialog(self.session, user, self)
        self.pin_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            reset_pin(self.session.db, self.session.actor, user["user_id"], dialog.pin.text(), self.session.now(),
                      approver=dialog.approver)
        except StoreError as exc:
            return self.refused(self.tr("未能重置密码"), exc)
        self.done(self.tr("已重置 %1 的密码（%2 授权）").replace("%1", user["user_id"])
                  .replace("%2", dialog.approver.name), user["user_id"])

    def change_role(self) -> None:
        user = self.selected()
        if not user:
            return
        names = [self.tr(ROLE_LABEL[role]) for role in ROLES]
        chosen, ok = QInputDialog.getItem(self, self.tr("更改角色"), self.tr("%1 的新角色").replace("%1", user["name"]),
                                          names, ROLES.index(user["role"]), False)
        if not ok:
            return
        role = ROLES[names.index(chosen)]
        try:
            set_role(self.session.db, self.session.actor, user["user_id"], role, self.session.now())
        except StoreError as exc:
            return self.refused(self.tr("未能更改角色"), exc)
        self.done(self.tr("%1 现为%2").replace("%1", user["user_id"]).replace("%2", chosen), user["user_id"])
