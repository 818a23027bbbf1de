"""The hub's figures for the benefits beside 普通门诊 (issue 11): pool pay by disease and by own scheme,
inpatient-cap pay and the 门诊特殊疾病 deductible met, per member and year.

They are counted from the hub's own re-settlement of each upload (the engine's usage after minus the
usage before, as the desk's benefit ledger counts them: ``desk.store.usage.benefit_moves``), never
from figures a desk claims, and a reversal takes back exactly what its original moved. They travel to
the desks in the change feed beside the ordinary usage, and the desk merges them as it merges that.

Inpatient-cap usage is known to the hub only where its administrator loaded the member's inpatient
pool pay of hospital stays (``hub_inpatient_paid``, no desk settles those): then the figure a desk gets
is that plus what the outpatient benefits sharing the cap paid. Without it the feed says "unknown"
and a desk keeps refusing bills that share the inpatient cap.

Two desks that each kept within a disease's cap (or the shared inpatient cap, or an own scheme's annual
cap: 重庆 第六条) as far as they knew may together go beyond it: the hub sees the sum and records the
overrun like an annual-cap one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from desk.domain import OWN_SCHEME_LABELS
from desk.money import to_fen
from desk.store.usage import benefit_moves
from desk.sync.hub_db import Tx
from desk.sync.limits import Caps
from desk.sync.protocol import Incoming, money

CHUNK = 900
MEMBER_LOCKS = 744_621  # PostgreSQL: the first key of the advisory locks on members' benefit figures (beside hub_trace's)
Key = tuple[str, int, str, str]  # member, year, kind, key


@dataclass(frozen=True)
class Overrun:
    """A settlement that took a figure beyond its limit at the hub (every kind: annual_cap, account here in
    hub_store; disease_cap, inpatient_cap, scheme_cap here), as hub_overruns records it."""

    kind: str
    member_id: str
    year: int
    day: str
    settlement_id: str
    limit_fen: int
    total_after_fen: int
    amount_fen: int
    key: str = ""  # disease_cap, inpatient_cap: the disease (or benefit) of the settlement that went beyond;
    name: str = ""  # that disease's name in the pack (scheme_cap: the own scheme and its label)
    figure: tuple = ()  # the usage the cap holds: (kind, keys summed)


def _member_key(member_id: str) -> int:
    """A member's advisory-lock key: a signed 32-bit number, the same in every hub process."""
    return int.from_bytes(hashlib.sha256(member_id.encode("utf-8")).digest()[:4], "big", signed=True)


def _lookup(tx: Tx, sql: str, ids: list[str]) -> list[tuple]:
    rows: list[tuple] = []
    ids = sorted(set(ids))
    for start in range(0, len(ids), CHUNK):
        marks, params = tx.in_list(ids[start:start + CHUNK])
        rows += tx.all(sql.format(marks=marks), params)
    return rows


def moves_of(tx: Tx, fresh: list[Incoming], resettled: dict) -> dict[str, list[tuple[str, str, int]]]:
    """What each new settlement moves beside the ordinary figures: a settlement's from its re-settlement,
    a reversal's its original's negated (the original is at the hub already or earlier in the batch)."""
    moves: dict[str, list[tuple[str, str, int]]] = {}
    for s in fresh:
        again = resettled.get(s.id)
        if s.kind == "settlement" and again is not None and not isinstance(again, str):
            moves[s.id] = benefit_moves(again.usage, again.result.usage_after)
    stored: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for sid, kind, key, amount in _lookup(tx, "SELECT settlement_id, kind, key, amount_fen FROM hub_settlement_benefits"
                                              " WHERE settlement_id IN {marks}",
                                          [s.reverses for s in fresh if s.reverses]):
        stored[sid].append((kind, key, amount))
    for s in fresh:
        if s.kind == "reversal":
            original = moves.get(s.reverses) if s.reverses in moves else stored.get(s.reverses, [])
            moves[s.id] = [(kind, key, -amount) for kind, key, amount in original]
    return moves


def counted_before(tx: Tx, member_ids: list[str]) -> tuple[dict[Key, int], set[tuple[str, int]]]:
    """The hub's figures gross of reversals for these members (what an honest desk may have seen at
    most), inpatient ones with the loaded hospital pay added, and which (member, year) have it loaded."""
    gross = {(m, y, k, key): g for m, y, k, key, g in _lookup(
        tx, "SELECT member_id, year, kind, key, gross_fen FROM hub_benefit_usage WHERE member_id IN {marks}", member_ids)}
    known: set[tuple[str, int]] = set()
    for m, y, amount in _lookup(tx, "SELECT member_id, year, amount_fen FROM hub_inpatient_paid"
                                    " WHERE member_id IN {marks}", member_ids):
        known.add((m, y))
        gross[(m, y, "inpatient", "")] = gross.get((m, y, "inpatient", ""), 0) + amount
    return gross, known


def seen_refusal(s: Incoming, seen, gross: dict[Key, int], known: set[tuple[str, int]]) -> str:
    """Why the benefit usage the desk says it saw cannot be true, or "": above what the hub counts (an
    honest desk knows the hub's figure plus its own settlements counted before), or an inpatient figure
    the hub itself does not know (no desk can have it)."""
    claims = [("disease_pool_paid", ("disease", code), v) for code, v in seen.disease_pool_paid.items()]
    claims += [("scheme_pool_paid", ("scheme", name), v) for name, v in seen.scheme_pool_paid.items()]
    claims.append(("special_deductible_met", ("special_deductible", ""), seen.special_deductible_met))
    if seen.inpatient_pool_paid is not None:
        if (s.member_id, s.year) not in known:
            return ("inputs.request.usage.inpatient_pool_paid: the hub does not know this member's inpatient pool pay"
                    f" in {s.year} (its administrator has loaded none), so no desk can")
        claims.append(("inpatient_pool_paid", ("inpatient", ""), seen.inpatient_pool_paid))
    for name, (kind, key), claimed in claims:
        counted = gross.get((s.member_id, s.year, kind, key), 0)
        if to_fen(claimed) > counted:
            where = f"{name}.{key}" if key else name
            return (f"inputs.request.usage.{where}: the desk says it saw {money(to_fen(claimed))}, the hub counts"
                    f" {money(counted)} for this member at this point")
    return ""


def add_gross(gross: dict[Key, int], s: Incoming, moves: list[tuple[str, str, int]]) -> None:
    """Count an accepted settlement's moves in the running gross figures of a batch."""
    for kind, key, amount in moves:
        gross[(s.member_id, s.year, kind, key)] = gross.get((s.member_id, s.year, kind, key), 0) + amount


def count(tx: Tx, caps: Caps, fresh: list[Incoming], moves: dict[str, list[tuple[str, str, int]]], resettled: dict,
          take_seqs, now: str) -> list[Overrun]:
    """Record the batch's moves, move the members' figures (each a change desks download) and return
    the disease-cap and inpatient-cap overruns the batch caused, in the batch's order."""
    rows = [(s.id, s.member_id, s.year, kind, key, amount) for s in fresh for kind, key, amount in moves.get(s.id, [])]
    if not rows:
        return []
    if tx.dialect == "postgresql":
        # Two hub processes may ingest at once. A member's figures are locked (sorted: no deadlock) before
        # they are moved and read, so a cap over several diseases, or the inpatient cap with its loaded
        # figure, is summed over rows no other batch is changing; the second batch sees the first's.
        keys = sorted({_member_key(m) for _, m, *_ in rows})
        tx.run(f"SELECT pg_advisory_xact_lock({MEMBER_LOCKS}::integer, k) FROM unnest(?::integer[]) WITH ORDINALITY"
               " AS t(k, n) ORDER BY n", (keys,))
    tx.many("INSERT INTO hub_settlement_benefits (settlement_id, member_id, year, kind, key, amount_fen)"
            " VALUES (?,?,?,?,?,?)", rows)
    delta: dict[Key, list[int]] = defaultdict(lambda: [0, 0])
    for s in fresh:
        for kind, key, amount in moves.get(s.id, []):
            figures = delta[(s.member_id, s.year, kind, key)]
            figures[0] += amount
            figures[1] += amount if s.kind == "settlement" else 0
    keys = sorted(delta)
    first = take_seqs(len(keys))
    tx.many("INSERT INTO hub_benefit_usage (member_id, year, kind, key, amount_fen, gross_fen, updated_at, change_seq)"
            " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (member_id, year, kind, key) DO UPDATE SET"
            " amount_fen = hub_benefit_usage.amount_fen + excluded.amount_fen,"
            " gross_fen = hub_benefit_usage.gross_fen + excluded.gross_fen,"
            " updated_at = excluded.updated_at, change_seq = excluded.change_seq",
            [(*k, delta[k][0], delta[k][1], now, first + i) for i, k in enumerate(keys)])
    return _overruns(tx, caps, fresh, moves, resettled, delta)


def _overruns(tx: Tx, caps: Caps, fresh: list[Incoming], moves: dict, resettled: dict,
              delta: dict[Key, list[int]]) -> list[Overrun]:
    capped = []  # (settlement, the figure its cap holds, the cap in fen, overrun kind, key, name)
    for s in fresh:
        again = resettled.get(s.id)
        if s.kind != "settlement" or isinstance(again, str) or again is None \
                or not any(a > 0 for _, _, a in moves.get(s.id, [])):
            continue
        result = again.result
        if result.cap is not None and result.benefit != "ordinary":
            figure = caps.benefit_figure(s.policy_version, s.day, result.benefit, result.disease)
            if figure is not None:
                capped.append((s, figure, to_fen(result.cap), "inpatient_cap" if figure[0] == "inpatient"
                               else "disease_cap", result.disease or result.benefit, result.disease_name))
        for kind, key, amount in moves[s.id]:  # 重庆 第六条: an own scheme with an annual cap of its own
            if kind == "scheme" and amount > 0:
                cap = caps.scheme_cap_fen(s.policy_version, s.day, key, again.member.category, again.member.scheme)
                if cap is not None:
                    capped.append((s, ("scheme", (key,)), cap, "scheme_cap", key, OWN_SCHEME_LABELS.get(key, key)))
    if not capped:
        return []
    members = sorted({c[0].member_id for c in capped})
    # the figures before the batch: the totals now, less what the batch moved
    running: dict[Key, int] = {(m, y, k, key): a for m, y, k, key, a in _lookup(
        tx, "SELECT member_id, year, kind, key, amount_fen FROM hub_benefit_usage WHERE member_id IN {marks}", members)}
    for k, (net, _) in delta.items():
        if k[0] in members:
            running[k] = running.get(k, 0) - net
    loaded = {(m, y): a for m, y, a in _lookup(
        tx, "SELECT member_id, year, amount_fen FROM hub_inpatient_paid WHERE member_id IN {marks}", members)}
    checks: dict[str, list[tuple]] = defaultdict(list)
    for s, *check in capped:
        checks[s.id].append(check)
    found = []
    for s in fresh:
        if s.member_id not in members:
            continue
        for kind, key, amount in moves.get(s.id, []):
            running[(s.member_id, s.year, kind, key)] = running.get((s.member_id, s.year, kind, key), 0) + amount
        for (kind, keys), cap, overrun, key, name in checks.get(s.id, ()):
            moved = sum(a for k, k2, a in moves[s.id] if k == kind and k2 in keys)
            total = sum(running.get((s.member_id, s.year, kind, k2), 0) for k2 in keys)
            if kind == "inpatient":
                total += loaded.get((s.member_id, s.year), 0)
            if moved > 0 and total > cap:
                found.append(Overrun(overrun, s.member_id, s.year, s.day, s.id, cap, total, min(moved, total - cap),
                                     key, name, (kind, keys)))
    return found


def settlements_behind(tx: Tx, member_id: str, year: int, figure: tuple[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """Every settlement (id, desk) that moved the figure an overrun is of, oldest first."""
    kind, keys = figure
    marks, params = tx.in_list(list(keys))
    return tx.all("SELECT s.id, s.desk_uuid FROM hub_settlements s WHERE s.id IN (SELECT settlement_id FROM"
                  f" hub_settlement_benefits WHERE member_id = ? AND year = ? AND kind = ? AND key IN {marks})"
                  " ORDER BY s.day, s.id", (member_id, year, kind, *params))


def changes(tx: Tx, after: int, head: int, limit: int) -> list[tuple]:
    """Benefit figures changed after ``after``: (seq, member, year, kind, key, fen or None when unknown, as of)."""
    rows = tx.all("SELECT u.change_seq, u.member_id, u.year, u.kind, u.key, u.amount_fen, u.updated_at, p.amount_fen"
                  " FROM hub_benefit_usage u LEFT JOIN hub_inpatient_paid p ON u.kind = 'inpatient'"
                  " AND p.member_id = u.member_id AND p.year = u.year"
                  " WHERE u.change_seq > ? AND u.change_seq <= ? ORDER BY u.change_seq LIMIT ?", (after, head, limit + 1))
    return [(seq, m, y, kind, key, None if kind == "inpatient" and loaded is None else amount + (loaded or 0), as_of)
            for seq, m, y, kind, key, amount, as_of, loaded in rows]


def counted(tx: Tx, desk_uuid: str, member_ids: list[str]) -> dict[Key, list[str]]:
    """This desk's settlements each figure of these members counts, per (member, year, kind, key): those
    whose moves the hub recorded. The desk marks exactly their ledger rows of that figure as part of the
    hub's; a settlement the hub counted before it kept these figures (hub migration 008) stays the desk's
    own on top of them, not lost."""
    out: dict[Key, list[str]] = defaultdict(list)
    ids = sorted(set(member_ids))
    for start in range(0, len(ids), CHUNK):
        marks, params = tx.in_list(ids[start:start + CHUNK])
        for m, y, kind, key, sid in tx.all(
                "SELECT b.member_id, b.year, b.kind, b.key, b.settlement_id FROM hub_settlement_benefits b"
                f" JOIN hub_settlements s ON s.id = b.settlement_id WHERE b.member_id IN {marks} AND s.desk_uuid = ?"
                " ORDER BY b.settlement_id", (*params, desk_uuid)):
            out[(m, y, kind, key)].append(sid)
    return out


def load_inpatient(tx: Tx, rows: list[tuple[str, int, int]], take_seqs, now: dt.datetime) -> int:
    """Set members' inpatient pool pay of hospital stays in a year (the administrator's figures, replacing
    earlier ones); each member's inpatient-cap usage becomes a change desks download."""
    stamp = now.isoformat()
    rows = sorted({(m, y): (m, y, a) for m, y, a in rows}.values())
    tx.many("INSERT INTO hub_inpatient_paid (member_id, year, amount_fen, loaded_at) VALUES (?,?,?,?)"
            " ON CONFLICT (member_id, year) DO UPDATE SET amount_fen = excluded.amount_fen, loaded_at = excluded.loaded_at",
            [(m, y, a, stamp) for m, y, a in rows])
    first = take_seqs(len(rows))
    tx.many("INSERT INTO hub_benefit_usage (member_id, year, kind, key, amount_fen, gross_fen, updated_at, change_seq)"
            " VALUES (?, ?, 'inpatient', '', 0, 0, ?, ?) ON CONFLICT (member_id, year, kind, key) DO UPDATE SET"
            " updated_at = excluded.updated_at, change_seq = excluded.change_seq",
            [(m, y, stamp, first + i) for i, (m, y, _) in enumerate(rows)])
    return len(rows)


def backfill(tx: Tx, take_seqs) -> None:
    """Hub migration 008: count the figures of the settlements the hub took before it kept them, by
    settling each stored upload again (its body keeps the request its engine was given) under the packs
    the hub has, in the migrating transaction; so desks' figures and the hub's agree from the start. An
    upload the hub can no longer re-settle (its pack gone) moves nothing here."""
    import json

    from desk.policy.loader import Library
    from desk.sync.protocol import ProtocolError
    from desk.sync.resettle import Refused, resettle

    library = Library(None, [(bytes(content), f"installed/{pack_id}.toml") for content, pack_id in tx.all(
        "SELECT content, pack_id FROM hub_packs ORDER BY installed_at, digest")])
    moves: dict[str, list[tuple[str, str, int]]] = {}
    rows = tx.all("SELECT id, kind, reverses, member_id, year, body FROM hub_settlements ORDER BY id")
    for sid, kind, _, _, _, body in rows:
        raw = json.loads(body) if kind == "settlement" else {}
        answer = raw.get("answer") if isinstance(raw.get("answer"), dict) else {}
        if kind != "settlement" or (answer.get("benefit", "ordinary") == "ordinary" and not answer.get("schemes")):
            continue
        try:
            again = resettle(raw, library)
        except (Refused, ProtocolError, KeyError, TypeError, ValueError):
            continue
        moves[sid] = benefit_moves(again.usage, again.result.usage_after)
    for sid, kind, reverses, _, _, _ in rows:
        if kind == "reversal" and reverses in moves:
            moves[sid] = [(k, key, -amount) for k, key, amount in moves[reverses]]
    found = [(sid, m, y, kind) for sid, kind, _, m, y, _ in rows if moves.get(sid)]
    tx.many("INSERT INTO hub_settlement_benefits (settlement_id, member_id, year, kind, key, amount_fen)"
            " VALUES (?,?,?,?,?,?)", [(sid, m, y, k, key, a) for sid, m, y, _ in found for k, key, a in moves[sid]])
    totals: dict[Key, list[int]] = defaultdict(lambda: [0, 0])
    for sid, m, y, kind in found:
        for k, key, amount in moves[sid]:
            totals[(m, y, k, key)][0] += amount
            totals[(m, y, k, key)][1] += amount if kind == "settlement" else 0
    keys = sorted(totals)
    if keys:
        first = take_seqs(len(keys))
        tx.many("INSERT INTO hub_benefit_usage (member_id, year, kind, key, amount_fen, gross_fen, updated_at,"
                " change_seq) VALUES (?,?,?,?,?,?,?,?)",
                [(*k, totals[k][0], totals[k][1], dt.datetime.now(dt.timezone.utc).isoformat(), first + i)
                 for i, k in enumerate(keys)])


def check(tx: Tx) -> list[str]:
    """Every member's benefit figures recomputed from what the settlements moved; each difference is a problem."""
    return [f"{kind} usage{' ' + key if key else ''} of {m} in {y}: the hub has {have} fen, its settlements give {want}"
            for m, y, kind, key, have, want in tx.all(
                "SELECT u.member_id, u.year, u.kind, u.key, u.amount_fen, COALESCE(s.total, 0) FROM hub_benefit_usage u"
                " LEFT JOIN (SELECT member_id, year, kind, key, SUM(amount_fen) AS total FROM hub_settlement_benefits"
                "   GROUP BY member_id, year, kind, key) s ON s.member_id = u.member_id AND s.year = u.year"
                "   AND s.kind = u.kind AND s.key = u.key"
                " WHERE u.amount_fen <> COALESCE(s.total, 0)")]
