"""上一单 at the counter (issue 12): the last settlement's time, patient, total and pool/account/cash in one line,
viewed (nothing counted) or reprinted as 重打 (counted and audited only when printed), by mouse or keyboard."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk.money import format_yuan, from_fen
from test_gui_counter_day import pdftotext, print_to_pdf, prints_of


@pytest.fixture()
def window(session, qtbot):
    from ui.main_window import MainWindow

    session.login("cashier", "1234")
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    return win


def settle_one(session, counter, code: str = "FW0101") -> str:
    card = session.db.execute("SELECT card_number FROM members WHERE eligible = 1 ORDER BY member_id").fetchone()[0]
    counter.scan.setText(card)
    counter.scan_member()
    counter.add_code(code)
    settled = counter.settle_confirmed()
    counter.last_receipt.close()
    return settled


def test_the_strip_shows_the_last_settlement_and_follows_each_new_one(window, session, qtbot):
    counter = window.counter
    strip = counter.last_strip
    before = session.db.execute("SELECT max(receipt_no) FROM settlements").fetchone()[0]  # the demo's past days
    assert f"上一单 {before:06d}" in strip.text.text() and strip.reprint_button.isEnabled()
    settled = settle_one(session, counter)
    receipt_no, total, pool, account, cash, member = session.db.execute(
        "SELECT s.receipt_no, s.total_fen, s.pool_pay_fen, s.account_pay_fen, s.cash_pay_fen, m.name FROM settlements s"
        " JOIN members m ON m.member_id = s.member_id WHERE s.id = ?", (settled,)).fetchone()
    text = strip.text.text()
    assert receipt_no == before + 1 and f"{receipt_no:06d}" in text and member in text and "10:00" in text
    assert f"¥{format_yuan(from_fen(total))}" in text
    for fen in (pool, account, cash):
        assert format_yuan(from_fen(fen)) in text
    second = settle_one(session, counter, "FW0301")
    assert f"{receipt_no + 1:06d}" in strip.text.text() and strip.settlement.id == second


def test_a_desk_with_no_settlement_says_so(session, qtbot):
    from desk.store.database import write_transaction
    from ui.last_settlement import LastSettlementStrip

    with write_transaction(session.db):  # another desk's settlements only: not this counter's last one
        session.db.execute("UPDATE desk SET desk_number = '99' WHERE id = 1")
    session.login("cashier", "1234")
    strip = LastSettlementStrip(session)
    qtbot.addWidget(strip)
    assert strip.text.text() == "上一单：无" and not strip.reprint_button.isEnabled()
    strip.reprint()  # nothing to do, nothing raised
    assert strip.preview is None


def test_ctrl_p_previews_a_reprint_counted_only_when_printed_and_ctrl_i_views(window, session, qtbot, tmp_path):
    counter = window.counter
    settled = settle_one(session, counter)
    assert prints_of(session, settled) == 1
    qtbot.keyClick(counter.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = counter.last_strip.preview
    assert preview is not None and "重打" in pdftotext(preview.data)
    preview.reject()
    assert prints_of(session, settled) == 1, "looking is not printing"
    qtbot.keyClick(counter.scan, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert "重打" not in pdftotext(counter.last_strip.preview.data)
    counter.last_strip.preview.reject()
    counter.last_strip.reprint_button.click()
    preview = counter.last_strip.preview
    printed = print_to_pdf(preview, tmp_path / "out.pdf")
    qtbot.waitUntil(preview.print_button.isEnabled, timeout=10000)
    assert prints_of(session, settled) == 2 and "重打 第1次" in printed
    assert session.db.execute("SELECT count(*) FROM audit WHERE action = 'receipt.reprint' AND subject = ?",
                              (settled,)).fetchone()[0] == 1
    preview.reject()
