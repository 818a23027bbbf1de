"""At the real counter (pytest-qt): a scanned box known from a stock receipt (入库) fills its line's batch and
expiry, and an expired box or a box received as another item is refused in the cashier's words."""
from PySide6.QtWidgets import QMessageBox

from gui_support import NOW, answer_next
from pdf_support import text
from test_gui_pharmacy import pharmacy_template, type_enter, window  # noqa: F401 (fixtures)
from PySide6.QtCore import Qt


def box_item(db):
    """A drug sold by the box without a prescription, its barcode, prefix and a member's card."""
    item, barcode, prefix = db.execute(
        "SELECT code, barcode, trace_prefix FROM catalog_drugs WHERE rx_flag = 0 AND units_per_box = 1"
        " AND trace_required = 1 AND barcode IS NOT NULL ORDER BY code LIMIT 1").fetchone()
    card = db.execute("SELECT card_number FROM members WHERE eligible = 1 AND category = 'retired'"
                      " ORDER BY member_id LIMIT 1").fetchone()[0]
    return item, barcode, prefix, card


def receive(db, tmp_path, rows):
    """Import a delivery note as the demo's admin (the real import)."""
    from desk.store.stock import import_stock
    from desk.store.users import login
    from store_support import write_csv

    path = write_csv(tmp_path / "note.csv", ["trace_code", "item_code", "batch", "expiry"], rows)
    return import_stock(db, login(db, "admin", "000000", NOW), path, NOW)


def test_a_received_box_fills_batch_and_expiry_and_they_print_on_the_receipt(window, qtbot, tmp_path):
    from desk.demo_pharmacy import demo_box_code
    from desk.receipts.receipt import receipt_data, render

    counter, db = window.counter, window.counter.session.db
    item, barcode, prefix, card = box_item(db)
    boxes = [demo_box_code(prefix, n) for n in (900001, 900002)]
    receive(db, tmp_path, [[c, item, "T2611A", "2027-05-31"] for c in boxes])
    type_enter(qtbot, counter.scan, card)
    type_enter(qtbot, counter.item_box, barcode)
    assert counter.trace.batch.text() == "" and counter.trace.expiry.text() == ""
    type_enter(qtbot, counter.trace.codes, boxes[0])
    assert counter.trace.batch.text() == "T2611A" and counter.trace.expiry.text() == "2027-05-31"
    type_enter(qtbot, counter.trace.codes, boxes[1])
    line = counter.model.lines[0]
    assert (line.drug.trace_codes, line.drug.batch, line.drug.expiry, line.quantity) == (tuple(boxes), "T2611A",
                                                                                        "2027-05-31", 2)
    settlement_id = counter.draft.settlement_id
    answer_next(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(counter, Qt.Key.Key_F12)
    assert db.execute("SELECT batch, expiry FROM settlement_drug_lines WHERE settlement_id = ?",
                      (settlement_id,)).fetchone() == ("T2611A", "2027-05-31")
    page = text(render(receipt_data(db, counter.session.library, settlement_id)), tmp_path)
    assert "批号 T2611A" in page and "有效期至 2027-05-31" in page


def test_an_expired_box_and_a_box_of_another_item_are_refused_in_chinese(window, qtbot, tmp_path):
    from desk.demo_pharmacy import demo_box_code
    from desk.store.database import write_transaction

    counter, db = window.counter, window.counter.session.db
    item, barcode, prefix, card = box_item(db)
    other = db.execute("SELECT code FROM catalog_drugs WHERE rx_flag = 0 AND units_per_box = 1 AND trace_required = 1"
                       " AND code <> ? ORDER BY code LIMIT 1", (item,)).fetchone()[0]
    with write_transaction(db):  # the other item's catalog row names no prefix: the code's shape alone fits it
        db.execute("UPDATE catalog_drugs SET trace_prefix = '' WHERE code = ?", (other,))
    expired, elsewhere = demo_box_code(prefix, 900010), demo_box_code(prefix, 900011)
    receive(db, tmp_path, [[expired, item, "X2401", "2026-11-19"], [elsewhere, item, "T2611B", "2027-05-31"]])
    type_enter(qtbot, counter.scan, card)
    type_enter(qtbot, counter.item_box, barcode)
    type_enter(qtbot, counter.trace.codes, expired)
    assert f"追溯码“{expired}”所属批号 X2401 已于 2026-11-19 过期：过期药品不得销售" in counter.trace.status.text()
    assert counter.model.lines[0].drug.trace_codes == () and counter.model.lines[0].drug.batch == ""
    type_enter(qtbot, counter.item_box, other)
    assert [l.item.code for l in counter.model.lines] == [item, other] and counter.trace.codes.hasFocus()
    type_enter(qtbot, counter.trace.codes, elsewhere)
    assert f"追溯码“{elsewhere}”入库登记为药品 {item}，与本行药品 {other} 不符" in counter.trace.status.text()
    assert counter.model.lines[1].drug.trace_codes == ()
