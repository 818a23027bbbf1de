"""The hub's HTTP connections under hostile clients: deadlines, a cap, and a log that cannot be flooded.

uvicorn keeps a connection whose request head never ends open forever, accepts connections until
the process runs out of file descriptors and then logs a traceback per failed accept. This
protocol (uvicorn's h11 protocol, subclassed; `desk hub serve` runs with it) bounds all of it:

* a request's head must arrive within ``head`` seconds of the connection (or of the previous
  answer, on a kept-alive connection), and its body within ``body`` seconds of the head; else
  the connection is closed;
* at most ``cap`` connections are open in one process; a new one beyond it closes the oldest
  connection still waiting for its request head (a slow or silent client) or, when every
  connection is busy being answered, is itself closed at once: half-sent requests cannot make
  the hub unreachable, and file descriptors never run out (the soft limit is raised to the hard
  one at start);
* what it logs about refused connections, and every other warning of the server, goes through
  ``RateLimit``: at most a few lines a second, one line each, no traceback.

The settings come from $DESK_HUB_GUARD ("head,body,cap" seconds, seconds, connections), so the
worker processes of `desk hub serve --workers N` get them too.
"""
from __future__ import annotations

import logging
import os
import resource
import time
from collections import OrderedDict

from uvicorn.protocols.http.h11_impl import H11Protocol

HEAD, BODY, CAP = 10.0, 60.0, 512
log = logging.getLogger("desk.hub")


def settings() -> tuple[float, float, int]:
    raw = os.environ.get("DESK_HUB_GUARD", "")
    try:
        head, body, cap = (float(raw.split(",")[0]), float(raw.split(",")[1]), int(raw.split(",")[2])) if raw \
            else (HEAD, BODY, CAP)
    except (ValueError, IndexError):
        head, body, cap = HEAD, BODY, CAP
    return head, body, cap


BURST = 64  # connections accepted in one turn of the event loop (uvicorn's backlog, which asyncio uses so)


def raise_file_limit(cap: int) -> int:
    """Raise the soft limit on open files to the hard one; the cap actually used. Room is left for
    a burst of accepts, for connections closed but not yet let go by the event loop, and for the
    database connections, the log and the listening socket."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        target = 65536 if hard == resource.RLIM_INFINITY else hard
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return max(8, min(cap, soft - 2 * BURST - 32))


class RateLimit(logging.Filter):
    """At most ``per_second`` records a second pass (the rest are counted and the count is said
    with the next one that passes); a record's traceback is cut to its last line."""

    def __init__(self, per_second: float = 5.0):
        super().__init__()
        self.per_second, self.allowance, self.last, self.dropped = per_second, per_second, time.monotonic(), 0

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        self.allowance = min(self.per_second, self.allowance + (now - self.last) * self.per_second)
        self.last = now
        if self.allowance < 1:
            self.dropped += 1
            return False
        self.allowance -= 1
        if record.exc_info:
            exc = record.exc_info[1]
            record.msg = f"{record.getMessage()}: {type(exc).__name__}: {exc}"
            record.args, record.exc_info, record.exc_text = (), None, None
        if self.dropped:
            record.msg = f"{record.getMessage()} ({self.dropped} similar lines left out)"
            record.args, self.dropped = (), 0
        return True


def quiet_logs() -> None:
    """Rate-limit the server's and the hub's loggers (and asyncio's, which logs failed accepts)."""
    limit = RateLimit()
    for name in ("uvicorn", "uvicorn.error", "asyncio", "desk.hub"):
        logging.getLogger(name).addFilter(limit)


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with request deadlines and a per-process connection cap."""

    head, body, cap = settings()
    waiting: "OrderedDict[GuardedH11Protocol, None]" = OrderedDict()  # connections still waiting for a head
    closing: set = set()  # closed by the guard, not yet let go by the event loop (still holding a file)

    def connection_made(self, transport) -> None:  # type: ignore[override]
        self._deadline = None
        self._refused = False
        if len(self.connections) - len(self.closing) >= self.cap:
            oldest = next(iter(self.waiting), None)
            if oldest is None or len(self.closing) >= BURST:
                self._refused = True
                self.transport = transport
                log.warning("hub: refused a connection: %d open, all being answered (cap %d)", len(self.connections),
                            self.cap)
                transport.abort()
                return
            log.warning("hub: closed a connection that sent no request head, to make room (cap %d)", self.cap)
            oldest._drop()
        super().connection_made(transport)
        self._await_head()

    def connection_lost(self, exc) -> None:
        if self._refused:
            return
        self._cancel()
        self.waiting.pop(self, None)
        self.closing.discard(self)
        super().connection_lost(exc)

    def _cancel(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _await_head(self) -> None:
        self._cancel()
        self.waiting[self] = None
        self._deadline = self.loop.call_later(self.head, self._expired)

    def _drop(self) -> None:
        self._cancel()
        self.waiting.pop(self, None)
        if not self.transport.is_closing():
            self.closing.add(self)
            self.transport.abort()

    def _expired(self) -> None:
        self._deadline = None
        log.warning("hub: closed a connection whose request did not arrive in time")
        self._drop()

    def handle_events(self) -> None:
        super().handle_events()
        cycle = self.cycle
        if cycle is None or self.transport.is_closing() or cycle is getattr(self, "_done", None):
            return
        if cycle.more_body:
            if getattr(self, "_in_body", None) is not cycle:  # the head is in: the body has its own deadline
                self._in_body = cycle
                self.waiting.pop(self, None)
                self._cancel()
                self._deadline = self.loop.call_later(self.body, self._expired)
        else:  # the whole request is in: it is being answered
            self._done = cycle
            self.waiting.pop(self, None)
            self._cancel()

    def on_response_complete(self) -> None:
        self._await_head()  # first: a pipelined request that super() handles takes it off again
        super().on_response_complete()
        if self.transport.is_closing():
            self._cancel()
            self.waiting.pop(self, None)
