"""The users on the admin page (issue 12): a read-only table; add, disable/enable, unlock, PIN reset (approved by
a supervisor's or admin's PIN, audited) and role change, each one write; bad input refused in Chinese; never
without an enabled admin."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QMessageBox, QPushButton

from desk.store.users import LoginFailed, login
from gui_support import NOW, english_in, fill_next_dialog


@pytest.fixture()
def box(session, qtbot, monkeypatch):
    from ui.admin_page import AdminPage

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: warnings.append(text))
    session.login("admin", "000000")
    page = AdminPage(session)
    qtbot.addWidget(page)
    page.users_box.warnings = warnings
    return page.users_box


def select(box, user_id: str) -> None:
    row = next(r for r, u in enumerate(box.users) if u["user_id"] == user_id)
    box.table.selectRow(row)


def state_of(box, user_id: str) -> str:
    row = next(r for r, u in enumerate(box.users) if u["user_id"] == user_id)
    return box.table.item(row, 3).text()


def audit_actions(session) -> list[tuple]:
    return session.db.execute("SELECT action, actor, subject, detail FROM audit ORDER BY seq").fetchall()


def test_the_table_is_read_only(box, qtbot):
    assert box.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    select(box, "cashier")
    item = box.table.item(box.table.currentRow(), 1)
    box.table.editItem(item)  # even asked directly, no editor: a cell is not where a user changes
    qtbot.keyClicks(box.table, "X")
    assert box.table.item(box.table.currentRow(), 1).text() == "演示收款员"


def add(qtbot, box, user_id: str, name: str, pin: str, seen: dict) -> None:
    def fill(dialog):
        dialog.user_id.setText(user_id)
        dialog.name.setText(name)  # QTest types ASCII only
        qtbot.keyClicks(dialog.pin, pin)
        dialog.save()
        seen["error"] = dialog.error.text()
        if dialog.isVisible():
            dialog.reject()
    fill_next_dialog(fill)
    box.findChild(QPushButton, "user_add").click()


def test_adding_a_user_refuses_a_bad_pin_in_chinese_and_writes_nothing(box, session, qtbot):
    before = session.db.execute("SELECT count(*) FROM users").fetchone()[0]
    seen: dict = {}
    add(qtbot, box, "cash9", "新收款员", "12ab", seen)
    assert "4–12 位数字" in seen["error"] and not english_in(seen["error"])
    assert session.db.execute("SELECT count(*) FROM users").fetchone()[0] == before
    add(qtbot, box, "cash9", "新收款员", "246810", seen)
    assert any(u["user_id"] == "cash9" for u in box.users) and "cash9" in box.message.text()
    assert login(session.db, "cash9", "246810", NOW).role == "cashier"
    add(qtbot, box, "cash9", "又一个", "1357", seen)
    assert "cash9" in seen["error"] and "已存在" in seen["error"]
    add(qtbot, box, "bad id!", "某人", "1357", seen)
    assert "bad id!" in seen["error"] and "无效" in seen["error"] and not english_in(seen["error"].replace("bad id!", ""))


def test_disable_and_enable_a_cashier(box, session):
    select(box, "cashier")
    box.toggle.click()
    assert state_of(box, "cashier") == "停用"
    with pytest.raises(LoginFailed):
        login(session.db, "cashier", "1234", NOW)
    assert box.toggle.text() == "启用"
    box.toggle.click()
    assert login(session.db, "cashier", "1234", NOW).user_id == "cashier"
    assert [a[0] for a in audit_actions(session)][-2:] == ["user.disable", "user.enable"]


def test_unlock_after_wrong_pins(box, session):
    for _ in range(5):
        with pytest.raises(LoginFailed):
            login(session.db, "cashier", "0000", NOW)
    box.reload()
    assert "锁定" in state_of(box, "cashier")
    select(box, "cashier")
    box.unlock_button.click()
    assert "锁定" not in state_of(box, "cashier")
    assert login(session.db, "cashier", "1234", NOW).user_id == "cashier"


def reset(qtbot, box, new: str, again: str, approver: str, approver_pin: str, seen: dict) -> None:
    def fill(dialog):
        for field, text in ((dialog.pin, new), (dialog.again, again), (dialog.approver_id, approver),
                            (dialog.approver_pin, approver_pin)):
            field.setText(text)
        dialog.check()
        seen["error"] = dialog.error.text()
        if dialog.isVisible():
            dialog.reject()
    fill_next_dialog(fill)
    box.pin_button.click()


def test_a_pin_reset_needs_a_supervisors_pin_and_is_audited_with_the_approver(box, session, qtbot):
    select(box, "cashier")
    seen: dict = {}
    reset(qtbot, box, "5678", "5678", "cashier", "1234", seen)  # a cashier cannot approve
    assert "须主管或管理员" in seen["error"]
    reset(qtbot, box, "5678", "5678", "super", "0000", seen)  # a wrong approver PIN
    assert "工号或密码错误" in seen["error"] and not english_in(seen["error"])
    reset(qtbot, box, "5678", "5679", "super", "8888", seen)
    assert "不一致" in seen["error"]
    assert login(session.db, "cashier", "1234", NOW)  # unchanged so far
    reset(qtbot, box, "56a8", "56a8", "super", "8888", seen)  # approved, but not a PIN
    assert "4–12 位数字" in box.warnings[-1] and not english_in(box.warnings[-1])
    reset(qtbot, box, "5678", "5678", "super", "8888", seen)
    assert login(session.db, "cashier", "5678", NOW).user_id == "cashier"
    action, actor, subject, detail = audit_actions(session)[-1]
    assert (action, actor, subject) == ("user.pin_reset", "admin", "cashier") and "super" in detail


def change_role(qtbot, box, label: str) -> None:
    def fill(dialog):
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(label)
        dialog.accept()
    fill_next_dialog(fill)
    box.role_button.click()


def test_role_changes_never_leave_the_desk_without_an_enabled_admin(box, session, qtbot):
    select(box, "admin")
    change_role(qtbot, box, "主管")
    assert box.warnings and "最后一位" in box.warnings[-1] and not english_in(box.warnings[-1])
    assert login(session.db, "admin", "000000", NOW).role == "admin"
    select(box, "admin")
    box.toggle.click()  # nor disable oneself
    assert "不能停用自己" in box.warnings[-1]
    select(box, "super")
    change_role(qtbot, box, "管理员")
    assert login(session.db, "super", "8888", NOW).role == "admin"
    select(box, "admin")
    change_role(qtbot, box, "收款员")  # now there is another admin: allowed
    assert login(session.db, "admin", "000000", NOW).role == "cashier"
    select(box, "super")
    box.toggle.click()  # the session opened as admin is a cashier's now: refused, whatever it holds in memory
    assert "权限不足" in box.warnings[-1] and not english_in(box.warnings[-1])
    assert session.db.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1").fetchone()[0] == 1
