"""Talking HTTP to the hub: signed requests and answers, certificate checks, timeouts, bounded retries.

Every request is signed with the desk's key (desk.sync.signing; the secret never leaves the
desk) and every answer must be signed by the hub with the same key, for this very request:
an answer that is not is refused before anything in it is used, whatever its status says.

A request that fails on the way (connection refused or cut, a timeout, a 5xx or 429 while the hub
restarts) is tried again after an exponentially growing, jittered pause, a bounded number of
times; every request the desk makes is safe to repeat (uploads are idempotent, downloads are
reads). A 401 is final: the desk's secret is wrong or the hub revoked it (once, a signed 401 saying
the desk's clock is off is answered by signing again with the hub's time).
"""
from __future__ import annotations

import json
import random
import threading
import time
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlencode, urlsplit

import httpx

from desk.sync import signing

LOOPBACK = ("127.0.0.1", "localhost", "::1")


class SyncError(Exception):
    """Sync could not finish; the message says why, for the cashier or the administrator."""


class Unauthorized(SyncError):
    pass


class Cancelled(SyncError):
    pass


class Untrusted(SyncError):
    """An answer not signed by a hub that knows this desk's key: nothing in it is used."""


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
        self.desk, self.key, self.skew = desk_uuid, signing.key_of(secret), 0
        self.http = httpx.Client(base_url=check_url(url), verify=ca_file or True,
                                 timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
                                 headers={"User-Agent": "billing-desk-sync/1"})

    def __enter__(self) -> "HubClient":
        return self

    def __exit__(self, *exc) -> None:
        self.http.close()

    def _signed_by_hub(self, response: httpx.Response, nonce: str) -> bool:
        when, signature = response.headers.get(signing.HUB_TIME, ""), response.headers.get(signing.HUB_SIGNATURE, "")
        if not (when.isascii() and when.isdigit() and len(when) <= 12 and len(signature) == 64):
            return False
        expected = signing.answer_signature(self.key, self.desk, nonce, response.status_code, int(when),
                                            response.content)
        return signing.verify(expected, signature)

    def call(self, method: str, path: str, *, body: dict | None = None, params: dict | None = None) -> dict:
        """The hub's JSON answer, signed by the hub; SyncError once the tries are used up,
        Unauthorized at once on 401, Untrusted at once for an answer the hub did not sign."""
        content = b"" if body is None else json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        query = urlencode(params or {})
        target = f"{path}?{query}" if query else path
        clock_set = False
        attempt = 0
        while attempt < self.backoff.attempts:
            if self.cancel is not None and self.cancel.is_set():
                raise Cancelled("sync cancelled")
            headers = signing.sign_request(self.key, self.desk, method, path, query, content,
                                           int(time.time()) + self.skew)
            if content:
                headers["Content-Type"] = "application/json"
            try:
                response = self.http.request(method, target, content=content or None, headers=headers)
                trusted = self._signed_by_hub(response, headers[signing.NONCE])
                if response.status_code == 401:
                    hub_time = _field(response, "hub_time") if trusted else None
                    if isinstance(hub_time, int) and not clock_set:  # this desk's clock is off: sign with the hub's
                        self.skew, clock_set = hub_time - int(time.time()), True
                        continue
                    raise Unauthorized("the hub refused this desk (401): " + (
                        str(_field(response, "error")) if trusted else "its secret is wrong or the desk was revoked")
                        + "; an administrator sets a new secret with `desk sync setup`")
                if response.status_code < 400:
                    if not trusted:
                        raise Untrusted(f"the answer from {self.http.base_url} is not signed with this desk's key: it is"
                                        " not the hub this desk was set up with; nothing in it was used")
                    return response.json()
                problem = f"the hub answered {response.status_code}: {_reason(response) if trusted else '(unsigned)'}"
                if response.status_code not in (408, 429, 500, 502, 503, 504):
                    raise SyncError(problem)
            except httpx.TransportError as exc:
                problem = f"cannot reach the hub at {self.http.base_url}: {exc.__class__.__name__}: {exc}"
            except ValueError as exc:  # a body cut short that still parsed as HTTP
                problem = f"the hub's answer was not JSON: {exc}"
            if attempt == self.backoff.attempts - 1:
                raise SyncError(f"{problem} (gave up after {self.backoff.attempts} tries)")
            pause = self.backoff.pause(attempt)
            attempt += 1
            if self.on_retry:
                self.on_retry(problem, pause)
            if self.cancel is not None:
                if self.cancel.wait(pause):
                    raise Cancelled("sync cancelled")
            else:
                time.sleep(pause)
        raise AssertionError("unreachable")


def _field(response: httpx.Response, name: str) -> object:
    try:
        payload = response.json()
    except ValueError:
        return None
    return payload.get(name) if isinstance(payload, dict) else None


def _reason(response: httpx.Response) -> str:
    try:
        return str(response.json().get("error", response.text[:200]))
    except ValueError:
        return response.text[:200]
