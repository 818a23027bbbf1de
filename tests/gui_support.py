"""Driving the real counter program offscreen: a demo desk, the session, and answering its dialogs."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8), "CST"))


def answer_next(button: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes, then=None) -> None:
    """Press ``button`` on the next message box once it is open (it blocks the caller until answered)."""
    def press():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
            if then:
                QTimer.singleShot(50, then)
        else:
            QTimer.singleShot(20, press)
    QTimer.singleShot(20, press)


def read_and_answer(seen: list, button: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes) -> None:
    """Like answer_next, keeping the box's text in ``seen`` (a confirmation's words are part of what is tested);
    a box without ``button`` (a warning) is closed with OK."""
    def press():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            return QTimer.singleShot(10, press)
        seen.append(box.text())
        (box.button(button) or box.button(QMessageBox.StandardButton.Ok)).click()
    QTimer.singleShot(10, press)


def fill_next_dialog(fill) -> None:
    """Call ``fill(dialog)`` on the next modal dialog once it is open."""
    def act():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            fill(dialog)
        else:
            QTimer.singleShot(20, act)
    QTimer.singleShot(20, act)


def fresh_session(template: Path, tmp_path: Path):
    """The counter program's session on a copy of a demo desk, its clock fixed at NOW, its settings fresh."""
    from PySide6.QtCore import QCoreApplication, QSettings

    from ui.session import Session

    QCoreApplication.setOrganizationName("billing-desk-tests")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings().clear()
    path = tmp_path / "desk.sqlite"
    with sqlite3.connect(template) as source, sqlite3.connect(path) as target:
        source.backup(target)
    return Session(path, now=lambda: NOW)


ENGLISH_WORDS = __import__("re").compile(r"[A-Za-z]{2,}[ ,;:'’()-]+[A-Za-z]{2,}")


def english_in(text: str) -> str | None:
    """Two English words in a row (a sentence's piece), as the Chinese interface must never show; a lone code,
    user id or file name (admin, FW0101, roster.csv) is a value, not a sentence."""
    found = ENGLISH_WORDS.search(text or "")
    return found.group(0) if found else None
