"""Desk and hub prove who they are without sending the secret: HMAC-SHA256 over each request and answer.

The key is the SHA-256 of the desk's secret: the desk derives it from the secret it keeps, the
hub keeps only it (its ``secret_hash``), and the secret itself never crosses the wire. A request
is signed over the desk, method, path, query, a timestamp, a random nonce and the body's digest;
the hub refuses one outside ``WINDOW`` seconds of its clock or whose nonce it has seen (a replay).
Every answer is signed over the request's nonce, the status, a timestamp and the body's digest, so
the desk applies only what the hub that knows its key said in answer to this very request: a
hub on the counter's machine that does not know the key cannot make the desk empty its outbox or
apply its figures, and an old answer cannot be passed off as a new one.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

WINDOW = 120  # seconds a signed request stays valid either side of the hub's clock
DESK, TIME, NONCE, SIGNATURE = "x-desk-id", "x-desk-time", "x-desk-nonce", "x-desk-signature"
HUB_TIME, HUB_SIGNATURE = "x-hub-time", "x-hub-signature"
NONCE_CHARS = set("0123456789abcdef")


def key_of(secret: str) -> bytes:
    """The signing key a desk derives from its secret; the hub stores its hex as the secret's hash."""
    return hashlib.sha256(secret.encode("utf-8")).digest()


def _mac(key: bytes, *parts: str) -> str:
    return hmac.new(key, "\n".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def request_signature(key: bytes, desk: str, method: str, path: str, query: str, when: int, nonce: str,
                      body: bytes) -> str:
    return _mac(key, "desk-request/1", desk, method.upper(), path, query, str(when), nonce, body_digest(body))


def answer_signature(key: bytes, desk: str, nonce: str, status: int, when: int, body: bytes) -> str:
    return _mac(key, "hub-answer/1", desk, nonce, str(status), str(when), body_digest(body))


def sign_request(key: bytes, desk: str, method: str, path: str, query: str, body: bytes, when: int) -> dict[str, str]:
    """The headers that sign one request (a fresh nonce each time)."""
    nonce = secrets.token_hex(16)
    return {DESK: desk, TIME: str(when), NONCE: nonce,
            SIGNATURE: request_signature(key, desk, method, path, query, when, nonce, body)}


def well_formed(headers) -> tuple[str, int, str, str] | None:
    """(desk, time, nonce, signature) from a request's headers, or None if any is missing or odd."""
    desk, when, nonce, signature = (headers.get(h, "") for h in (DESK, TIME, NONCE, SIGNATURE))
    if not (0 < len(desk) <= 64 and when.isascii() and when.isdigit() and len(when) <= 12
            and len(nonce) == 32 and set(nonce) <= NONCE_CHARS and len(signature) == 64
            and set(signature) <= NONCE_CHARS):
        return None
    return desk, int(when), nonce, signature


def verify(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode("ascii"), given.encode("ascii", "replace"))
