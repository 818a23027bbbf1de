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
from desk.money import ZERO, fen, from_fen, to_fen
from desk.policy.loader import Library
from desk.policy.pack import PolicyError


SHARE = Decimal("0.0001")
LISTED = 50  # settlements listed under a period-wide alert (the largest first); the count says how many in all
SIGN = "CASE s.kind WHEN 'settlement' THEN 1 ELSE -1 END"
NOT_REVERSED = "s.kind = 'settlement' AND NOT EXISTS (SELECT 1 FROM settlements r WHERE r.reverses = s.id)"
EXAM, LAB = "检查", "化验"
DRUGS = ("西药", "中成药", "中药饮片")
# the local hour of a settlement: `at` is ISO with its offset; SQLite turns it to UTC, +8 h is China Standard Time
HOUR = "CAST(strftime('%H', s.at, '+8 hours') AS INTEGER)"


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


def _totals(db: sqlite_utils.Database, where: str, params: tuple) -> Totals:
    row = db.execute(
        f"SELECT COALESCE(SUM({SIGN}), 0), COALESCE(SUM(s.total_fen), 0), COALESCE(SUM(s.full_self_pay_fen), 0),"
        " COALESCE(SUM(s.pre_self_pay_fen), 0), COALESCE(SUM(s.in_scope_fen), 0), COALESCE(SUM(s.pool_pay_fen), 0),"
        " COALESCE(SUM(s.self_pay_fen), 0), COALESCE(SUM(s.account_pay_fen), 0), COALESCE(SUM(s.cash_pay_fen), 0)"
        f" FROM settlements s WHERE {where}", params).fetchone()
    members = db.execute(f"SELECT COUNT(*) FROM (SELECT s.member_id FROM settlements s WHERE {where}"
                         f" GROUP BY s.member_id HAVING SUM({SIGN}) > 0)", params).fetchone()[0]
    return Totals(row[0], members, *(from_fen(v) for v in row[1:]))


def _refs(db: sqlite_utils.Database, where: str, params: tuple, order: str = "s.total_fen DESC",
          limit: int | None = LISTED) -> tuple[tuple[SettlementRef, ...], int]:
    """The settlements (not reversed) ``where`` selects, largest first, and how many there are."""
    condition = f"{where} AND {NOT_REVERSED}"
    count = db.execute(f"SELECT COUNT(*) FROM settlements s WHERE {condition}", params).fetchone()[0]
    tail = f" LIMIT {int(limit)}" if limit else ""
    refs = tuple(SettlementRef(i, d, r, m, day, from_fen(t)) for i, d, r, m, day, t in db.execute(
        f"SELECT s.id, s.desk_number, s.receipt_no, s.member_id, s.day, s.total_fen FROM settlements s"
        f" WHERE {condition} ORDER BY {order}, s.seq{tail}", params))
    return refs, count


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


def _caps(db: sqlite_utils.Database, library: Library | None, where: str, params: tuple, period: Period,
          near: Decimal) -> tuple[CapRow, ...]:
    """Members seen in the selection whose ordinary pool paid this year is at or near their cap."""
    if library is None:
        return ()
    desk = db.execute("SELECT policy, level FROM desk").fetchone()
    last = period.after - dt.timedelta(days=1)
    try:
        rules = library.get(desk[0]).on(last)
    except PolicyError:
        return ()
    if not rules.has("ordinary.annual_cap"):
        return ()
    caps: dict[tuple[str, str], Decimal | None] = {}
    rows = []
    for member_id, category, scheme, paid in db.execute(
            "SELECT m.member_id, m.category, m.scheme, u.ordinary_pool_paid_fen FROM members m"
            " JOIN usage_summary u ON u.member_id = m.member_id AND u.year = ?"
            f" WHERE m.member_id IN (SELECT s.member_id FROM settlements s WHERE {where})"
            " ORDER BY m.member_id", (last.year, *params)):
        if (category, scheme) not in caps:
            try:
                caps[category, scheme] = rules.get("ordinary.annual_cap",
                                                   {"category": category, "scheme": scheme, "level": str(desk[1])})
            except PolicyError:
                caps[category, scheme] = None
        cap = caps[category, scheme]
        if cap is not None and cap > 0 and paid >= to_fen(fen(near * cap)):
            rows.append(CapRow(member_id, cap, from_fen(paid)))
    return tuple(sorted(rows, key=lambda r: (-r.share, r.member_id)))


def supervise(db: sqlite_utils.Database, selection: Selection, thresholds: Thresholds = DEFAULTS,
              library: Library | None = None) -> Supervision:
    """Every indicator and alert of ``selection``; ``library`` (the policy packs) gives members' caps."""
    where, params = selection.where()
    previous_where, previous_params = selection.where(selection.period.previous())
    totals = _totals(db, where, params)
    previous = _totals(db, previous_where, previous_params)
    items = _items(db, where, params)
    structure: dict[str, Decimal] = {}
    for item in items:
        structure[item.fee_category] = structure.get(item.fee_category, ZERO) + item.amount
    fee_structure = tuple(sorted(((c, a) for c, a in structure.items() if a), key=lambda ca: (-ca[1], ca[0])))
    top = tuple(sorted((i for i in items if i.pool_pay > 0), key=lambda i: (-i.pool_pay, i.code))[:thresholds.top_items])
    daily = tuple(DayRow(d, n, from_fen(t), from_fen(p), from_fen(a), from_fen(c)) for d, n, t, p, a, c in db.execute(
        f"SELECT s.day, SUM({SIGN}), SUM(s.total_fen), SUM(s.pool_pay_fen), SUM(s.account_pay_fen),"
        f" SUM(s.cash_pay_fen) FROM settlements s WHERE {where} GROUP BY s.day ORDER BY s.day", params))
    hours = [0] * 24
    for hour, count in db.execute(f"SELECT {HOUR}, SUM({SIGN}) FROM settlements s WHERE {where} GROUP BY 1", params):
        if hour is not None:
            hours[hour] += count
    member_day_sql = (f"SELECT s.member_id, s.day AS d, SUM({SIGN}) AS n FROM settlements s WHERE {where}"
                      " GROUP BY s.member_id, s.day")
    member_month_sql = (f"SELECT s.member_id, substr(s.day, 1, 7) AS d, SUM({SIGN}) AS n FROM settlements s"
                        f" WHERE {where} GROUP BY s.member_id, substr(s.day, 1, 7)")
    member_days = db.execute(f"SELECT COUNT(*) FROM ({member_day_sql}) WHERE n > 0", params).fetchone()[0]
    member_months = db.execute(f"SELECT COUNT(*) FROM ({member_month_sql}) WHERE n > 0", params).fetchone()[0]
    account_only_sql = "s.pool_pay_fen = 0 AND s.cash_pay_fen = 0 AND s.account_pay_fen > 0"
    row = db.execute(f"SELECT COUNT(*), COALESCE(SUM(s.total_fen), 0) FROM settlements s WHERE {where}"
                     f" AND {account_only_sql} AND {NOT_REVERSED}", params).fetchone()
    account_only = (row[0], from_fen(row[1]))
    excluded_sql = "s.full_self_pay_fen > 0 AND s.cash_pay_fen > 0"
    row = db.execute(f"SELECT COUNT(*), COALESCE(SUM(s.full_self_pay_fen), 0) FROM settlements s WHERE {where}"
                     f" AND {excluded_sql} AND {NOT_REVERSED}", params).fetchone()
    excluded_cash = (row[0], from_fen(row[1]))
    off_hours_sql = f"({HOUR} < {int(thresholds.open_from)} OR {HOUR} >= {int(thresholds.open_until)})"
    off_hours = sum(n for h, n in enumerate(hours) if h < thresholds.open_from or h >= thresholds.open_until)
    near_cap = _caps(db, library, where, params, selection.period, thresholds.near_cap_share)

    result = Supervision(selection, thresholds, totals, previous, fee_structure, daily, tuple(hours), member_days,
                         member_months, top, near_cap, account_only, excluded_cash, off_hours)
    indicators = _indicators(result)
    alerts = []
    t = thresholds
    by_key = {i.key: i for i in indicators}

    def period_alert(key: str, threshold, condition: str, order: str) -> None:
        value = by_key[key].value
        if value is not None and value > threshold:
            refs, count = _refs(db, f"{where} AND {condition}", params, order)
            alerts.append(Alert(key, ARTICLES[key], value, threshold, None, selection.period.label, refs, count))

    period_alert("avg_cost", t.avg_cost_max, f"s.total_fen > {to_fen(t.avg_cost_max)}", "s.total_fen DESC")
    period_alert("avg_cost_growth", t.avg_cost_growth_max, "1", "s.total_fen DESC")
    period_alert("growth", t.growth_max, "1", "s.total_fen DESC")
    period_alert("self_pay_share", t.self_pay_share_max, "s.full_self_pay_fen > 0", "s.full_self_pay_fen DESC")
    for key, category, limit in (("exam_share", EXAM, t.exam_share_max), ("lab_share", LAB, t.lab_share_max)):
        has = (f"EXISTS (SELECT 1 FROM settlement_items i WHERE i.settlement_id = s.id"
               f" AND i.fee_category = '{category}')")
        period_alert(key, limit, has, "s.total_fen DESC")

    def member_alerts(key: str, grouped: str, limit: int, column: str) -> None:
        for member_id, when, n in db.execute(f"SELECT member_id, d, n FROM ({grouped}) WHERE n > ? ORDER BY d, member_id",
                                             (*params, limit)):
            refs, count = _refs(db, f"{where} AND s.member_id = ? AND {column} = ?", (*params, member_id, when),
                                "s.seq", None)
            alerts.append(Alert(key, ARTICLES[key], n, limit, member_id, when, refs, count))

    member_alerts("visits_per_member_day", member_day_sql, t.visits_per_day_max, "s.day")
    member_alerts("visits_per_member_month", member_month_sql, t.visits_per_month_max, "substr(s.day, 1, 7)")
    for cap in near_cap:
        refs, count = _refs(db, "s.member_id = ? AND s.year = ?", (cap.member_id, (selection.period.after
                                                                               - dt.timedelta(days=1)).year),
                            "s.seq", None)
        alerts.append(Alert("near_cap", ARTICLES["near_cap"], cap.share, t.near_cap_share, cap.member_id,
                            selection.period.label, refs, count))
    for member_id, n in db.execute(f"SELECT s.member_id, COUNT(*) FROM settlements s WHERE {where} AND {account_only_sql}"
                                   f" AND {NOT_REVERSED} GROUP BY s.member_id HAVING COUNT(*) > ? ORDER BY s.member_id",
                                   (*params, t.account_only_max)):
        refs, count = _refs(db, f"{where} AND {account_only_sql} AND s.member_id = ?", (*params, member_id), "s.seq", None)
        alerts.append(Alert("account_only", ARTICLES["account_only"], n, t.account_only_max, member_id,
                            selection.period.label, refs, count))
    for member_id, amount in db.execute(
            f"SELECT s.member_id, SUM(s.full_self_pay_fen) FROM settlements s WHERE {where} AND {excluded_sql}"
            f" AND {NOT_REVERSED} GROUP BY s.member_id HAVING SUM(s.full_self_pay_fen) > ? ORDER BY s.member_id",
            (*params, to_fen(t.excluded_cash_max))):
        refs, count = _refs(db, f"{where} AND {excluded_sql} AND s.member_id = ?", (*params, member_id), "s.seq", None)
        alerts.append(Alert("excluded_cash", ARTICLES["excluded_cash"], from_fen(amount), t.excluded_cash_max, member_id,
                            selection.period.label, refs, count))
    if off_hours > 0:
        refs, count = _refs(db, f"{where} AND {off_hours_sql}", params, "s.seq")
        alerts.append(Alert("off_hours", ARTICLES["off_hours"], off_hours, 0, None, selection.period.label, refs, count))
    return Supervision(**{**result.__dict__, "indicators": indicators, "alerts": tuple(alerts)})


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
