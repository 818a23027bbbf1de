"""The 计算依据 box at a counter's screen size (issue 12): five steps (and here six) show without scrolling at
1024×768 and 1366×768 — it needed scrolling at five."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect


@pytest.mark.parametrize("screen", [(1024, 768), (1366, 768)])
def test_five_steps_show_without_scrolling(session, qtbot, screen):
    from ui.main_window import MainWindow

    session.login("cashier", "1234")
    window = MainWindow(session)
    qtbot.addWidget(window)
    width, height = screen
    window.show()
    window.setGeometry(QRect(0, 0, width, height - 40 - 48))  # a task bar, the title bar: what a maximised window gets
    qtbot.waitExposed(window)
    counter = window.counter
    card = session.db.execute("SELECT card_number FROM members WHERE eligible = 1 ORDER BY member_id").fetchone()[0]
    counter.scan.setText(card)
    counter.scan_member()
    for code in ("XJ01CAA001", "XJ01DDA001", "FW0301", "FW0101"):  # a class-B item, a deductible: six steps
        counter.add_code(code)
    qtbot.wait(50)
    steps = counter.split.result.explain
    assert len(steps) >= 5
    why = counter.split.why
    assert why.verticalScrollBar().maximum() <= 2, (len(steps), why.height())  # a pixel or two of rounding
    assert all(step.source in why.toPlainText() for step in steps)
