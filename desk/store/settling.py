"""Settling and reversing bills on the desk database, each in ONE transaction.

A settlement, its items, the usage ledger row, the personal-account debit, the outbox row, the
audit row and the receipt number are written together or not at all. The receipt counter is
bumped first, so the transaction holds the write lock from its first statement (no other
desk process can slip in between the usage it read and the usage it writes) and numbers run
without gaps: a rolled-back settlement gives its number back.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import sqlite_utils

from desk.domain import FIGURES, relation_code
from desk.engine import Bill, Certification, Item, Member, Settlement, local_day, settle
from desk.engine.answer import answer, request_of
from desk.money import FEN, fen, from_fen, to_fen
from desk.policy.loader import Library
from desk.policy.pack import PolicyError
from desk.prescription import Prescription
from desk.store import audit, payments as paying, pharmacy
from desk.store.catalog import get_item
from desk.store.database import StoreError, write_transaction
from desk.store.dating import LateEntry, check_late_entry
from desk.store.identity import get_desk
from desk.store.payments import Payment
from desk.store.pharmacy import DrugLine
from desk.store.roster import MemberRecord, certifications_of, family_of, get_member, member_named
from desk.store.usage import benefit_ledger_of, benefit_moves, move_account, record, record_benefits, usage_for
from desk.store.users import Actor, require

QUANTITY_STEP = Decimal("0.001")  # a quantity has at most three decimals (拆零)


@dataclass(frozen=True)
class BillLine:
    code: str
    quantity: Decimal = Decimal("1")
    unit_price: Decimal | None = None  # None: the catalog's price
    drug: DrugLine = DrugLine()  # traceability codes, 无码 reason, batch and expiry (desk.store.pharmacy)


# Per-line plausibility limits: a typo (99999 consultation fees) must not become a ¥575,007 bill that
# uses up the patient's whole annual cap. A real outpatient line stays far below both.
MAX_QUANTITY = Decimal("999")
MAX_LINE_AMOUNT = Decimal("50000.00")


class ImplausibleLine(StoreError):
    """A bill line past a plausibility limit; ``field`` is "quantity" or "amount"."""

    def __init__(self, line: int, code: str, field: str, value: Decimal, limit: Decimal):
        self.line, self.code, self.field, self.value, self.limit = line, code, field, value, limit
        super().__init__(f"line {line} {field}: {value} for {code} is more than the plausible {limit}")


class PriceNeedsApproval(StoreError):
    """A line priced other than the catalog says: settling it needs a supervisor's approval."""

    def __init__(self, line: int, code: str, catalog: Decimal, price: Decimal):
        self.line, self.code, self.catalog, self.price = line, code, catalog, price
        super().__init__(f"line {line} unit price: {price} for {code} differs from the catalog's {catalog};"
                         " a supervisor must approve it")


@dataclass(frozen=True)
class StoredSettlement:
    id: str
    receipt_no: int
    desk_number: str
    kind: str
    reverses: str | None
    member_id: str
    payer_id: str | None
    cashier: str
    at: str
    day: str
    year: int
    policy_version: str
    figures: dict[str, Decimal]
    ratio: str
    hifp_pay: Decimal
    hifob_pay: Decimal
    balance_after: Decimal
    answer: dict
    items: tuple[dict, ...]
    reason: str
    demo: bool
    late_entry: bool = False  # 补录: recorded by a supervisor after the fact (``reason`` says why)
    entered_at: str | None = None  # the desk's clock when it was recorded (None on rows before migration 008)
    benefit: str = "ordinary"
    disease: str | None = None
    payments: tuple[tuple[str, Decimal], ...] = ()  # the cash part by method (desk.store.payments), in yuan


class LineError(ValueError):
    """A bill line's quantity or unit price refused: ``field`` is "quantity" or "unit price"; ``kind``
    is ``not_a_number`` or ``out_of_range`` (the interface picks its words by them)."""

    def __init__(self, field: str, kind: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field, self.kind, self.reason = field, kind, reason


def _number(value: object, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip()) if isinstance(value, str) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise LineError(field, "not_a_number", f"{value!r} is not a number") from None
    return number


def line_quantity(value: object) -> Decimal:
    """A line's quantity: positive, at most three decimals (拆零: 0.5 box, 0.125 kg)."""
    quantity = _number(value, "quantity")
    if not quantity.is_finite() or quantity <= 0 or quantity != quantity.quantize(QUANTITY_STEP):
        raise LineError("quantity", "out_of_range", f"{value} must be positive with at most 3 decimals")
    return quantity


def line_unit_price(value: object) -> Decimal:
    """A line's unit price in yuan: non-negative, to the fen."""
    price = _number(value, "unit price")
    if not price.is_finite() or price < 0 or price != price.quantize(FEN):
        raise LineError("unit price", "out_of_range", f"{value} must be a non-negative amount in fen")
    return price


def line_amount(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """What a line costs: quantity × unit price, rounded half-up to the fen."""
    return fen(quantity * unit_price)


def _lines_to_items(db: sqlite_utils.Database, lines: list[BillLine]) -> tuple[list[Item], list[dict]]:
    if not lines:
        raise StoreError("bill: has no items; add at least one")
    items, rows = [], []
    for number, line in enumerate(lines, start=1):
        catalog = get_item(db, pharmacy.item_for_barcode(db, line.code) or line.code)  # a box barcode names its item
        try:
            quantity = line_quantity(line.quantity)
            price = catalog.unit_price if line.unit_price is None else line_unit_price(line.unit_price)
        except LineError as exc:
            raise StoreError(f"line {number} {exc.field}: {exc.reason}") from None
        if quantity > MAX_QUANTITY:
            raise ImplausibleLine(number, catalog.code, "quantity", quantity, MAX_QUANTITY)
        amount = line_amount(quantity, price)
        if amount > MAX_LINE_AMOUNT:
            raise ImplausibleLine(number, catalog.code, "amount", amount, MAX_LINE_AMOUNT)
        items.append(Item(amount, catalog.cls, catalog.selfpay_ratio, catalog.code, catalog.name,
                          scheme=catalog.scheme, account_excluded=catalog.account_excluded))
        rows.append({"line": number, "code": catalog.code, "name": catalog.name, "class": catalog.cls,
                     "selfpay_ratio": str(catalog.selfpay_ratio), "fee_category": catalog.fee_category,
                     "quantity": f"{quantity.normalize():f}", "unit_price_fen": to_fen(price),  # 10, not 1E+1
                     "amount_fen": to_fen(amount), "scheme": catalog.scheme,
                     "account_excluded": int(catalog.account_excluded), "catalog_price_fen": to_fen(catalog.unit_price)})
    return items, rows


def _overridden_prices(rows: list[dict], approver: Actor | None) -> list[dict]:
    """The lines priced other than the catalog, each refused unless a supervisor approved."""
    changed = [r for r in rows if r["unit_price_fen"] != r["catalog_price_fen"]]
    if changed and (approver is None or not approver.may("override_price")):
        first = changed[0]
        raise PriceNeedsApproval(first["line"], first["code"], from_fen(first["catalog_price_fen"]),
                                 from_fen(first["unit_price_fen"]))
    return changed


INVERSE = {"spouse": "spouse", "parent": "child", "child": "parent"}


def payer_relation(db: sqlite_utils.Database, member_id: str, payer_id: str) -> str | None:
    """The payer's relation to the patient (the payer is the patient's spouse, parent or child), from the
    family link in either direction; None when the link states none."""
    row = db.execute("SELECT relation FROM family_links WHERE member_id = ? AND relative_id = ?",
                     (member_id, payer_id)).fetchone()
    if row is not None:  # the patient's link: the payer is the patient's <relation>
        return relation_code(row[0])
    row = db.execute("SELECT relation FROM family_links WHERE member_id = ? AND relative_id = ?",
                     (payer_id, member_id)).fetchone()
    code = relation_code(row[0]) if row else None  # the payer's link: the patient is the payer's <relation>
    return INVERSE[code] if code else None


def _payer(db: sqlite_utils.Database, member: MemberRecord, payer_id: str | None) -> tuple[MemberRecord, str | None]:
    """Whose account pays, and the payer's relation to the patient (None for the patient's own account).

    A family account pays only for the holder's spouse, parents and children (濮阳 第七条, 重庆 第十条):
    a link whose relation the roster does not state is refused as a payer."""
    if not payer_id or payer_id == member.member_id:
        return member, None
    for relative, _ in family_of(db, member.member_id):
        if relative.member_id == payer_id:
            relation = payer_relation(db, member.member_id, payer_id)
            if relation is None:
                raise StoreError(f"payer: the family link between {member.member_id} and {payer_id} states no"
                                 " relation; a family account pays only for a spouse, parent or child (家庭共济)")
            return relative, relation
    raise StoreError(f"payer: {payer_id} is not linked to {member.member_id} for family use (家庭共济)")


def _refusal(exc: PolicyError) -> str:
    """The engine's refusal as one line naming the field, as ``desk quote`` says it."""
    text = str(exc)
    return f"{exc.field}: {text}" if exc.field and not text.startswith(f"{exc.field}:") else text


def _engine_member(db: sqlite_utils.Database, member: MemberRecord, payer: MemberRecord) -> Member:
    certified = tuple(Certification(b, d, f, t) for b, d, f, t in certifications_of(db, member.member_id))
    return Member(member.category, member.birth_date, member.scheme, member.family_doctor_institution,
                  member.eligible, False, from_fen(payer.account_balance_fen), certified)


def _insert(db: sqlite_utils.Database, row: dict, items: list[dict]) -> None:
    db.execute(f"INSERT INTO settlements ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
    for item in items:
        values = {"settlement_id": row["id"], **item}
        db.execute(f"INSERT INTO settlement_items ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                   tuple(values.values()))
    db.execute("INSERT INTO outbox (settlement_id, queued_at) VALUES (?, ?)", (row["id"], row["at"]))


def _next_receipt(db: sqlite_utils.Database) -> int:
    return db.execute("UPDATE desk SET receipt_counter = receipt_counter + 1 WHERE id = 1"
                      " RETURNING receipt_counter").fetchone()[0]


def _prescriber_level(desk, prescriber_level: int | None, prescription: Prescription | None) -> int | None:
    """A pharmacy bill on an external prescription settles at the level of the institution that wrote it."""
    if prescription is None:
        return prescriber_level
    if prescriber_level is not None and prescriber_level != prescription.institution_level:
        raise StoreError(f"prescriber level: {prescriber_level} differs from the prescription's institution level"
                         f" {prescription.institution_level}")
    return prescription.institution_level if desk.type == "pharmacy" else prescriber_level


def preview_bill(db: sqlite_utils.Database, library: Library, member_key: str, lines: list[BillLine],
                 at: dt.datetime, *, prescriber_level: int | None = None, use_account: bool = True,
                 payer_id: str | None = None, prescription: Prescription | None = None,
                 benefit: str = "ordinary", disease: str | None = None) -> Settlement:
    """The split the bill would get if settled now: the same reads and engine call, nothing written.

    ``member_key`` is a member id (the counter resolves a scan to one once), else an unambiguous code.

    The counter calls it on every edit, so the cashier sees the split before settling.
    """
    desk = get_desk(db)
    member = member_named(db, member_key)
    items, _ = _lines_to_items(db, lines)
    day = local_day(at)
    usage = usage_for(db, member.member_id, day.year, day, desk.institution_code)
    payer, relation = _payer(db, member, payer_id)
    bill = Bill(desk.institution, tuple(items), _prescriber_level(desk, prescriber_level, prescription), benefit,
                use_account, disease, relation)
    try:
        return settle(library.get(desk.policy), _engine_member(db, member, payer), usage, bill, at)
    except PolicyError as exc:
        raise StoreError(_refusal(exc)) from None


def settle_bill(db: sqlite_utils.Database, library: Library, actor: Actor, member_key: str, lines: list[BillLine],
                at: dt.datetime, *, prescriber_level: int | None = None, use_account: bool = True,
                payer_id: str | None = None, settlement_id: str | None = None,
                prescription: Prescription | None = None, price_approver: Actor | None = None,
                benefit: str = "ordinary", disease: str | None = None,
                late: LateEntry | None = None, payments: list[Payment] | None = None) -> StoredSettlement:
    """Settle a bill for the member a scanned code names; settling the same id twice returns the first.

    A drug line's traceability codes are checked and recorded in the same transaction; a pharmacy's
    prescription drugs need a valid external prescription, whose institution's level settles the bill.
    A line priced other than the catalog needs ``price_approver``, a supervisor, recorded in the audit log.
    ``at`` is the desk's clock, and dates the settlement; ``late`` is a supervisor's late entry
    (补录) dated when the bill happened, for a business day not yet closed (desk.store.dating).
    ``payments`` says how the cash due is paid (default: all 现金); the parts must add up to the cash
    due the engine finds inside the transaction, or nothing is written (desk.store.payments).
    """
    require(actor, "settle")
    if late is not None:
        require(actor, "late_entry")
    desk = get_desk(db)
    pack = library.get(desk.policy)
    if settlement_id:
        existing = find_settlement(db, settlement_id)
        if existing:
            return existing
    member_named(db, member_key)
    items, item_rows = _lines_to_items(db, lines)
    overridden = _overridden_prices(item_rows, price_approver)
    item_rows = [{k: v for k, v in r.items() if k != "catalog_price_fen"} for r in item_rows]
    entered_at, bill_at = at, (late.at if late else at)
    day = local_day(bill_at)
    pharmacy.check_prescription(db, desk.type, [r["code"] for r in item_rows], prescription, day)
    level = _prescriber_level(desk, prescriber_level, prescription)
    sid = settlement_id or str(uuid.uuid4())
    settings = pharmacy.get_settings(db)
    with write_transaction(db):
        receipt = _next_receipt(db)  # first statement: takes the write lock before any usage is read
        late_reason = check_late_entry(db, actor, late, entered_at) if late else ""
        drugs = pharmacy.plan(db, [(r["code"], Decimal(r["quantity"]), line.drug) for r, line in zip(item_rows, lines)],
                              day, settings.enforced(desk.type))
        if settlement_id and find_settlement(db, sid):  # settled by another process since we looked
            raise StoreError(f"settlement {sid} exists already")
        member = member_named(db, member_key)  # again, inside the lock: its balance may have moved
        payer, relation = _payer(db, member, payer_id)
        bill = Bill(desk.institution, tuple(items), level, benefit, use_account, disease, relation)
        usage = usage_for(db, member.member_id, day.year, day, desk.institution_code)
        engine_member = _engine_member(db, member, payer)
        try:
            result = settle(pack, engine_member, usage, bill, bill_at)
        except PolicyError as exc:
            raise StoreError(_refusal(exc)) from None
        parts = paying.allocate(payments, result.cash_pay)  # refused here: nothing written, the number given back
        figures = {f"{k}_fen": to_fen(getattr(result, k)) for k in FIGURES}
        funds = {f.fund: to_fen(f.amount) for f in result.funds}
        balance_after = payer.account_balance_fen - figures["account_pay_fen"]
        inputs = {"member": member.member_id, "payer": payer.member_id, "usage_before": {
            "deductible_met": str(usage.deductible_met), "ordinary_pool_paid": str(usage.ordinary_pool_paid),
            "same_day_deductible_met": str(usage.same_day_deductible_met),
            "fund_paid_total": None if usage.fund_paid_total is None else str(usage.fund_paid_total)},
            "institution": desk.institution_code, "level": desk.level, "type": desk.type,
            "prescriber_level": bill.prescriber_level, "use_account": use_account,
            **({"prescription": prescription.as_dict()} if prescription else {}),
            # exactly what the engine was given, as a quote request: the hub re-settles from it
            "request": request_of(pack.id, engine_member, usage, bill, at), "pack_digest": pack.digest}
        row = {"id": sid, "receipt_no": receipt, "desk_number": desk.desk_number,
               "institution_code": desk.institution_code, "kind": "settlement", "reverses": None,
               "member_id": member.member_id, "payer_id": payer.member_id if figures["account_pay_fen"] else None,
               "cashier": actor.user_id, "at": bill_at.isoformat(), "day": day.isoformat(), "year": result.year,
               "policy_version": result.policy_version, **figures, "ratio": str(result.ratio),
               "hifp_pay_fen": funds.get("hifp", 0), "hifob_pay_fen": funds.get("hifob", 0),
               "balance_after_fen": balance_after, "answer": json.dumps(answer(result), ensure_ascii=False),
               "inputs": json.dumps(inputs, ensure_ascii=False), "reason": late_reason, "demo": int(desk.demo),
               "pack_digest": pack.digest, "benefit": result.benefit, "disease": result.disease,
               "late_entry": int(late is not None), "entered_at": entered_at.isoformat()}
        _insert(db, row, item_rows)
        paying.record(db, sid, parts)
        pharmacy.record(db, sid, drugs, prescription, settings.rx_default_days)
        after = result.usage_after
        record(db, sid, member.member_id, result.year, day.isoformat(), desk.institution_code,
               to_fen(after.deductible_met - usage.deductible_met),
               to_fen(after.same_day_deductible_met - usage.same_day_deductible_met), figures["pool_pay_fen"],
               to_fen(after.ordinary_pool_paid - usage.ordinary_pool_paid))
        record_benefits(db, sid, member.member_id, result.year, benefit_moves(usage, after))
        if figures["account_pay_fen"]:
            move_account(db, sid, payer.member_id, -figures["account_pay_fen"])
        detail = {"receipt": receipt, "member": member.member_id, "total": str(result.total),
                  "pool_pay": str(result.pool_pay), "account_pay": str(result.account_pay),
                  "cash_pay": str(result.cash_pay), "payment": {m: str(from_fen(a)) for m, a in parts}}
        if late:
            detail["late_entry"] = {"at": bill_at.isoformat(), "reason": late_reason}
        audit.append(db, entered_at.isoformat(), actor.user_id, "settle", sid, detail)
        for line in overridden:
            audit.append(db, entered_at.isoformat(), price_approver.user_id, "override_price", sid,
                         {"receipt": receipt, "cashier": actor.user_id, "line": line["line"], "code": line["code"],
                          "catalog_price": str(from_fen(line["catalog_price_fen"])),
                          "price": str(from_fen(line["unit_price_fen"]))})
    return _stored(row, item_rows, parts)


def reverse(db: sqlite_utils.Database, actor: Actor, settlement_id: str, at: dt.datetime, reason: str, *,
            cashier: Actor | None = None, late: LateEntry | None = None) -> StoredSettlement:
    """A reversing settlement (冲销) that gives back the usage and the account money of the original.

    ``actor`` approves (a supervisor); the reversal is booked to ``cashier``, the till's cashier who
    pays the money back out of the drawer (default: the approver), so the Z report's per-cashier
    totals match each drawer. The approver is recorded in the reversal's inputs and the audit log.
    ``at`` is the desk's clock; ``late`` dates the reversal earlier, under the late-entry rules.
    """
    require(actor, "reverse")
    till = cashier or actor
    if not (reason or "").strip():
        raise StoreError("reason: a reversal needs a reason")
    desk = get_desk(db)
    rid = str(uuid.uuid4())
    entered_at = at
    with write_transaction(db):
        receipt = _next_receipt(db)
        if late:
            check_late_entry(db, actor, late, entered_at)
            at = late.at
        original = find_settlement(db, settlement_id)
        if original is None:
            raise StoreError(f"settlement: no settlement {settlement_id!r} on this desk")
        if original.kind == "reversal":
            raise StoreError(f"settlement: receipt {original.receipt_no} is itself a reversal")
        if original.desk_number != desk.desk_number:
            raise StoreError(f"settlement: receipt {original.receipt_no} was made at desk {original.desk_number};"
                             " only that desk may reverse it")
        done = db.execute("SELECT receipt_no FROM settlements WHERE reverses = ?", (original.id,)).fetchone()
        if done:
            raise StoreError(f"settlement: receipt {original.receipt_no} is already reversed by receipt {done[0]}")
        negated = {f"{k}_fen": -to_fen(v) for k, v in original.figures.items()}
        reversed_answer = {**original.answer, **{k: str(0 - v) for k, v in original.figures.items()},
                           "explain": [{"step": "reversal", "amount": str(0 - original.figures["total"]),
                                        "why": f"冲销第{original.receipt_no}号结算：{reason.strip()}",
                                        "source": original.policy_version}]}
        row = {"id": rid, "receipt_no": receipt, "desk_number": desk.desk_number,
               "institution_code": desk.institution_code, "kind": "reversal", "reverses": original.id,
               "member_id": original.member_id, "payer_id": original.payer_id, "cashier": till.user_id,
               "at": at.isoformat(), "day": local_day(at).isoformat(), "year": original.year,
               "policy_version": original.policy_version, **negated, "ratio": original.ratio,
               "hifp_pay_fen": -to_fen(original.hifp_pay), "hifob_pay_fen": -to_fen(original.hifob_pay),
               "balance_after_fen": 0, "answer": json.dumps(reversed_answer, ensure_ascii=False),
               "inputs": json.dumps({"reverses": original.id, "approved_by": actor.user_id}), "reason": reason.strip(), "demo": int(desk.demo),
               "pack_digest": db.execute("SELECT pack_digest FROM settlements WHERE id = ?",
                                         (original.id,)).fetchone()[0],
               "benefit": original.benefit, "disease": original.disease,
               "late_entry": int(late is not None), "entered_at": entered_at.isoformat()}
        ledger = db.execute("SELECT deductible_fen, same_day_fen, pool_paid_fen, day, institution_code,"
                            " COALESCE(ordinary_pool_fen, pool_paid_fen) FROM usage_ledger"
                            " WHERE settlement_id = ?", (original.id,)).fetchone()
        credit = to_fen(original.figures["account_pay"]) if original.payer_id else 0
        row["balance_after_fen"] = get_member(db, original.payer_id or original.member_id).account_balance_fen + credit
        _insert(db, row, [{**item, "quantity": f"-{item['quantity']}", "amount_fen": -item["amount_fen"]}
                          for item in original.items])
        paying.record(db, rid, paying.reversed_parts(db, original.id))  # paid back the way it was paid
        record(db, rid, original.member_id, original.year, ledger[3], ledger[4], -ledger[0], -ledger[1], -ledger[2],
               -ledger[5])
        record_benefits(db, rid, original.member_id, original.year,
                        [(kind, key, -amount) for kind, key, amount in benefit_ledger_of(db, original.id)])
        released = pharmacy.release(db, original.id, rid)
        if credit:
            move_account(db, rid, original.payer_id, credit)
        detail = {"receipt": receipt, "reverses": original.id, "original_receipt": original.receipt_no,
                  "reason": reason.strip(), "cashier": till.user_id,
                  **({"trace_units_released": released} if released else {})}
        if late:
            detail["late_entry"] = {"at": at.isoformat(), "reason": (late.reason or "").strip() or reason.strip()}
        audit.append(db, entered_at.isoformat(), actor.user_id, "reverse", rid, detail)
    return get_settlement(db, rid)


def _stored(row: dict, item_rows: list[dict], parts: list[tuple[str, int]]) -> StoredSettlement:
    """The record of a settlement just written, without reading it back."""
    return StoredSettlement(
        id=row["id"], receipt_no=row["receipt_no"], desk_number=row["desk_number"], kind=row["kind"],
        reverses=row["reverses"], member_id=row["member_id"], payer_id=row["payer_id"], cashier=row["cashier"],
        at=row["at"], day=row["day"], year=row["year"], policy_version=row["policy_version"],
        figures={k: from_fen(row[f"{k}_fen"]) for k in FIGURES}, ratio=row["ratio"],
        hifp_pay=from_fen(row["hifp_pay_fen"]),
        hifob_pay=from_fen(row["hifob_pay_fen"]), balance_after=from_fen(row["balance_after_fen"]),
        answer=json.loads(row["answer"]), items=tuple(item_rows), reason=row["reason"], demo=bool(row["demo"]),
        late_entry=bool(row["late_entry"]), entered_at=row["entered_at"],
        benefit=row.get("benefit", "ordinary"), disease=row.get("disease"),
        payments=tuple((m, from_fen(a)) for m, a in parts))


_COLUMNS = ("id", "receipt_no", "desk_number", "kind", "reverses", "member_id", "payer_id", "cashier", "at", "day",
            "year", "policy_version", *(f"{k}_fen" for k in FIGURES), "ratio", "hifp_pay_fen", "hifob_pay_fen",
            "balance_after_fen", "answer", "reason", "demo", "benefit", "disease", "late_entry", "entered_at")


def find_settlement(db: sqlite_utils.Database, settlement_id: str) -> StoredSettlement | None:
    row = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM settlements WHERE id = ?", (settlement_id,)).fetchone()
    if row is None:
        return None
    v = dict(zip(_COLUMNS, row))
    items = tuple(dict(zip(("line", "code", "name", "class", "selfpay_ratio", "fee_category", "quantity",
                            "unit_price_fen", "amount_fen", "scheme", "account_excluded"), r)) for r in db.execute(
        "SELECT line, code, name, class, selfpay_ratio, fee_category, quantity, unit_price_fen, amount_fen, scheme,"
        " account_excluded FROM settlement_items WHERE settlement_id = ? ORDER BY line", (settlement_id,)))
    return StoredSettlement(
        id=v["id"], receipt_no=v["receipt_no"], desk_number=v["desk_number"], kind=v["kind"], reverses=v["reverses"],
        member_id=v["member_id"], payer_id=v["payer_id"], cashier=v["cashier"], at=v["at"], day=v["day"],
        year=v["year"], policy_version=v["policy_version"], figures={k: from_fen(v[f"{k}_fen"]) for k in FIGURES},
        ratio=v["ratio"], hifp_pay=from_fen(v["hifp_pay_fen"]), hifob_pay=from_fen(v["hifob_pay_fen"]),
        balance_after=from_fen(v["balance_after_fen"]), answer=json.loads(v["answer"]), items=items, reason=v["reason"],
        demo=bool(v["demo"]), benefit=v["benefit"], disease=v["disease"], late_entry=bool(v["late_entry"]),
        entered_at=v["entered_at"], payments=tuple(paying.of(db, settlement_id)))


def get_settlement(db: sqlite_utils.Database, settlement_id: str) -> StoredSettlement:
    found = find_settlement(db, settlement_id)
    if found is None:
        raise StoreError(f"settlement: no settlement {settlement_id!r} on this desk")
    return found


def find_by_receipt(db: sqlite_utils.Database, receipt_no: int) -> StoredSettlement | None:
    row = db.execute("SELECT id FROM settlements WHERE receipt_no = ?", (receipt_no,)).fetchone()
    return find_settlement(db, row[0]) if row else None


def settlements_on(db: sqlite_utils.Database, day: dt.date) -> list[StoredSettlement]:
    ids = [r[0] for r in db.execute("SELECT id FROM settlements WHERE day = ? ORDER BY receipt_no", (day.isoformat(),))]
    return [get_settlement(db, i) for i in ids]
