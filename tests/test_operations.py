"""ui/operations.py, the one way the counter program works off the GUI thread (after Anki's QueryOp).

Real Qt, offscreen: the operation runs on a pool thread, its callbacks on the GUI thread, a
failure receives the core's typed error, and a CollectionOp announces what it changed.
"""
import threading

import pytest
from PySide6.QtCore import QObject

from desk.store.database import StoreError
from ui.operations import Changes, CollectionOp, QueryOp, operation_did_execute


@pytest.fixture
def owner(qapp):
    obj = QObject()
    yield obj
    obj.deleteLater()


def test_the_op_runs_off_the_gui_thread_and_success_and_progress_arrive_on_it(qtbot, owner):
    gui = threading.get_ident()
    seen = {}

    def op(progress):
        seen["op"] = threading.get_ident()
        progress(1, 2)
        progress(2, 2)
        return 42

    steps = []
    QueryOp(parent=owner, op=op, success=lambda result: seen.update(result=result, success=threading.get_ident())) \
        .with_progress(lambda done, total: steps.append((done, total, threading.get_ident() == gui))) \
        .run_in_background()
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["op"] != gui and seen["success"] == gui and seen["result"] == 42
    qtbot.waitUntil(lambda: len(steps) == 2, timeout=5000)
    assert steps == [(1, 2, True), (2, 2, True)]


def test_a_failure_receives_the_typed_core_error_on_the_gui_thread(qtbot, owner):
    gui = threading.get_ident()
    got = {}

    def op(progress):
        raise StoreError("member: no member with card 'X'")

    QueryOp(parent=owner, op=op, success=lambda _: pytest.fail("must not succeed")) \
        .failure(lambda exc: got.update(exc=exc, thread=threading.get_ident())).run_in_background()
    qtbot.waitUntil(lambda: "exc" in got, timeout=5000)
    assert isinstance(got["exc"], StoreError) and str(got["exc"]) == "member: no member with card 'X'"
    assert got["thread"] == gui


def test_a_collection_op_says_what_changed_after_success_and_nothing_after_failure(qtbot, owner):
    heard = []
    operation_did_execute.connect(lambda changes, initiator: heard.append((changes, initiator)))
    done = []
    CollectionOp(parent=owner, op=lambda progress: "ok", success=done.append,
                 changes=Changes(members=True)).run_in_background()
    qtbot.waitUntil(lambda: bool(heard), timeout=5000)
    assert done == ["ok"] and heard == [(Changes(members=True), owner)]
    failed = []
    CollectionOp(parent=owner, op=lambda progress: 1 / 0, success=done.append,
                 changes=Changes(catalog=True)).failure(failed.append).run_in_background()
    qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    assert isinstance(failed[0], ZeroDivisionError) and heard == [(Changes(members=True), owner)]
