"""Talking HTTP to the hub: the bearer token, certificate checks, timeouts, and bounded retries.

A request that fails on the way (connection refused or cut, a timeout, a 5xx or 429 while the hub
restarts) is tried again after an exponentially growing, jittered pause, a bounded number of
times; every request the desk makes is safe to repeat (uploads are idempotent, downloads are
reads). A 401 is final: the desk's secret is wrong or the hub revoked it.
"""
from __future__ import annotations

import json
import random
import threading
import time
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

import httpx

LOOPBACK = ("127.0.0.1", "localhost", "::1")


class SyncError(Exception):
    """Sync could not finish; the message says why, for the cashier or the administrator."""


class Unauthorized(SyncError):
    pass


class Cancelled(SyncError):
    pass


@dataclass(frozen=True)
class Backoff:
    """Pauses between tries: first, first×factor, … at most ``most`` seconds, ``attempts`` tries in all."""

    attempts: int = 6
    first: float = 0.25
    factor: float = 2.0
    most: float = 8.0

    def pause(self, attempt: int) -> float:
        return min(self.most, self.first * self.factor ** attempt) * random.uniform(0.5, 1.0)


def check_url(url: str) -> str:
    """The hub's base URL, refused unless https (or plain http to this machine, for tests and a hub
    on the same computer): the token must not cross a network in the clear."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError(f"hub URL {url!r}: expected https://host[:port]")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise SyncError(f"hub URL {url!r}: use https (TLS at the hub's reverse proxy); plain http is allowed only"
                        " to this machine")
    return url.strip().rstrip("/")


class HubClient:
    """One desk's connection to its hub."""

    def __init__(self, url: str, desk_uuid: str, secret: str, *, ca_file: str | None = None,
                 backoff: Backoff = Backoff(), cancel: threading.Event | None = None,
                 on_retry: Callable[[str, float], None] | None = None, timeout: float = 30.0):
        self.backoff, self.cancel, self.on_retry = backoff, cancel, on_retry
        self.http = httpx.Client(base_url=check_url(url), verify=ca_file or True,
                                 timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
                                 headers={"Authorization": f"Bearer {desk_uuid}:{secret}",
                                          "User-Agent": "billing-desk-sync/1"})

    def __enter__(self) -> "HubClient":
        return self

    def __exit__(self, *exc) -> None:
        self.http.close()

    def call(self, method: str, path: str, *, body: dict | None = None, params: dict | None = None) -> dict:
        """The hub's JSON answer; SyncError once the tries are used up, Unauthorized at once on 401."""
        content = None if body is None else json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        headers = {"Content-Type": "application/json"} if content is not None else None
        for attempt in range(self.backoff.attempts):
            if self.cancel is not None and self.cancel.is_set():
                raise Cancelled("sync cancelled")
            try:
                response = self.http.request(method, path, content=content, params=params, headers=headers)
                if response.status_code == 401:
                    raise Unauthorized("the hub refused this desk (401): its secret is wrong or the desk was revoked;"
                                       " an administrator sets a new one with `desk sync setup`")
                if response.status_code < 400:
                    return response.json()
                problem = f"the hub answered {response.status_code}: {_reason(response)}"
                if response.status_code not in (408, 429, 500, 502, 503, 504):
                    raise SyncError(problem)
            except httpx.TransportError as exc:
                problem = f"cannot reach the hub at {self.http.base_url}: {exc.__class__.__name__}: {exc}"
            except ValueError as exc:  # a body cut short that still parsed as HTTP
                problem = f"the hub's answer was not JSON: {exc}"
            if attempt == self.backoff.attempts - 1:
                raise SyncError(f"{problem} (gave up after {self.backoff.attempts} tries)")
            pause = self.backoff.pause(attempt)
            if self.on_retry:
                self.on_retry(problem, pause)
            if self.cancel is not None:
                if self.cancel.wait(pause):
                    raise Cancelled("sync cancelled")
            else:
                time.sleep(pause)
        raise AssertionError("unreachable")


def _reason(response: httpx.Response) -> str:
    try:
        return str(response.json().get("error", response.text[:200]))
    except ValueError:
        return response.text[:200]
