"""The supervision indicators of one period and selection of a desk's settlements, and their alerts.

Everything is summed in SQL over integer fen. A reversal counts −1 visit and carries negative
figures on its own day, as the claim statement nets it; lists of settlements behind an alert leave
out settlements that were reversed. Shares and averages are Decimals (four decimals for shares,
the fen for money), never floats.
"""
from __future__ import annotations

import datetime as dt
import json
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

    def where(self, period: Period | None = None, alias: str = "s") -> tuple[str, tuple]:
        """The condition on a table with ``day`` and ``desk_number`` (settlements, or their sums by day)."""
        period = period or self.period
        sql, params = f"{alias}.day >= ? AND {alias}.day < ?", [period.first.isoformat(), period.after.isoformat()]
        if self.desk_number:
            sql += f" AND {alias}.desk_number = ?"
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
class Previous:
    """What growth is measured against: the previous period's net visits and total (one SUM)."""

    visits: int
    total: Decimal

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
    previous: "Previous"
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
            " s.full_self_pay_fen, s.pool_pay_fen, s.account_pay_fen, s.cash_pay_fen")
SEQ, ID, DESK, RECEIPT, KIND, MEMBER, DAY, AT, TOTAL, FULL, POOL, ACCOUNT, CASH = range(13)
UNDONE = "(SELECT reverses FROM settlements WHERE reverses IS NOT NULL)"  # the settlements a reversal undid
ACCOUNT_ONLY = "s.pool_pay_fen = 0 AND s.cash_pay_fen = 0 AND s.account_pay_fen > 0"
EXCLUDED_CASH = "s.full_self_pay_fen > 0 AND s.cash_pay_fen > 0"
SUMS = ("total", "full_self_pay", "pre_self_pay", "in_scope", "pool_pay", "self_pay", "account_pay", "cash_pay")


def _local_hour(hour_text: str, offset: str) -> int | None:
    """The China Standard Time hour from an ISO timestamp's hour and offset; None if not a whole-hour offset."""
    if offset == "+08:00":
        return int(hour_text)
    if len(offset) == 6 and offset[0] in "+-" and offset[3] == ":" and offset[4:] == "00" and offset[1:3].isdigit():
        shift = int(offset[1:3]) * (1 if offset[0] == "+" else -1)
        return (int(hour_text) - shift + 8) % 24
    return None


def _hour(at: str) -> int:
    return dt.datetime.fromisoformat(at).astimezone(CST).hour


@dataclass(frozen=True)
class _Scan:
    """The period by day and by the hour its timestamps show: sums, hours, 套现 signal counts, off-hours."""

    visits: int
    sums: dict[str, int]
    daily: tuple[DayRow, ...]
    hours: tuple[int, ...]
    account_only: tuple[int, int]  # (count, total fen), reversed ones included
    excluded: tuple[int, int]  # (count, 丙类 fen), reversed ones included
    off_hours_live: int  # settlements (not reversed) made outside opening hours: the off-hours alert's count
    other_offsets: int  # settlements (not reversed) written with an offset other than +08:00


def _scan(db: sqlite_utils.Database, selection: Selection, open_from: int, open_until: int) -> _Scan:
    """The sums by day and by the hour the timestamps show, as the triggers of desk migration 013 keep them
    (settlement_days, settlement_hours): a month is a few hundred rows however many settlements it has."""
    where, params = selection.where(alias="d")
    sums_sql = ", ".join(f"SUM(d.{name}_fen)" for name in SUMS)
    rows = db.execute(
        f"SELECT d.day, SUM(d.visits), {sums_sql}, SUM(d.account_only), SUM(d.account_only_fen), SUM(d.excluded_cash),"
        f" SUM(d.excluded_cash_fen) FROM settlement_days d WHERE {where} GROUP BY d.day ORDER BY d.day",
        params).fetchall()
    totals = [0] * len(SUMS)
    daily = []
    visits = only_n = only_fen = excl_n = excl_fen = 0
    for day, n, *rest in rows:
        figures, (a_n, a_fen, e_n, e_fen) = rest[:len(SUMS)], rest[len(SUMS):]
        visits += n
        for i, v in enumerate(figures):
            totals[i] += v
        daily.append(DayRow(day, n, from_fen(figures[0]), from_fen(figures[4]), from_fen(figures[6]),
                            from_fen(figures[7])))
        only_n, only_fen, excl_n, excl_fen = only_n + a_n, only_fen + a_fen, excl_n + e_n, excl_fen + e_fen
    hours = [0] * 24
    odd_offsets = False
    off_live = other = 0
    for hour_text, offset, n, live in db.execute(
            f"SELECT d.hour, d.utc_offset, SUM(d.visits), SUM(d.live) FROM settlement_hours d WHERE {where}"
            " GROUP BY 1, 2", params):
        if offset != "+08:00":
            other += live
        hour = _local_hour(hour_text, offset)
        if hour is None:
            odd_offsets = True
            continue
        hours[hour] += n
        if not open_from <= hour < open_until:
            off_live += live
    if odd_offsets:  # timestamps written with a half-hour offset: convert them one by one
        where, params = selection.where()
        for at, n, live in db.execute(
                f"SELECT s.at, {SIGN}, s.kind = 'settlement' AND s.id NOT IN {UNDONE} FROM settlements s"
                f" WHERE {where}", params):
            if _local_hour(at[11:13], at[-6:]) is None:
                hour = _hour(at)
                hours[hour] += n
                if live and not open_from <= hour < open_until:
                    off_live += 1
    return _Scan(visits, dict(zip(SUMS, totals)), tuple(daily), tuple(hours), (only_n, only_fen),
                 (excl_n, excl_fen), off_live, other)


@dataclass(frozen=True)
class _People:
    """Net visits per member, per member and day, per member and month, counted in SQL: how many are above
    zero, and the few above a threshold (as JSON arrays, so a month of 100,000 rows stays in SQLite)."""

    members: int
    member_days: int
    member_months: int
    over_day: dict[tuple[str, str], int]
    over_month: dict[tuple[str, str], int]


def _people(db: sqlite_utils.Database, selection: Selection, day_max: int, month_max: int) -> _People:
    where, params = selection.where()
    member_days, over_day = db.execute(
        "SELECT COUNT(*) FILTER (WHERE n > 0), json_group_array(json_array(m, d, n)) FILTER (WHERE n > ?)"
        f" FROM (SELECT s.member_id AS m, s.day AS d, SUM({SIGN}) AS n FROM settlements s WHERE {where}"
        " GROUP BY s.day, s.member_id)", (day_max, *params)).fetchone()
    member_months, over_month = db.execute(
        "SELECT COUNT(*) FILTER (WHERE n > 0), json_group_array(json_array(m, mo, n)) FILTER (WHERE n > ?)"
        f" FROM (SELECT s.member_id AS m, substr(s.day, 1, 7) AS mo, SUM({SIGN}) AS n FROM settlements s"
        f" WHERE {where} GROUP BY s.member_id, mo)", (month_max, *params)).fetchone()
    period = selection.period
    if period.first.strftime("%Y-%m") == (period.after - dt.timedelta(days=1)).strftime("%Y-%m"):
        members = member_months  # within one month, a member's month is the member
    else:
        members = db.execute(f"SELECT COUNT(*) FILTER (WHERE n > 0) FROM (SELECT SUM({SIGN}) AS n FROM settlements s"
                             f" WHERE {where} GROUP BY s.member_id)", params).fetchone()[0]
    return _People(members, member_days, member_months, {(m, d): n for m, d, n in json.loads(over_day)},
                   {(m, mo): n for m, mo, n in json.loads(over_month)})


def _totals(scan: _Scan, people: _People) -> Totals:
    return Totals(scan.visits, people.members, *(from_fen(scan.sums[name]) for name in SUMS))


def _ref(r: tuple) -> SettlementRef:
    return SettlementRef(r[ID], r[DESK], r[RECEIPT], r[MEMBER], r[DAY], from_fen(r[TOTAL]))


def _behind(db: sqlite_utils.Database, where: str, params: tuple, condition: str = "1", *,
            largest_first: bool = True, limit: int | None = LISTED) -> tuple[tuple[SettlementRef, ...], int]:
    """The settlements (never a reversed one) behind an alert, largest first or in order, and how many."""
    full = f"{where} AND s.kind = 'settlement' AND {condition} AND s.id NOT IN {UNDONE}"
    count = db.execute(f"SELECT COUNT(*) FROM settlements s WHERE {full}", params).fetchone()[0]
    order = "s.total_fen DESC, s.seq" if largest_first else "s.seq"
    tail = f" LIMIT {int(limit)}" if limit else ""
    rows = db.execute(f"SELECT {_COLUMNS} FROM settlements s WHERE {full} ORDER BY {order}{tail}", params).fetchall()
    return tuple(_ref(r) for r in rows), count


def _of_members(db: sqlite_utils.Database, members: list[str], year: int) -> dict[str, list[tuple]]:
    """Every settlement (not reversed) of these members this year, by member, through the member index."""
    found: dict[str, list[tuple]] = {m: [] for m in members}
    for start in range(0, len(members), 500):
        chunk = members[start:start + 500]
        for row in db.execute(
                f"SELECT {_COLUMNS} FROM settlements s WHERE s.member_id IN ({','.join('?' * len(chunk))})"
                f" AND s.year = ? AND s.kind = 'settlement' AND s.id NOT IN {UNDONE} ORDER BY s.seq", (*chunk, year)):
            found[row[MEMBER]].append(row)
    return found


def _items(db: sqlite_utils.Database, selection: Selection) -> list[ItemRow]:
    """Per catalog code: amount and the pool pay shared out by in-scope amount (integer fen, truncated per line).

    An item's in-scope part is its amount for 甲类, its amount less 先行自付 (half-up) for 乙类, and
    nothing for 丙类; a bill's pool pay is split in proportion. A reversal's figures are the
    original's negated, so the same split with the sign taken out nets it exactly. The shares are
    summed per day, counter and code as the lines are written (settlement_item_days, desk migration 013),
    so a month is a few thousand rows, not every line joined to its bill.
    """
    sql, params = "d.day >= ? AND d.day < ?", [selection.period.first.isoformat(), selection.period.after.isoformat()]
    if selection.desk_number:
        sql += " AND d.desk_number = ?"
        params.append(selection.desk_number)
    rows = db.execute(
        "SELECT d.code, MAX(d.name), MAX(d.fee_category), SUM(d.amount_fen), SUM(d.pool_fen)"
        f" FROM settlement_item_days d WHERE {sql} GROUP BY d.code", params).fetchall()
    return [ItemRow(code, name, category, from_fen(amount_), from_fen(pool)) for code, name, category, amount_, pool in rows]


def _caps(db: sqlite_utils.Database, library: Library | None, selection: Selection,
          near: Decimal) -> tuple[CapRow, ...]:
    """Members seen in the selection (a net visit in it) whose ordinary pool paid this year is at or near their cap."""
    if library is None:
        return ()
    period = selection.period
    where, params = selection.where()
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
            f" AND (SELECT SUM({SIGN}) FROM settlements s WHERE s.member_id = u.member_id AND {where}) > 0"
            " ORDER BY m.member_id", (last.year, lowest, *params)):
        cap = caps.get((category, scheme))
        if cap and paid >= to_fen(fen(near * from_fen(cap))):
            rows.append(CapRow(member_id, from_fen(cap), from_fen(paid)))
    return tuple(sorted(rows, key=lambda r: (-r.share, r.member_id)))


def supervise(db: sqlite_utils.Database, selection: Selection, thresholds: Thresholds = DEFAULTS,
              library: Library | None = None) -> Supervision:
    """Every indicator and alert of ``selection``; ``library`` (the policy packs) gives members' caps.

    Each figure is a GROUP BY over the period's settlements (by the day index): per day and hour,
    per member and day, per catalog code; the settlements behind an alert are read only when it fires.
    """
    t = thresholds
    where, params = selection.where()
    previous_where, previous_params = selection.where(selection.period.previous(), alias="d")
    open_from, open_until = int(t.open_from), int(t.open_until)
    scan = _scan(db, selection, open_from, open_until)
    people = _people(db, selection, t.visits_per_day_max, t.visits_per_month_max)
    totals = _totals(scan, people)
    visits_before, total_before = db.execute("SELECT COALESCE(SUM(d.visits), 0), COALESCE(SUM(d.total_fen), 0)"
                                             f" FROM settlement_days d WHERE {previous_where}",
                                             previous_params).fetchone()
    previous = Previous(visits_before, from_fen(total_before))
    items = _items(db, selection)
    structure: dict[str, Decimal] = {}
    for item in items:
        structure[item.fee_category] = structure.get(item.fee_category, ZERO) + item.amount
    fee_structure = tuple(sorted(((c, a) for c, a in structure.items() if a), key=lambda ca: (-ca[1], ca[0])))
    top = tuple(sorted((i for i in items if i.pool_pay > 0), key=lambda i: (-i.pool_pay, i.code))[:t.top_items])
    # the 套现 signals leave out settlements a reversal undid (their own reversals are not counted either)
    undone = db.execute(
        f"SELECT COALESCE(SUM(CASE WHEN {ACCOUNT_ONLY} THEN 1 ELSE 0 END), 0),"
        f" COALESCE(SUM(CASE WHEN {ACCOUNT_ONLY} THEN s.total_fen ELSE 0 END), 0),"
        f" COALESCE(SUM(CASE WHEN {EXCLUDED_CASH} THEN 1 ELSE 0 END), 0),"
        f" COALESCE(SUM(CASE WHEN {EXCLUDED_CASH} THEN s.full_self_pay_fen ELSE 0 END), 0)"
        f" FROM settlements s WHERE {where} AND s.kind = 'settlement' AND s.id IN {UNDONE}", params).fetchone()
    account_only = (scan.account_only[0] - undone[0], from_fen(scan.account_only[1] - undone[1]))
    excluded_cash = (scan.excluded[0] - undone[2], from_fen(scan.excluded[1] - undone[3]))
    off_hours = sum(n for h, n in enumerate(scan.hours) if h < t.open_from or h >= t.open_until)
    near_cap = _caps(db, library, selection, t.near_cap_share)

    result = Supervision(selection, t, totals, previous, fee_structure, scan.daily, scan.hours,
                         people.member_days, people.member_months, top, near_cap, account_only, excluded_cash, off_hours)
    indicators = _indicators(result)
    by_key = {i.key: i for i in indicators}
    alerts: list[Alert] = []
    label = selection.period.label
    cache: dict[str, tuple] = {}

    def period_alert(key: str, threshold, condition: str) -> None:
        value = by_key[key].value
        if value is not None and value > threshold:
            if condition not in cache:
                cache[condition] = _behind(db, where, params, condition)
            refs, count = cache[condition]
            alerts.append(Alert(key, ARTICLES[key], value, threshold, None, label, refs, count))

    period_alert("avg_cost", t.avg_cost_max, f"s.total_fen > {to_fen(t.avg_cost_max)}")
    period_alert("avg_cost_growth", t.avg_cost_growth_max, "1")
    period_alert("growth", t.growth_max, "1")
    period_alert("self_pay_share", t.self_pay_share_max, "s.full_self_pay_fen > 0")
    for key, category, limit in (("exam_share", EXAM, t.exam_share_max), ("lab_share", LAB, t.lab_share_max)):
        period_alert(key, limit, f"EXISTS (SELECT 1 FROM settlement_items i WHERE i.settlement_id = s.id"
                                 f" AND i.fee_category = '{category}')")

    year = (selection.period.after - dt.timedelta(days=1)).year
    over_day, over_month = people.over_day, people.over_month
    members_behind = sorted({m for m, _ in over_day} | {m for m, _ in over_month} | {c.member_id for c in near_cap})
    of_member = _of_members(db, members_behind, year) if members_behind else {}
    in_period = (selection.period.first.isoformat(), selection.period.after.isoformat())

    def mine(member_id: str, keep) -> tuple[tuple[SettlementRef, ...], int]:
        rows = [r for r in of_member.get(member_id, []) if in_period[0] <= r[DAY] < in_period[1] and keep(r)
                and (selection.desk_number is None or r[DESK] == selection.desk_number)]
        return tuple(_ref(r) for r in rows), len(rows)

    for (member_id, day), n in sorted(over_day.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        refs, count = mine(member_id, lambda r, day=day: r[DAY] == day)
        alerts.append(Alert("visits_per_member_day", ARTICLES["visits_per_member_day"], n, t.visits_per_day_max,
                            member_id, day, refs, count))
    for (member_id, month), n in sorted(over_month.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        refs, count = mine(member_id, lambda r, month=month: r[DAY][:7] == month)
        alerts.append(Alert("visits_per_member_month", ARTICLES["visits_per_member_month"], n, t.visits_per_month_max,
                            member_id, month, refs, count))
    for cap in near_cap:
        rows = of_member.get(cap.member_id, [])
        alerts.append(Alert("near_cap", ARTICLES["near_cap"], cap.share, t.near_cap_share, cap.member_id, label,
                            tuple(_ref(r) for r in rows), len(rows)))
    for key, condition, limit, measure in (
            ("account_only", ACCOUNT_ONLY, t.account_only_max, "COUNT(*)"),
            ("excluded_cash", EXCLUDED_CASH, t.excluded_cash_max, "SUM(s.full_self_pay_fen)")):
        bound = limit if key == "account_only" else to_fen(limit)
        flagged = db.execute(f"SELECT s.member_id, {measure} FROM settlements s WHERE {where} AND s.kind = 'settlement'"
                             f" AND {condition} AND s.id NOT IN {UNDONE} GROUP BY s.member_id HAVING {measure} > ?"
                             " ORDER BY s.member_id", (*params, bound)).fetchall()
        for member_id, value in flagged:
            refs, count = _behind(db, f"{where} AND s.member_id = ?", (*params, member_id), condition,
                                  largest_first=False, limit=None)
            alerts.append(Alert(key, ARTICLES[key], value if key == "account_only" else from_fen(value), limit,
                                member_id, label, refs, count))
    if off_hours > 0:
        rows = _off_hours(db, where, params, open_from, open_until, scan.other_offsets)
        alerts.append(Alert("off_hours", ARTICLES["off_hours"], off_hours, 0, None, label,
                            tuple(_ref(r) for r in rows), scan.off_hours_live))
    return Supervision(**{**result.__dict__, "indicators": indicators, "alerts": tuple(alerts)})


def _off_hours(db: sqlite_utils.Database, where: str, params: tuple, open_from: int, open_until: int,
               other_offsets: int) -> list[tuple]:
    """The first LISTED settlements (not reversed) made outside [open_from, open_until) local time (the scan counted
    them all). A timestamp the desk wrote in China Standard Time is judged by its hour text in SQL; any other offset
    (rare: a settlement made with --at in another zone) is read too, as many more rows as there are of those,
    and converted here."""
    hour = "substr(s.at, 12, 2)"
    outside = (f"substr(s.at, -6) <> '+08:00' OR {hour} < '{open_from:02d}' OR {hour} >= '{open_until:02d}'")
    rows = []
    for r in db.execute(f"SELECT {_COLUMNS} FROM settlements s WHERE {where} AND s.kind = 'settlement'"
                        f" AND s.id NOT IN {UNDONE} AND ({outside}) ORDER BY s.seq LIMIT {LISTED + int(other_offsets)}",
                        params):
        if r[AT][-6:] != "+08:00":
            local = _local_hour(r[AT][11:13], r[AT][-6:])
            if open_from <= (_hour(r[AT]) if local is None else local) < open_until:
                continue
        rows.append(r)
    return rows[:LISTED]


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
