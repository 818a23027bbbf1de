"""`desk simulate`: replay a year of visits under two policies, each member's usage carried in order.

南昌 六 estimated the reform's cost to the fund per member (人均 477.36 元 of added pool funds, against
济南 400 and 福州 300); this does the same on real or synthetic visits. Each visit is settled by the
same pure engine, in date order, with the member's deductible met, pool paid and account balance
carried from visit to visit (the per-visit deductible shared within a day and institution, as the
store does), so a lower cap or a higher deductible bites exactly where it would.

A reform is a TOML file named after its id that changes some parameters of a base pack:

    base = "nanchang"
    note = "在职人员年度限额 2000 元"
    [changes.ordinary.annual_cap]
    value = { employed = "2000", retired = "2000" }
    source = "改革测算"

Each change replaces the parameter in every version of the base that states it (and in the first),
and the result is validated like a pack: the schema, then its framework's bounds.
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import json
import tomllib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import sqlite_utils

from desk.engine import Bill, Institution, Item, Member, Usage, settle
from desk.engine.inputs import CST
from desk.money import ZERO, fen, from_fen
from desk.policy.loader import Library, PackError, parse_pack
from desk.policy.pack import Pack, PolicyError
from desk.store.private_files import CsvWriter

BUCKETS = (Decimal(0), Decimal(100), Decimal(300), Decimal(600), Decimal(1000), Decimal(2000))  # burden bands, yuan


@dataclass(frozen=True)
class Visit:
    member_id: str
    at: dt.datetime
    institution: Institution
    items: tuple[Item, ...]
    prescriber_level: int | None = None
    use_account: bool = True


@dataclass(frozen=True)
class Population:
    """Who is insured (every member counts for per-member figures, visiting or not) and their visits."""

    members: dict[str, Member]
    visits: tuple[Visit, ...]  # in the order they happened
    source: str


@dataclass
class Outcome:
    """One member's year under one policy."""

    visits: int = 0
    total: Decimal = ZERO
    pool: Decimal = ZERO
    burden: Decimal = ZERO  # what the patient bears: account + cash
    account: Decimal = ZERO
    cash: Decimal = ZERO


@dataclass(frozen=True)
class Run:
    policy: str
    outcomes: dict[str, Outcome]
    refused: int  # visits the engine refused under this policy (e.g. a bound the pack leaves unset)

    @property
    def fund(self) -> Decimal:
        return sum((o.pool for o in self.outcomes.values()), ZERO)

    @property
    def burden(self) -> Decimal:
        return sum((o.burden for o in self.outcomes.values()), ZERO)


@dataclass(frozen=True)
class Comparison:
    population: Population
    base: Run
    other: Run
    differences: dict[str, Decimal] = field(default_factory=dict)  # member → burden under other − base

    @property
    def members(self) -> int:
        return len(self.population.members)

    def per_member(self, amount: Decimal) -> Decimal:
        return fen(amount / self.members) if self.members else ZERO

    @property
    def gainers(self) -> list[tuple[str, Decimal]]:
        return sorted(((m, d) for m, d in self.differences.items() if d < 0), key=lambda md: (md[1], md[0]))

    @property
    def losers(self) -> list[tuple[str, Decimal]]:
        return sorted(((m, d) for m, d in self.differences.items() if d > 0), key=lambda md: (-md[1], md[0]))


class ReformError(ValueError):
    """A reform file that cannot be used: the file, the key and what is wrong."""


def _flatten(table: dict, prefix: str = "") -> dict[str, dict]:
    out = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if not isinstance(value, dict):
            raise ReformError(f"changes.{name}: must be a parameter table with value (or unset) and source")
        if "value" in value or "unset" in value:
            out[name] = value
        else:
            out.update(_flatten(value, f"{name}."))
    return out


def _set(version: dict, dotted: str, param: dict) -> None:
    *path, last = dotted.split(".")
    for part in path:
        version = version.setdefault(part, {})
    version[last] = copy.deepcopy(param)


def _has(version: dict, dotted: str) -> bool:
    for part in dotted.split("."):
        if not isinstance(version, dict) or part not in version:
            return False
        version = version[part]
    return True


def load_reform(path: Path, library: Library) -> Pack:
    """The base pack with the reform's changes, validated as a pack and against its framework's bounds."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReformError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ReformError(f"{path}: not TOML ({exc})") from None
    unknown = set(raw) - {"base", "note", "changes"}
    if unknown:
        raise ReformError(f"{path}: {', '.join(sorted(unknown))}: unknown key (a reform has base, note, changes)")
    base_id = raw.get("base")
    if not isinstance(base_id, str):
        raise ReformError(f"{path}: base: name the pack the reform changes (base = \"nanchang\")")
    base_path = library.path_of(base_id) if base_id.replace("_", "").replace("-", "").isalnum() else None
    if base_path is None:
        raise ReformError(f"{path}: base: unknown policy {base_id!r} (known: {', '.join(library.ids())})")
    changes = raw.get("changes")
    if not isinstance(changes, dict) or not changes:
        raise ReformError(f"{path}: changes: a reform changes at least one parameter ([changes.ordinary.annual_cap])")
    flat = _flatten(changes)
    data = tomllib.loads(base_path.read_text(encoding="utf-8"))
    data["id"] = Path(path).stem
    data["name"] = f"{data.get('name', base_id)}（{raw.get('note') or Path(path).stem}）"
    for n, version in enumerate(data["versions"]):
        for key, param in flat.items():
            if n == 0 or _has(version, key):
                _set(version, key, param)
    try:
        return library.check(parse_pack(data, str(path)))
    except PackError as exc:
        raise ReformError(str(exc)) from None


def policy(spec: str, library: Library) -> Pack:
    """A shipped pack by id, or a reform file (.toml) of one."""
    if spec.endswith(".toml"):
        return load_reform(Path(spec), library)
    try:
        return library.get(spec)
    except (PolicyError, PackError) as exc:
        raise ReformError(f"policy: {exc}") from None


def replay(pack: Pack, population: Population) -> Run:
    """Settle every visit in order under ``pack``, carrying each member's usage and balance."""
    usage: dict[str, tuple[int, Usage]] = {}
    last_day: dict[str, tuple[dt.date, str]] = {}
    balance = {m: member.account_balance for m, member in population.members.items()}
    outcomes = {m: Outcome() for m in population.members}
    refused = 0
    for visit in population.visits:
        member = population.members[visit.member_id]
        day = visit.at.astimezone(CST).date()
        year, before = usage.get(visit.member_id, (day.year, Usage()))
        if year != day.year:
            before = Usage()
        if last_day.get(visit.member_id) != (day, visit.institution.id):
            before = Usage(before.deductible_met, before.ordinary_pool_paid, ZERO, before.fund_paid_total)
        payer = Member(member.category, member.birth_date, member.scheme, member.family_doctor_institution,
                       member.eligible, member.inpatient, balance[visit.member_id])
        bill = Bill(visit.institution, visit.items, visit.prescriber_level, "ordinary", visit.use_account)
        try:
            result = settle(pack, payer, before, bill, visit.at)
        except PolicyError:
            refused += 1
            continue
        usage[visit.member_id] = (day.year, result.usage_after)
        last_day[visit.member_id] = (day, visit.institution.id)
        balance[visit.member_id] -= result.account_pay
        o = outcomes[visit.member_id]
        o.visits += 1
        o.total += result.total
        o.pool += result.pool_pay
        o.account += result.account_pay
        o.cash += result.cash_pay
        o.burden += result.account_pay + result.cash_pay
    return Run(pack.id, outcomes, refused)


def compare(base: Pack, other: Pack, population: Population) -> Comparison:
    a, b = replay(base, population), replay(other, population)
    differences = {m: b.outcomes[m].burden - a.outcomes[m].burden for m in population.members}
    return Comparison(population, a, b, differences)


def distribution(run: Run) -> list[tuple[str, int]]:
    """Members by patient burden band (yuan), every member counted."""
    labels = [f"{lo}–{hi}" for lo, hi in zip(BUCKETS, BUCKETS[1:])] + [f"≥{BUCKETS[-1]}"]
    counts = [0] * len(labels)
    for o in run.outcomes.values():
        band = sum(1 for edge in BUCKETS[1:] if o.burden >= edge)
        counts[band] += 1
    return list(zip(labels, counts))


def quantile(values: list[Decimal], q: Decimal) -> Decimal:
    if not values:
        return ZERO
    ordered = sorted(values)
    index = int((q * (len(ordered) - 1)).to_integral_value(ROUND_HALF_UP))
    return ordered[index]


# --- populations ---------------------------------------------------------------------------------------------

def synthetic(place: str, members: int, seed: int = 1, year: int = 2026) -> Population:
    """The demo generator's members and a year of their visits at the demo site of ``place``."""
    from desk.demo import demo_catalog, demo_members, demo_usage_plan
    from desk.demo import SITES

    if place not in SITES:
        raise ReformError(f"place: synthetic populations exist for {', '.join(SITES)}, not {place!r}")
    code, _, level, kind, region = SITES[place]
    roster = demo_members(members, seed, region=region, today=dt.date(year, 12, 31))
    catalog = {row["code"]: row for row in demo_catalog(seed)}
    institution = Institution(level, kind, True, code)
    people = {r["member_id"]: Member(r["category"], dt.date.fromisoformat(r["birth_date"]), r["scheme"] or "employer",
                                     r.get("family_doctor_institution") or None, r["eligible"] == "true", False,
                                     Decimal(r["account_balance"] or "0")) for r in roster}
    visits = []
    for number, (member_id, day, codes) in enumerate(demo_usage_plan(roster, seed, year=year)):
        items = tuple(Item(Decimal(catalog[c]["unit_price"]), catalog[c]["class"], Decimal(catalog[c]["selfpay_ratio"]),
                           c, catalog[c]["name"]) for c in codes)
        at = dt.datetime.combine(day, dt.time(8 + number % 9, (number * 7) % 60), CST)
        visits.append(Visit(member_id, at, institution, items))
    return Population(people, tuple(visits), f"synthetic {place}, {members} members, {year}")


def from_desk(db: sqlite_utils.Database, year: int) -> Population:
    """The desk's settlements of ``year`` that were not reversed, in order, with the members of its roster.

    A member's opening balance is taken as today's plus what the year's settlements took from it.
    """
    desk = db.execute("SELECT institution_code, level, type, designated FROM desk").fetchone()
    institution = Institution(desk[1], desk[2], bool(desk[3]), desk[0])
    spent = dict(db.execute("SELECT COALESCE(payer_id, member_id), SUM(account_pay_fen) FROM settlements"
                            " WHERE year = ? GROUP BY 1", (year,)).fetchall())
    people = {}
    for member_id, category, birth, scheme, doctor, eligible, balance in db.execute(
            "SELECT member_id, category, birth_date, scheme, family_doctor_institution, eligible, account_balance_fen"
            " FROM members"):
        opening = from_fen(max(0, balance) + (spent.get(member_id) or 0))
        people[member_id] = Member(category, dt.date.fromisoformat(birth), scheme, doctor, bool(eligible), False, opening)
    items: dict[str, list[Item]] = {}
    for sid, amount, cls, ratio, code, name in db.execute(
            "SELECT i.settlement_id, i.amount_fen, i.class, i.selfpay_ratio, i.code, i.name FROM settlement_items i"
            " JOIN settlements s ON s.id = i.settlement_id WHERE s.year = ? AND s.kind = 'settlement'"
            " ORDER BY s.seq, i.line", (year,)):
        items.setdefault(sid, []).append(Item(from_fen(amount), cls, Decimal(ratio), code, name))
    visits = []
    for sid, member_id, at, inputs in db.execute(
            "SELECT s.id, s.member_id, s.at, s.inputs FROM settlements s WHERE s.year = ? AND s.kind = 'settlement'"
            " AND NOT EXISTS (SELECT 1 FROM settlements r WHERE r.reverses = s.id) ORDER BY s.seq", (year,)):
        raw = json.loads(inputs)
        visits.append(Visit(member_id, dt.datetime.fromisoformat(at), institution, tuple(items.get(sid, ())),
                            raw.get("prescriber_level"), raw.get("use_account", True)))
    return Population(people, tuple(visits), f"desk {desk[0]}, {year}")


# --- output --------------------------------------------------------------------------------------------------

def summary_lines(c: Comparison) -> list[str]:
    a, b = c.base, c.other
    lines = [f"population: {c.population.source}; {c.members} members, {len(c.population.visits)} visits",
             f"{'':28}{a.policy:>18}{b.policy:>18}{'difference':>14}"]

    def row(label: str, x, y, diff=True):
        lines.append(f"{label:<28}{str(x):>18}{str(y):>18}{(str(y - x) if diff else ''):>14}")
    row("fund (pool pay) total", a.fund, b.fund)
    row("fund per member", c.per_member(a.fund), c.per_member(b.fund))
    row("patient burden total", a.burden, b.burden)
    row("patient burden per member", c.per_member(a.burden), c.per_member(b.burden))
    burdens_a = [o.burden for o in a.outcomes.values()]
    burdens_b = [o.burden for o in b.outcomes.values()]
    for q in ("0.5", "0.9", "0.99"):
        row(f"burden p{int(Decimal(q) * 100)}", quantile(burdens_a, Decimal(q)), quantile(burdens_b, Decimal(q)))
    row("burden max", max(burdens_a, default=ZERO), max(burdens_b, default=ZERO))
    row("visits refused by the engine", a.refused, b.refused)
    gain, lose = c.gainers, c.losers
    lines.append(f"members who gain (bear less): {len(gain)}, by {-sum((d for _, d in gain), ZERO)} in all"
                 + (f", at most {-gain[0][1]} ({gain[0][0]})" if gain else ""))
    lines.append(f"members who lose (bear more): {len(lose)}, by {sum((d for _, d in lose), ZERO)} in all"
                 + (f", at most {lose[0][1]} ({lose[0][0]})" if lose else ""))
    lines.append("burden bands (yuan): " + "; ".join(
        f"{label}: {x} → {y}" for (label, x), (_, y) in zip(distribution(a), distribution(b))))
    return lines


def members_csv(c: Comparison) -> str:
    out = io.StringIO()
    writer = CsvWriter(out)
    a, b = c.base.policy, c.other.policy
    writer.writerow(["member_id", "category", "visits", f"pool_{a}", f"burden_{a}", f"pool_{b}", f"burden_{b}",
                     "burden_difference"])
    for member_id in sorted(c.population.members):
        x, y = c.base.outcomes[member_id], c.other.outcomes[member_id]
        writer.writerow([member_id, c.population.members[member_id].category, x.visits, x.pool, x.burden, y.pool,
                         y.burden, y.burden - x.burden])
    return out.getvalue()
