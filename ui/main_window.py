"""The main window: the counter and the other pages as tabs, and a status bar saying who and where."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QPushButton, QTabWidget, QToolButton

from desk.engine import local_day
from ui.admin_page import AdminPage
from ui.counter import CounterPage
from ui.dayend_page import DayEndPage
from ui.elided_label import ElidedLabel
from ui.operations import Changes, CollectionOp, operation_did_execute
from ui.settlements_page import SettlementsPage
from ui.statistics_page import StatisticsPage

SYNC_EVERY_MS = 5 * 60 * 1000  # a background sync every five minutes, when a hub is configured
PREFERRED = QSize(1280, 760)  # the window's size on a screen with room to spare


class MainWindow(QMainWindow):
    logout_requested = Signal()  # 切换用户: the shift (ui/shift.py) closes this window and asks who is next

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        desk = session.desk
        title = self.tr("门诊共济结算 — %1 窗口 %2").replace("%1", desk.institution_name).replace("%2", desk.desk_number)
        self.setWindowTitle(title + (self.tr("【演示】") if desk.demo else ""))
        self.tabs = QTabWidget()
        self.counter = CounterPage(session)
        self.settlements = SettlementsPage(session)
        self.dayend = DayEndPage(session)
        self.tabs.addTab(self.counter, self.tr("收费"))
        self.tabs.addTab(self.settlements, self.tr("今日结算"))
        self.tabs.addTab(self.dayend, self.tr("日结"))
        self.statistics = None
        if session.actor.may("reverse"):  # supervisors and admins
            self.statistics = StatisticsPage(session)
            self.tabs.addTab(self.statistics, self.tr("统计"))
        self.admin = None
        if session.actor.may("users"):
            self.admin = AdminPage(session)
            self.tabs.addTab(self.admin, self.tr("管理"))
        self.tabs.currentChanged.connect(self.page_shown)
        self.counter.settled.connect(lambda _: self.refresh_status())
        self.setCentralWidget(self.tabs)
        self._user_menu()
        self.who = ElidedLabel()
        self.who.setObjectName("who")
        self.sync = ElidedLabel()
        self.sync.setObjectName("sync_status")
        self.sync_button = QPushButton(self.tr("同步"))
        self.sync_button.setObjectName("sync_button")
        self.sync_button.clicked.connect(lambda: self.sync_now(quiet=False))
        self.statusBar().addWidget(self.who, 3)
        self.statusBar().addPermanentWidget(self.sync, 2)
        self.statusBar().addPermanentWidget(self.sync_button)
        self.syncing = False
        self.refresh_status()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh_status)
        self.timer.start(30_000)
        self.sync_timer = QTimer(self)
        self.sync_timer.timeout.connect(lambda: self.sync_now(quiet=True))
        self.sync_timer.start(SYNC_EVERY_MS)
        operation_did_execute.connect(self.on_operation)
        self.counter.scan.setFocus()

    def _user_menu(self) -> None:
        """切换用户 (Ctrl+L) in a menu at the tabs' corner: no menu bar to take a row of a small screen."""
        self.switch_user = QAction(self.tr("切换用户 / 注销"), self)
        self.switch_user.setObjectName("switch_user")
        self.switch_user.setShortcut(QKeySequence("Ctrl+L"))
        self.switch_user.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.switch_user.triggered.connect(lambda: self.logout_requested.emit())
        self.addAction(self.switch_user)  # the shortcut works on every page
        menu = QMenu(self)
        menu.addAction(self.switch_user)
        button = QToolButton()
        button.setObjectName("user_menu")
        button.setText(self.session.actor.name)
        button.setToolTip(self.tr("切换用户 / 注销（Ctrl+L）：未结算的单据保存为本人草稿"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(menu)
        self.tabs.setCornerWidget(button, Qt.Corner.TopRightCorner)

    def retire(self) -> None:
        """Stop what runs on its own (timers, the refresh hook) before the window goes at logout; the open
        bill is on disk already (saved after every edit) as its cashier's draft."""
        self.timer.stop()
        self.sync_timer.stop()
        try:
            operation_did_execute.disconnect(self.on_operation)
        except (RuntimeError, TypeError):
            pass
        self.hide()
        if not self.syncing:  # a running sync's signals belong to this window: delete it once they are done
            self.deleteLater()

    def on_operation(self, changes: Changes, initiator) -> None:
        """The refresh hook: a background operation changed the desk; show what it changed."""
        if changes.sync or changes.settlements:
            self.refresh_status()
        if changes.members or changes.settlements or changes.sync:
            self.counter.refresh_member()

    def show_on_screen(self, available: QRect | None = None) -> None:
        """Open as large as the screen allows: maximised on a counter's small screen (1024×768, 1366×768),
        else at the preferred size, never past the screen's edges (its title bar included)."""
        if available is None:
            available = self.screen().availableGeometry()
        if available.width() < PREFERRED.width() + 40 or available.height() < PREFERRED.height() + 80:
            # the size it returns to when un-maximised, its frame and title bar inside the screen too
            self.resize(min(PREFERRED.width(), available.width() - 16), min(PREFERRED.height(), available.height() - 48))
            self.move(available.topLeft())
            self.showMaximized()
            return
        self.resize(PREFERRED)
        self.move(available.center() - self.rect().center())
        self.show()

    def page_shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is self.settlements:
            self.settlements.show_today()
        elif page is self.dayend:
            self.dayend.reload()
        elif page is not None and page is self.statistics:
            self.statistics.reload()
        elif page is self.counter:
            self.counter.scan.setFocus()

    def refresh_status(self) -> None:
        session, desk = self.session, self.session.desk
        try:
            version = session.library.get(desk.policy).on(local_day(session.now())).version_id
        except Exception:
            version = self.tr("%1（今日无适用政策）").replace("%1", desk.policy)
        role = {"cashier": "收款员", "supervisor": "主管", "admin": "管理员"}[session.actor.role]
        self.who.setText(self.tr("%1（%2）　%3 窗口 %4　%5　政策 %6").replace("%1", session.actor.name)
                         .replace("%2", self.tr(role)).replace("%3", desk.institution_code).replace("%4", desk.desk_number)
                         .replace("%5", session.library.get(desk.policy).name).replace("%6", version)
                         + (self.tr("　【演示数据】") if desk.demo else ""))
        from desk.sync.client import status

        state = status(session.db, dt.datetime.now(dt.timezone.utc))
        self.sync_button.setEnabled(state.configured and not self.syncing)

        def when(stamp: str | None) -> str:
            return dt.datetime.fromisoformat(stamp).astimezone(session.now().tzinfo).strftime("%m-%d %H:%M") if stamp \
                else self.tr("从未")
        text = self.tr("待上传 %1 笔　上次上传：%2　上次下载：%3").replace("%1", str(state.outbox)) \
            .replace("%2", when(state.last_upload_at)).replace("%3", when(state.last_download_at))
        if not state.configured:
            text += self.tr("　（未配置中心）")
        elif state.stale:
            text += self.tr("　用量数据已过期")
        if self.syncing:
            text = self.tr("正在同步…　") + text
        self.sync.setText(text)
        self.sync.setStyleSheet("color:#a15c00;" if state.configured and (state.stale or state.last_error) else "")
        self.sync.setToolTip(state.last_error or "")

    def sync_now(self, quiet: bool) -> None:
        """Upload the outbox and download the hub's changes on a pool thread; the window stays usable."""
        from desk.sync.client import status, sync_once

        if self.syncing or not status(self.session.db).configured:
            return
        self.syncing = True
        self.refresh_status()

        def done(report) -> None:
            self.syncing = False
            if not self.isVisible() and not self.timer.isActive():  # retired at logout while syncing
                self.deleteLater()
                return  # the status bar and the member card refresh through on_operation
            if report.overruns and not quiet:
                QMessageBox.warning(self, self.tr("超限通报"), self.tr("中心通报了 %1 条超限：两个窗口离线期间合计超出了"
                                    "年度限额或个人账户余额，医保可能不予支付。详见日结报表和月度申报表。")
                                    .replace("%1", str(len(report.overruns))))
            if report.trace_conflicts and not quiet:
                QMessageBox.warning(self, self.tr("追溯码重复销售"), self.tr(
                    "中心通报了 %1 个药品追溯码单位被重复销售（同一盒药在前一笔未冲销时再次售出，疑似回流药），"
                    "医保可能不予支付后一笔。详见日结报表和月度申报表。").replace("%1", str(len(report.trace_conflicts))))
            if report.error and not (quiet or report.overruns or report.trace_conflicts):
                QMessageBox.information(self, self.tr("同步未完成"), self.tr("未能与中心同步，稍后会自动重试：%1")
                                        .replace("%1", report.error))
            self.last_sync = report

        def failed(error: Exception) -> None:
            self.syncing = False
            if not self.isVisible() and not self.timer.isActive():
                self.deleteLater()
                return
            self.refresh_status()
            self.last_sync = error
        self.last_sync = None
        CollectionOp(parent=self, op=lambda progress: sync_once(self.session.path), success=done,
                     changes=Changes(members=True, settlements=True, sync=True)).failure(failed).run_in_background()
