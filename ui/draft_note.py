"""The note over the bill when the restored draft is someone else's: whose it was, and a way to drop it.

Switching user keeps each cashier's open bill as their draft; a user who finds another's draft at
the counter (their own being absent) must see whose bill it is before settling it under their name.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton


class DraftNote(QFrame):
    discard = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("draft_note")
        self.setStyleSheet("QFrame#draft_note { background:#fff4ce; border:1px solid #e0c060; }")
        self.text = QLabel("")
        self.text.setObjectName("draft_note_text")
        self.text.setWordWrap(True)
        self.drop = QPushButton(self.tr("放弃此草稿"))
        self.drop.setObjectName("draft_discard")
        self.drop.clicked.connect(self.discard)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.drop)
        self.hide()

    def show_owner(self, name: str | None, user_id: str) -> None:
        """Name the draft's cashier (their name from the users table, not from the draft file)."""
        if not user_id:
            self.text.setText(self.tr("已恢复一张未注明收款员的未结算草稿。结算将记在您名下；如非本窗口当前患者，请放弃此草稿。"))
        else:
            self.text.setText(self.tr("已恢复 %1（工号 %2）未结算的草稿。结算将记在您名下；如非本窗口当前患者，请放弃此草稿。")
                              .replace("%1", name or user_id).replace("%2", user_id))
        self.show()
