"""Starting the counter program: Qt, the bundled CJK font, the language, the log, the database, login.

With no --db the desk opens its embedded demo database, built on first start with `desk demo`.
"""
from __future__ import annotations

import argparse
import os
import logging
import logging.handlers
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from desk.receipts.fonts import font_path

log = logging.getLogger("desk.ui")


def setup_logging() -> Path:
    """Details go to a rotating log file; the cashier sees plain sentences."""
    import platformdirs

    folder = Path(platformdirs.user_log_dir("billing-desk", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(folder / "desk.log", maxBytes=2_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("desk")
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    return folder / "desk.log"


def make_app(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    QCoreApplication.setOrganizationName("billing-desk")
    QCoreApplication.setApplicationName("billing-desk")
    family_id = QFontDatabase.addApplicationFont(str(font_path()))
    families = QFontDatabase.applicationFontFamilies(family_id) if family_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 10))
    from importlib import resources

    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(resources.files("resources") / "icons" / "desk.png")))
    install_language(app, QSettings().value("language", "zh_CN"))
    return app


def install_language(app: QApplication, language: str) -> list[QTranslator]:
    """Chinese is the source language; English comes from a compiled translation, when present.

    Qt's own strings (Cancel, Yes, No) come from Qt's translations in the chosen language.
    """
    from PySide6.QtCore import QLibraryInfo

    installed = []
    qt = QTranslator(app)
    if qt.load(QLocale("zh_CN" if language != "en" else "en"), "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)  # the file dialog, Cancel, Yes, No …
        installed.append(qt)
    else:
        log.warning("Qt's own %s translations not found in %s", language,
                    QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if language != "en":  # what qtbase_zh_CN leaves in English (resources/translations/qtgaps_zh_CN.ts)
        from importlib import resources

        gaps = QTranslator(app)
        if gaps.load(QLocale("zh_CN"), "qtgaps", "_", str(resources.files("resources") / "translations")):
            app.installTranslator(gaps)
            installed.append(gaps)
    if language == "en":
        from importlib import resources

        translator = QTranslator(app)
        folder = str(resources.files("resources") / "translations")
        if translator.load(QLocale("en"), "desk", "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("English translation not found in %s; run scripts/setup-env to compile it", folder)
    return installed


def demo_database(place: str, kind: str = "clinic") -> Path:
    import platformdirs

    suffix = "-pharmacy" if kind == "pharmacy" else ""
    return Path(platformdirs.user_data_dir("billing-desk", appauthor=False)) / f"demo-{place}{suffix}.sqlite"


def ensure_demo(path: Path, place: str, kind: str = "clinic") -> None:
    """Build the demo database on first start, with a progress dialog (it takes a couple of seconds)."""
    if path.exists():
        return
    from desk.policy.loader import Library
    from desk.store.database import open_db
    from desk.demo_desk import build_demo
    from desk.demo_pharmacy import build_demo_pharmacy

    dialog = QProgressDialog(QCoreApplication.translate("app", "正在准备演示数据…"), None, 0, 0)
    dialog.setMinimumDuration(0)
    dialog.show()
    QApplication.processEvents()
    temp = path.with_suffix(".building")
    temp.unlink(missing_ok=True)
    (build_demo_pharmacy if kind == "pharmacy" else build_demo)(open_db(temp), Library(), place)
    temp.rename(path)
    for suffix in ("-wal", "-shm"):
        Path(str(temp) + suffix).unlink(missing_ok=True)
    dialog.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="desk gui", description="the counter program")
    parser.add_argument("--db", type=Path, help="a desk database (default: the embedded demo database)")
    parser.add_argument("--place", default="puyang", help="the demo's place when no --db is given")
    parser.add_argument("--type", default="clinic", choices=("clinic", "pharmacy"), dest="kind",
                        help="the demo's kind: pharmacy opens the demo pharmacy (box codes, 拆零, prescriptions)")
    args, qt_args = parser.parse_known_args(argv if argv is not None else [])
    setup_logging()
    app = make_app([sys.argv[0], *qt_args])
    from ui.login import LoginDialog
    from ui.session import Session

    try:
        path = args.db
        if path is None:
            path = demo_database(args.place, args.kind)
            ensure_demo(path, args.place, args.kind)
        session = Session(path)
        session.desk  # noqa: B018 — refuse an uninitialised database before the login screen
    except Exception as exc:
        log.exception("cannot open the desk database")
        QMessageBox.critical(None, QCoreApplication.translate("app", "无法打开数据库"), str(exc))
        return 2
    login = LoginDialog(session)
    if os.environ.get("DESK_EXIT_WHEN_SHOWN"):  # bench/frozen.py: time to an interactive login screen
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: (print("READY", flush=True), login.reject()))
    if login.exec() != QDialog.DialogCode.Accepted:
        return 0
    from ui.shift import Shift

    shift = Shift(session)  # 切换用户 (Ctrl+L) comes back to a login dialog without restarting
    shift.open_window()
    return app.exec()
