"""The counter's default benefit is the certified benefit the visit's items fit (issue 11, part 5): a pack
lists the catalog codes dispensed for a disease (its 病种用药范围, `items` in the disease table), and until the
cashier picks a benefit the counter offers the certified disease an item of the bill is listed for, ordinary
when none is. Driven offscreen with pytest-qt on a real desk under a copy of tests/packs/changchun.toml
whose 高血压 (I10) row lists BP01 (氨氯地平片, a hypertension drug of class A, 30.00)."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desk.engine.benefits import Offer, default_offer
from desk.money import InputError
from desk.policy.diseases import parse_diseases
from desk.policy.loader import Library
from desk.store.catalog import import_catalog
from desk.store.database import open_db
from desk.store.identity import init_desk
from desk.store.roster import import_roster
from desk.store.users import add_user, login
from store_support import write_csv
from support import EXAMPLE_PACKS
from test_store_benefits import AT, EXTRA, EXTRA_HEADER, HEADER, members

I10_ROW = '{ code = "I10", name = "高血压", cap = "2000" }'


def library_with_items(folder) -> Library:
    text = (EXAMPLE_PACKS / "changchun.toml").read_text(encoding="utf-8")
    assert I10_ROW in text
    folder.mkdir()
    (folder / "changchun.toml").write_text(text.replace(I10_ROW, I10_ROW[:-2] + ', items = ["BP01"] }'),
                                           encoding="utf-8")
    return Library([folder])


@pytest.fixture()
def counter(tmp_path, qtbot, qapp):
    from PySide6.QtCore import QCoreApplication, QSettings

    from ui.main_window import MainWindow
    from ui.session import Session

    QCoreApplication.setOrganizationName("billing-desk-tests")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    library = library_with_items(tmp_path / "packs")
    db = open_db(tmp_path / "desk.sqlite")
    init_desk(db, library, institution_code="H-9", institution_name="测试卫生院", level=1, type="clinic",
              policy="changchun", desk_number="01", admin_id="admin", admin_name="管理员", admin_pin="9999", now=AT)
    admin = login(db, "admin", "9999", AT)
    add_user(db, admin, "cash1", "收款员", "cashier", "1111", AT)
    rows = EXTRA + [["BP01", "氨氯地平片", "5mg×28片", "盒", "A", "0", "30.00", "西药", "", ""]]
    import_catalog(db, admin, write_csv(tmp_path / "catalog.csv", EXTRA_HEADER, rows), AT)
    import_roster(db, admin, write_csv(tmp_path / "roster.csv", HEADER, members()), AT)
    db.conn.close()
    session = Session(tmp_path / "desk.sqlite", library=library, now=lambda: AT)
    session.login("cash1", "1111")
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    page = win.counter
    page.scan.setText("A1")  # M001, certified 门诊慢性病 高血压 I10 for 2023
    page.scan_member()
    return page


def test_the_default_follows_the_items_until_the_cashier_picks(counter):
    assert counter.chosen_benefit() == ("chronic", "I10")  # no line yet: the certification in force
    counter.add_code("XA01")  # 阿莫西林 is not among 高血压's items: ordinary, 25.00 within the deductible
    assert counter.chosen_benefit() == ("ordinary", None)
    assert counter.split.benefit.text() == "普通门诊"
    counter.add_code("BP01")  # an item listed for I10: its benefit
    assert counter.chosen_benefit() == ("chronic", "I10")
    assert counter.split.benefit.text().startswith("门诊慢性病　高血压（I10）")
    counter.model.setData(counter.model.index(1, counter.model.QTY), "10", Qt.ItemDataRole.EditRole)
    # 25.00 + 10 × 30.00 = 325.00 under chronic: the shared deductible 200, (325 − 200) × 0.70 = 87.50
    assert counter.split.values["pool_pay"].text() == "87.50"
    counter.benefit.setCurrentIndex(0)  # the cashier picks ordinary: the items no longer change it
    counter.add_code("BP01")
    assert counter.chosen_benefit() == ("ordinary", None)


def test_a_new_member_starts_from_the_items_again(counter):
    counter.benefit.setCurrentIndex(0)
    counter.new_bill(confirm=False)
    counter.scan.setText("A1")
    counter.scan_member()
    counter.add_code("BP01")
    assert counter.chosen_benefit() == ("chronic", "I10")


def test_default_offer_reads_the_packs_items_and_falls_back_without_them():
    ordinary = Offer("ordinary")
    i10 = Offer("chronic", "I10", "高血压", items=frozenset({"BP01"}))
    e11 = Offer("chronic", "E11", "糖尿病", items=frozenset({"MF01"}))
    expired = Offer("chronic", "I25", "冠心病", in_force=False, items=frozenset({"XA01"}))
    options = [ordinary, expired, i10, e11]
    assert default_offer(options, ["MF01"]) == e11
    assert default_offer(options, ["XA01"]) == ordinary  # listed only for a certification no longer in force
    assert default_offer(options, ["XA01", "BP01"]) == i10
    assert default_offer(options) == i10  # no line: the first certification in force
    bare = [ordinary, Offer("chronic", "I10", "高血压")]
    assert default_offer(bare, ["XA01"]) == bare[1]  # the pack lists no items: the certification in force


@pytest.mark.parametrize("items, says", [("BP01", "must be an array of catalog codes"),
                                         (["BP01", ""], "must be an array of catalog codes")])
def test_a_bad_items_column_is_refused_naming_the_row(items, says):
    with pytest.raises(InputError) as refused:
        parse_diseases([{"code": "I10", "name": "高血压", "items": items}], "chronic.diseases")
    assert (refused.value.field, says in refused.value.reason) == ("chronic.diseases[0].items", True)
