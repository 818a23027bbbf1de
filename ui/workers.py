"""Long work off the GUI thread: imports, printing, reports, sync.

The function runs on a pool thread with its own database connection (SQLite connections stay
on the thread that made them) and reports progress, a result or an error through Qt signals,
which arrive on the GUI thread.
"""
from __future__ import annotations

import logging
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("desk.ui")


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], signals: _Signals):
        super().__init__()
        self.fn, self.signals = fn, signals

    def run(self) -> None:
        try:
            result = self.fn(lambda done, total: self.signals.progress.emit(done, total))
        except Exception as exc:  # reported to the cashier as a sentence, in full to the log
            log.error("background job failed: %s\n%s", exc, traceback.format_exc())
            self.signals.failed.emit(str(exc))
        else:
            self.signals.done.emit(result)


def run_in_background(fn: Callable[[Callable[[int, int], None]], Any], *, on_done: Callable[[Any], None],
                      on_failed: Callable[[str], None], on_progress: Callable[[int, int], None] | None = None,
                      owner: QObject | None = None) -> _Signals:
    """Run ``fn(progress)`` on the pool; the callbacks run on the GUI thread."""
    signals = _Signals(owner)
    signals.done.connect(on_done)
    signals.failed.connect(on_failed)
    if on_progress:
        signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(_Job(fn, signals))
    return signals
