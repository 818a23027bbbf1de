"""A cashier's shift at one counter program: log in, work, switch user (Ctrl+L), without restarting.

At logout the window goes (its open bill is already on disk as its cashier's draft), the login
dialog comes back, and whoever logs in next gets a window of their own: their role's pages, their
own draft, or another user's left draft named as such (ui/draft_note.py).
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from ui.login import LoginDialog
from ui.main_window import MainWindow

log = logging.getLogger("desk.ui")


class Shift(QObject):
    window_opened = Signal(object)  # the MainWindow of whoever logged in

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None

    def open_window(self) -> MainWindow:
        """The window of the user now logged in (session.actor)."""
        self.window = MainWindow(self.session)
        self.window.logout_requested.connect(self.logout)
        self.window.show_on_screen()
        self.window_opened.emit(self.window)
        return self.window

    def logout(self) -> None:
        """Close the window, forget who was logged in, ask who is next (closing the dialog ends the program)."""
        log.info("%s logged out", self.session.actor.user_id if self.session.actor else "-")
        self.session.actor = None
        self.login = LoginDialog(self.session)
        self.login.accepted.connect(self.open_window)
        self.login.rejected.connect(QApplication.quit)
        self.login.open()  # shown before the window goes, so the program never has no window
        if self.window is not None:
            self.window.retire()
            self.window = None
