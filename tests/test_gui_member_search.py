"""Finding the patient by name or pinyin at the counter (issue 12): the list tells namesakes apart without
showing whole ID numbers, and the pick binds the bill by member id, as a scanned card would."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desk.store.roster import import_roster
from gui_support import NOW, fill_next_dialog
from store_support import ROSTER_HEADER, member_row, write_csv

ROSTER = [
    member_row("Z001", "张三", dt.date(1980, 5, 1), card="CZ001", sequence=11),
    member_row("Z002", "张珊珊", dt.date(1990, 12, 1), "F", card="CZ002", sequence=12),
    member_row("Z003", "章三", dt.date(1982, 5, 1), card="CZ003", sequence=13),
    # member id equal to 张三's card number: a scan of CZ001 is ambiguous, a pick from the list never is
    member_row("CZ001", "王五", dt.date(1975, 3, 3), card="CW005", sequence=14),
]


@pytest.fixture()
def window(session, qtbot, tmp_path):
    from desk.store.users import login
    from ui.main_window import MainWindow

    admin = login(session.db, "admin", "000000", NOW)
    import_roster(session.db, admin, write_csv(tmp_path / "roster.csv", ROSTER_HEADER, ROSTER), NOW)
    session.login("cashier", "1234")
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    return win


def rows(dialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def pick(qtbot, typed: str, name: str, seen: dict):
    """On the search dialog: type ``typed``, move down to ``name`` with the arrow keys, press Enter."""
    def fill(dialog):
        dialog.query.clear()
        if typed.isascii():
            qtbot.keyClicks(dialog.query, typed)
        else:  # an input method's commit, which QTest's key clicks cannot type
            dialog.query.insert(typed)
        seen["rows"] = rows(dialog)
        names = [r[0] for r in seen["rows"]]
        for _ in range(names.index(name)):
            qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    fill_next_dialog(fill)


def test_pinyin_in_the_scan_box_lists_members_masked_and_the_pick_binds_the_bill(window, session, qtbot):
    counter = window.counter
    seen: dict = {}
    pick(qtbot, "zhangs", "张珊珊", seen)
    counter.scan.setText("zhangs")
    counter.scan_member()
    names = [r[0] for r in seen["rows"]]
    assert {"张三", "张珊珊", "章三"} <= set(names) and "王五" not in names
    shan = seen["rows"][names.index("张珊珊")]
    assert shan[1] == "女" and shan[2] == "35" and shan[4] == "CZ002"  # 1990-12-01 → 35 on 2026-11-20
    full_id = next(r[2] for r in ROSTER if r[0] == "Z002")
    assert all(full_id not in cell for row in seen["rows"] for cell in row), "ID numbers are masked"
    assert shan[3].startswith(full_id[:3]) and shan[3].endswith(full_id[-4:]) and "*" in shan[3]
    assert counter.member.member_id == "Z002"
    counter.add_code("FW0101")
    assert counter.split.result is not None


def test_ctrl_f_finds_by_a_chinese_name_and_the_pick_is_the_member_id_never_a_code(window, session, qtbot):
    """王五's member id is 张三's card number: the scan of that code is refused as ambiguous, the pick of 王五
    from the list binds 王五 and settles for 王五."""
    counter = window.counter
    counter.scan.setText("CZ001")
    counter.scan_member()
    assert counter.member is None
    seen: dict = {}
    pick(qtbot, "王", "王五", seen)
    qtbot.keyClick(counter.scan, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert counter.member.member_id == "CZ001" and counter.member.name == "王五"
    counter.add_code("FW0101")
    settled = counter.settle_confirmed()
    assert session.db.execute("SELECT member_id FROM settlements WHERE id = ?", (settled,)).fetchone()[0] == "CZ001"


def test_a_pick_on_an_open_bill_of_another_patient_asks_first(window, session, qtbot):
    from gui_support import answer_next
    from PySide6.QtWidgets import QMessageBox

    counter = window.counter
    counter.scan.setText("CZ002")
    counter.scan_member()
    counter.add_code("FW0101")
    pick(qtbot, "zs", "章三", {})
    answer_next(QMessageBox.StandardButton.No)
    counter.search_member()
    assert counter.member.member_id == "Z002", "No keeps the bill with its patient"


def test_nothing_found_says_so_and_cancel_changes_nothing(window, session, qtbot):
    counter = window.counter
    seen: dict = {}

    def fill(dialog):
        qtbot.keyClicks(dialog.query, "qqqq")
        seen["note"], seen["rows"] = dialog.note.text(), dialog.table.rowCount()
        dialog.reject()
    fill_next_dialog(fill)
    counter.search_member()
    assert seen["rows"] == 0 and "qqqq" in seen["note"]
    assert counter.member is None
