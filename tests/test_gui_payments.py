"""Choosing how the cash part is paid at the counter (issue 12): by keyboard and mouse, beside 实收/找零."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from gui_support import fill_next_dialog, read_and_answer


@pytest.fixture()
def window(session, qtbot):
    from ui.main_window import MainWindow

    session.login("cashier", "1234")
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    return win


def a_cash_bill(counter, session) -> Decimal:
    """复合维生素片 (丙类, 57.44 in the demo catalog), the account left out: the fund pays none of it, so the
    patient owes 57.44 in cash."""
    member = session.db.execute("SELECT member_id FROM members WHERE eligible = 1 ORDER BY member_id").fetchone()[0]
    counter.scan.setText(member)
    counter.use_account.setChecked(False)
    counter.scan_member()
    counter.item_box.setText("XA11AAA002")
    counter.add_typed_item()
    assert counter.split.result.cash_pay == Decimal("57.44")
    return Decimal("57.44")


def payments(session) -> dict[str, int]:
    sid = session.db.execute("SELECT id FROM settlements ORDER BY seq DESC LIMIT 1").fetchone()[0]
    return dict(session.db.execute("SELECT method, amount_fen FROM settlement_payments WHERE settlement_id = ?", (sid,)))


def test_twenty_in_cash_the_rest_by_wechat_by_keyboard_with_change_on_the_cash_part(window, session, qtbot):
    counter = window.counter
    due = a_cash_bill(counter, session)
    qtbot.keyClick(counter, Qt.Key.Key_F6)  # 现金 → 微信: the method that takes the rest
    assert counter.payment.method.currentData() == "wechat"
    qtbot.keyClick(counter, Qt.Key.Key_F5)
    assert counter.payment.part.hasFocus()
    qtbot.keyClicks(counter.payment.part, "20")
    assert counter.payment.part_method.currentData() == "cash"  # beside 微信, the part is 现金
    qtbot.keyClick(counter, Qt.Key.Key_F4)
    qtbot.keyClicks(counter.tendered, "50")
    assert counter.change.text() == "找零 ¥30.00"  # 50 − 20: change only on the cash part
    seen = []
    read_and_answer(seen)
    counter.settle()
    rest = due - Decimal("20")
    assert seen and f"支付：现金 ¥20.00 + 微信 ¥{rest:,.2f}" in seen[0] and "实收 ¥50.00，找零 ¥30.00" in seen[0]
    assert payments(session) == {"cash": 2000, "wechat": int(rest * 100)}
    assert counter.payment.method.currentData() == "cash" and counter.payment.part.text() == ""  # next patient
    counter.last_receipt.close()


def test_all_by_card_chosen_with_the_mouse_has_no_change_to_give(window, session, qtbot):
    counter = window.counter
    due = a_cash_bill(counter, session)
    counter.tendered.setText("100")
    counter.payment.method.setCurrentIndex(counter.payment.method.findData("card"))  # as a click on the list does
    assert not counter.tendered.isEnabled() and counter.tendered.text() == "" and counter.change.text() == ""
    seen = []
    read_and_answer(seen)
    counter.settle()
    assert f"支付：银行卡 ¥{due:,.2f}" in seen[0] and "找零" not in seen[0]
    assert payments(session) == {"card": int(due * 100)}
    counter.last_receipt.close()


def test_a_part_beyond_the_cash_due_is_refused_in_chinese_and_nothing_is_settled(window, session, qtbot):
    counter = window.counter
    due = a_cash_bill(counter, session)
    counter.payment.choose("cash", "99999", "wechat")  # 微信 ¥99,999 and the rest in cash
    assert counter.change.text() == "组合超出应收 ¥57.44"  # at once, in one line beside 实收
    assert counter.change.toolTip() == "支付方式合计 ¥99,999.00 与应收现金 ¥57.44 不符：组合支付的金额不能超过应收现金"
    before = session.db.execute("SELECT count(*) FROM settlements").fetchone()[0]
    seen = []
    read_and_answer(seen)
    counter.settle()
    assert seen == [f"支付方式合计 ¥99,999.00 与应收现金 ¥{due:,.2f} 不符：组合支付的金额不能超过应收现金"]
    assert session.db.execute("SELECT count(*) FROM settlements").fetchone()[0] == before
    counter.payment.choose("cash", "1.234", "wechat")
    assert counter.change.text() == "组合金额“1.234”无效"
    assert "“1.234”不是有效金额" in counter.change.toolTip()


def test_the_day_end_page_and_the_z_confirmation_break_the_cash_down_by_method(window, session, qtbot):
    import datetime as dt

    from desk.store.day_close import close_day, get_close
    from desk.store.payments import Payment
    from desk.store.settling import BillLine, reverse, settle_bill
    from desk.store.users import login
    from gui_support import NOW

    supervisor = login(session.db, "super", "8888", NOW)
    close_day(session.db, supervisor, NOW)  # the demo's past days closed: what follows is this test's alone
    who = session.db.execute("SELECT member_id FROM members WHERE eligible = 1 ORDER BY member_id LIMIT 2").fetchall()
    mixed = settle_bill(session.db, session.library, session.actor, who[0][0], [BillLine("XA11AAA002")], NOW,
                        use_account=False, payments=[Payment("cash", Decimal("20")), Payment("wechat")])
    settle_bill(session.db, session.library, session.actor, who[1][0], [BillLine("XA11AAA002")], NOW,
                use_account=False, payments=[Payment("alipay")])
    reverse(session.db, supervisor, mixed.id, NOW + dt.timedelta(minutes=1), "开错", cashier=session.actor)
    page = window.dayend
    window.tabs.setCurrentWidget(page)
    page.reload()
    # 20 − 20 in cash, 37.44 − 37.44 by WeChat, 57.44 by Alipay
    line = "其中现金部分按支付方式：现金 ¥0.00，微信 ¥0.00，支付宝 ¥57.44"
    assert page.summary.text().endswith("\n" + line)
    seen = []

    def authorise(dialog):
        dialog.user.setText("super")
        dialog.pin.setText("8888")
        read_and_answer(seen)  # then the confirmation
        dialog.check()
    fill_next_dialog(authorise)
    page.z_report()  # the cashier may not close: a supervisor's PIN first
    assert seen and line in seen[0]
    page.last_preview.close()
    z = get_close(session.db, session.db.execute("SELECT MAX(number) FROM day_closes").fetchone()[0])
    assert dict(z.figures.by_method) == {"cash": Decimal("0.00"), "wechat": Decimal("0.00"), "alipay": Decimal("57.44")}


def test_a_long_refusal_beside_the_cash_stays_one_line_and_the_cash_due_stays_in_view(window, session, qtbot):
    """In English at 1024×768 the refusal wrapped over four lines and pushed 应收现金 out of its row."""
    window.resize(1024, 768)
    counter = window.counter
    a_cash_bill(counter, session)
    qtbot.wait(20)
    before = counter.split.values["cash_pay"].height(), counter.change.height()
    counter.change.setText("")
    counter.payment.choose("cash", "99999", "wechat")
    qtbot.wait(20)
    assert counter.split.values["cash_pay"].height() == before[0] and counter.change.height() <= before[1]
    assert counter.change.text() == "组合超出应收 ¥57.44"
