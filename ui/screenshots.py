"""`desk screenshots DIR`: a PNG of every screen, on a fresh demo desk, for people to look at."""
from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path


def shoot(folder: Path, place: str = "puyang") -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desk.policy.loader import Library
    from desk.store.database import open_db
    from desk.store.demo_desk import build_demo
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
    window.resize(1366, 768)
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
    settled = counter.settle_confirmed()
    save(counter.last_receipt, "receipt-preview")
    counter.last_receipt.close()
    counter.scan.setText("NOSUCHCARD")
    counter.scan_member()
    save(window, "counter-unknown-card")
    counter.new_bill(confirm=False)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="desk screenshots")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--place", default="puyang")
    args = parser.parse_args(argv)
    for path in shoot(args.folder, args.place):
        print(path)
    return 0
