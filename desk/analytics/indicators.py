"""The supervision indicators of one period and selection of a desk's settlements, and their alerts.

Everything is summed in SQL over integer fen. A reversal counts −1 visit and carries negative
figures on its own day, as the claim statement nets it; lists of settlements behind an alert leave
out settlements that were reversed. Shares and averages are Decimals (four decimals for shares,
the fen for money), never floats.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import sqlite_utils

from desk.analytics.articles import ARTICLES
from desk.analytics.period import Period
from desk.analytics.thresholds import DEFAULTS, Thresholds
from desk.domain import CST
from desk.money import ZERO, fen, from_fen, to_fen
from desk.policy.loader import Library
from desk.policy.pack import PolicyError


SHARE = Decimal("0.0001")
LISTED = 50  # settlements listed under a period-wide alert (the largest first); the count says how many in all
SIGN = "CASE s.kind WHEN 'settlement' THEN 1 ELSE -1 END"
EXAM, LAB = "检查", "化验"
DRUGS = ("西药", "中成药", "中药饮片")


@dataclass(frozen=True)
class Selection:
    """Which settlements: a period, and optionally one counter (desk number) of the desk."""

    period: Period
    desk_number: str | None = None

    def where(self, period: Period | None = None) -> tuple[str, tuple]:
        period = period or self.period
        sql, params = "s.day >= ? AND s.day < ?", [period.first.isoformat(), period.after.isoformat()]
        if self.desk_number:
            sql += " AND s.desk_number = ?"
            params.append(self.desk_number)
        return sql, tuple(params)


@dataclass(frozen=True)
class Totals:
    visits: int  # net of reversals
    members: int  # members with at least one net visit
    total: Decimal
    full_self_pay: Decimal
    pre_self_pay: Decimal
    in_scope: Decimal
    pool_pay: Decimal
    self_pay: Decimal
    account_pay: Decimal
    cash_pay: Decimal

    @property
    def avg_cost(self) -> Decimal | None:
        return fen(self.total / self.visits) if self.visits > 0 else None


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str  # the seed's own words for it
    value: Decimal | int | None  # None: not defined for this period (no visits, nothing to compare with)
    unit: str  # yuan | share | count | per_member
    article: str


@dataclass(frozen=True)
class SettlementRef:
    id: str
    desk_number: str
    receipt_no: int
    member_id: str
    day: str
    total: Decimal


@dataclass(frozen=True)
class Alert:
    """A threshold passed: by what (``key``), how far, about whom, and the settlements behind it."""

    key: str
    article: str
    value: Decimal | int
    threshold: Decimal | int
    member_id: str | None
    when: str  # the day, month or period it is about
    settlements: tuple[SettlementRef, ...]
    count: int  # how many settlements are behind it (the list may keep only the largest)


@dataclass(frozen=True)
class DayRow:
    day: str
    visits: int
    total: Decimal
    pool_pay: Decimal
    account_pay: Decimal
    cash_pay: Decimal


@dataclass(frozen=True)
class ItemRow:
    code: str
    name: str
    fee_category: str
    amount: Decimal
    pool_pay: Decimal  # the bills' pool pay shared out over their items by in-scope amount


@dataclass(frozen=True)
class CapRow:
    member_id: str
    cap: Decimal
    pool_paid: Decimal

    @property
    def share(self) -> Decimal:
        return (self.pool_paid / self.cap).quantize(SHARE, ROUND_HALF_UP) if self.cap else Decimal("1.0000")


@dataclass(frozen=True)
class Supervision:
    selection: Selection
    thresholds: Thresholds
    totals: Totals
    previous: Totals
    fee_structure: tuple[tuple[str, Decimal], ...]  # (fee_category, amount), largest first
    daily: tuple[DayRow, ...]
    hours: tuple[int, ...]  # 24 net visit counts by local hour
    member_days: int
    member_months: int
    top_items: tuple[ItemRow, ...]
    near_cap: tuple[CapRow, ...]
    account_only: tuple[int, Decimal]  # (count, amount) not reversed
    excluded_cash: tuple[int, Decimal]  # (count, 丙类 amount) of bills with 丙类 items and cash paid
    off_hours: int
    indicators: tuple[Indicator, ...] = field(default=())
    alerts: tuple[Alert, ...] = field(default=())

    def indicator(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)

    def category(self, name: str) -> Decimal:
        return dict(self.fee_structure).get(name, ZERO)


def share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    return (Decimal(part) / Decimal(whole)).quantize(SHARE, ROUND_HALF_UP) if whole > 0 else None


def ratio(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP) if whole > 0 else None


def growth(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    if now is None or before is None or before <= 0:
        return None
    return ((now - before) / before).quantize(SHARE, ROUND_HALF_UP)


_COLUMNS = ("s.seq, s.id, s.desk_number, s.receipt_no, s.kind, s.member_id, s.day, s.at, s.total_fen,"
            " s.full_self_pay_fen, s.pre_self_pay_fen, s.in_scope_fen, s.pool_pay_fen, s.self_pay_fen,"
            " s.account_pay_fen, s.cash_pay_fen")
SEQ, ID, DESK, RECEIPT, KIND, MEMBER, DAY, AT, TOTAL, FULL, PRE, IN_SCOPE, POOL, SELF, ACCOUNT, CASH = range(16)


def _hour(at: str) -> int:
    """The China Standard Time hour of an ISO timestamp (the desk writes +08:00; anything else is converted)."""
    if at.endswith("+08:00") and at[10] == "T":
        return int(at[11:13])
    return dt.datetime.fromisoformat(at).astimezone(CST).hour


def _reversed(db: sqlite_utils.Database) -> set[str]:
    return {r for (r,) in db.execute("SELECT reverses FROM settlements WHERE kind = 'reversal'")}


def _totals_of(rows: list[tuple]) -> Totals:
    sums = [0] * 8
    per_member: dict[str, int] = {}
    visits = 0
    for r in rows:
        sign = 1 if r[KIND] == "settlement" else -1
        visits += sign
        per_member[r[MEMBER]] = per_member.get(r[MEMBER], 0) + sign
        for n, column in enumerate((TOTAL, FULL, PRE, IN_SCOPE, POOL, SELF, ACCOUNT, CASH)):
            sums[n] += r[column]
    return Totals(visits, sum(1 for n in per_member.values() if n > 0), *(from_fen(v) for v in sums))


def _ref(r: tuple) -> SettlementRef:
    return SettlementRef(r[ID], r[DESK], r[RECEIPT], r[MEMBER], r[DAY], from_fen(r[TOTAL]))


def _refs(rows: list[tuple], largest_first: bool = True,
          limit: int | None = LISTED) -> tuple[tuple[SettlementRef, ...], int]:
    """Settlement rows as references, largest first (or in order), at most ``limit``, and how many there are."""
    ordered = sorted(rows, key=lambda r: (-r[TOTAL], r[SEQ])) if largest_first else sorted(rows, key=lambda r: r[SEQ])
    return tuple(_ref(r) for r in (ordered[:limit] if limit else ordered)), len(rows)


def _items(db: sqlite_utils.Database, where: str, params: tuple) -> list[ItemRow]:
    """Per catalog code: amount and the pool pay shared out by in-scope amount (integer fen, truncated).

    An item's in-scope part is its amount for 甲类, its amount less 先行自付 (half-up) for 乙类, and
    nothing for 丙类; a bill's pool pay is split in proportion. A reversal's figures are the
    original's negated, so the same split with the sign taken out nets it exactly.
    """
    ratio_bp = "CAST(ROUND(CAST(i.selfpay_ratio AS REAL) * 10000) AS INTEGER)"
    amount = f"({SIGN}) * i.amount_fen"
    in_scope = (f"CASE i.class WHEN 'A' THEN {amount} WHEN 'B' THEN {amount} - ({amount} * {ratio_bp} + 5000) / 10000"
                " ELSE 0 END")
    shared = (f"CASE WHEN s.in_scope_fen = 0 THEN 0 ELSE ({SIGN}) * (({SIGN}) * s.pool_pay_fen * ({in_scope})"
              f" / (({SIGN}) * s.in_scope_fen)) END")
    rows = db.execute(
        f"SELECT i.code, MAX(i.name), MAX(i.fee_category), SUM(i.amount_fen), SUM({shared})"
        f" FROM settlements s JOIN settlement_items i ON i.settlement_id = s.id WHERE {where} GROUP BY i.code",
        params).fetchall()
    return [ItemRow(code, name, category, from_fen(amount_), from_fen(pool)) for code, name, category, amount_, pool in rows]


def _caps(db: sqlite_utils.Database, library: Library | None, seen: set[str], period: Period,
          near: Decimal) -> tuple[CapRow, ...]:
    """Members seen in the selection whose ordinary pool paid this year is at or near their cap."""
    if library is None or not seen:
        return ()
    desk = db.execute("SELECT policy, level FROM desk").fetchone()
    last = period.after - dt.timedelta(days=1)
    try:
        rules = library.get(desk[0]).on(last)
    except PolicyError:
        return ()
    if not rules.has("ordinary.annual_cap"):
        return ()
    caps: dict[tuple[str, str], int | None] = {}
    for category in ("employed", "retired"):
        for scheme in ("employer", "individual_tier2", "individual_tier1"):
            try:
                cap = rules.get("ordinary.annual_cap", {"category": category, "scheme": scheme, "level": str(desk[1])})
                caps[category, scheme] = to_fen(fen(cap)) if cap > 0 else None
            except PolicyError:
                caps[category, scheme] = None
    known = [c for c in caps.values() if c]
    if not known:
        return ()
    lowest = to_fen(fen(near * from_fen(min(known))))
    rows = []
    for member_id, category, scheme, paid in db.execute(
            "SELECT m.member_id, m.category, m.scheme, u.ordinary_pool_paid_fen FROM usage_summary u"
            " JOIN members m ON m.member_id = u.member_id WHERE u.year = ? AND u.ordinary_pool_paid_fen >= ?"
            " ORDER BY m.member_id", (last.year, lowest)):
        cap = caps.get((category, scheme))
        if member_id in seen and cap and paid >= to_fen(fen(near * from_fen(cap))):
            rows.append(CapRow(member_id, from_fen(cap), from_fen(paid)))
    return tuple(sorted(rows, key=lambda r: (-r.share, r.member_id)))


def supervise(db: sqlite_utils.Database, selection: Selection, thresholds: Thresholds = DEFAULTS,
              library: Library | None = None) -> Supervision:
    """Every indicator and alert of ``selection``; ``library`` (the policy packs) gives members' caps.

    One indexed scan of the period's settlements (by day) feeds every per-settlement figure; the
    items are summed in SQL; nothing is read twice.
    """
    t = thresholds
    where, params = selection.where()
    previous_where, previous_params = selection.where(selection.period.previous())
    rows = db.execute(f"SELECT {_COLUMNS} FROM settlements s WHERE {where}", params).fetchall()
    previous = _totals_of(db.execute(f"SELECT {_COLUMNS} FROM settlements s WHERE {previous_where}",
                                     previous_params).fetchall())
    undone = _reversed(db)
    totals = _totals_of(rows)
    live = [r for r in rows if r[KIND] == "settlement" and r[ID] not in undone]  # behind alerts: never a reversed one
    items = _items(db, where, params)
    structure: dict[str, Decimal] = {}
    for item in items:
        structure[item.fee_category] = structure.get(item.fee_category, ZERO) + item.amount
    fee_structure = tuple(sorted(((c, a) for c, a in structure.items() if a), key=lambda ca: (-ca[1], ca[0])))
    top = tuple(sorted((i for i in items if i.pool_pay > 0), key=lambda i: (-i.pool_pay, i.code))[:t.top_items])

    days: dict[str, list[int]] = {}
    hours = [0] * 24
    member_day: dict[tuple[str, str], int] = {}
    member_month: dict[tuple[str, str], int] = {}
    hour_of: dict[str, int] = {}
    for r in rows:
        sign = 1 if r[KIND] == "settlement" else -1
        day = days.setdefault(r[DAY], [0, 0, 0, 0, 0])
        day[0] += sign
        day[1] += r[TOTAL]
        day[2] += r[POOL]
        day[3] += r[ACCOUNT]
        day[4] += r[CASH]
        hour = _hour(r[AT])
        hour_of[r[ID]] = hour
        hours[hour] += sign
        key = (r[MEMBER], r[DAY])
        member_day[key] = member_day.get(key, 0) + sign
        key = (r[MEMBER], r[DAY][:7])
        member_month[key] = member_month.get(key, 0) + sign
    daily = tuple(DayRow(d, v[0], *(from_fen(x) for x in v[1:])) for d, v in sorted(days.items()))
    account_only = [r for r in live if r[POOL] == 0 and r[CASH] == 0 and r[ACCOUNT] > 0]
    excluded = [r for r in live if r[FULL] > 0 and r[CASH] > 0]
    off_hours = sum(n for h, n in enumerate(hours) if h < t.open_from or h >= t.open_until)
    seen = {m for m, n in _net_by_member(rows).items() if n > 0}
    near_cap = _caps(db, library, seen, selection.period, t.near_cap_share)

    result = Supervision(selection, t, totals, previous, fee_structure, daily, tuple(hours),
                         sum(1 for n in member_day.values() if n > 0), sum(1 for n in member_month.values() if n > 0),
                         top, near_cap, (len(account_only), from_fen(sum(r[TOTAL] for r in account_only))),
                         (len(excluded), from_fen(sum(r[FULL] for r in excluded))), off_hours)
    indicators = _indicators(result)
    by_key = {i.key: i for i in indicators}
    alerts: list[Alert] = []
    label = selection.period.label

    def period_alert(key: str, threshold, behind) -> None:
        value = by_key[key].value
        if value is not None and value > threshold:
            refs, count = _refs(behind() if callable(behind) else behind)
            alerts.append(Alert(key, ARTICLES[key], value, threshold, None, label, refs, count))

    cost_line = to_fen(t.avg_cost_max)
    period_alert("avg_cost", t.avg_cost_max, lambda: [r for r in live if r[TOTAL] > cost_line])
    period_alert("avg_cost_growth", t.avg_cost_growth_max, live)
    period_alert("growth", t.growth_max, live)
    period_alert("self_pay_share", t.self_pay_share_max, lambda: [r for r in live if r[FULL] > 0])
    for key, category, limit in (("exam_share", EXAM, t.exam_share_max), ("lab_share", LAB, t.lab_share_max)):
        def carrying(category=category):
            ids = {i for (i,) in db.execute(
                f"SELECT DISTINCT i.settlement_id FROM settlements s JOIN settlement_items i ON i.settlement_id = s.id"
                f" WHERE {where} AND i.fee_category = ?", (*params, category))}
            return [r for r in live if r[ID] in ids]
        period_alert(key, limit, carrying)

    def member_alerts(key: str, counts: dict[tuple[str, str], int], limit: int, part) -> None:
        over = {k: n for k, n in counts.items() if n > limit}
        behind: dict[tuple[str, str], list[tuple]] = {}
        for r in live:
            k = (r[MEMBER], part(r[DAY]))
            if k in over:
                behind.setdefault(k, []).append(r)
        for (member_id, when), n in sorted(over.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            refs, count = _refs(behind.get((member_id, when), []), largest_first=False, limit=None)
            alerts.append(Alert(key, ARTICLES[key], n, limit, member_id, when, refs, count))

    member_alerts("visits_per_member_day", member_day, t.visits_per_day_max, lambda d: d)
    member_alerts("visits_per_member_month", member_month, t.visits_per_month_max, lambda d: d[:7])
    year = (selection.period.after - dt.timedelta(days=1)).year
    for cap in near_cap:
        behind = db.execute(f"SELECT {_COLUMNS} FROM settlements s WHERE s.member_id = ? AND s.year = ?"
                            " AND s.kind = 'settlement'", (cap.member_id, year)).fetchall()
        refs, count = _refs([r for r in behind if r[ID] not in undone], largest_first=False, limit=None)
        alerts.append(Alert("near_cap", ARTICLES["near_cap"], cap.share, t.near_cap_share, cap.member_id, label,
                            refs, count))
    for key, chosen, limit, measure in (("account_only", account_only, t.account_only_max, len),
                                        ("excluded_cash", excluded, t.excluded_cash_max,
                                         lambda rs: from_fen(sum(r[FULL] for r in rs)))):
        by_member: dict[str, list[tuple]] = {}
        for r in chosen:
            by_member.setdefault(r[MEMBER], []).append(r)
        for member_id in sorted(by_member):
            value = measure(by_member[member_id])
            if value > limit:
                refs, count = _refs(by_member[member_id], largest_first=False, limit=None)
                alerts.append(Alert(key, ARTICLES[key], value, limit, member_id, label, refs, count))
    if off_hours > 0:
        odd = [r for r in live if not t.open_from <= hour_of[r[ID]] < t.open_until]
        refs, count = _refs(odd, largest_first=False)
        alerts.append(Alert("off_hours", ARTICLES["off_hours"], off_hours, 0, None, label, refs, count))
    return Supervision(**{**result.__dict__, "indicators": indicators, "alerts": tuple(alerts)})


def _net_by_member(rows: list[tuple]) -> dict[str, int]:
    net: dict[str, int] = {}
    for r in rows:
        net[r[MEMBER]] = net.get(r[MEMBER], 0) + (1 if r[KIND] == "settlement" else -1)
    return net


LABELS = {
    "visits": "就诊人次", "members": "就诊人数", "total": "门诊医药费用", "growth": "费用增长率",
    "avg_cost": "次均费用", "avg_cost_growth": "次均费用增长率", "self_pay_share": "患者自费比例",
    "exam_share": "检查费用占比", "lab_share": "化验费用占比", "drug_share": "药品费用占比",
    "pool_share": "统筹基金支付比例", "pool_per_member": "人均统筹基金支付",
    "visits_per_member_day": "人日就诊次数", "visits_per_member_month": "人月就诊次数",
    "near_cap": "达到或接近年度限额人数", "top_items": "统筹支付前列项目",
    "account_only": "仅个人账户支付笔数", "excluded_cash": "丙类项目现金支付笔数", "off_hours": "非工作时段结算笔数",
}


def _indicators(s: Supervision) -> tuple[Indicator, ...]:
    t = s.totals
    drugs = sum((s.category(c) for c in DRUGS), ZERO)
    values: list[tuple[str, Decimal | int | None, str]] = [
        ("visits", t.visits, "count"),
        ("members", t.members, "count"),
        ("total", t.total, "yuan"),
        ("growth", growth(t.total, s.previous.total), "share"),
        ("avg_cost", t.avg_cost, "yuan"),
        ("avg_cost_growth", growth(t.avg_cost, s.previous.avg_cost), "share"),
        ("self_pay_share", share(t.full_self_pay, t.total), "share"),
        ("exam_share", share(s.category(EXAM), t.total), "share"),
        ("lab_share", share(s.category(LAB), t.total), "share"),
        ("drug_share", share(drugs, t.total), "share"),
        ("pool_share", share(t.pool_pay, t.total), "share"),
        ("pool_per_member", fen(t.pool_pay / t.members) if t.members > 0 else None, "yuan"),
        ("visits_per_member_day", ratio(t.visits, s.member_days), "per_member"),
        ("visits_per_member_month", ratio(t.visits, s.member_months), "per_member"),
        ("near_cap", len(s.near_cap), "count"),
        ("account_only", s.account_only[0], "count"),
        ("excluded_cash", s.excluded_cash[0], "count"),
        ("off_hours", s.off_hours, "count"),
    ]
    return tuple(Indicator(key, LABELS[key], value, unit, ARTICLES[key]) for key, value, unit in values)
