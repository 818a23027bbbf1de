"""The counter program with the benefits beside 普通门诊 (issue 11), driven offscreen with pytest-qt on a real
desk settled under the example 吉林 city pack (tests/packs/changchun.toml): the cashier picks the benefit, the
member card lists the certifications with their dates, the split, the why panel and the receipt name the
benefit and the disease with that disease's cap used and left, and an excluded item is marked on its line."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desk.domain import CST
from pdf_support import text as pdf_text
from test_store_benefits import LIBRARY, make

AT = dt.datetime(2023, 5, 10, 10, 0, tzinfo=CST)


@pytest.fixture()
def counter(tmp_path, qtbot, qapp):
    from PySide6.QtCore import QCoreApplication, QSettings

    from ui.main_window import MainWindow
    from ui.session import Session

    QCoreApplication.setOrganizationName("billing-desk-tests")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    db, _, _ = make(tmp_path, "changchun", 1, AT)
    db.conn.close()
    session = Session(tmp_path / "desk.sqlite", library=LIBRARY, now=lambda: AT)
    session.login("cash1", "1111")
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    page = win.counter
    page.scan.setText("A1")
    page.scan_member()
    return page


def test_2_3_the_certified_benefit_is_the_default_and_the_split_shows_the_diseases_cap(counter, qtbot):
    card = counter.card.values["certified"].text()
    assert "门诊慢性病 高血压（I10）2023-01-01 至 2023-12-31" in card
    assert counter.chosen_benefit() == ("chronic", "I10")
    assert [counter.benefit.itemText(i) for i in range(counter.benefit.count())] == [
        "普通门诊", "门诊慢性病：高血压（I10）", "急诊抢救", "日间手术"]
    counter.add_code("XA01")
    model = counter.model
    model.setData(model.index(0, model.QTY), "16", Qt.ItemDataRole.EditRole)
    # 16 × 25.00 = 400.00, the shared deductible 200, (400 − 200) × 0.70 = 140.00 of 高血压's 2,000
    assert counter.split.values["pool_pay"].text() == "140.00"
    assert counter.split.benefit.text() == "门诊慢性病　高血压（I10）：年度限额 2,000.00，已用 140.00，尚余 1,860.00"
    assert "长春 二、（三）" in counter.split.why.toPlainText()
    counter.benefit.setCurrentIndex(0)  # the cashier picks ordinary: (400 − 200) × 0.60 = 120.00
    assert counter.split.values["pool_pay"].text() == "120.00" and counter.split.benefit.text() == "普通门诊"


def test_7_an_excluded_item_is_marked_on_its_line_and_the_receipt_names_benefit_and_cap(counter, qtbot, tmp_path):
    counter.add_code("WL01")
    counter.add_code("XA01")
    model = counter.model
    assert "〔个人账户不予支付〕" in model.data(model.index(0, 1)) and model.data(model.index(0, 4)) == "全自费"
    assert "〔个人账户不予支付〕" not in model.data(model.index(1, 1))
    sid = counter.settle_confirmed()
    assert sid
    from desk.store.settling import get_settlement

    stored = get_settlement(counter.session.db, sid)
    assert (stored.benefit, stored.disease) == ("chronic", "I10")
    # 25.00 A under chronic: 25.00 of the 200 deductible, pool 0; 200.00 wellness item in cash
    assert str(stored.figures["cash_pay"]) == "200.00" and str(stored.figures["account_pay"]) == "25.00"
    from desk.receipts.receipt import print_receipt

    pdf, _ = print_receipt(counter.session.db, counter.session.library, counter.session.actor, sid, "80mm", AT)
    text = pdf_text(pdf, tmp_path, layout=False)
    assert "待遇类别" in text and "门诊慢性病" in text and "高血压（I10）" in text
    assert "个人账户不予支付" in text and "高血压年度限额" in text and "高血压剩余" in text
