"""The 统计 page on a demo desk: who sees it, its figures against SQL, its SVG charts, the alert drill-down."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QSettings

from gui_support import NOW


@pytest.fixture()
def window(session, qtbot):
    from ui.main_window import MainWindow

    session.login("super", "8888")
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    return win


def _tabs(win) -> list[str]:
    return [win.tabs.tabText(i) for i in range(win.tabs.count())]


def test_a_cashier_has_no_statistics_page_and_a_supervisor_has(session, qtbot):
    from ui.main_window import MainWindow

    session.login("cashier", "1234")
    cashier = MainWindow(session)
    qtbot.addWidget(cashier)
    assert "统计" not in _tabs(cashier) and cashier.statistics is None
    session.login("super", "8888")
    supervisor = MainWindow(session)
    qtbot.addWidget(supervisor)
    assert "统计" in _tabs(supervisor)


def _cell(table, label: str, column: int = 1) -> str:
    for row in range(table.rowCount()):
        if table.item(row, 0).text() == label:
            return table.item(row, column).text()
    raise AssertionError(f"no row {label!r}")


def test_last_month_figures_equal_the_database_and_the_charts_are_drawn(window, session, qtbot):
    page = window.statistics
    window.tabs.setCurrentWidget(page)
    page.show_month(-1)  # October 2026 (the clock says 2026-11-20)
    assert page.first.date() == QDate(2026, 10, 1) and page.last.date() == QDate(2026, 10, 31)
    visits, total_fen = session.db.execute(
        "SELECT SUM(CASE kind WHEN 'settlement' THEN 1 ELSE -1 END), SUM(total_fen) FROM settlements"
        " WHERE day BETWEEN '2026-10-01' AND '2026-10-31'").fetchone()
    exam_fen = session.db.execute(
        "SELECT SUM(i.amount_fen) FROM settlement_items i JOIN settlements s ON s.id = i.settlement_id"
        " WHERE s.day BETWEEN '2026-10-01' AND '2026-10-31' AND i.fee_category = '检查'").fetchone()[0]
    assert visits > 10
    assert _cell(page.figures, "就诊人次") == str(visits)
    assert _cell(page.figures, "门诊医药费用") == f"{Decimal(total_fen) / 100:,.2f}"
    assert _cell(page.figures, "次均费用") == f"{(Decimal(total_fen) / 100 / visits).quantize(Decimal('0.01')):,.2f}"
    assert _cell(page.figures, "检查费用占比") == f"{(Decimal(exam_fen) / total_fen * 100).quantize(Decimal('0.01'))}%"
    assert _cell(page.figures, "次均费用", 3).startswith("南昌（五）")
    for key, widget in page.charts.items():
        assert widget.renderer().isValid(), key
        image = widget.grab().toImage()
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 2, f"chart {key} is blank"


def test_an_alert_drills_down_to_the_settlements_behind_it(window, session, qtbot, tmp_path):
    strict = tmp_path / "strict.toml"
    strict.write_text("[supervision]\nvisits_per_day_max = 0\n", encoding="utf-8")  # every member-day alerts
    QSettings().setValue("thresholds_file", str(strict))
    page = window.statistics
    page.first.setDate(QDate(2026, 10, 1))
    page.last.setDate(QDate(2026, 10, 10))
    page.reload()
    assert page.alerts.rowCount() > 0
    texts = [page.alerts.item(r, 0).text() for r in range(page.alerts.rowCount())]
    row = next(r for r, t in enumerate(texts) if t.startswith("参保人 "))
    member, day = texts[row].split()[1], texts[row].split()[3]
    page.alerts.setCurrentCell(row, 0)
    page.drill_down()
    table = page.drilled.findChild(type(page.alerts), "alert_settlements_table")
    shown = sorted(int(table.item(r, 1).text()) for r in range(table.rowCount()))
    expected = sorted(n for (n,) in session.db.execute(
        "SELECT receipt_no FROM settlements s WHERE member_id = ? AND day = ? AND kind = 'settlement'"
        " AND NOT EXISTS (SELECT 1 FROM settlements r WHERE r.reverses = s.id)", (member, day)))
    assert shown == expected and shown
    page.drilled.close()


def test_a_bad_threshold_file_is_a_sentence_not_a_crash(window, tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    bad = tmp_path / "bad.toml"
    bad.write_text("[supervision]\nexam_share_max = 7\n", encoding="utf-8")
    QSettings().setValue("thresholds_file", str(bad))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    window.statistics.reload()
    assert said and "exam_share_max" in said[0] and said[0].startswith("期间或预警值设置有误")


def test_screens_at_1024_and_1366(window, tmp_path, qtbot):
    import os

    page = window.statistics
    window.tabs.setCurrentWidget(page)
    page.show_month(-1)
    out = os.environ.get("DESK_SHOTS_DIR")
    for width in (1024, 1366):
        window.resize(width, 768)
        qtbot.wait(50)
        image = window.grab()
        assert image.width() == width
        if out:
            image.save(os.path.join(out, f"statistics-{width}.png"))
        assert page.figures.isVisible() and all(c.isVisible() for c in page.charts.values())
        assert all(c.width() > 150 for c in page.charts.values())
