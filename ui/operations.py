"""Background work in the counter program, one way (after Anki's QueryOp and CollectionOp).

    QueryOp(parent=self, op=lambda progress: work(progress), success=show).failure(explain) \
        .with_progress(bar).run_in_background()

``op`` runs on a pool thread (it opens its own database connection: SQLite connections stay on
the thread that made them) and may call ``progress(done, total)``; ``success`` gets its result
and ``failure`` the exception itself — the core's typed error (a StoreError, a SyncError …),
not a string — both on the GUI thread. Without ``failure`` the error is logged and the cashier
gets one sentence. A CollectionOp is a QueryOp that changes the desk: after it succeeds,
``operation_did_execute`` says what changed, so every screen showing it refreshes itself
instead of the caller knowing who to tell.
"""
from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from typing import Any, Callable, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("desk.ui")
T = TypeVar("T")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Changes:
    """What an operation changed, for the screens that show it (Anki's OpChanges)."""

    settlements: bool = False
    members: bool = False
    catalog: bool = False
    sync: bool = False


class _Hooks(QObject):
    operation_did_execute = Signal(object, object)  # (Changes, the QObject that ran the operation)


hooks = _Hooks()
operation_did_execute = hooks.operation_did_execute


class _Signals(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runner(QRunnable):
    def __init__(self, op: Callable[[Progress], Any], signals: _Signals):
        super().__init__()
        self.op, self.signals = op, signals

    def run(self) -> None:
        try:
            result = self.op(lambda done, total: self.signals.progress.emit(done, total))
        except Exception as exc:  # noqa: BLE001 - every failure goes to the GUI thread, typed, and to the log
            log.error("background operation failed: %s\n%s", exc, traceback.format_exc())
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


class QueryOp(Generic[T]):
    """Work off the GUI thread that reads (or prints); see the module docstring."""

    def __init__(self, *, parent: QObject, op: Callable[[Progress], T], success: Callable[[T], None]):
        self.parent, self.op, self.success = parent, op, success
        self._failure: Callable[[Exception], None] | None = None
        self._progress: Progress | None = None

    def failure(self, callback: Callable[[Exception], None]) -> "QueryOp[T]":
        self._failure = callback
        return self

    def with_progress(self, callback: Progress) -> "QueryOp[T]":
        self._progress = callback
        return self

    def _succeeded(self, result: T) -> None:
        self.success(result)

    def _failed(self, exc: Exception) -> None:
        if self._failure is not None:
            self._failure(exc)
            return
        widget = self.parent if isinstance(self.parent, QWidget) else None
        QMessageBox.warning(widget, QCoreApplication.translate("Operations", "操作未完成"),
                            QCoreApplication.translate("Operations", "操作未完成，详情已写入日志。"))

    def run_in_background(self) -> _Signals:
        signals = _Signals(self.parent)  # owned by the parent: lives as long as the screen that asked
        signals.succeeded.connect(self._succeeded)
        signals.failed.connect(self._failed)
        if self._progress is not None:
            signals.progress.connect(self._progress)
        signals.op = self  # keep the operation (and its callbacks) alive until the signals go
        QThreadPool.globalInstance().start(_Runner(self.op, signals))
        return signals


class CollectionOp(QueryOp[T]):
    """Work off the GUI thread that changes the desk; on success it announces ``changes``."""

    def __init__(self, *, parent: QObject, op: Callable[[Progress], T], success: Callable[[T], None],
                 changes: Changes | Callable[[T], Changes]):
        super().__init__(parent=parent, op=op, success=success)
        self.changes = changes

    def _succeeded(self, result: T) -> None:
        self.success(result)
        changes = self.changes(result) if callable(self.changes) else self.changes
        operation_did_execute.emit(changes, self.parent)
