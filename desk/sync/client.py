"""The desk's side of sync: set up the hub, sync once, and tell how fresh the desk's figures are.

``sync_once`` uploads the outbox in batches, then downloads the hub's changes page by page; each
acknowledgement and each page is its own transaction, so a sync cut anywhere (network, hub
restart, the desk killed) leaves a consistent database and the next sync carries on. It opens its
own connection, so the counter program may call it from a background thread; ``cancel`` stops it
between requests and during back-off pauses.
"""
from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import sqlite_utils

from desk.domain import CST
from desk.store import audit
from desk.store.database import StoreError, open_db, write_transaction
from desk.store.identity import get_desk
from desk.store.usage import Freshness, freshness
from desk.store.users import Actor, require
from desk.sync import outbox
from desk.sync.apply import apply_page
from desk.sync.protocol import AUDIT_ANCHOR, HASH, CHANGES, KNOWN, MAX_BATCH, MAX_KNOWN, MAX_PAGE, PING, SETTLEMENTS
from desk.sync.transport import Backoff, HubClient, SyncError, check_url

Progress = Callable[[str, int, int | None], None]  # (stage, done, total or None)


@dataclass
class SyncReport:
    accepted: int = 0
    duplicates: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (settlement id, the hub's reason)
    changes: int = 0
    overruns: list[dict] = field(default_factory=list)  # overruns new to this desk
    trace_conflicts: list[dict] = field(default_factory=list)  # boxes sold twice, new to this desk
    problems: list[str] = field(default_factory=list)  # hub rows the desk could not apply
    outbox_left: int = 0
    error: str = ""  # why the sync stopped early; empty when it finished

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    hub_url: str | None
    desk_uuid: str
    outbox: int
    refused: int  # outbox rows the hub refused (they stay until an administrator deals with them)
    last_upload_at: str | None
    last_download_at: str | None
    last_error: str
    usage: Freshness  # how current members' usage is: decided in the store, one threshold

    @property
    def usage_age(self) -> dt.timedelta | None:
        """Since the desk last caught up with the hub; None: never."""
        return self.usage.age

    @property
    def stale_after(self) -> dt.timedelta:
        return self.usage.stale_after

    @property
    def stale(self) -> bool:
        """Members' usage is older than the configured age: the counter shows it as stale."""
        return self.usage.stale


def _now() -> dt.datetime:
    return dt.datetime.now(CST)


def configure(db: sqlite_utils.Database, actor: Actor, hub_url: str, secret: str, now: dt.datetime, *,
              ca_file: str | None = None, stale_after: dt.timedelta | None = None) -> None:
    """Record the hub and this desk's secret (an admin's setting; the audit log gets the URL, never the secret)."""
    require(actor, "settings")
    try:
        url = check_url(hub_url)
    except SyncError as exc:
        raise StoreError(str(exc)) from None
    if not secret.strip():
        raise StoreError("secret: the secret `desk hub add-desk` printed is required")
    if ca_file and not Path(ca_file).is_file():
        raise StoreError(f"ca file: {ca_file} does not exist")
    seconds = int(stale_after.total_seconds()) if stale_after else None
    if seconds is not None and seconds <= 0:
        raise StoreError("stale after: must be a positive time")
    with write_transaction(db):
        db.execute("INSERT INTO sync_config (id, hub_url, secret, ca_file, stale_after, updated_at)"
                   " VALUES (1, ?, ?, ?, COALESCE(?, 3600), ?) ON CONFLICT(id) DO UPDATE SET hub_url = excluded.hub_url,"
                   " secret = excluded.secret, ca_file = excluded.ca_file,"
                   " stale_after = COALESCE(?, sync_config.stale_after), updated_at = excluded.updated_at",
                   (url, secret.strip(), ca_file, seconds, now.isoformat(), seconds))
        audit.append(db, now.isoformat(), actor.user_id, "sync.setup", url,
                     {"ca_file": ca_file, "stale_after": seconds})


def set_stale_after(db: sqlite_utils.Database, actor: Actor, stale_after: dt.timedelta, now: dt.datetime) -> None:
    """Change how old members' usage may be before the counter warns (an admin's setting, audited)."""
    require(actor, "settings")
    seconds = int(stale_after.total_seconds())
    if seconds <= 0:
        raise StoreError("stale after: must be a positive time")
    with write_transaction(db):
        if db.execute("UPDATE sync_config SET stale_after = ?, updated_at = ? WHERE id = 1",
                      (seconds, now.isoformat())).rowcount != 1:
            raise StoreError("this desk has no hub yet: an administrator runs `desk sync setup --hub URL`")
        audit.append(db, now.isoformat(), actor.user_id, "sync.stale_after", "sync", {"stale_after": seconds})


def status(db: sqlite_utils.Database, now: dt.datetime | None = None) -> SyncStatus:
    """Outbox size, last upload and download, and whether members' usage is stale (for the status bar)."""
    now = now or _now()
    config = db.execute("SELECT hub_url FROM sync_config WHERE id = 1").fetchone()
    upload, download, error = db.execute(
        "SELECT last_upload_at, last_download_at, last_error FROM sync_state WHERE id = 1").fetchone()
    size, refused = db.execute("SELECT count(*), COALESCE(SUM(last_error LIKE 'refused%'), 0) FROM outbox").fetchone()
    return SyncStatus(config is not None, config[0] if config else None, get_desk(db).desk_uuid, size, refused, upload,
                      download, error, freshness(db, now))


def check_hub(db_path: Path | str, *, backoff: Backoff = Backoff(attempts=1)) -> str:
    """The name the hub registered this desk under (proves the URL and the key work: the answer is
    signed with the desk's key)."""
    db = open_db(db_path, create=False)
    try:
        url, secret, ca_file = _config(db, None)
        with HubClient(url, get_desk(db).desk_uuid, secret, ca_file=ca_file, backoff=backoff) as hub:
            return hub.call("GET", PING)["name"]
    finally:
        db.conn.close()


def _config(db: sqlite_utils.Database, hub_url: str | None) -> tuple[str, str, str | None]:
    row = db.execute("SELECT hub_url, secret, ca_file FROM sync_config WHERE id = 1").fetchone()
    if row is None:
        raise SyncError("this desk has no hub yet: an administrator runs `desk sync setup --hub URL`")
    return hub_url or row[0], row[1], row[2]


def _ad_hoc_hub(db: sqlite_utils.Database, actor: Actor | None, hub_url: str) -> str:
    """Syncing once with another hub than the one set up is an administrator's act, audited with
    the URL: a cashier cannot point the desk at a hub of their own."""
    if actor is None:
        raise SyncError(f"--hub {hub_url}: syncing with another hub than the one set up needs an administrator"
                        " (--user with an admin's PIN)")
    try:
        require(actor, "settings")
        url = check_url(hub_url)
    except (StoreError, SyncError) as exc:
        raise SyncError(f"--hub {hub_url}: {exc}") from None
    with write_transaction(db):
        audit.append(db, _now().isoformat(), actor.user_id, "sync.hub_once", url, {})
    return url


def sync_once(db_path: Path | str, *, hub_url: str | None = None, actor: Actor | None = None,
              progress: Progress | None = None, cancel: threading.Event | None = None, batch: int = 200,
              page: int = 2000, backoff: Backoff = Backoff(),
              on_retry: Callable[[str, float], None] | None = None) -> SyncReport:
    """Upload the outbox, then download the hub's changes; never raises for the network or the hub
    (the report's ``error`` says what stopped it), so a background thread can simply show the report.
    ``hub_url`` (this time, another hub than the one set up) needs an administrator's ``actor``."""
    report = SyncReport()
    db = open_db(db_path, create=False)
    try:
        try:
            url, secret, ca_file = _config(db, _ad_hoc_hub(db, actor, hub_url) if hub_url else None)
            with HubClient(url, get_desk(db).desk_uuid, secret, ca_file=ca_file, backoff=backoff, cancel=cancel,
                           on_retry=on_retry) as hub:
                _upload(db, hub, report, progress, max(1, min(batch, MAX_BATCH)))
                if _download(db, hub, report, progress, max(1, min(page, MAX_PAGE))) and _requeue(db, hub, report):
                    # The hub was restored and lost some of this desk's settlements: send them again
                    # now, in settlement order, before anything settled after them.
                    _upload(db, hub, report, progress, max(1, min(batch, MAX_BATCH)))
                    _download(db, hub, report, progress, max(1, min(page, MAX_PAGE)))
                _anchor(db, hub, url)
        except SyncError as exc:
            report.error = str(exc)
            with write_transaction(db):
                db.execute("UPDATE sync_state SET last_error = ?, last_attempt_at = ? WHERE id = 1",
                           (report.error, _now().isoformat()))
        report.outbox_left = outbox.size(db)
        return report
    finally:
        db.conn.close()


def held_anchor(hub: HubClient) -> tuple[int, str] | None:
    """The head of this desk's audit chain the hub holds, checked for shape."""
    held = hub.call("GET", AUDIT_ANCHOR).get("anchor")
    if held is None:
        return None
    if not (isinstance(held, dict) and isinstance(held.get("seq"), int) and isinstance(held.get("hash"), str)
            and HASH.match(held["hash"])):
        raise SyncError("the hub's audit anchor is not {seq, hash}")
    return held["seq"], held["hash"]


def _anchor(db: sqlite_utils.Database, hub: HubClient, url: str) -> None:
    """Send the audit chain's head to the hub, which keeps it only if this chain still passes through
    the head it holds; a chain that does not (history rewritten in this file) stops the sync with the reason."""
    held = held_anchor(hub)
    if held is not None and audit.hash_at(db, held[0]) != held[1]:
        raise SyncError(f"the audit log differs from the head the hub anchored at row {held[0]}: the history"
                        " up to it was rewritten in this file (`desk audit verify --hub`)")
    seq, digest = audit.head(db)
    if held is None or seq != held[0]:
        answer = hub.call("POST", AUDIT_ANCHOR, body={
            "seq": seq, "hash": digest, "previous": None if held is None else {"seq": held[0], "hash": held[1]}})
        if answer.get("status") != "anchored":
            raise SyncError(f"the hub refused this desk's audit head: {answer.get('reason') or 'no reason given'}")
    with write_transaction(db):
        audit.record_anchor(db, seq, digest, _now().isoformat(), url)


def hub_anchor(db_path: Path | str, *, hub_url: str | None = None,
               backoff: Backoff = Backoff(attempts=2)) -> tuple[int, str] | None:
    """The head of this desk's audit chain the hub holds (for `desk audit verify --hub`)."""
    db = open_db(db_path, create=False)
    try:
        url, secret, ca_file = _config(db, hub_url)
        with HubClient(url, get_desk(db).desk_uuid, secret, ca_file=ca_file, backoff=backoff) as hub:
            return held_anchor(hub)
    finally:
        db.conn.close()


def _upload(db: sqlite_utils.Database, hub: HubClient, report: SyncReport, progress: Progress | None,
            batch: int) -> None:
    total, done, after = outbox.size(db), 0, 0
    if progress:
        progress("upload", 0, total)
    while True:
        after, settlements, members = outbox.next_batch(db, after, batch)
        if not settlements:
            return
        answer = hub.call("POST", SETTLEMENTS, body={"settlements": settlements, "members": members})
        results = answer.get("results") if isinstance(answer, dict) else None
        sent = [s["id"] for s in settlements]
        if not isinstance(results, list) or [r.get("id") for r in results if isinstance(r, dict)] != sent:
            raise SyncError("the hub's answer does not match the batch sent; nothing was marked as uploaded")
        accepted, duplicates, refused = outbox.acknowledge(db, results, _now().isoformat())
        report.accepted += accepted
        report.duplicates += duplicates
        report.refused += refused
        done += len(settlements)
        if progress:
            progress("upload", done, max(total, done))


def _requeue(db: sqlite_utils.Database, hub: HubClient, report: SyncReport) -> int:
    """Put back in the outbox every settlement of this desk the hub once acknowledged and no longer
    holds (a hub restored from an older backup); returns how many. Nothing is lost, and the
    settlements made after them, which saw their usage, are not refused for having seen it."""
    sent = [r[0] for r in db.execute("SELECT id FROM settlements WHERE id NOT IN (SELECT settlement_id FROM outbox)"
                                     " ORDER BY seq")]
    missing: list[str] = []
    for start in range(0, len(sent), MAX_KNOWN):
        chunk = sent[start:start + MAX_KNOWN]
        answer = hub.call("POST", KNOWN, body={"ids": chunk})
        known = answer.get("known") if isinstance(answer, dict) else None
        if not isinstance(known, list):
            raise SyncError("the hub's answer to which settlements it holds is not a list")
        held = set(map(str, known))
        missing += [sid for sid in chunk if sid not in held]
    if missing:
        now = _now().isoformat()
        with write_transaction(db):
            db.conn.executemany("INSERT OR IGNORE INTO outbox (settlement_id, queued_at) VALUES (?, ?)",
                                [(sid, now) for sid in missing])
            audit.append(db, now, "sync", "sync.requeue", str(len(missing)),
                         {"reason": "the hub no longer holds settlements it acknowledged (restored from a backup?)",
                          "first": missing[0], "last": missing[-1]})
        report.problems.append(f"the hub no longer holds {len(missing)} settlement(s) it had acknowledged;"
                               " they are queued and sent again")
    return len(missing)


def _download(db: sqlite_utils.Database, hub: HubClient, report: SyncReport, progress: Progress | None,
              size: int) -> bool:
    """Download the hub's changes; True when the hub turned out to be restored from an older backup."""
    restarted = False
    while True:
        cursor = db.execute("SELECT cursor FROM sync_state WHERE id = 1").fetchone()[0]
        page = hub.call("GET", CHANGES, params={"after": cursor, "limit": size})
        if page["head"] < cursor and not restarted:
            # The hub was restored from a backup older than what this desk has seen: read it all again.
            restarted = True
            report.problems.append(f"the hub's changes end at {page['head']}, before this desk's cursor {cursor};"
                                   " downloading everything again")
            with write_transaction(db):
                db.execute("UPDATE sync_state SET cursor = 0 WHERE id = 1")
            continue
        applied = apply_page(db, page, _now())
        report.changes += applied.changes
        report.overruns += applied.overruns
        report.trace_conflicts += applied.trace_conflicts
        report.problems += applied.problems
        if progress:  # change numbers are positions, not counts (on PostgreSQL, transaction ids): count the changes
            progress("download", report.changes, None if page["more"] else report.changes)
        if not page["more"]:
            return restarted
        if page["next"] <= cursor:
            raise SyncError(f"the hub's changes do not move past {cursor}; stopping rather than looping")
