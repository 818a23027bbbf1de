"""A whole pharmacy sale at the real counter program, by keyboard: member, box barcode, three codes, a
prescription, settle, the receipt preview; codes refused as the cashier would see them."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from gui_support import NOW, answer_next, fill_next_dialog, fresh_session
from pdf_support import text
from test_gui_english import english, english_qm  # noqa: F401 (fixtures: the English translation installed)


@pytest.fixture(scope="module")
def pharmacy_template(tmp_path_factory):
    from desk.policy.loader import Library
    from desk.store.database import open_db
    from desk.demo_pharmacy import build_demo_pharmacy

    path = tmp_path_factory.mktemp("pharmacy") / "template.sqlite"
    build_demo_pharmacy(open_db(path), Library(), "chongqing", members=200, now=NOW)
    return path


@pytest.fixture()
def window(pharmacy_template, tmp_path, qapp, qtbot):
    return open_window(pharmacy_template, tmp_path, qtbot)


def open_window(pharmacy_template, tmp_path, qtbot):
    """The counter program, a cashier logged in, on a copy of the demo pharmacy, its clock fixed."""
    from ui.main_window import MainWindow

    session = fresh_session(pharmacy_template, tmp_path)
    session.login("cashier", "1234")
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    return win


def type_enter(qtbot, widget, text: str) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def reactivate(qtbot, window) -> None:
    """After a modal box closes, the offscreen platform leaves no window active (a window manager would
    give the counter back its focus): activate it again, as the cashier's screen is."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def rx_item(db):
    """A prescription drug sold by the box, with its barcode, and a member."""
    item, barcode = db.execute("SELECT code, barcode FROM catalog_drugs WHERE rx_flag = 1 AND units_per_box = 1"
                               " AND trace_required = 1 AND barcode IS NOT NULL ORDER BY code LIMIT 1").fetchone()
    card = db.execute("SELECT card_number FROM members WHERE eligible = 1 AND category = 'retired'"
                      " ORDER BY member_id LIMIT 1").fetchone()[0]
    return item, barcode, card


def fill_prescription(qtbot):
    """Type the prescription into its dialog's fields and press Enter (the dialog's default button)."""
    def fill(dialog):
        for widget, value in ((dialog.number, "RX2026112000001"), (dialog.institution_code, "H50010001"),
                              (dialog.institution_name, "重庆医科大学附属第一医院"), (dialog.doctor, "刘医生"),
                              (dialog.diagnosis_code, "J06.900"), (dialog.diagnosis_name, "急性上呼吸道感染")):
            if value.isascii():
                qtbot.keyClicks(widget, value)
            else:  # Chinese comes from the input method, which commits whole words (QTest types ASCII only)
                widget.insert(value)
        assert dialog.level.currentData() == 3  # 三级 unless chosen otherwise
        qtbot.keyClick(dialog.diagnosis_name, Qt.Key.Key_Return)
    fill_next_dialog(fill)


def test_a_whole_pharmacy_sale_by_keyboard(window, qtbot, tmp_path):
    from desk.receipts.receipt import receipt_data, render
    from desk.demo_pharmacy import unsold_codes

    counter, db = window.counter, window.counter.session.db
    item, barcode, card = rx_item(db)
    codes = unsold_codes(db, item, 3)
    type_enter(qtbot, counter.scan, card)
    assert counter.item_box.hasFocus()
    type_enter(qtbot, counter.item_box, barcode)  # the box's barcode in the item box
    assert [l.item.code for l in counter.model.lines] == [item]
    assert counter.trace.codes.hasFocus()
    assert codes[0] in counter.trace.hint.text()  # the demo names a box to type where a scanner would
    for code in codes:
        type_enter(qtbot, counter.trace.codes, code)
    assert counter.model.lines[0].drug.trace_codes == tuple(codes)
    assert counter.model.lines[0].quantity == 3  # the quantity follows the boxes scanned
    type_enter(qtbot, counter.trace.codes, codes[1])
    assert "已扫描过" in counter.trace.status.text() and counter.model.lines[0].quantity == 3
    type_enter(qtbot, counter.trace.codes, "12345")
    assert "为5位，应为20位" in counter.trace.status.text()
    answer_next(QMessageBox.StandardButton.Ok)  # settling without the prescription is refused
    qtbot.keyClick(counter, Qt.Key.Key_F12)
    assert db.execute("SELECT count(*) FROM prescriptions p JOIN settlements s ON s.id = p.settlement_id"
                      " WHERE s.id = ?", (counter.draft.settlement_id,)).fetchone()[0] == 0
    reactivate(qtbot, window)
    fill_prescription(qtbot)
    qtbot.keyClick(counter, Qt.Key.Key_F7)
    assert counter.prescription and counter.prescription.number == "RX2026112000001"
    assert counter.prescription.institution_level == 3 and "刘医生" in counter.rx_label.text()
    reactivate(qtbot, window)
    settlement_id = counter.draft.settlement_id
    answer_next(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(counter, Qt.Key.Key_F12)
    sold = [r[0] for r in db.execute("SELECT code FROM trace_units WHERE settlement_id = ? ORDER BY rowid",
                                      (settlement_id,))]
    assert sold == codes
    assert db.execute("SELECT number, institution_level FROM prescriptions WHERE settlement_id = ?",
                      (settlement_id,)).fetchone() == ("RX2026112000001", 3)
    assert counter.last_receipt.isVisible()
    page = text(render(receipt_data(db, counter.session.library, settlement_id)), tmp_path)
    assert all(c in page.split() for c in codes) and "RX2026112000001" in page


def test_a_code_sold_before_is_refused_naming_its_receipt_and_no_code_needs_a_reason(window, qtbot):
    counter, db = window.counter, window.counter.session.db
    code, receipt, item = db.execute(
        "SELECT t.code, s.receipt_no, i.code FROM trace_units t JOIN settlements s ON s.id = t.settlement_id"
        " JOIN settlement_items i ON i.settlement_id = t.settlement_id AND i.line = t.line"
        " JOIN catalog_drugs d ON d.code = i.code WHERE t.released_by IS NULL AND d.units_per_box = 1"
        " AND d.rx_flag = 0 ORDER BY s.seq LIMIT 1").fetchone()
    _, _, card = rx_item(db)
    type_enter(qtbot, counter.scan, card)
    type_enter(qtbot, counter.item_box, item)
    type_enter(qtbot, counter.trace.codes, code)
    assert f"已在本机第 {receipt} 号结算单售出" in counter.trace.status.text()
    assert counter.model.lines[0].drug.trace_codes == ()
    answer_next(QMessageBox.StandardButton.Ok)
    qtbot.keyClick(counter, Qt.Key.Key_F12)  # refused: the code is missing
    assert counter.model.lines and counter.model.data(counter.model.index(0, counter.model.CODES)) == "待扫码"
    reactivate(qtbot, window)

    def give_reason(dialog):
        dialog.setTextValue("2025年7月前购进库存")
        dialog.accept()
    fill_next_dialog(give_reason)
    qtbot.keyClick(counter, Qt.Key.Key_F8)
    assert counter.model.lines[0].drug.no_code_reason == "2025年7月前购进库存"
    reactivate(qtbot, window)
    answer_next(QMessageBox.StandardButton.Yes)
    settlement_id = counter.draft.settlement_id
    qtbot.keyClick(counter, Qt.Key.Key_F12)
    assert db.execute("SELECT no_code_reason FROM settlement_drug_lines WHERE settlement_id = ?",
                      (settlement_id,)).fetchone() == ("2025年7月前购进库存",)


def test_the_pharmacy_counter_speaks_english(english, pharmacy_template, tmp_path, qapp, qtbot):
    from test_gui_english import CJK
    from ui.pharmacy_panel import PrescriptionDialog
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

    win = open_window(pharmacy_template, tmp_path, qtbot)
    counter, db = win.counter, win.counter.session.db
    item, barcode, card = rx_item(db)
    type_enter(qtbot, counter.scan, card)
    type_enter(qtbot, counter.item_box, barcode)
    type_enter(qtbot, counter.trace.codes, "12345")
    assert counter.trace.status.text().endswith("Traceability code “12345” has 5 digits; a code has 20</span>")
    texts = [counter.rx_button.text(), counter.trace.title(), counter.trace.codes.placeholderText(),
             counter.trace.no_code_button.text(), counter.trace.batch.placeholderText(),
             counter.trace.expiry.placeholderText(), counter.model.headerData(8, Qt.Orientation.Horizontal),
             counter.model.data(counter.model.index(0, 8))]
    dialog = PrescriptionDialog(QDate(2026, 11, 20))
    qtbot.addWidget(dialog)
    texts += [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton)]
    texts += [dialog.windowTitle(), *(dialog.level.itemText(i) for i in range(4))]
    assert all(not CJK.search(t) for t in texts), [t for t in texts if CJK.search(t)]
