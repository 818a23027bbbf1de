"""The Chinese interface's error paths, walked (issue 12): every refusal a cashier or administrator reads is
Chinese — roster and catalog imports, PIN formats, bad amounts at the counter, logins — and Qt's own
dialogs (the file dialog) speak Chinese too. No two English words in a row anywhere."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QAbstractButton

from gui_support import english_in
from store_support import ROSTER_HEADER, MEMBERS, CATALOG_HEADER, write_csv


def chinese(text: str) -> str:
    assert text.strip(), "a message was shown"
    assert not english_in(text), f"English in the Chinese interface: {english_in(text)!r} in {text!r}"
    return text


@pytest.fixture()
def admin_page(session, qtbot):
    from ui.admin_page import AdminPage

    session.login("admin", "000000")
    page = AdminPage(session)
    qtbot.addWidget(page)
    return page


def imported(qtbot, page, kind: str, path) -> str:
    page.start_import(kind, path)
    qtbot.waitUntil(lambda: isinstance(page.import_finished, str), timeout=15000)
    return page.report.toPlainText()


BAD_ROWS = [
    ["M101", "张三", "not-an-id", "C101", "E101", "employed", "1980-01-01", "employer", "", "true", "12.345", ""],
    ["M102", "李四", MEMBERS[0][2], "C102", "E102", "student", "1980-01-01", "employer", "", "maybe", "-1", ""],
    ["M103", "", MEMBERS[1][2], "C103", "E103", "employed", "1980-01-01", "employer", "", "true", "abc", ""],
    ["M104", "王五", MEMBERS[2][2], "C104", "E104", "employed", "1980-01-01", "employer", "", "true", "1", "M999:spouse"],
    ["M104", "王五", MEMBERS[2][2], "C104", "E104", "employed", "1980-01-01", "employer", "", "true", "1", ""],
]


def test_a_refused_roster_is_explained_row_by_row_in_chinese(admin_page, qtbot, tmp_path):
    text = chinese(imported(qtbot, admin_page, "members", write_csv(tmp_path / "bad.csv", ROSTER_HEADER, BAD_ROWS)))
    assert "未导入" in text and "第 2 行" in text and "第 6 行" in text
    assert "个人账户余额" in text or "身份证号" in text


@pytest.mark.parametrize("header, rows, words", [
    (ROSTER_HEADER[:1] + ROSTER_HEADER[2:], [MEMBERS[0][:1] + MEMBERS[0][2:]], "缺少列"),  # no name column
    (ROSTER_HEADER + ["colour"], [MEMBERS[0] + ["red"]], "未知的列"),
    (ROSTER_HEADER, [MEMBERS[0][:5]], "个字段"),
    (ROSTER_HEADER, [], "没有可导入"),
])
def test_a_malformed_roster_file_is_refused_in_chinese(admin_page, qtbot, tmp_path, header, rows, words):
    text = chinese(imported(qtbot, admin_page, "members", write_csv(tmp_path / "bad.csv", header, rows)))
    assert "未导入" in text and words in text


def test_an_empty_file_and_a_bad_catalog_are_refused_in_chinese(admin_page, qtbot, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert "文件为空" in chinese(imported(qtbot, admin_page, "members", empty))
    bad = write_csv(tmp_path / "catalog.csv", CATALOG_HEADER, [["X1", "某药", "", "盒", "Z", "0", "1.00", "西药"],
                                                                 ["X2", "某药", "", "盒", "A", "0", "-3", "西药"]])
    text = chinese(imported(qtbot, admin_page, "catalog", bad))
    assert "第 2 行" in text and "第 3 行" in text


def test_pin_formats_and_logins_are_refused_in_chinese(session, qtbot):
    from ui.errors import describe
    from desk.store.users import add_user, set_pin, login, LoginFailed
    from desk.store.database import StoreError
    from gui_support import NOW
    from ui.login import LoginDialog

    admin = login(session.db, "admin", "000000", NOW)
    for attempt in (lambda: add_user(session.db, admin, "x1", "某人", "cashier", "12", NOW),
                    lambda: add_user(session.db, admin, "x1", "某人", "cashier", "１２３４", NOW),  # full-width
                    lambda: set_pin(session.db, admin, "cashier", "abcd", NOW),
                    lambda: add_user(session.db, admin, "x 1", "某人", "cashier", "1234", NOW),
                    lambda: add_user(session.db, admin, "x1", " ", "cashier", "1234", NOW),
                    lambda: set_pin(session.db, admin, "nobody", "1234", NOW)):
        with pytest.raises(StoreError) as refused:
            attempt()
        chinese(describe(refused.value))
    dialog = LoginDialog(session)
    qtbot.addWidget(dialog)
    for _ in range(5):
        dialog.user.setText("cashier")
        dialog.pin.setText("0000")
        dialog.try_login()
        chinese(dialog.error.text())
    assert "锁定" in dialog.error.text()


def test_bad_amounts_at_the_counter_are_refused_in_chinese(session, qtbot):
    from ui.main_window import MainWindow

    session.login("cashier", "1234")
    window = MainWindow(session)
    qtbot.addWidget(window)
    counter = window.counter
    card = session.db.execute("SELECT card_number FROM members WHERE eligible = 1 ORDER BY member_id").fetchone()[0]
    counter.scan.setText(card)
    counter.scan_member()
    counter.add_code("FW0101")
    for typed in ("abc", "1.234", "-5", "1e5", "９９"):
        counter.tendered.setText(typed)
        counter.show_change()
        chinese(counter.change.text())
    for column, typed in ((counter.model.QTY, "abc"), (counter.model.QTY, "-1"), (counter.model.PRICE, "x"),
                          (counter.model.PRICE, "1.999"), (counter.model.QTY, "99999")):
        counter.model.setData(counter.model.index(0, column), typed)
        chinese(counter.split.message.text() or counter.split.why.toPlainText() or "—")
    counter.item_box.setText("QQQQQQ")
    counter.add_typed_item()
    chinese(counter.split.message.text())
    counter.scan.setText("NOSUCHCARD")
    counter.scan_member()
    chinese(counter.card.message.text())


def test_qts_own_dialogs_are_chinese(qapp, qtbot):
    """qtbase_zh_CN from the PySide6 wheel: the file dialog's labels and buttons (half English before)."""
    from ui.app import install_language

    installed = install_language(qapp, "zh_CN")
    try:
        assert installed, "qtbase_zh_CN.qm was found and loaded"
        dialog = QFileDialog(None, "选择文件")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        dialog.show()
        texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton) if w.text()]
        assert any("查找范围" in t or "文件名" in t for t in texts), texts
        for text in texts:
            chinese(text)
        assert QApplication.translate("QFileDialog", "&Open") != "&Open"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
