"""`desk screenshots DIR`: a PNG of every screen, on a fresh demo desk, for people to look at."""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path


def shoot(folder: Path, place: str = "puyang", size: tuple[int, int] = (1366, 768)) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desk.policy.loader import Library
    from desk.store.database import open_db
    from desk.demo_desk import build_demo
    from ui.app import make_app
    from ui.login import LoginDialog
    from ui.main_window import MainWindow
    from ui.session import Session

    folder.mkdir(parents=True, exist_ok=True)
    make_app(["desk"])
    QSettings().setValue("receipt_format", "80mm")
    path = Path(tempfile.mkdtemp(prefix="desk-shots-")) / "demo.sqlite"
    build_demo(open_db(path), Library(), place, members=400)
    session = Session(path)
    shots: list[Path] = []

    def save(widget, name: str) -> None:
        import time

        widget.show()
        end = time.monotonic() + 0.6  # let QtPdf's render thread paint the pages
        while time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.02)
        target = folder / f"{len(shots) + 1:02d}-{name}.png"
        widget.grab().save(str(target))
        shots.append(target)

    login = LoginDialog(session)
    login.user.setText("admin")
    save(login, "login")
    login.close()
    session.login("admin", "000000")
    window = MainWindow(session)
    window.resize(*size)
    save(window, "counter-empty")
    counter = window.counter
    member = session.db.execute("SELECT card_number FROM members m WHERE eligible = 1 AND EXISTS"
                                " (SELECT 1 FROM family_links f WHERE f.member_id = m.member_id) LIMIT 1").fetchone()[0]
    counter.scan.setText(member)
    counter.scan_member()
    for query in ("amxl", "tbkw", "xcg"):
        counter.suggest(query)
        found = counter._suggested
        if found:
            counter.add_code(found[0].code)
    save(window, "counter-bill")
    counter.use_account.setChecked(False)  # ¥20 in cash, the rest by WeChat; 50 handed over for the cash part
    counter.payment.choose("wechat", "20", "cash")
    counter.tendered.setText("50")
    counter.show_change()
    save(window, "counter-mixed-payment")
    settled = counter.settle_confirmed()
    save(counter.last_receipt, "receipt-preview")
    counter.last_receipt.close()
    counter.scan.setText("NOSUCHCARD")
    counter.scan_member()
    save(window, "counter-unknown-card")
    counter.new_bill(confirm=False)
    counter.scan.setText(member)  # 挂单, then the list 取单 (F11) shows
    counter.scan_member()
    counter.add_code(found[0].code if found else "FW0101")
    counter.held.hold()
    save(window, "counter-after-hold")
    from desk.store.held_bills import held_bills
    from ui.held_bills import HeldBillsDialog

    dialog = HeldBillsDialog(held_bills(session.db), window)
    save(dialog, "held-bills")
    dialog.close()
    window.tabs.setCurrentWidget(window.settlements)
    save(window, "settlements-today")
    window.tabs.setCurrentWidget(window.dayend)
    save(window, "day-end")
    window.tabs.setCurrentWidget(window.statistics)
    window.statistics.show_month(0)
    save(window, "statistics")
    window.resize(1024, 768)
    save(window, "statistics-1024")
    window.resize(1366, 768)
    window.tabs.setCurrentWidget(window.admin)
    save(window, "admin")
    assert settled
    return shots


def window_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size: {text!r} is not WxH, e.g. 1024x768") from None
    return width, height


def shoot_pharmacy(folder: Path, place: str = "chongqing") -> list[Path]:
    """The pharmacy counter at 1024×768 and 1366×768: a box line with three codes, a split line, the
    prescription, and a refused code, on a fresh demo pharmacy."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import random
    import time

    from PySide6.QtWidgets import QApplication

    from desk.policy.loader import Library
    from desk.store.database import open_db
    from desk.demo_pharmacy import build_demo_pharmacy, demo_prescription, unsold_codes
    from ui.app import make_app
    from ui.main_window import MainWindow
    from ui.session import Session

    folder.mkdir(parents=True, exist_ok=True)
    make_app(["desk"])
    path = Path(tempfile.mkdtemp(prefix="desk-shots-")) / "pharmacy.sqlite"
    build_demo_pharmacy(open_db(path), Library(), place, members=300)
    session = Session(path)
    session.login("cashier", "1234")
    db = session.db
    shots = []
    for width in (1024, 1366):
        window = MainWindow(session)
        window.resize(width, 768)
        window.show()
        counter = window.counter
        counter.scan.setText(db.execute("SELECT card_number FROM members WHERE eligible = 1 AND category = 'retired'"
                                        " ORDER BY member_id LIMIT 1").fetchone()[0])
        counter.scan_member()
        item, barcode = db.execute("SELECT code, barcode FROM catalog_drugs WHERE rx_flag = 1 AND units_per_box = 1"
                                   " AND trace_required = 1 AND barcode IS NOT NULL ORDER BY code LIMIT 1").fetchone()
        counter.add_code(barcode)
        for code in unsold_codes(db, item, 3):
            counter.scan_code(code)
        split = db.execute("SELECT code FROM catalog_drugs WHERE units_per_box > 1 ORDER BY code LIMIT 1").fetchone()[0]
        counter.add_code(split)
        counter.model.setData(counter.model.index(1, counter.model.QTY), "4")
        counter.table.selectRow(1)
        counter.scan_code(unsold_codes(db, split, 1)[0])
        counter.set_prescription(demo_prescription(random.Random(1), session.now().date(), 1))
        counter.scan_code("12345")
        end = time.monotonic() + 0.4
        while time.monotonic() < end:
            QApplication.processEvents()
            time.sleep(0.02)
        target = folder / f"pharmacy-counter-{width}x768.png"
        window.grab().save(str(target))
        shots.append(target)
        counter.new_bill(confirm=False)
        window.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="desk screenshots")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--place", default="puyang")
    parser.add_argument("--size", default="1366x768", type=window_size, help="the window's size, WxH (e.g. 1024x768)")
    parser.add_argument("--type", default="clinic", choices=("clinic", "pharmacy"),
                        help="pharmacy: the pharmacy counter (codes, 拆零, prescription) at 1024 and 1366 wide")
    args = parser.parse_args(argv)
    shots = shoot_pharmacy(args.folder, "chongqing" if args.place == "puyang" else args.place) \
        if args.type == "pharmacy" else shoot(args.folder, args.place, args.size)
    for path in shots:
        print(path)
    return 0
