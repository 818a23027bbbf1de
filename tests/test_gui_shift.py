"""Switching user at the counter without restarting (issue 12): each cashier's open bill stays theirs,
the login dialog comes back, and a draft restored for another user names whose it was."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtWidgets import QApplication

from ui import draft as drafts


def a_card(session, offset: int = 0) -> tuple[str, str]:
    return session.db.execute("SELECT card_number, member_id FROM members WHERE eligible = 1 ORDER BY member_id"
                              " LIMIT 1 OFFSET ?", (offset,)).fetchone()


@pytest.fixture()
def shift(session, qtbot, monkeypatch):
    from ui.shift import Shift

    monkeypatch.setattr(QApplication, "quit", lambda: None)  # a rejected login would end the test run's app
    session.login("cashier", "1234")
    shift = Shift(session)
    shift.open_window()
    qtbot.addWidget(shift.window)
    return shift


def log_in(qtbot, shift, user: str, pin: str):
    dialog = shift.login
    assert dialog is not None and dialog.isVisible(), "the login dialog came back"
    qtbot.keyClicks(dialog.user, user)
    qtbot.keyClicks(dialog.pin, pin)
    dialog.try_login()
    assert shift.window is not None, dialog.error.text()
    qtbot.addWidget(shift.window)
    return shift.window


def open_bill(qtbot, counter, card: str, quantity: str = "2") -> None:
    counter.scan.setText(card)
    counter.scan_member()
    counter.add_code("FW0101")
    counter.model.setData(counter.model.index(0, counter.model.QTY), quantity)


def test_ctrl_l_logs_out_keeps_the_bill_as_the_cashiers_draft_and_the_next_user_is_told_whose_it_is(
        shift, session, qtbot):
    first = shift.window
    card, member_id = a_card(session)
    open_bill(qtbot, first.counter, card)
    assert first.switch_user.shortcut().toString() == "Ctrl+L"
    assert first.switch_user in first.tabs.cornerWidget().menu().actions()
    first.switch_user.trigger()
    assert not first.isVisible() and session.actor is None
    assert drafts.draft_path(session.path, "cashier").exists()

    second = log_in(qtbot, shift, "super", "8888")
    assert second is not first and session.actor.user_id == "super"
    assert second.statistics is not None, "the supervisor's own pages"
    counter = second.counter
    assert counter.member.member_id == member_id and counter.model.lines[0].quantity == Decimal("2")
    note = counter.draft_note
    assert note.isVisible() and "演示收款员" in note.text.text() and "cashier" in note.text.text()

    # the supervisor does not touch it and leaves: the bill is still the cashier's, who gets it back unannounced
    second.switch_user.trigger()
    third = log_in(qtbot, shift, "cashier", "1234")
    assert third.counter.member.member_id == member_id and third.counter.model.lines[0].quantity == Decimal("2")
    assert not third.counter.draft_note.isVisible()
    assert third.statistics is None


def test_a_dropped_draft_is_gone_and_the_next_user_is_told_who_left_theirs(shift, session, qtbot):
    cashier_card, cashier_member = a_card(session, 0)
    super_card, super_member = a_card(session, 1)
    open_bill(qtbot, shift.window.counter, cashier_card)
    shift.window.switch_user.trigger()
    window = log_in(qtbot, shift, "super", "8888")
    window.counter.new_bill(confirm=False)  # the supervisor drops the cashier's bill
    assert not drafts.draft_path(session.path, "cashier").exists()
    open_bill(qtbot, window.counter, super_card, "3")
    window.switch_user.trigger()
    window = log_in(qtbot, shift, "cashier", "1234")
    assert window.counter.member.member_id == super_member and window.counter.draft_note.isVisible()
    assert "演示主管" in window.counter.draft_note.text.text()


def test_two_cashiers_drafts_stay_apart(shift, session, qtbot):
    cashier_card, cashier_member = a_card(session, 0)
    super_card, super_member = a_card(session, 1)
    open_bill(qtbot, shift.window.counter, cashier_card)
    shift.window.switch_user.trigger()
    window = log_in(qtbot, shift, "super", "8888")
    drafts.save(drafts.draft_path(session.path, "super"), drafts.Draft(member_key=super_member, owner="super",
                lines=[{"code": "FW0101", "quantity": "3", "unit_price": "1.00"}]))
    window.switch_user.trigger()
    window = log_in(qtbot, shift, "super", "8888")
    assert window.counter.member.member_id == super_member and not window.counter.draft_note.isVisible()
    window.switch_user.trigger()
    window = log_in(qtbot, shift, "cashier", "1234")
    assert window.counter.member.member_id == cashier_member and window.counter.model.lines[0].quantity == 2


def test_another_users_draft_can_be_discarded_and_does_not_come_back(shift, session, qtbot):
    card, member_id = a_card(session)
    open_bill(qtbot, shift.window.counter, card)
    shift.window.switch_user.trigger()
    window = log_in(qtbot, shift, "super", "8888")
    from gui_support import answer_next

    answer_next()
    window.counter.draft_note.drop.click()
    assert window.counter.model.lines == [] and window.counter.member is None
    assert not window.counter.draft_note.isVisible()
    assert not drafts.draft_path(session.path, "cashier").exists()
    window.switch_user.trigger()
    window = log_in(qtbot, shift, "cashier", "1234")
    assert window.counter.model.lines == [] and window.counter.member is None


def test_editing_another_users_draft_makes_it_yours_and_it_settles_once(shift, session, qtbot):
    card, member_id = a_card(session)
    open_bill(qtbot, shift.window.counter, card)
    settlement_id = shift.window.counter.draft.settlement_id
    shift.window.switch_user.trigger()
    window = log_in(qtbot, shift, "super", "8888")
    counter = window.counter
    counter.model.setData(counter.model.index(0, counter.model.QTY), "3")
    assert drafts.draft_path(session.path, "super").exists()
    assert not drafts.draft_path(session.path, "cashier").exists()
    assert counter.settle_confirmed() == settlement_id
    row = session.db.execute("SELECT cashier FROM settlements WHERE id = ?", (settlement_id,)).fetchone()
    assert row[0] == "super"


def test_a_draft_file_claiming_another_owner_is_named_from_the_users_table(shift, session, qtbot):
    """Anyone with the counter's OS account can write a draft file: the note's name comes from the desk's
    users, never from the file, and an unknown owner is shown as its id."""
    card, member_id = a_card(session)
    shift.window.switch_user.trigger()
    drafts.save(drafts.draft_path(session.path, "ghost"), drafts.Draft(member_key=member_id, owner="ghost"))
    window = log_in(qtbot, shift, "cashier", "1234")
    assert window.counter.draft_note.isVisible() and "ghost" in window.counter.draft_note.text.text()
