"""One way to look at a stored receipt: view it (copy 1, nothing counted) or preview its next copy (重打).

Printing from the preview records the print, so a 重打 is counted and audited only when it is printed
(desk.receipts.receipt.print_receipt); looking counts nothing. Used by 今日结算 and the last-settlement strip.
"""
from __future__ import annotations

from PySide6.QtCore import QSettings

from desk.receipts.receipt import next_copy, print_receipt, receipt_data, render
from ui.pdf_preview import preview


def show_receipt(parent, session, settlement, title: str, *, reprint: bool = False):
    """``title`` has %1 for the receipt number; ``reprint`` previews the next copy, marked 重打."""
    paper = QSettings().value("receipt_format", "80mm")
    copy = next_copy(session.db, settlement.id) if reprint else 1
    data = receipt_data(session.db, session.library, settlement.id, copy)
    return preview(render(data, paper), title.replace("%1", f"{settlement.receipt_no:06d}"), parent,
                   QSettings().value("printer", ""),
                   on_print=lambda: print_receipt(session.db, session.library, session.actor, settlement.id, paper,
                                                  session.now())[0])
