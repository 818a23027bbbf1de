"""The supervision indicators across a chain's or a city's desks, summed in SQL at the hub.

The hub copies each accepted settlement's figures and items into narrow report rows (hub migration
002, a trigger on insert), so a month of a city is a handful of GROUP BY queries written once for
SQLite and PostgreSQL (``?`` placeholders; the hub's Tx turns them into the driver's). Reversals
are netted on their own day exactly as at the desk, so an institution's figures here equal its own
desk's `desk report supervision` (the test adds them up), and institutions are ranked by 次均费用,
self-pay share and exam share (南昌（五）, 吉林 五).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from desk.analytics.articles import ARTICLES
import datetime as dt

from desk.analytics.indicators import DRUGS, EXAM, LAB, CapRow, ItemRow, growth, ratio, share
from desk.analytics.period import Period
from desk.analytics.thresholds import DEFAULTS, Thresholds
from desk.domain import CATEGORIES, SCHEMES
from desk.money import ZERO, fen, from_fen, to_fen
from desk.policy.loader import Library, PackError
from desk.policy.pack import PolicyError

SIGN = "CASE kind WHEN 'settlement' THEN 1 ELSE -1 END"
ACCOUNT_ONLY = "pool_pay_fen = 0 AND cash_pay_fen = 0 AND account_pay_fen > 0"
EXCLUDED_CASH = "full_self_pay_fen > 0 AND cash_pay_fen > 0"
KEYS = {"institution": "institution_code", "desk": "desk_uuid"}


@dataclass(frozen=True)
class Unit:
    """One institution (or desk) of the period, or the whole hub (key "*")."""

    key: str
    visits: int
    members: int
    total: Decimal
    full_self_pay: Decimal
    pool_pay: Decimal
    account_pay: Decimal
    cash_pay: Decimal
    fees: dict[str, Decimal]
    account_only: int
    excluded_cash: int
    off_hours: int
    previous_total: Decimal
    previous_visits: int
    member_days: int = 0
    member_months: int = 0
    near_cap: int | None = None  # members at or near their cap; None when the report was made without the packs

    @property
    def avg_cost(self) -> Decimal | None:
        return fen(self.total / self.visits) if self.visits > 0 else None

    @property
    def previous_avg_cost(self) -> Decimal | None:
        return fen(self.previous_total / self.previous_visits) if self.previous_visits > 0 else None

    def indicators(self) -> dict[str, Decimal | int | None]:
        drugs = sum((self.fees.get(c, ZERO) for c in DRUGS), ZERO)
        return {
            "visits": self.visits, "members": self.members, "total": self.total,
            "growth": growth(self.total, self.previous_total), "avg_cost": self.avg_cost,
            "avg_cost_growth": growth(self.avg_cost, self.previous_avg_cost),
            "self_pay_share": share(self.full_self_pay, self.total), "exam_share": share(self.fees.get(EXAM, ZERO), self.total),
            "lab_share": share(self.fees.get(LAB, ZERO), self.total), "drug_share": share(drugs, self.total),
            "pool_share": share(self.pool_pay, self.total),
            "pool_per_member": fen(self.pool_pay / self.members) if self.members > 0 else None,
            "visits_per_member_day": ratio(self.visits, self.member_days),
            "visits_per_member_month": ratio(self.visits, self.member_months),
            "near_cap": self.near_cap,
            "account_only": self.account_only, "excluded_cash": self.excluded_cash, "off_hours": self.off_hours,
        }


@dataclass(frozen=True)
class HubReport:
    period: Period
    by: str
    units: tuple[Unit, ...]
    total: Unit
    names: dict[str, str] = field(default_factory=dict)  # key → a name people know (a desk's registered name)
    top_items: dict[str, tuple[ItemRow, ...]] = field(default_factory=dict)  # per unit and "*", largest pool pay first
    near_cap: dict[str, tuple[CapRow, ...]] = field(default_factory=dict)  # per unit and "*", nearest first

    def ranked(self, indicator: str) -> list[tuple[str, Decimal]]:
        """Units by ``indicator``, highest first (those with no value for it left out)."""
        values = [(u.key, u.indicators()[indicator]) for u in self.units]
        return sorted(((k, v) for k, v in values if v is not None), key=lambda kv: (-kv[1], kv[0]))


RANKINGS = ("avg_cost", "self_pay_share", "exam_share")


def _sums(tx, key: str, period: Period, t: Thresholds) -> dict[str, tuple]:
    rows = tx.all(
        f"SELECT {key}, SUM({SIGN}), SUM(total_fen), SUM(full_self_pay_fen), SUM(pool_pay_fen), SUM(account_pay_fen),"
        f" SUM(cash_pay_fen), SUM(CASE WHEN hour < ? OR hour >= ? THEN {SIGN} ELSE 0 END),"
        f" SUM(CASE WHEN kind = 'settlement' AND {ACCOUNT_ONLY} THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN kind = 'settlement' AND {EXCLUDED_CASH} THEN 1 ELSE 0 END)"
        " FROM hub_report_settlements WHERE day >= ? AND day < ? GROUP BY " + key,
        (t.open_from, t.open_until, period.first.isoformat(), period.after.isoformat()))
    return {r[0]: tuple(int(v) for v in r[1:]) for r in rows}


def _people(tx, by: str, key: str, period: Period) -> dict[str, dict[str, int]]:
    """Members, member-days and member-months per unit and across the hub ("*"), net of reversals.

    A period of whole months reads the rows counted ahead per (unit, member, month) (hub migration 006),
    a few per member; any other period groups its report rows by (unit, member, day) here.
    """
    people: dict[str, dict[str, int]] = {"members": {}, "days": {}, "months": {}}
    if period.first.day == 1 and period.after.day == 1:
        months = (period.first.isoformat()[:7], period.after.isoformat()[:7])
        if period.is_month:  # one row per (unit, member): members and member-months are the same count
            counted = []
            for k, members, days in tx.all(
                    "SELECT unit_key, SUM(CASE WHEN visits > 0 THEN 1 ELSE 0 END), SUM(days) FROM hub_report_member_months"
                    " WHERE unit_kind IN (?, 'hub') AND month = ? GROUP BY unit_kind, unit_key", (by, months[0])):
                counted += [("members", k, members), ("months", k, members), ("days", k, days)]
        else:
            counted = tx.all(
                "SELECT 'members', unit_key, COUNT(*) FROM (SELECT unit_key, member_id FROM hub_report_member_months"
                " WHERE unit_kind IN (?, 'hub') AND month >= ? AND month < ? GROUP BY unit_kind, unit_key, member_id"
                " HAVING SUM(visits) > 0) t GROUP BY unit_key"
                " UNION ALL SELECT 'days', unit_key, SUM(days) FROM hub_report_member_months"
                " WHERE unit_kind IN (?, 'hub') AND month >= ? AND month < ? GROUP BY unit_kind, unit_key"
                " UNION ALL SELECT 'months', unit_key, SUM(CASE WHEN visits > 0 THEN 1 ELSE 0 END)"
                " FROM hub_report_member_months WHERE unit_kind IN (?, 'hub') AND month >= ? AND month < ?"
                " GROUP BY unit_kind, unit_key", (by, *months) * 3)
    else:  # one grouping by (unit, member, day), materialized once (a member seen at two units counts once in the hub's)
        counted = tx.all(
            f"WITH md AS MATERIALIZED (SELECT {key} AS k, member_id, day, SUM({SIGN}) AS n FROM hub_report_settlements"
            " WHERE day >= ? AND day < ? GROUP BY 1, 2, 3)"
            " SELECT 'members', k, COUNT(*) FROM (SELECT k, member_id FROM md GROUP BY k, member_id HAVING SUM(n) > 0) t"
            " GROUP BY k"
            " UNION ALL SELECT 'days', k, SUM(CASE WHEN n > 0 THEN 1 ELSE 0 END) FROM md GROUP BY k"
            " UNION ALL SELECT 'months', k, COUNT(*) FROM (SELECT k, member_id, substr(day, 1, 7) AS m FROM md"
            " GROUP BY k, member_id, substr(day, 1, 7) HAVING SUM(n) > 0) t GROUP BY k"
            " UNION ALL SELECT 'members', '*', COUNT(*) FROM (SELECT member_id FROM md GROUP BY member_id"
            " HAVING SUM(n) > 0) t"
            " UNION ALL SELECT 'days', '*', COUNT(*) FROM (SELECT member_id, day FROM md GROUP BY member_id, day"
            " HAVING SUM(n) > 0) t"
            " UNION ALL SELECT 'months', '*', COUNT(*) FROM (SELECT member_id, substr(day, 1, 7) AS m FROM md"
            " GROUP BY member_id, substr(day, 1, 7) HAVING SUM(n) > 0) t", (period.first.isoformat(), period.after.isoformat()))
    for what, k, n in counted:
        people[what][k] = int(n or 0)
    return people


def _top_items(tx, key: str, period: Period, keep: int) -> dict[str, tuple[ItemRow, ...]]:
    """Per unit and across the hub ("*"): the items with the most pool pay, as each desk ranks its own
    (supervise's top_items): the lines' shares of their bills' pool pay (hub migration 011) summed per code.
    A period of whole months reads the sums kept per month, desk and code; any other, the lines."""
    if period.first.day == 1 and period.after.day == 1:
        table, column = "hub_report_code_months", "month"
        bounds = (period.first.isoformat()[:7], period.after.isoformat()[:7])
    else:
        table, column = "hub_report_lines", "day"
        bounds = (period.first.isoformat(), period.after.isoformat())
    by_unit: dict[str, dict[str, list]] = {"*": {}}
    for k, code, name, category, amount, pool in tx.all(
            f"SELECT {key}, code, MAX(name), MAX(fee_category), SUM(amount_fen), SUM(pool_fen) FROM {table}"
            f" WHERE {column} >= ? AND {column} < ? GROUP BY {key}, code", bounds):
        by_unit.setdefault(k, {})[code] = [name, category, int(amount), int(pool)]
        hub = by_unit["*"].setdefault(code, [name, category, 0, 0])
        hub[0], hub[1] = max(hub[0], name), max(hub[1], category)
        hub[2] += int(amount)
        hub[3] += int(pool)
    return {k: tuple(sorted((ItemRow(code, n, c, from_fen(a), from_fen(p)) for code, (n, c, a, p) in codes.items() if p > 0),
                            key=lambda i: (-i.pool_pay, i.code))[:keep]) for k, codes in by_unit.items()}


def _caps(library: Library, policies: set[str], day: dt.date) -> dict[tuple[str, str, str], int]:
    """(pack id, category, scheme) → the ordinary annual cap in fen on ``day``, as a desk of that pack reads it."""
    caps = {}
    for pack_id in policies:
        try:
            rules = library.get(pack_id).on(day)
        except (PolicyError, PackError):
            continue
        if not rules.has("ordinary.annual_cap"):
            continue
        for category in CATEGORIES:
            for scheme in SCHEMES:
                try:
                    cap = rules.get("ordinary.annual_cap", {"category": category, "scheme": scheme})
                except (PolicyError, KeyError):
                    continue
                if cap > 0:
                    caps[pack_id, category, scheme] = to_fen(fen(cap))
    return caps


def _near_cap(tx, key: str, period: Period, library: Library, near: Decimal) -> dict[str, tuple[CapRow, ...]]:
    """Per unit and across the hub ("*"): members with a net visit at the unit in the period whose ordinary pool
    pay this year (hub_usage) is at least ``near`` of their cap under the pack the unit settled them with, as each
    desk finds them (supervise's near_cap). The few members past the lowest such bar are found by index first."""
    last = period.after - dt.timedelta(days=1)
    caps = _caps(library, set(library.ids()), last)
    if not caps:
        return {"*": ()}
    lowest = to_fen(fen(near * from_fen(min(caps.values()))))
    candidates = {m: (int(paid), category, scheme) for m, paid, category, scheme in tx.all(
        "SELECT u.member_id, u.ordinary_pool_paid_fen, m.category, m.scheme FROM hub_usage u"
        " JOIN hub_members m ON m.member_id = u.member_id WHERE u.year = ? AND u.ordinary_pool_paid_fen >= ?",
        (last.year, lowest))}
    found: dict[str, dict[str, CapRow]] = {"*": {}}
    members = sorted(candidates)
    for start in range(0, len(members), 500):
        chunk = members[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for k, member_id, policy in tx.all(
                f"SELECT r.{key}, s.member_id, MAX(s.policy_version) FROM hub_settlements s"
                " JOIN hub_report_settlements r ON r.id = s.id"
                f" WHERE s.member_id IN ({marks}) AND s.day >= ? AND s.day < ? GROUP BY r.{key}, s.member_id"
                f" HAVING SUM({SIGN.replace('kind', 's.kind')}) > 0",
                (*chunk, period.first.isoformat(), period.after.isoformat())):
            paid, category, scheme = candidates[member_id]
            cap = caps.get((policy.split("@")[0], category, scheme))
            if cap and paid >= to_fen(fen(near * from_fen(cap))):
                row = CapRow(member_id, from_fen(cap), from_fen(paid))
                found.setdefault(k, {})[member_id] = row
                found["*"].setdefault(member_id, row)
    return {k: tuple(sorted(rows.values(), key=lambda r: (-r.share, r.member_id))) for k, rows in found.items()}


def hub_report(tx, period: Period, by: str = "institution", thresholds: Thresholds = DEFAULTS,
               library: Library | None = None) -> HubReport:
    """The indicators of every institution (or desk) and of the whole hub, in SQL over the report rows;
    ``library`` (the hub's packs) gives members' caps, without it near_cap is left out as at a desk."""
    if by not in KEYS:
        raise ValueError(f"by: {by!r} is not institution or desk")
    key, t = KEYS[by], thresholds
    bounds = (period.first.isoformat(), period.after.isoformat())
    if getattr(tx, "dialect", "") == "postgresql":  # hash aggregates in memory, not sorted on disk, for this report
        tx.run("SET LOCAL work_mem = '256MB'")
    now = _sums(tx, key, period, t)
    before = _sums(tx, key, period.previous(), t)
    people = _people(tx, by, key, period)
    members, spans = people["members"], {"day": people["days"], "month": people["months"]}
    hub_members = people["members"].get("*", 0)
    spans["all-day"], spans["all-month"] = people["days"].get("*", 0), people["months"].get("*", 0)
    fees: dict[str, dict[str, Decimal]] = {}
    for k, category, amount in tx.all(f"SELECT {key}, fee_category, SUM(amount_fen) FROM hub_report_fees"
                                      f" WHERE day >= ? AND day < ? GROUP BY {key}, fee_category", bounds):
        fees.setdefault(k, {})[category] = from_fen(int(amount))
    # the 套现 signals leave out settlements a reversal undid: counted in the one pass above, less those
    # undone (few; hub migration 006 keeps them with their signals as their reversals arrive)
    undone = {k: (int(a), int(e)) for k, a, e in tx.all(
        f"SELECT {key}, SUM(account_only), SUM(excluded_cash) FROM hub_report_undone WHERE day >= ? AND day < ?"
        f" GROUP BY {key}", bounds)}
    signals = {k: (v[7] - undone.get(k, (0, 0))[0], v[8] - undone.get(k, (0, 0))[1]) for k, v in now.items()}
    now = {k: v[:7] for k, v in now.items()}
    before = {k: v[:7] for k, v in before.items()}

    top = _top_items(tx, key, period, t.top_items)
    near = _near_cap(tx, key, period, library, t.near_cap_share) if library is not None else {}

    def unit(k: str, sums: tuple, previous: tuple, member_count: int, unit_fees: dict, signal: tuple,
             days: int, months: int) -> Unit:
        visits, total, full, pool, account, cash, off = sums
        return Unit(k, visits, member_count, from_fen(total), from_fen(full), from_fen(pool), from_fen(account),
                    from_fen(cash), unit_fees, signal[0], signal[1], off, from_fen(previous[1]), previous[0], days, months,
                    len(near.get(k, ())) if library is not None else None)

    empty = (0,) * 7
    units = tuple(unit(k, now[k], before.get(k, empty), members.get(k, 0), fees.get(k, {}), signals.get(k, (0, 0)),
                       spans["day"].get(k, 0), spans["month"].get(k, 0)) for k in sorted(now))
    added = tuple(sum(v[i] for v in now.values()) for i in range(7))
    added_before = tuple(sum(v[i] for v in before.values()) for i in range(7))
    all_fees: dict[str, Decimal] = {}
    for unit_fees in fees.values():
        for category, amount in unit_fees.items():
            all_fees[category] = all_fees.get(category, ZERO) + amount
    total = unit("*", added, added_before, int(hub_members), all_fees,
                 (sum(a for a, _ in signals.values()), sum(e for _, e in signals.values())), spans["all-day"],
                 spans["all-month"])
    names = {}
    if by == "desk":
        names = {u: n for u, n in tx.all("SELECT desk_uuid, name FROM hub_desks")}
    return HubReport(period, by, units, total, names, {k: top.get(k, ()) for k in (*now, "*")},
                     {k: near.get(k, ()) for k in (*now, "*")} if library is not None else {})


COLUMNS = ("visits", "members", "total", "growth", "avg_cost", "avg_cost_growth", "self_pay_share", "exam_share",
           "lab_share", "drug_share", "pool_share", "pool_per_member", "visits_per_member_day",
           "visits_per_member_month", "near_cap", "account_only", "excluded_cash", "off_hours")


def report_csv(report: HubReport) -> str:
    """One line per institution (or desk) and one for the whole hub; shares as fractions, money in yuan."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([report.by, "name", *COLUMNS])
    for u in (*report.units, report.total):
        values = u.indicators()
        writer.writerow([u.key, report.names.get(u.key, ""), *("" if values[c] is None else str(values[c])
                                                             for c in COLUMNS)])
    return out.getvalue()


def report_json(report: HubReport) -> dict:
    """The same figures for GET /v1/report (money and shares as strings, as the protocol writes them)."""
    def figures(u: Unit) -> dict:
        return {c: (None if v is None else (v if isinstance(v, int) else str(v))) for c, v in u.indicators().items()}
    return {"period": report.period.label, "by": report.by,
            "articles": {c: ARTICLES[c] for c in COLUMNS},
            "units": [{"key": u.key, "name": report.names.get(u.key, ""), **figures(u)} for u in report.units],
            "total": figures(report.total),
            "rankings": {r: [k for k, _ in report.ranked(r)] for r in RANKINGS},
            "top_items": {k: [{"code": i.code, "name": i.name, "fee_category": i.fee_category, "amount": str(i.amount),
                               "pool_pay": str(i.pool_pay)} for i in rows] for k, rows in report.top_items.items()},
            "near_cap": {k: [{"member_id": r.member_id, "cap": str(r.cap), "pool_paid": str(r.pool_paid),
                              "share": str(r.share)} for r in rows] for k, rows in report.near_cap.items()}}


def percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{(value * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"
