"""What the hub keeps and how it changes: desks, settlements, members' figures, roster, catalog, overruns.

Ingesting a batch is one transaction: new settlements are inserted, each member's usage and
account are moved by what the batch adds and stamped with change numbers (row locks, taken in
key order so two hub processes cannot deadlock), and overruns are detected on the totals those
updates return. A desk's cursor is the last change number it has
applied, and it must never skip a change, however many hub processes write at once:

* On SQLite (one hub process, one writer at a time) the numbers come from the counter row
  ``hub_counter``, whose lock is held to the commit, so they are handed out in commit order.
* On PostgreSQL a change number is ``(writing transaction's id << XID_SHIFT) + i``, i counting
  the rows the transaction stamps. No lock is shared between writers, so commits are not
  serialised. A download delivers only numbers below ``xmin << XID_SHIFT``, where xmin is the
  oldest transaction still running when its snapshot was taken: every transaction with a smaller
  id has finished and is wholly visible in that snapshot, and every one that has not finished, or
  will start later, has an id >= xmin and so numbers above anything delivered. A transaction that
  commits late with a small id is therefore delivered after it commits, past no cursor.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import random
import secrets
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from desk.policy.loader import Library
from desk.store.roster import MemberRow
from desk.store.usage import benefit_moves
from desk.sync import hub_benefits, hub_trace
from desk.sync.hub_benefits import Overrun
from desk.sync.hub_db import HubDB, HubStorageError, Retry, Tx
from desk.sync.hub_report_rows import add_report_rows
from desk.sync.hub_trace import conflicts, record_units
from desk.sync.limits import Caps
from desk.sync.protocol import ACCEPTED, DUPLICATE, REJECTED, Incoming, ProtocolError, money, parse_settlement
from desk.sync.resettle import Counted, Refused, Resettled, member_refusal, resettle, seen_refusal

ATTEMPTS = 4  # a write that loses a race (deadlock, duplicate key) is run again this many times at most
CHUNK = 900  # ids in one IN (...) list
XID_SHIFT = 22  # PostgreSQL: a change number is (transaction id << XID_SHIFT) + row; up to 4,194,304 rows a transaction
XID_LIMIT = 1 << (63 - XID_SHIFT)  # transaction ids (xid8, epoch included) whose change numbers fit a BIGINT


@dataclass(frozen=True)
class HubDesk:
    desk_uuid: str
    name: str
    active: bool
    institution_code: str | None
    desk_number: str | None
    created_at: str
    revoked_at: str | None


@dataclass(frozen=True)
class Nonce:
    """A signed request's nonce, when it reached the hub (epoch seconds), and the signing window."""
    nonce: str
    now: int
    window: int


class Replayed(Exception):
    """The hub has recorded this signed request's nonce already: the request is a replay."""


USAGE_COLUMNS = (("member_id", "text"), ("year", "integer"), ("deductible_met_fen", "bigint"),
                 ("ordinary_pool_paid_fen", "bigint"), ("updated_at", "text"), ("change_seq", "bigint"),
                 ("deductible_gross_fen", "bigint"), ("pool_gross_fen", "bigint"))
ACCOUNT_COLUMNS = (("member_id", "text"), ("opening", "bigint"), ("balance", "bigint"), ("updated_at", "text"),
                   ("change_seq", "bigint"))
NONCE_INSERT = "INSERT INTO hub_nonces (desk_uuid, nonce, seen_at) VALUES (?,?,?) ON CONFLICT DO NOTHING RETURNING 1"


@dataclass(frozen=True)
class Outcome:
    id: str
    status: str
    reason: str = ""


def secret_hash(secret: str) -> str:
    """SHA-256 of a desk's secret: the key both sides sign with (desk.sync.signing). The secret is
    32 random bytes, so a slow password hash adds nothing against guessing; the hub never holds
    the secret, but whoever reads this hash from the hub's database can sign as the desk, so the
    hub's database is kept like a key store."""
    return "sha256$" + hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _chunks(values: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _drug_columns(drug: tuple | None) -> tuple:
    """(drug, barcode, trace_required, units_per_box, trace_prefix, rx_flag) for hub_catalog; drug 0: none set."""
    if drug is None:
        return 0, None, 0, 1, "", 0
    return (1, *drug[1:])


def _family_text(links: tuple[tuple[str, str], ...]) -> str:
    return ";".join(f"{relative}:{relation}" if relation else relative for relative, relation in links)


class HubStore:
    """The hub's storage; ``url`` is a SQLite path or a postgresql:// URL."""

    def __init__(self, url: str):
        self.db = HubDB(url)
        self._library: Library | None = None
        self.caps = Caps(Library())

    @property
    def library(self) -> Library:
        """The packs uploads are re-settled under: the shipped ones and those installed on this hub."""
        if self._library is None:
            self._refresh_packs()
        return self._library

    def _refresh_packs(self) -> None:
        with self.db.read() as tx:
            rows = tx.all("SELECT content, pack_id FROM hub_packs ORDER BY installed_at, digest")
        self._library = Library(None, [(bytes(content), f"installed/{pack_id}.toml") for content, pack_id in rows])
        self.caps = Caps(self._library)

    def install_pack(self, data: bytes, now: dt.datetime) -> tuple[str, str]:
        """Install a policy pack on the hub (its administrator's act): validated as the desk validates
        it, kept whole with its SHA-256. Returns (pack id, digest)."""
        from desk.policy.loader import pack_digest, parse_pack_bytes

        with self.db.read() as tx:
            rows = tx.all("SELECT content, pack_id FROM hub_packs ORDER BY installed_at, digest")
        installed = [(bytes(c), f"installed/{p}.toml") for c, p in rows]
        pack = Library(None, installed).check(parse_pack_bytes(data, "installed pack"))
        digest = pack_digest(data)

        def work(tx: Tx) -> None:
            if tx.one("SELECT 1 FROM hub_packs WHERE digest = ?", (digest,)) is None:
                tx.run("INSERT INTO hub_packs (digest, pack_id, content, installed_at) VALUES (?,?,?,?)",
                       (digest, pack.id, data, now.isoformat()))
        self._write(work)
        self._library = None
        return pack.id, digest

    def migrate(self) -> int:
        version = self.db.migrate({8: lambda tx: hub_benefits.backfill(tx, lambda n: self._take_seqs(tx, n))})
        self._renumber_past_horizon()
        return version

    def close(self) -> None:
        self.db.close()

    def _write(self, work):
        """Run ``work(tx)`` in a write transaction, again (bounded, with jitter) when it lost a race."""
        for attempt in range(ATTEMPTS):
            try:
                with self.db.write() as tx:
                    return work(tx)
            except Retry:
                if attempt == ATTEMPTS - 1:
                    raise HubStorageError("the hub is busy: a write kept losing races with other hub processes")
                time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
        raise AssertionError("unreachable")

    @staticmethod
    def _take_seqs(tx: Tx, count: int) -> int:
        """Reserve ``count`` change numbers; returns the first.

        SQLite: from the counter row; the transaction holds SQLite's write lock (BEGIN IMMEDIATE)
        from its start to its commit, so numbers follow the commit order wherever it takes them. PostgreSQL: from this transaction's id, with no lock (see the module's
        docstring for why a download never skips one)."""
        if tx.dialect != "postgresql":
            last = tx.one("UPDATE hub_counter SET seq = seq + ? WHERE id = 1 RETURNING seq", (count,))[0]
            return last - count + 1
        used = getattr(tx, "stamped", 0)
        if used + count >= 1 << XID_SHIFT:
            raise ValueError(f"{used + count:,} changes in one transaction: at most {(1 << XID_SHIFT) - 1:,};"
                             " load the file in parts")
        xid = tx.one("SELECT pg_current_xact_id()::text::bigint")[0]
        if xid >= XID_LIMIT:
            raise HubStorageError(f"transaction id {xid} is past what change numbers can hold ({XID_LIMIT})")
        tx.stamped = used + count
        return (xid << XID_SHIFT) + used + 1

    @staticmethod
    def _head(tx: Tx) -> int:
        """The last change number a download may deliver, read in the download's snapshot: on
        PostgreSQL, everything below the snapshot's xmin (every transaction there has finished)."""
        if tx.dialect != "postgresql":
            return tx.one("SELECT seq FROM hub_counter WHERE id = 1")[0]
        xmin = tx.one("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")[0]
        return (xmin << XID_SHIFT) - 1

    def _renumber_past_horizon(self) -> None:
        """PostgreSQL: change numbers must stay below the next transaction's. They are, for numbers
        from the counter of an older hub version (far fewer than 4 million per transaction), but not
        in a database restored with pg_dump into a new cluster, whose transaction ids start again
        low: then every change is numbered anew above them, and a desk whose cursor is past the new
        head downloads everything again (``desk sync``, the restored-backup case)."""
        if self.db.dialect != "postgresql":
            return
        tables = ("hub_members", "hub_usage", "hub_catalog", "hub_overruns", "hub_benefit_usage",
                  "hub_trace_conflicts")

        def work(tx: Tx) -> None:
            from desk.sync.hub_db import MIGRATION_LOCK

            tx.run(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            top = max(tx.one(f"SELECT COALESCE(max(change_seq), 0) FROM {t}")[0] for t in tables)
            xid = tx.one("SELECT pg_current_xact_id()::text::bigint")[0]
            if top < xid << XID_SHIFT:
                return
            keys = {"hub_members": "member_id", "hub_usage": "member_id, year", "hub_catalog": "code",
                    "hub_overruns": "id", "hub_benefit_usage": "member_id, year, kind, key",
                    "hub_trace_conflicts": "id"}
            total = sum(tx.one(f"SELECT count(*) FROM {t}")[0] for t in tables)
            first = HubStore._take_seqs(tx, total)
            for t in tables:
                tx.run(f"UPDATE {t} SET change_seq = n.seq FROM (SELECT {keys[t]}, ? - 1 + row_number() OVER"
                       f" (ORDER BY change_seq, {keys[t]}) AS seq FROM {t}) n WHERE "
                       + " AND ".join(f"{t}.{k.strip()} = n.{k.strip()}" for k in keys[t].split(",")), (first,))
                first += tx.one(f"SELECT count(*) FROM {t}")[0]
            tx.run("UPDATE hub_overrun_desks d SET change_seq = o.change_seq FROM hub_overruns o"
                   " WHERE o.id = d.overrun_id")
        self._write(work)

    # -- desks -------------------------------------------------------------------------------

    def add_desk(self, desk_uuid: str, name: str, now: dt.datetime) -> str:
        """Register a desk; returns its secret, which the hub does not keep (only its hash)."""
        try:
            desk_uuid = str(uuid.UUID(desk_uuid))
        except ValueError:
            raise ValueError(f"desk: {desk_uuid!r} is not a desk UUID (`desk sync status` shows it)") from None
        if not name.strip():
            raise ValueError("name: must not be empty")
        secret = secrets.token_urlsafe(32)

        def work(tx: Tx) -> None:
            if tx.one("SELECT 1 FROM hub_desks WHERE desk_uuid = ?", (desk_uuid,)):
                raise ValueError(f"desk {desk_uuid} is registered already (revoke it and register a new desk)")
            tx.run("INSERT INTO hub_desks (desk_uuid, name, secret_hash, active, created_at) VALUES (?,?,?,1,?)",
                   (desk_uuid, name.strip(), secret_hash(secret), now.isoformat()))
        self._write(work)
        return secret

    def revoke_desk(self, desk_uuid: str, now: dt.datetime) -> None:
        def work(tx: Tx) -> None:
            row = tx.one("UPDATE hub_desks SET active = 0, revoked_at = ? WHERE desk_uuid = ? RETURNING desk_uuid",
                         (now.isoformat(), desk_uuid))
            if row is None:
                raise ValueError(f"desk {desk_uuid} is not registered on this hub")
        self._write(work)

    def desks(self) -> list[HubDesk]:
        with self.db.read() as tx:
            rows = tx.all("SELECT desk_uuid, name, active, institution_code, desk_number, created_at, revoked_at"
                          " FROM hub_desks ORDER BY created_at, desk_uuid")
        return [HubDesk(r[0], r[1], bool(r[2]), r[3], r[4], r[5], r[6]) for r in rows]

    def desk_key(self, desk_uuid: str) -> tuple[HubDesk, bytes] | None:
        """The active desk ``desk_uuid`` and the key its requests are signed with, else None. The
        key is what the hub keeps of the secret (its SHA-256): the secret itself never reaches it."""
        row = self.db.query_one("SELECT desk_uuid, name, active, institution_code, desk_number, created_at,"
                                " revoked_at, secret_hash FROM hub_desks WHERE desk_uuid = ?", (desk_uuid,))
        if row is None or not row[2] or not str(row[7]).startswith("sha256$"):
            return None
        try:
            key = bytes.fromhex(row[7].partition("$")[2])
        except ValueError:
            return None
        return HubDesk(row[0], row[1], True, row[3], row[4], row[5], row[6]), key

    def first_use(self, desk_uuid: str, nonce: str, now: int, window: int) -> bool:
        """Record a signed request's nonce; False when the hub has seen it (a replay). Nonces older
        than twice the signing window are forgotten now and then: their requests are refused by
        their timestamp anyway."""
        row = self.db.query_one(NONCE_INSERT, (desk_uuid, nonce, now))
        self._forget_nonces(now, window)
        return row is not None

    def seen(self, desk_uuid: str, nonce: str) -> bool:
        """Whether the hub has recorded this nonce (a read: an upload checks it before re-settling,
        and records the nonce in its own transaction, Nonce)."""
        return self.db.query_one("SELECT 1 FROM hub_nonces WHERE desk_uuid = ? AND nonce = ?",
                                 (desk_uuid, nonce)) is not None

    def _forget_nonces(self, now: int, window: int) -> None:
        if random.random() < 0.01:
            self.db.query_one("DELETE FROM hub_nonces WHERE seen_at < ?", (now - 2 * window,))

    # -- roster and catalog ------------------------------------------------------------------

    def load_members(self, members: list[MemberRow], now: dt.datetime) -> int:
        """Load or update roster rows (all or nothing); each becomes a change desks download.

        The roster's balance is the member's opening balance at the hub: the hub's balance is it
        plus every account movement the hub has counted, so loading moves the balance by the change
        in the opening figure and loses no movement.
        """
        stamp = now.isoformat()
        rows = [(m.member_id, m.name, m.id_number, m.card_number, m.ecard_code, m.category, m.birth_date.isoformat(),
                 m.scheme, m.family_doctor_institution, int(m.eligible), _family_text(m.family), m.account_balance_fen,
                 m.account_balance_fen, stamp) for m in {m.member_id: m for m in members}.values()]

        def work(tx: Tx) -> int:
            tx.many("INSERT INTO hub_members (member_id, on_roster, name, id_number, card_number, ecard_code, category,"
                    " birth_date, scheme, family_doctor_institution, eligible, family, account_opening_fen,"
                    " account_balance_fen, updated_at) VALUES (?,1,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    " ON CONFLICT (member_id) DO UPDATE SET on_roster = 1, name = excluded.name,"
                    " id_number = excluded.id_number, card_number = excluded.card_number,"
                    " ecard_code = excluded.ecard_code, category = excluded.category, birth_date = excluded.birth_date,"
                    " scheme = excluded.scheme, family_doctor_institution = excluded.family_doctor_institution,"
                    " eligible = excluded.eligible, family = excluded.family,"
                    " account_balance_fen = hub_members.account_balance_fen - hub_members.account_opening_fen"
                    "   + excluded.account_opening_fen,"
                    " account_opening_fen = excluded.account_opening_fen, updated_at = excluded.updated_at",
                    sorted(rows))
            first = self._take_seqs(tx, len(rows))
            tx.many("UPDATE hub_members SET change_seq = ? WHERE member_id = ?",
                    [(first + i, r[0]) for i, r in enumerate(sorted(rows))])
            return len(rows)
        return self._write(work) if rows else 0

    def load_catalog(self, items: list[tuple], now: dt.datetime, drugs: dict[str, tuple] | None = None) -> int:
        """Load or update catalog rows (as desk.store.catalog.parse_item returns them), all or nothing.

        ``drugs``: an item's drug columns (desk.store.catalog_drugs.parse_drug's tuple) where its row
        set any; the hub keeps them with the item, and desks take them into their catalog_drugs."""
        stamp = now.isoformat()
        drugs = drugs or {}
        # parse_item's tuple: the eight hub columns, the initials (the desk's own), scheme, account_excluded
        rows = sorted({i[0]: (*i[:8], i[9], i[10], *_drug_columns(drugs.get(i[0])), stamp) for i in items}.values())

        def work(tx: Tx) -> int:
            tx.many("INSERT INTO hub_catalog (code, name, spec, unit, class, selfpay_ratio, unit_price_fen, fee_category,"
                    " scheme, account_excluded, drug, barcode, trace_required, units_per_box, trace_prefix, rx_flag,"
                    " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (code) DO UPDATE"
                    " SET name = excluded.name, spec = excluded.spec, unit = excluded.unit, class = excluded.class,"
                    " selfpay_ratio = excluded.selfpay_ratio, unit_price_fen = excluded.unit_price_fen,"
                    " fee_category = excluded.fee_category, scheme = excluded.scheme,"
                    " account_excluded = excluded.account_excluded, drug = excluded.drug, barcode = excluded.barcode,"
                    " trace_required = excluded.trace_required, units_per_box = excluded.units_per_box,"
                    " trace_prefix = excluded.trace_prefix, rx_flag = excluded.rx_flag,"
                    " updated_at = excluded.updated_at", rows)
            first = self._take_seqs(tx, len(rows))
            tx.many("UPDATE hub_catalog SET change_seq = ? WHERE code = ?",
                    [(first + i, r[0]) for i, r in enumerate(rows)])
            return len(rows)
        return self._write(work) if rows else 0

    def load_inpatient(self, rows: list[tuple[str, int, int]], now: dt.datetime) -> int:
        """Set members' inpatient pool pay (fen) of hospital stays in a year: (member, year, fen) rows, all or
        nothing. With it the hub knows their inpatient-cap usage and sends it to the desks."""
        if not rows:
            return 0
        return self._write(lambda tx: hub_benefits.load_inpatient(tx, rows, lambda n: self._take_seqs(tx, n), now))

    # -- audit anchors -----------------------------------------------------------------------

    def audit_anchor(self, desk: HubDesk) -> dict | None:
        """The last head of its audit chain this desk anchored here: {seq, hash, received_at}, or None."""
        row = self.db.query_one("SELECT seq, hash, received_at FROM hub_audit_anchors WHERE desk_uuid = ?"
                                " ORDER BY seq DESC LIMIT 1", (desk.desk_uuid,))
        return None if row is None else {"seq": int(row[0]), "hash": row[1], "received_at": row[2]}

    def anchor_audit(self, desk: HubDesk, seq: int, digest: str, previous: dict | None,
                     now: dt.datetime) -> tuple[bool, str, dict | None]:
        """Keep a desk's new audit head if it extends the one held: (kept, why not, the head now held).

        The desk shows the hash its chain has now at the held head (``previous``); a desk whose history
        before that head was rewritten cannot show it, and its new head is refused."""
        def work(tx: Tx) -> tuple[bool, str, dict | None]:
            row = tx.one("SELECT seq, hash, received_at FROM hub_audit_anchors WHERE desk_uuid = ?"
                         " ORDER BY seq DESC LIMIT 1", (desk.desk_uuid,))
            held = None if row is None else {"seq": int(row[0]), "hash": row[1], "received_at": row[2]}
            if held is not None:
                shown = (previous or {}).get("seq"), (previous or {}).get("hash")
                if shown != (held["seq"], held["hash"]):
                    return False, (f"the hub holds this desk's audit head at row {held['seq']} (hash"
                                   f" {held['hash'][:12]}…); the desk's chain does not pass through it"), held
                if seq < held["seq"]:
                    return False, f"row {seq} is before the head the hub holds (row {held['seq']})", held
                if seq == held["seq"]:
                    return (digest == held["hash"]), "" if digest == held["hash"] else "another hash", held
            tx.run("INSERT INTO hub_audit_anchors (desk_uuid, seq, hash, received_at) VALUES (?,?,?,?)",
                   (desk.desk_uuid, seq, digest, now.isoformat()))
            return True, "", {"seq": seq, "hash": digest, "received_at": now.isoformat()}
        return self._write(work)

    # -- upload ------------------------------------------------------------------------------

    def ingest(self, desk: HubDesk, raw: list, members: dict, now: dt.datetime,
               nonce: Nonce | None = None) -> tuple[list[Outcome], list[Overrun]]:
        """Count a batch of settlements from ``desk``: an outcome per settlement, in order, and the
        overruns the batch caused. Sending the same batch again changes nothing (all duplicates).

        ``nonce``: the signed request's, recorded in the batch's own transaction (one commit, one
        disk flush, for both); Replayed if the hub has it already, and nothing is counted."""
        outcomes: list[Outcome | None] = [None] * len(raw)
        parsed: list[tuple[int, Incoming]] = []
        for index, item in enumerate(raw):
            sid = str(item.get("id", "")) if isinstance(item, dict) else ""
            try:
                incoming = parse_settlement(item)
            except ProtocolError as exc:
                outcomes[index] = Outcome(sid, REJECTED, str(exc))
                continue
            if incoming.desk_uuid != desk.desk_uuid:
                outcomes[index] = Outcome(sid, REJECTED, f"settled at desk {incoming.desk_uuid}: a desk uploads only"
                                                         " its own settlements")
                continue
            parsed.append((index, incoming))
        digests = {raw[i].get("pack_digest") for i, s in parsed if s.kind == "settlement"}
        if any(isinstance(d, str) and self.library.by_digest(d) is None for d in digests):
            self._refresh_packs()  # a pack installed on the hub since this process read them
        library = self.library
        resettled: dict[str, Resettled | str] = {}  # a settlement's re-settle, or why it failed
        for index, incoming in parsed:
            if incoming.kind == "settlement":
                try:
                    resettled[incoming.id] = resettle(raw[index], library)
                except (Refused, ProtocolError) as exc:
                    resettled[incoming.id] = str(exc)
        context = {str(k): v for k, v in (members or {}).items() if isinstance(v, dict)}

        def work(tx: Tx) -> list[Overrun]:
            if nonce is not None and tx.one(NONCE_INSERT, (desk.desk_uuid, nonce.nonce, nonce.now)) is None:
                raise Replayed(nonce.nonce)
            # Hub processes on PostgreSQL ingest at once: every row two batches may share (usage,
            # accounts, the report's rows counted ahead) is locked in key order, table by table, and
            # box units under per-code locks (desk.sync.hub_trace), so batches wait, never deadlock.
            return _Batch(tx, self.caps, desk, parsed, context, now, outcomes, resettled).run()
        if parsed:
            overruns = self._write(work)
        else:
            overruns = []
            if nonce is not None and not self.first_use(desk.desk_uuid, nonce.nonce, nonce.now, nonce.window):
                raise Replayed(nonce.nonce)
        if nonce is not None:
            self._forget_nonces(nonce.now, nonce.window)
        return [o for o in outcomes if o is not None], overruns

    # -- download ----------------------------------------------------------------------------

    def changes(self, desk: HubDesk, after: int, limit: int) -> dict:
        """Changes after ``after`` as the desk applies them, at most ``limit``, from one snapshot.

        Each table gives up to ``limit + 1`` rows past the cursor; the page ends at the ``limit``-th
        change of them all, which every table has fully given, so the next page starts where this
        one ends and nothing is skipped. ``head`` is the hub's last change: a desk whose cursor is
        beyond it is talking to a hub restored from an older backup, and starts again from 0.
        """
        with self.db.read() as tx:
            head = self._head(tx)
            members = tx.all("SELECT change_seq, member_id, on_roster, name, id_number, card_number, ecard_code,"
                             " category, birth_date, scheme, family_doctor_institution, eligible, family,"
                             " account_balance_fen FROM hub_members WHERE change_seq > ? AND change_seq <= ? ORDER BY change_seq"
                             " LIMIT ?", (after, head, limit + 1))
            usage = tx.all("SELECT change_seq, member_id, year, deductible_met_fen, ordinary_pool_paid_fen, updated_at"
                           " FROM hub_usage WHERE change_seq > ? AND change_seq <= ? ORDER BY change_seq LIMIT ?",
                           (after, head, limit + 1))
            benefits = hub_benefits.changes(tx, after, head, limit)
            catalog = tx.all("SELECT change_seq, code, name, spec, unit, class, selfpay_ratio, unit_price_fen,"
                             " fee_category, scheme, account_excluded, drug, barcode, trace_required, units_per_box,"
                             " trace_prefix, rx_flag FROM hub_catalog WHERE change_seq > ? AND change_seq <= ? ORDER BY change_seq"
                             " LIMIT ?", (after, head, limit + 1))
            overruns = tx.all("SELECT d.change_seq, o.id, o.kind, o.member_id, o.year, o.day, o.settlement_id,"
                              " o.limit_fen, o.total_after_fen, o.amount_fen, o.settlements, o.detected_at, o.key,"
                              " o.key_name"
                              " FROM hub_overrun_desks d JOIN hub_overruns o ON o.id = d.overrun_id"
                              " WHERE d.desk_uuid = ? AND d.change_seq > ? AND d.change_seq <= ? ORDER BY d.change_seq LIMIT ?",
                              (desk.desk_uuid, after, head, limit + 1))
            codes = hub_trace.changes(tx, desk.desk_uuid, after, head, limit)
            seqs = sorted(r[0] for rows in (members, usage, catalog, overruns, benefits, codes) for r in rows)
            more = len(seqs) > limit
            cutoff = seqs[limit - 1] if more else head
            members = [r for r in members if r[0] <= cutoff]
            usage = [r for r in usage if r[0] <= cutoff]
            benefits = [r for r in benefits if r[0] <= cutoff]
            catalog = [r for r in catalog if r[0] <= cutoff]
            overruns = [r for r in overruns if r[0] <= cutoff]
            codes = [r for r in codes if r[0] <= cutoff]
            counted_usage = self._counted(tx, "member_id", desk.desk_uuid, sorted({r[1] for r in usage}), True)
            counted_benefits = hub_benefits.counted(tx, desk.desk_uuid, [r[1] for r in benefits])
            counted_account = self._counted(tx, "account_holder", desk.desk_uuid, sorted({r[1] for r in members}),
                                            False)
        return {
            "after": after, "next": cutoff if more else max(after, head), "head": head, "more": more,
            "members": [{"seq": r[0], "member_id": r[1], "on_roster": bool(r[2]), "name": r[3], "id_number": r[4],
                         "card_number": r[5], "ecard_code": r[6], "category": r[7], "birth_date": r[8],
                         "scheme": r[9], "family_doctor_institution": r[10],
                         "eligible": None if r[11] is None else bool(r[11]), "family": r[12],
                         "account_balance": money(r[13]), "account_counted": counted_account.get(r[1], [])}
                        for r in members],
            "usage": [{"seq": r[0], "member_id": r[1], "year": r[2], "deductible_met": money(r[3]),
                       "ordinary_pool_paid": money(r[4]), "as_of": r[5],
                       "counted": counted_usage.get((r[1], r[2]), [])} for r in usage],
            "benefit_usage": [{"seq": r[0], "member_id": r[1], "year": r[2], "kind": r[3], "key": r[4],
                               "amount": None if r[5] is None else money(r[5]), "as_of": r[6],
                               "counted": counted_benefits.get(r[1:5], [])} for r in benefits],
            "catalog": [{"seq": r[0], "code": r[1], "name": r[2], "spec": r[3], "unit": r[4], "class": r[5],
                         "selfpay_ratio": r[6], "unit_price": money(r[7]), "fee_category": r[8],
                         "scheme": r[9], "account_excluded": bool(r[10]),
                         "drug": {"barcode": r[12], "trace_required": bool(r[13]), "units_per_box": r[14],
                                  "trace_prefix": r[15], "rx_flag": bool(r[16])} if r[11] else None}
                        for r in catalog],
            "overruns": [{"seq": r[0], "id": r[1], "kind": r[2], "member_id": r[3], "year": r[4], "day": r[5],
                          "settlement_id": r[6], "limit": money(r[7]), "total_after": money(r[8]),
                          "amount": money(r[9]), "settlements": json.loads(r[10]), "detected_at": r[11],
                          "key": r[12], "key_name": r[13]}
                         for r in overruns],
            "trace_conflicts": [hub_trace.as_change(r) for r in codes],
        }

    @staticmethod
    def _counted(tx: Tx, column: str, desk_uuid: str, keys: list[str], by_year: bool) -> dict:
        """This desk's settlements the hub has counted, per member (and year) of the page: the desk
        marks exactly these as part of the hub's figure, so none is counted twice or left out."""
        out: dict = defaultdict(list)
        for chunk in _chunks(keys):
            marks, params = tx.in_list(chunk)
            for member_id, year, sid in tx.all(f"SELECT {column}, year, id FROM hub_settlements WHERE desk_uuid = ?"
                                               f" AND {column} IN {marks} ORDER BY id", (desk_uuid, *params)):
                out[(member_id, year) if by_year else member_id].append(sid)
        return out

    # -- checking ----------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Recompute every member's usage and balance from the settlements; each difference is a problem."""
        with self.db.read() as tx:
            problems = [f"usage of {m} in {y}: the hub has deductible {hd}, pool {hp} (fen); its settlements give"
                        f" {sd}, {sp}" for m, y, hd, hp, sd, sp in tx.all(
                "SELECT k.member_id, k.year, u.deductible_met_fen, u.ordinary_pool_paid_fen, s.ded, s.pool FROM"
                " (SELECT member_id, year FROM hub_usage UNION SELECT member_id, year FROM hub_settlements) k"
                " LEFT JOIN hub_usage u ON u.member_id = k.member_id AND u.year = k.year"
                " LEFT JOIN (SELECT member_id, year, SUM(deductible_delta_fen) AS ded, SUM(pool_delta_fen) AS pool"
                "   FROM hub_settlements GROUP BY member_id, year) s ON s.member_id = k.member_id AND s.year = k.year"
                " WHERE COALESCE(u.deductible_met_fen, 0) <> COALESCE(s.ded, 0)"
                "    OR COALESCE(u.ordinary_pool_paid_fen, 0) <> COALESCE(s.pool, 0)")]
            problems += [f"account of {m}: the hub has {have} fen, opening {opening} plus its settlements give"
                         f" {want}" for m, have, opening, want in tx.all(
                "SELECT m.member_id, m.account_balance_fen, m.account_opening_fen, m.account_opening_fen"
                " + COALESCE(SUM(s.account_delta_fen), 0) FROM hub_members m LEFT JOIN hub_settlements s"
                " ON s.account_holder = m.member_id GROUP BY m.member_id, m.account_balance_fen, m.account_opening_fen"
                " HAVING m.account_balance_fen <> m.account_opening_fen + COALESCE(SUM(s.account_delta_fen), 0)")]
            problems += hub_benefits.check(tx)
            problems += [f"account movement of settlement {sid} is on {holder}, whom the hub has no account for"
                         for sid, holder in tx.all(
                "SELECT id, account_holder FROM hub_settlements s WHERE account_holder IS NOT NULL AND NOT EXISTS"
                " (SELECT 1 FROM hub_members m WHERE m.member_id = s.account_holder)")]
        return problems

    def trace_conflicts(self, desk_uuid: str | None = None) -> list[dict]:
        """Box units sold twice (at two desks, or twice where a reversal never arrived), oldest first."""
        with self.db.read() as tx:
            return conflicts(tx, desk_uuid)

    def overruns(self) -> list[dict]:
        with self.db.read() as tx:
            rows = tx.all("SELECT id, kind, member_id, year, day, settlement_id, limit_fen, total_after_fen, amount_fen,"
                          " settlements, detected_at, key, key_name FROM hub_overruns ORDER BY id")
        return [{"id": r[0], "kind": r[1], "member_id": r[2], "year": r[3], "day": r[4], "settlement_id": r[5],
                 "limit": money(r[6]), "total_after": money(r[7]), "amount": money(r[8]),
                 "settlements": json.loads(r[9]), "detected_at": r[10], "key": r[11], "key_name": r[12]} for r in rows]

    def figures(self) -> tuple[dict[tuple[str, int], tuple[int, int]], dict[str, int]]:
        """Every member's usage ((member, year) → (deductible, pool) fen) and account balance (fen)."""
        with self.db.read() as tx:
            usage = {(m, y): (d, p) for m, y, d, p in tx.all(
                "SELECT member_id, year, deductible_met_fen, ordinary_pool_paid_fen FROM hub_usage")}
            accounts = dict(tx.all("SELECT member_id, account_balance_fen FROM hub_members"))
        return usage, accounts

    def known(self, desk: HubDesk, ids: list[str]) -> list[str]:
        """Which of ``ids`` the hub holds as settlements of ``desk`` (a desk asks after finding the hub
        restored from an older backup, and uploads the others again)."""
        found: list[str] = []
        with self.db.read() as tx:
            for chunk in _chunks(sorted(set(ids))):
                marks, params = tx.in_list(chunk)
                found += [r[0] for r in tx.all(f"SELECT id FROM hub_settlements WHERE desk_uuid = ? AND id IN {marks}",
                                               (desk.desk_uuid, *params))]
        return sorted(found)

    def settlement_ids(self) -> set[str]:
        with self.db.read() as tx:
            return {r[0] for r in tx.all("SELECT id FROM hub_settlements")}


class _Batch:
    """One upload, inside its transaction: decide each settlement's fate, count the new ones."""

    def __init__(self, tx: Tx, caps: Caps, desk: HubDesk, parsed: list[tuple[int, Incoming]], members: dict,
                 now: dt.datetime, outcomes: list[Outcome | None],
                 resettled: dict[str, Resettled | str] | None = None):
        self.tx, self.caps, self.desk, self.parsed, self.members = tx, caps, desk, parsed, members
        self.now, self.outcomes, self.resettled = now.isoformat(), outcomes, resettled or {}
        self.taken = ""  # why this desk may not settle as the counter it claims (another desk has it)

    def _reject(self, index: int, incoming: Incoming, reason: str) -> None:
        self.outcomes[index] = Outcome(incoming.id, REJECTED, reason)

    def _lookup(self, sql: str, ids: list[str], *extra) -> list[tuple]:
        rows = []
        for chunk in _chunks(sorted(set(ids))):
            marks, params = self.tx.in_list(chunk)
            rows += self.tx.all(sql.format(marks=marks), (*extra, *params))
        return rows

    def run(self) -> list[Overrun]:
        pinned = self._pin()
        fresh = self._sort_out(pinned)
        if not fresh:
            return []
        self.tx.many(
            "INSERT INTO hub_settlements (id, desk_uuid, receipt_no, kind, reverses, member_id, year, day, policy_version,"
            " total_fen, pool_pay_fen, account_pay_fen, cash_pay_fen, deductible_delta_fen, pool_delta_fen,"
            " account_holder, account_delta_fen, digest, body, received_at, institution_code, same_day_delta_fen)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(s.id, s.desk_uuid, s.receipt_no, s.kind, s.reverses, s.member_id, s.year, s.day, s.policy_version,
              s.total_fen, s.pool_pay_fen, s.account_pay_fen, s.cash_pay_fen, s.deductible_delta_fen, s.pool_delta_fen,
              s.account_holder, s.account_delta_fen, s.digest, s.body, self.now, s.institution_code,
              s.same_day_delta_fen) for s in sorted(fresh, key=lambda s: s.id)])
        record_units(self.tx, fresh, self.now,  # traceability codes: a box unit sold twice is recorded
                     lambda n: HubStore._take_seqs(self.tx, n))
        # The changed rows are stamped by the upserts that move them (no second pass over them).
        changed = len({(s.member_id, s.year) for s in fresh}) + len({s.account_holder for s in fresh if s.account_holder})
        first = HubStore._take_seqs(self.tx, changed)
        usage_keys, overruns = self._count_usage(fresh, first)
        _, account_overruns = self._count_accounts(fresh, first + len(usage_keys))
        overruns += account_overruns
        moves = hub_benefits.moves_of(self.tx, fresh, self.resettled)
        overruns += hub_benefits.count(self.tx, self.caps, fresh, moves, self.resettled,
                                       lambda n: HubStore._take_seqs(self.tx, n), self.now)
        add_report_rows(self.tx, fresh)  # after usage, accounts and benefits: one lock order for all
        if overruns:
            self._record(overruns, fresh, HubStore._take_seqs(self.tx, len(overruns)))
        return overruns

    def _pin(self) -> tuple[str, str] | None:
        """The institution and counter number this desk settles as: fixed by its first upload, so a
        desk cannot later send receipts in another counter's name."""
        if self.desk.institution_code is not None:
            return self.desk.institution_code, self.desk.desk_number
        if not self.parsed:
            return None
        _, first = self.parsed[0]
        holder = self.tx.one("SELECT desk_uuid, name FROM hub_desks WHERE institution_code = ? AND desk_number = ?"
                             " AND active = 1 AND desk_uuid <> ?",
                             (first.institution_code, first.desk_number, self.desk.desk_uuid))
        if holder is not None:  # two desks may not settle as one counter (revoke the old one to replace it)
            self.taken = (f"institution {first.institution_code} desk {first.desk_number}: desk {holder[0]}"
                          f" ({holder[1]}) settles as that counter already; give this desk its own number")
            return None
        self.tx.run("UPDATE hub_desks SET institution_code = ?, desk_number = ? WHERE desk_uuid = ?"
                    " AND institution_code IS NULL", (first.institution_code, first.desk_number, self.desk.desk_uuid))
        row = self.tx.one("SELECT institution_code, desk_number FROM hub_desks WHERE desk_uuid = ?",
                          (self.desk.desk_uuid,))
        return (row[0], row[1]) if row else None

    def _sort_out(self, pinned: tuple[str, str] | None) -> list[Incoming]:
        """Mark duplicates and refusals; return the settlements to count, in the batch's order."""
        ids = [s.id for _, s in self.parsed]
        known = {sid: digest for sid, digest in self._lookup("SELECT id, digest FROM hub_settlements WHERE id IN {marks}",
                                                             ids)}
        receipts = {r: sid for r, sid in self._lookup(
            "SELECT receipt_no, id FROM hub_settlements WHERE desk_uuid = ? AND receipt_no IN {marks}",
            [s.receipt_no for _, s in self.parsed], self.desk.desk_uuid)}
        reversed_ids = [s.reverses for _, s in self.parsed if s.reverses]
        originals = {r[0]: r for r in self._lookup(
            "SELECT id, desk_uuid, kind, member_id, year, total_fen, pool_pay_fen, account_pay_fen, cash_pay_fen,"
            " deductible_delta_fen, pool_delta_fen, same_day_delta_fen, account_delta_fen, account_holder,"
            " policy_version FROM hub_settlements WHERE id IN {marks}", reversed_ids)}
        counted = _Counting(self.tx, [s for _, s in self.parsed], self.resettled)
        reversed_by = dict(self._lookup("SELECT reverses, id FROM hub_settlements WHERE reverses IN {marks}",
                                        reversed_ids))
        fresh: list[Incoming] = []
        for index, s in self.parsed:
            if s.id in known:
                if known[s.id] == s.digest:
                    self.outcomes[index] = Outcome(s.id, DUPLICATE)
                else:
                    self._reject(index, s, f"settlement {s.id} was uploaded before with other content")
                continue
            again = self.resettled.get(s.id)
            reason = self.taken or (again if isinstance(again, str) else "") or self._refusal(
                s, pinned, receipts, originals, reversed_by) or counted.refusal(s, again)
            if reason:
                self._reject(index, s, reason)
                continue
            known[s.id] = s.digest
            receipts[s.receipt_no] = s.id
            counted.count(s)
            if s.kind == "settlement":
                originals[s.id] = (s.id, s.desk_uuid, s.kind, s.member_id, s.year, s.total_fen, s.pool_pay_fen,
                                   s.account_pay_fen, s.cash_pay_fen, s.deductible_delta_fen, s.pool_delta_fen,
                                   s.same_day_delta_fen, s.account_delta_fen, s.account_holder, s.policy_version)
            else:
                reversed_by[s.reverses] = s.id
            self.outcomes[index] = Outcome(s.id, ACCEPTED)
            fresh.append(s)
        return fresh

    @staticmethod
    def _refusal(s: Incoming, pinned, receipts: dict, originals: dict, reversed_by: dict) -> str:
        if pinned and (s.institution_code, s.desk_number) != pinned:
            return (f"institution {s.institution_code} desk {s.desk_number}: this desk uploads as institution"
                    f" {pinned[0]} desk {pinned[1]}")
        if receipts.get(s.receipt_no, s.id) != s.id:
            return f"receipt {s.receipt_no} of this desk is settlement {receipts[s.receipt_no]} already"
        if s.kind == "reversal":
            original = originals.get(s.reverses)
            if original is None:
                return f"reverses {s.reverses}: the hub has no such settlement (upload it first)"
            if original[2] != "settlement" or original[1] != s.desk_uuid:
                return f"reverses {s.reverses}: only the desk that made a settlement may reverse it"
            if reversed_by.get(s.reverses, s.id) != s.id:
                return f"reverses {s.reverses}: already reversed by {reversed_by[s.reverses]}"
            if (original[3], original[4], original[13], original[14]) != (
                    s.member_id, s.year, s.account_holder, s.policy_version) or any(
                    a + b for a, b in zip(original[5:13], (s.total_fen, s.pool_pay_fen, s.account_pay_fen,
                                                           s.cash_pay_fen, s.deductible_delta_fen, s.pool_delta_fen,
                                                           s.same_day_delta_fen, s.account_delta_fen))):
                return (f"reverses {s.reverses}: a reversal must mirror the settlement it reverses (every amount,"
                        " usage and account movement negated, the same member, account and policy)")
        return ""

    def _count_usage(self, fresh: list[Incoming], first: int) -> tuple[list[tuple[str, int]], list[Overrun]]:
        by_key: dict[tuple[str, int], list[Incoming]] = defaultdict(list)
        for s in fresh:
            by_key[(s.member_id, s.year)].append(s)
        keys = sorted(by_key)
        source, params = self.tx.rows(USAGE_COLUMNS, [
            (m, y, sum(s.deductible_delta_fen for s in by_key[(m, y)]), sum(s.pool_delta_fen for s in by_key[(m, y)]),
             self.now, first + i, sum(s.deductible_delta_fen for s in by_key[(m, y)] if s.kind == "settlement"),
             sum(s.pool_delta_fen for s in by_key[(m, y)] if s.kind == "settlement"))
            for i, (m, y) in enumerate(keys)])
        returned = {(m, y): total for m, y, total in self.tx.all(  # one statement, rows locked in key order
            f"INSERT INTO hub_usage ({', '.join(n for n, _ in USAGE_COLUMNS)}) SELECT * FROM ({source}) v WHERE true"
            " ON CONFLICT (member_id, year) DO UPDATE SET"
            " deductible_met_fen = hub_usage.deductible_met_fen + excluded.deductible_met_fen,"
            " ordinary_pool_paid_fen = hub_usage.ordinary_pool_paid_fen + excluded.ordinary_pool_paid_fen,"
            " deductible_gross_fen = hub_usage.deductible_gross_fen + excluded.deductible_gross_fen,"
            " pool_gross_fen = hub_usage.pool_gross_fen + excluded.pool_gross_fen,"
            " updated_at = excluded.updated_at, change_seq = excluded.change_seq"
            " RETURNING member_id, year, ordinary_pool_paid_fen", params)}
        totals = [(returned[key],) for key in keys]
        overruns = []
        crossing = [(key, total[0]) for key, total in zip(keys, totals)
                    if any(s.pool_delta_fen > 0 for s in by_key[key])]
        roster = self._categories([m for (m, _), _ in crossing])
        for (member_id, year), total in crossing:
            running = total - sum(s.pool_delta_fen for s in by_key[(member_id, year)])
            for s in by_key[(member_id, year)]:
                running += s.pool_delta_fen
                if s.pool_delta_fen <= 0:
                    continue
                category, scheme = roster.get(member_id) or self._context(member_id)
                cap = self.caps.annual_cap_fen(s.policy_version, s.day, category, scheme) if category else None
                if cap is not None and running > cap:
                    overruns.append(Overrun("annual_cap", member_id, year, s.day, s.id, cap, running,
                                            min(s.pool_delta_fen, running - cap)))
        return keys, overruns

    def _categories(self, member_ids: list[str]) -> dict[str, tuple[str, str]]:
        return {m: (c, s) for m, c, s in self._lookup(
            "SELECT member_id, category, scheme FROM hub_members WHERE on_roster = 1 AND member_id IN {marks}",
            member_ids)}

    def _context(self, member_id: str) -> tuple[str | None, str | None]:
        """The member's category and scheme as the uploading desk knows them (members off the hub's roster)."""
        given = self.members.get(member_id) or {}
        return given.get("category"), given.get("scheme") or "employer"

    def _count_accounts(self, fresh: list[Incoming], first: int) -> tuple[list[str], list[Overrun]]:
        by_holder: dict[str, list[Incoming]] = defaultdict(list)
        for s in fresh:
            if s.account_holder:
                by_holder[s.account_holder].append(s)
        holders = sorted(by_holder)
        if not holders:
            return [], []
        # A new holder's opening is the balance the desk saw; a known one's moves by opening - balance given.
        source, params = self.tx.rows(ACCOUNT_COLUMNS, [
            (h, by_holder[h][0].balance_before_fen,
             by_holder[h][0].balance_before_fen + sum(s.account_delta_fen for s in by_holder[h]), self.now, first + i)
            for i, h in enumerate(holders)])
        returned = dict(self.tx.all(  # one statement, rows locked in key order
            "INSERT INTO hub_members (member_id, on_roster, account_opening_fen, account_balance_fen, updated_at,"
            f" change_seq) SELECT member_id, 0, opening, balance, updated_at, change_seq FROM ({source}) v WHERE true"
            " ON CONFLICT (member_id) DO UPDATE SET account_balance_fen = hub_members.account_balance_fen"
            " + excluded.account_balance_fen - excluded.account_opening_fen, updated_at = excluded.updated_at,"
            " change_seq = excluded.change_seq RETURNING member_id, account_balance_fen", params))
        balances = [(returned[h],) for h in holders]
        overruns = []
        for holder, (balance,) in zip(holders, balances):
            running = balance - sum(s.account_delta_fen for s in by_holder[holder])
            for s in by_holder[holder]:
                running += s.account_delta_fen
                if s.account_delta_fen < 0 and running < 0:
                    overruns.append(Overrun("account", holder, int(s.day[:4]), s.day, s.id, 0, running,
                                            min(-s.account_delta_fen, -running)))
        return holders, overruns

    def _record(self, overruns: list[Overrun], fresh: list[Incoming], first: int) -> None:
        """Store the overruns with the settlements behind each figure and the desks that made them."""
        order = {s.id: i for i, s in enumerate(fresh)}
        for offset, o in enumerate(overruns):
            if o.kind == "annual_cap":
                rows = self.tx.all("SELECT id, desk_uuid FROM hub_settlements WHERE member_id = ? AND year = ?"
                                   " AND pool_delta_fen <> 0 ORDER BY day, id", (o.member_id, o.year))
            elif o.figure:
                rows = hub_benefits.settlements_behind(self.tx, o.member_id, o.year, o.figure)
            else:
                rows = self.tx.all("SELECT id, desk_uuid FROM hub_settlements WHERE account_holder = ?"
                                   " ORDER BY day, id", (o.member_id,))
            later = order[o.settlement_id]
            rows = [(sid, d) for sid, d in rows if order.get(sid, -1) <= later]
            seq = first + offset
            overrun_id = self.tx.one(
                "INSERT INTO hub_overruns (kind, member_id, year, day, settlement_id, limit_fen, total_after_fen,"
                " amount_fen, settlements, detected_at, change_seq, key, key_name) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                " RETURNING id",
                (o.kind, o.member_id, o.year, o.day, o.settlement_id, o.limit_fen, o.total_after_fen, o.amount_fen,
                 json.dumps([sid for sid, _ in rows]), self.now, seq, o.key, o.name))[0]
            self.tx.many("INSERT INTO hub_overrun_desks (desk_uuid, overrun_id, change_seq) VALUES (?,?,?)",
                         [(d, overrun_id, seq) for d in sorted({d for _, d in rows})])


class _Counting:
    """What the hub counts for the members of one batch, as it goes through the batch in order:
    the usage an honest desk could have seen (gross of reversals), the same-day deductible per
    institution, and the hub's roster and catalog, against which each re-settled upload is held."""

    def __init__(self, tx: Tx, batch: list[Incoming], resettled: dict[str, Resettled | str]):
        self.usage: dict[tuple[str, int], list[int]] = {}
        self.same_day: dict[tuple[str, str, str], int] = defaultdict(int)
        self.roster: dict[str, dict] = {}
        self.catalog: dict[str, tuple[str, str, str | None, bool]] = {}
        self.resettled = resettled
        members = sorted({s.member_id for s in batch})
        self.benefits, self.inpatient_known = hub_benefits.counted_before(tx, members)
        days = {(s.member_id, s.day) for s in batch}
        items = sorted({i.code for r in resettled.values() if not isinstance(r, str) for i in r.bill.items})
        for chunk in _chunks(members):
            marks, params = tx.in_list(chunk)
            for m, y, ded, pool in tx.all("SELECT member_id, year, deductible_gross_fen, pool_gross_fen FROM hub_usage"
                                          f" WHERE member_id IN {marks}", params):
                self.usage[(m, y)] = [ded, pool]
            in_chunk = set(chunk)
            chunk_days = sorted({d for m, d in days if m in in_chunk})
            day_marks, day_params = tx.in_list(chunk_days)
            for m, day, inst, total in tx.all(  # the batch's days only (index on member_id, day)
                    "SELECT member_id, day, institution_code, SUM(same_day_delta_fen) FROM hub_settlements"
                    f" WHERE kind = 'settlement' AND member_id IN {marks} AND day IN {day_marks}"
                    " GROUP BY member_id, day, institution_code", (*params, *day_params)):
                if (m, day) in days:
                    self.same_day[(m, day, inst)] = total
            for row in tx.all("SELECT member_id, category, birth_date, scheme, family_doctor_institution, eligible,"
                              f" family FROM hub_members WHERE on_roster = 1 AND member_id IN {marks}", params):
                self.roster[row[0]] = {"category": row[1], "birth_date": row[2], "scheme": row[3],
                                       "family_doctor_institution": row[4] or None,
                                       "eligible": None if row[5] is None else bool(row[5]),
                                       "family": {link.partition(":")[0] for link in (row[6] or "").split(";") if link}}
        for chunk in _chunks(items):
            marks, params = tx.in_list(chunk)
            for code, cls, ratio, scheme, excluded in tx.all(
                    f"SELECT code, class, selfpay_ratio, scheme, account_excluded FROM hub_catalog WHERE code IN {marks}",
                    params):
                self.catalog[code] = (cls, ratio, scheme or None, bool(excluded))

    def refusal(self, s: Incoming, resettled: Resettled | str | None) -> str:
        """Why the hub will not count this re-settled settlement at this point of the batch, or ""."""
        if s.kind != "settlement" or not isinstance(resettled, Resettled):
            return ""
        ded, pool = self.usage.get((s.member_id, s.year), (0, 0))
        seen = resettled.usage
        reason = seen_refusal(seen, Counted(ded, pool, self.same_day[(s.member_id, s.day, s.institution_code)]))
        if reason:
            return reason
        reason = hub_benefits.seen_refusal(s, seen, self.benefits, self.inpatient_known)
        if reason:
            return reason
        roster = self.roster.get(s.member_id)
        reason = member_refusal(resettled.member, roster)
        if reason:
            return reason
        if s.account_holder and s.account_holder != s.member_id and roster is not None \
                and s.account_holder not in roster["family"]:
            return f"payer_id: {s.account_holder} is not linked to {s.member_id} for family use on the hub's roster"
        for number, item in enumerate(resettled.bill.items):
            known = self.catalog.get(item.code)
            if known is not None and (known[0] != item.cls or _ratio(known[1]) != item.selfpay_ratio):
                return (f"items[{number}]: {item.code} is class {item.cls} with self-pay ratio {item.selfpay_ratio}"
                        f" at the desk, class {known[0]} with {known[1]} in the hub's catalog")
            if known is not None and ((item.scheme or None) != known[2] or bool(item.account_excluded) != known[3]):
                # an own scheme (重庆 第六条) moves a line out of the ordinary figures; an excluded item may not
                # be paid from an account (濮阳 第七条): neither is the desk's to decide
                return (f"items[{number}]: {item.code} has scheme {item.scheme or 'none'}, account_excluded"
                        f" {'true' if item.account_excluded else 'false'} at the desk; the hub's catalog has"
                        f" {known[2] or 'none'}, {'true' if known[3] else 'false'}")
        return ""

    def count(self, s: Incoming) -> None:
        """Add an accepted settlement to the running figures (a reversal leaves the gross ones)."""
        if s.kind != "settlement":
            return
        figures = self.usage.setdefault((s.member_id, s.year), [0, 0])
        figures[0] += s.deductible_delta_fen
        figures[1] += s.pool_delta_fen
        self.same_day[(s.member_id, s.day, s.institution_code)] += s.same_day_delta_fen
        again = self.resettled.get(s.id)
        if isinstance(again, Resettled):
            hub_benefits.add_gross(self.benefits, s, benefit_moves(again.usage, again.result.usage_after))


def _ratio(text: str):
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(text or "0")
    except InvalidOperation:
        return None
