"""The real counter program, driven offscreen with pytest-qt, on a real demo desk database."""
import datetime as dt
import re
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from gui_support import answer_next, fill_next_dialog
from ui.session import CST

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=CST)


@pytest.fixture()
def window(session, qtbot):
    from ui.main_window import MainWindow

    session.login("cashier", "1234")
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    return win


def a_member(session, **where) -> tuple[str, str]:
    clause = " AND ".join(f"{k} = ?" for k in where) or "1"
    return session.db.execute(f"SELECT card_number, member_id FROM members WHERE eligible = 1 AND {clause}"
                              f" ORDER BY member_id LIMIT 1", tuple(where.values())).fetchone()


def scan(qtbot, counter, code: str) -> None:
    counter.scan.clear()
    qtbot.keyClicks(counter.scan, code)
    qtbot.keyClick(counter.scan, Qt.Key.Key_Return)


def add_by_pinyin(qtbot, counter, initials: str) -> None:
    """Type initials into the item box and pick the first suggestion from the completer's popup."""
    counter.item_box.setFocus()
    qtbot.keyClicks(counter.item_box, initials)
    popup = counter.item_box.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_login_refuses_a_wrong_pin_with_a_plain_sentence_then_accepts(session, qtbot):
    from ui.login import LoginDialog

    dialog = LoginDialog(session)
    qtbot.addWidget(dialog)
    assert "cashier" in dialog.findChild(type(dialog.error), "demo_hint").text()
    qtbot.keyClicks(dialog.user, "cashier")
    qtbot.keyClicks(dialog.pin, "9999")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.error.text() == "登录失败：工号或密码错误" and session.actor is None
    qtbot.keyClicks(dialog.pin, "1234")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert session.actor.user_id == "cashier" and dialog.result() == dialog.DialogCode.Accepted


def test_an_unknown_card_says_so(window, qtbot):
    scan(qtbot, window.counter, "NOSUCHCARD")
    assert "找不到卡号或证件号为“NOSUCHCARD”的参保人" in window.counter.card.message.text()


def test_scan_add_by_pinyin_and_the_split_is_the_hand_worked_one(window, session, qtbot):
    counter = window.counter
    db = session.db
    member_id = db.execute("SELECT member_id FROM members m WHERE eligible = 1 AND category = 'employed'"
                           " AND NOT EXISTS (SELECT 1 FROM usage_summary u WHERE u.member_id = m.member_id AND year = 2026)"
                           " AND NOT EXISTS (SELECT 1 FROM usage_baseline b WHERE b.member_id = m.member_id AND year = 2026)"
                           " ORDER BY member_id LIMIT 1").fetchone()[0]
    with db.conn:  # the member's state and the B item's ratio made known, so the figures can be worked by hand
        db.execute("UPDATE members SET account_balance_fen = 2000 WHERE member_id = ?", (member_id,))
        db.execute("UPDATE catalog SET selfpay_ratio = '0.10' WHERE name LIKE '头孢克肟%'")
    card = db.execute("SELECT card_number FROM members WHERE member_id = ?", (member_id,)).fetchone()[0]
    scan(qtbot, counter, card)
    assert counter.card.values["name"].text().startswith(db.execute(
        "SELECT name FROM members WHERE member_id = ?", (member_id,)).fetchone()[0])
    assert counter.item_box.hasFocus()
    add_by_pinyin(qtbot, counter, "amxl")
    add_by_pinyin(qtbot, counter, "tbkw")
    assert [line.item.name[:4] for line in counter.model.lines] == ["阿莫西林", "头孢克肟"]
    assert [line.item.cls for line in counter.model.lines] == ["A", "B"]
    model = counter.model
    assert model.setData(model.index(0, model.QTY), "3") and model.setData(model.index(0, model.PRICE), "10.00")
    assert model.setData(model.index(1, model.PRICE), "50.00")
    # 濮阳, a level 2 hospital, an employed member with nothing used this year and 20.00 in the account:
    # total 3 × 10 + 50 = 80; B's first 10 % is self-paid: 5; in scope 75; per-visit deductible 30;
    # pool (75 − 30) × 0.60 = 27; self-pay 80 − 27 = 53, of which the account pays 20 and cash 33.
    worked = {"total": "80.00", "full_self_pay": "0.00", "pre_self_pay": "5.00", "in_scope": "75.00",
              "deductible": "30.00", "ratio": "60.00%", "pool_pay": "27.00", "over_cap": "0.00",
              "account_pay": "20.00", "cash_pay": "33.00"}
    shown = counter.split.values
    assert {key: shown[key].text() for key in worked} == worked
    assert "濮阳 第十二条（一）" in counter.split.why.toPlainText()


def test_an_empty_bill_and_no_member_are_refused_plainly(window, session, qtbot):
    counter = window.counter
    qtbot.keyClick(counter, Qt.Key.Key_F12)
    assert "请先刷卡" in counter.card.message.text()
    scan(qtbot, counter, a_member(session)[0])
    qtbot.keyClick(counter, Qt.Key.Key_F12)
    assert "费用明细为空" in counter.split.message.text()
    assert session.db.execute("SELECT count(*) FROM settlements WHERE day = ?", (NOW.date().isoformat(),)).fetchone()[0] == 0


def test_a_bill_dated_before_the_policy_gives_a_clear_message(session, qtbot):
    session.now = lambda: dt.datetime(2022, 6, 30, 9, 0, tzinfo=CST)
    session.login("cashier", "1234")
    from ui.main_window import MainWindow

    win = MainWindow(session)
    qtbot.addWidget(win)
    scan(qtbot, win.counter, a_member(session)[0])
    win.counter.add_code("FW0101")
    assert "该日期没有适用的医保政策" in win.counter.split.message.text()
    assert "no policy in force for puyang on 2022-06-30" in win.counter.split.message.text()


def test_settle_with_f12_confirms_prints_and_cannot_settle_twice(window, session, qtbot):
    counter = window.counter
    card, member_id = a_member(session)
    scan(qtbot, counter, card)
    add_by_pinyin(qtbot, counter, "amxl")
    settlement_id = counter.draft.settlement_id
    cash = counter.split.values["cash_pay"].text()
    answer_next(QMessageBoxYes())
    qtbot.keyClick(counter, Qt.Key.Key_F12)
    row = session.db.execute("SELECT receipt_no, cash_pay_fen FROM settlements WHERE id = ?", (settlement_id,)).fetchone()
    assert row and f"{row[1] / 100:,.2f}" == cash
    assert counter.last_receipt.isVisible() and counter.last_receipt.document.pageCount() == 1
    assert counter.model.lines == [] and counter.draft.settlement_id != settlement_id
    assert window.focusWidget() is counter.scan  # back at the scan box for the next patient
    window.tabs.setCurrentWidget(window.settlements)
    page = window.settlements
    page.search.setText(f"{row[0]:06d}")
    visible = [r for r in range(page.table.rowCount()) if not page.table.isRowHidden(r)]
    assert len(visible) == 1 and page.table.item(visible[0], 0).text() == f"{row[0]:06d}"


def QMessageBoxYes():
    from PySide6.QtWidgets import QMessageBox

    return QMessageBox.StandardButton.Yes


def test_a_draft_survives_closing_the_window_and_settles_only_once(session, qtbot):
    from ui.counter import CounterPage

    session.login("cashier", "1234")
    first = CounterPage(session)
    qtbot.addWidget(first)
    card, member_id = a_member(session)
    scan(qtbot, first, card)
    first.add_code("FW0101")
    first.model.setData(first.model.index(0, first.model.QTY), "2")
    draft_id = first.draft.settlement_id
    first.settle_confirmed()  # settled, but suppose the program died before the next bill started:
    from ui import draft as drafts

    first.draft.member_key, first.draft.lines = member_id, [{"code": "FW0101", "quantity": "2", "unit_price": "1.00"}]
    first.draft.settlement_id = draft_id
    drafts.save(first.draft_file, first.draft)
    first.close()
    second = CounterPage(session)
    qtbot.addWidget(second)
    assert second.member.member_id == member_id and second.model.lines[0].quantity == Decimal("2")
    second.settle_confirmed()
    assert session.db.execute("SELECT count(*) FROM settlements WHERE id = ?", (draft_id,)).fetchone()[0] == 1
    assert session.db.execute("SELECT count(*) FROM settlements WHERE day = ?", (NOW.date().isoformat(),)).fetchone()[0] == 1


def test_reverse_from_todays_list_needs_a_supervisor_pin(window, session, qtbot):
    counter = window.counter
    scan(qtbot, counter, a_member(session)[0])
    counter.add_code("FW0101")
    settled = counter.settle_confirmed()
    window.tabs.setCurrentWidget(window.settlements)
    page = window.settlements
    page.table.selectRow(0)

    def wrong_then_right(dialog):
        dialog.user.setText("cashier")
        dialog.pin.setText("1234")
        dialog.reason.setText("开错项目")
        dialog.check()
        assert "没有此权限" in dialog.error.text()
        dialog.user.setText("super")
        dialog.pin.setText("8888")
        dialog.check()
    fill_next_dialog(wrong_then_right)
    page.reverse()
    reversal = session.db.execute("SELECT reason, cashier, inputs FROM settlements WHERE reverses = ?",
                                  (settled,)).fetchone()
    # booked to the till's cashier (the drawer pays it back), the approving supervisor recorded (issue 12)
    assert reversal[:2] == ("开错项目", "cashier") and '"approved_by": "super"' in reversal[2]
    assert [page.table.item(r, 3).text() for r in range(page.table.rowCount())] == ["已冲销", "冲销"]


def test_admin_imports_a_roster_with_a_progress_bar(session, tmp_path, qtbot):
    from store_support import MEMBERS, ROSTER_HEADER, write_csv
    from ui.admin_page import AdminPage

    session.login("admin", "000000")
    page = AdminPage(session)
    qtbot.addWidget(page)
    roster = write_csv(tmp_path / "roster.csv", ROSTER_HEADER, MEMBERS)
    page.start_import("members", roster)
    qtbot.waitUntil(lambda: page.import_finished is not None, timeout=10000)
    assert page.progress.maximum() == 3 and page.progress.value() == 3
    assert "读取 3 行，新增 3" in page.report.toPlainText()
    bad = tmp_path / "bad.csv"
    bad.write_text(roster.read_text(encoding="utf-8").replace("employed", "student", 1), encoding="utf-8")
    page.start_import("members", bad)
    qtbot.waitUntil(lambda: page.import_finished is not None and isinstance(page.import_finished, str), timeout=10000)
    # the row and the column in the administrator's words (it said "line 2, column category" in English)
    assert "第 2 行：人员类别“student”不是可选的值" in page.report.toPlainText() and "未导入" in page.report.toPlainText()


def test_cashiers_see_no_admin_page_and_the_status_bar_says_who_and_where(window):
    assert window.admin is None
    text = window.who.text()
    assert "演示收款员" in text and "DEMO-H0901" in text and "puyang@2022-07-01" in text and "演示数据" in text
    assert "待上传" in window.sync.text()


def test_the_sync_button_uploads_off_the_gui_thread_and_the_status_bar_follows(window, session, tmp_path, qtbot):
    from desk.store.identity import get_desk
    from desk.store.users import login
    from desk.sync.client import configure
    from sync_support import HubProcess, hub_database

    assert not window.sync_button.isEnabled() and "未配置中心" in window.sync.text()
    hub = HubProcess(hub_database("sqlite", tmp_path), tmp_path).start()
    try:
        secret = hub.store.add_desk(get_desk(session.db).desk_uuid, "demo desk", NOW)
        configure(session.db, login(session.db, "admin", "000000", NOW), hub.url, secret, NOW)
        queued = session.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        window.refresh_status()
        assert window.sync_button.isEnabled() and f"待上传 {queued} 笔" in window.sync.text()
        qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
        assert window.syncing and "正在同步" in window.sync.text()  # the click returned at once
        qtbot.waitUntil(lambda: not window.syncing, timeout=60000)
        assert window.last_sync.ok and window.last_sync.accepted == queued
        assert "待上传 0 笔" in window.sync.text() and "上次上传：从未" not in window.sync.text()
    finally:
        hub.close()


def test_printing_renders_every_page_onto_white_through_a_real_qprinter(tmp_path, qapp):
    """print_pdf paints QtPdf's transparent render onto white pages of a QPrinter (here a PDF file)."""
    import subprocess

    from PySide6.QtPrintSupport import QPrinter

    from desk.receipts.layout import PAPERS, Slip
    from ui.pdf_preview import load_pdf, print_pdf

    slip = Slip(PAPERS["a5"])
    for n in range(60):
        slip.pair(f"第{n}行", f"{n}.00")
    document, _ = load_pdf(slip.pdf(), None)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(150)
    print_pdf(document, printer)
    info = subprocess.run(["pdfinfo", str(tmp_path / "printed.pdf")], capture_output=True, text=True).stdout
    assert document.pageCount() == 2 and re.search(r"^Pages:\s+2$", info, re.M), info
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(tmp_path / "printed.pdf"),
                    str(tmp_path / "page")], check=True)
    from PySide6.QtGui import QImage

    page = QImage(str(next(tmp_path.glob("page*.png"))))
    corner = page.pixelColor(2, 2)
    assert (corner.red(), corner.green(), corner.blue()) == (255, 255, 255)  # white, not transparent black
