"""挂单/取单 at the counter (issue 12): hold a bill, serve another patient, recall it, settle it; a held bill
survives closing the window."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from gui_support import fill_next_dialog, read_and_answer
from test_gui_pharmacy import pharmacy_template  # noqa: F401 (fixture: the demo pharmacy)


@pytest.fixture()
def window(session, qtbot):
    return open_window(session, qtbot)


def open_window(session, qtbot):
    from ui.main_window import MainWindow

    if session.actor is None:
        session.login("cashier", "1234")
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    return win


def patients(session, n: int) -> list[tuple[str, str]]:
    return session.db.execute("SELECT member_id, name FROM members WHERE eligible = 1 ORDER BY member_id LIMIT ?",
                              (n,)).fetchall()


def count(session, table: str) -> int:
    return session.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_hold_serve_another_patient_recall_and_settle(window, session, qtbot):
    counter = window.counter
    (first, first_name), (second, _) = patients(session, 2)
    counter.scan.setText(first)
    counter.scan_member()
    counter.item_box.setText("FW0101*2")
    counter.add_typed_item()
    counter.add_code("XA11AAA002")  # 复合维生素片, 丙类 57.44
    counter.use_account.setChecked(False)
    counter.payment.choose("wechat")
    before = {t: count(session, t) for t in ("settlements", "usage_ledger", "outbox")}
    qtbot.keyClick(counter, Qt.Key.Key_F10)  # 挂单
    assert counter.model.lines == [] and counter.member is None  # a clean counter for the next patient
    assert {t: count(session, t) for t in before} == before  # holding is not settling
    assert counter.held.recall_button.text().endswith("[1]")

    counter.scan.setText(second)  # the next patient, served and settled meanwhile
    counter.scan_member()
    counter.add_code("FW0101")
    seen = []
    read_and_answer(seen)
    counter.settle()
    counter.last_receipt.close()
    assert count(session, "settlements") == before["settlements"] + 1

    chosen = []

    def pick(dialog):
        chosen.append([dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())])
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    fill_next_dialog(pick)
    window.activateWindow()  # the receipt preview closed: the counter's window is the active one again
    qtbot.waitUntil(lambda: QApplication.focusWidget() is counter.scan)
    qtbot.keyClick(counter.scan, Qt.Key.Key_F11)  # 取单
    assert chosen, counter.split.message.text()
    assert chosen[0][0] == f"{first_name}（{first}）" and chosen[0][3] == "2" and chosen[0][4] == "演示收款员"
    assert chosen[0][1] == "10:00:00"  # the desk's clock when it was held
    assert counter.member.member_id == first
    assert [(l.item.code, l.quantity) for l in counter.model.lines] == [("FW0101", Decimal("2")),
                                                                        ("XA11AAA002", Decimal("1"))]
    assert not counter.use_account.isChecked() and counter.payment.method.currentData() == "wechat"
    assert counter.held.recall_button.text() == "取单 (F11)"
    seen = []
    read_and_answer(seen)
    counter.settle()
    counter.last_receipt.close()
    sid, member, method = session.db.execute(
        "SELECT s.id, s.member_id, p.method FROM settlements s JOIN settlement_payments p ON p.settlement_id = s.id"
        " ORDER BY s.seq DESC LIMIT 1").fetchone()
    assert member == first and method == "wechat"
    assert [r[0] for r in session.db.execute("SELECT code FROM settlement_items WHERE settlement_id = ? ORDER BY line",
                                             (sid,))] == ["FW0101", "XA11AAA002"]
    assert count(session, "held_bills") == 0


def test_a_held_bill_survives_closing_the_window(session, qtbot, tmp_path):
    from ui.session import Session
    from gui_support import NOW

    window = open_window(session, qtbot)
    counter = window.counter
    (member, name), = patients(session, 1)
    counter.scan.setText(member)
    counter.scan_member()
    counter.add_code("FW0101")
    assert counter.held.hold()
    window.close()
    again = Session(session.path, now=lambda: NOW)  # the program started again
    again.login("cashier", "1234")
    window = open_window(again, qtbot)
    assert window.counter.model.lines == []  # the draft was not left behind: the bill is held, not open
    fill_next_dialog(lambda dialog: dialog.accept())
    assert window.counter.held.recall()
    assert window.counter.member.member_id == member
    assert [l.item.code for l in window.counter.model.lines] == ["FW0101"]


def test_recall_with_an_open_bill_or_nothing_held_says_so(window, session, qtbot):
    counter = window.counter
    assert not counter.held.recall()
    assert counter.split.message.text() == "没有挂起的单据"
    assert not counter.held.hold()
    assert counter.split.message.text() == "费用明细为空：没有可挂起的单据"
    (member, _), = patients(session, 1)
    counter.scan.setText(member)
    counter.scan_member()
    counter.add_code("FW0101")
    assert counter.held.hold()
    counter.scan.setText(member)
    counter.scan_member()
    counter.add_code("FW0101")
    assert not counter.held.recall()  # the open bill must be held or settled first
    assert "请先挂单（F10）或结算" in counter.split.message.text()


def test_f9_lists_hold_and_recall(window):
    text = window.counter.shortcuts_text()
    assert "F10\t挂单" in text and "F11\t取单" in text


def test_a_held_bill_edited_into_nonsense_in_the_file_is_refused_in_chinese_without_a_traceback(window, session, qtbot):
    """Anyone with the counter's OS account can write the database: a held bill is only a draft, read with care."""
    session.db.execute("INSERT INTO held_bills (id, desk_number, cashier, member_id, member_name, held_at, lines,"
                       " total_fen, bill) VALUES ('x1', (SELECT desk_number FROM desk), 'cashier', NULL, '', ?, 1, 0,"
                       " '{\"lines\": [{\"quantity\": \"abc\"}]}')", ("2026-11-20T09:00:00+08:00",))
    session.db.conn.commit()
    fill_next_dialog(lambda dialog: dialog.accept())
    assert not window.counter.held.recall()
    assert window.counter.split.message.text() == "挂起的单据无法读取（已记入日志），请重新录入"
    assert window.counter.model.lines == []


def test_a_pharmacy_bill_is_held_and_recalled_with_its_codes_and_prescription(pharmacy_template, tmp_path, qapp,
                                                                              qtbot):
    from desk.demo_pharmacy import unsold_codes
    from gui_support import answer_next
    from test_gui_pharmacy import fill_prescription, open_window as open_pharmacy, reactivate, rx_item, type_enter

    window = open_pharmacy(pharmacy_template, tmp_path, qtbot)
    counter, db = window.counter, window.counter.session.db
    item, barcode, card = rx_item(db)
    codes = unsold_codes(db, item, 2)
    type_enter(qtbot, counter.scan, card)
    type_enter(qtbot, counter.item_box, barcode)
    for code in codes:
        type_enter(qtbot, counter.trace.codes, code)
    reactivate(qtbot, window)
    fill_prescription(qtbot)
    qtbot.keyClick(counter, Qt.Key.Key_F7)
    assert counter.prescription and counter.prescription.number == "RX2026112000001"
    reactivate(qtbot, window)
    qtbot.keyClick(counter, Qt.Key.Key_F10)
    assert counter.model.lines == [] and counter.prescription is None
    assert db.execute("SELECT count(*) FROM trace_units WHERE code IN (?, ?)", codes).fetchone()[0] == 0  # not sold
    fill_next_dialog(lambda dialog: dialog.accept())
    assert counter.held.recall()
    assert counter.model.lines[0].drug.trace_codes == tuple(codes)
    assert counter.prescription.number == "RX2026112000001" and counter.prescription.institution_level == 3
    reactivate(qtbot, window)
    settlement_id = counter.draft.settlement_id
    answer_next(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(counter, Qt.Key.Key_F12)
    assert [r[0] for r in db.execute("SELECT code FROM trace_units WHERE settlement_id = ? ORDER BY rowid",
                                     (settlement_id,))] == codes
    assert db.execute("SELECT number FROM prescriptions WHERE settlement_id = ?", (settlement_id,)).fetchone() == (
        "RX2026112000001",)
    counter.last_receipt.close()
