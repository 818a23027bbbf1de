"""A cashier's whole day at the counter (issue 12): the defects found, each as the real program driven offscreen."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect

from desk.store.settling import BillLine, reverse, settle_bill
from gui_support import NOW


@pytest.fixture()
def window(session, qtbot):
    from ui.main_window import MainWindow

    session.login("super", "8888")
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    return win


def members(session, n: int) -> list[str]:
    return [r[0] for r in session.db.execute("SELECT member_id FROM members WHERE eligible = 1 ORDER BY member_id"
                                             " LIMIT ?", (n,))]


def a_day_with_a_reversal(session) -> None:
    """Six settlements and one reversal, booked through the store as the counter would."""
    made = []
    for n, who in enumerate(members(session, 6)):
        made.append(settle_bill(session.db, session.library, session.actor, who,
                                [BillLine("FW0101"), BillLine("FW0101", Decimal("2"))],
                                NOW + dt.timedelta(minutes=n)))
    reverse(session.db, session.actor, made[1].id, NOW + dt.timedelta(minutes=30), "开错项目")


@pytest.fixture()
def watchdog():
    """A layout loop starves Qt's event loop (its timers never fire, so pytest-qt cannot time out):
    end the run with every thread's traceback rather than hang."""
    import faulthandler

    faulthandler.dump_traceback_later(90, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


class Resizes(QObject):
    """Counts the resize events a widget gets (a layout that feeds back on itself resizes without end)."""

    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.count += 1
        return False


def sweep_heights_around_the_page(qtbot, dialog) -> list[int]:
    """Resize the preview so its view is about as tall as the fitted page, a few pixels either way;
    return the resize events the view's viewport got at each height (after the one the resize causes)."""
    view = dialog.view
    qtbot.waitExposed(dialog)
    points = dialog.document.pagePointSize(0)
    counter = Resizes()
    view.viewport().installEventFilter(counter)
    chrome = dialog.height() - view.viewport().height()
    page_height = int(view.viewport().width() * points.height() / points.width())
    counts = []
    for height in range(page_height - 24, page_height + 25, 3):
        dialog.resize(dialog.width(), height + chrome)
        qtbot.wait(20)
        counter.count = 0
        qtbot.wait(120)
        counts.append(counter.count)
    view.viewport().removeEventFilter(counter)
    return counts


@pytest.mark.parametrize("report", ["x", "z"])
def test_a_report_preview_of_a_day_with_a_reversal_settles_its_layout_at_any_height(window, session, qtbot, report,
                                                                                     watchdog):
    """The preview froze the program (scrollbar flipping on and off, CPU at 100 %, Esc ignored)."""
    from gui_support import answer_next

    a_day_with_a_reversal(session)
    page = window.dayend
    window.tabs.setCurrentWidget(page)
    if report == "x":
        page.x_report()
    else:
        answer_next()
        page.z_report()
    dialog = page.last_preview
    counts = sweep_heights_around_the_page(qtbot, dialog)
    assert max(counts) <= 2, counts
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=1000)


def test_a_receipt_preview_settles_its_layout_at_any_height(window, session, qtbot, watchdog):
    from desk.receipts.receipt import print_receipt
    from ui.pdf_preview import preview

    stored = settle_bill(session.db, session.library, session.actor, members(session, 1)[0],
                         [BillLine("FW0101"), BillLine("FW0101", Decimal("2"))], NOW)
    pdf, _ = print_receipt(session.db, session.library, session.actor, stored.id, "80mm", NOW)
    dialog = preview(pdf, "结算单", window)
    assert max(sweep_heights_around_the_page(qtbot, dialog)) <= 2


def inside(widget, window) -> bool:
    """The widget is shown and all of it lies within the window's visible area."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return widget.isVisible() and widget.width() > 0 and window.rect().contains(rect)


@pytest.mark.parametrize("screen", [(1024, 768), (1366, 768)])
def test_at_a_counters_screen_size_the_cash_due_settle_and_the_status_bar_are_all_in_view(session, qtbot, screen):
    """The window opened at a fixed 1280×760: at 1024×768 应收现金 and 结算(F12) were off-screen, the status
    bar drew its labels over each other (maximised) or was cut off (1366×768, under the title bar)."""
    from ui.main_window import MainWindow

    session.login("admin", "000000")
    window = MainWindow(session)
    qtbot.addWidget(window)
    width, height = screen
    available = QRect(0, 0, width, height - 40)  # a task bar at the bottom
    window.show_on_screen(available)
    qtbot.waitExposed(window)
    assert window.isMaximized()  # a counter's screen has no room to spare
    normal = window.normalGeometry()  # un-maximised, it stays on the screen with room for a title bar
    assert available.contains(normal) and normal.height() <= available.height() - 30
    window.showNormal()  # the offscreen platform maximises to its own 800×800 screen: lay it out as maximised here
    window.setGeometry(available)
    qtbot.wait(50)
    counter = window.counter
    counter.scan.setText(members(session, 1)[0])
    counter.scan_member()
    counter.add_code("FW0101")
    qtbot.wait(20)
    for widget in (counter.split.values["cash_pay"], counter.settle_button, counter.scan, counter.item_box,
                   window.statusBar(), window.who, window.sync, window.sync_button):
        assert inside(widget, window), widget.objectName()
    who, sync = (QRect(w.mapTo(window, QPoint(0, 0)), w.size()) for w in (window.who, window.sync))
    assert not who.intersects(sync)
    assert window.sync.shown_text() and window.who.shown_text()  # shortened with "…" if need be, never overlapping
    assert window.minimumSizeHint().width() <= 1024 and window.minimumSizeHint().height() <= 768 - 40 - 30
